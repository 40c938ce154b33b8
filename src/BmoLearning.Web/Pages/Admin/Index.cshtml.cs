using System.Text;
using BmoLearning.Core.Analytics;
using Microsoft.AspNetCore.Mvc;

namespace BmoLearning.Web.Pages.Admin;

/// <summary>The overview: exactly the numbers of GET /api/v1/analytics/dashboard for the same filters.</summary>
public sealed class IndexModel(AnalyticsService analytics, TimeProvider time) : ConsolePage
{
    public DashboardReport? Report { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Course { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Team { get; set; }

    /// <summary>The manager's own teams (null for admins and viewers): the team filter offers only these.</summary>
    public IReadOnlyList<string>? ManagedTeams => ConsoleAuth.TeamScope(User, null, out _);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var query = Parse(out var allowed);
        if (!allowed)
        {
            return Forbid(ConsoleAuth.Scheme);
        }

        if (query is null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        Report = await analytics.DashboardAsync(query, ct);
        return Page();
    }

    /// <summary>One table of the overview as CSV (formula prefixes neutralised).</summary>
    public async Task<IActionResult> OnGetCsvAsync(string? table, CancellationToken ct)
    {
        var query = Parse(out var allowed);
        if (!allowed)
        {
            return Forbid(ConsoleAuth.Scheme);
        }

        if (query is null || table is null || !AnalyticsCsv.DashboardTables.Contains(table))
        {
            return BadRequest();
        }

        var report = await analytics.DashboardAsync(query, ct);
        return File(Encoding.UTF8.GetBytes(AnalyticsCsv.Dashboard(report, table)), AnalyticsCsv.ContentType, $"bmo-{table}-{report.From}-{report.To}.csv");
    }

    public string CsvUrl(string table) =>
        Url.Page("/Admin/Index", "Csv", new { table, from = Report?.From, to = Report?.To, course = Report?.Course, team = Team })!;

    /// <summary>The filters, a manager's always narrowed to their teams; `allowed` false when a manager asks for another team.</summary>
    private AnalyticsQuery? Parse(out bool allowed)
    {
        var teams = ConsoleAuth.TeamScope(User, Team, out allowed);
        return allowed ? AnalyticsService.ParseQuery(From, To, Course, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), Errors, teams) : null;
    }
}
