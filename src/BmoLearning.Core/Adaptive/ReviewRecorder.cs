using BmoLearning.Core.Data;
using BmoLearning.Core.Lessons;
using BmoLearning.Core.Quiz;
using BmoLearning.Learning.Fsrs;
using BmoLearning.Learning.Reviews;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Core.Adaptive;

/// <summary>
/// Turns an answer into one review per concept the lesson teaches: the rating from <see cref="RatingRule"/>
/// (the learner's own answer-time quartiles), the memory state moved on by the FSRS-6 scheduler. Tracked
/// with the answer and saved with it, so the answer and its reviews are stored together or not at all.
/// </summary>
public sealed class ReviewRecorder(AppDbContext db, ConceptLinker concepts, FsrsParameterStore parameters)
{
    public async Task<Rating> RecordAsync(QuizResponse response, Lesson lesson, CancellationToken ct)
    {
        var pace = AnswerTimeQuartiles.From(await db.QuizResponses.AsNoTracking()
            .Where(r => r.LearnerId == response.LearnerId && r.TimeTakenSeconds != null)
            .OrderByDescending(r => r.CreatedAt).Take(200)
            .Select(r => TimeSpan.FromSeconds(r.TimeTakenSeconds!.Value)).ToListAsync(ct));
        TimeSpan? taken = response.TimeTakenSeconds is { } s ? TimeSpan.FromSeconds(s) : null;
        var rating = RatingRule.FromAnswer(response.Correct, taken, pace);

        var conceptIds = await concepts.EnsureLinkedAsync(lesson, ct);
        // The learner's fitted parameters, or the organisation's, or the defaults.
        var scheduler = await parameters.SchedulerForAsync(response.LearnerId, ct);
        var memories = await db.ConceptMemories
            .Where(m => m.LearnerId == response.LearnerId && conceptIds.Contains(m.ConceptId)).ToDictionaryAsync(m => m.ConceptId, ct);
        foreach (var conceptId in conceptIds)
        {
            memories.TryGetValue(conceptId, out var memory);
            var previous = memory?.ToState();
            // Answers are recorded in arrival order; an answer stamped before the last review counts as at it.
            var at = previous?.LastReview is { } last && last > response.CreatedAt ? last : response.CreatedAt;
            var next = scheduler.Review(previous, rating, at).Next;
            db.ReviewLogs.Add(new ReviewLog
            {
                LearnerId = response.LearnerId,
                ConceptId = conceptId,
                QuizResponseId = response.Id,
                Rating = rating,
                ReviewedAt = at,
                ElapsedDays = previous?.LastReview is { } lr ? FsrsScheduler.CalendarDaysBetween(lr, at) : null,
            });
            if (memory is null)
            {
                memory = new ConceptMemory { LearnerId = response.LearnerId, ConceptId = conceptId };
                db.ConceptMemories.Add(memory);
            }

            memory.Apply(next);
        }

        return rating;
    }
}
