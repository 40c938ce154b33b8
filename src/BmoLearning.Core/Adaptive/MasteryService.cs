using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.LearningPaths;
using BmoLearning.Learning.Fsrs;
using BmoLearning.Learning.Mastery;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Core.Adaptive;

public sealed record TopicRef(string? Id, string Title);

/// <summary>The recommended next step: advance, continue or reinforce, on which topic, and why.</summary>
public sealed record NextLesson(
    Guid LearnerId, Guid? CourseId, TopicRef? CurrentTopic, double Mastery, string Action, TopicRef? NextTopic, int ReviewsDue, string Reason);

/// <summary>What the learner's memory says now: mastery per path topic, reviews due, and what they will recall in 30 days.</summary>
public sealed record MemorySummary(IReadOnlyDictionary<Guid, double> MasteryByPath, int ConceptsDue, DateTimeOffset? NextReviewAt, double? PredictedRetention30Days);

/// <summary>
/// Mastery per topic = predicted recall now averaged over the topic's concepts taught so far (a concept taught
/// but never answered counts 0; see <see cref="RecallNow"/> for the first day after an answer), and the next-step rule of <see cref="MasteryRules"/> applied to a learner's
/// current course topic (or, without a course, their most recent active path).
/// </summary>
public sealed class MasteryService(AppDbContext db, FsrsParameterStore parameters, CourseService courses, TimeProvider time)
{
    public async Task<MemorySummary> SummarizeAsync(Guid learnerId, CancellationToken ct)
    {
        var now = time.Now();
        var taught = await TaughtConceptsAsync(learnerId, ct);
        var memories = await db.ConceptMemories.AsNoTracking().Where(m => m.LearnerId == learnerId).ToListAsync(ct);
        var byConcept = memories.ToDictionary(m => m.ConceptId, m => m.ToState());
        var scheduler = memories.Count == 0 ? null : await parameters.SchedulerForAsync(learnerId, ct);
        var mastery = taught.GroupBy(t => t.PathId).ToDictionary(
            g => g.Key,
            g => Math.Round(g.Average(t => byConcept.GetValueOrDefault(t.ConceptId) is { } state ? RecallNow(scheduler!, state, now) : 0), 4));
        var due = memories.Count(m => m.Due <= now);
        var next = memories.Count == 0 ? (DateTimeOffset?)null : memories.Min(m => m.Due);
        double? in30 = memories.Count == 0 ? null : Math.Round(byConcept.Values.Average(s => scheduler!.Retrievability(s, now.AddDays(30))), 4);
        return new MemorySummary(mastery, due, next, in30);
    }

    /// <summary>The next step for a learner; NotFound for an unknown learner.</summary>
    public async Task<ServiceResult<NextLesson>> NextAsync(Guid learnerId, CancellationToken ct)
    {
        if (!await db.Learners.AnyAsync(l => l.Id == learnerId, ct))
        {
            return ServiceResult<NextLesson>.NotFound($"Learner {learnerId} does not exist.");
        }

        var now = time.Now();
        var summary = await SummarizeAsync(learnerId, ct);
        var enrolment = await db.Enrolments.AsNoTracking().Where(e => e.LearnerId == learnerId).OrderByDescending(e => e.UpdatedAt).FirstOrDefaultAsync(ct);
        if (enrolment is not null && await courses.FindAsync(enrolment.CourseId, ct) is { } course)
        {
            var topics = course.Topics.OrderBy(t => t.Position).ToList();
            var current = topics.First(t => t.Position >= enrolment.CurrentTopicPosition);
            var path = await PathForAsync(learnerId, current.Title, ct);
            var mastery = path is null ? 0 : summary.MasteryByPath.GetValueOrDefault(path.Id);
            var step = MasteryRules.Decide(mastery);
            var nextTopic = step.Kind == NextStepKind.Advance ? NextTopicAfter(topics, current) : null;
            var reason = step.Kind == NextStepKind.Advance && nextTopic is null
                ? $"mastery {mastery:0.00} is above {MasteryRules.AdvanceAbove:0.0} on the last topic of the course: move on to a harder difficulty"
                : step.Reason;
            return ServiceResult<NextLesson>.Ok(new NextLesson(
                learnerId, course.Id, new TopicRef(current.Slug, current.Title), mastery, Name(step.Kind),
                nextTopic is null ? null : new TopicRef(nextTopic.Slug, nextTopic.Title), summary.ConceptsDue, reason));
        }

        var active = await db.LearningPaths.AsNoTracking().Where(p => p.LearnerId == learnerId && p.Status == PathStatus.Active)
            .OrderByDescending(p => p.UpdatedAt).FirstOrDefaultAsync(ct);
        if (active is null)
        {
            return ServiceResult<NextLesson>.Ok(new NextLesson(learnerId, null, null, 0, "none", null, summary.ConceptsDue,
                summary.ConceptsDue > 0 ? "no active course or path: review the concepts that are due" : "no active course or learning path"));
        }

        var pathMastery = summary.MasteryByPath.GetValueOrDefault(active.Id);
        var single = MasteryRules.Decide(pathMastery);
        var singleReason = single.Kind == NextStepKind.Advance
            ? $"mastery {pathMastery:0.00} is above {MasteryRules.AdvanceAbove:0.0}: move on to a harder difficulty on this topic"
            : single.Reason;
        return ServiceResult<NextLesson>.Ok(new NextLesson(
            learnerId, null, new TopicRef(null, active.Topic), pathMastery, Name(single.Kind), null, summary.ConceptsDue, singleReason));
    }

