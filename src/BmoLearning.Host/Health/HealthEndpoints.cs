using BmoLearning.Ai.Generation.Llm;
using BmoLearning.Ai.Generation.Remote;
using BmoLearning.Ai.Resilience;
using BmoLearning.Core.Data;
using BmoLearning.Host.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BmoLearning.Host.Health;

public sealed record LivenessResponse(string Status, string Service, IReadOnlyList<string> Roles);

public sealed record ReadinessResponse(string Status, string Database, string Redis)
{
    /// <summary>Who writes lessons and the state of its circuit breaker; open means lessons fall back to the offline generator.</summary>
    public AiReadiness? Ai { get; init; }
}

/// <param name="Generator">openai:MODEL, anthropic:MODEL, ai-service or offline.</param>
/// <param name="Circuit">closed | open | half_open | not_configured.</param>
public sealed record AiReadiness(string Generator, string Circuit);

public static class HealthEndpoints
{
    /// <summary>
    /// /health is liveness only and touches no database, so load-balancer checks never keep an
    /// auto-pausing Aurora cluster awake. /api/v1/health is readiness and does check dependencies.
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app, Roles roles)
    {
        // The seed's AI service answered {"status":"healthy","service":"ai-service"}; keep that wherever the AI role runs.
        var service = roles.HasFlag(Roles.Ai) ? "ai-service" : roles.HasFlag(Roles.Api) ? "api" : "worker";
        var liveness = new LivenessResponse("healthy", service, RoleNames.Names(roles));
        app.MapGet("/health", () => TypedResults.Ok(liveness)).WithTags("Health").AllowAnonymous().WithName("Liveness");
        return app;
    }

    public static RouteGroupBuilder MapReadiness(this RouteGroupBuilder api)
    {
        api.MapGet("/health", ReadinessAsync).WithTags("Health").AllowAnonymous().WithName("Readiness");
        return api;
    }

    public static async Task<IResult> ReadinessAsync(
        AppDbContext db, IOptions<AiServiceOptions> aiService, LlmChat chat, CircuitMonitor circuits, ILogger<ReadinessResponse> logger, CancellationToken ct)
    {
        var database = await CanQueryAsync(db, logger, ct) ? "connected" : "disconnected";
        // An open circuit degrades lessons (offline fallback) but does not make the API unready.
        var ai = aiService.Value.IsRemote ? new AiReadiness(RemoteLessonGenerator.GeneratorName, circuits.StateOf(RemoteLessonGenerator.HttpClientName))
            : chat.IsConfigured ? new AiReadiness(chat.Describe(), circuits.StateOf(LlmChatFactory.HttpClientName))
            : new AiReadiness("offline", "not_configured");
        var body = new ReadinessResponse(database == "connected" ? "ok" : "unavailable", database, "not_configured") { Ai = ai };
        return database == "connected" ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<bool> CanQueryAsync(AppDbContext db, ILogger logger, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            // A query on a table, not just "SELECT 1": an empty or missing SQLite file must not pass.
            await db.Database.ExecuteSqlRawAsync("SELECT 1 FROM \"__EFMigrationsHistory\" LIMIT 1", timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning("Readiness: database check failed ({Error})", ex.GetType().Name);
            return false;
        }
    }
}
