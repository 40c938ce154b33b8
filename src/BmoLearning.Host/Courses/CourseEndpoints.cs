using System.Collections.Generic;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.Json;
using BmoLearning.Core.Adaptive;
using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Host.Auth;
using BmoLearning.Host.Errors;
using BmoLearning.Learning.Courses;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Host.Courses;

public sealed record CourseTopicResponse(string Id, string Title, int Position, IReadOnlyList<string> Prerequisites);

public sealed record CourseResponse(Guid Id, string Slug, string Title, IReadOnlyList<CourseTopicResponse> Topics, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record CreateEnrolmentsRequest(IReadOnlyList<Guid>? LearnerIds);

public sealed record EnrolmentsResponse(Guid CourseId, IReadOnlyList<EnrolmentResult> Results);

/// <summary>
/// <c>/api/v1/courses</c> (administrators): create from the course-file JSON, list, read, delete; bulk enrolment
/// with one result per learner id (207 Multi-Status when outcomes differ).
/// </summary>
public static class CourseEndpoints
{
    public const int MaxLearnersPerRequest = 1000;
    private const int MaxCourseBytes = 256 * 1024;

    public static RouteGroupBuilder MapCourses(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/courses").WithTags("Courses").RequireAuthorization(AuthSetup.AdminPolicy);
        group.MapPost("/", CreateAsync).WithName("CreateCourse").Accepts<JsonElement>("application/json");
        group.MapGet("/", ListAsync).WithName("ListCourses");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetCourse");
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteCourse");
        group.MapPost("/{id:guid}/enrolments", EnrolAsync).WithName("EnrolLearners")
            // One status when every learner had the same outcome (201 enrolled, 200 already enrolled), else 207.
            .Produces<EnrolmentsResponse>(StatusCodes.Status201Created).Produces<EnrolmentsResponse>(StatusCodes.Status207MultiStatus);
        return api;
    }

    /// <summary>The body is a course file (id, title, topics with prerequisites); errors name the field and the line.</summary>
    public static async Task<Results<Created<CourseResponse>, ProblemHttpResult>> CreateAsync(HttpRequest request, CourseCatalog courses, AppDbContext db, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var buffer = new char[MaxCourseBytes + 1];
        var read = await reader.ReadBlockAsync(buffer, ct);
        if (read > MaxCourseBytes)
        {
            return new FieldErrors().Add("$", $"a course is at most {MaxCourseBytes / 1024} KiB of JSON.").ToProblem();
        }

        var parsed = CourseFile.Parse(new string(buffer, 0, read));
        if (!parsed.IsValid)
        {
            var errors = new FieldErrors();
            foreach (var e in parsed.Errors)
            {
                errors.Add(e.Field, $"line {e.Line}: {e.Message}");
            }

            return errors.ToProblem();
        }

        if (await db.Courses.AnyAsync(c => c.Slug == parsed.Course!.Id, ct))
        {
            return ApiProblems.Conflict($"A course with id '{parsed.Course!.Id}' exists.");
        }

        var (course, _) = await courses.UpsertAsync(parsed.Course!, ct);
        return TypedResults.Created($"/api/v1/courses/{course.Id}", course.ToResponse());
    }

    public static async Task<Results<Ok<List<CourseResponse>>, ProblemHttpResult>> ListAsync(AppDbContext db, CancellationToken ct)
    {
        var list = await db.Courses.AsNoTracking().Include(c => c.Topics).OrderBy(c => c.Title).ToListAsync(ct);
        return TypedResults.Ok(list.Select(c => c.ToResponse()).ToList());
    }

    public static async Task<Results<Ok<CourseResponse>, ProblemHttpResult>> GetAsync(Guid id, CourseCatalog courses, CancellationToken ct) =>
        await courses.FindAsync(id, ct) is { } course ? TypedResults.Ok(course.ToResponse()) : ApiProblems.NotFound($"Course {id} does not exist.");

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, AppDbContext db, CancellationToken ct)
    {
        var deleted = await db.Courses.Where(c => c.Id == id).ExecuteDeleteAsync(ct);
        return deleted == 0 ? ApiProblems.NotFound($"Course {id} does not exist.") : TypedResults.NoContent();
    }

    public static async Task<Results<JsonHttpResult<EnrolmentsResponse>, ProblemHttpResult>> EnrolAsync(Guid id, CreateEnrolmentsRequest request, CourseService courses, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (request.LearnerIds is null || request.LearnerIds.Count == 0)
        {
            errors.Add("learner_ids", "is required: a non-empty array of learner ids.");
        }
        else if (request.LearnerIds.Count > MaxLearnersPerRequest)
        {
            errors.Add("learner_ids", $"at most {MaxLearnersPerRequest} learner ids per request.");
        }
        else if (request.LearnerIds.Any(l => l == Guid.Empty))
        {
            errors.Add("learner_ids", "must not contain the empty id.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var result = await courses.EnrolAsync(id, request.LearnerIds!, ct);
        if (result.Status != ServiceStatus.Ok)
        {
            return ApiProblems.From(result);
        }

        var statuses = result.Value!.Select(r => r.Status).Distinct().ToList();
        var status = statuses.Count == 1 ? statuses[0] : StatusCodes.Status207MultiStatus;
        return TypedResults.Json(new EnrolmentsResponse(id, result.Value!), statusCode: status);
    }

    public static CourseResponse ToResponse(this Course course) => new(
        course.Id, course.Slug, course.Title,
        course.Topics.OrderBy(t => t.Position).Select(t => new CourseTopicResponse(t.Slug, t.Title, t.Position, t.Prerequisites)).ToList(),
        course.CreatedAt, course.UpdatedAt);
}
