namespace BmoLearning.Cost.Tests;

/// <summary>The reference system's deployment re-expressed as a plan: what it really costs (facts/aws-cost.md).</summary>
public sealed class SeedConfigurationTests
{
    private readonly CostReport _report = Fixture.Estimate("seed.plan.json", "seed.usage.json");

    [Fact]
    public void Seed_configuration_costs_about_115_dollars_a_month_not_the_claimed_55_to_68()
    {
        Assert.InRange(_report.MonthlyTotal, 114m, 116m);
        Assert.Equal(115.27m, _report.MonthlyTotal);
    }

    [Fact]
    public void Two_x86_tasks_of_a_quarter_vcpu_cost_18_02()
    {
        Assert.Equal(18.02m, _report.Sum(i => i.Service == "ECS Fargate"));
        Assert.Equal(7.39m, _report.LineItems.First(i => i.Address == "module.ecs.aws_ecs_service.rails_api" && i.Unit == "vCPU-h").Monthly);
        Assert.Equal(1.62m, _report.LineItems.First(i => i.Address == "module.ecs.aws_ecs_service.rails_api" && i.Unit == "GB-h").Monthly);
    }

    [Fact]
    public void Aurora_at_a_half_acu_floor_costs_43_80_plus_storage_and_io()
    {
        Assert.Equal(43.80m, _report.LineItems.Single(i => i.Address == "aws_rds_cluster_instance.main[0]").Monthly);
        Assert.Equal(44.70m, _report.Sum(i => i.Service == "Aurora"));
    }

    [Fact]
    public void Every_public_ipv4_is_billed_three_nlb_zones_and_two_public_tasks()
    {
        Assert.Equal(10.95m, _report.LineItems.Single(i => i.Service == "Public IPv4" && i.Address == "aws_lb.main").Monthly);
        Assert.Equal(18.25m, _report.Sum(i => i.Service == "Public IPv4"));
    }

    [Fact]
    public void Cache_load_balancer_and_secrets_match_the_facts_table()
    {
        Assert.Equal(12.41m, _report.Sum(i => i.Service == "ElastiCache"));
        Assert.Equal(16.64m, _report.Sum(i => i.Service == "Load balancing"));
        Assert.Equal(3.20m, _report.Sum(i => i.Service == "Secrets Manager"));
        Assert.Equal(2.05m, _report.Sum(i => i.Service is "CloudWatch" or "S3" or "ECR"));
    }

    [Fact]
    public void A_resource_without_values_is_listed_not_dropped()
    {
        var policy = Assert.Single(_report.NotPriced, r => r.Address == "aws_s3_bucket_policy.documents");
        Assert.Equal(UnpricedKind.Free, policy.Kind);
    }

    [Fact]
    public void Every_resource_of_the_plan_is_priced_or_listed_with_a_reason()
    {
        using var plan = Fixture.Plan("seed.plan.json");
        var all = Fixture.Resources(System.Text.Json.Nodes.JsonNode.Parse(plan.RootElement.GetRawText())!)
            .Select(r => (string)r["address"]!)
            .ToHashSet();
        var covered = _report.NotPriced.Select(r => r.Address)
            .Concat(_report.LineItems.Select(i => i.Address))
            .ToHashSet();

        // Grouped lines (x8 secrets, x2 log groups) name their group, not each member.
        var grouped = new[] { "aws_secretsmanager_secret", "aws_cloudwatch_log_group" };
        var missing = all.Where(a => !covered.Contains(a) && !grouped.Any(g => a.StartsWith(g + ".", StringComparison.Ordinal))).ToList();
        Assert.Empty(missing);
        Assert.All(_report.NotPriced, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
    }
}
