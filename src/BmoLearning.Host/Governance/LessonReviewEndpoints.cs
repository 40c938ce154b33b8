using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using BmoLearning.Ai.Governance;
using BmoLearning.Core.Common;
using BmoLearning.Core.Governance.Lifecycle;
using BmoLearning.Host.Auth;
using BmoLearning.Host.Errors;

namespace BmoLearning.Host.Governance;

/// <summary>The edit action's fields are the lesson's own (as GET returns them); an omitted field keeps its value.</summary>
public sealed record ReviewLessonRequest(
    string? Action,
    string? Reason,
    string? Content = null,
    IReadOnlyList<string>? KeyPoints = null,
    string? Scenario = null,
    string? QuizQuestion = null,
    IReadOnlyList<string>? QuizOptions = null,
    int? CorrectAnswer = null,
    string? Explanation = null);

public sealed record LessonReviewResponse(Guid Id, string Status, string? ReviewedBy, DateTimeOffset? ReviewedAt, string? ReviewReason);

/// <summary>POST /api/v1/lessons/{id}/review (admin): approve, reject, retire, or edit (re-checked like a generated
/// lesson); audited by route and id, an edit also as lesson.edited with the fields it changed.</summary>
public static class LessonReviewEndpoints
{
    public static RouteGroupBuilder MapLessonReview(this RouteGroupBuilder api)
    {
        api.MapPost("/lessons/{id:guid}/review", ReviewAsync).WithTags("Lessons").WithName("ReviewLesson").RequireAuthorization(AuthSetup.AdminPolicy);
        return api;
    }

    public static async Task<Results<Ok<LessonReviewResponse>, ProblemHttpResult>> ReviewAsync(
        Guid id, ReviewLessonRequest request, LessonReview review, LessonEdit edit, ClaimsPrincipal user, CancellationToken ct)
    {
        var reviewer = $"key:{user.FindFirstValue(Scopes.KeyIdClaimType)}";
        if (string.Equals(request.Action, "edit", StringComparison.OrdinalIgnoreCase))
        {
            var fields = new LessonEditFields(request.Content, request.KeyPoints, request.Scenario, request.QuizQuestion, request.QuizOptions, request.CorrectAnswer, request.Explanation);
            return Respond(await edit.EditAsync(id, fields, request.Reason, reviewer, ct));
        }

        if (!Enum.TryParse<ReviewAction>(request.Action, ignoreCase: true, out var action) || !Enum.IsDefined(action) || int.TryParse(request.Action, out _))
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { ["action"] = ["must be approve, reject, retire or edit."] });
        }

        // An edit sent with another action would be dropped without a word: refuse it instead.
        if ((request.Content ?? request.Scenario ?? request.QuizQuestion ?? request.Explanation) is not null
            || request.KeyPoints is not null || request.QuizOptions is not null || request.CorrectAnswer is not null)
        {
            return ApiProblems.Validation(new Dictionary<string, string[]> { ["action"] = ["must be edit when lesson fields are sent."] });
        }

        return Respond(await review.ReviewAsync(id, action, request.Reason, reviewer, ct));
    }

    private static Results<Ok<LessonReviewResponse>, ProblemHttpResult> Respond(ServiceResult<BmoLearning.Core.Lessons.Lesson> result)
    {
        if (result.Status != ServiceStatus.Ok)
        {
            return ApiProblems.From(result);
        }

        var lesson = result.Value!;
        return TypedResults.Ok(new LessonReviewResponse(lesson.Id, lesson.Status.ToString().ToLowerInvariant(), lesson.ReviewedBy, lesson.ReviewedAt, lesson.ReviewReason));
    }
}
