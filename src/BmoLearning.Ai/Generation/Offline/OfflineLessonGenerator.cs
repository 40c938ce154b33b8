using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using BmoLearning.Ai.Generation.Quality;
using BmoLearning.Ai.Knowledge;
using BmoLearning.Core.Knowledge;
using BmoLearning.Core.Lessons;

namespace BmoLearning.Ai.Generation.Offline;

/// <summary>A new question on the fact a lesson already taught: different wording, never the same option set.</summary>
public sealed record QuizVariant(string QuizQuestion, IReadOnlyList<string> QuizOptions, int CorrectAnswer, string Explanation, QuestionType QuestionType);

/// <summary>
/// Builds a lesson from retrieved chunks without a language model. The text is made of the chunks' own sentences,
/// chosen so each stands alone (none opens on a reference to something the lesson does not say, none twice); key
/// points are those sentences cut to at most 20 words; the scenario sets a customer's situation without restating the
/// fact; the question leaves a figure or term out of one fact (or asks for a defined term), with wrong options drawn
/// from the knowledge base's own values of the same kind. Every quiz passes <see cref="QuizQualityChecker"/> before it
/// is used, and the correct option's position follows a hash of topic and difficulty, uniform over lessons.
/// Deterministic for a given knowledge base. The requested topic steers retrieval and scoring but is never copied
/// into the text: what a learner reads comes from the knowledge base.
/// </summary>
public sealed class OfflineLessonGenerator(KnowledgeGlossarySource? glossarySource = null) : ILessonGenerator
{
    public const string GeneratorName = "offline-extractive";

    private static readonly string[] MetaPhrases = ["this guide", "the guide on", "this section", "below", "above", "the following", "this lesson", "see the", "covered in"];

    public string Name => GeneratorName;

    public string Version => "2.0.0";

    public async Task<LessonDraft> GenerateAsync(LessonGenerationContext context, CancellationToken ct)
    {
        if (context.Chunks.Count == 0)
        {
            throw new NoRelevantKnowledgeException("No knowledge was retrieved for the requested topic.");
        }

        var glossary = await GlossaryAsync(context, ct);
        var seed = StableSeed($"{context.Topic}|{context.Difficulty}");
        var usable = Usable(context);
        if (usable.Count < LessonValidator.MinKeyPoints)
        {
            throw new NoRelevantKnowledgeException(
                $"The knowledge base says too little about the requested topic to teach it: {usable.Count} usable sentence(s) were retrieved and a lesson needs at least {LessonValidator.MinKeyPoints}.");
        }

        var keyPoints = PickKeyPoints(usable, KeyPointCount(context.Difficulty));
        if (keyPoints.Count < LessonValidator.MinKeyPoints)
        {
            throw new NoRelevantKnowledgeException("The retrieved material has too few self-contained statements for three key points.");
        }

        var correctIndex = (int)(seed % LessonValidator.OptionCount);
        var sources = context.Chunks.Select(c => c.Text).ToList();
        var facts = keyPoints.Select(k => k.Sentence).Concat(usable).Distinct().ToList();
        var candidates = Candidates(facts, TypeOrder(context.Difficulty), wordings: [0], skips: [0], glossary, usable, seed, correctIndex, sources);
        if (candidates.Count == 0)
        {
            // Every wording and every choice of distractors before giving up: a fair question in other words beats none.
            candidates = Candidates(facts, TypeOrder(context.Difficulty), wordings: [0, 1, 2], skips: [0, 1, 2], glossary, usable, seed, correctIndex, sources);
        }

        // The first candidates are on the best facts; among them, prefer the one whose wrong options the lesson also
        // mentions (recognising a value from the text then does not reveal the answer) and that no surface cue singles out.
        var question = candidates.OrderByDescending(q => Fairness(q, correctIndex)).FirstOrDefault()
            ?? throw new NoRelevantKnowledgeException(
                "The retrieved material does not support a fair question: no fact in it has three wrong options of the same kind that pass the quiz quality checks"
                + RejectionSummary(facts, TypeOrder(context.Difficulty), glossary, usable, seed, correctIndex, sources));

        var content = WriteContent(context.Difficulty, usable, keyPoints, question.Draft);
        var cited = new[] { question.Draft.Fact.Chunk }.Concat(keyPoints.Select(k => k.Sentence.Chunk))
            .Concat(usable.Where(s => content.Contains(s.Text, StringComparison.Ordinal)).Select(s => s.Chunk))
            .DistinctBy(c => c.ChunkId).Select(c => c.ChunkId).ToList();
        var fact = question.Draft.Fact;
        return new LessonDraft(
            Content: content,
            KeyPoints: keyPoints.Select(k => k.Text).ToList(),
            Scenario: ScenarioWriter.Write(Subject(fact, glossary), $"the guide \"{fact.Chunk.DocumentTitle}\"", (int)(seed % 1000)),
            QuizQuestion: question.Draft.Question,
            QuizOptions: question.Options,
            CorrectAnswer: correctIndex,
            Explanation: Explain(fact),
            SourceChunkIds: cited);
    }

