namespace BmoLearning.Safety.Injection;

/// <summary>Prompt-injection detection as an <see cref="ISafetyCheck"/>: an error per kind of signal when the text is judged an injection.</summary>
public sealed class PromptInjectionCheck(PromptInjectionDetector detector) : ISafetyCheck
{
    public string Name => "prompt-injection";

    public ValueTask<IReadOnlyList<SafetyIssue>> CheckAsync(string text, SafetyPurpose purpose, CancellationToken ct) =>
        ValueTask.FromResult(IssuesFor(detector.Analyze(text)));

    public static IReadOnlyList<SafetyIssue> IssuesFor(InjectionVerdict verdict)
    {
        if (!verdict.IsInjection)
        {
            return [];
        }

        // The strongest reason speaks for its code; weaker ones with the same code add nothing for a reader.
        var issues = new List<SafetyIssue>();
        foreach (var reason in verdict.Reasons.OrderByDescending(r => r.Weight))
        {
            if (!issues.Exists(i => i.Code == reason.Code))
            {
                issues.Add(new SafetyIssue(reason.Code, reason.Description, SafetySeverity.Error));
            }
        }

        return issues;
    }
}
