using BmoLearning.Core.Learners;

namespace BmoLearning.Core.Delivery;

/// <summary>
/// One attempt to put a lesson (or a reminder about its question) in front of a learner on one channel.
/// The idempotency key (lesson, channel, sequence) is unique: a retried job finds the record and never sends twice.
/// </summary>
public sealed class LessonDelivery
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid LessonId { get; set; }
    public Guid LearnerId { get; set; }
    public DeliveryChannel Channel { get; set; }
    /// <summary>0 for the lesson itself, 1.. for reminders about its unanswered question.</summary>
    public int Sequence { get; set; }
    public required string IdempotencyKey { get; set; }
    public DeliveryStatus Status { get; set; } = DeliveryStatus.Queued;
    public int Attempts { get; set; }
    public string? Error { get; set; }
    /// <summary>Slack message ts, Twilio message SID, email Message-Id.</summary>
    public string? ProviderMessageId { get; set; }
    /// <summary>Where the provider put it: the Slack DM channel id (needed to update the message on answer).</summary>
    public string? ProviderChannelId { get; set; }
    /// <summary>The channel this record stands in for, when the learner's earlier channel could not be used.</summary>
    public DeliveryChannel? FallbackFrom { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    public static string KeyFor(Guid lessonId, DeliveryChannel channel, int sequence) =>
        $"{lessonId:N}:{channel.ToString().ToLowerInvariant()}:{sequence}";
}

public enum DeliveryStatus
{
    Queued,
    Sending,
    Sent,
    Failed,
}