    /// <summary>
    /// Another question on the fact the original taught (found through its explanation and correct option): a
    /// different question type or wording, and an option set that differs from the original's. Null when the
    /// material allows no other fair question.
    /// </summary>
    public async Task<QuizVariant?> CreateVariantAsync(
        LessonGenerationContext context, string question, IReadOnlyList<string> options, int correctAnswer, string explanation, int number, CancellationToken ct)
    {
        if (context.Chunks.Count == 0)
        {
            return null;
        }

        var glossary = await GlossaryAsync(context, ct);
        var usable = Usable(context);
        var answer = correctAnswer >= 0 && correctAnswer < options.Count ? QuizText.Claim(question, options[correctAnswer]) : string.Empty;
        var target = QuizText.ContentWords($"{explanation} {answer}");
        var explained = QuizText.Normalize(explanation);
        var fact = usable.FirstOrDefault(s => explained.StartsWith(QuizText.Normalize(s.Text), StringComparison.Ordinal))
            ?? usable.OrderByDescending(s => QuizText.Jaccard(QuizText.ContentWords(s.Text), target)).ThenBy(s => s.ChunkRank).ThenBy(s => s.Order).FirstOrDefault();
        if (fact is null)
        {
            return null;
        }

        var sources = context.Chunks.Select(c => c.Text).ToList();
        var originalSet = options.Select(QuizText.Normalize).ToHashSet(StringComparer.Ordinal);
        var originalQuestion = QuizText.Normalize(question);
        var seed = StableSeed($"{explanation}|{number}");
        var index = (int)(seed % LessonValidator.OptionCount);
        var variants = Questions([fact], [QuestionType.Scenario, QuestionType.Term, QuestionType.Fact], wordings: [1, 0, 2], skips: [0, 1, 2], glossary, usable, (int)(seed % 10_000))
            .Where(q => QuizText.Normalize(q.Question) != originalQuestion)
            .Select(q => (Draft: q, Options: Place(q, index, seed)))
            .Where(q => !q.Options.Select(QuizText.Normalize).ToHashSet(StringComparer.Ordinal).SetEquals(originalSet) && Passes(q.Draft, q.Options, index, sources))
            .DistinctBy(q => string.Join('|', q.Options.Order(StringComparer.Ordinal)) + q.Draft.Question)
            .ToList();
        if (variants.Count == 0)
        {
            return null;
        }

        var chosen = variants[Math.Abs(number) % variants.Count];
        return new QuizVariant(chosen.Draft.Question, chosen.Options, index, Explain(chosen.Draft.Fact), chosen.Draft.Type);
    }

    private async Task<KnowledgeGlossary> GlossaryAsync(LessonGenerationContext context, CancellationToken ct)
    {
        var local = KnowledgeGlossary.Build(context.Chunks.Select(c => c.Text));
        return glossarySource is null ? local : local.Merge(await glossarySource.GetAsync(ct));
    }

