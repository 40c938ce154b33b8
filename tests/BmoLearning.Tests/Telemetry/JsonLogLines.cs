using System.Collections.Concurrent;
using System.Text.Json;
using BmoLearning.Host.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BmoLearning.Tests.Telemetry;

/// <summary>Every log line a host writes, as the container's <see cref="JsonLogFormatter"/> would print it, parsed back.</summary>
public sealed class JsonLogLines : ILoggerProvider
{
    private readonly JsonLogFormatter _formatter = new();
    private readonly ConcurrentQueue<string> _raw = new();

    public IReadOnlyList<string> Raw => [.. _raw];

    public IReadOnlyList<JsonElement> Lines => [.. _raw.Select(line => JsonDocument.Parse(line).RootElement)];

    public IReadOnlyList<JsonElement> Events(string name) =>
        [.. Lines.Where(l => l.TryGetProperty("event", out var e) && e.GetString() == name)];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(JsonLogLines owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            using var writer = new StringWriter();
            owner._formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), null, writer);
            foreach (var line in writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                owner._raw.Enqueue(line);
            }
        }
    }
}
