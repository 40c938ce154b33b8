using System.Text;
using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Core.Learners.Import;

/// <summary>
/// Imports learners from CSV (email, name, team, phone, slack_id, time_zone) for the console's Enrol page.
/// The file is refused whole, with a reason, when it is not UTF-8, has a missing or unknown column, a broken
/// quote or more than <see cref="MaxRows"/> rows; otherwise every row is checked on its own: bad rows are
/// rejected with the field and reason, good rows are created, or update the learner with the same email (so
/// importing the same file twice changes nothing). Text that a spreadsheet would run as a formula is stored
/// with an apostrophe in front.
/// </summary>
public sealed class LearnerCsvImport(AppDbContext db, TimeProvider time)
{
    public const int MaxRows = 10_000;
    public const int MaxBytes = 8 * 1024 * 1024;
    private const int BatchSize = 500;

    public static readonly IReadOnlyList<string> Columns = ["email", "name", "team", "phone", "slack_id", "time_zone"];
    private static readonly string[] Required = ["email", "name"];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Imports the file. <paramref name="allowedTeams"/> is a manager's teams (each row must name one of them,
    /// and an existing learner must be in one); null lets every team through.
    /// </summary>
    public async Task<LearnerImportReport> ImportAsync(Stream csv, IReadOnlyCollection<string>? allowedTeams, CancellationToken ct)
    {
        var (text, refusal) = await DecodeAsync(csv, ct);
        if (refusal is not null)
        {
            return LearnerImportReport.Refuse(refusal);
        }

        List<CsvRecord> records;
        try
        {
            records = CsvReader.Read(text!).ToList();
        }
        catch (CsvFormatException e)
        {
            return LearnerImportReport.Refuse($"The file is not valid CSV: {e.Message}");
        }

        if (records.Count == 0)
        {
            return LearnerImportReport.Refuse($"The file is empty: the first line must name the columns ({string.Join(", ", Columns)}).");
        }

        var (columns, headerProblem) = ReadHeader(records[0]);
        if (headerProblem is not null)
        {
            return LearnerImportReport.Refuse(headerProblem);
        }

        var dataRows = records.Count - 1;
        if (dataRows > MaxRows)
        {
            return LearnerImportReport.Refuse($"The file has {dataRows:N0} rows; at most {MaxRows:N0} are imported at once. Split it into files of {MaxRows:N0} rows or fewer. Nothing was imported.");
        }

        var candidates = records.Skip(1).Select(r => Check(r, columns!, allowedTeams)).ToList();
        MarkDuplicates(candidates);
        var results = await WriteAsync(candidates, allowedTeams, ct);
        return new LearnerImportReport(null, results);
    }

