// The offline generator as it was before issue 11 (commit f486d3a), kept verbatim apart from names so the
// quiz-quality bench can show before and after on the same knowledge base in the same run.
#pragma warning disable
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using BmoLearning.Ai.Generation.Offline;
using BmoLearning.Ai.Retrieval;
using BmoLearning.Ai.Text;
using BmoLearning.Core.Knowledge;
using BmoLearning.Core.Lessons;

namespace BmoLearning.Bench.LegacyQuiz;

// Sentences are scored by the library's own SentenceScorer: issue 11 left it unchanged, so the baseline is the old generator.




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
        var sentences = SentenceScorer.Score(context.Topic, context.Chunks);
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
    private static List<CandidateSentence> PickKeyPoints(List<CandidateSentence> ranked, int count)
    {
        var picked = new List<CandidateSentence>();
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
    private static List<string> PickDistractors(List<CandidateSentence> ranked, CandidateSentence answer, ulong seed)
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
    private static string WriteContent(LessonGenerationContext context, List<CandidateSentence> ranked, List<CandidateSentence> keyPoints)
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
