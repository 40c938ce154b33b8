using BmoLearning.Core.Data;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Jobs;
using BmoLearning.Core.Lessons;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BmoLearning.Core.Adaptive;

/// <summary>
/// Brings due concepts back as review questions: a new variant of the lesson that taught them, delivered like a
/// lesson, at most <see cref="AdaptiveOptions.ReviewsPerDay"/> a day. An unanswered review changes no memory
/// state (only answers are reviews); the concept stays due and comes back another day with another variant.
/// </summary>
public sealed class ReviewScheduler(AppDbContext db, IQuestionVariants variants, IJobQueue jobs, IOptions<AdaptiveOptions> options)
{
    /// <summary>How many due concepts a tick looks at per learner; the budget is a few a day.</summary>
    private const int DueScanLimit = 50;

    /// <summary>
    /// Learners with at least one concept due at <paramref name="now"/>: one range scan of the due-date index per
    /// scheduler tick, so the tick looks only at learners who have something to review.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> LearnersWithDueReviewsAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct) =>
        await db.ConceptMemories.AsNoTracking().Where(m => m.Due <= now)
            .Where(m => db.Concepts.Any(c => c.Id == m.ConceptId && c.StaleAt == null))
            .Select(m => m.LearnerId).Distinct().ToListAsync(ct);

    /// <summary>Queues today's reviews for a learner whose window is open; returns how many were queued.</summary>
    public async Task<int> QueueDueReviewsAsync(Guid learnerId, DeliveryWindow window, DateTimeOffset now, CancellationToken ct)
    {
        var dueConcepts = await db.ConceptMemories.AsNoTracking()
            .Where(m => m.LearnerId == learnerId && m.Due <= now)
            // A stale concept (its passage changed in a new source version) is withdrawn from reviews.
            .Where(m => db.Concepts.Any(c => c.Id == m.ConceptId && c.StaleAt == null))
            .OrderBy(m => m.Due).Take(DueScanLimit)
            .Select(m => new { m.ConceptId, m.Due }).ToListAsync(ct);
        if (dueConcepts.Count == 0)
        {
            return 0;
        }

        var today = window.DateAt(now);
        var recentReviews = await db.Lessons.AsNoTracking()
            .Where(l => l.LearnerId == learnerId && l.ReviewOfLessonId != null && l.CreatedAt > now.AddDays(-2))
            .Select(l => new { l.ReviewOfLessonId, l.CreatedAt }).ToListAsync(ct);
        var reviewedToday = recentReviews.Where(r => window.DateAt(r.CreatedAt) == today).ToList();
        var budget = options.Value.ReviewsPerDay - reviewedToday.Count;
        if (budget <= 0)
        {
            return 0;
        }

        // The lesson that taught each due concept (the latest, if several did); most overdue first.
        var dueIds = dueConcepts.Select(c => c.ConceptId).ToList();
        var teaching = await (from lc in db.LessonConcepts
                              join l in db.Lessons on lc.LessonId equals l.Id
                              where l.LearnerId == learnerId && l.ReviewOfLessonId == null && dueIds.Contains(lc.ConceptId)
                                  && l.Status != LessonStatus.Stale
                              select new { lc.ConceptId, l.Id, l.CreatedAt }).ToListAsync(ct);
        var dueAt = dueConcepts.ToDictionary(c => c.ConceptId, c => c.Due);
        var originals = teaching.GroupBy(t => t.ConceptId)
            .Select(g => g.OrderByDescending(t => t.CreatedAt).First())
            .GroupBy(t => t.Id)
            .OrderBy(g => g.Min(t => dueAt[t.ConceptId]))
            .Select(g => g.Key)
            .Where(id => reviewedToday.All(r => r.ReviewOfLessonId != id))
            .ToList();

        var queued = 0;
        foreach (var originalId in originals)
        {
            if (queued >= budget)
            {
                break;
            }

            var original = await db.Lessons.AsNoTracking().SingleAsync(l => l.Id == originalId, ct);
            var earlier = await db.Lessons.CountAsync(l => l.ReviewOfLessonId == originalId, ct);
            var variant = await variants.CreateAsync(original, earlier, ct);
            if (variant is null)
            {
                continue; // its sources allow no other fair question (changed or removed): nothing to review with
            }

            var review = new Lesson
            {
                LearningPathId = original.LearningPathId,
                LearnerId = learnerId,
                Topic = original.Topic,
                Difficulty = original.Difficulty,
                Content = $"Quick review: {original.Topic}.",
                KeyPoints = original.KeyPoints.ToList(),
                Scenario = original.Scenario,
                QuizQuestion = variant.QuizQuestion,
                QuizOptions = variant.QuizOptions.ToList(),
                CorrectAnswer = variant.CorrectAnswer,
                Explanation = variant.Explanation,
                Sources = original.Sources.ToList(),
                GeneratorName = "review-variant",
                GeneratorVersion = "1",
                CreatedAt = now,
                ReviewOfLessonId = original.Id,
            };
            db.Lessons.Add(review);
            await db.SaveChangesAsync(ct);
            jobs.EnqueueDelivery(review.Id, 0);
            queued++;
        }

        return queued;
    }
}
