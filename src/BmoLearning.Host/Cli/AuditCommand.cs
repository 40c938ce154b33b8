using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BmoLearning.Core.Data;
using BmoLearning.Core.Governance.Audit;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Host.Cli;

/// <summary>`bmo audit verify` and `bmo audit export --from --to`.</summary>
public static class AuditCommand
{
    private static readonly Option<string?> FromOption = new("--from") { Description = "First instant included (ISO 8601, e.g. 2026-01-01 or 2026-01-01T09:00:00Z). Default: the beginning." };
    private static readonly Option<string?> ToOption = new("--to") { Description = "Instant excluded (ISO 8601). Default: now." };

    public static Command Create()
    {
        var verify = new Command("verify", "Walk the audit chain: exit 0 when intact, 1 naming the first altered, deleted or reordered entry.") { BmoCommandLine.DataDirOption };
        verify.TreatUnmatchedTokensAsErrors = false;
        verify.SetAction((parse, ct) => DataCommands.RunAsync(parse, async (services, token) =>
        {
            var result = await services.GetRequiredService<AuditVerifier>().VerifyAsync(token);
            if (result.Intact)
            {
                Console.WriteLine($"Audit chain intact: {result.EntriesChecked} entries.");
                return 0;
            }

            await Console.Error.WriteLineAsync($"Audit chain broken: {result.Problem}. {result.EntriesChecked} entries before it are intact.");
            return 1;
        }, ct));

        var export = new Command("export", "Write audit entries as JSON Lines to standard output.") { FromOption, ToOption, BmoCommandLine.DataDirOption };
        export.TreatUnmatchedTokensAsErrors = false;
        export.SetAction((parse, ct) =>
        {
            if (!TryParseInstant(parse.GetValue(FromOption), "--from", out var from) || !TryParseInstant(parse.GetValue(ToOption), "--to", out var to))
            {
                return Task.FromResult(2);
            }

            if (from is not null && to is not null && from >= to)
            {
                Console.Error.WriteLine("--from must be before --to.");
                return Task.FromResult(2);
            }

            return DataCommands.RunAsync(parse, (services, token) => ExportAsync(services.GetRequiredService<AppDbContext>(), from, to, Console.Out, token), ct);
        });

        return new Command("audit", "The tamper-evident audit log.") { verify, export };
    }

    public static async Task<int> ExportAsync(AppDbContext db, DateTimeOffset? from, DateTimeOffset? to, TextWriter output, CancellationToken ct)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (from is { } start)
        {
            query = query.Where(e => e.At >= start);
        }

        if (to is { } end)
        {
            query = query.Where(e => e.At < end);
        }

        await foreach (var e in query.OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            // Details stay as the stored canonical JSON, so an exported line can be re-hashed by anyone.
            var line = JsonSerializer.Serialize(new
            {
                sequence = e.Sequence,
                at = e.At,
                actor = e.Actor,
                action = e.Action,
                subject_type = e.SubjectType,
                subject_id = e.SubjectId,
                data = e.Data,
                previous_hash = e.PreviousHash,
                hash = e.Hash,
            });
            await output.WriteLineAsync(line);
        }

        await output.FlushAsync(ct);
        return 0;
    }

    private static bool TryParseInstant(string? text, string option, out DateTimeOffset? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        Console.Error.WriteLine($"{option} '{text}' is not a date (ISO 8601, e.g. 2026-01-01 or 2026-01-01T09:00:00Z).");
        return false;
    }
}
