using BmoLearning.Ai.Text;
using BmoLearning.Core.Lessons;

namespace BmoLearning.Ai.Generation.Quality;

/// <summary>What makes lesson text read as stitched together: counts of each fault, all zero for a lesson that reads as written.</summary>
public sealed record CoherenceReport(int OrphanReferences, int RepeatedSentences, int LongKeyPoints)
{
    public int Total => OrphanReferences + RepeatedSentences + LongKeyPoints;
}

/// <summary>
/// Finds sentences that lean on something the lesson never said ("Anyone comparing cards needs to look at both."),
/// sentences said twice, and key points over 20 words. A sentence that opens on a reference counts as an orphan:
/// a lesson made of chosen sentences cannot show that the antecedent is the sentence before it.
/// </summary>
public static class LessonCoherence
{
    public const int MaxKeyPointWords = 20;

    private static readonly string[] OrphanOpeners =
    [
        "both", "this", "these", "that", "those", "it", "its", "it's", "they", "them", "their", "such", "however", "also", "but", "then",
        "he", "she", "his", "her", "therefore", "thus", "so", "instead", "otherwise", "moreover", "furthermore", "likewise",
        "similarly", "finally", "first", "second", "third", "neither", "either", "another", "here", "meanwhile", "still", "yet",
        "in addition", "as a result", "for example", "for them", "for that", "in that case", "the latter", "the former",
        "the same", "the other", "other", "even so", "and", "or", "because of this", "for instance",
    ];

    private static readonly string[] OrphanEndings = ["both", "these", "those", "this", "that", "above", "below"];

    public static bool IsOrphan(string sentence)
    {
        var lower = sentence.Trim().TrimStart('"', '\'', '(').ToLowerInvariant();
        if (OrphanOpeners.Any(o => lower.StartsWith(o, StringComparison.Ordinal) && (lower.Length == o.Length || !char.IsLetterOrDigit(lower[o.Length]))))
        {
            return true;
        }

        var words = lower.TrimEnd('.', '!', '?', ';', ':').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 && OrphanEndings.Contains(words[^1]);
    }

    public static CoherenceReport Check(LessonDraft draft)
    {
        var contentSentences = Sentences(draft.Content).ToList();
        var orphans = contentSentences.Count(IsOrphan) + draft.KeyPoints.Count(IsOrphan) + Sentences(draft.Scenario).Count(IsOrphan);

        // Key points summarise the content, so they are compared with each other, not with the paragraphs they sum up.
        var repeated = Repeats(contentSentences.Concat(Sentences(draft.Scenario))) + Repeats(draft.KeyPoints);

        // The scenario applies a fact rather than restating it: a key point inside the scenario counts as a repeat.
        repeated += draft.KeyPoints.Count(k => QuizText.Normalize(draft.Scenario).Contains(QuizText.Normalize(k), StringComparison.Ordinal));
        var longPoints = draft.KeyPoints.Count(k => LessonValidator.CountWords(k) > MaxKeyPointWords);
        return new CoherenceReport(orphans, repeated, longPoints);
    }

    private static int Repeats(IEnumerable<string> sentences)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return sentences.Count(s => !seen.Add(QuizText.Normalize(s)));
    }

    private static IEnumerable<string> Sentences(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).SelectMany(SentenceSplitter.Split);
}
