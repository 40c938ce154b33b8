using System.Collections.Concurrent;
using System.Diagnostics;
using BmoLearning.Core.Telemetry;
using BmoLearning.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace BmoLearning.Tests.Telemetry;

/// <summary>
/// Spans exported by the in-memory exporter. ActivitySources are process-wide, so every host's provider sees
/// every host's spans (and other tests' too): tests pick theirs by trace id, and a span seen twice counts once.
/// </summary>
public sealed class SpanCapture
{
    private readonly ConcurrentDictionary<string, Activity> _spans = new();

    /// <summary>Telemetry on (no OTLP endpoint, no EMF) with this capture as the exporter of the host's real configuration.</summary>
    public BmoAppFactory Attach(BmoAppFactory factory)
    {
        var exported = new SinkList(this);
        return factory.With("Telemetry:Enabled", "true")
            .WithServices(services => services.ConfigureOpenTelemetryTracerProvider(b => b.AddProcessor(new SimpleActivityExportProcessor(exported))));
    }

    /// <summary>A provider of its own for code that runs without a host (the generation harness).</summary>
    public TracerProvider StartProvider(params string[] extraSources) =>
        Sdk.CreateTracerProviderBuilder().AddSource([BmoTelemetry.Name, .. extraSources])
            .AddProcessor(new SimpleActivityExportProcessor(new SinkList(this))).Build()!;

    public IReadOnlyList<Activity> InTrace(ActivityTraceId traceId) =>
        _spans.Values.Where(s => s.TraceId == traceId).OrderBy(s => s.StartTimeUtc).ToList();

    /// <summary>Waits until a span matching <paramref name="match"/> has ended (jobs end after the answer a client polls for).</summary>
    public async Task<Activity> WaitForAsync(Func<Activity, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (_spans.Values.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No matching span; seen: {string.Join(", ", _spans.Values.Select(s => s.DisplayName).Distinct().Take(40))}");
    }

    /// <summary>Every string a span carries: its name, attribute values, event names and event attributes.</summary>
    public static IEnumerable<string> Texts(Activity span) =>
        new[] { span.DisplayName, span.StatusDescription ?? string.Empty }
            .Concat(span.TagObjects.Select(t => $"{t.Key}={Flatten(t.Value)}"))
            .Concat(span.Events.SelectMany(e => e.Tags.Select(t => $"{t.Key}={Flatten(t.Value)}").Append(e.Name)))
            .Concat(span.Baggage.Select(b => $"{b.Key}={b.Value}"));

    private static string Flatten(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        System.Collections.IEnumerable items => string.Join(",", items.Cast<object?>()),
        _ => value.ToString() ?? string.Empty,
    };

    private sealed class SinkList(SpanCapture capture) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            foreach (var span in batch)
            {
                capture._spans.TryAdd($"{span.TraceId}/{span.SpanId}", span);
            }

            return ExportResult.Success;
        }
    }
}
