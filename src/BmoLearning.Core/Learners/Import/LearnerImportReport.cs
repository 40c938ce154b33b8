namespace BmoLearning.Core.Learners.Import;

public enum LearnerImportOutcome
{
    Created,
    Updated,
    Unchanged,
    Rejected,
}

/// <summary>A field of a row and why it was refused, e.g. ("phone", "must be in E.164 format...").</summary>
public sealed record LearnerImportError(string Field, string Reason);

/// <summary>What happened to one data row (Line counts the header as line 1, as a spreadsheet does).</summary>
public sealed record LearnerImportRow(
    int Line, string? Email, LearnerImportOutcome Outcome, Guid? LearnerId,
    IReadOnlyList<LearnerImportError> Errors, IReadOnlyList<string> Notes);

/// <summary>
/// The result of an import: either the whole file refused (Refusal names the column, encoding or limit, and
/// nothing was written) or one entry per data row.
/// </summary>
public sealed record LearnerImportReport(string? Refusal, IReadOnlyList<LearnerImportRow> Rows)
{
    public bool Refused => Refusal is not null;

    public int Count(LearnerImportOutcome outcome) => Rows.Count(r => r.Outcome == outcome);

    /// <summary>The learners the file names that are now in the database (created, updated or unchanged).</summary>
    public IReadOnlyList<Guid> ImportedIds => Rows.Where(r => r.LearnerId is not null).Select(r => r.LearnerId!.Value).ToList();

    public static LearnerImportReport Refuse(string reason) => new(reason, []);
}
