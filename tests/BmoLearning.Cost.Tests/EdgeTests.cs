namespace BmoLearning.Cost.Tests;

public sealed class EdgeTests
{
    [Fact]
    public void A_waf_associated_with_a_network_load_balancer_is_reported_invalid()
    {
        var report = Fixture.Estimate("waf-associations.plan.json");

        var problems = report.Problems.Where(p => p.Message.StartsWith("INVALID: WAF", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Address == "aws_wafv2_web_acl_association.nlb" && p.Message.Contains("aws_lb.nlb", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Address == "aws_wafv2_web_acl_association.other" && p.Message.Contains("loadbalancer/net/", StringComparison.Ordinal));
    }

    [Fact]
    public void A_waf_associated_with_an_application_load_balancer_is_fine()
    {
        var report = Fixture.Estimate("waf-associations.plan.json");

        Assert.DoesNotContain(report.Problems, p => p.Address == "aws_wafv2_web_acl_association.alb");
    }

    [Fact]
    public void A_web_acl_costs_5_dollars_plus_1_per_rule_including_managed_rule_groups_plus_requests()
    {
        var report = Fixture.Estimate("waf-associations.plan.json");
        var waf = report.LineItems.Where(i => i.Service == "WAF").ToList();

        Assert.Equal(5.00m, waf.Single(i => i.Unit == "ACL-month").Monthly);
        Assert.Equal(3m, waf.Single(i => i.Unit == "rule-month").Quantity);
        Assert.Equal(0.30m, waf.Single(i => i.Unit == "million").Monthly);
        Assert.Equal(8.30m, waf.Sum(i => i.Monthly));
    }

    [Fact]
    public void An_internet_facing_alb_with_unknown_subnets_holds_one_ipv4_per_zone_from_the_output()
    {
        var report = Fixture.Estimate("load-balancers.plan.json");

        var ip = report.LineItems.Single(i => i.Service == "Public IPv4" && i.Address == "aws_lb.public");
        Assert.Equal(10.95m, ip.Monthly);
        Assert.Contains("alb_availability_zone_count", ip.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void An_internal_load_balancer_has_no_public_ipv4()
    {
        var report = Fixture.Estimate("load-balancers.plan.json");

        Assert.DoesNotContain(report.LineItems, i => i.Service == "Public IPv4" && i.Address == "aws_lb.private");
        Assert.Equal(16.43m, report.LineItems.Single(i => i.Address == "aws_lb.private" && i.Unit == "h").Monthly);
    }

    [Fact]
    public void Zones_come_from_the_usage_file_when_neither_the_plan_nor_an_output_tells()
    {
        using var plan = Fixture.Plan("load-balancers.plan.json", p => p["planned_values"]!.AsObject().Remove("outputs"));
        var report = CostEstimator.Estimate(plan, UsageAssumptions.Default with { LoadBalancerAvailabilityZones = 3 });

        var ip = report.LineItems.Single(i => i.Service == "Public IPv4" && i.Address == "aws_lb.public");
        Assert.True(ip.UsageBased);
        Assert.Equal(10.95m, ip.Monthly);
    }

    [Fact]
    public void Nat_gateways_and_elastic_ips_are_priced_and_unknown_types_are_flagged()
    {
        var report = Fixture.Estimate("load-balancers.plan.json");

        Assert.Equal(32.85m, report.LineItems.Single(i => i.Address == "aws_nat_gateway.this").Monthly);
        Assert.Equal(3.65m, report.LineItems.Single(i => i.Address == "aws_eip.nat").Monthly);
        Assert.Equal(UnpricedKind.NotInPriceTable, report.NotPriced.Single(r => r.Address == "aws_kms_key.this").Kind);
        Assert.Equal(UnpricedKind.NotInPriceTable, report.NotPriced.Single(r => r.Address == "aws_something_new.this").Kind);
    }
}
