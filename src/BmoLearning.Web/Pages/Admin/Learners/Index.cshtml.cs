using BmoLearning.Core.Data;
using BmoLearning.Core.LearningPaths;
using BmoLearning.Core.Learners;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Web.Pages.Admin.Learners;

/// <summary>Learners, searchable and filtered by team, course, path status and channel; a manager sees only their teams.</summary>
public sealed class IndexModel(AppDbContext db) : ConsolePage
{
    public const int PerPage = 25;

    public IReadOnlyList<Learner> Items { get; private set; } = [];

    public int Total { get; private set; }

    /// <summary>The teams the filter offers: a manager's own, or every team with a learner.</summary>
    public IReadOnlyList<string> Teams { get; private set; } = [];

    public Dictionary<string, string> Errors { get; } = [];

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Team { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Course { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Channel { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 1_000_000);
        var scope = ConsoleAuth.TeamScope(User, Team, out var allowed);
        if (!allowed)
        {
            return Forbid(ConsoleAuth.Scheme);
        }

        var own = ConsoleAuth.TeamScope(User, null, out _);
        Teams = own ?? await db.Learners.AsNoTracking().Where(l => l.Team != null).Select(l => l.Team!).Distinct().OrderBy(t => t).Take(500).ToListAsync(ct);
        var query = db.Learners.AsNoTracking();
        if (scope is not null)
        {
            var teams = scope.ToList();
            query = query.Where(l => l.Team != null && teams.Contains(l.Team));
        }

        if (!string.IsNullOrWhiteSpace(Search))
        {
            var term = Search.Trim().ToLowerInvariant();
            query = query.Where(l => l.Name.ToLower().Contains(term) || l.Email.ToLower().Contains(term));
        }

        if (!string.IsNullOrWhiteSpace(Channel))
        {
            if (Enum.TryParse<DeliveryChannel>(Channel, ignoreCase: true, out var channel) && Enum.IsDefined(channel))
            {
                query = query.Where(l => l.PreferredChannel == channel);
            }
            else
            {
                Errors["channel"] = "must be web, email, slack or sms.";
            }
        }

        PathStatus? status = null;
        if (!string.IsNullOrWhiteSpace(Status))
        {
            if (Enum.TryParse<PathStatus>(Status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            {
                status = parsed;
            }
            else
            {
                Errors["status"] = "must be active, paused or completed.";
            }
        }

        var courseKey = string.IsNullOrWhiteSpace(Course) ? null : LearningPath.KeyFor(Course);
        if (courseKey is not null || status is not null)
        {
            // A learner matches when one of their paths has the course and the status asked for.
            query = query.Where(l => db.LearningPaths.Any(p => p.LearnerId == l.Id
                && (courseKey == null || p.TopicKey == courseKey) && (status == null || p.Status == status)));
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        Total = await query.CountAsync(ct);
        Items = await query.OrderBy(l => l.Name).ThenBy(l => l.Id).Skip((PageNumber - 1) * PerPage).Take(PerPage).ToListAsync(ct);
        return Page();
    }

    /// <summary>The same filters on another page.</summary>
    public string PageUrl(int page) =>
        Url.Page("/Admin/Learners/Index", new { page, q = Search, team = Team, course = Course, status = Status, channel = Channel })!;
}
