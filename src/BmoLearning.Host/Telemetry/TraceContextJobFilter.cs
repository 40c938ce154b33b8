using System.Diagnostics;
using BmoLearning.Core.Telemetry;
using Hangfire.Client;
using Hangfire.Server;

namespace BmoLearning.Host.Telemetry;

/// <summary>
/// Carries W3C trace context through the job queue: the enqueuing request's traceparent is stored as a job
/// parameter, and the worker runs the job inside a span whose parent it is, so api → queue → worker → AI role
/// is one trace. Also counts failed executions (bmo.jobs.failures). Stateless: one instance serves every host.
/// </summary>
public sealed class TraceContextJobFilter : IClientFilter, IServerFilter
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";
    private const string ActivityKey = "bmo.activity";
    private static readonly Lock Registration = new();

    /// <summary>Adds the filter to Hangfire's global filters unless it is there (several hosts may start at once in one process).</summary>
    public static void RegisterOnce()
    {
        lock (Registration)
        {
            if (!Hangfire.GlobalJobFilters.Filters.Any(f => f.Instance is TraceContextJobFilter))
            {
                Hangfire.GlobalJobFilters.Filters.Add(new TraceContextJobFilter());
            }
        }
    }

    public void OnCreating(CreatingContext context)
    {
        if (Activity.Current is { } current)
        {
            context.SetJobParameter(TraceParent, current.Id);
            if (!string.IsNullOrEmpty(current.TraceStateString))
            {
                context.SetJobParameter(TraceState, current.TraceStateString);
            }
        }
    }

    public void OnCreated(CreatedContext context)
    {
    }

    public void OnPerforming(PerformingContext context)
    {
        var job = JobName(context.BackgroundJob.Job);
        ActivityContext.TryParse(context.GetJobParameter<string>(TraceParent), context.GetJobParameter<string>(TraceState), out var parent);
        var activity = BmoTelemetry.Source.StartActivity($"job {job}", ActivityKind.Consumer, parent);
        if (activity is not null)
        {
            activity.SetTag("messaging.system", "hangfire");
            activity.SetTag("messaging.operation.type", "process");
            activity.SetTag("bmo.job", job);
            activity.SetTag("bmo.job.id", context.BackgroundJob.Id);
            context.Items[ActivityKey] = activity;
        }
    }

    public void OnPerformed(PerformedContext context)
    {
        var activity = context.Items.TryGetValue(ActivityKey, out var value) ? value as Activity : null;
        if (context.Exception is { } ex && !context.ExceptionHandled)
        {
            BmoTelemetry.JobFailures.Add(1, new KeyValuePair<string, object?>("job", JobName(context.BackgroundJob.Job)));
            activity.RecordFailure(ex is Hangfire.Server.JobPerformanceException { InnerException: { } inner } ? inner : ex);
        }

        activity?.Dispose();
    }

    private static string JobName(Hangfire.Common.Job? job) => job is null ? "unknown" : $"{job.Type.Name}.{job.Method.Name}";
}
