using BmoLearning.Core.Data;
using BmoLearning.Core.Governance.Audit;
using BmoLearning.Host.Cli;
using BmoLearning.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Tests.Governance;

/// <summary>The audit chain on this run's provider (SQLite, then PostgreSQL in the second pass): tampering is named.</summary>
public sealed class AuditChainTests
{
    private static async Task<CoreServices> ChainOfFiveAsync()
    {
        var core = await CoreServices.CreateAsync();
        await using var scope = core.Scope();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        for (var i = 1; i <= 5; i++)
        {
            await audit.AppendAsync("key:admin", "document.uploaded", "document", $"doc-{i}", new { title = $"Policy {i}", chunks = i * 3 }, CancellationToken.None);
        }

        return core;
    }

    private static async Task<AuditVerification> VerifyAsync(CoreServices core)
    {
        await using var scope = core.Scope();
        return await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(CancellationToken.None);
    }

    private static async Task TamperAsync(CoreServices core, Func<AppDbContext, Task> tamper)
    {
        await using var scope = core.Scope();
        await tamper(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    [Fact]
    public async Task An_untouched_chain_verifies_and_each_entry_links_to_the_one_before()
    {
        await using var core = await ChainOfFiveAsync();

        var result = await VerifyAsync(core);

        Assert.True(result.Intact, result.Problem);
        Assert.Equal(5, result.EntriesChecked);
        await using var scope = core.Scope();
        var entries = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(AuditHashing.GenesisHash, entries[0].PreviousHash);
        for (var i = 1; i < entries.Count; i++)
        {
            Assert.Equal(entries[i - 1].Hash, entries[i].PreviousHash);
        }
    }

    [Fact]
    public async Task Changing_one_byte_of_an_entry_names_that_entry()
    {
        await using var core = await ChainOfFiveAsync();

        await TamperAsync(core, async db =>
        {
            var entry = await db.AuditEntries.SingleAsync(e => e.Sequence == 3);
            entry.Data = entry.Data.Replace("\"chunks\":9", "\"chunks\":8", StringComparison.Ordinal);
            Assert.Equal(1, await db.SaveChangesAsync());
        });
        var result = await VerifyAsync(core);

        Assert.False(result.Intact);
        Assert.Equal(3, result.BrokenSequence);
        Assert.Contains("entry 3", result.Problem, StringComparison.Ordinal);
        Assert.Contains("altered", result.Problem, StringComparison.Ordinal);
        Assert.Equal(2, result.EntriesChecked);
    }

    [Fact]
    public async Task Deleting_an_entry_names_the_missing_entry()
    {
        await using var core = await ChainOfFiveAsync();

        await TamperAsync(core, async db => Assert.Equal(1, await db.AuditEntries.Where(e => e.Sequence == 2).ExecuteDeleteAsync()));
        var result = await VerifyAsync(core);

        Assert.False(result.Intact);
        Assert.Contains("entry 2 is missing", result.Problem, StringComparison.Ordinal);
        Assert.Contains("deleted", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_an_entry_and_renumbering_the_rest_is_still_caught()
    {
        await using var core = await ChainOfFiveAsync();

        // A careful forger closes the gap; the hashes still give it away.
        await TamperAsync(core, async db =>
        {
            await db.AuditEntries.Where(e => e.Sequence == 2).ExecuteDeleteAsync();
            foreach (var entry in await db.AuditEntries.Where(e => e.Sequence > 2).OrderBy(e => e.Sequence).ToListAsync())
            {
                entry.Sequence--;
                await db.SaveChangesAsync();
            }
        });
        var result = await VerifyAsync(core);

        Assert.False(result.Intact);
        Assert.Equal(2, result.BrokenSequence);
    }

    [Fact]
    public async Task Swapping_two_entries_names_the_first_out_of_place()
    {
        await using var core = await ChainOfFiveAsync();

        await TamperAsync(core, async db =>
        {
            var a = await db.AuditEntries.SingleAsync(e => e.Sequence == 2);
            var b = await db.AuditEntries.SingleAsync(e => e.Sequence == 4);
            var (copyA, copyB) = (Copy(a), Copy(b));
            a.Sequence = -1; // frees the unique sequence for the swap
            await db.SaveChangesAsync();
            Apply(b, copyA);
            await db.SaveChangesAsync();
            Apply(a, copyB);
            await db.SaveChangesAsync();
        });
        var result = await VerifyAsync(core);

        Assert.False(result.Intact);
        Assert.Equal(4, result.BrokenSequence);
        Assert.Contains("entry 4", result.Problem, StringComparison.Ordinal);
        Assert.Contains("reordered", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bmo_audit_verify_exits_0_on_an_intact_chain_and_1_naming_the_altered_entry()
    {
        await using var core = await ChainOfFiveAsync();
        var env = Environment(core);

        var (intactExit, intactOutput) = await BmoProcess.RunAsync(["audit", "verify"], env);
        await TamperAsync(core, db => db.AuditEntries.Where(e => e.Sequence == 4)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Actor, "key:admim")));
        var (brokenExit, brokenOutput) = await BmoProcess.RunAsync(["audit", "verify"], env);

        Assert.True(intactExit == 0, intactOutput);
        Assert.Contains("intact: 5 entries", intactOutput, StringComparison.Ordinal);
        Assert.True(brokenExit == 1, brokenOutput);
        Assert.Contains("entry 4", brokenOutput, StringComparison.Ordinal);
        Assert.Contains("altered", brokenOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_writes_the_entries_of_the_period_as_json_lines()
    {
        await using var core = await ChainOfFiveAsync();
        await using var scope = core.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var third = await db.AuditEntries.SingleAsync(e => e.Sequence == 3);
        using var all = new StringWriter();
        using var fromThird = new StringWriter();

        await AuditCommand.ExportAsync(db, null, null, all, CancellationToken.None);
        await AuditCommand.ExportAsync(db, third.At, null, fromThird, CancellationToken.None);

        var lines = all.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        var first = System.Text.Json.JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal(1, first.GetProperty("sequence").GetInt64());
        Assert.Equal("document.uploaded", first.GetProperty("action").GetString());
        Assert.Equal(64, first.GetProperty("hash").GetString()!.Length);
        Assert.True(fromThird.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length >= 3);
    }

    [Fact]
    public async Task Export_with_a_bad_date_exits_2_naming_the_option()
    {
        var (exit, output) = await BmoProcess.RunAsync(["audit", "export", "--from", "yesterday"], new Dictionary<string, string>());

        Assert.Equal(2, exit);
        Assert.Contains("--from 'yesterday' is not a date", output, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Environment(CoreServices core) =>
        TestSettings.For(core.DataDir, seeded: false, out _)
            .Where(s => s.Value is not null)
            .ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);

    private static AuditEntry Copy(AuditEntry e) => new()
    {
        Sequence = e.Sequence, At = e.At, Actor = e.Actor, Action = e.Action, SubjectType = e.SubjectType,
        SubjectId = e.SubjectId, Data = e.Data, PreviousHash = e.PreviousHash, Hash = e.Hash,
    };

    private static void Apply(AuditEntry target, AuditEntry from)
    {
        target.Sequence = from.Sequence;
        target.At = from.At;
        target.Actor = from.Actor;
        target.Action = from.Action;
        target.SubjectType = from.SubjectType;
        target.SubjectId = from.SubjectId;
        target.Data = from.Data;
        target.PreviousHash = from.PreviousHash;
        target.Hash = from.Hash;
    }
}
