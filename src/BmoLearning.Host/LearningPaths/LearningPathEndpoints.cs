using System.Collections.Generic;
using Microsoft.AspNetCore.Http.HttpResults;
using BmoLearning.Core.Common;
using BmoLearning.Core.Data;
using BmoLearning.Core.LearningPaths;
using BmoLearning.Core.Lessons;
using BmoLearning.Host.Errors;
using BmoLearning.Host.Lessons;
using BmoLearning.Safety;
using Microsoft.EntityFrameworkCore;

namespace BmoLearning.Host.LearningPaths;

public sealed record CreateLearningPathRequest(Guid? LearnerId, string? Topic, int? TotalLessons);

/// <summary>Pause or resume a path: status "paused" or "active".</summary>
public sealed record UpdateLearningPathRequest(string? Status);

public sealed record LearningPathResponse(
    Guid Id,
    Guid LearnerId,
    string Topic,
    string Status,
    int LessonsCompleted,
    int TotalLessons,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt);

public sealed record CreatedLearningPathResponse(LearningPathResponse LearningPath, LessonRequestResponse FirstLessonRequest);

public static class LearningPathEndpoints
{
    public const int MaxTotalLessons = 100;

    public static RouteGroupBuilder MapLearningPaths(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/learning_paths").WithTags("Learning paths");
        group.MapPost("/", CreateAsync).WithName("CreateLearningPath");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetLearningPath");
        group.MapPatch("/{id:guid}", UpdateAsync).WithName("UpdateLearningPath");
        api.MapGet("/learners/{id:guid}/learning_paths", ListForLearnerAsync).WithTags("Learning paths").WithName("ListLearnerLearningPaths");
        return api;
    }

    public static async Task<Results<Created<CreatedLearningPathResponse>, ProblemHttpResult>> CreateAsync(CreateLearningPathRequest request, LessonRequestService lessons, SafetyPipeline safety, CancellationToken ct)
    {
        var errors = new FieldErrors().Range("total_lessons", request.TotalLessons, 1, MaxTotalLessons);
        var topic = TopicSafety.Validate(safety, request.Topic, errors);
        if (request.LearnerId is null || request.LearnerId == Guid.Empty)
        {
            errors.Add("learner_id", "is required.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var result = await lessons.CreatePathAsync(request.LearnerId!.Value, topic!, request.TotalLessons, ct);
        if (result.Status != ServiceStatus.Ok)
        {
            return ApiProblems.From(result);
        }

        var (path, first) = result.Value;
        return TypedResults.Created($"/api/v1/learning_paths/{path.Id}", new CreatedLearningPathResponse(path.ToResponse(), first.ToResponse(lesson: null)));
    }

    public static async Task<Results<Ok<LearningPathResponse>, ProblemHttpResult>> GetAsync(Guid id, AppDbContext db, CancellationToken ct)
    {
        var path = await db.LearningPaths.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        return path is null ? ApiProblems.NotFound($"Learning path {id} does not exist.") : TypedResults.Ok(path.ToResponse());
    }

    /// <summary>A paused path gets no scheduled lessons or reminders; resuming picks up at the next window.</summary>
    public static async Task<Results<Ok<LearningPathResponse>, ProblemHttpResult>> UpdateAsync(Guid id, UpdateLearningPathRequest request, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        PathStatus? status = request.Status?.Trim().ToLowerInvariant() switch
        {
            "active" => PathStatus.Active,
            "paused" => PathStatus.Paused,
            _ => null,
        };
        if (status is null)
        {
            return new FieldErrors().Add("status", "must be active or paused.").ToProblem();
        }

        var path = await db.LearningPaths.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (path is null)
        {
            return ApiProblems.NotFound($"Learning path {id} does not exist.");
        }

        if (path.Status == PathStatus.Completed)
        {
            return ApiProblems.Conflict("The learning path is completed; it cannot be paused or resumed.");
        }

        if (path.Status != status)
        {
            path.Status = status.Value;
            path.UpdatedAt = time.Now();
            await db.SaveChangesAsync(ct);
        }

        return TypedResults.Ok(path.ToResponse());
    }

    public static async Task<Results<Ok<List<LearningPathResponse>>, ProblemHttpResult>> ListForLearnerAsync(Guid id, AppDbContext db, CancellationToken ct)
    {
        if (!await db.Learners.AnyAsync(l => l.Id == id, ct))
        {
            return ApiProblems.NotFound($"Learner {id} does not exist.");
        }

        var paths = await db.LearningPaths.AsNoTracking().Where(p => p.LearnerId == id).OrderBy(p => p.Topic).ToListAsync(ct);
        return TypedResults.Ok(paths.Select(p => p.ToResponse()).ToList());
    }

    public static LearningPathResponse ToResponse(this LearningPath path) => new(
        path.Id, path.LearnerId, path.Topic, path.Status.ToString().ToLowerInvariant(), path.LessonsCompleted, path.TotalLessons,
        path.CreatedAt, path.UpdatedAt, path.CompletedAt);
}
