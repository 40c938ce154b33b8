using System.Text.RegularExpressions;
using BmoLearning.Ai.Generation.Llm;

namespace BmoLearning.Ai.Generation.Quality;

/// <summary>A multiple-choice question as a learner sees it, with the index of the correct option.</summary>
public sealed record QuizItem(string Question, IReadOnlyList<string> Options, int CorrectIndex);

/// <summary>Word-level helpers shared by the quality checks, the guessing strategies and the offline generator.</summary>
public static partial class QuizText
{
    /// <summary>The gap in a cloze question; an option fills it to make the statement it claims.</summary>
    public const string Blank = "____";

    public static bool HasNegation(string text) => Negation().IsMatch(text);

    /// <summary>The text with every negation removed, lower case: two options equal under it differ only by a "not".</summary>
    public static string WithoutNegation(string text)
    {
        var lower = text.ToLowerInvariant().Replace("cannot", "can", StringComparison.Ordinal).Replace("n't", string.Empty, StringComparison.Ordinal);
        var words = WordPattern().Matches(lower).Select(m => m.Value).Where(w => w is not ("not" or "no" or "never" or "none"));
        return string.Join(' ', words);
    }

    /// <summary>Distinct stemmed content words (stop words dropped), as the grounding check counts them.</summary>
    public static HashSet<string> ContentWords(string text) => [.. GroundingChecker.Words(text, keepStopWords: false)];

    /// <summary>Case- and spacing-insensitive form for "appears word for word" comparisons.</summary>
    public static string Normalize(string text) =>
        Spaces().Replace(text.ToLowerInvariant().Replace('\u2019', '\''), " ").Trim().TrimEnd('.', '!', '?', ';', ':').Trim();

    /// <summary>The statement an option claims: the question's gap filled with it, or the option itself.</summary>
    public static string Claim(string question, string option)
    {
        var open = question.IndexOf('"', StringComparison.Ordinal);
        var close = question.LastIndexOf('"');
        var stem = open >= 0 && close > open ? question[(open + 1)..close] : question;
        return stem.Contains(Blank, StringComparison.Ordinal) ? stem.Replace(Blank, option.TrimEnd('.'), StringComparison.Ordinal) : option;
    }

    public static double Jaccard(HashSet<string> a, HashSet<string> b) =>
        a.Count + b.Count == 0 ? 1 : a.Intersect(b).Count() / (double)a.Union(b).Count();

    /// <summary>Option length as a learner perceives it: characters, without the closing full stop.</summary>
    public static int Length(string option) => option.Trim().TrimEnd('.').Length;

    [GeneratedRegex(@"\b(not|no|never|cannot|none|neither|nor)\b|n't\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Negation();

    [GeneratedRegex(@"[a-z0-9$%][a-z0-9$%.,'-]*", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
