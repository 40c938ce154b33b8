namespace BmoLearning.Safety.Injection;

/// <summary>One signal of a prompt injection: a stable issue code, what was seen, and how strongly it counts (0–1).</summary>
public sealed record InjectionReason(string Code, string Description, double Weight);

/// <summary>The detector's verdict: signals combine as 1 − Π(1 − weight), flagged at <see cref="PromptInjectionDetector.Threshold"/>.</summary>
public sealed record InjectionVerdict(bool IsInjection, double Score, IReadOnlyList<InjectionReason> Reasons)
{
    public static InjectionVerdict Clean { get; } = new(false, 0, []);
}
