using System.Text.RegularExpressions;
using BmoLearning.Ai.Text;

namespace BmoLearning.Ai.Generation.Quality;

/// <summary>Flesch–Kincaid grade level: 0.39 × words per sentence + 11.8 × syllables per word − 15.59.</summary>
public static partial class Readability
{
    public static double FleschKincaidGrade(string text)
    {
        var sentences = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).SelectMany(SentenceSplitter.Split).Count();
        var words = Word().Matches(text).Select(m => m.Value).ToList();
        if (sentences == 0 || words.Count == 0)
        {
            return 0;
        }

        var syllables = words.Sum(Syllables);
        return (0.39 * words.Count / sentences) + (11.8 * syllables / words.Count) - 15.59;
    }

    /// <summary>Vowel groups, less a silent final "e"; at least one. The usual heuristic, within a syllable or so per word.</summary>
    public static int Syllables(string word)
    {
        var lower = word.ToLowerInvariant();
        if (lower.Any(char.IsAsciiDigit))
        {
            return Math.Max(1, lower.Count(char.IsAsciiDigit));
        }

        var count = VowelGroup().Count(lower);
        if (lower.Length > 2 && lower.EndsWith('e') && !lower.EndsWith("le", StringComparison.Ordinal) && count > 1)
        {
            count--;
        }

        return Math.Max(1, count);
    }

    [GeneratedRegex(@"[A-Za-z0-9][A-Za-z0-9'’-]*", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    [GeneratedRegex("[aeiouy]+", RegexOptions.CultureInvariant)]
    private static partial Regex VowelGroup();
}