    private static async Task<(string? Text, string? Refusal)> DecodeAsync(Stream csv, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await csv.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                return (null, $"The file is larger than {MaxBytes / (1024 * 1024)} MiB; at most {MaxRows:N0} rows are imported at once. Nothing was imported.");
            }
        }

        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.StartsWith((byte[])[0xFF, 0xFE]) || bytes.StartsWith((byte[])[0xFE, 0xFF]))
        {
            return (null, "The file is UTF-16 text; save it as \"CSV UTF-8\" and import it again. Nothing was imported.");
        }

        if (bytes.StartsWith((byte[])[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        try
        {
            return (StrictUtf8.GetString(bytes), null);
        }
        catch (DecoderFallbackException e)
        {
            var at = e.Index >= 0 ? $" (byte {e.Index + 1})" : string.Empty;
            return (null, $"The file is not UTF-8 text{at}; it may be Windows-1252 or Latin-1. Save it as \"CSV UTF-8\" and import it again. Nothing was imported.");
        }
    }

    private static (Dictionary<string, int>? Columns, string? Problem) ReadHeader(CsvRecord header)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i].Trim().ToLowerInvariant();
            if (!Columns.Contains(name))
            {
                var shown = name.Length > 40 ? name[..40] + "…" : name;
                return (null, $"Unknown column \"{shown}\" (column {i + 1}). The columns are {string.Join(", ", Columns)}; email and name are required. Nothing was imported.");
            }

            if (!columns.TryAdd(name, i))
            {
                return (null, $"The column \"{name}\" appears twice. Nothing was imported.");
            }
        }

        var missing = Required.Where(r => !columns.ContainsKey(r)).ToList();
        return missing.Count > 0
            ? (null, $"Missing column{(missing.Count > 1 ? "s" : "")} {string.Join(" and ", missing.Select(m => $"\"{m}\""))}. The columns are {string.Join(", ", Columns)}; email and name are required. Nothing was imported.")
            : (columns, null);
    }

    private sealed class Candidate(int line)
    {
        public int Line { get; } = line;
        public string? Email { get; set; }
        public string? Name { get; set; }
        public string? Team { get; set; }
        public string? Phone { get; set; }
        public string? SlackUserId { get; set; }
        public string? TimeZone { get; set; }
        public List<LearnerImportError> Errors { get; } = [];
        public List<string> Notes { get; } = [];
        public LearnerImportRow Result(LearnerImportOutcome outcome, Guid? id) => new(Line, Email, outcome, id, Errors, Notes);
    }

    private static Candidate Check(CsvRecord record, Dictionary<string, int> columns, IReadOnlyCollection<string>? allowedTeams)
    {
        var row = new Candidate(record.Line);
        if (record.Fields.Count != columns.Count)
        {
            row.Errors.Add(new("row", $"has {record.Fields.Count} fields; the header has {columns.Count}."));
            row.Email = Get(record, columns, "email");
            return row;
        }

        var email = Get(record, columns, "email");
        if (email is null)
        {
            row.Errors.Add(new("email", "is required."));
        }
        else if (CsvWriter.LooksLikeFormula(email))
        {
            row.Errors.Add(new("email", "must not start with =, +, - or @ (it would run as a spreadsheet formula)."));
            row.Email = CsvWriter.Neutralise(email);
        }
        else if (!LearnerRules.IsEmail(email))
        {
            row.Errors.Add(new("email", "must be a valid email address, such as name@example.com."));
            row.Email = email;
        }
        else
        {
            row.Email = LearnerRules.NormalizeEmail(email);
        }

        row.Name = Text(row, "name", Get(record, columns, "name"), LearnerRules.MaxNameLength);
        if (row.Name is null)
        {
            row.Errors.Add(new("name", "is required."));
        }

        row.Team = Text(row, "team", Get(record, columns, "team"), Learner.MaxTeamLength);
        if (allowedTeams is not null)
        {
            var team = allowedTeams.FirstOrDefault(t => string.Equals(t, row.Team, StringComparison.OrdinalIgnoreCase));
            if (team is null)
            {
                row.Errors.Add(new("team", $"must be one of your teams: {string.Join(", ", allowedTeams)}."));
            }

            row.Team = team ?? row.Team;
        }

        row.Phone = Get(record, columns, "phone");
        if (row.Phone is not null && !LearnerRules.IsPhone(row.Phone))
        {
            row.Errors.Add(new("phone", "must be in E.164 format: + then country code and number, e.g. +14165550199."));
        }

        row.SlackUserId = Get(record, columns, "slack_id");
        if (row.SlackUserId is not null && !LearnerRules.IsSlackUserId(row.SlackUserId))
        {
            row.Errors.Add(new("slack_id", "must be a Slack member id such as U012AB3CD."));
        }

        row.TimeZone = Get(record, columns, "time_zone");
        if (row.TimeZone is not null && !LearnerRules.IsTimeZone(row.TimeZone))
        {
            row.Errors.Add(new("time_zone", "must be an IANA time zone id such as America/Toronto."));
        }

        return row;
    }

    /// <summary>Free text (name, team): trimmed, length-checked, and a formula prefix neutralised (noted in the report).</summary>
    private static string? Text(Candidate row, string field, string? value, int maxLength)
    {
        if (value is null)
        {
            return null;
        }

        if (CsvWriter.LooksLikeFormula(value))
        {
            value = CsvWriter.Neutralise(value)!;
            row.Notes.Add($"{field} starts like a spreadsheet formula; stored with an apostrophe in front.");
        }

        if (value.Length > maxLength)
        {
            row.Errors.Add(new(field, $"must be at most {maxLength} characters."));
        }

        return value;
    }

    private static string? Get(CsvRecord record, Dictionary<string, int> columns, string column) =>
        columns.TryGetValue(column, out var i) && i < record.Fields.Count && record.Fields[i].Trim() is { Length: > 0 } value ? value : null;

    /// <summary>An email that appears twice in one file: the first row wins, later ones are rejected (which row would be ambiguous).</summary>
    private static void MarkDuplicates(List<Candidate> rows)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => r.Errors.Count == 0))
        {
            if (!first.TryAdd(row.Email!, row.Line))
            {
                row.Errors.Add(new("email", $"appears again: line {first[row.Email!]} already has {row.Email}."));
            }
        }
    }

    private async Task<List<LearnerImportRow>> WriteAsync(List<Candidate> rows, IReadOnlyCollection<string>? allowedTeams, CancellationToken ct)
    {
        var results = new Dictionary<int, LearnerImportRow>();
        foreach (var bad in rows.Where(r => r.Errors.Count > 0))
        {
            results[bad.Line] = bad.Result(LearnerImportOutcome.Rejected, null);
        }

        foreach (var batch in rows.Where(r => r.Errors.Count == 0).Chunk(BatchSize))
        {
            try
            {
                await WriteBatchAsync(batch, allowedTeams, results, ct);
            }
            catch (DbUpdateException) when (!ct.IsCancellationRequested)
            {
                // Someone created one of these emails meanwhile: redo the batch row by row, so only that row is affected.
                db.ChangeTracker.Clear();
                foreach (var row in batch)
                {
                    try
                    {
                        await WriteBatchAsync([row], allowedTeams, results, ct);
                    }
                    catch (DbUpdateException) when (!ct.IsCancellationRequested)
                    {
                        db.ChangeTracker.Clear();
                        row.Errors.Add(new("email", "was created by someone else during the import; import the file again."));
                        results[row.Line] = row.Result(LearnerImportOutcome.Rejected, null);
                    }
                }
            }
        }

        return results.OrderBy(r => r.Key).Select(r => r.Value).ToList();
    }

    private async Task WriteBatchAsync(Candidate[] batch, IReadOnlyCollection<string>? allowedTeams, Dictionary<int, LearnerImportRow> results, CancellationToken ct)
    {
        var emails = batch.Select(r => r.Email!).ToList();
        var existing = await db.Learners.Where(l => emails.Contains(l.Email)).ToDictionaryAsync(l => l.Email, StringComparer.Ordinal, ct);
        var now = time.GetUtcNow();
        var outcomes = new List<(Candidate Row, LearnerImportOutcome Outcome, Learner? Learner)>();
        foreach (var row in batch)
        {
            if (!existing.TryGetValue(row.Email!, out var learner))
            {
                learner = new Learner
                {
                    Email = row.Email!,
                    Name = row.Name!,
                    Team = row.Team,
                    Phone = row.Phone,
                    SlackUserId = row.SlackUserId,
                    TimeZone = row.TimeZone ?? "UTC",
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                db.Learners.Add(learner);
                outcomes.Add((row, LearnerImportOutcome.Created, learner));
                continue;
            }

            if (allowedTeams is not null && !allowedTeams.Contains(learner.Team ?? string.Empty, StringComparer.OrdinalIgnoreCase))
            {
                row.Errors.Add(new("email", "belongs to a learner outside your teams; an administrator can change it."));
                outcomes.Add((row, LearnerImportOutcome.Rejected, null));
                continue;
            }

            // An empty cell leaves the stored value as it is: a partial file never wipes contact details.
            var changed = new List<string>();
            Update(learner.Name, row.Name, v => learner.Name = v!, "name", changed);
            Update(learner.Team, row.Team, v => learner.Team = v, "team", changed);
            Update(learner.Phone, row.Phone, v => learner.Phone = v, "phone", changed);
            Update(learner.SlackUserId, row.SlackUserId, v => learner.SlackUserId = v, "slack_id", changed);
            Update(learner.TimeZone, row.TimeZone, v => learner.TimeZone = v!, "time_zone", changed);
            if (changed.Count > 0)
            {
                learner.UpdatedAt = now;
                row.Notes.Add($"updated {string.Join(", ", changed)}.");
            }

            outcomes.Add((row, changed.Count > 0 ? LearnerImportOutcome.Updated : LearnerImportOutcome.Unchanged, learner));
        }

        await db.SaveChangesAsync(ct);
        foreach (var (row, outcome, learner) in outcomes)
        {
            results[row.Line] = row.Result(outcome, learner?.Id);
        }
    }

    private static void Update(string? current, string? given, Action<string?> set, string field, List<string> changed)
    {
        if (given is not null && !string.Equals(current, given, StringComparison.Ordinal))
        {
            set(given);
            changed.Add(field);
        }
    }
}
