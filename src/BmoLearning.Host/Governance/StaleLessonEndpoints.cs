using System.Security.Claims;
using BmoLearning.Core.Common;
using BmoLearning.Core.Governance.Versions;
using BmoLearning.Host.Auth;
using BmoLearning.Host.Errors;

namespace BmoLearning.Host.Governance;

public sealed record StalePassageResponse(long ChunkId, Guid DocumentId, int FromVersion, Guid? NewDocumentId, int? ToVersion, string Section, string Before, string? After);

public sealed record StaleLessonResponse(Guid Id, Guid LearnerId, string Topic, string Difficulty, DateTimeOffset? StaleAt, IReadOnlyList<StalePassageResponse> Passages);

public sealed record StaleLessonList(IReadOnlyList<StaleLessonResponse> Items);

public sealed record RegenerateResponse(Guid LessonId, string Status, Guid LessonRequestId);

/// <summary>
/// Stale lessons (issue 14, admin): GET /api/v1/lessons/stale lists them with the before/after text of their changed
/// passages; POST /api/v1/lessons/{id}/regenerate replaces one (audited by the administrative-acts middleware).
/// </summary>
public static class StaleLessonEndpoints
{
    public static RouteGroupBuilder MapStaleLessons(this RouteGroupBuilder api)
    {
        api.MapGet("/lessons/stale", ListAsync).WithTags("Lessons").WithName("ListStaleLessons").RequireAuthorization(AuthSetup.AdminPolicy);
        api.MapPost("/lessons/{id:guid}/regenerate", RegenerateAsync).WithTags("Lessons").WithName("RegenerateLesson").RequireAuthorization(AuthSetup.AdminPolicy);
        return api;
    }

    public static async Task<IResult> ListAsync(StaleLessons stale, CancellationToken ct) =>
        TypedResults.Ok(new StaleLessonList([.. (await stale.ListAsync(ct)).Select(ToResponse)]));

    public static async Task<IResult> RegenerateAsync(Guid id, StaleLessons stale, ClaimsPrincipal user, CancellationToken ct)
    {
        var result = await stale.RegenerateAsync(id, $"key:{user.FindFirstValue(Scopes.KeyIdClaimType)}", ct);
        if (result.Status != ServiceStatus.Ok)
        {
            return ApiProblems.From(result);
        }

        return TypedResults.Accepted($"/api/v1/lesson_requests/{result.Value!.Id}", new RegenerateResponse(id, "retired", result.Value.Id));
    }

    private static StaleLessonResponse ToResponse(StaleLesson l) => new(
        l.Id, l.LearnerId, l.Topic, l.Difficulty.ToString().ToLowerInvariant(), l.StaleAt,
        [.. l.Passages.Select(p => new StalePassageResponse(p.ChunkId, p.DocumentId, p.FromVersion, p.NewDocumentId, p.ToVersion, p.Section, p.Before, p.After))]);
}
