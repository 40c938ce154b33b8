// The offline generator as it was before issue 11 (commit f486d3a), kept verbatim apart from names so the
// quiz-quality bench can show before and after on the same knowledge base in the same run.
#pragma warning disable
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using BmoLearning.Ai.Retrieval;
using BmoLearning.Ai.Text;
using BmoLearning.Core.Knowledge;
using BmoLearning.Core.Lessons;

namespace BmoLearning.Bench.LegacyQuiz;


/// <summary>A sentence of a retrieved chunk, scored for how well it teaches the topic.</summary>
internal sealed record LegacySentence(string Text, RetrievedChunk Chunk, int ChunkRank, int Order, double Score)
{
    public int Words { get; } = Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}


/// <summary>
/// Builds a lesson from retrieved chunks without a language model: extractive content and key points,
/// a templated scenario, and a question whose correct option is a sentence of the top cited chunk and
/// whose three wrong options are that material's statements made false. Deterministic for a given
/// knowledge base; every sentence it teaches comes from a cited chunk.
/// </summary>
internal sealed class LegacyOfflineGenerator : ILessonGenerator
{
    public const string GeneratorName = "offline-extractive";

    public string Name => GeneratorName;

    public string Version => "1.0.0";

    public Task<LessonDraft> GenerateAsync(LessonGenerationContext context, CancellationToken ct)
    {
        if (context.Chunks.Count == 0)
        {
            throw new NoRelevantKnowledgeException($"No knowledge was retrieved for '{context.Topic}'.");
        }

        var seed = StableSeed(context.Topic);
        var sentences = LegacySentenceScorer.Score(context.Topic, context.Chunks);
        var ranked = sentences.Where(s => s.Words is >= 6 and <= 40).OrderByDescending(s => s.Score).ThenBy(s => s.ChunkRank).ThenBy(s => s.Order).ToList();
        if (ranked.Count < LessonValidator.MinKeyPoints)
        {
            throw new NoRelevantKnowledgeException($"The material retrieved for '{context.Topic}' is too thin to teach from.");
        }

        var keyPoints = PickKeyPoints(ranked, KeyPointCount(context.Difficulty));
        var answer = keyPoints[0];
        var distractors = PickDistractors(ranked, answer, seed);
        var correctIndex = (int)(seed % LessonValidator.OptionCount);
        var options = distractors.ToList();
        options.Insert(correctIndex, answer.Text);

        var content = WriteContent(context, ranked, keyPoints);
        var cited = keyPoints.Select(k => k.Chunk).Concat(ranked.Where(s => content.Contains(s.Text, StringComparison.Ordinal)).Select(s => s.Chunk))
            .DistinctBy(c => c.ChunkId).Select(c => c.ChunkId).ToList();

        var draft = new LessonDraft(
            Content: content,
            KeyPoints: keyPoints.Select(k => k.Text).ToList(),
            Scenario: LegacyScenarioWriter.Write(context.Topic, answer.Text, (int)(seed % 1000)),
            QuizQuestion: $"Which statement about {context.Topic} is accurate?",
            QuizOptions: options,
            CorrectAnswer: correctIndex,
            Explanation: $"{answer.Text} (Source: {answer.Chunk.DocumentTitle}, \"{answer.Chunk.Section}\".)",
            SourceChunkIds: cited);
        return Task.FromResult(draft);
    }

    private static int KeyPointCount(Difficulty difficulty) => difficulty switch
    {
        Difficulty.Beginner => 3,
        Difficulty.Intermediate => 4,
        _ => 5,
    };

    private static int WordBudget(Difficulty difficulty) => difficulty switch
    {
        Difficulty.Beginner => 130,
        Difficulty.Intermediate => 165,
        _ => 195,
    };

    /// <summary>The best sentences, at most two from one chunk so the points cover more than one passage.</summary>
    private static List<LegacySentence> PickKeyPoints(List<LegacySentence> ranked, int count)
    {
        var picked = new List<LegacySentence>();
        foreach (var sentence in ranked.Where(s => s.Words <= 30))
        {
            if (picked.Count(p => p.Chunk.ChunkId == sentence.Chunk.ChunkId) < 2 && picked.All(p => p.Text != sentence.Text))
            {
                picked.Add(sentence);
            }

            if (picked.Count == count)
            {
                break;
            }
        }

        foreach (var sentence in ranked.Where(s => picked.Count < LessonValidator.MinKeyPoints && !picked.Contains(s)))
        {
            picked.Add(sentence);
        }

        return picked;
    }