    /// <summary>Sentences that can stand alone in a lesson, best first: whole statements that lean on nothing said before them.</summary>
    private static List<CandidateSentence> Usable(LessonGenerationContext context) =>
        SentenceScorer.Score(context.Topic, context.Chunks)
            .Where(s => s.Words is >= 6 and <= 40 && !LessonCoherence.IsOrphan(s.Text)
                && !MetaPhrases.Any(m => s.Text.Contains(m, StringComparison.OrdinalIgnoreCase)) && !s.Text.Contains('"', StringComparison.Ordinal))
            .DistinctBy(s => QuizText.Normalize(s.Text))
            .OrderByDescending(s => s.Score).ThenBy(s => s.ChunkRank).ThenBy(s => s.Order)
            .ToList();

    private static IEnumerable<QuestionDraft> Questions(
        IEnumerable<CandidateSentence> facts, IReadOnlyList<QuestionType> types, int[] wordings, int[] skips,
        KnowledgeGlossary glossary, IReadOnlyList<CandidateSentence> usable, int seed)
    {
        foreach (var fact in facts)
        {
            foreach (var type in types)
            {
                foreach (var wording in wordings)
                {
                    foreach (var skip in skips)
                    {
                        foreach (var question in QuestionWriter.For(fact, type, wording, skip, glossary, usable, seed))
                        {
                            yield return question;
                        }
                    }
                }
            }
        }
    }

    private static List<PlacedQuestion> Candidates(
        IEnumerable<CandidateSentence> facts, IReadOnlyList<QuestionType> types, int[] wordings, int[] skips,
        KnowledgeGlossary glossary, IReadOnlyList<CandidateSentence> usable, ulong seed, int correctIndex, IReadOnlyList<string> sources) =>
        Questions(facts, types, wordings, skips, glossary, usable, (int)(seed % 10_000))
            .Select(q => new PlacedQuestion(q, Place(q, correctIndex, seed)))
            .Where(q => Passes(q.Draft, q.Options, correctIndex, sources))
            .Take(MaxCandidates)
            .ToList();

    /// <summary>Why the questions the material allows were refused, most frequent first, so a failed lesson says what is missing.</summary>
    private static string RejectionSummary(
        IEnumerable<CandidateSentence> facts, IReadOnlyList<QuestionType> types, KnowledgeGlossary glossary,
        IReadOnlyList<CandidateSentence> usable, ulong seed, int correctIndex, IReadOnlyList<string> sources)
    {
        var drafts = Questions(facts, types, [0, 1, 2], [0, 1, 2], glossary, usable, (int)(seed % 10_000)).Take(200).ToList();
        var reasons = drafts
            .SelectMany(q => QuizQualityChecker.Check(new QuizItem(q.Question, Place(q, correctIndex, seed), correctIndex), sources))
            .GroupBy(p => p.Code).OrderByDescending(g => g.Count()).Take(3)
            .Select(g => $"{g.Key} ({g.Count()})").ToList();
        return drafts.Count == 0
            ? " (no fact has three values or terms of the same kind to offer as wrong options)."
            : $" ({drafts.Count} question(s) considered; refused for {string.Join(", ", reasons)}).";
    }

    private sealed record PlacedQuestion(QuestionDraft Draft, List<string> Options);

    /// <summary>Wrong options in an order fixed by the seed, the correct one at <paramref name="correctIndex"/>.</summary>
    private static List<string> Place(QuestionDraft question, int correctIndex, ulong seed)
    {
        var wrong = question.Distractors.ToList();
        var rotate = (int)(seed / LessonValidator.OptionCount % (ulong)wrong.Count);
        var options = wrong.Skip(rotate).Concat(wrong.Take(rotate)).ToList();
        options.Insert(correctIndex, question.Correct);
        return options;
    }

    private static bool Passes(QuestionDraft question, IReadOnlyList<string> options, int correctIndex, IReadOnlyList<string> sources) =>
        QuizQualityChecker.Check(new QuizItem(question.Question, options, correctIndex), [question.Fact.Chunk.Text]).Count == 0
        && QuizQualityChecker.Check(new QuizItem(question.Question, options, correctIndex), sources, checkAnswerSupport: false).Count == 0;

    private const int MaxCandidates = 24;

