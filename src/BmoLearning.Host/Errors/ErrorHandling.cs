using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;

namespace BmoLearning.Host.Errors;

public static class ErrorHandling
{
    /// <summary>Every error is RFC 9457 ProblemDetails with a stable type; never a stack trace.</summary>
    public static IServiceCollection AddBmoProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            context.ProblemDetails.Type ??= $"https://httpstatuses.io/{status}";
            context.ProblemDetails.Instance ??= LogRedaction.Path(context.HttpContext.Request.Path);
            context.ProblemDetails.Extensions.Remove("exception");
            context.ProblemDetails.Extensions["trace_id"] = context.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<DependencyUnavailableExceptionHandler>();
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        // Malformed bodies throw instead of returning a bare 400, so the handler above can explain them.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }
}

/// <summary>Malformed JSON, a missing body or a wrong content type: 400/415 with the reason.</summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    [System.Text.RegularExpressions.GeneratedRegex("^Failed to bind parameter \"(?<type>[\\w.?<>]+) (?<name>\\w+)\" from \"", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex UnboundParameter();

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        // A query or route value that does not fit its type (page=99999999999, k=abc) is a field error, not a bad request.
        if (UnboundParameter().Match(badRequest.Message) is { Success: true } unbound)
        {
            var field = JsonNamingPolicy.SnakeCaseLower.ConvertName(unbound.Groups["name"].Value);
            var type = unbound.Groups["type"].Value.TrimEnd('?');
            var reason = type is "int" or "long" or "Int32" or "Int64" ? "must be a whole number in the allowed range."
                : type is "double" or "decimal" or "float" ? "must be a number."
                : type is "bool" or "Boolean" ? "must be true or false."
                : type is "Guid" ? "must be a UUID."
                : $"is not a valid {type}.";
            httpContext.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [reason] })
                {
                    Status = StatusCodes.Status422UnprocessableEntity,
                    Title = "Validation failed",
                    Detail = $"One or more fields are invalid: {field}.",
                    Type = "https://httpstatuses.io/422",
                },
            });
        }

        var detail = badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? "The request body is larger than this route accepts."
            : badRequest.InnerException is JsonException json
            ? $"The request body is not valid JSON{(json.Path is null ? string.Empty : $" (at {json.Path})")}."
            : badRequest.StatusCode == StatusCodes.Status415UnsupportedMediaType
                ? "Send the request body as application/json."
                : badRequest.Message.Contains("body", StringComparison.OrdinalIgnoreCase)
                    ? "The request body is missing or unreadable."
                    : badRequest.Message;
        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = badRequest.StatusCode, Title = "Bad request", Detail = detail },
            Exception = exception,
        });
    }
}

/// <summary>
/// The database or Redis is unreachable (down, failing over, resuming from pause): 503 with Retry-After,
/// so clients and load balancers retry instead of treating it as a bug.
/// </summary>
internal sealed class DependencyUnavailableExceptionHandler(IProblemDetailsService problems, ILogger<DependencyUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsDependencyOutage(exception))
        {
            return false;
        }

        logger.LogWarning("Dependency unavailable on {Method} {Path} ({Error})", httpContext.Request.Method, LogRedaction.Path(httpContext.Request.Path), exception.GetType().Name);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                Detail = "A dependency (database or cache) is unreachable right now. Retry shortly.",
            },
        });
    }

    public static bool IsDependencyOutage(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is Npgsql.NpgsqlException { IsTransient: true }
                or Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException
                or StackExchange.Redis.RedisConnectionException
                or StackExchange.Redis.RedisTimeoutException
                or System.Net.Sockets.SocketException
                or Hangfire.BackgroundJobClientException)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Anything unexpected: logged with its stack trace, answered with a 500 that carries only a trace id.</summary>
internal sealed class UnhandledExceptionHandler(IProblemDetailsService problems, ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, LogRedaction.Path(httpContext.Request.Path));
        httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Internal error",
                Detail = "Something went wrong on our side. Quote the trace_id when reporting it.",
            },
        });
    }
}
