using BmoLearning.Host.Errors;
using BmoLearning.Safety;

namespace BmoLearning.Host.Lessons;

/// <summary>Learner-supplied topics pass the safety pipeline before they are stored or reach a prompt.</summary>
public static class TopicSafety
{
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
