using System.Text.RegularExpressions;

namespace BmoLearning.Ai.Text;

/// <summary>Splits prose into sentences without breaking on common abbreviations such as "e.g." or "U.S.".</summary>
public static partial class SentenceSplitter
{
    private static readonly string[] Abbreviations = ["e.g.", "i.e.", "etc.", "vs.", "u.s.", "mr.", "mrs.", "ms.", "dr.", "no.", "inc.", "ltd.", "approx.", "a.m.", "p.m."];

    public static IReadOnlyList<string> Split(string text)
    {
        var sentences = new List<string>();
        var start = 0;
        foreach (Match boundary in Boundary().Matches(text))
        {
            var end = boundary.Index + 1;
            var candidate = text[start..end];
            if (EndsWithAbbreviation(candidate))
            {
                continue;
            }

            AddTrimmed(sentences, candidate);
            start = boundary.Index + boundary.Length;
        }

        AddTrimmed(sentences, text[start..]);
        return sentences;
    }

    public static int WordCount(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private static bool EndsWithAbbreviation(string candidate)
    {
        var lastSpace = candidate.LastIndexOf(' ');
        var lastWord = candidate[(lastSpace + 1)..].TrimStart('(', '"').ToLowerInvariant();
        return Abbreviations.Contains(lastWord) || (lastWord.Length == 2 && char.IsLetter(lastWord[0]));
    }

    private static void AddTrimmed(List<string> sentences, string sentence)
    {
        sentence = sentence.Trim();
        if (sentence.Length > 0)
        {
            sentences.Add(sentence);
        }
    }

    // A sentence ends at . ! or ? (optionally followed by a closing quote or bracket) and whitespace
    // before something that can start a sentence.
    [GeneratedRegex(@"[.!?][""')\]]?\s+(?=[A-Z0-9""'(\[$])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Boundary();
}
