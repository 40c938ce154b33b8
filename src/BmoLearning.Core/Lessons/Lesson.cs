namespace BmoLearning.Core.Lessons;

/// <summary>A generated micro-lesson with one multiple-choice question.</summary>
public sealed class Lesson
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid LearningPathId { get; set; }
    public Guid LearnerId { get; set; }
    public required string Topic { get; set; }
    public Difficulty Difficulty { get; set; }
    public required string Content { get; set; }
    public List<string> KeyPoints { get; set; } = [];
    public required string Scenario { get; set; }
    public required string QuizQuestion { get; set; }
    public List<string> QuizOptions { get; set; } = [];
    public int CorrectAnswer { get; set; }
    /// <summary>One sentence from the cited source that supports the correct answer.</summary>
    public required string Explanation { get; set; }
    public List<LessonSource> Sources { get; set; } = [];
    public required string GeneratorName { get; set; }
    public required string GeneratorVersion { get; set; }
    /// <summary>Set when the preferred (LLM) generator was not used, with the reason.</summary>
    public string? FallbackReason { get; set; }
    public string? Model { get; set; }
    public int InputTokens { get; set; }
    public int OutputTokens { get; set; }
    public decimal? EstimatedCostUsd { get; set; }
    /// <summary>Codes of safety issues found and handled before storing (e.g. pii.card when a number was redacted).</summary>
    public List<string> SafetyIssues { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public string? DeliveryChannel { get; set; }
    /// <summary>Set on a review question: the lesson whose concepts it re-tests with a new variant (issue 12).</summary>
    public Guid? ReviewOfLessonId { get; set; }

    /// <summary>Lifecycle (issue 14): published unless the approval policy holds it as a draft for a reviewer.</summary>
    public LessonStatus Status { get; set; } = LessonStatus.Published;
    /// <summary>Who last approved, rejected or retired it ("key:&lt;key id&gt;"), when, and why.</summary>
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReviewReason { get; set; }
    /// <summary>The approved lesson this one was copied from (the library), instead of generating a new one.</summary>
    public Guid? LibraryLessonId { get; set; }
    /// <summary>When a new source version changed or removed a passage it cites (status stale).</summary>
    public DateTimeOffset? StaleAt { get; set; }
}

/// <summary>
/// draft → approved → published (delivered) → retired; a rejected draft is retired with the reason. Any lesson whose
/// cited passage changed in a new source version becomes stale: never delivered, retired when regenerated.
/// </summary>
public enum LessonStatus
{
    Draft,
    Approved,
    Published,
    Retired,
    Stale,
}