    /// <summary>Wrong options the lesson will also mention (up to three), less one for each surface strategy that picks the answer alone.</summary>
    private static int Fairness(PlacedQuestion question, int correctIndex)
    {
        var quiz = new QuizItem(question.Draft.Question, question.Options, correctIndex);
        var singled = GuessStrategies.SurfaceOnly.Count(s => GuessStrategies.Picks(s, quiz) is [var only] && only == correctIndex);
        return (2 * question.Draft.Supporting.Select(x => x.Text).Distinct().Take(3).Count()) - singled;
    }

    /// <summary>Beginners get a definition question where there is one; harder lessons ask to apply a figure or a rule.</summary>
    private static QuestionType[] TypeOrder(Difficulty difficulty) => difficulty switch
    {
        Difficulty.Beginner => [QuestionType.Term, QuestionType.Fact, QuestionType.Scenario],
        Difficulty.Intermediate => [QuestionType.Fact, QuestionType.Term, QuestionType.Scenario],
        _ => [QuestionType.Scenario, QuestionType.Term, QuestionType.Fact],
    };

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

    /// <summary>The best sentences cut to key-point length, at most two from one chunk so the points cover more than one passage.</summary>
    private static List<(CandidateSentence Sentence, string Text)> PickKeyPoints(List<CandidateSentence> ranked, int count)
    {
        var picked = new List<(CandidateSentence Sentence, string Text)>();
        foreach (var perChunk in new[] { 2, int.MaxValue })
        {
            foreach (var sentence in ranked)
            {
                if (picked.Count == count)
                {
                    return picked;
                }

                if (picked.Count(p => p.Sentence.Chunk.ChunkId == sentence.Chunk.ChunkId) < perChunk && picked.All(p => p.Sentence != sentence)
                    && KeyPointWriter.Trim(sentence.Text) is { } text && picked.All(p => QuizText.Normalize(p.Text) != QuizText.Normalize(text)))
                {
                    picked.Add((sentence, text));
                }
            }
        }

        return picked;
    }

    /// <summary>
    /// The quiz's fact and the sentences that use its wrong options first, then the key points' sentences and the next
    /// best, within the word budget; a paragraph per chunk, each in the chunk's own order.
    /// </summary>
    private static string WriteContent(Difficulty difficulty, List<CandidateSentence> ranked, List<(CandidateSentence Sentence, string Text)> keyPoints, QuestionDraft question)
    {
        var budget = WordBudget(difficulty);
        var chosen = new List<CandidateSentence>();
        foreach (var sentence in new[] { question.Fact }.Concat(question.Supporting).Concat(keyPoints.Select(k => k.Sentence)).Concat(ranked))
        {
            if (!chosen.Contains(sentence) && sentence.Words <= budget)
            {
                chosen.Add(sentence);
                budget -= sentence.Words;
            }
        }

        var chunkOrder = chosen.Select(s => s.ChunkRank).Distinct().ToList();
        return string.Join("\n\n", chunkOrder.Select(rank => string.Join(' ', chosen.Where(s => s.ChunkRank == rank).OrderBy(s => s.Order).Select(s => s.Text))));
    }

    /// <summary>What the scenario is about: the longest glossary term in the fact, else the heading the fact sits under.</summary>
    private static string Subject(CandidateSentence fact, KnowledgeGlossary glossary)
    {
        var term = glossary.Terms.Where(t => QuestionWriter.WordAt(fact.Text, t.Term) >= 0).OrderByDescending(t => t.Term.Length).FirstOrDefault();
        if (term is not null)
        {
            return term.Term.All(c => !char.IsLetter(c) || char.IsUpper(c)) ? term.Term : term.Term.ToLowerInvariant();
        }

        var heading = fact.Chunk.HeadingPath.Split(" > ")[^1].Trim();
        return heading.Length == 0 ? "a rule in the lesson" : $"\"{heading}\"";
    }

    private static string Explain(CandidateSentence fact) => $"{fact.Text} (Source: {fact.Chunk.DocumentTitle}, \"{fact.Chunk.Section}\".)";

    /// <summary>A hash that is the same on every machine and run (unlike string.GetHashCode).</summary>
    private static ulong StableSeed(string text) =>
        BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(text.Trim().ToLowerInvariant())));
}
