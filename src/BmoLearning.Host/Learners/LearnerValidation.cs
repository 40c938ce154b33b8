using System.Net.Mail;
using System.Text.RegularExpressions;
using BmoLearning.Core.Learners;
using BmoLearning.Host.Errors;
using NodaTime;

namespace BmoLearning.Host.Learners;

/// <summary>Field rules for learners, shared by create and update.</summary>
public static partial class LearnerValidation
{
    public static void Email(FieldErrors errors, string email)
    {
        if (email.Length > 254 || !IsEmail(email))
        {
            errors.Add("email", "must be a valid email address, such as name@example.com.");
        }
    }

    public static void Phone(FieldErrors errors, string? phone)
    {
        if (!string.IsNullOrEmpty(phone) && !E164().IsMatch(phone))
        {
            errors.Add("phone", "must be in E.164 format: + then country code and number, e.g. +14165550199.");
        }
    }

    public static void SlackUserId(FieldErrors errors, string? slackUserId)
    {
        if (!string.IsNullOrEmpty(slackUserId) && !SlackId().IsMatch(slackUserId))
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
        if (timeZone is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) is null)
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

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    private static bool IsEmail(string email)
    {
        if (!MailAddress.TryCreate(email, out var address) || address.Address != email || !string.IsNullOrEmpty(address.DisplayName))
        {
            return false;
        }

        var domain = address.Host;
        return domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.') && !email.Any(char.IsWhiteSpace);
    }

    [GeneratedRegex(@"^\+[1-9]\d{7,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();

    [GeneratedRegex(@"^[UW][A-Z0-9]{2,30}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlackId();
}
