namespace BmoLearning.Host.Telemetry;

/// <summary>
/// Telemetry settings (section Telemetry). OpenTelemetry runs when OTEL_EXPORTER_OTLP_ENDPOINT is set (OTLP
/// export), when Telemetry:Emf is true (CloudWatch embedded metric format on stdout, ADR 0002), or when
/// Telemetry:Enabled is true (tests attach their own exporter); otherwise nothing is registered at all.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public bool Enabled { get; set; }

    /// <summary>Write one `http.request` log line per request (the container image turns it on; see Logging/RequestLog).</summary>
    public bool RequestLog { get; set; }

    /// <summary>Write the dashboard's metrics as CloudWatch EMF JSON lines on stdout (the default on AWS without the collector).</summary>
    public bool Emf { get; set; }

    /// <summary>CloudWatch namespace of the EMF metrics: `project/environment`.</summary>
    public string MetricsNamespace { get; set; } = "bmo-learning/local";

    /// <summary>How often EMF lines are written (CloudWatch's resolution is a minute).</summary>
    public int EmfIntervalSeconds { get; set; } = 60;
}
