using System.Security.Claims;
using BmoLearning.Core.Governance.Audit;
using BmoLearning.Host.Auth;

namespace BmoLearning.Host.Governance;

/// <summary>
/// Records every successful change made through /api/v1 (uploads, deletions, enrolments, learners, keys...) and every
/// learner export in the audit chain: who (the key's digest id, never the key), which endpoint, which subject id.
/// Request bodies are never recorded, so the chain holds no personal data to erase later.
/// Learners' own acts (answering a question, asking for a lesson) are not administrative acts: the issue lists admin
/// acts and lesson decisions, and the lesson decision is recorded as lesson.generated. Answers are the hot path, and an
/// append serialises on one lock across every process.
/// </summary>
public static class AdministrativeActsAudit
{
    /// <summary>Endpoints through which learners (or the integrations acting for them) learn; never audited.</summary>
    public static readonly IReadOnlySet<string> LearnerActs = new HashSet<string>(StringComparer.Ordinal)
    {
        "CreateQuizResponse",
        "RequestLesson",
    };

    public static IApplicationBuilder UseAdministrativeActsAudit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            await next(context);
            if (ShouldAudit(context) is not { } action)
            {
                return;
            }

            var user = context.User;
            var actor = $"key:{user.FindFirstValue(Scopes.KeyIdClaimType)}";
            // The subject: the id in the route, or for a creation the new resource's id (the Location's last segment).
            var routeId = context.Request.RouteValues.TryGetValue("id", out var id) ? id?.ToString()
                : context.Response.Headers.Location.ToString() is { Length: > 0 } location ? location.Split('?')[0].TrimEnd('/').Split('/')[^1] : null;
            var data = new
            {
                method = context.Request.Method,
                route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText,
                status = context.Response.StatusCode,
                scope = user.FindFirstValue(Scopes.ClaimType),
            };
            try
            {
                await context.RequestServices.GetRequiredService<AuditLog>()
                    .AppendAsync(actor, action, subjectType: null, routeId, data, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The act already happened; a missing record must be loud for operators (the chain itself stays valid).
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdministrativeActsAudit))
                    .LogError(ex, "Audit entry {Action} could not be written", action);
            }
        });

    /// <summary>The endpoint's name (e.g. DeleteDocument) for an audited, successful request; null otherwise.</summary>
    private static string? ShouldAudit(HttpContext context)
    {
        if (context.Response.StatusCode is < 200 or >= 300
            || context.User.Identity?.IsAuthenticated != true
            || context.User.HasClaim(Scopes.ClaimType, Scopes.AiService)
            || !context.Request.Path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var name = context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        if (name is not null && LearnerActs.Contains(name))
        {
            return null;
        }

        var changes = !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method);
        var isExport = context.Request.Path.Value?.EndsWith("/export", StringComparison.OrdinalIgnoreCase) == true;
        return changes || isExport ? name ?? $"{context.Request.Method} {context.Request.Path}" : null;
    }
}
