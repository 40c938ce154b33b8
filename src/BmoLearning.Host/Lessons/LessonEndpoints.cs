using Microsoft.AspNetCore.Http.HttpResults;
using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.Lessons;
using BmoLearning.Host.Common;
using BmoLearning.Host.Errors;
using BmoLearning.Safety;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Host.Lessons;

public static class LessonEndpoints
{
    public static RouteGroupBuilder MapLessons(this RouteGroupBuilder api)
    {
        api.MapPost("/learners/{id:guid}/request_lesson", RequestLessonAsync).WithTags("Lessons").WithName("RequestLesson");
        api.MapGet("/lesson_requests/{id:guid}", GetRequestAsync).WithTags("Lessons").WithName("GetLessonRequest");
        api.MapGet("/lessons/{id:guid}", GetLessonAsync).WithTags("Lessons").WithName("GetLesson");
        api.MapGet("/learners/{id:guid}/lessons", ListForLearnerAsync).WithTags("Lessons").WithName("ListLearnerLessons");
        return api;
    }

    /// <summary>Queues generation and answers 202 at once; poll the Location until status is ready or failed.</summary>
    public static async Task<Results<Accepted<LessonRequestResponse>, ProblemHttpResult>> RequestLessonAsync(
        Guid id, RequestLessonRequest request, LessonRequestService lessons, SafetyPipeline safety, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var screened = TopicSafety.Validate(safety, request.Topic, errors);
        var difficulty = Difficulty.Beginner;
        if (request.Difficulty is not null && !DifficultyNames.TryParse(request.Difficulty, out difficulty))
        {
            errors.Add("difficulty", $"must be one of {DifficultyNames.Allowed}.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var result = await lessons.RequestLessonAsync(id, screened!, difficulty, ct);
        if (result.Status != ServiceStatus.Ok)
        {
            return ApiProblems.From(result);
        }

        var lessonRequest = result.Value!;
        return TypedResults.Accepted($"/api/v1/lesson_requests/{lessonRequest.Id}", lessonRequest.ToResponse(lesson: null));
    }

    public static async Task<Results<Ok<LessonRequestResponse>, ProblemHttpResult>> GetRequestAsync(Guid id, AppDbContext db, HttpContext http, AnswerVisibility answers, CancellationToken ct)
    {
        var request = await db.LessonRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (request is null)
        {
            return ApiProblems.NotFound($"Lesson request {id} does not exist.");
        }

        var lesson = request.LessonId is null ? null : await db.Lessons.AsNoTracking().SingleOrDefaultAsync(l => l.Id == request.LessonId, ct);
        // Issue 14: a draft awaiting approval is shown to reviewers (admin) only, never to a learner's client.
        if (request.Status == LessonRequestStatus.AwaitingApproval && !http.User.HasClaim(Auth.Scopes.ClaimType, Auth.Scopes.Admin))
        {
            lesson = null;
        }

        if (request.Status is LessonRequestStatus.Queued or LessonRequestStatus.Generating)
        {
            http.Response.Headers.RetryAfter = "1";
        }

        var response = request.ToResponse(lesson);
        return TypedResults.Ok(response.Lesson is null ? response : response with { Lesson = await answers.ShowAsync(response.Lesson, http.User, db, ct) });
    }

    public static async Task<Results<Ok<LessonResponse>, ProblemHttpResult>> GetLessonAsync(Guid id, AppDbContext db, HttpContext http, AnswerVisibility answers, CancellationToken ct)
    {
        var lesson = await db.Lessons.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, ct);
        return lesson is null ? ApiProblems.NotFound($"Lesson {id} does not exist.") : TypedResults.Ok(await answers.ShowAsync(lesson.ToResponse(), http.User, db, ct));
    }

    public static async Task<Results<Ok<PageOf<LessonResponse>>, ProblemHttpResult>> ListForLearnerAsync(
        Guid id, AppDbContext db, HttpContext http, AnswerVisibility answers, int? page, [FromQuery(Name = "per_page")] int? perPage, CancellationToken ct)
    {
        if (Paging.Validate(page, perPage) is { } invalid)
        {
            return invalid;
        }

        if (!await db.Learners.AnyAsync(l => l.Id == id, ct))
        {
            return ApiProblems.NotFound($"Learner {id} does not exist.");
        }

        var paging = new Paging(page, perPage);
        var query = db.Lessons.AsNoTracking().Where(l => l.LearnerId == id);
        var total = await query.CountAsync(ct);
        var lessons = await query.OrderByDescending(l => l.Id).Skip(paging.Skip).Take(paging.PerPage).ToListAsync(ct);
        return TypedResults.Ok(paging.Page(await answers.ShowAsync(lessons.Select(l => l.ToResponse()).ToList(), http.User, db, ct), total));
    }
}
