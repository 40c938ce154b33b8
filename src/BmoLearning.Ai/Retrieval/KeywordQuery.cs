using System.Text.RegularExpressions;

namespace BmoLearning.Ai.Retrieval;

/// <summary>Turns free text into a safe full-text query: quoted terms joined by OR, stop words dropped.</summary>
public static partial class KeywordQuery
{
    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "how", "i", "if", "in",
        "is", "it", "of", "on", "or", "should", "so", "that", "the", "their", "there", "this", "to", "was", "we",
        "what", "when", "where", "which", "who", "why", "will", "with", "you", "your", "my", "me", "our", "about",
        "into", "than", "then", "they", "them", "its", "has", "have", "had", "not", "no", "yes", "any", "all",
        "get", "gets", "would", "could", "much", "many", "some", "out", "up",
    };

    public static IReadOnlyList<string> Terms(string text) =>
        Word().Matches(text)
            .Select(m => m.Value.ToLowerInvariant())
            .Where(t => t.Length > 1 && !StopWords.Contains(t))
            .Distinct()
            .Take(32)
            .ToList();

    /// <summary>An FTS5 MATCH expression, or null when the text has no searchable term.</summary>
    public static string? ToFts5(string text)
    {
        var terms = Terms(text);
        return terms.Count == 0 ? null : string.Join(" OR ", terms.Select(t => $"\"{t}\""));
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Word();
}
