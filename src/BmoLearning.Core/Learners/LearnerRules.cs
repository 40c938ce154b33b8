using System.Net.Mail;
using System.Text.RegularExpressions;
using NodaTime;

namespace BmoLearning.Core.Learners;

/// <summary>The field rules every way of creating a learner shares (the API, the console's CSV import, demo data).</summary>
public static partial class LearnerRules
{
    public const int MaxEmailLength = 254;
    public const int MaxNameLength = 200;

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public static bool IsEmail(string email)
    {
        if (email.Length > MaxEmailLength || !MailAddress.TryCreate(email, out var address) || address.Address != email || !string.IsNullOrEmpty(address.DisplayName))
        {
            return false;
        }

        var domain = address.Host;
        return domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.') && !email.Any(char.IsWhiteSpace);
    }

    public static bool IsPhone(string phone) => E164().IsMatch(phone);

    public static bool IsSlackUserId(string slackUserId) => SlackId().IsMatch(slackUserId);

    public static bool IsTimeZone(string timeZone) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) is not null;

    [GeneratedRegex(@"^\+[1-9]\d{7,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();

    [GeneratedRegex(@"^[UW][A-Z0-9]{2,30}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlackId();
}
