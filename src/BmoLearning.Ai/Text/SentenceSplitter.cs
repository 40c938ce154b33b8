using System.Buffers;
using System.Text.RegularExpressions;

namespace BmoLearning.Ai.Text;

/// <summary>Splits prose into sentences without breaking on common abbreviations such as "e.g." or "U.S.".</summary>
public static partial class SentenceSplitter
{
    private static readonly SearchValues<char> WordBreaks = SearchValues.Create(" \t\r\n\u00A0");

    private static readonly string[] Abbreviations = ["e.g.", "i.e.", "etc.", "vs.", "u.s.", "mr.", "mrs.", "ms.", "dr.", "no.", "inc.", "ltd.", "approx.", "a.m.", "p.m."];

    /// <summary>
    /// Linear in the text: candidates are spans, never substrings, so a long run of abbreviations or a
    /// paragraph without sentence ends costs no more than reading it once.
    /// </summary>
    public static IReadOnlyList<string> Split(string text)
    {
        var sentences = new List<string>();
        var start = 0;
        foreach (var boundary in Boundary().EnumerateMatches(text))
        {
            var candidate = text.AsSpan(start, boundary.Index + 1 - start);
            if (EndsWithAbbreviation(candidate))
            {
                continue;
            }

            AddTrimmed(sentences, candidate);
            start = boundary.Index + boundary.Length;
        }

        AddTrimmed(sentences, text.AsSpan(start));
        return sentences;
    }

    /// <summary>Whitespace-separated words, counted without allocating.</summary>
    public static int WordCount(ReadOnlySpan<char> text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                inWord = false;
            }
            else if (!inWord)
            {
                inWord = true;
                count++;
            }
        }

        return count;
    }

    public static int WordCount(string text) => WordCount(text.AsSpan());

    private static bool EndsWithAbbreviation(ReadOnlySpan<char> candidate)
    {
        // The last word starts after the last whitespace: found from the end, so the cost is the word's length.
        var lastSpace = candidate.LastIndexOfAny(WordBreaks);
        var lastWord = candidate[(lastSpace + 1)..].TrimStart("(\"");
        if (lastWord.Length == 2 && char.IsLetter(lastWord[0]))
        {
            return true;
        }

        foreach (var abbreviation in Abbreviations)
        {
            if (lastWord.Equals(abbreviation, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static void AddTrimmed(List<string> sentences, ReadOnlySpan<char> sentence)
    {
        sentence = sentence.Trim();
        if (sentence.Length > 0)
        {
            sentences.Add(sentence.ToString());
        }
    }

    // A sentence ends at . ! or ? (optionally followed by a closing quote or bracket) and whitespace
    // before something that can start a sentence.
    [GeneratedRegex(@"[.!?][""')\]]?\s+(?=[A-Z0-9""'(\[$])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Boundary();
}
