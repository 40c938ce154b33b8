namespace BmoLearning.Safety.Rules;

/// <summary>Financial-content rules as an <see cref="ISafetyCheck"/>; they apply to generated lessons only.</summary>
public sealed class FinancialContentCheck(FinancialContentRules rules) : ISafetyCheck
{
    public string Name => "financial-content";

    public ValueTask<IReadOnlyList<SafetyIssue>> CheckAsync(string text, SafetyPurpose purpose, CancellationToken ct) =>
        ValueTask.FromResult(purpose == SafetyPurpose.GeneratedLesson ? rules.Evaluate(text) : []);
}
