using System.Globalization;
using BmoLearning.Core.Analytics.Rollup;
using BmoLearning.Core.Data;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.LearningPaths;
using BmoLearning.Core.Lessons;
using BmoLearning.Core.Quiz;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Core.Analytics;

/// <summary>
/// The numbers of the L&amp;D overview, computed once here for both the analytics API and the console,
/// so the two can never disagree.
/// </summary>
public sealed class AnalyticsService(AppDbContext db, Rollup.RollupBuilder rollups)
{
    public const int MaxDays = 366;
    public const int MostMissedCount = 10;
    public const string DateFormat = "yyyy-MM-dd";
    private static readonly DateOnly EarliestDay = new(2000, 1, 1);
    private static readonly DateOnly LatestDay = new(9000, 12, 31);

    /// <summary>Reads from/to (yyyy-MM-dd, default: the 30 days ending today), course and teams; adds field errors and returns null when they are bad.</summary>
    public static AnalyticsQuery? ParseQuery(string? from, string? to, string? course, DateOnly today, IDictionary<string, string> errors, IReadOnlyList<string>? teams = null)
    {
        if (teams is not null && teams.Any(t => t.Length > Learners.Learner.MaxTeamLength))
        {
            errors["team"] = $"must be at most {Learners.Learner.MaxTeamLength} characters.";
        }

        var last = ParseDay(to, "to", errors) ?? today;
        var first = ParseDay(from, "from", errors) ?? last.AddDays(-29);
        if (errors.Count == 0 && first > last)
        {
            errors["from"] = "must not be after to.";
        }
        else if (errors.Count == 0 && last.DayNumber - first.DayNumber + 1 > MaxDays)
        {
            errors["to"] = $"the range may cover at most {MaxDays} days.";
        }

        if (course is { Length: > 200 })
        {
            errors["course"] = "must be at most 200 characters.";
        }

        return errors.Count == 0 ? new AnalyticsQuery(first, last, string.IsNullOrWhiteSpace(course) ? null : course.Trim(), teams) : null;
    }

    public async Task<DashboardReport> DashboardAsync(AnalyticsQuery query, CancellationToken ct)
    {
        var key = CourseKey(query);
        var (start, end) = Window(query.From, query.To);
        // Counts by day come from the daily rollup (whole closed days, today computed from the raw rows).
        var earliest = query.To.AddDays(-29) < query.From ? query.To.AddDays(-29) : query.From;
        var rows = Select(await rollups.RowsAsync(earliest, query.To, ct), key);
        var activeLearners = await ActiveLearnersAsync(key, start, end, ct);
        var window = Activity(rows, query.From, query.To);
        var last7 = Activity(rows, query.To.AddDays(-6), query.To);
        var last30 = Activity(rows, query.To.AddDays(-29), query.To);
        var paths = Paths(key).Where(p => p.CreatedAt < end);
        var total = await paths.CountAsync(ct);
        var completed = await paths.CountAsync(p => p.Status == PathStatus.Completed && p.CompletedAt < end, ct);
        var completion = new Completion(completed, total, total == 0 ? null : Math.Round((double)completed / total, 4));
        var inWindow = rows.Where(r => r.Day >= query.From && r.Day <= query.To).ToList();
        var topics = AccuracyByTopic(inWindow);
        var funnel = inWindow.Where(r => r.Kind == RollupKind.Funnel).GroupBy(r => r.Channel!.Value).OrderBy(g => g.Key)
            .Select(g => new ChannelFunnel(g.Key.ToString().ToLowerInvariant(), g.Sum(r => r.Sent), g.Sum(r => r.Arrived), g.Sum(r => r.ArrivedAnswered)))
            .ToList();
        var spend = inWindow.Where(r => r.Kind == RollupKind.AiUsage).GroupBy(r => r.Day).OrderBy(g => g.Key)
            .Select(g => new AiSpendDay(Day(g.Key), g.Sum(r => r.Lessons), g.Sum(r => r.InputTokens), g.Sum(r => r.OutputTokens), g.Sum(r => r.CostUsd)))
            .ToList();
        return new DashboardReport(Day(query.From), Day(query.To), query.Course, activeLearners, window, last7, last30, completion, topics, funnel, spend, query.Teams);
    }

