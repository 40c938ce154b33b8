namespace BmoLearning.Core.LearningPaths;

/// <summary>A learner's course of lessons on one topic.</summary>
public sealed class LearningPath
{
    public const int DefaultTotalLessons = 10;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid LearnerId { get; set; }
    public required string Topic { get; set; }
    /// <summary>Lower-cased, whitespace-collapsed topic: the key that makes (learner, topic) unique.</summary>
    public required string TopicKey { get; set; }
    public PathStatus Status { get; set; } = PathStatus.Active;
    public int LessonsCompleted { get; set; }
    public int TotalLessons { get; set; } = DefaultTotalLessons;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    public static string KeyFor(string topic) =>
        string.Join(' ', topic.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    /// <summary>Counts a correctly answered lesson; completes the path at its total.</summary>
    public void RecordCorrectAnswer(DateTimeOffset now)
    {
        if (Status == PathStatus.Completed)
        {
            return;
        }

        LessonsCompleted++;
        UpdatedAt = now;
        if (LessonsCompleted >= TotalLessons)
        {
            Status = PathStatus.Completed;
            CompletedAt = now;
        }
    }
}
