using Microsoft.AspNetCore.Http.HttpResults;
using BmoLearning.Core.Progress;
using BmoLearning.Host.Errors;

namespace BmoLearning.Host.Progress;

public static class ProgressEndpoints
{
    public static RouteGroupBuilder MapProgress(this RouteGroupBuilder api)
    {
        api.MapGet("/learners/{id:guid}/progress", GetAsync).WithTags("Progress").WithName("GetLearnerProgress");
        return api;
    }

    public static async Task<Results<Ok<LearnerProgress>, ProblemHttpResult>> GetAsync(Guid id, ProgressService progress, CancellationToken ct)
    {
        var result = await progress.GetAsync(id, ct);
        return result is null ? ApiProblems.NotFound($"Learner {id} does not exist.") : TypedResults.Ok(result);
    }
}
