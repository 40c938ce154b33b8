using BmoLearning.Core.Adaptive;
using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Learners;
using BmoLearning.Core.Learners.Import;
using BmoLearning.Core.Lessons;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Web.Pages.Admin.Enrol;

/// <summary>One learner's outcome on the page: the service's result and the first lesson request it queued.</summary>
public sealed record EnrolledLearner(string Email, string Name, Guid? LearnerId, string Outcome, string? Error, LessonRequestStatus? Request, string? RequestTopic);

/// <summary>
/// Enrol learners (picked by email or by team) in a course or on one topic, through <see cref="CourseService"/> as
/// <c>POST /api/v1/courses/{id}/enrolments</c> does; and import learners from CSV through <see cref="LearnerCsvImport"/>.
/// Admins and managers (a manager only their teams' learners); a viewer gets 403.
/// </summary>
[Authorize(Policy = ConsoleAuth.StaffPolicy)]
public sealed class IndexModel(AppDbContext db, CourseService courses, LearnerCsvImport import) : ConsolePage
{
    public const int MaxLearners = 1000;

    public IReadOnlyList<Course> Courses { get; private set; } = [];

    /// <summary>Topics on offer: every course topic, by title.</summary>
    public IReadOnlyList<string> Topics { get; private set; } = [];

    public IReadOnlyList<string> Teams { get; private set; } = [];

    public Dictionary<string, string> Errors { get; } = [];

    public LearnerImportReport? ImportReport { get; private set; }

    public IReadOnlyList<EnrolledLearner>? Results { get; private set; }

    /// <summary>What the learners were enrolled in, for the results' heading.</summary>
    public string? EnrolledIn { get; private set; }

    /// <summary>"course:{id}" or "topic:{title}".</summary>
    [BindProperty]
    public string? Target { get; set; }

    [BindProperty]
    public string? Team { get; set; }

    /// <summary>Learners' emails, one per line (or separated by commas or spaces).</summary>
    [BindProperty]
    public string? Emails { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadChoicesAsync(ct);

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        if (file is null || file.Length == 0)
        {
            Errors["file"] = "Choose a CSV file with the columns email, name, team, phone, slack_id, time_zone.";
            return Page();
        }

        await using var stream = file.OpenReadStream();
        ImportReport = await import.ImportAsync(stream, ManagerTeams(), ct);
        var imported = ImportReport.Rows.Where(r => r.LearnerId is not null).Select(r => r.Email).ToList();
        if (imported.Count > 0)
        {
            // Offer the imported learners for enrolment straight away.
            Emails = string.Join('\n', imported);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostEnrolAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        var scope = ConsoleAuth.TeamScope(User, Team, out var allowed);
        if (!allowed)
        {
            return Forbid(ConsoleAuth.Scheme);
        }

        var (course, topic) = await ResolveTargetAsync(ct);
        var emails = (Emails ?? string.Empty).Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(LearnerRules.NormalizeEmail).Distinct(StringComparer.Ordinal).ToList();
        if (emails.Count == 0 && string.IsNullOrWhiteSpace(Team))
        {
            Errors["learners"] = "Pick a team or list learners' emails.";
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var learners = db.Learners.AsNoTracking();
        if (scope is not null)
        {
            var teams = scope.ToList();
            learners = learners.Where(l => l.Team != null && teams.Contains(l.Team));
        }

        var picked = emails.Count > 0
            ? await learners.Where(l => emails.Contains(l.Email)).Select(l => new { l.Id, l.Email, l.Name }).ToListAsync(ct)
            : await learners.OrderBy(l => l.Email).Take(MaxLearners + 1).Select(l => new { l.Id, l.Email, l.Name }).ToListAsync(ct);
        if (picked.Count > MaxLearners || emails.Count > MaxLearners)
        {
            Errors["learners"] = $"At most {MaxLearners} learners at a time; pick fewer.";
            return Page();
        }

        var ids = picked.Select(l => l.Id).ToList();
        IReadOnlyList<EnrolmentResult> outcomes;
        if (course is not null)
        {
            var enrolled = await courses.EnrolAsync(course.Id, ids, ct);
            if (enrolled.Status != ServiceStatus.Ok)
            {
                return NotFoundPage(enrolled.Message ?? "No such course.");
            }

            outcomes = enrolled.Value!;
            EnrolledIn = course.Title;
        }
        else
        {
            outcomes = ids.Count == 0 ? [] : await courses.StartTopicForAsync(topic!, ids, ct);
            EnrolledIn = topic;
        }

        // The lesson each enrolment queued (or the learner's latest), so the page shows that lessons are on their way.
        var requests = await db.LessonRequests.AsNoTracking().Where(r => ids.Contains(r.LearnerId)).ToListAsync(ct);
        var byLearner = requests.GroupBy(r => r.LearnerId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.CreatedAt)!);
        var byId = outcomes.ToDictionary(o => o.LearnerId);
        var results = picked.Select(l =>
        {
            var outcome = byId[l.Id];
            byLearner.TryGetValue(l.Id, out var request);
            return new EnrolledLearner(l.Email, l.Name, l.Id, outcome.Outcome, outcome.Error, request?.Status, request?.Topic);
        }).ToList();
        var found = picked.Select(l => l.Email).ToHashSet(StringComparer.Ordinal);
        results.AddRange(emails.Where(e => !found.Contains(e)).Select(e =>
            new EnrolledLearner(e, string.Empty, null, "not_found", scope is null ? "No learner has this email." : "No learner of your teams has this email.", null, null)));
        Results = results;
        return Page();
    }

    private async Task<(Course? Course, string? Topic)> ResolveTargetAsync(CancellationToken ct)
    {
        if (Target?.StartsWith("course:", StringComparison.Ordinal) == true && Guid.TryParse(Target["course:".Length..], out var id))
        {
            var course = await courses.FindAsync(id, ct);
            if (course is null)
            {
                Errors["target"] = "That course no longer exists; pick another.";
            }

            return (course, null);
        }

        if (Target?.StartsWith("topic:", StringComparison.Ordinal) == true && Target["topic:".Length..].Trim() is { Length: > 0 } topic)
        {
            if (!Topics.Contains(topic, StringComparer.OrdinalIgnoreCase))
            {
                Errors["target"] = "Pick one of the topics offered.";
            }

            return (null, topic);
        }

        Errors["target"] = "Pick a course or a topic.";
        return (null, null);
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        Courses = await db.Courses.AsNoTracking().Include(c => c.Topics).OrderBy(c => c.Title).ToListAsync(ct);
        Topics = Courses.SelectMany(c => c.Topics).Select(t => t.Title).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        Teams = ManagerTeams() ?? await db.Learners.AsNoTracking().Where(l => l.Team != null).Select(l => l.Team!).Distinct().OrderBy(t => t).Take(500).ToListAsync(ct);
    }

    /// <summary>A manager's teams (what they may import and enrol); null for an admin.</summary>
    private IReadOnlyList<string>? ManagerTeams() => ConsoleAuth.TeamScope(User, null, out _);
}
