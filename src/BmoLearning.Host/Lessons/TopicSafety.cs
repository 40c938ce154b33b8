using BmoLearning.Host.Errors;
using BmoLearning.Safety;

namespace BmoLearning.Host.Lessons;

/// <summary>
/// The one set of rules for a topic a person typed, used by every route that takes one (lesson requests, learning
/// paths, the AI role): present, 2 to 200 characters of plain text, and through the safety pipeline before it is
/// stored or reaches a prompt.
/// </summary>
public static class TopicSafety
{
    public const int MinLength = 2;
    public const int MaxLength = 200;

    /// <summary>The screened topic, or null with a "topic" error added.</summary>
    public static string? Validate(SafetyPipeline safety, string? topic, FieldErrors errors)
    {
        if (errors.Require("topic", topic, MaxLength).Has("topic"))
        {
            return null;
        }

        if (topic!.Trim().Length < MinLength)
        {
            errors.Add("topic", $"must be at least {MinLength} characters.");
            return null;
        }

        return Screen(safety, topic, errors);
    }

    /// <summary>The topic with personal data redacted; adds a "topic" error (and returns null) when it reads as a prompt injection.</summary>
    public static string? Screen(SafetyPipeline safety, string topic, FieldErrors errors)
    {
        var report = safety.Evaluate(topic.Trim(), SafetyPurpose.Topic);
        if (!report.Passed)
        {
            var reasons = string.Join(" ", report.Issues.Where(i => i.Severity == SafetySeverity.Error).Select(i => i.Message).Distinct());
            errors.Add("topic", $"was rejected by the safety checks: {reasons} Ask about a subject instead.");
            return null;
        }

        return report.RedactedText;
    }
}
