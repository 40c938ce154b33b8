namespace BmoLearning.Safety;

/// <summary>How much an issue matters: errors fail the report, warnings do not.</summary>
public enum SafetySeverity
{
    Warning,
    Error,
}

/// <summary>One problem found by a check; <see cref="Code"/> is stable, the message is for people.</summary>
/// <remarks>Messages never quote the offending text, so issues are safe to log.</remarks>
public sealed record SafetyIssue(string Code, string Message, SafetySeverity Severity);