    /// <summary>Three false statements from the same material: polarity flips first, then changed numbers.</summary>
    private static List<string> PickDistractors(List<LegacySentence> ranked, LegacySentence answer, ulong seed)
    {
        var distractors = new List<string>();
        void TryAdd(string? candidate)
        {
            if (candidate is not null && distractors.Count < 3 && candidate != answer.Text
                && !distractors.Contains(candidate) && !ranked.Any(s => s.Text == candidate))
            {
                distractors.Add(candidate);
            }
        }

        foreach (var sentence in ranked.Where(s => s.Text != answer.Text && s.Words <= 30).Take(12))
        {
            TryAdd(LegacyFalseStatementWriter.Negate(sentence.Text));
        }

        for (var variant = 0; distractors.Count < 3 && variant < 3; variant++)
        {
            TryAdd(LegacyFalseStatementWriter.ChangeNumber(answer.Text, variant + (int)(seed % 2)));
        }

        foreach (var sentence in ranked.Where(s => s.Text != answer.Text).Skip(12))
        {
            TryAdd(LegacyFalseStatementWriter.Negate(sentence.Text));
        }

        if (distractors.Count < 3)
        {
            throw new NoRelevantKnowledgeException("The retrieved material does not support a question with three distinct wrong answers.");
        }

        return distractors;
    }

    /// <summary>An opening line, then the best chunk's sentences in their own order, then the next chunk's.</summary>
    private static string WriteContent(LessonGenerationContext context, List<LegacySentence> ranked, List<LegacySentence> keyPoints)
    {
        var opening = context.Difficulty switch
        {
            Difficulty.Beginner => $"Here is what you need to know about {context.Topic}.",
            Difficulty.Intermediate => $"This lesson explains how {context.Topic} works in practice for business cardholders.",
            _ => $"This lesson looks at {context.Topic} in depth, including the details customers most often ask about.",
        };
        var budget = WordBudget(context.Difficulty) - LessonValidator.CountWords(opening);
        var chunkOrder = keyPoints.Select(k => k.ChunkRank).Concat(ranked.Select(s => s.ChunkRank)).Distinct().Take(3).ToList();

        var paragraphs = new List<string> { opening };
        foreach (var rank in chunkOrder)
        {
            var paragraph = new StringBuilder();
            var candidates = ranked.Where(s => s.ChunkRank == rank).OrderByDescending(s => s.Score).Take(3).OrderBy(s => s.Order);
            foreach (var sentence in candidates)
            {
                if (sentence.Words > budget)
                {
                    continue;
                }

                paragraph.Append(paragraph.Length == 0 ? string.Empty : " ").Append(sentence.Text);
                budget -= sentence.Words;
            }

            if (paragraph.Length > 0)
            {
                paragraphs.Add(paragraph.ToString());
            }
        }

        return string.Join("\n\n", paragraphs);
    }

    /// <summary>A hash of the topic that is the same on every machine and run (unlike string.GetHashCode).</summary>
    private static ulong StableSeed(string topic) =>
        BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(topic.Trim().ToLowerInvariant())));
}


/// <summary>Breaks retrieved chunks into sentences and scores each: chunk relevance, topic overlap, readability.</summary>
internal static class LegacySentenceScorer
{
    private static readonly string[] DefiningVerbs = [" is ", " means ", " refers to ", " stands for ", " are "];
    private static readonly string[] DanglingStarts = ["this ", "these ", "that ", "it ", "they ", "those ", "such ", "however", "also", "but "];

