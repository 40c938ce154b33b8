using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using BmoLearning.Host.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace BmoLearning.Tests.Telemetry;

/// <summary>The default on AWS (ADR 0002): the dashboard's metrics as CloudWatch EMF lines, one custom metric per name.</summary>
public sealed class EmfExporterTests
{
    [Fact]
    public void Each_export_is_one_emf_line_with_the_dashboards_metrics_summed_over_their_tags()
    {
        using var meter = new Meter($"BmoLearning.Tests.Emf.{Guid.NewGuid():N}");
        var generations = meter.CreateCounter<long>("bmo.lesson.generations");
        var duration = meter.CreateHistogram<double>("bmo.lesson.generation.duration", "s");
        var cost = meter.CreateCounter<double>("bmo.llm.cost");
        var other = meter.CreateCounter<long>("bmo.not.on.the.dashboard");
        var output = new StringWriter();
        var reader = new PeriodicExportingMetricReader(new EmfMetricExporter(output, "bmo-learning/test"), exportIntervalMilliseconds: 3_600_000)
        {
            TemporalityPreference = MetricReaderTemporalityPreference.Delta,
        };
        using var provider = Sdk.CreateMeterProviderBuilder().AddMeter(meter.Name).AddReader(reader).Build()!;

        generations.Add(2, new KeyValuePair<string, object?>("generator", "llm"));
        generations.Add(1, new KeyValuePair<string, object?>("generator", "offline-fallback"));
        foreach (var seconds in new[] { 0.3, 1.2, 1.4 })
        {
            duration.Record(seconds);
        }

        cost.Add(0.0015);
        other.Add(5);
        provider.ForceFlush();

        var line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var json = JsonNode.Parse(line)!.AsObject();
        var directive = json["_aws"]!["CloudWatchMetrics"]![0]!;
        Assert.Equal("bmo-learning/test", (string?)directive["Namespace"]);
        Assert.Empty(directive["Dimensions"]![0]!.AsArray());
        var names = directive["Metrics"]!.AsArray().Select(m => (string)m!["Name"]!).Order().ToList();
        Assert.Equal(["bmo.lesson.generation.duration", "bmo.lesson.generations", "bmo.llm.cost"], names);
        Assert.False(json.ContainsKey("bmo.not.on.the.dashboard"));
        Assert.Equal(3, (double)json["bmo.lesson.generations"]!);
        Assert.Equal(0.0015, (double)json["bmo.llm.cost"]!, 6);
        var histogram = json["bmo.lesson.generation.duration"]!;
        Assert.Equal(3, (long)histogram["Count"]!);
        Assert.Equal(2.9, (double)histogram["Sum"]!, 6);
        Assert.Equal(3, histogram["Counts"]!.AsArray().Sum(c => (long)c!));
        Assert.Equal(1.4, (double)histogram["Max"]!, 6);

        // Delta temporality: the next line counts only what happened since.
        output.GetStringBuilder().Clear();
        generations.Add(1);
        provider.ForceFlush();
        Assert.Equal(1, (double)JsonNode.Parse(output.ToString())!["bmo.lesson.generations"]!);
    }
}
