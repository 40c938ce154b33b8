using BmoLearning.Core.Data;
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
    IReadOnlyList<PathProgress> Paths);

public sealed class ProgressService(AppDbContext db)
{
    public async Task<LearnerProgress?> GetAsync(Guid learnerId, CancellationToken ct)
    {
        if (!await db.Learners.AnyAsync(l => l.Id == learnerId, ct))
        {
            return null;
        }

        var paths = await db.LearningPaths.AsNoTracking().Where(p => p.LearnerId == learnerId).OrderBy(p => p.Topic).ToListAsync(ct);
        var lessonCounts = await db.Lessons.Where(l => l.LearnerId == learnerId)
            .GroupBy(l => l.LearningPathId)
            .Select(g => new { PathId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.PathId, x => x.Count, ct);
        var answers = await db.QuizResponses.Where(r => r.LearnerId == learnerId)
            .Join(db.Lessons, r => r.LessonId, l => l.Id, (r, l) => new { l.LearningPathId, r.Correct })
            .GroupBy(x => x.LearningPathId)
            .Select(g => new { PathId = g.Key, Answered = g.Count(), Correct = g.Count(x => x.Correct) })
            .ToDictionaryAsync(x => x.PathId, ct);

        var pathProgress = paths.Select(p =>
        {
            var answered = answers.GetValueOrDefault(p.Id);
            return new PathProgress(
                p.Id, p.Topic, p.Status.ToString().ToLowerInvariant(), p.LessonsCompleted, p.TotalLessons,
                Ratio(p.LessonsCompleted, p.TotalLessons), lessonCounts.GetValueOrDefault(p.Id),
                answered?.Answered ?? 0, answered?.Correct ?? 0);
        }).ToList();

        var completed = pathProgress.Sum(p => p.LessonsCompleted);
        var total = pathProgress.Sum(p => p.TotalLessons);
        var answeredTotal = pathProgress.Sum(p => p.QuestionsAnswered);
        var correctTotal = pathProgress.Sum(p => p.CorrectAnswers);
        return new LearnerProgress(
            learnerId, Ratio(completed, total), Ratio(correctTotal, answeredTotal), completed, total, answeredTotal, correctTotal, pathProgress);
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
}
