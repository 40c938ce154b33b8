using System.Globalization;
using BmoLearning.Core.Data;
using BmoLearning.Host.Auth;
using BmoLearning.Host.Errors;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Host.Analytics;

/// <summary>One day and one model (null for lessons no model wrote: offline, fallback or cached).</summary>
public sealed record AiUsageRow(string Date, string? Model, int Lessons, long InputTokens, long OutputTokens, decimal EstimatedCostUsd);

public sealed record AiUsageTotals(int Lessons, long InputTokens, long OutputTokens, decimal EstimatedCostUsd);

public sealed record AiUsageResponse(string From, string To, IReadOnlyList<AiUsageRow> Days, AiUsageTotals Totals);

/// <summary>`GET /api/v1/analytics/ai-usage`: token usage and estimated model cost of stored lessons, by UTC day and model.</summary>
public static class AiUsageEndpoints
{
    public const int MaxDays = 366;
    private const string DateFormat = "yyyy-MM-dd";
    private static readonly DateOnly EarliestDay = new(2000, 1, 1);
    private static readonly DateOnly LatestDay = new(9000, 12, 31);

    public static RouteGroupBuilder MapAiUsage(this RouteGroupBuilder api)
    {
        api.MapGet("/analytics/ai-usage", GetAsync).WithTags("Analytics").WithName("GetAiUsage").RequireAuthorization(AuthSetup.AdminPolicy);
        return api;
    }

    /// <param name="from">First UTC day, yyyy-MM-dd (default: 29 days before `to`).</param>
    /// <param name="to">Last UTC day, yyyy-MM-dd, inclusive (default: today).</param>
    public static async Task<IResult> GetAsync(string? from, string? to, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var last = ParseDay(to, "to", errors) ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var first = ParseDay(from, "from", errors) ?? last.AddDays(-29);
        if (!errors.Any && first > last)
        {
            errors.Add("from", "must not be after to.");
        }
        else if (!errors.Any && last.DayNumber - first.DayNumber + 1 > MaxDays)
        {
            errors.Add("to", $"the range may cover at most {MaxDays} days.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var start = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(last.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        // Summed here rather than in SQL: SQLite cannot sum decimals or group by a date of its stored timestamps.
        var lessons = await db.Lessons.AsNoTracking()
            .Where(l => l.CreatedAt >= start && l.CreatedAt < end)
            .Select(l => new { l.CreatedAt, l.Model, l.InputTokens, l.OutputTokens, l.EstimatedCostUsd })
            .ToListAsync(ct);
        var rows = lessons
            .GroupBy(l => (Day: DateOnly.FromDateTime(l.CreatedAt.UtcDateTime), l.Model))
            .OrderBy(g => g.Key.Day).ThenBy(g => g.Key.Model, StringComparer.Ordinal)
            .Select(g => new AiUsageRow(
                g.Key.Day.ToString(DateFormat, CultureInfo.InvariantCulture),
                g.Key.Model,
                g.Count(),
                g.Sum(l => (long)l.InputTokens),
                g.Sum(l => (long)l.OutputTokens),
                g.Sum(l => l.EstimatedCostUsd ?? 0m)))
            .ToList();
        var totals = new AiUsageTotals(rows.Sum(r => r.Lessons), rows.Sum(r => r.InputTokens), rows.Sum(r => r.OutputTokens), rows.Sum(r => r.EstimatedCostUsd));
        return TypedResults.Ok(new AiUsageResponse(
            first.ToString(DateFormat, CultureInfo.InvariantCulture), last.ToString(DateFormat, CultureInfo.InvariantCulture), rows, totals));
    }

    private static DateOnly? ParseDay(string? value, string field, FieldErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors.Add(field, "must be a date as yyyy-MM-dd.");
        }
        else if (day < EarliestDay || day > LatestDay)
        {
            // The range arithmetic (a default from 29 days back, the day after `to`) must stay inside the calendar.
            errors.Add(field, $"must be between {EarliestDay.ToString(DateFormat, CultureInfo.InvariantCulture)} and {LatestDay.ToString(DateFormat, CultureInfo.InvariantCulture)}.");
        }
        else
        {
            return day;
        }

        return null;
    }
}
