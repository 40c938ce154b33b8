using BmoLearning.Safety.Injection;
using BmoLearning.Safety.Pii;

namespace BmoLearning.Safety;

/// <summary>Everything the pipeline found about one text. Store or send <see cref="RedactedText"/>, never the original.</summary>
/// <param name="RedactedText">The text with every PII finding replaced by a typed token; empty when a check failed.</param>
public sealed record SafetyReport(
    SafetyPurpose Purpose,
    string RedactedText,
    IReadOnlyList<PiiFinding> PiiFindings,
    InjectionVerdict Injection,
    IReadOnlyList<SafetyIssue> Issues)
{
    /// <summary>No issue of severity <see cref="SafetySeverity.Error"/>. PII alone does not fail: it is redacted.</summary>
    public bool Passed => !Issues.Any(i => i.Severity == SafetySeverity.Error);

    public bool PiiDetected => PiiFindings.Count > 0;

    public bool InjectionDetected => Injection.IsInjection;
}
