using BmoLearning.Core.Adaptive;
using BmoLearning.Learning.Fsrs;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Core.Analytics;

/// <summary>Mastery by topic and the concepts most often missed: the knowledge gaps of the overview.</summary>
public sealed partial class AnalyticsService
{
    public const int LowestMasteryCount = 5;

    /// <summary>
    /// Mastery now per lesson topic, over the (learner, concept) pairs the filter's learners were taught: the same
    /// measure as a learner's own mastery (<see cref="MasteryService.RecallNow"/>), with each learner's fitted FSRS
    /// parameters where the optimisation job stored some, else the organisation's, else the defaults.
    /// </summary>
    private async Task<List<TopicMasteryRow>> MasteryByTopicAsync(Filter f, CancellationToken ct)
    {
        var taught = (from l in Lessons(f)
                      join lc in db.LessonConcepts on l.Id equals lc.LessonId
                      select new { l.Topic, l.LearnerId, lc.ConceptId }).Distinct();
        var pairs = await (from t in taught
                           from m in db.ConceptMemories.Where(m => m.LearnerId == t.LearnerId && m.ConceptId == t.ConceptId).DefaultIfEmpty()
                           select new { t.Topic, t.LearnerId, t.ConceptId, Memory = m }).ToListAsync(ct);
        if (pairs.Count == 0)
        {
            return [];
        }

        var schedulers = await SchedulersAsync(ct);
        var now = time.GetUtcNow();
        return pairs.GroupBy(p => p.Topic)
            .Select(g => new TopicMasteryRow(
                g.Key,
                g.Select(p => p.LearnerId).Distinct().Count(),
                g.Select(p => p.ConceptId).Distinct().Count(),
                Math.Round(g.Average(p => p.Memory is null ? 0 : MasteryService.RecallNow(schedulers(p.LearnerId), p.Memory.ToState(), now)), 4)))
            .OrderBy(t => t.Topic, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>The FSRS scheduler of each learner from one read of the stored parameter sets.</summary>
    private async Task<Func<Guid, FsrsScheduler>> SchedulersAsync(CancellationToken ct)
    {
        var sets = await db.FsrsParameterSets.AsNoTracking().Select(p => new { p.Scope, p.Weights }).ToListAsync(ct);
        var byScope = sets.Where(s => s.Weights.Count == FsrsParameters.Count).ToDictionary(s => s.Scope, s => adaptive.Value.CreateScheduler(s.Weights));
        var organisation = byScope.GetValueOrDefault(FsrsParameterSet.OrganisationScope) ?? adaptive.Value.CreateScheduler();
        return learnerId => byScope.GetValueOrDefault(FsrsParameterSet.LearnerScope(learnerId)) ?? organisation;
    }

    /// <summary>
    /// The concepts most often answered wrongly in [start, end), per topic: each answer counts once for every concept
    /// its lesson teaches (the reviews it made), so a passage many lessons cite is judged on all of them.
    /// </summary>
    private async Task<List<MissedConcept>> MissedConceptsAsync(Filter f, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        var reviews = from rl in db.ReviewLogs.AsNoTracking()
                      join r in Responses(f) on rl.QuizResponseId equals r.Id
                      where r.CreatedAt >= start && r.CreatedAt < end
                      join l in db.Lessons on r.LessonId equals l.Id
                      select new { l.Topic, rl.ConceptId, r.Correct };
        var missed = await reviews.GroupBy(x => new { x.Topic, x.ConceptId })
            .Select(g => new { g.Key.Topic, g.Key.ConceptId, Answers = g.Count(), Wrong = g.Count(x => !x.Correct) })
            .Where(g => g.Wrong > 0)
            .OrderByDescending(g => g.Wrong).ThenBy(g => g.Topic).ThenBy(g => g.ConceptId)
            .Take(MostMissedCount)
            .ToListAsync(ct);
        var ids = missed.Select(m => m.ConceptId).Distinct().ToList();
        var labels = await db.Concepts.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Label, ct);
        return missed.Select(m => new MissedConcept(m.ConceptId, labels.GetValueOrDefault(m.ConceptId, ""), m.Topic, m.Answers, m.Wrong)).ToList();
    }

    private static KnowledgeGaps Gaps(List<TopicMasteryRow> mastery, List<MissedConcept> missed) => new(
        mastery.OrderBy(t => t.Mastery).ThenBy(t => t.Topic, StringComparer.OrdinalIgnoreCase).Take(LowestMasteryCount).ToList(),
        missed);
}
