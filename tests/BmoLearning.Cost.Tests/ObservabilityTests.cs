using System.Text.Json;

namespace BmoLearning.Cost.Tests;

/// <summary>Dashboards, custom metrics, alarms, X-Ray, GuardDuty and the collector sidecar's share.</summary>
public sealed class ObservabilityTests
{
    private const string Dashboard = """
        {"widgets":[
          {"type":"metric","properties":{"metrics":[
            ["AWS/ApplicationELB","TargetResponseTime","LoadBalancer","app/x/1",{"stat":"p95"}],
            [{"expression":"100*m2/m1","id":"e1"}],
            ["bmo-learning/prod","bmo.lesson.generations",{"id":"m1"}],
            ["bmo-learning/prod","bmo.lesson.fallbacks",{"id":"m2"}]]}},
          {"type":"metric","properties":{"metrics":[["bmo-learning/prod","bmo.llm.cost"]]}}]}
        """;

    private static JsonDocument Plan(string resources, string outputs = "{}") => JsonDocument.Parse($$"""
        {
          "format_version": "1.2",
          "variables": { "region": { "value": "us-east-2" } },
          "planned_values": { "outputs": {{outputs}}, "root_module": { "resources": [ {{resources}} ] } }
        }
        """);

    private static string Resource(string type, string name, object values) =>
        $$"""{ "address": "{{type}}.{{name}}", "mode": "managed", "type": "{{type}}", "name": "{{name}}", "values": {{JsonSerializer.Serialize(values)}} }""";

    private static CostReport Estimate(JsonDocument plan, bool freeTier = false)
    {
        using (plan)
        {
            return CostEstimator.Estimate(plan, UsageAssumptions.Default with { AlwaysFreeTier = freeTier });
        }
    }

    [Fact]
    public void Dashboard_costs_three_dollars_at_list_price_and_nothing_within_the_free_tier()
    {
        var dashboard = Resource("aws_cloudwatch_dashboard", "this", new { dashboard_name = "d", dashboard_body = Dashboard });

        var list = Estimate(Plan(dashboard));
        var free = Estimate(Plan(dashboard), freeTier: true);

        var listLine = list.LineItems.Single(i => i.Unit == "dashboard-month");
        Assert.Equal(1m, listLine.Quantity);
        Assert.Equal(3.00m, listLine.Monthly);
        Assert.False(listLine.UsageBased);
        var freeLine = free.LineItems.Single(i => i.Unit == "dashboard-month");
        Assert.Equal(0m, freeLine.Monthly);
        Assert.True(freeLine.UsageBased);
    }

    [Fact]
    public void Custom_metrics_are_the_distinct_non_aws_metrics_of_dashboards_alarms_and_the_output()
    {
        var plan = Plan(
            string.Join(",",
                Resource("aws_cloudwatch_dashboard", "this", new { dashboard_body = Dashboard }),
                Resource("aws_cloudwatch_metric_alarm", "p95", new { @namespace = "bmo-learning/prod", metric_name = "bmo.lesson.generation.duration" }),
                Resource("aws_cloudwatch_metric_alarm", "acu", new { @namespace = "AWS/RDS", metric_name = "ServerlessDatabaseCapacity" })),
            """{ "custom_metrics": { "value": ["bmo-learning/prod bmo.llm.cost", "bmo-learning/prod bmo.jobs.queue_depth"] } }""");

        var report = Estimate(plan);

        // generations, fallbacks, llm.cost (dashboard) + generation.duration (alarm) + queue_depth (output);
        // llm.cost counted once; AWS/ metrics are free.
        var line = report.LineItems.Single(i => i.Unit == "metric-month");
        Assert.Equal(5m, line.Quantity);
        Assert.Equal(1.50m, line.Monthly);
        Assert.Equal(0.20m, report.LineItems.Single(i => i.Unit == "alarm-month").Monthly);
    }

