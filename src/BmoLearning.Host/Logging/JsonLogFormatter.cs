using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace BmoLearning.Host.Logging;

/// <summary>
/// The container log format (`Logging:Console:FormatterName=bmo-json`, set by the Dockerfile): one flat JSON object
/// per line with the fields the saved Logs Insights queries and docs/runbooks/queries.md use — timestamp, level,
/// event, category, message, trace_id, span_id, then the message's values as snake_case fields (route, status,
/// duration_ms, generator, reason, channel, attempt...), and the exception as type, message and stack.
/// Scopes are left out on purpose: ASP.NET Core's request scope carries the raw path, which may hold a lesson-link
/// token. Email addresses and phone numbers in any text are replaced (<see cref="LogScrubber"/>).
/// </summary>
public sealed class JsonLogFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "bmo-json";

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "timestamp", "level", "event", "event_id", "category", "message", "trace_id", "span_id", "exception",
    };

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("level", Level(logEntry.LogLevel));
            if (logEntry.EventId.Name is { Length: > 0 } name)
            {
                json.WriteString("event", name);
            }

            if (logEntry.EventId.Id != 0)
            {
                json.WriteNumber("event_id", logEntry.EventId.Id);
            }

            json.WriteString("category", logEntry.Category);
            json.WriteString("message", LogScrubber.Scrub(message ?? string.Empty));
            if (Activity.Current is { } activity)
            {
                json.WriteString("trace_id", activity.TraceId.ToHexString());
                json.WriteString("span_id", activity.SpanId.ToHexString());
            }

            if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    if (key == "{OriginalFormat}")
                    {
                        continue;
                    }

                    var field = JsonNamingPolicy.SnakeCaseLower.ConvertName(key);
                    WriteValue(json, Reserved.Contains(field) ? "field_" + field : field, value);
                }
            }

            if (logEntry.Exception is { } exception)
            {
                json.WriteStartObject("exception");
                json.WriteString("type", exception.GetType().FullName);
                json.WriteString("message", LogScrubber.Scrub(exception.Message));
                json.WriteString("stack", LogScrubber.Scrub(exception.ToString()));
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        textWriter.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        textWriter.Write('\n');
    }

    private static void WriteValue(Utf8JsonWriter json, string field, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(field);
                break;
            case bool b:
                json.WriteBoolean(field, b);
                break;
            case int or long or short or byte or uint or ulong or ushort:
                json.WriteNumber(field, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case double d when double.IsFinite(d):
                json.WriteNumber(field, Math.Round(d, 3));
                break;
            case float f when float.IsFinite(f):
                json.WriteNumber(field, Math.Round(f, 3));
                break;
            case decimal m:
                json.WriteNumber(field, m);
                break;
            case TimeSpan span:
                json.WriteNumber(field + "_ms", Math.Round(span.TotalMilliseconds, 3));
                break;
            case DateTimeOffset at:
                json.WriteString(field, at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateTime at:
                json.WriteString(field, at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
                break;
            case Guid id:
                json.WriteString(field, id.ToString("D"));
                break;
            case Enum e:
                json.WriteString(field, JsonNamingPolicy.SnakeCaseLower.ConvertName(e.ToString()));
                break;
            default:
                json.WriteString(field, LogScrubber.Scrub(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty));
                break;
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "error",
        LogLevel.Critical => "critical",
        _ => "none",
    };
}
