using System.Text.Json.Nodes;

namespace BmoLearning.Cost.Tests;

public sealed class ComputeAndDatabaseTests
{
    private static CostReport Seed(Action<JsonNode> edit, UsageAssumptions? usage = null)
    {
        using var plan = Fixture.Plan("seed.plan.json", edit);
        return CostEstimator.Estimate(plan, usage ?? Fixture.Usage("seed.usage.json"));
    }

    private static void Architecture(JsonNode plan, string architecture)
    {
        foreach (var family in new[] { "rails_api", "sidekiq" })
        {
            Fixture.Values(plan, $"module.ecs.aws_ecs_task_definition.{family}")["runtime_platform"] =
                new JsonArray(new JsonObject { ["cpu_architecture"] = architecture, ["operating_system_family"] = "LINUX" });
        }
    }

    [Fact]
    public void The_same_task_on_arm64_costs_less_than_on_x86()
    {
        var x86 = Seed(p => Architecture(p, "X86_64"));
        var arm = Seed(p => Architecture(p, "ARM64"));

        // Per task: x86 7.39 + 1.62; ARM64 0.25 x 0.03238 x 730 = 5.91 and 0.5 x 0.00356 x 730 = 1.30.
        Assert.Equal(18.02m, x86.Sum(i => i.Service == "ECS Fargate"));
        Assert.Equal(14.42m, arm.Sum(i => i.Service == "ECS Fargate"));
        Assert.Contains(arm.LineItems, i => i.Description.StartsWith("ARM64", StringComparison.Ordinal));
    }

    [Fact]
    public void An_autoscaling_minimum_above_the_desired_count_is_what_runs_and_is_priced()
    {
        var report = Fixture.Estimate("autoscaling.plan.json");
        var api = report.LineItems.Where(i => i.Address == "module.app.aws_ecs_service.this[\"api\"]").ToList();

        // desired_count 1, min_capacity 3: three ARM64 tasks of 0.5 vCPU / 1 GB.
        Assert.Equal(1095m, api.Single(i => i.Unit == "vCPU-h").Quantity);
        Assert.Equal(35.46m + 7.80m, api.Sum(i => i.Monthly));
        Assert.Contains("autoscaling min 3 > desired 1", api[0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_desired_count_above_the_autoscaling_minimum_is_kept_when_the_target_is_joined_by_reference()
    {
        var report = Fixture.Estimate("autoscaling.plan.json");
        var worker = report.LineItems.Where(i => i.Address == "module.app.aws_ecs_service.this[\"worker\"]").ToList();

        Assert.Equal(730m, worker.Single(i => i.Unit == "vCPU-h").Quantity);
        Assert.Equal(23.64m + 5.20m, worker.Sum(i => i.Monthly));
        Assert.Empty(report.Problems);
    }

    [Fact]
    public void Spot_tasks_of_a_capacity_provider_strategy_get_the_spot_discount()
    {
        var report = Fixture.Estimate("autoscaling.plan.json");
        var batch = report.LineItems.Where(i => i.Address == "module.app.aws_ecs_service.this[\"batch\"]").ToList();

        // Five tasks: base 1 on FARGATE, then weights 1:3 -> 2 on-demand, 3 Spot at 70% off.
        Assert.Equal(11.82m + 2.60m, batch.Where(i => i.Description.Contains("on-demand", StringComparison.Ordinal)).Sum(i => i.Monthly));
        Assert.Equal(5.32m + 1.17m, batch.Where(i => i.Description.Contains("Spot", StringComparison.Ordinal)).Sum(i => i.Monthly));
        Assert.Equal(93.01m, report.MonthlyTotal);
    }

    [Fact]
    public void Aurora_at_min_zero_pauses_and_costs_only_its_awake_hours()
    {
        var usage = Fixture.Usage("seed.usage.json") with { AuroraActiveHoursPerMonth = 100m };
        var paused = Seed(p => Fixture.Values(p, "aws_rds_cluster.main")["serverlessv2_scaling_configuration"]![0]!["min_capacity"] = 0, usage);
        var warm = Seed(_ => { }, usage);

        // 100 awake hours at the 0.5 ACU an awake instance bills: 100 x 0.5 x 0.12.
        var pausedAcu = paused.LineItems.Single(i => i.Address == "aws_rds_cluster_instance.main[0]");
        Assert.Equal(6.00m, pausedAcu.Monthly);
        Assert.True(pausedAcu.UsageBased);
        Assert.Equal(43.80m, warm.LineItems.Single(i => i.Address == "aws_rds_cluster_instance.main[0]").Monthly);
        Assert.Contains(paused.Assumptions, a => a.Key == "aurora_active_hours_per_month" && a.Value == "100");
    }

    [Fact]
    public void A_higher_aurora_minimum_is_billed_around_the_clock()
    {
        var report = Seed(p => Fixture.Values(p, "aws_rds_cluster.main")["serverlessv2_scaling_configuration"]![0]!["min_capacity"] = 2);

        Assert.Equal(175.20m, report.LineItems.Single(i => i.Address == "aws_rds_cluster_instance.main[0]").Monthly);
    }

    [Fact]
    public void An_rds_managed_master_password_adds_one_secret()
    {
        var report = Seed(p => Fixture.Values(p, "aws_rds_cluster.main")["manage_master_user_password"] = true);

        Assert.Equal(3.60m, report.Sum(i => i.Service == "Secrets Manager"));
    }

    [Fact]
    public void Valkey_nodes_cost_20_percent_less_than_redis_oss()
    {
        var valkey = Seed(p => Fixture.Values(p, "aws_elasticache_cluster.redis")["engine"] = "valkey");

        // 730 x 0.017 x 0.8 = 9.928
        Assert.Equal(9.93m, valkey.Sum(i => i.Service == "ElastiCache"));
        Assert.Contains("verify", valkey.LineItems.Single(i => i.Service == "ElastiCache").Description, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_node_type_is_reported_as_not_in_the_price_table_rather_than_guessed()
    {
        var report = Seed(p => Fixture.Values(p, "aws_elasticache_cluster.redis")["node_type"] = "cache.r7g.xlarge");

        Assert.DoesNotContain(report.LineItems, i => i.Service == "ElastiCache");
        Assert.Equal(UnpricedKind.NotInPriceTable, report.NotPriced.Single(r => r.Address == "aws_elasticache_cluster.redis").Kind);
    }
}
