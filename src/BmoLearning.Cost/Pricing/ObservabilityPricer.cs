using System.Text.Json;
using BmoLearning.Cost.Plan;

namespace BmoLearning.Cost.Pricing;

/// <summary>CloudWatch dashboards and custom metrics, X-Ray traces (collector sidecar) and GuardDuty.</summary>
internal static class ObservabilityPricer
{
    public static void Price(PricingContext ctx)
    {
        Dashboards(ctx);
        CustomMetrics(ctx);
        Traces(ctx);
        GuardDuty(ctx);
    }

    private static void Dashboards(PricingContext ctx)
    {
        var dashboards = ctx.Plan.OfType("aws_cloudwatch_dashboard").ToList();
        if (dashboards.Count == 0)
        {
            return;
        }

        var address = PricingContext.GroupAddress(dashboards);
        var plural = dashboards.Count == 1 ? "" : "s";
        if (ctx.Usage.AlwaysFreeTier)
        {
            var billed = Math.Max(0, dashboards.Count - PriceTable.CloudWatchFreeDashboards);
            ctx.FromUsage(address, "CloudWatch", $"{dashboards.Count} dashboard{plural}; the always-free tier covers {PriceTable.CloudWatchFreeDashboards}",
                billed, "dashboard-month", PriceTable.CloudWatchDashboardMonth, "always_free_tier");
        }
        else
        {
            ctx.Items.Add(new CostLineItem(address, "CloudWatch", $"{dashboards.Count} dashboard{plural}; free tier not applied",
                dashboards.Count, "dashboard-month", PriceTable.CloudWatchDashboardMonth, UsageBased: false));
        }

        dashboards.ForEach(ctx.Handled);
    }

