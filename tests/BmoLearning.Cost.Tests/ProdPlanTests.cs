namespace BmoLearning.Cost.Tests;

/// <summary>
/// environments/prod as planned by scripts/plan-json.sh (trimmed with Fixtures/trim-plan.jq),
/// priced with the committed usage file. The cost target of issue 7: default at most $50/month.
/// </summary>
public sealed class ProdPlanTests
{
    private static readonly string CommittedUsage = Path.Combine(
        Fixture.RepositoryRoot(), "infrastructure", "terraform", "environments", "prod", "usage.json");

    private static CostReport Price(string plan)
    {
        using var doc = Fixture.Plan(plan);
        return CostEstimator.Estimate(doc, UsageAssumptions.Load(CommittedUsage));
    }

    [Fact]
    public void Default_prod_configuration_costs_at_most_50_dollars_a_month()
    {
        var report = Price("prod-default.plan.json");

        Assert.True(report.MonthlyTotal <= 50m, $"default prod estimate {report.MonthlyTotal} is above the $50 target");
        Assert.Empty(report.Problems);
    }

    [Fact]
    public void Default_keeps_every_seed_capability_on()
    {
        var report = Price("prod-default.plan.json");

        Assert.Contains(report.LineItems, i => i.Service == "ECS Fargate");
        Assert.Contains(report.LineItems, i => i.Service == "Aurora" && i.Unit == "ACU-h");
        Assert.Contains(report.LineItems, i => i.Service == "ElastiCache");
        Assert.Contains(report.LineItems, i => i.Service == "Load balancing" && i.Unit == "h");
        Assert.Equal(3m, report.LineItems.Single(i => i.Service == "WAF" && i.Unit == "rule-month").Quantity);
        Assert.Equal(4m, report.LineItems.Single(i => i.Service == "CloudWatch" && i.Unit == "alarm-month").Quantity);
        Assert.Equal(8, report.NotPriced.Count(r => r.Type == "aws_ssm_parameter"));
        Assert.Contains(report.NotPriced, r => r.Type == "aws_budgets_budget");
    }

    [Fact]
    public void Default_prices_to_the_cent()
    {
        var report = Price("prod-default.plan.json");

        // Spot ARM64 0.25 vCPU / 1 GB 2.55, task IPv4 3.65, Aurora awake 91.25 h 5.48 + storage/IO 0.60,
        // RDS secret 0.40, Valkey 9.34, internal ALB 16.43 + LCU 0.29, WAF 8.30, alarms 0.40,
        // logs 0.50, S3 0.05, ECR 0.20, CloudFront 0 (always-free tier).
        Assert.Equal(48.19m, report.MonthlyTotal);
        Assert.DoesNotContain(report.LineItems, i => i.Service == "Public IPv4" && i.Address.Contains("aws_lb", StringComparison.Ordinal));
    }

    [Fact]
    public void No_cold_start_profile_adds_the_half_acu_floor_around_the_clock()
    {
        var noColdStart = Price("prod-no-cold-start.plan.json");
        var paused = Price("prod-default.plan.json");

        Assert.Equal(86.51m, noColdStart.MonthlyTotal);
        Assert.Equal(43.80m - 5.48m, noColdStart.MonthlyTotal - paused.MonthlyTotal);
    }
}
