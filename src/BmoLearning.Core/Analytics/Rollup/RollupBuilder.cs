using BmoLearning.Core.Data;
using BmoLearning.Core.Delivery;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Core.Analytics.Rollup;

/// <summary>
/// Computes one UTC day's rollup rows from the raw rows (the only place analytics counts raw rows by day), and keeps
/// built days: closed days are built once and rebuilt only when invalidated; the current day is always computed.
/// </summary>
public sealed class RollupBuilder(AppDbContext db, TimeProvider time)
{
    /// <summary>Superseded builds' rows are deleted after this; a reader never takes this long between its two reads.</summary>
    private static readonly TimeSpan SupersededRetention = TimeSpan.FromMinutes(10);

    /// <summary>Rows for every day of [first, last]: stored builds where current, built now where not, computed for today and later.</summary>
    public async Task<List<AnalyticsRollup>> RowsAsync(DateOnly first, DateOnly last, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var rows = new List<AnalyticsRollup>();
        var lastClosed = last < today ? last : today.AddDays(-1);
        if (first <= lastClosed)
        {
            var current = await CurrentBuildsAsync(first, lastClosed, ct);
            var builds = current.Values.ToList();
            if (builds.Count > 0)
            {
                var stored = await db.AnalyticsRollups.AsNoTracking()
                    .Where(r => r.Day >= first && r.Day <= lastClosed && builds.Contains(r.BuildId)).ToListAsync(ct);
                foreach (var row in stored)
                {
                    // Back to the scale it was summed at (same value, same text): rounding lowers the scale, a zero raises it.
                    row.CostUsd = decimal.Round(row.CostUsd, row.CostScale) + new decimal(0, 0, 0, false, (byte)row.CostScale);
                }

                rows.AddRange(stored);
            }

            for (var day = first; day <= lastClosed; day = day.AddDays(1))
            {
                if (!current.ContainsKey(day))
                {
                    rows.AddRange(await BuildAsync(day, ct));
                }
            }
        }

        var open = first > today ? first : today;
        if (open <= last)
        {
            rows.AddRange(await ComputeAsync(today, ct));
            // Rows dated after today only exist with a wrong clock; counted as the raw queries would count them.
            if (open < last && await AnyAfterAsync(today, ct))
            {
                for (var day = today.AddDays(1); day <= last; day = day.AddDays(1))
                {
                    rows.AddRange(await ComputeAsync(day, ct));
                }
            }

            if (open > today)
            {
                rows.RemoveAll(r => r.Day < open);
            }
        }

        return rows;
    }

    /// <summary>The days of [first, last] whose stored build saw every invalidation made since: day → build id.</summary>
    private async Task<Dictionary<DateOnly, Guid>> CurrentBuildsAsync(DateOnly first, DateOnly last, CancellationToken ct)
    {
        var built = await db.AnalyticsRollupDays.AsNoTracking().Where(d => d.Day >= first && d.Day <= last).ToListAsync(ct);
        if (built.Count == 0)
        {
            return [];
        }

        var everyDay = await db.AnalyticsInvalidations.CountAsync(i => i.Day == null, ct);
        var byDay = await db.AnalyticsInvalidations.Where(i => i.Day >= first && i.Day <= last)
            .GroupBy(i => i.Day).Select(g => new { Day = g.Key!.Value, Count = g.Count() }).ToDictionaryAsync(g => g.Day, g => g.Count, ct);
        return built.Where(d => d.Invalidations == everyDay + byDay.GetValueOrDefault(d.Day)).ToDictionary(d => d.Day, d => d.BuildId);
    }

    /// <summary>
    /// Builds a closed day: counts its invalidations first, then reads the raw rows, so a write committed after the count
    /// leaves the build stale (a higher count) rather than wrong. Concurrent builds each write their own rows; the
    /// marker names one of them, the others are deleted later.
    /// </summary>
    public async Task<List<AnalyticsRollup>> BuildAsync(DateOnly day, CancellationToken ct)
    {
        var invalidations = await db.AnalyticsInvalidations.CountAsync(i => i.Day == null || i.Day == day, ct);
        var rows = await ComputeAsync(day, ct);
        var buildId = Guid.CreateVersion7();
        var now = time.GetUtcNow();
        foreach (var row in rows)
        {
            row.BuildId = buildId;
            row.BuiltAt = now;
        }

        db.AnalyticsRollups.AddRange(rows);
        var marker = await db.AnalyticsRollupDays.FirstOrDefaultAsync(d => d.Day == day, ct);
        if (marker is null)
        {
            db.AnalyticsRollupDays.Add(new AnalyticsRollupDay { Day = day, BuildId = buildId, Invalidations = invalidations, BuiltAt = now });
        }
        else
        {
            marker.BuildId = buildId;
            marker.Invalidations = invalidations;
            marker.BuiltAt = now;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another reader built the day at the same moment; its build stands, these rows are deleted later.
            db.ChangeTracker.Clear();
            return rows;
        }

        db.ChangeTracker.Clear();
        var cutoff = now - SupersededRetention;
        await db.AnalyticsRollups.Where(r => r.BuiltAt < cutoff && !db.AnalyticsRollupDays.Any(d => d.Day == r.Day && d.BuildId == r.BuildId)).ExecuteDeleteAsync(ct);
        return rows;
    }

