using BmoLearning.Core.Knowledge;
using BmoLearning.Core.Lessons;

namespace BmoLearning.Ai.Generation.Quality;

/// <summary>A lesson with the chunks it was written from, as the quality report reads it.</summary>
public sealed record GeneratedLesson(LessonDraft Draft, IReadOnlyList<RetrievedChunk> Chunks);

/// <summary>
/// The quiz-quality figures over many lessons (the bench and the tests share them): the expected accuracy of each
/// surface-only guessing strategy and of the best combination of the five, lexical answerability, wrong options the
/// cited chunks state, and coherence faults. Embedding agreement needs a model and is measured by the bench.
/// </summary>
public sealed record QuizQualityReport(
    int Lessons,
    IReadOnlyDictionary<GuessStrategy, double> Guessability,
    double BestCombination,
    string BestCombinationName,
    double AnswerSupported,
    int DistractorSupported,
    int CheckerFlags,
    int OrphanReferences,
    int RepeatedSentences,
    int LongKeyPoints)
{
    /// <summary>Everything a learner reads before answering, for the "appears word for word" strategy.</summary>
    public static string LessonTextOf(LessonDraft draft) => string.Join("\n", [draft.Content, .. draft.KeyPoints, draft.Scenario]);

    public static QuizQualityReport Compute(IReadOnlyList<GeneratedLesson> lessons, Func<GuessStrategy, string>? name = null)
    {
        name ??= s => s.ToString();
        var quizzes = lessons.Select(l => (Quiz: new QuizItem(l.Draft.QuizQuestion, l.Draft.QuizOptions, l.Draft.CorrectAnswer), Text: LessonTextOf(l.Draft), l)).ToList();
        var guessability = Enum.GetValues<GuessStrategy>().ToDictionary(
            s => s,
            s => quizzes.Count == 0 ? 0 : quizzes.Average(q => GuessStrategies.ExpectedAccuracy(GuessStrategies.Picks(s, q.Quiz, q.Text), q.Quiz.CorrectIndex)));

        var surface = GuessStrategies.SurfaceOnly;
        var best = (Rate: 0.0, Name: string.Empty);
        for (var mask = 1; mask < 1 << surface.Count && quizzes.Count > 0; mask++)
        {
            var subset = surface.Where((_, i) => (mask & (1 << i)) != 0).ToList();
            if (subset.Count < 2)
            {
                continue;
            }

            var rate = quizzes.Average(q => GuessStrategies.ExpectedAccuracy(GuessStrategies.Combined(subset, q.Quiz), q.Quiz.CorrectIndex));
            if (rate > best.Rate)
            {
                best = (rate, string.Join(" + ", subset.Select(name)));
            }
        }

        var supported = 0;
        var distractorSupported = 0;
        var flagged = 0;
        foreach (var (quiz, _, lesson) in quizzes)
        {
            var cited = lesson.Chunks.Where(c => lesson.Draft.SourceChunkIds.Contains(c.ChunkId)).Select(c => c.Text).ToList();
            supported += QuizQualityChecker.IsSupported(QuizText.Claim(quiz.Question, quiz.Options[quiz.CorrectIndex]), cited) ? 1 : 0;
            var sources = cited.Select(QuizText.Normalize).ToList();
            distractorSupported += quiz.Options.Where((_, i) => i != quiz.CorrectIndex)
                .Any(o => sources.Any(s => s.Contains(QuizText.Normalize(QuizText.Claim(quiz.Question, o)), StringComparison.Ordinal))) ? 1 : 0;
            flagged += QuizQualityChecker.Check(quiz, cited).Count > 0 ? 1 : 0;
        }

        var coherence = lessons.Select(l => LessonCoherence.Check(l.Draft)).ToList();
        return new QuizQualityReport(
            lessons.Count, guessability, best.Rate, best.Name,
            quizzes.Count == 0 ? 0 : supported / (double)quizzes.Count, distractorSupported, flagged,
            coherence.Sum(c => c.OrphanReferences), coherence.Sum(c => c.RepeatedSentences), coherence.Sum(c => c.LongKeyPoints));
    }
}
