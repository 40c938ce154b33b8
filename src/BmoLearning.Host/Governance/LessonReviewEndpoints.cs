using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using BmoLearning.Core.Common;
using BmoLearning.Core.Governance.Lifecycle;
using BmoLearning.Host.Auth;
using BmoLearning.Host.Errors;

namespace BmoLearning.Host.Governance;

public sealed record ReviewLessonRequest(string? Action, string? Reason);

public sealed record LessonReviewResponse(Guid Id, string Status, string? ReviewedBy, DateTimeOffset? ReviewedAt, string? ReviewReason);

/// <summary>POST /api/v1/lessons/{id}/review (admin): approve, reject or retire; audited by route and id.</summary>
public static class LessonReviewEndpoints
{
    public static RouteGroupBuilder MapLessonReview(this RouteGroupBuilder api)
    {
        api.MapPost("/lessons/{id:guid}/review", ReviewAsync).WithTags("Lessons").WithName("ReviewLesson").RequireAuthorization(AuthSetup.AdminPolicy);
        return api;
    }

    public static async Task<Results<Ok<LessonReviewResponse>, ProblemHttpResult>> ReviewAsync(Guid id, ReviewLessonRequest request, LessonReview review, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!Enum.TryParse<ReviewAction>(request.Action, ignoreCase: true, out var action) || !Enum.IsDefined(action) || int.TryParse(request.Action, out _))
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { ["action"] = ["must be approve, reject or retire."] });
        }

        var result = await review.ReviewAsync(id, action, request.Reason, $"key:{user.FindFirstValue(Scopes.KeyIdClaimType)}", ct);
        if (result.Status != ServiceStatus.Ok)
        {
            return ApiProblems.From(result);
        }

        var lesson = result.Value!;
        return TypedResults.Ok(new LessonReviewResponse(lesson.Id, lesson.Status.ToString().ToLowerInvariant(), lesson.ReviewedBy, lesson.ReviewedAt, lesson.ReviewReason));
    }
}