    /// <summary>
    /// Moves each of the learner's enrolments on when the current topic's mastery is above 0.8: the next topic's
    /// path starts (its first lesson is queued). Returns how many enrolments advanced.
    /// </summary>
    public async Task<int> AdvanceMasteredAsync(Guid learnerId, CancellationToken ct)
    {
        var summary = await SummarizeAsync(learnerId, ct);
        var advanced = 0;
        foreach (var enrolment in await db.Enrolments.Where(e => e.LearnerId == learnerId).ToListAsync(ct))
        {
            var course = await courses.FindAsync(enrolment.CourseId, ct);
            var topics = course!.Topics.OrderBy(t => t.Position).ToList();
            var current = topics.FirstOrDefault(t => t.Position >= enrolment.CurrentTopicPosition);
            var path = current is null ? null : await PathForAsync(learnerId, current.Title, ct);
            if (current is null || path is null || MasteryRules.Decide(summary.MasteryByPath.GetValueOrDefault(path.Id)).Kind != NextStepKind.Advance
                || NextTopicAfter(topics, current) is not { } next)
            {
                continue;
            }

            enrolment.CurrentTopicPosition = next.Position;
            enrolment.UpdatedAt = time.Now();
            await db.SaveChangesAsync(ct);
            await courses.StartTopicAsync(learnerId, next, ct);
            advanced++;
        }

        return advanced;
    }

    /// <summary>
    /// Predicted recall now, but never judged sooner than a day after the last answer: at the moment of an answer
    /// FSRS predicts certain recall whatever the answer was, which would move on a learner who just got it wrong.
    /// </summary>
    private static double RecallNow(FsrsScheduler scheduler, MemoryState state, DateTimeOffset now) =>
        state.LastReview is { } last && now < last.AddDays(1) ? scheduler.Retrievability(state, last.AddDays(1)) : scheduler.Retrievability(state, now);

    private static CourseTopic? NextTopicAfter(List<CourseTopic> topics, CourseTopic current) =>
        topics.FirstOrDefault(t => t.Position > current.Position);

    private Task<LearningPath?> PathForAsync(Guid learnerId, string topic, CancellationToken ct)
    {
        var key = LearningPath.KeyFor(topic);
        return db.LearningPaths.AsNoTracking().SingleOrDefaultAsync(p => p.LearnerId == learnerId && p.TopicKey == key, ct);
    }

    private async Task<List<(Guid PathId, Guid ConceptId)>> TaughtConceptsAsync(Guid learnerId, CancellationToken ct)
    {
        var rows = await (from l in db.Lessons
                          join lc in db.LessonConcepts on l.Id equals lc.LessonId
                          where l.LearnerId == learnerId
                          select new { l.LearningPathId, lc.ConceptId }).Distinct().ToListAsync(ct);
        return rows.Select(r => (r.LearningPathId, r.ConceptId)).ToList();
    }

    private static string Name(NextStepKind kind) => kind switch
    {
        NextStepKind.Advance => "advance",
        NextStepKind.Reinforce => "reinforce",
        _ => "continue",
    };
}
