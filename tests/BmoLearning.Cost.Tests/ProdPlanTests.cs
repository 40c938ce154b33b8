namespace BmoLearning.Cost.Tests;

/// <summary>
/// environments/prod as planned by scripts/plan-json.sh (trimmed with Fixtures/trim-plan.jq),
/// priced with the committed usage file. The budget rule of issue 7 (default at most $50/month) and
/// the breakdown behind it, each line derived from the price table rather than a pinned total.
/// </summary>
public sealed class ProdPlanTests
{
    private static readonly string CommittedUsage = Path.Combine(
        Fixture.RepositoryRoot(), "infrastructure", "terraform", "environments", "prod", "usage.json");

    private static CostReport Price(string plan, Func<UsageAssumptions, UsageAssumptions>? change = null)
    {
        using var doc = Fixture.Plan(plan);
        var usage = UsageAssumptions.Load(CommittedUsage);
        return CostEstimator.Estimate(doc, change is null ? usage : change(usage));
    }

    private static decimal Cents(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    [Fact]
    public void Default_prod_configuration_costs_at_most_50_dollars_a_month()
    {
        var report = Price("prod-default.plan.json");

        Assert.True(report.MonthlyTotal <= 50m, $"default prod estimate {report.MonthlyTotal} is above the $50 target");
        Assert.Empty(report.Problems);
        Assert.Equal(report.MonthlyTotal, report.LineItems.Sum(i => i.Monthly));
        Assert.Equal(report.MonthlyTotal, report.UsageBasedTotal + report.LineItems.Where(i => !i.UsageBased).Sum(i => i.Monthly));
    }

    [Fact]
    public void Default_breakdown_follows_the_plan_and_the_price_table()
    {
        var report = Price("prod-default.plan.json");
        var spot = 1 - PriceTable.FargateSpotDiscount;
        var h = PriceTable.HoursPerMonth;

        // One ARM64 Spot task of 0.25 vCPU / 1 GB with a public IPv4.
        Assert.Equal(Cents(0.25m * h * PriceTable.FargateArmVcpuHour * spot), report.Sum(i => i.Service == "ECS Fargate" && i.Unit == "vCPU-h"));
        Assert.Equal(Cents(1m * h * PriceTable.FargateArmGbHour * spot), report.Sum(i => i.Service == "ECS Fargate" && i.Unit == "GB-h"));
        Assert.Equal(Cents(h * PriceTable.PublicIpv4Hour), report.Sum(i => i.Service == "Public IPv4"));
        // Aurora pauses: awake hours x 0.5 ACU; Valkey node; internal ALB; WAF ACL + 3 rules.
        Assert.Equal(Cents(91.25m * PriceTable.AuroraMinimumActiveAcu * PriceTable.AuroraAcuHour), report.Sum(i => i.Service == "Aurora" && i.Unit == "ACU-h"));
        Assert.Equal(Cents(h * PriceTable.CacheNodeHour["cache.t4g.micro"] * PriceTable.ValkeyNodeFactor), report.Sum(i => i.Service == "ElastiCache"));
        Assert.Equal(Cents(h * PriceTable.LoadBalancerHour), report.Sum(i => i.Service == "Load balancing" && i.Unit == "h"));
        Assert.Equal(PriceTable.WafWebAclMonth + 3 * PriceTable.WafRuleMonth, report.Sum(i => i.Service == "WAF" && i.UsageBased == false));
        Assert.DoesNotContain(report.LineItems, i => i.Service == "Public IPv4" && i.Address.Contains("aws_lb", StringComparison.Ordinal));

        // Observability: one dashboard, the app's seven metrics, seven alarms reading eight metrics,
        // all within the always-free tier the usage file assumes; no GuardDuty, no sidecar, no X-Ray.
        Assert.Equal(0m, report.LineItems.Single(i => i.Unit == "dashboard-month").Quantity);
        Assert.Contains("1 dashboard", report.LineItems.Single(i => i.Unit == "dashboard-month").Description, StringComparison.Ordinal);
        Assert.Contains("7 custom metrics", report.LineItems.Single(i => i.Unit == "metric-month").Description, StringComparison.Ordinal);
        Assert.Contains("7 standard-resolution alarms (8 metrics)", report.LineItems.Single(i => i.Unit == "alarm-month").Description, StringComparison.Ordinal);
        Assert.Equal(0m, report.Sum(i => i.Service == "CloudWatch" && i.Unit is "dashboard-month" or "metric-month" or "alarm-month"));
        Assert.DoesNotContain(report.LineItems, i => i.Service is "GuardDuty" or "X-Ray" || i.Description.Contains("collector", StringComparison.Ordinal));
        Assert.Equal(9, report.NotPriced.Count(r => r.Type == "aws_ssm_parameter"));
        Assert.Equal(5, report.NotPriced.Count(r => r.Type == "aws_cloudwatch_query_definition"));
        Assert.Contains(report.NotPriced, r => r.Type == "aws_budgets_budget");
    }

    [Fact]
    public void At_list_price_the_default_pays_for_its_dashboard_metrics_alarms_and_logs()
    {
        var free = Price("prod-default.plan.json");
        var list = Price("prod-default.plan.json", u => u with { AlwaysFreeTier = false });

        var cloudWatch = PriceTable.CloudWatchDashboardMonth + 7 * PriceTable.CloudWatchCustomMetricMonth + 8 * PriceTable.CloudWatchAlarmMonth;
        var logs = list.Sum(i => i.Service == "CloudWatch" && i.Unit is "GB" or "GB-month");
        Assert.True(logs > 0);
        Assert.Equal(free.MonthlyTotal + cloudWatch + logs, list.MonthlyTotal);
        Assert.Contains(list.Assumptions, a => a.Key == "free_tiers" && a.Value.StartsWith("not applied", StringComparison.Ordinal));
    }

    [Fact]
    public void Hardened_profile_adds_guardduty_the_collector_sidecar_and_x_ray_and_nothing_else()
    {
        var hardened = Price("prod-hardened.plan.json");
        var baseline = Price("prod-default.plan.json");
        var spot = 1 - PriceTable.FargateSpotDiscount;
        var h = PriceTable.HoursPerMonth;

        Assert.Empty(hardened.Problems);
        var guardDuty = hardened.Sum(i => i.Service == "GuardDuty");
        var usage = UsageAssumptions.Load(CommittedUsage);
        Assert.Equal(
            Cents(usage.GuardDutyCloudTrailEventsMillion * PriceTable.GuardDutyCloudTrailEventsPerMillion) +
            Cents(usage.GuardDutyFlowDnsLogsGb * PriceTable.GuardDutyFlowAndDnsLogsGb) +
            Cents(usage.GuardDutyS3DataEventsMillion * PriceTable.GuardDutyS3DataEventsPerMillion),
            guardDuty);

        // The task grows from 0.25 vCPU / 1 GB to 0.5 vCPU / 2 GB: the sidecar's lines are the difference.
        var sidecar = hardened.Sum(i => i.Description.Contains("ADOT collector sidecar", StringComparison.Ordinal));
        Assert.Equal(Cents(0.25m * h * PriceTable.FargateArmVcpuHour * spot) + Cents(1m * h * PriceTable.FargateArmGbHour * spot), sidecar);
        var xRay = hardened.Sum(i => i.Service == "X-Ray");

        Assert.Equal(baseline.MonthlyTotal + guardDuty + sidecar + xRay, hardened.MonthlyTotal);
    }

    [Fact]
    public void No_cold_start_profile_adds_the_half_acu_floor_around_the_clock()
    {
        var noColdStart = Price("prod-no-cold-start.plan.json");
        var paused = Price("prod-default.plan.json");

        var floor = Cents(PriceTable.AuroraMinimumActiveAcu * PriceTable.HoursPerMonth * PriceTable.AuroraAcuHour);
        var awake = Cents(91.25m * PriceTable.AuroraMinimumActiveAcu * PriceTable.AuroraAcuHour);
        Assert.Equal(floor - awake, noColdStart.MonthlyTotal - paused.MonthlyTotal);
        Assert.True(noColdStart.MonthlyTotal > 50m, "the profile exists because it costs more than the $50 default");
    }
}
