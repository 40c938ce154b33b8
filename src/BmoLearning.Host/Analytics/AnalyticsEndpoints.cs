using Microsoft.AspNetCore.Http.HttpResults;
using BmoLearning.Core.Analytics;
using BmoLearning.Host.Auth;
using BmoLearning.Host.Errors;
using Microsoft.Net.Http.Headers;

namespace BmoLearning.Host.Analytics;

/// <summary>
/// `GET /api/v1/analytics/dashboard` and `/analytics/topics`: the L&amp;D overview's numbers, from the same
/// service the console renders. JSON by default; CSV (formula prefixes neutralised) with `Accept: text/csv`.
/// </summary>
public static class AnalyticsEndpoints
{
    public static RouteGroupBuilder MapAnalytics(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/analytics").WithTags("Analytics").RequireAuthorization(AuthSetup.AnalyticsPolicy);
        group.MapGet("/dashboard", DashboardAsync).WithName("GetDashboard").Produces<DashboardReport>(StatusCodes.Status200OK, "application/json", AnalyticsCsv.ContentType);
        group.MapGet("/topics", TopicsAsync).WithName("GetTopics").Produces<TopicsReport>(StatusCodes.Status200OK, "application/json", AnalyticsCsv.ContentType);
        return api;
    }

    /// <param name="from">First UTC day, yyyy-MM-dd (default: 29 days before `to`).</param>
    /// <param name="to">Last UTC day, yyyy-MM-dd, inclusive (default: today).</param>
    /// <param name="course">A course (learning-path topic); case and spacing are ignored.</param>
    /// <param name="team">Only the learners of this team.</param>
    public static async Task<Results<Ok<DashboardReport>, ContentHttpResult, ProblemHttpResult>> DashboardAsync(
        string? from, string? to, string? course, string? team, HttpRequest request, AnalyticsService analytics, TimeProvider time, CancellationToken ct)
    {
        var query = Parse(from, to, course, team, time, out var problem);
        if (query is null)
        {
            return problem!;
        }

        var report = await analytics.DashboardAsync(query, ct);
        return WantsCsv(request) ? TypedResults.Text(AnalyticsCsv.Dashboard(report), AnalyticsCsv.ContentType) : TypedResults.Ok(report);
    }

    /// <param name="from">First UTC day, yyyy-MM-dd (default: 29 days before `to`).</param>
    /// <param name="to">Last UTC day, yyyy-MM-dd, inclusive (default: today).</param>
    /// <param name="course">A course (learning-path topic); case and spacing are ignored.</param>
    /// <param name="team">Only the learners of this team.</param>
    public static async Task<Results<Ok<TopicsReport>, ContentHttpResult, ProblemHttpResult>> TopicsAsync(
        string? from, string? to, string? course, string? team, HttpRequest request, AnalyticsService analytics, TimeProvider time, CancellationToken ct)
    {
        var query = Parse(from, to, course, team, time, out var problem);
        if (query is null)
        {
            return problem!;
        }

        var report = await analytics.TopicsAsync(query, ct);
        return WantsCsv(request) ? TypedResults.Text(AnalyticsCsv.TopicsReport(report), AnalyticsCsv.ContentType) : TypedResults.Ok(report);
    }

    internal static AnalyticsQuery? Parse(string? from, string? to, string? course, string? team, TimeProvider time, out ProblemHttpResult? problem)
    {
        var errors = new Dictionary<string, string>();
        IReadOnlyList<string>? teams = string.IsNullOrWhiteSpace(team) ? null : [team.Trim()];
        var query = AnalyticsService.ParseQuery(from, to, course, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), errors, teams);
        problem = null;
        if (query is null)
        {
            var fields = new FieldErrors();
            foreach (var (field, message) in errors)
            {
                fields.Add(field, message);
            }

            problem = fields.ToProblem();
        }

        return query;
    }

    private static bool WantsCsv(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));
}