    public async Task<TopicsReport> TopicsAsync(AnalyticsQuery query, CancellationToken ct)
    {
        var key = CourseKey(query);
        var (start, end) = Window(query.From, query.To);
        var topics = AccuracyByTopic(Select(await rollups.RowsAsync(query.From, query.To, ct), key));
        var missed = await Responses(key).Where(r => r.CreatedAt >= start && r.CreatedAt < end && !r.Correct)
            .GroupBy(r => r.LessonId)
            .Select(g => new { LessonId = g.Key, Wrong = g.Count() })
            .OrderByDescending(g => g.Wrong).ThenBy(g => g.LessonId)
            .Take(MostMissedCount)
            .ToListAsync(ct);
        var ids = missed.Select(m => m.LessonId).ToList();
        // Answers (right and wrong) only for the ten lessons shown.
        var answers = await Responses(key).Where(r => r.CreatedAt >= start && r.CreatedAt < end && ids.Contains(r.LessonId))
            .GroupBy(r => r.LessonId).Select(g => new { LessonId = g.Key, Answers = g.Count() }).ToDictionaryAsync(g => g.LessonId, g => g.Answers, ct);
        var lessons = await db.Lessons.AsNoTracking().Where(l => ids.Contains(l.Id))
            .Select(l => new { l.Id, l.Topic, l.QuizQuestion }).ToDictionaryAsync(l => l.Id, ct);
        var mostMissed = missed.Where(m => lessons.ContainsKey(m.LessonId))
            .Select(m => new MissedQuestion(m.LessonId, lessons[m.LessonId].Topic, lessons[m.LessonId].QuizQuestion, answers[m.LessonId], m.Wrong))
            .ToList();
        return new TopicsReport(Day(query.From), Day(query.To), query.Course, topics, mostMissed, query.Teams);
    }

    /// <summary>Token usage and estimated model cost of the lessons written in the window, by UTC day and model.</summary>
    public async Task<AiUsageReport> AiUsageAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var (start, end) = Window(from, to);
        var rows = await AiUsageRowsAsync(Filter.None, start, end, ct);
        var totals = new AiUsageTotals(rows.Sum(r => r.Lessons), rows.Sum(r => r.InputTokens), rows.Sum(r => r.OutputTokens), rows.Sum(r => r.EstimatedCostUsd));
        return new AiUsageReport(Day(from), Day(to), rows, totals);
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

    /// <summary>The rollup rows of the filter's course and teams.</summary>
    private static List<AnalyticsRollup> Select(List<AnalyticsRollup> rows, Filter f) =>
        rows.Where(r => (f.Key is null || r.TopicKey == f.Key) && (f.Teams is null || (r.Team.Length > 0 && f.Teams.Contains(r.Team)))).ToList();

    private static ActivityCounts Activity(List<AnalyticsRollup> rows, DateOnly from, DateOnly to)
    {
        var activity = rows.Where(r => r.Kind == RollupKind.Activity && r.Day >= from && r.Day <= to).ToList();
        return new ActivityCounts(activity.Sum(r => r.Delivered), activity.Sum(r => r.Answered));
    }

    private static List<TopicAccuracy> AccuracyByTopic(IEnumerable<AnalyticsRollup> rows) =>
        rows.Where(r => r.Kind == RollupKind.Activity).GroupBy(r => r.Topic)
            .Select(g => (Topic: g.Key, Answers: g.Sum(r => r.Answered), Correct: g.Sum(r => r.Correct)))
            .Where(t => t.Answers > 0)
            .OrderBy(t => t.Topic, StringComparer.OrdinalIgnoreCase)
            .Select(t => new TopicAccuracy(t.Topic, t.Answers, t.Correct, Math.Round((double)t.Correct / t.Answers, 4)))
            .ToList();

    /// <summary>Learners with an answer in the period: one indexed probe per learner (learner_id, created_at).</summary>
    private async Task<int> ActiveLearnersAsync(Filter f, DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        var responses = Responses(f with { Teams = null });
        var learners = db.Learners.AsNoTracking();
        if (f.Teams is { } teams)
        {
            var list = teams.ToList();
            learners = learners.Where(l => l.Team != null && list.Contains(l.Team));
        }

        return await learners.CountAsync(l => responses.Any(r => r.LearnerId == l.Id && r.CreatedAt >= start && r.CreatedAt < end), ct);
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

    private static DateOnly? ParseDay(string? value, string field, IDictionary<string, string> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors[field] = "must be a date as yyyy-MM-dd.";
        }
        else if (day < EarliestDay || day > LatestDay)
        {
            // The range arithmetic (a default from 29 days back, the day after `to`) must stay inside the calendar.
            errors[field] = $"must be between {Day(EarliestDay)} and {Day(LatestDay)}.";
        }
        else
        {
            return day;
        }

        return null;
    }
}
