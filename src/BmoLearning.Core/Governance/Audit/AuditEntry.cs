namespace BmoLearning.Core.Governance.Audit;

/// <summary>
/// One link of the append-only audit chain: who did what to which subject, and the SHA-256 of the entry before it.
/// Never updated or deleted (on PostgreSQL the application role cannot).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    /// <summary>1, 2, 3... without gaps: a deleted entry leaves a hole, two swapped entries run backwards.</summary>
    public long Sequence { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>Who acted: "key:&lt;key id&gt;", "console:&lt;user&gt;", "system" — never a secret or a person's contact data.</summary>
    public required string Actor { get; set; }
    /// <summary>A stable dotted name, e.g. document.uploaded, learner.erased, lesson.generated.</summary>
    public required string Action { get; set; }
    public string? SubjectType { get; set; }
    public string? SubjectId { get; set; }
    /// <summary>Details as canonical JSON (sorted keys); ids and decisions only, no personal data.</summary>
    public string Data { get; set; } = "{}";
    /// <summary>Hex SHA-256 of the previous entry (64 zeros for the first).</summary>
    public required string PreviousHash { get; set; }
    /// <summary>Hex SHA-256 of PreviousHash and this entry's canonical form.</summary>
    public required string Hash { get; set; }
}
