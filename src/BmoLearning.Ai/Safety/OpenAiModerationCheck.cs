using BmoLearning.Safety;
using OpenAI.Moderations;

namespace BmoLearning.Ai.Safety;

/// <summary>OpenAI moderation as an <see cref="ISafetyCheck"/>, for generated lessons and topics; used when an OpenAI key is configured.</summary>
public sealed class OpenAiModerationCheck(ModerationClient client) : ISafetyCheck
{
    public string Name => "openai-moderation";

    public async ValueTask<IReadOnlyList<SafetyIssue>> CheckAsync(string text, SafetyPurpose purpose, CancellationToken ct)
    {
        if (purpose == SafetyPurpose.DocumentText || string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var result = (await client.ClassifyTextAsync(text, ct)).Value;
        if (!result.Flagged)
        {
            return [];
        }

        var categories = new (string Name, ModerationCategory Category)[]
        {
            ("hate", result.Hate), ("harassment", result.Harassment), ("self-harm", result.SelfHarm), ("sexual", result.Sexual),
            ("violence", result.Violence), ("illicit", result.Illicit),
        }.Where(c => c.Category?.Flagged == true).Select(c => c.Name).ToList();
        var detail = categories.Count == 0 ? string.Empty : $" ({string.Join(", ", categories)})";
        return [new SafetyIssue(SafetyIssueCodes.ModerationFlagged, $"OpenAI moderation flagged the text{detail}.", SafetySeverity.Error)];
    }
}
