using System.Diagnostics;
using BmoLearning.Core.Telemetry;
using BmoLearning.Host.Telemetry;
using Microsoft.Extensions.Options;

namespace BmoLearning.Host.Logging;

/// <summary>
/// One `http.request` log line per request (Telemetry:RequestLog, on in the container image): method, the route
/// template (never the raw path, which may hold ids or a lesson-link token), status and duration_ms — what the saved
/// errors-by-route and slow-requests queries read. Off by default so a laptop's console stays quiet.
/// </summary>
public static class RequestLog
{
    public const string Category = "BmoLearning.Http.Requests";

    public static WebApplication UseRequestLog(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.RequestLog)
        {
            return app;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        app.Use(async (context, next) =>
        {
            // WebApplication routes before the first middleware runs, so the route is known here; it is read
            // before the request goes on because the exception handler clears the endpoint to re-execute.
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                Write(logger, context.Request.Method, route is null ? "(unmatched)" : "/" + route.Trim('/'),
                    context.Response.StatusCode, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2), null);
            }
        });
        return app;
    }

    // Defined from LogEvents.HttpRequest so the event's id and name live in one place (the saved queries use the name).
    private static readonly Action<ILogger, string, string, int, double, Exception?> Write = LoggerMessage.Define<string, string, int, double>(
        LogLevel.Information, LogEvents.HttpRequest, "{Method} {Route} responded {Status} in {DurationMs} ms");
}
