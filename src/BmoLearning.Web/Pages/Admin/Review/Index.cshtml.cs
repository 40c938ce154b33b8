using BmoLearning.Ai.Governance;
using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Governance.Audit;
using BmoLearning.Core.Governance.Lifecycle;
using BmoLearning.Core.Governance.Versions;
using BmoLearning.Core.Lessons;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Web.Pages.Admin.Review;

/// <summary>
/// The review queue (issue 14, admins): drafts awaiting approval and stale lessons, each with its sources. The buttons
/// call the services behind POST /api/v1/lessons/{id}/review and /regenerate, and each act is audited under the same
/// name as the API's, with the console user as the actor.
/// </summary>
public sealed class IndexModel(AppDbContext db, LessonReview review, StaleLessons stale, LessonEdit edit, AuditLog audit) : ConsolePage
{
    public const int PageSize = 100;

    public IReadOnlyList<Lesson> Drafts { get; private set; } = [];

    public IReadOnlyList<StaleLesson> Stale { get; private set; } = [];

    /// <summary>What the last act did, or why it was refused (with the lesson it was about).</summary>
    public string? Notice { get; private set; }

    public string? Error { get; private set; }

    public Guid? ErrorLessonId { get; private set; }

    /// <summary>Why an edit was refused, by field, as the API's 422 names them.</summary>
    public IReadOnlyDictionary<string, string[]> EditErrors { get; private set; } = new Dictionary<string, string[]>();

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Notice = done;
        await LoadAsync(ct);
    }

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) => ReviewAsync(id, ReviewAction.Approve, null, ct);

    public Task<IActionResult> OnPostRejectAsync(Guid id, string? reason, CancellationToken ct) => ReviewAsync(id, ReviewAction.Reject, reason, ct);

    public async Task<IActionResult> OnPostRegenerateAsync(Guid id, CancellationToken ct)
    {
        if (RequireAdmin() is { } forbidden)
        {
            return forbidden;
        }

        var result = await stale.RegenerateAsync(id, Reviewer, ct);
        if (result.Status == ServiceStatus.Ok)
        {
            await AuditAsync("RegenerateLesson", id, new { request = result.Value!.Id });
            return RedirectToPage(new { done = "Regeneration queued; the stale lesson is retired." });
        }

        return await RefusedAsync(id, result.Status, result.Message, ct);
    }

    /// <summary>A reviewer's edit, checked like a generated lesson by the service behind the API's edit action.</summary>
    public async Task<IActionResult> OnPostEditAsync(
        Guid id, string? content, string? keyPoints, string? scenario, string? quizQuestion, string? quizOptions, int? correctOption, string? explanation, string? reason, CancellationToken ct)
    {
        if (RequireAdmin() is { } forbidden)
        {
            return forbidden;
        }

        // The form posts every field; only those that differ are an edit (an unchanged quiz is not re-judged against its sources).
        var current = await db.Lessons.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, ct);
        if (current is null)
        {
            return NotFoundPage($"Lesson {id} does not exist.");
        }

        var points = Lines(keyPoints);
        var options = Lines(quizOptions);
        var fields = new LessonEditFields(
            Changed(content, current.Content),
            points is not null && !points.SequenceEqual(current.KeyPoints) ? points : null,
            Changed(scenario, current.Scenario),
            Changed(quizQuestion, current.QuizQuestion),
            options is not null && !options.SequenceEqual(current.QuizOptions) ? options : null,
            correctOption - 1 == current.CorrectAnswer ? null : correctOption - 1,
            Changed(explanation, current.Explanation));
        var result = await edit.EditAsync(id, fields, reason, Reviewer, ct);
        if (result.Status == ServiceStatus.Ok)
        {
            return RedirectToPage(new { done = "Lesson edited; it is still awaiting approval." });
        }

        EditErrors = result.Errors;
        return await RefusedAsync(id, result.Status, result.Errors.Count > 0 ? "the edit did not pass the checks." : result.Message, ct);

        // Browsers post a textarea's line breaks as CRLF; lessons keep LF.
        static string? Changed(string? posted, string stored) =>
            posted?.Replace("\r\n", "\n", StringComparison.Ordinal) is not { } text || text.Trim() == stored.Trim() ? null : text;

        static List<string>? Lines(string? text) =>
            text?.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    private string Reviewer => $"console:{User.Identity?.Name}";

    private Task AuditAsync(string action, Guid lessonId, object data) =>
        audit.AppendAfterActAsync(Reviewer, action, "lesson", lessonId.ToString(), data);

    private async Task<IActionResult> ReviewAsync(Guid id, ReviewAction action, string? reason, CancellationToken ct)
    {
        if (RequireAdmin() is { } forbidden)
        {
            return forbidden;
        }

        var result = await review.ReviewAsync(id, action, reason, Reviewer, ct);
        if (result.Status == ServiceStatus.Ok)
        {
            await AuditAsync("ReviewLesson", id, new { action = action.ToString().ToLowerInvariant() });
            return RedirectToPage(new { done = action == ReviewAction.Approve ? "Lesson approved." : "Lesson rejected." });
        }

        return await RefusedAsync(id, result.Status, result.Errors.Count > 0 ? string.Join(" ", result.Errors.Select(e => $"{e.Key} {string.Join(" ", e.Value)}")) : result.Message, ct);
    }

    /// <summary>The queue again with the reason, and the status the API would give (404, 409, 422).</summary>
    private async Task<IActionResult> RefusedAsync(Guid id, ServiceStatus status, string? message, CancellationToken ct)
    {
        if (status == ServiceStatus.NotFound)
        {
            return NotFoundPage(message ?? "No such lesson.");
        }

        Error = message;
        ErrorLessonId = id;
        await LoadAsync(ct);
        var page = Page();
        HttpContext.Response.StatusCode = status == ServiceStatus.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        return page;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Drafts = await db.Lessons.AsNoTracking().Where(l => l.Status == LessonStatus.Draft)
            .OrderBy(l => l.CreatedAt).ThenBy(l => l.Id).Take(PageSize).ToListAsync(ct);
        Stale = await stale.ListAsync(ct);
    }
}
