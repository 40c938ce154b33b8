using BmoLearning.Core.Learners;

namespace BmoLearning.Host.Learners;

public sealed record CreateLearnerRequest(
    string? Email,
    string? Name,
    string? Phone,
    string? SlackUserId,
    string? PreferredChannel,
    string? TimeZone,
    int? PreferredDeliveryHour);

/// <summary>Omitted (or null) fields are left unchanged; an empty string clears phone or slack_user_id.</summary>
public sealed record UpdateLearnerRequest(
    string? Email,
    string? Name,
    string? Phone,
    string? SlackUserId,
    string? PreferredChannel,
    string? TimeZone,
    int? PreferredDeliveryHour);

public sealed record LearnerResponse(
    Guid Id,
    string Email,
    string Name,
    string? Phone,
    string? SlackUserId,
    string PreferredChannel,
    string TimeZone,
    int PreferredDeliveryHour,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public static class LearnerMapping
{
    public static LearnerResponse ToResponse(this Learner learner) => new(
        learner.Id, learner.Email, learner.Name, learner.Phone, learner.SlackUserId,
        learner.PreferredChannel.ToString().ToLowerInvariant(), learner.TimeZone, learner.PreferredDeliveryHour,
        learner.CreatedAt, learner.UpdatedAt);
}
