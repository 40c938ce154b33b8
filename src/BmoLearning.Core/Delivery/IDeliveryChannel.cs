using BmoLearning.Core.Learners;
using BmoLearning.Core.Lessons;

namespace BmoLearning.Core.Delivery;

/// <summary>A way to put a lesson in front of a learner (Slack, SMS, email, web).</summary>
public interface IDeliveryChannel
{
    DeliveryChannel Channel { get; }

    /// <summary>Why this channel cannot reach the learner now (not configured, no address, opted out), or null when it can.</summary>
    string? CannotReach(Learner learner);

    Task<SendResult> SendAsync(DeliveryMessage message, CancellationToken ct);
}

/// <summary>What to send: sequence 0 is the lesson, 1.. a reminder about its unanswered question.</summary>
public sealed record DeliveryMessage(Guid DeliveryId, Learner Learner, Lesson Lesson, int Sequence);

public enum SendOutcome
{
    Sent,
    /// <summary>The provider asked us to slow down; try again after RetryAfter.</summary>
    RateLimited,
    /// <summary>May work on a later try (network, 5xx).</summary>
    Transient,
    /// <summary>Will not work on this channel (bad address, unsubscribed, revoked token).</summary>
    Permanent,
}

public sealed record SendResult(SendOutcome Outcome, string? ProviderMessageId = null, string? ProviderChannelId = null, string? Error = null, TimeSpan? RetryAfter = null)
{
    /// <summary>The provider says the recipient unsubscribed (Twilio 21610): recorded on the learner.</summary>
    public bool RecipientOptedOut { get; init; }

    public static SendResult Sent(string? messageId, string? channelId = null) => new(SendOutcome.Sent, messageId, channelId);

    public static SendResult RateLimited(TimeSpan? retryAfter, string error) => new(SendOutcome.RateLimited, Error: error, RetryAfter: retryAfter);

    public static SendResult Transient(string error) => new(SendOutcome.Transient, Error: error);

    public static SendResult Permanent(string error) => new(SendOutcome.Permanent, Error: error);
}
