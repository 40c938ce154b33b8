namespace BmoLearning.Safety.Rules;

/// <summary>Sentence bounds good enough for rule scoping; a point inside a number ("4.5%") does not end a sentence.</summary>
internal static class Sentences
{
    public static ReadOnlySpan<char> Around(string text, int index, out int sentenceStart)
    {
        var start = index;
        while (start > 0 && !EndsSentence(text, start - 1))
        {
            start--;
        }

        var end = index;
        while (end < text.Length && !EndsSentence(text, end))
        {
            end++;
        }

        sentenceStart = start;
        return text.AsSpan(start, Math.Min(text.Length, end + 1) - start);
    }

    private static bool EndsSentence(string text, int i) =>
        text[i] switch
        {
            '\n' or '!' or '?' or ';' => true,
            '.' => i + 1 >= text.Length || char.IsWhiteSpace(text[i + 1]) || text[i + 1] is '"' or '\'' or ')',
            _ => false,
        };
}
