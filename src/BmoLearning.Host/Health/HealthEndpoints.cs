using Microsoft.AspNetCore.Http.HttpResults;
using BmoLearning.Ai.Generation.Llm;
using BmoLearning.Ai.Generation.Remote;
using BmoLearning.Ai.Resilience;
using BmoLearning.Core.Data;
using BmoLearning.Host.Hosting;
using BmoLearning.Host.Redis;
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
    public const string Connected = "connected";
    public const string Disconnected = "disconnected";
    public const string NotConfigured = "not_configured";

    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// /health is liveness only and touches no database, so load-balancer checks never keep an
    /// auto-pausing Aurora cluster awake. /api/v1/health is readiness and does check dependencies.
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app, Roles roles)
    {
        // The reference system's AI service answered {"status":"healthy","service":"ai-service"}; keep that wherever the AI role runs.
        var service = roles.HasFlag(Roles.Ai) ? "ai-service" : roles.HasFlag(Roles.Api) ? "api" : "worker";
        var liveness = new LivenessResponse("healthy", service, RoleNames.Names(roles));
        app.MapGet("/health", () => TypedResults.Ok(liveness)).WithTags("Health").AllowAnonymous().WithName("Liveness");
        return app;
    }

    public static RouteGroupBuilder MapReadiness(this RouteGroupBuilder api)
    {
        api.MapGet("/health", ReadinessAsync).WithTags("Health").AllowAnonymous().WithName("Readiness")
            .Produces<ReadinessResponse>(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    /// <summary>200 when every configured dependency answers; 503 naming the one that does not.</summary>
    public static async Task<Results<Ok<ReadinessResponse>, JsonHttpResult<ReadinessResponse>>> ReadinessAsync(
        AppDbContext db, RedisConnection redis, IOptions<AiServiceOptions> aiService, LlmChat chat, CircuitMonitor circuits,
        ILogger<ReadinessResponse> logger, CancellationToken ct)
    {
        var databaseCheck = CanQueryAsync(db, logger, ct);
        var redisCheck = redis.IsConfigured ? redis.PingAsync(ct) : Task.FromResult(true);
        var database = await databaseCheck ? Connected : Disconnected;
        var redisStatus = !redis.IsConfigured ? NotConfigured : await redisCheck ? Connected : Disconnected;
        var ready = database == Connected && redisStatus != Disconnected;
        // An open circuit degrades lessons (offline fallback) but does not make the API unready.
        var ai = aiService.Value.IsRemote ? new AiReadiness(RemoteLessonGenerator.GeneratorName, circuits.StateOf(RemoteLessonGenerator.HttpClientName))
            : chat.IsConfigured ? new AiReadiness(chat.Describe(), circuits.StateOf(LlmChatFactory.HttpClientName))
            : new AiReadiness("offline", NotConfigured);
        var body = new ReadinessResponse(ready ? "ok" : "unavailable", database, redisStatus) { Ai = ai };
        return ready ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<bool> CanQueryAsync(AppDbContext db, ILogger logger, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            // A query on a table, not just "SELECT 1": an empty database or a missing SQLite file must not pass.
            // Not through the execution strategy: readiness reports now, it does not wait for a recovery.
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync(timeout.Token);
            try
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT 1 FROM \"__EFMigrationsHistory\" LIMIT 1";
                await command.ExecuteScalarAsync(timeout.Token);
                return true;
            }
            finally
            {
                await connection.CloseAsync();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning("Readiness: database check failed ({Error})", ex.GetType().Name);
            return false;
        }
    }
}
