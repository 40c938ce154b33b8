using BmoLearning.Ai.Retrieval;
using BmoLearning.Ai.Text;
using BmoLearning.Core.Knowledge;

namespace BmoLearning.Ai.Generation.Offline;

/// <summary>Breaks retrieved chunks into sentences and scores each: chunk relevance, topic overlap, readability.</summary>
internal static class SentenceScorer
{
    private static readonly string[] DefiningVerbs = [" is ", " means ", " refers to ", " stands for ", " are "];
    private static readonly string[] DanglingStarts = ["this ", "these ", "that ", "it ", "they ", "those ", "such ", "however", "also", "but "];

    public static IReadOnlyList<CandidateSentence> Score(string topic, IReadOnlyList<RetrievedChunk> chunks)
    {
        var topicTerms = KeywordQuery.Terms(topic);
        var sentences = new List<CandidateSentence>();
        for (var rank = 0; rank < chunks.Count; rank++)
        {
            var order = 0;
            foreach (var sentence in SentencesOf(chunks[rank].Text))
            {
                var score = chunks[rank].Similarity / (1 + (0.4 * rank))
                    * Readability(sentence)
                    * (1 + Overlap(sentence, topicTerms))
                    * PositionWeight(order)
                    * (IsDefinition(sentence, topicTerms) ? 1.5 : 1);
                sentences.Add(new CandidateSentence(sentence, chunks[rank], rank, order++, score));
            }
        }

        return sentences;
    }

    /// <summary>Prose sentences of a chunk: list items count as sentences; table rows do not.</summary>
    private static IEnumerable<string> SentencesOf(string chunkText)
    {
        foreach (var line in chunkText.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.Contains(" | ", StringComparison.Ordinal))
            {
                continue;
            }

            var text = line.StartsWith("- ", StringComparison.Ordinal) ? line[2..] : line;
            foreach (var sentence in SentenceSplitter.Split(text))
            {
                var complete = sentence.TrimEnd(':', ';', ',');
                if (complete.Length > 0 && char.IsUpper(complete[0]) && !complete.EndsWith('?') && !IsElliptical(complete))
                {
                    yield return complete.EndsWith('.') || complete.EndsWith('!') ? complete : complete + ".";
                }
            }
        }
    }

    private static readonly string[] ElidedEndings = [" do", " does", " did", " is", " are", " not", " can", " will", " should", " must", " may", " cannot"];

    /// <summary>"... typically do not." leans on the previous sentence; out of context it teaches nothing.</summary>
    private static bool IsElliptical(string sentence)
    {
        var body = sentence.TrimEnd('.', '!');
        return ElidedEndings.Any(e => body.EndsWith(e, StringComparison.OrdinalIgnoreCase));
    }

    private static double Readability(string sentence)
    {
        var words = SentenceSplitter.WordCount(sentence);
        var score = words switch
        {
            < 6 => 0.2,
            <= 30 => 1.0,
            <= 40 => 0.6,
            _ => 0.2,
        };
        var lower = sentence.ToLowerInvariant();
        if (DanglingStarts.Any(lower.StartsWith))
        {
            score *= 0.5;
        }

        return score;
    }

    /// <summary>The opening sentences of a section usually state its main idea.</summary>
    private static double PositionWeight(int order) => order switch
    {
        0 => 1.3,
        1 => 1.1,
        _ => 1.0,
    };

    /// <summary>"The APR is ...", "A grace period means ...": a sentence that defines the topic.</summary>
    private static bool IsDefinition(string sentence, IReadOnlyList<string> topicTerms)
    {
        var lower = sentence.ToLowerInvariant();
        var verb = DefiningVerbs.Select(v => lower.IndexOf(v, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
        if (verb < 0 || verb > 80 || topicTerms.Count == 0)
        {
            return false;
        }

        var subject = KeywordQuery.Terms(lower[..verb]);
        return topicTerms.All(t => subject.Any(s => s.StartsWith(t, StringComparison.Ordinal) || t.StartsWith(s, StringComparison.Ordinal)));
    }

    private static double Overlap(string sentence, IReadOnlyList<string> topicTerms)
    {
        if (topicTerms.Count == 0)
        {
            return 0;
        }

        var terms = KeywordQuery.Terms(sentence);
        return topicTerms.Count(t => terms.Any(s => s.StartsWith(t, StringComparison.Ordinal) || t.StartsWith(s, StringComparison.Ordinal)))
            / (double)topicTerms.Count;
    }
}
