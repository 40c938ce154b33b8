using System.Text.Json;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace BmoLearning.Host.Telemetry;

/// <summary>
/// Writes the dashboard's metrics (docs/runbooks/metrics.md) as one CloudWatch embedded-metric-format JSON line
/// per export, on stdout, where the awslogs driver ships it and CloudWatch extracts the metrics (ADR 0002: the
/// default on AWS, no collector sidecar). Every other instrument is ignored, and tags are summed away: each
/// name is exactly one custom metric with no dimensions (breakdowns come from the logs). Needs delta temporality.
/// </summary>
public sealed class EmfMetricExporter(TextWriter output, string metricsNamespace) : BaseExporter<Metric>
{
    /// <summary>The names the Terraform dashboard and alarms read, with their CloudWatch units.</summary>
    public static readonly IReadOnlyDictionary<string, string> Exported = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["bmo.lesson.generation.duration"] = "Seconds",
        ["bmo.lesson.generations"] = "Count",
        ["bmo.lesson.fallbacks"] = "Count",
        ["bmo.jobs.queue_depth"] = "Count",
        ["bmo.jobs.failures"] = "Count",
        ["bmo.delivery.failures"] = "Count",
        ["bmo.llm.cost"] = "None",
    };

    public override ExportResult Export(in Batch<Metric> batch)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var metric in batch)
        {
            if (Exported.ContainsKey(metric.Name) && Value(metric) is { } value)
            {
                values[metric.Name] = value;
            }
        }

        if (values.Count == 0)
        {
            return ExportResult.Success;
        }

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", metricsNamespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            foreach (var name in values.Keys)
            {
                json.WriteStartObject();
                json.WriteString("Name", name);
                json.WriteString("Unit", Exported[name]);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            foreach (var (name, value) in values)
            {
                json.WritePropertyName(name);
                JsonSerializer.Serialize(json, value);
            }

            json.WriteEndObject();
        }

        lock (output)
        {
            output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            output.Flush();
        }

        return ExportResult.Success;
    }

    /// <summary>The metric summed over its tags: a number, or for a histogram the distribution (Values/Counts).</summary>
    private static object? Value(Metric metric)
    {
        double sum = 0;
        var any = false;
        var histogram = new SortedDictionary<double, long>();
        double min = double.MaxValue, max = double.MinValue, histogramSum = 0;
        long count = 0;
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            switch (metric.MetricType)
            {
                case MetricType.LongSum or MetricType.LongSumNonMonotonic:
                    sum += point.GetSumLong();
                    any = true;
                    break;
                case MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic:
                    sum += point.GetSumDouble();
                    any = true;
                    break;
                case MetricType.LongGauge:
                    sum += point.GetGaugeLastValueLong();
                    any = true;
                    break;
                case MetricType.DoubleGauge:
                    sum += point.GetGaugeLastValueDouble();
                    any = true;
                    break;
                case MetricType.Histogram:
                    if (point.GetHistogramCount() == 0)
                    {
                        break;
                    }

                    any = true;
                    count += point.GetHistogramCount();
                    histogramSum += point.GetHistogramSum();
                    if (point.TryGetHistogramMinMaxValues(out var pointMin, out var pointMax))
                    {
                        min = Math.Min(min, pointMin);
                        max = Math.Max(max, pointMax);
                    }

                    // Each bucket as its midpoint (the open top bucket as the largest value seen).
                    var lower = 0.0;
                    foreach (var bucket in point.GetHistogramBuckets())
                    {
                        if (bucket.BucketCount > 0)
                        {
                            var upper = double.IsPositiveInfinity(bucket.ExplicitBound) ? Math.Max(lower, max) : bucket.ExplicitBound;
                            var mid = Math.Round((lower + upper) / 2, 6);
                            histogram[mid] = histogram.GetValueOrDefault(mid) + bucket.BucketCount;
                        }

                        lower = bucket.ExplicitBound;
                    }

                    break;
            }
        }

        if (!any)
        {
            return null;
        }

        if (metric.MetricType != MetricType.Histogram)
        {
            return sum;
        }

        return new Dictionary<string, object>
        {
            ["Values"] = histogram.Keys.ToArray(),
            ["Counts"] = histogram.Values.ToArray(),
            ["Max"] = max == double.MinValue ? histogramSum : max,
            ["Min"] = min == double.MaxValue ? 0 : min,
            ["Count"] = count,
            ["Sum"] = histogramSum,
        };
    }
}
