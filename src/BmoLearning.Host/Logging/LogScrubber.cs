using System.Text.RegularExpressions;

namespace BmoLearning.Host.Logging;

/// <summary>
/// Last line of defence for the container logs: an email address or phone number that reached a log message
/// (a provider's error text quoting the recipient, say) is replaced before the line is written. The code logs ids,
/// not contact details; this catches what third parties echo back.
/// </summary>
public static partial class LogScrubber
{
    public const string Email = "[email]";
    public const string Phone = "[phone]";

    public static string Scrub(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        if (text.Contains('@'))
        {
            text = EmailPattern().Replace(text, Email);
        }

        return text.Contains('+') || text.Contains('(') ? PhonePattern().Replace(text, Phone) : text;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex EmailPattern();

    // International (+15551234567, +1 555 123 4567) and North American ((555) 123-4567) forms.
    [GeneratedRegex(@"\+\d[\d \-]{7,16}\d|\(\d{3}\)\s?\d{3}-\d{4}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex PhonePattern();
}
