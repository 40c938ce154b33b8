namespace BmoLearning.Safety.Pii;

/// <summary>PII detection as an <see cref="ISafetyCheck"/>: one warning per kind of personal data found.</summary>
public sealed class PiiCheck(PiiDetector detector) : ISafetyCheck
{
    public string Name => "pii";

    public ValueTask<IReadOnlyList<SafetyIssue>> CheckAsync(string text, SafetyPurpose purpose, CancellationToken ct) =>
        ValueTask.FromResult(IssuesFor(detector.Detect(text)));

    /// <summary>Warnings, not errors: the pipeline hands back the text with every finding redacted.</summary>
    public static IReadOnlyList<SafetyIssue> IssuesFor(IReadOnlyList<PiiFinding> findings)
    {
        if (findings.Count == 0)
        {
            return [];
        }

        Span<int> counts = stackalloc int[Enum.GetValues<PiiType>().Length];
        foreach (var f in findings)
        {
            counts[(int)f.Type]++;
        }

        var issues = new List<SafetyIssue>();
        for (var t = 0; t < counts.Length; t++)
        {
            if (counts[t] > 0)
            {
                var type = (PiiType)t;
                var noun = PiiTypeInfo.Describe(type);
                var message = counts[t] == 1 ? $"Found a {noun}; it is redacted." : $"Found {counts[t]} of type {noun}; they are redacted.";
                issues.Add(new SafetyIssue(PiiTypeInfo.IssueCode(type), message, SafetySeverity.Warning));
            }
        }

        return issues;
    }
}
