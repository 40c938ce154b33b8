namespace BmoLearning.Safety;

/// <summary>One safety check over a text; deterministic checks and remote ones (moderation, LLM judge) share it.</summary>
public interface ISafetyCheck
{
    /// <summary>Short stable name, used in the message when the check itself fails.</summary>
    string Name { get; }

    /// <summary>Returns the issues found; an empty list means the check passed.</summary>
    ValueTask<IReadOnlyList<SafetyIssue>> CheckAsync(string text, SafetyPurpose purpose, CancellationToken ct);
}
