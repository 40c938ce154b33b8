using Microsoft.AspNetCore.Http.HttpResults;
using BmoLearning.Core.Adaptive;
using BmoLearning.Core.Common;
using BmoLearning.Host.Errors;

namespace BmoLearning.Host.Courses;

/// <summary><c>GET /api/v1/learners/{id}/next</c>: advance (mastery above 0.8), continue, or reinforce (below 0.5), with the reason.</summary>
public static class NextLessonEndpoints
{
    public static RouteGroupBuilder MapNextLesson(this RouteGroupBuilder api)
    {
        api.MapGet("/learners/{id:guid}/next", GetAsync).WithTags("Progress").WithName("GetLearnerNextStep");
        return api;
    }

    public static async Task<Results<Ok<NextLesson>, ProblemHttpResult>> GetAsync(Guid id, MasteryService mastery, CancellationToken ct)
    {
        var result = await mastery.NextAsync(id, ct);
        return result.Status == ServiceStatus.Ok ? TypedResults.Ok(result.Value) : ApiProblems.From(result);
    }
}
