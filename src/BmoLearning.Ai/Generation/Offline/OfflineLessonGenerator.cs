using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using BmoLearning.Ai.Generation.Quality;
using BmoLearning.Ai.Knowledge;
using BmoLearning.Ai.Text;
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
        var all = Usable(context);
        var onTopic = OnTopic(context, all);

        // Key points, facts and the rest of the text come from passages about the topic only. A sentence that uses a
        // wrong option (so that recognising a value from the text does not give the answer away) is looked for there
        // first, then in the same guide as the best passage, and only then elsewhere, at a cost when choosing the quiz.
        // The whole retrieval only when the passages about the topic cannot make a lesson.
        var guide = all.Where(s => onTopic.Contains(s) || s.Chunk.DocumentId == context.Chunks[0].DocumentId).ToList();
        var related = onTopic.Concat(guide).Concat(all).Distinct().ToList();
        NoRelevantKnowledgeException? refusal = null;
        foreach (var usable in onTopic.Count < all.Count ? [onTopic, all] : new[] { all })
        {
            try
            {
                return Generate(context, usable, usable == all ? all : related, [.. guide], glossary, seed);
            }
            catch (NoRelevantKnowledgeException ex)
            {
                refusal = ex;
            }
        }

        throw refusal!;
    }

    /// <summary>
    /// Sentences of the passages about the topic: the best-ranked passage, and any other whose own heading or text
    /// names most of the topic's words (all of them for a topic of one or two words). Retrieval also returns
    /// neighbouring passages (fraud prevention next to chargebacks), whose sentences would be off the lesson's subject.
    /// </summary>
    internal static List<CandidateSentence> OnTopic(LessonGenerationContext context, List<CandidateSentence> usable)
    {
        var topicTerms = QuizText.ContentWords(context.Topic).ToList();
        if (topicTerms.Count == 0)
        {
            return usable;
        }

        var needed = topicTerms.Count <= 2 ? topicTerms.Count : (int)Math.Ceiling(topicTerms.Count * 2 / 3.0);
        var best = context.Chunks[0].ChunkId;
        var about = context.Chunks
            .Where(c => c.ChunkId == best || Named(topicTerms, $"{c.HeadingPath.Split(" > ")[^1]} {c.Text}") >= needed)
            .Select(c => c.ChunkId).ToHashSet();
        return usable.Where(s => about.Contains(s.Chunk.ChunkId)).ToList();
    }

    private static int Named(IReadOnlyList<string> topicTerms, string text)
    {
        var terms = QuizText.ContentWords(text);
        return topicTerms.Count(t => terms.Contains(t) || terms.Any(s => s.Length >= 4 && t.Length >= 4 && (s.StartsWith(t, StringComparison.Ordinal) || t.StartsWith(s, StringComparison.Ordinal))));
    }

    private static LessonDraft Generate(
        LessonGenerationContext context, List<CandidateSentence> usable, List<CandidateSentence> related, HashSet<CandidateSentence> guide,
        KnowledgeGlossary glossary, ulong seed)
    {
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

        // A question is asked on a sentence its passage states as a sentence first: a list item run together with its
        // neighbours in the passage's prose is a fragment of a longer statement, which its source does not state alone.
        var whole = facts.Where(StandsAlone).ToList();
        var candidates = new List<PlacedQuestion>();
        foreach (var (pool, wordings, skips) in new[] { (whole, new[] { 0 }, new[] { 0, 1, 2 }), (whole, [0, 1, 2], [0, 1, 2]), (facts, [0], [0, 1, 2]), (facts, [0, 1, 2], [0, 1, 2]) })
        {
            // Every wording and every choice of distractors before giving up: a fair question in other words beats none.
            candidates = Candidates(pool, TypeOrder(context.Difficulty), wordings, skips, glossary, related, seed, correctIndex, sources);
            if (candidates.Count > 0)
            {
                break;
            }
        }

        var customer = (int)(seed % 10_000);

        // The first candidates are on the best facts; among them, prefer the one that no guesser who skips the sources
        // does better than chance on: surface cues, and an answer that alone of the options appears in the lesson text.
        var lesson = candidates
            .Select(q => (Question: q, Draft: Compose(context.Difficulty, usable, related, keyPoints, q, glossary, correctIndex, customer)))
            .OrderBy(l => Guessability(l.Question, l.Draft, correctIndex) + (OffGuidePenalty * OffGuide(l.Question.Draft, l.Draft, guide)))
            .FirstOrDefault();
        if (lesson.Draft is null)
        {
            throw new NoRelevantKnowledgeException(
                "The retrieved material does not support a fair question: no fact in it has three wrong options of the same kind that pass the quiz quality checks"
                + RejectionSummary(facts, TypeOrder(context.Difficulty), glossary, related, seed, correctIndex, sources));
        }

        return lesson.Draft;
    }

    /// <summary>The lesson around one placed question: text, key points, a scenario with the question's customer, sources.</summary>
    private static LessonDraft Compose(
        Difficulty difficulty, List<CandidateSentence> usable, List<CandidateSentence> related, List<(CandidateSentence Sentence, string Text)> keyPoints, PlacedQuestion question,
        KnowledgeGlossary glossary, int correctIndex, int customer)
    {
        var content = WriteContent(difficulty, usable, keyPoints, question.Draft);
        var cited = new[] { question.Draft.Fact.Chunk }.Concat(keyPoints.Select(k => k.Sentence.Chunk))
            .Concat(related.Where(s => content.Contains(s.Text, StringComparison.Ordinal)).Select(s => s.Chunk))
            .DistinctBy(c => c.ChunkId).Select(c => c.ChunkId).ToList();
        var fact = question.Draft.Fact;
        return new LessonDraft(
            Content: content,
            KeyPoints: keyPoints.Select(k => k.Text).ToList(),
            Scenario: ScenarioWriter.Write(Subject(fact, glossary, question.Options), $"the guide \"{fact.Chunk.DocumentTitle}\"", customer),
            QuizQuestion: question.Draft.Question,
            QuizOptions: question.Options,
            CorrectAnswer: correctIndex,
            Explanation: Explain(fact),
            SourceChunkIds: cited);
    }

    /// <summary>Whether the sentence is one sentence of its passage read as prose (not a list item run into its neighbours).</summary>
    internal static bool StandsAlone(CandidateSentence sentence)
    {
        var target = QuizText.Normalize(sentence.Text);
        return SentenceSplitter.Split(sentence.Chunk.Text.ReplaceLineEndings(" "))
            .Any(s => QuizText.Normalize(s.TrimStart('-', '*', ' ')) == target);
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

    internal sealed record PlacedQuestion(QuestionDraft Draft, List<string> Options);

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

    private const int MaxCandidates = 36;

    /// <summary>
    /// What a sentence from outside the topic's guide costs a candidate, in summed guessability: less than making one
    /// more wrong option appear in the text (a string-match guess from 1 in 2 to 1 in 3), so it is used only for that.
    /// </summary>
    private const double OffGuidePenalty = 0.1;

    /// <summary>Sentences of the lesson text that come from outside the passages about the topic and their guide.</summary>
    private static int OffGuide(QuestionDraft question, LessonDraft lesson, HashSet<CandidateSentence> guide) =>
        guide.Count == 0 ? 0 : question.Supporting.Distinct().Count(s => !guide.Contains(s) && lesson.Content.Contains(s.Text, StringComparison.Ordinal));

    /// <summary>
    /// How well guessers who never read the sources do on this quiz in its lesson: the expected accuracy of each surface
    /// strategy and of picking the option the lesson text contains word for word, summed (lower is fairer; 6 x 0.25 is
    /// chance for all). The candidate's position in the list breaks ties, so better facts still come first.
    /// </summary>
    internal static double Guessability(PlacedQuestion question, LessonDraft lesson, int correctIndex)
    {
        var quiz = new QuizItem(question.Draft.Question, question.Options, correctIndex);
        var text = QuizQualityReport.LessonTextOf(lesson);
        return Enum.GetValues<GuessStrategy>().Sum(s => GuessStrategies.ExpectedAccuracy(GuessStrategies.Picks(s, quiz, text), correctIndex));
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

    /// <summary>
    /// What the scenario is about: the longest glossary term in the fact, else the heading the fact sits under. Never
    /// a term an option names: a scenario "about employee cards" before a question whose answer is "employee card"
    /// gives the answer away (and a wrong option named there would mislead).
    /// </summary>
    internal static string Subject(CandidateSentence fact, KnowledgeGlossary glossary, IReadOnlyList<string> options)
    {
        var term = glossary.Terms
            .Where(t => QuestionWriter.WordAt(fact.Text, t.Term) >= 0
                && !options.Any(o => QuestionWriter.WordAt(o, t.Term) >= 0 || QuestionWriter.WordAt(t.Term, o.Trim()) >= 0))
            .OrderByDescending(t => t.Term.Length).FirstOrDefault();
        if (term is not null)
        {
            return term.Term.All(c => !char.IsLetter(c) || char.IsUpper(c)) ? term.Term : term.Term.ToLowerInvariant();
        }

        var heading = fact.Chunk.HeadingPath.Split(" > ")[^1].Trim();
        return heading.Length == 0 || options.Any(o => QuestionWriter.WordAt(heading, o.Trim()) >= 0) ? "a rule in the lesson" : $"\"{heading}\"";
    }

    private static string Explain(CandidateSentence fact) => $"{fact.Text} (Source: {fact.Chunk.DocumentTitle}, \"{fact.Chunk.Section}\".)";

    /// <summary>A hash that is the same on every machine and run (unlike string.GetHashCode).</summary>
    private static ulong StableSeed(string text) =>
        BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(text.Trim().ToLowerInvariant())));
}
