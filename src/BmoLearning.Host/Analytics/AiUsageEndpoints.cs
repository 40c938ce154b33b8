using Microsoft.AspNetCore.Http.HttpResults;
using BmoLearning.Core.Analytics;
using BmoLearning.Host.Auth;

namespace BmoLearning.Host.Analytics;

/// <summary>`GET /api/v1/analytics/ai-usage`: token usage and estimated model cost of stored lessons, by UTC day and model.</summary>
public static class AiUsageEndpoints
{
    public const int MaxDays = AnalyticsService.MaxDays;

    public static RouteGroupBuilder MapAiUsage(this RouteGroupBuilder api)
    {
        api.MapGet("/analytics/ai-usage", GetAsync).WithTags("Analytics").WithName("GetAiUsage").RequireAuthorization(AuthSetup.AdminPolicy);
        return api;
    }

    /// <param name="from">First UTC day, yyyy-MM-dd (default: 29 days before `to`).</param>
    /// <param name="to">Last UTC day, yyyy-MM-dd, inclusive (default: today).</param>
    public static async Task<Results<Ok<AiUsageReport>, ProblemHttpResult>> GetAsync(string? from, string? to, AnalyticsService analytics, TimeProvider time, CancellationToken ct)
    {
        var query = AnalyticsEndpoints.Parse(from, to, null, null, time, out var problem);
        return query is null ? problem! : TypedResults.Ok(await analytics.AiUsageAsync(query.From, query.To, ct));
    }
}
