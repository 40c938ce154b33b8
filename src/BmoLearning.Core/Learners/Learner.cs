namespace BmoLearning.Core.Learners;

/// <summary>A member of staff who receives lessons.</summary>
public sealed class Learner
{
    public const int MaxTeamLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Email { get; set; }
    public required string Name { get; set; }
    /// <summary>E.164, e.g. +14165550199.</summary>
    public string? Phone { get; set; }
    public string? SlackUserId { get; set; }
    /// <summary>The team the learner belongs to (free text, e.g. "Cards"); managers see only their teams' learners.</summary>
    public string? Team { get; set; }
    public DeliveryChannel PreferredChannel { get; set; } = DeliveryChannel.Web;
    /// <summary>IANA time zone id, e.g. America/Toronto.</summary>
    public string TimeZone { get; set; } = "UTC";
    /// <summary>Local hour (0–23) at which scheduled lessons are sent.</summary>
    public int PreferredDeliveryHour { get; set; } = 9;
    /// <summary>Start of the learner's quiet hours (local); null uses the organisation's default.</summary>
    public TimeOnly? QuietHoursStart { get; set; }
    /// <summary>End of the learner's quiet hours (local); null uses the organisation's default.</summary>
    public TimeOnly? QuietHoursEnd { get; set; }
    /// <summary>The learner texted STOP: no SMS is sent until they text START.</summary>
    public bool SmsOptedOut { get; set; }
    public DateTimeOffset? SmsOptedOutAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>
    /// Set when the person's data was erased (issue 14): the row stays, pseudonymous, so analytics keep their totals;
    /// the API treats the learner as gone and nothing is delivered to it.
    /// </summary>
    public DateTimeOffset? ErasedAt { get; set; }
}
