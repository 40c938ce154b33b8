using System.Diagnostics.Metrics;
using BmoLearning.Ai.Generation.Llm;
using BmoLearning.Ai.Generation.Remote;
using BmoLearning.Ai.Resilience;
using BmoLearning.Core.Telemetry;
using BmoLearning.Host.Hosting;
using Hangfire;

namespace BmoLearning.Host.Telemetry;

/// <summary>
/// Gauges read when a metric reader collects (once per export interval, never per request): the AI circuit
/// breakers' state in every role, and, in the worker role, the number of jobs waiting in the queue. A Meter of
/// this host's own (same name as the app's), so two hosts in one process never read each other's state.
/// </summary>
internal sealed class TelemetryGauges(IServiceProvider services, RoleSelection roles, ILogger<TelemetryGauges> logger) : IHostedService, IDisposable
{
    private static readonly string[] Circuits = [RemoteLessonGenerator.HttpClientName, LlmChatFactory.HttpClientName];

    private Meter? _meter;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _meter = new Meter(BmoTelemetry.Name, "1.0.0");
        var monitor = services.GetRequiredService<CircuitMonitor>();
        _meter.CreateObservableGauge("bmo.ai.breaker.state", () => Circuits.Select(name =>
            new Measurement<int>(StateValue(monitor.StateOf(name)), new KeyValuePair<string, object?>("circuit", name))),
            unit: "{state}", description: "AI circuit breaker: 0 closed, 1 half-open, 2 open or isolated");
        if (roles.Roles.HasFlag(Roles.Worker))
        {
            var storage = services.GetRequiredService<JobStorage>();
            _meter.CreateObservableGauge("bmo.jobs.queue_depth", () => QueueDepth(storage), unit: "{job}",
                description: "Jobs enqueued and not yet started");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _meter?.Dispose();
        _meter = null;
    }

    private static int StateValue(string state) => state switch
    {
        "half_open" => 1,
        "open" or "isolated" => 2,
        _ => 0,
    };

    /// <summary>No measurement (rather than a wrong zero) when the job storage cannot be read.</summary>
    private IEnumerable<Measurement<long>> QueueDepth(JobStorage storage)
    {
        long depth;
        try
        {
            depth = storage.GetMonitoringApi().Queues().Sum(q => q.Length);
        }
        catch (Exception ex)
        {
            logger.LogWarning("Could not read the job queue depth ({Error})", ex.GetType().Name);
            return [];
        }

        return [new Measurement<long>(depth)];
    }
}
