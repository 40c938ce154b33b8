namespace BmoLearning.Ai.Generation.Offline;

/// <summary>
/// Key points at most 20 words long: a sentence that is longer is cut at the last clause boundary that keeps it
/// within the limit (", which", ", because", "; ", " provided ", ...), and dropped if no such cut leaves a whole
/// statement. Only the end is cut, so a key point stays the source's own words.
/// </summary>
internal static class KeyPointWriter
{
    public const int MaxWords = 20;

    private static readonly string[] ClauseBreaks =
    [
        // Never before a condition (", unless", " if", " provided"): dropping it would turn a rule into a false statement.
        "; ", ", which ", ", because ", ", so ", ", although ", ", though ", ", depending ",
        ", while ", ", whereas ", ", especially ", ", including ", ", for example", ", such as ", " because ", " depending on ", " so that ",
    ];

    public static string? Trim(string sentence)
    {
        if (Words(sentence) <= MaxWords)
        {
            return sentence;
        }

        var body = sentence.TrimEnd('.', '!');
        var best = -1;
        foreach (var clause in ClauseBreaks)
        {
            var index = body.LastIndexOf(clause, StringComparison.Ordinal);
            while (index > 0)
            {
                if (Words(body[..index]) is >= 6 and <= MaxWords)
                {
                    best = Math.Max(best, index);
                    break;
                }

                index = body.LastIndexOf(clause, index - 1, StringComparison.Ordinal);
            }
        }

        if (best < 0)
        {
            return null;
        }

        var cut = body[..best].TrimEnd(',', ' ', ';', ':');
        return Dangling(cut) ? null : cut + ".";
    }

    private static readonly string[] DanglingEnds = [" the", " a", " an", " of", " to", " for", " with", " by", " on", " in", " is", " are", " that", " or", " from", " at", " not"];

    /// <summary>A cut that ends on a preposition or article does not say anything whole.</summary>
    private static bool Dangling(string text) => DanglingEnds.Any(e => text.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    private static int Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
