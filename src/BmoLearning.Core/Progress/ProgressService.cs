using BmoLearning.Core.Data;
using BmoLearning.Core.LearningPaths;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Core.Progress;

public sealed record PathProgress(
    Guid LearningPathId,
    string Topic,
    string Status,
    int LessonsCompleted,
    int TotalLessons,
    double CompletionRate,
    int LessonsDelivered,
    int QuestionsAnswered,
    int CorrectAnswers);

/// <summary>Rates are fractions (0–1) and always come with their denominators.</summary>
public sealed record LearnerProgress(
    Guid LearnerId,
    double CompletionRate,
    double QuizAccuracy,
    int LessonsCompleted,
    int TotalLessons,
    int QuestionsAnswered,
    int CorrectAnswers,
    IReadOnlyList<PathProgress> Paths)
{
    /// <summary>Mastery (predicted recall now, 0–1) of each path's topic over the concepts taught so far (issue 12).</summary>
    public IReadOnlyList<TopicMastery> Mastery { get; init; } = [];

    /// <summary>Concepts whose review is due now.</summary>
    public int ConceptsDue { get; init; }

    /// <summary>When the next concept falls due; null before any answer.</summary>
    public DateTimeOffset? NextReviewAt { get; init; }

    /// <summary>Predicted recall 30 days from now averaged over the concepts answered; null before any answer.</summary>
    public double? PredictedRetention30Days { get; init; }
}

public sealed record TopicMastery(Guid LearningPathId, string Topic, double Mastery);

/// <summary>
/// A learner's progress in one database round trip when the learner has paths (two when not: then a second query
/// tells "no paths yet" from "no such learner"). The per-path counts are correlated subqueries in the same
/// statement, compiled once, so the read path costs no LINQ translation per request (docs/benchmarks.md, read path).
/// </summary>
public sealed class ProgressService(AppDbContext db, Adaptive.MasteryService mastery)
{
    private sealed record PathRow(
        Guid Id, string Topic, PathStatus Status, int LessonsCompleted, int TotalLessons, int Delivered, int Answered, int Correct);

    private static readonly Func<AppDbContext, Guid, IAsyncEnumerable<PathRow>> PathsOf = EF.CompileAsyncQuery(
        (AppDbContext db, Guid learnerId) => db.LearningPaths.AsNoTracking()
            .Where(p => p.LearnerId == learnerId)
            .OrderBy(p => p.Topic)
            .Select(p => new PathRow(
                p.Id, p.Topic, p.Status, p.LessonsCompleted, p.TotalLessons,
                db.Lessons.Count(l => l.LearnerId == learnerId && l.LearningPathId == p.Id),
                db.QuizResponses.Count(r => r.LearnerId == learnerId && db.Lessons.Any(l => l.Id == r.LessonId && l.LearningPathId == p.Id)),
                db.QuizResponses.Count(r => r.LearnerId == learnerId && r.Correct && db.Lessons.Any(l => l.Id == r.LessonId && l.LearningPathId == p.Id)))));

    private static readonly Func<AppDbContext, Guid, CancellationToken, Task<bool>> LearnerExists = EF.CompileAsyncQuery(
        (AppDbContext db, Guid learnerId, CancellationToken ct) => db.Learners.Any(l => l.Id == learnerId));

    public async Task<LearnerProgress?> GetAsync(Guid learnerId, CancellationToken ct)
    {
        var pathProgress = new List<PathProgress>();
        await foreach (var p in PathsOf(db, learnerId).WithCancellation(ct))
        {
            pathProgress.Add(new PathProgress(
                p.Id, p.Topic, StatusName(p.Status), p.LessonsCompleted, p.TotalLessons,
                Ratio(p.LessonsCompleted, p.TotalLessons), p.Delivered, p.Answered, p.Correct));
        }

        // Paths belong to an existing learner (foreign key), so only an empty answer needs the existence check.
        if (pathProgress.Count == 0 && !await LearnerExists(db, learnerId, ct))
        {
            return null;
        }

        var completed = pathProgress.Sum(p => p.LessonsCompleted);
        var total = pathProgress.Sum(p => p.TotalLessons);
        var answeredTotal = pathProgress.Sum(p => p.QuestionsAnswered);
        var correctTotal = pathProgress.Sum(p => p.CorrectAnswers);
        var memory = await mastery.SummarizeAsync(learnerId, ct);
        return new LearnerProgress(
            learnerId, Ratio(completed, total), Ratio(correctTotal, answeredTotal), completed, total, answeredTotal, correctTotal, pathProgress)
        {
            Mastery = pathProgress.Select(p => new TopicMastery(p.LearningPathId, p.Topic, memory.MasteryByPath.GetValueOrDefault(p.LearningPathId))).ToList(),
            ConceptsDue = memory.ConceptsDue,
            NextReviewAt = memory.NextReviewAt,
            PredictedRetention30Days = memory.PredictedRetention30Days,
        };
    }

    private static string StatusName(PathStatus status) => status switch
    {
        PathStatus.Active => "active",
        PathStatus.Paused => "paused",
        PathStatus.Completed => "completed",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
}
