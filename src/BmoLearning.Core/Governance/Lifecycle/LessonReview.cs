using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Jobs;
using BmoLearning.Core.Lessons;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Core.Governance.Lifecycle;

public enum ReviewAction
{
    Approve,
    Reject,
    Retire,
}

/// <summary>
/// A reviewer's decision on a lesson (issue 14): approve a draft (its waiting learners get it), reject a draft with a
/// reason (retired; their requests fail with the reason), or retire an approved or published lesson with a reason.
/// Any other transition is a conflict: approving twice, or approving a retired lesson.
/// </summary>
public sealed class LessonReview(AppDbContext db, IJobQueue jobs, TimeProvider time)
{
    public const int MaxReasonLength = 1000;

    public async Task<ServiceResult<Lesson>> ReviewAsync(Guid lessonId, ReviewAction action, string? reason, string reviewer, CancellationToken ct)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason is { Length: > MaxReasonLength })
        {
            return ServiceResult<Lesson>.Invalid("reason", $"must be at most {MaxReasonLength} characters.");
        }

        if (action != ReviewAction.Approve && reason is null)
        {
            return ServiceResult<Lesson>.Invalid("reason", "is required to reject or retire a lesson.");
        }

        var lesson = await db.Lessons.SingleOrDefaultAsync(l => l.Id == lessonId, ct);
        if (lesson is null)
        {
            return ServiceResult<Lesson>.NotFound($"Lesson {lessonId} does not exist.");
        }

        var allowed = action switch
        {
            ReviewAction.Approve or ReviewAction.Reject => lesson.Status == LessonStatus.Draft,
            _ => lesson.Status is LessonStatus.Approved or LessonStatus.Published,
        };
        if (!allowed)
        {
            return ServiceResult<Lesson>.Conflict($"Lesson {lessonId} is {lesson.Status.ToString().ToLowerInvariant()}; it cannot be {Past(action)}.");
        }

        var now = time.GetUtcNow();
        lesson.Status = action == ReviewAction.Approve ? LessonStatus.Approved : LessonStatus.Retired;
        lesson.ReviewedBy = reviewer;
        lesson.ReviewedAt = now;
        lesson.ReviewReason = reason;
        var waiting = await db.LessonRequests.Where(r => r.LessonId == lessonId && r.Status == LessonRequestStatus.AwaitingApproval).ToListAsync(ct);
        foreach (var request in waiting)
        {
            request.Status = action == ReviewAction.Approve ? LessonRequestStatus.Ready : LessonRequestStatus.Failed;
            request.Error = action == ReviewAction.Approve ? null : $"The lesson was rejected by a reviewer: {reason}";
            request.CompletedAt = request.UpdatedAt = now;
        }

        await db.SaveChangesAsync(ct);
        if (action == ReviewAction.Approve && waiting.Count > 0)
        {
            jobs.EnqueueDelivery(lessonId, sequence: 0);
        }

        return ServiceResult<Lesson>.Ok(lesson);
    }

    private static string Past(ReviewAction action) => action switch
    {
        ReviewAction.Approve => "approved",
        ReviewAction.Reject => "rejected",
        _ => "retired",
    };
}