    /// <summary>
    /// Metrics outside AWS's own namespaces that the stack reads: each (namespace, name) the app must
    /// emit is one custom metric. Taken from the root output <c>custom_metrics</c> and from every
    /// dashboard body and alarm whose values the plan knows.
    /// </summary>
    private static void CustomMetrics(PricingContext ctx)
    {
        var metrics = new SortedSet<string>(StringComparer.Ordinal);
        if (ctx.Plan.Output("custom_metrics") is { ValueKind: JsonValueKind.Array } listed)
        {
            foreach (var m in listed.EnumerateArray().Where(m => m.ValueKind == JsonValueKind.String))
            {
                metrics.Add(m.GetString()!);
            }
        }

        foreach (var dashboard in ctx.Plan.OfType("aws_cloudwatch_dashboard"))
        {
            if (dashboard.String("dashboard_body") is not { } body)
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(body);
                if (!doc.RootElement.TryGetProperty("widgets", out var widgets) || widgets.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var widget in widgets.EnumerateArray())
                {
                    if (!widget.TryGetProperty("properties", out var props) || !props.TryGetProperty("metrics", out var rows) || rows.ValueKind != JsonValueKind.Array)
                    {
                        continue;
                    }

                    foreach (var row in rows.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Array && r.GetArrayLength() >= 2))
                    {
                        if (row[0].ValueKind == JsonValueKind.String && row[1].ValueKind == JsonValueKind.String)
                        {
                            AddCustom(metrics, row[0].GetString()!, row[1].GetString()!);
                        }
                    }
                }
            }
            catch (JsonException)
            {
                ctx.Problem(dashboard.Address, "dashboard_body is not JSON: its metrics are not counted.");
            }
        }

        foreach (var alarm in ctx.Plan.OfType("aws_cloudwatch_metric_alarm"))
        {
            if (alarm.String("namespace") is { } ns && alarm.String("metric_name") is { } name)
            {
                AddCustom(metrics, ns, name);
            }

            foreach (var query in alarm.List("metric_query"))
            {
                if (query.TryGetProperty("metric", out var m) && m.ValueKind == JsonValueKind.Array)
                {
                    foreach (var metric in m.EnumerateArray())
                    {
                        var mns = PlanResource.AsString(metric.TryGetProperty("namespace", out var a) ? a : null);
                        var mname = PlanResource.AsString(metric.TryGetProperty("metric_name", out var b) ? b : null);
                        if (mns is not null && mname is not null)
                        {
                            AddCustom(metrics, mns, mname);
                        }
                    }
                }
            }
        }

        if (metrics.Count == 0)
        {
            return;
        }

        var namespaces = string.Join(", ", metrics.Select(m => m.Split(' ')[0]).Distinct());
        var description = $"{metrics.Count} custom metric{(metrics.Count == 1 ? "" : "s")} the app emits ({namespaces}), read by the dashboard and alarms";
        if (ctx.Usage.AlwaysFreeTier)
        {
            ctx.FromUsage("custom metrics", "CloudWatch", $"{description}; the always-free tier covers {PriceTable.CloudWatchFreeCustomMetrics}",
                Math.Max(0, metrics.Count - PriceTable.CloudWatchFreeCustomMetrics), "metric-month", PriceTable.CloudWatchCustomMetricMonth, "always_free_tier");
        }
        else
        {
            ctx.Items.Add(new CostLineItem("custom metrics", "CloudWatch", $"{description}; free tier not applied",
                metrics.Count, "metric-month", PriceTable.CloudWatchCustomMetricMonth, UsageBased: false));
        }
    }

    // AWS publishes its own namespaces (AWS/...) for free; Container Insights is reported by OperationsPricer.
    private static void AddCustom(SortedSet<string> metrics, string ns, string name)
    {
        if (!ns.StartsWith("AWS/", StringComparison.Ordinal) && ns != "ECS/ContainerInsights")
        {
            metrics.Add($"{ns} {name}");
        }
    }

    /// <summary>X-Ray traces recorded, when the tasks run the ADOT collector sidecar.</summary>
    private static void Traces(PricingContext ctx)
    {
        if (CollectorShares(ctx.Plan).Count == 0)
        {
            return;
        }

        var traces = ctx.Usage.XRayTracesMillion;
        var free = ctx.Usage.AlwaysFreeTier ? PriceTable.XRayFreeTracesRecordedMillion : 0m;
        ctx.FromUsage("X-Ray (collector sidecar)", "X-Ray",
            free > 0 ? $"traces recorded: {FargatePricer.Fmt(traces)} million; the always-free tier covers {FargatePricer.Fmt(free)} million" : "traces recorded; free tier not applied",
            Math.Max(0, traces - free), "million", PriceTable.XRayTracesRecordedPerMillion, "xray_traces_million");
        if (free > 0)
        {
            ctx.UseKey("always_free_tier");
        }
    }

    /// <summary>By ECS service name: the CPU units and MiB its task grew by for the collector sidecar.</summary>
    internal static Dictionary<string, (decimal Cpu, decimal Memory)> CollectorShares(TerraformPlan plan)
    {
        var result = new Dictionary<string, (decimal, decimal)>(StringComparer.Ordinal);
        if (plan.Output("otel_collector_task_share") is { ValueKind: JsonValueKind.Object } shares)
        {
            foreach (var share in shares.EnumerateObject())
            {
                var cpu = share.Value.TryGetProperty("cpu", out var c) ? PlanResource.AsNumber(c) ?? 0 : 0;
                var memory = share.Value.TryGetProperty("memory", out var m) ? PlanResource.AsNumber(m) ?? 0 : 0;
                if (cpu > 0 || memory > 0)
                {
                    result[share.Name] = (cpu, memory);
                }
            }
        }

        return result;
    }

    private static void GuardDuty(PricingContext ctx)
    {
        var detectors = ctx.Plan.OfType("aws_guardduty_detector").Where(d => d.Bool("enable") != false).ToList();
        foreach (var detector in detectors)
        {
            var usage = ctx.Usage;
            ctx.FromUsage(detector.Address, "GuardDuty", "foundational: CloudTrail management events analysed",
                usage.GuardDutyCloudTrailEventsMillion, "million events", PriceTable.GuardDutyCloudTrailEventsPerMillion, "guardduty_cloudtrail_events_million");
            ctx.FromUsage(detector.Address, "GuardDuty", "foundational: VPC flow logs and DNS query logs analysed",
                usage.GuardDutyFlowDnsLogsGb, "GB", PriceTable.GuardDutyFlowAndDnsLogsGb, "guardduty_flow_dns_logs_gb");
            ctx.Handled(detector);
        }

        foreach (var feature in ctx.Plan.OfType("aws_guardduty_detector_feature"))
        {
            var name = feature.String("name") ?? "?";
            if (feature.String("status") != "ENABLED")
            {
                ctx.Unpriced(feature, UnpricedKind.Free, $"{name} turned off: no charge");
            }
            else if (name == "S3_DATA_EVENTS")
            {
                ctx.FromUsage(feature.Address, "GuardDuty", "S3 Protection: S3 data events analysed",
                    ctx.Usage.GuardDutyS3DataEventsMillion, "million events", PriceTable.GuardDutyS3DataEventsPerMillion, "guardduty_s3_data_events_million");
                ctx.Handled(feature);
            }
            else
            {
                ctx.Unpriced(feature, UnpricedKind.NotInPriceTable, $"GuardDuty {name} is billed and its price is not in the price table");
            }
        }
    }
}
