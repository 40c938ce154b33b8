using BmoLearning.Core.Learners;

namespace BmoLearning.Host.Learners;

public sealed record CreateLearnerRequest(
    string? Email,
    string? Name,
    string? Phone,
    string? SlackUserId,
    string? PreferredChannel,
    string? TimeZone,
    int? PreferredDeliveryHour,
    string? QuietHoursStart = null,
    string? QuietHoursEnd = null);

/// <summary>
/// Omitted (or null) fields are left unchanged; an empty string clears phone, slack_user_id or a quiet-hours
/// bound (which then falls back to the organisation's default). Quiet hours are local "HH:mm".
/// </summary>
public sealed record UpdateLearnerRequest(
    string? Email,
    string? Name,
    string? Phone,
    string? SlackUserId,
    string? PreferredChannel,
    string? TimeZone,
    int? PreferredDeliveryHour,
    string? QuietHoursStart = null,
    string? QuietHoursEnd = null);

public sealed record LearnerResponse(
    Guid Id,
    string Email,
    string Name,
    string? Phone,
    string? SlackUserId,
    string PreferredChannel,
    string TimeZone,
    int PreferredDeliveryHour,
    string? QuietHoursStart,
    string? QuietHoursEnd,
    bool SmsOptedOut,
    DateTimeOffset? SmsOptedOutAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public static class LearnerMapping
{
    public static LearnerResponse ToResponse(this Learner learner) => new(
        learner.Id, learner.Email, learner.Name, learner.Phone, learner.SlackUserId,
        learner.PreferredChannel.ToString().ToLowerInvariant(), learner.TimeZone, learner.PreferredDeliveryHour,
        learner.QuietHoursStart?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        learner.QuietHoursEnd?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        learner.SmsOptedOut, learner.SmsOptedOutAt, learner.CreatedAt, learner.UpdatedAt);
}
