using System.Globalization;
using BmoLearning.Core.Analytics;
using BmoLearning.Core.Data;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.LearningPaths;
using BmoLearning.Core.Lessons;
using BmoLearning.Core.Quiz;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Tests.Analytics;

/// <summary>
/// The reference for the rollup: the analytics as they were before it (issue 13's first version), every number a
/// query over the raw rows. Kept verbatim apart from the parsing, so "identical" means identical to what shipped.
/// </summary>
internal sealed class RawAnalytics(AppDbContext db)
{
    private const int MostMissedCount = 10;
    private const string DateFormat = "yyyy-MM-dd";

    public async Task<DashboardReport> DashboardAsync(AnalyticsQuery query, CancellationToken ct)
    {
        var key = CourseKey(query);
        var (start, end) = Window(query.From, query.To);
        var activeLearners = await Responses(key).Where(r => r.CreatedAt >= start && r.CreatedAt < end)
            .Select(r => r.LearnerId).Distinct().CountAsync(ct);
        var window = await ActivityAsync(key, query.From, query.To, ct);
        var last7 = await ActivityAsync(key, query.To.AddDays(-6), query.To, ct);
        var last30 = await ActivityAsync(key, query.To.AddDays(-29), query.To, ct);
        var paths = Paths(key).Where(p => p.CreatedAt < end);
        var total = await paths.CountAsync(ct);
        var completed = await paths.CountAsync(p => p.Status == PathStatus.Completed && p.CompletedAt < end, ct);
        var completion = new Completion(completed, total, total == 0 ? null : Math.Round((double)completed / total, 4));
        var topics = await AccuracyByTopicAsync(key, start, end, ct);
        var funnel = await FunnelAsync(key, start, end, ct);
        var usage = await AiUsageRowsAsync(key, start, end, ct);
        var spend = usage.GroupBy(r => r.Date).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new AiSpendDay(g.Key, g.Sum(r => r.Lessons), g.Sum(r => r.InputTokens), g.Sum(r => r.OutputTokens), g.Sum(r => r.EstimatedCostUsd)))
            .ToList();
        return new DashboardReport(Day(query.From), Day(query.To), query.Course, activeLearners, window, last7, last30, completion, topics, funnel, spend, query.Teams);
    }

    public async Task<TopicsReport> TopicsAsync(AnalyticsQuery query, CancellationToken ct)
    {
        var key = CourseKey(query);
        var (start, end) = Window(query.From, query.To);
        var topics = await AccuracyByTopicAsync(key, start, end, ct);
        var missed = await Responses(key).Where(r => r.CreatedAt >= start && r.CreatedAt < end)
            .GroupBy(r => r.LessonId)
            .Select(g => new { LessonId = g.Key, Answers = g.Count(), Wrong = g.Count(r => !r.Correct) })
            .Where(g => g.Wrong > 0)
            .OrderByDescending(g => g.Wrong).ThenBy(g => g.LessonId)
            .Take(MostMissedCount)
            .ToListAsync(ct);
        var ids = missed.Select(m => m.LessonId).ToList();
        var lessons = await db.Lessons.AsNoTracking().Where(l => ids.Contains(l.Id))
            .Select(l => new { l.Id, l.Topic, l.QuizQuestion }).ToDictionaryAsync(l => l.Id, ct);
        var mostMissed = missed.Where(m => lessons.ContainsKey(m.LessonId))
            .Select(m => new MissedQuestion(m.LessonId, lessons[m.LessonId].Topic, lessons[m.LessonId].QuizQuestion, m.Answers, m.Wrong))
            .ToList();
        return new TopicsReport(Day(query.From), Day(query.To), query.Course, topics, mostMissed, query.Teams);
    }

    public static string Day(DateOnly day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>A course (as its key) and the teams whose learners count; null parts do not filter.</summary>
    private sealed record Filter(string? Key, IReadOnlyList<string>? Teams)
    {
        public static readonly Filter None = new(null, null);
    }

    private static Filter CourseKey(AnalyticsQuery query) =>
        new(query.Course is null ? null : LearningPath.KeyFor(query.Course), query.Teams?.ToList());

    /// <summary>The ids of the filter's teams' learners (a subquery, never loaded).</summary>
    private IQueryable<Guid> TeamLearners(IReadOnlyList<string> teams)
    {
        var list = teams.ToList();
        return db.Learners.Where(l => l.Team != null && list.Contains(l.Team)).Select(l => l.Id);
    }

    private static (DateTimeOffset Start, DateTimeOffset End) Window(DateOnly from, DateOnly to) =>
        (new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    private IQueryable<LearningPath> Paths(Filter f)
    {
        var paths = db.LearningPaths.AsNoTracking();
        if (f.Key is { } key)
        {
            paths = paths.Where(p => p.TopicKey == key);
        }

        if (f.Teams is { } teams)
        {
            var learners = TeamLearners(teams);
            paths = paths.Where(p => learners.Contains(p.LearnerId));
        }

        return paths;
    }

    private IQueryable<Lesson> Lessons(Filter f)
    {
        var lessons = db.Lessons.AsNoTracking();
        if (f.Key is { } key)
        {
            lessons = lessons.Where(l => db.LearningPaths.Any(p => p.Id == l.LearningPathId && p.TopicKey == key));
        }

        if (f.Teams is { } teams)
        {
            var learners = TeamLearners(teams);
            lessons = lessons.Where(l => learners.Contains(l.LearnerId));
        }

        return lessons;
    }

    private IQueryable<QuizResponse> Responses(Filter f)
    {
        var responses = db.QuizResponses.AsNoTracking();
        if (f.Key is not null)
        {
            var lessons = Lessons(f with { Teams = null });
            responses = responses.Where(r => lessons.Any(l => l.Id == r.LessonId));
        }

        if (f.Teams is { } teams)
        {
            var learners = TeamLearners(teams);
            responses = responses.Where(r => learners.Contains(r.LearnerId));
        }

        return responses;
    }

    private async Task<ActivityCounts> ActivityAsync(Filter key, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var (start, end) = Window(from, to);
        var delivered = await Lessons(key).CountAsync(l => l.DeliveredAt >= start && l.DeliveredAt < end, ct);
        var answered = await Responses(key).CountAsync(r => r.CreatedAt >= start && r.CreatedAt < end, ct);
        return new ActivityCounts(delivered, answered);
    }

    private async Task<List<TopicAccuracy>> AccuracyByTopicAsync(Filter key, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        var rows = await (from r in Responses(key)
                          where r.CreatedAt >= start && r.CreatedAt < end
                          join l in db.Lessons on r.LessonId equals l.Id
                          group r by l.Topic into g
                          select new { Topic = g.Key, Answers = g.Count(), Correct = g.Count(x => x.Correct) })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.Topic, StringComparer.OrdinalIgnoreCase)
            .Select(r => new TopicAccuracy(r.Topic, r.Answers, r.Correct, r.Answers == 0 ? null : Math.Round((double)r.Correct / r.Answers, 4)))
            .ToList();
    }

    private async Task<List<ChannelFunnel>> FunnelAsync(Filter key, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        var lessons = Lessons(key);
        // The lesson itself (sequence 0), not its reminders; a lesson that fell back to a second channel counts on each it was tried on.
        var rows = await db.LessonDeliveries.AsNoTracking()
            .Where(d => d.Sequence == 0 && d.CreatedAt >= start && d.CreatedAt < end && lessons.Any(l => l.Id == d.LessonId))
            .Select(d => new { d.Channel, Delivered = d.Status == DeliveryStatus.Sent, Answered = db.QuizResponses.Any(r => r.LessonId == d.LessonId) })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.Channel).OrderBy(g => g.Key)
            .Select(g => new ChannelFunnel(g.Key.ToString().ToLowerInvariant(), g.Count(), g.Count(r => r.Delivered), g.Count(r => r.Delivered && r.Answered)))
            .ToList();
    }

    private async Task<List<AiUsageRow>> AiUsageRowsAsync(Filter key, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        // Summed here rather than in SQL: SQLite cannot sum decimals or group by a date of its stored timestamps.
        var lessons = await Lessons(key)
            .Where(l => l.CreatedAt >= start && l.CreatedAt < end)
            .Select(l => new { l.CreatedAt, l.Model, l.InputTokens, l.OutputTokens, l.EstimatedCostUsd })
            .ToListAsync(ct);
        return lessons
            .GroupBy(l => (Day: DateOnly.FromDateTime(l.CreatedAt.UtcDateTime), l.Model))
            .OrderBy(g => g.Key.Day).ThenBy(g => g.Key.Model, StringComparer.Ordinal)
            .Select(g => new AiUsageRow(Day(g.Key.Day), g.Key.Model, g.Count(), g.Sum(l => (long)l.InputTokens), g.Sum(l => (long)l.OutputTokens), g.Sum(l => l.EstimatedCostUsd ?? 0m)))
            .ToList();
    }
}
