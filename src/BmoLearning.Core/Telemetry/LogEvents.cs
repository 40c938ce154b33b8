using Microsoft.Extensions.Logging;

namespace BmoLearning.Core.Telemetry;

/// <summary>
/// The named log events the saved Logs Insights queries filter on (`event = "..."`, infrastructure/terraform/modules/
/// observability): the JSON log formatter writes the name as the line's `event` field and the message's values as
/// snake_case fields. Renaming one breaks a saved query, so the names are kept here and in docs/runbooks/queries.md.
/// </summary>
public static class LogEvents
{
    /// <summary>One line per HTTP request: method, route (the template, never the raw path), status, duration_ms.</summary>
    public static readonly EventId HttpRequest = new(1000, "http.request");

    /// <summary>A lesson written by the offline generator because the preferred one failed: generator, reason (a class), detail.</summary>
    public static readonly EventId LessonFallback = new(1001, "lesson.fallback");

    /// <summary>A send that failed on a channel: channel, reason (the outcome), attempt, final (no retry follows), error.</summary>
    public static readonly EventId DeliveryFailed = new(1002, "delivery.failed");
}