    public static IReadOnlyList<LegacySentence> Score(string topic, IReadOnlyList<RetrievedChunk> chunks)
    {
        var topicTerms = KeywordQuery.Terms(topic);
        var sentences = new List<LegacySentence>();
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
                sentences.Add(new LegacySentence(sentence, chunks[rank], rank, order++, score));
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


/// <summary>
/// Makes a plausible false statement from a true one, for quiz distractors: flips the polarity of the
/// first auxiliary verb ("is" ↔ "is not", "can" ↔ "cannot", "must" → "need not") or changes a number.
/// Every distractor is therefore false by construction while reading like the source.
/// </summary>
internal static partial class LegacyFalseStatementWriter
{
    private static readonly (string From, string To)[] Flips =
    [
        (" is not ", " is "), (" are not ", " are "), (" cannot ", " can "), (" does not ", " does "),
        (" do not ", " do "), (" will not ", " will "), (" should not ", " should "), (" need not ", " must "),
        (" is ", " is not "), (" are ", " are not "), (" can ", " cannot "), (" must ", " need not "),
        (" will ", " will not "), (" should ", " should not "), (" usually ", " rarely "), (" always ", " never "),
        (" never ", " always "), (" increases ", " decreases "), (" decreases ", " increases "),
        (" lowers ", " raises "), (" raises ", " lowers "), (" higher ", " lower "), (" lower ", " higher "),
    ];

    public static string? Negate(string sentence)
    {
        var padded = " " + sentence[..^1] + " ";
        var best = -1;
        var chosen = (From: string.Empty, To: string.Empty);
        foreach (var flip in Flips)
        {
            var index = padded.IndexOf(flip.From, StringComparison.Ordinal);
            if (index >= 0 && (best < 0 || index < best))
            {
                best = index;
                chosen = flip;
            }
        }

        if (best < 0 || (AddsNegation(chosen.To) && HasNegation(padded)))
        {
            // Adding a "not" to a sentence that already has one reads as nonsense ("are not ..., not by ...").
            return null;
        }

        var flipped = padded[..best] + chosen.To + padded[(best + chosen.From.Length)..];
        return flipped.Trim() + sentence[^1];
    }

    private static bool AddsNegation(string replacement) =>
        replacement.Contains("not", StringComparison.Ordinal) || replacement.Contains("never", StringComparison.Ordinal) || replacement.Contains("rarely", StringComparison.Ordinal);

    private static bool HasNegation(string padded) =>
        padded.Contains(" not ", StringComparison.OrdinalIgnoreCase) || padded.Contains("n't ", StringComparison.OrdinalIgnoreCase)
        || padded.Contains(" never ", StringComparison.OrdinalIgnoreCase) || padded.Contains(" no ", StringComparison.OrdinalIgnoreCase)
        || padded.Contains(" not,", StringComparison.OrdinalIgnoreCase);

    /// <summary>Changes the first whole number in the sentence (21 → 14, 50 → 100, ...), or null if none.</summary>
    public static string? ChangeNumber(string sentence, int variant)
    {
        var match = Number().Match(sentence);
        if (!match.Success || !int.TryParse(match.Value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value) || value == 0)
        {
            return null;
        }

        var changed = variant switch
        {
            0 => value * 2,
            1 => Math.Max(1, value / 2) == value ? value + 5 : Math.Max(1, value / 2),
            _ => value + Math.Max(1, value / 3) + 1,
        };
        var text = changed.ToString("#,0", CultureInfo.InvariantCulture);
        return sentence[..match.Index] + text + sentence[(match.Index + match.Length)..];
    }

    [GeneratedRegex(@"(?<![\w.])\d{1,3}(,\d{3})*(?![\w.,]\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Number();
}

/// <summary>Short workplace scenarios: a small-business customer whose question the lesson answers.</summary>
internal static class LegacyScenarioWriter
{
    private static readonly (string Person, string Business, string Pronoun)[] Customers =
    [
        ("Priya", "a three-person landscaping company", "She"),
        ("Marcus", "a family-run bakery with two locations", "He"),
        ("Elena", "an independent IT consultancy", "She"),
        ("Tom", "a small plumbing contractor with four vans", "He"),
        ("Aisha", "a boutique event-planning firm", "She"),
        ("Daniel", "a neighbourhood veterinary clinic", "He"),
    ];

    public static string Write(string topic, string keyFact, int seed)
    {
        var (person, business, pronoun) = Customers[seed % Customers.Length];
        var fact = char.ToLowerInvariant(keyFact[0]) + keyFact[1..];
        return $"{person} owns {business} and pays most supplier bills with the company's business credit card. "
            + $"{pronoun} calls you because {pronoun.ToLowerInvariant()} is unsure how {topic} affects the business. "
            + $"Using this lesson, you explain the key fact: {fact}";
    }
}
