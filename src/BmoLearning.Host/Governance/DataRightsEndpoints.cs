using Microsoft.AspNetCore.Http.HttpResults;
using BmoLearning.Core.Common;
using BmoLearning.Core.Governance.DataRights;
using BmoLearning.Host.Auth;
using BmoLearning.Host.Errors;

namespace BmoLearning.Host.Governance;

/// <summary>
/// A learner's data rights (issue 14): export everything kept about them, or erase their personal data. Admin only;
/// both are audited by <see cref="AdministrativeActsAudit"/> (the route and the id, never the data).
/// </summary>
public static class DataRightsEndpoints
{
    public static RouteGroupBuilder MapDataRights(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/learners").WithTags("Learners").RequireAuthorization(AuthSetup.AdminPolicy);
        group.MapGet("/{id:guid}/export", ExportAsync).WithName("ExportLearner");
        group.MapDelete("/{id:guid}", EraseAsync).WithName("EraseLearner");
        return api;
    }

    public static async Task<Results<Ok<object>, ProblemHttpResult>> ExportAsync(Guid id, LearnerExport export, CancellationToken ct)
    {
        var result = await export.ExportAsync(id, ct);
        return result.Status == ServiceStatus.Ok ? TypedResults.Ok(result.Value) : ApiProblems.From(result);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> EraseAsync(Guid id, LearnerErasure erasure, CancellationToken ct)
    {
        // Not cancelled with the request: an erasure stopped half-way would leave copies in the job store.
        var result = await erasure.EraseAsync(id, CancellationToken.None);
        return result.Status == ServiceStatus.Ok ? TypedResults.NoContent() : ApiProblems.From(result);
    }
}