    [Fact]
    public void Free_tier_covers_ten_custom_metrics_and_ten_alarm_metrics()
    {
        var alarms = Enumerable.Range(0, 12).Select(i =>
            Resource("aws_cloudwatch_metric_alarm", $"a{i}", new { @namespace = "app/prod", metric_name = $"m{i}" }));

        var report = Estimate(Plan(string.Join(",", alarms)), freeTier: true);

        Assert.Equal(2m, report.LineItems.Single(i => i.Unit == "metric-month").Quantity);
        Assert.Equal(2m, report.LineItems.Single(i => i.Unit == "alarm-month").Quantity);
        Assert.Contains(report.Assumptions, a => a.Key == "free_tiers" && a.Value.Contains("10 custom metrics", StringComparison.Ordinal));
    }

    [Fact]
    public void GuardDuty_prices_foundational_sources_and_enabled_s3_protection_only()
    {
        var plan = Plan(string.Join(",",
            Resource("aws_guardduty_detector", "this", new { enable = true }),
            Resource("aws_guardduty_detector_feature", "s3", new { name = "S3_DATA_EVENTS", status = "ENABLED" }),
            Resource("aws_guardduty_detector_feature", "rt", new { name = "RUNTIME_MONITORING", status = "DISABLED" }),
            Resource("aws_guardduty_detector_feature", "rds", new { name = "RDS_LOGIN_EVENTS", status = "ENABLED" })));

        var report = Estimate(plan);

        var guardDuty = report.LineItems.Where(i => i.Service == "GuardDuty").ToList();
        Assert.Equal(3, guardDuty.Count);
        // 0.2 M events x $4 + 1 GB x $1 + 0.1 M S3 events x $0.80 (the default usage).
        Assert.Equal(0.80m + 1.00m + 0.08m, guardDuty.Sum(i => i.Monthly));
        Assert.All(guardDuty, i => Assert.True(i.UsageBased));
        Assert.Contains(report.NotPriced, r => r.Address == "aws_guardduty_detector_feature.rt" && r.Kind == UnpricedKind.Free);
        Assert.Contains(report.NotPriced, r => r.Address == "aws_guardduty_detector_feature.rds" && r.Kind == UnpricedKind.NotInPriceTable);
    }

    [Fact]
    public void No_detector_means_no_GuardDuty_line()
    {
        var report = Estimate(Plan(Resource("aws_sns_topic", "alarms", new { name = "t" })));

        Assert.DoesNotContain(report.LineItems, i => i.Service == "GuardDuty");
    }

    [Fact]
    public void Collector_sidecar_share_is_priced_on_its_own_lines_and_brings_x_ray()
    {
        var resources = string.Join(",",
            Resource("aws_ecs_task_definition", "app", new { family = "f-app", cpu = "512", memory = "2048", runtime_platform = new[] { new { cpu_architecture = "ARM64" } } }),
            Resource("aws_ecs_service", "app", new { name = "app", desired_count = 1, launch_type = "FARGATE", task_definition = "f-app" }));

        var with = Estimate(Plan(resources, """{ "otel_collector_task_share": { "value": { "app": { "cpu": 256, "memory": 1024 } } } }"""));
        var without = Estimate(Plan(resources));

        var sidecar = with.LineItems.Where(i => i.Description.Contains("ADOT collector sidecar", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, sidecar.Count);
        Assert.Equal(0.25m * 730m, sidecar.Single(i => i.Unit == "vCPU-h").Quantity);
        Assert.Equal(1m * 730m, sidecar.Single(i => i.Unit == "GB-h").Quantity);
        // Same task size either way: the split moves cost between lines, X-Ray is the only addition.
        var fargate = with.Sum(i => i.Service == "ECS Fargate");
        Assert.InRange(fargate - without.Sum(i => i.Service == "ECS Fargate"), -0.02m, 0.02m);
        Assert.Contains(with.LineItems, i => i.Service == "X-Ray");
        Assert.DoesNotContain(without.LineItems, i => i.Service == "X-Ray" || i.Description.Contains("collector", StringComparison.Ordinal));
    }

    [Fact]
    public void Usage_file_rejects_negative_guardduty_volume()
    {
        var e = Assert.Throws<CostInputException>(() => UsageAssumptions.Parse("""{ "guardduty_flow_dns_logs_gb": -1 }"""));

        Assert.Contains("guardduty_flow_dns_logs_gb", e.Message, StringComparison.Ordinal);
    }
}