    /// <summary>One UTC day's rows from the raw rows, grouped by team and course.</summary>
    public async Task<List<AnalyticsRollup>> ComputeAsync(DateOnly day, CancellationToken ct)
    {
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = start.AddDays(1);
        var rows = new List<AnalyticsRollup>();

        var delivered = await (from l in db.Lessons.AsNoTracking()
                               where l.DeliveredAt >= start && l.DeliveredAt < end
                               join u in db.Learners on l.LearnerId equals u.Id
                               join p in db.LearningPaths on l.LearningPathId equals p.Id into paths
                               from p in paths.DefaultIfEmpty()
                               group l by new { u.Team, p.TopicKey, l.Topic } into g
                               select new { g.Key.Team, g.Key.TopicKey, g.Key.Topic, Count = g.Count() }).ToListAsync(ct);
        var answered = await (from r in db.QuizResponses.AsNoTracking()
                              where r.CreatedAt >= start && r.CreatedAt < end
                              join l in db.Lessons on r.LessonId equals l.Id
                              join u in db.Learners on r.LearnerId equals u.Id
                              join p in db.LearningPaths on l.LearningPathId equals p.Id into paths
                              from p in paths.DefaultIfEmpty()
                              group r by new { u.Team, p.TopicKey, l.Topic } into g
                              select new { g.Key.Team, g.Key.TopicKey, g.Key.Topic, Count = g.Count(), Correct = g.Count(x => x.Correct) }).ToListAsync(ct);
        var activity = new Dictionary<(string, string, string), AnalyticsRollup>();
        AnalyticsRollup Activity(string? team, string? key, string topic) =>
            activity.TryGetValue((team ?? "", key ?? "", topic), out var row) ? row
                : activity[(team ?? "", key ?? "", topic)] = new AnalyticsRollup { Day = day, Kind = RollupKind.Activity, Team = team ?? "", TopicKey = key ?? "", Topic = topic };
        foreach (var d in delivered)
        {
            Activity(d.Team, d.TopicKey, d.Topic).Delivered += d.Count;
        }

        foreach (var a in answered)
        {
            var row = Activity(a.Team, a.TopicKey, a.Topic);
            row.Answered += a.Count;
            row.Correct += a.Correct;
        }

        rows.AddRange(activity.Values);

        // The lesson itself (sequence 0), not its reminders; a lesson that fell back to a second channel counts on each it was tried on.
        var funnel = await (from d in db.LessonDeliveries.AsNoTracking()
                            where d.Sequence == 0 && d.CreatedAt >= start && d.CreatedAt < end
                            join l in db.Lessons on d.LessonId equals l.Id
                            join u in db.Learners on l.LearnerId equals u.Id
                            join p in db.LearningPaths on l.LearningPathId equals p.Id into paths
                            from p in paths.DefaultIfEmpty()
                            select new { u.Team, p.TopicKey, d.Channel, Arrived = d.Status == DeliveryStatus.Sent, Answered = db.QuizResponses.Any(r => r.LessonId == d.LessonId) } into x
                            group x by new { x.Team, x.TopicKey, x.Channel } into g
                            select new { g.Key.Team, g.Key.TopicKey, g.Key.Channel, Sent = g.Count(), Arrived = g.Count(x => x.Arrived), ArrivedAnswered = g.Count(x => x.Arrived && x.Answered) }).ToListAsync(ct);
        rows.AddRange(funnel.Select(f => new AnalyticsRollup
        {
            Day = day, Kind = RollupKind.Funnel, Team = f.Team ?? "", TopicKey = f.TopicKey ?? "", Channel = f.Channel,
            Sent = f.Sent, Arrived = f.Arrived, ArrivedAnswered = f.ArrivedAnswered,
        }));

        // Grouped by cost as well and summed here: SQLite cannot sum decimals.
        var usage = await (from l in db.Lessons.AsNoTracking()
                           where l.CreatedAt >= start && l.CreatedAt < end
                           join u in db.Learners on l.LearnerId equals u.Id
                           join p in db.LearningPaths on l.LearningPathId equals p.Id into paths
                           from p in paths.DefaultIfEmpty()
                           group l by new { u.Team, p.TopicKey, l.Model, l.EstimatedCostUsd } into g
                           select new { g.Key.Team, g.Key.TopicKey, g.Key.Model, g.Key.EstimatedCostUsd, Count = g.Count(), Input = g.Sum(x => (long)x.InputTokens), Output = g.Sum(x => (long)x.OutputTokens) }).ToListAsync(ct);
        rows.AddRange(usage.GroupBy(u => (Team: u.Team ?? "", Key: u.TopicKey ?? "", u.Model)).Select(g => new AnalyticsRollup
        {
            Day = day, Kind = RollupKind.AiUsage, Team = g.Key.Team, TopicKey = g.Key.Key, Model = g.Key.Model,
            Lessons = g.Sum(u => u.Count), InputTokens = g.Sum(u => u.Input), OutputTokens = g.Sum(u => u.Output), CostUsd = g.Sum(u => (u.EstimatedCostUsd ?? 0m) * u.Count),
        }));
        foreach (var row in rows.Where(r => r.Kind == RollupKind.AiUsage))
        {
            row.CostScale = row.CostUsd.Scale;
        }


        return rows;
    }

    private async Task<bool> AnyAfterAsync(DateOnly today, CancellationToken ct)
    {
        var after = new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return await db.Lessons.AnyAsync(l => l.CreatedAt >= after || l.DeliveredAt >= after, ct)
            || await db.QuizResponses.AnyAsync(r => r.CreatedAt >= after, ct)
            || await db.LessonDeliveries.AnyAsync(d => d.CreatedAt >= after, ct);
    }
}
