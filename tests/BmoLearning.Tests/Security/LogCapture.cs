using System.Collections.Concurrent;
using BmoLearning.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BmoLearning.Tests.Security;

/// <summary>
/// Collects every log line a test host writes (message, properties and exception text, at the levels the host's
/// configuration lets through), so a test can assert that no secret or personal data reached the logs.
/// Use: <c>var logs = LogCapture.Attach(factory);</c> then <c>logs.AssertNone(token, adminKey, email)</c>.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public static LogCapture Attach(BmoAppFactory factory)
    {
        var capture = new LogCapture();
        factory.WithServices(services => services.AddSingleton<ILoggerProvider>(capture));
        return capture;
    }

    /// <summary>Fails naming the first line that contains any of the secrets (which are never printed themselves).</summary>
    public void AssertNone(params string?[] secrets)
    {
        foreach (var secret in secrets.Where(s => !string.IsNullOrEmpty(s)))
        {
            var leaked = _lines.FirstOrDefault(l => l.Contains(secret!, StringComparison.OrdinalIgnoreCase));
            Assert.True(leaked is null, $"A log line holds a secret of {secret!.Length} characters: {leaked?.Replace(secret, "<secret>", StringComparison.OrdinalIgnoreCase)}");
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {properties} {exception}");
        }
    }
}
