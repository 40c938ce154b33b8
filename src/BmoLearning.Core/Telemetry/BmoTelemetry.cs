using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace BmoLearning.Core.Telemetry;

/// <summary>
/// The application's own spans and metrics (issue 16). One ActivitySource and one Meter, both named
/// <see cref="Name"/>; nothing is recorded unless an OpenTelemetry provider listens, so with telemetry off the
/// cost is a null check. Metric names are those of docs/runbooks/metrics.md and the Terraform dashboard.
/// Tags never carry learner data, prompts or completions: only generator, channel, outcome, reason class, model.
/// </summary>
public static class BmoTelemetry
{
    public const string Name = "BmoLearning";

    public static readonly ActivitySource Source = new(Name, "1.0.0");

    public static readonly Meter Meter = new(Name, "1.0.0");

    /// <summary>Time to generate one lesson, whatever wrote it (tag generator).</summary>
    public static readonly Histogram<double> GenerationDuration = Meter.CreateHistogram<double>(
        "bmo.lesson.generation.duration", "s", "Time to generate one lesson (retrieval excluded)");

    /// <summary>Lessons generated (tag generator): the denominator of the fallback rate.</summary>
    public static readonly Counter<long> Generations = Meter.CreateCounter<long>("bmo.lesson.generations", "{lesson}", "Lessons generated");

    /// <summary>Lessons the offline generator wrote because the preferred one failed (tags generator, reason).</summary>
    public static readonly Counter<long> Fallbacks = Meter.CreateCounter<long>("bmo.lesson.fallbacks", "{lesson}", "Lessons written by the fallback generator");

    public static readonly Histogram<double> RetrievalDuration = Meter.CreateHistogram<double>(
        "bmo.retrieval.duration", "s", "Time to retrieve the passages for one query");

    /// <summary>Job executions that threw (tag job); each retry counts.</summary>
    public static readonly Counter<long> JobFailures = Meter.CreateCounter<long>("bmo.jobs.failures", "{job}", "Job executions that threw");

    /// <summary>Every send's outcome (tags channel, outcome: sent, retry, failed).</summary>
    public static readonly Counter<long> DeliveryOutcomes = Meter.CreateCounter<long>("bmo.delivery.outcomes", "{send}", "Delivery attempts by outcome");

    /// <summary>Sends that failed on a channel (tag channel); the next channel may still deliver.</summary>
    public static readonly Counter<long> DeliveryFailures = Meter.CreateCounter<long>("bmo.delivery.failures", "{send}", "Sends that failed on a channel");

    /// <summary>Model tokens (tags gen_ai.request.model, gen_ai.token.type = input | output).</summary>
    public static readonly Counter<long> LlmTokens = Meter.CreateCounter<long>("bmo.llm.tokens", "{token}", "Model tokens used");

    /// <summary>Estimated model cost in US dollars (tokens x Ai:Prices), tag gen_ai.request.model.</summary>
    public static readonly Counter<double> LlmCost = Meter.CreateCounter<double>("bmo.llm.cost", "USD", "Estimated model cost");

    /// <summary>Starts an internal span, or returns null when nobody listens (the usual case in tests and with telemetry off).</summary>
    public static Activity? Start(string name, ActivityKind kind = ActivityKind.Internal) => Source.StartActivity(name, kind);

    /// <summary>Marks the span failed with the exception's type only: exception messages can quote input.</summary>
    public static void RecordFailure(this Activity? activity, Exception ex)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
        activity.SetTag("error.type", ex.GetType().FullName);
    }

    /// <summary>A fallback reason reduced to a low-cardinality class for metric tags (the full reason stays on the lesson).</summary>
    public static string ReasonClass(string? reason)
    {
        if (string.IsNullOrEmpty(reason))
        {
            return "unknown";
        }

        var text = reason.ToLowerInvariant();
        return text switch
        {
            _ when text.Contains("circuit", StringComparison.Ordinal) => "circuit_open",
            _ when text.Contains("timed out", StringComparison.Ordinal) || text.Contains("timeout", StringComparison.Ordinal) => "timeout",
            _ when text.Contains("safety", StringComparison.Ordinal) => "safety",
            _ when text.Contains("json", StringComparison.Ordinal) || text.Contains("failed checks", StringComparison.Ordinal) => "invalid_output",
            _ when text.Contains("429", StringComparison.Ordinal) || text.Contains("rate limit", StringComparison.Ordinal) => "rate_limited",
            _ when text.Contains("connection", StringComparison.Ordinal) || text.Contains("refused", StringComparison.Ordinal) => "unreachable",
            _ when text.Contains("401", StringComparison.Ordinal) || text.Contains("403", StringComparison.Ordinal) || text.Contains("unauthorized", StringComparison.Ordinal) => "unauthorized",
            _ when text.Contains("answered 5", StringComparison.Ordinal) || text.Contains(" 50", StringComparison.Ordinal) => "server_error",
            _ => "other",
        };
    }
}
