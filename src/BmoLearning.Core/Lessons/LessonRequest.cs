namespace BmoLearning.Core.Lessons;

/// <summary>A queued request to generate a lesson; the worker moves it to ready or failed.</summary>
public sealed class LessonRequest
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid LearnerId { get; set; }
    public Guid LearningPathId { get; set; }
    public required string Topic { get; set; }
    public Difficulty Difficulty { get; set; }
    /// <summary>Who asked: an on-demand lesson is delivered as soon as quiet hours allow; a scheduled one only in the learner's window.</summary>
    public LessonRequestOrigin Origin { get; set; } = LessonRequestOrigin.OnDemand;
    public LessonRequestStatus Status { get; set; } = LessonRequestStatus.Queued;
    public string? Error { get; set; }
    public int Attempts { get; set; }
    public Guid? LessonId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

public enum LessonRequestStatus
{
    Queued,
    Generating,
    Ready,
    Failed,
    /// <summary>The lesson is a draft waiting for a reviewer (approval policy on); it is not delivered until approved.</summary>
    AwaitingApproval,
}

public enum LessonRequestOrigin
{
    OnDemand,
    Scheduled,
}
