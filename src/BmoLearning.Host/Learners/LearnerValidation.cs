using BmoLearning.Core.Learners;
using BmoLearning.Host.Errors;

namespace BmoLearning.Host.Learners;

/// <summary>Field rules for learners, shared by create and update (the rules themselves are <see cref="LearnerRules"/>).</summary>
public static class LearnerValidation
{
    public static void Email(FieldErrors errors, string email)
    {
        if (!LearnerRules.IsEmail(email))
        {
            errors.Add("email", "must be a valid email address, such as name@example.com.");
        }
    }

    public static void Phone(FieldErrors errors, string? phone)
    {
        if (!string.IsNullOrEmpty(phone) && !LearnerRules.IsPhone(phone))
        {
            errors.Add("phone", "must be in E.164 format: + then country code and number, e.g. +14165550199.");
        }
    }

    public static void SlackUserId(FieldErrors errors, string? slackUserId)
    {
        if (!string.IsNullOrEmpty(slackUserId) && !LearnerRules.IsSlackUserId(slackUserId))
        {
            errors.Add("slack_user_id", "must be a Slack member id such as U012AB3CD.");
        }
    }

    public static DeliveryChannel? Channel(FieldErrors errors, string? channel)
    {
        if (channel is null)
        {
            return null;
        }

        if (Enum.TryParse<DeliveryChannel>(channel, ignoreCase: true, out var parsed) && !int.TryParse(channel, out _))
        {
            return parsed;
        }

        errors.Add("preferred_channel", "must be one of web, email, slack, sms.");
        return null;
    }

    public static void TimeZone(FieldErrors errors, string? timeZone)
    {
        if (timeZone is not null && !LearnerRules.IsTimeZone(timeZone))
        {
            errors.Add("time_zone", "must be an IANA time zone id such as America/Toronto.");
        }
    }

    /// <summary>A channel needs its address: Slack needs slack_user_id, SMS needs phone.</summary>
    public static void ChannelReachable(FieldErrors errors, DeliveryChannel channel, string? phone, string? slackUserId)
    {
        if (channel == DeliveryChannel.Slack && string.IsNullOrEmpty(slackUserId))
        {
            errors.Add("preferred_channel", "slack needs slack_user_id.");
        }

        if (channel == DeliveryChannel.Sms && string.IsNullOrEmpty(phone))
        {
            errors.Add("preferred_channel", "sms needs phone.");
        }
    }

    /// <summary>Parses a quiet-hours bound: null leaves it unchanged, "" clears it, otherwise "HH:mm".</summary>
    public static (bool Given, TimeOnly? Value) QuietHour(FieldErrors errors, string field, string? value)
    {
        if (value is null)
        {
            return (false, null);
        }

        if (value.Length == 0)
        {
            return (true, null);
        }

        if (TimeOnly.TryParseExact(value, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var time))
        {
            return (true, time);
        }

        errors.Add(field, "must be a local time \"HH:mm\" (24-hour), such as 20:00, or empty for the organisation default.");
        return (false, null);
    }

    public static string NormalizeEmail(string email) => LearnerRules.NormalizeEmail(email);
}
