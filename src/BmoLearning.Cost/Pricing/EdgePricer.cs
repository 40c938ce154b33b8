using System.Text.Json;
using BmoLearning.Cost.Plan;
using static BmoLearning.Cost.Pricing.FargatePricer;

namespace BmoLearning.Cost.Pricing;

/// <summary>
/// Load balancers (hours, LCUs, one public IPv4 per zone when internet-facing), WAF web ACLs and
/// their associations, CloudFront, NAT gateways and Elastic IPs.
/// </summary>
internal static class EdgePricer
{
    public static void Price(PricingContext ctx)
    {
        foreach (var lb in ctx.Plan.OfTypes("aws_lb", "aws_alb"))
        {
            PriceLoadBalancer(ctx, lb);
        }

        foreach (var acl in ctx.Plan.OfType("aws_wafv2_web_acl"))
        {
            PriceWebAcl(ctx, acl);
        }

        foreach (var association in ctx.Plan.OfType("aws_wafv2_web_acl_association"))
        {
            CheckAssociation(ctx, association);
        }

        PriceCloudFront(ctx);

        foreach (var nat in ctx.Plan.OfType("aws_nat_gateway"))
        {
            ctx.Fixed(nat, "VPC", $"NAT gateway ({nat.String("connectivity_type") ?? "public"}); data processed is extra and not priced",
                PriceTable.HoursPerMonth, "h", PriceTable.NatGatewayHour);
        }

        foreach (var eip in ctx.Plan.OfType("aws_eip"))
        {
            ctx.Fixed(eip, "Public IPv4", "Elastic IP address", PriceTable.HoursPerMonth, "IPv4-h", PriceTable.PublicIpv4Hour);
        }
    }

    private static void PriceLoadBalancer(PricingContext ctx, PlanResource lb)
    {
        var type = lb.String("load_balancer_type") ?? "application";
        if (type is not ("application" or "network"))
        {
            ctx.Unpriced(lb, UnpricedKind.NotInPriceTable, $"{type} load balancer is not in the price table");
            return;
        }

        var alb = type == "application";
        var name = alb ? "ALB" : "NLB";
        var internalLb = lb.Bool("internal") == true;
        ctx.Fixed(lb, "Load balancing", $"{name} ({(internalLb ? "internal" : "internet-facing")}) hours", PriceTable.HoursPerMonth, "h", PriceTable.LoadBalancerHour);

        var lcu = ctx.Usage.LoadBalancerCapacityUnitsPerHour;
        ctx.FromUsage(lb.Address, "Load balancing", $"{name} capacity units: {Fmt(lcu)} {(alb ? "LCU" : "NLCU")} per hour on average",
            lcu * PriceTable.HoursPerMonth, alb ? "LCU-h" : "NLCU-h", alb ? PriceTable.AlbLcuHour : PriceTable.NlbLcuHour,
            "load_balancer_capacity_units_per_hour");

        if (internalLb)
        {
            return;
        }

        // One public IPv4 per zone. Subnet ids are often unknown before apply: then the root
        // output alb_availability_zone_count (ALB), then the usage file, then 2 (the minimum for an ALB).
        var subnets = lb.List("subnets").Count();
        var mappings = lb.List("subnet_mapping").Count();
        string source;
        int zones;
        var fromUsage = false;
        if (subnets > 0 || mappings > 0)
        {
            zones = Math.Max(subnets, mappings);
            source = "subnets in the plan";
        }
        else if (alb && ctx.Plan.Output("alb_availability_zone_count") is { ValueKind: JsonValueKind.Number } output &&
                 ctx.Plan.OfTypes("aws_lb", "aws_alb").Count(l => (l.String("load_balancer_type") ?? "application") == "application" && l.Bool("internal") != true) == 1)
        {
            zones = output.GetInt32();
            source = "output alb_availability_zone_count";
        }
        else
        {
            zones = ctx.Usage.LoadBalancerAvailabilityZones ?? 2;
            source = ctx.Usage.LoadBalancerAvailabilityZones is null ? "zones unknown: assumed 2" : "usage file";
            fromUsage = true;
        }

        var description = $"{name} internet-facing: {zones} zone{(zones == 1 ? "" : "s")}, one address each ({source})";
        if (fromUsage)
        {
            ctx.FromUsage(lb.Address, "Public IPv4", description, zones * PriceTable.HoursPerMonth, "IPv4-h", PriceTable.PublicIpv4Hour, "load_balancer_availability_zones");
        }
        else
        {
            ctx.Fixed(lb, "Public IPv4", description, zones * PriceTable.HoursPerMonth, "IPv4-h", PriceTable.PublicIpv4Hour);
        }
    }

    private static void PriceWebAcl(PricingContext ctx, PlanResource acl)
    {
        var rules = acl.List("rule").Count();
        if (acl.String("rule_json") is { Length: > 0 } ruleJson)
        {
            try
            {
                using var doc = JsonDocument.Parse(ruleJson);
                rules = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement.GetArrayLength() : rules;
            }
            catch (JsonException)
            {
                ctx.Problem(acl.Address, "rule_json is not valid JSON: rules counted from rule blocks only.");
            }
        }

        var scope = acl.String("scope") ?? "REGIONAL";
        ctx.Fixed(acl, "WAF", $"web ACL ({scope})", 1, "ACL-month", PriceTable.WafWebAclMonth);
        if (rules > 0)
        {
            var names = acl.List("rule")
                .Select(r => PlanResource.AsString(r.TryGetProperty("name", out var n) ? n : null))
                .Where(n => n is not null)
                .ToList();
            var named = names.Count > 0 ? $": {string.Join(", ", names)}" : "";
            ctx.Fixed(acl, "WAF", $"{rules} rule{(rules == 1 ? "" : "s")} (managed rule groups count as one each){named}", rules, "rule-month", PriceTable.WafRuleMonth);
        }

        var requests = ctx.Usage.WafRequestsMillion;
        ctx.FromUsage(acl.Address, "WAF", "requests inspected", requests, "million", PriceTable.WafPerMillionRequests, "waf_requests_million");
    }

    /// <summary>AWS WAF cannot protect a Network Load Balancer: such an association fails at apply.</summary>
    private static void CheckAssociation(PricingContext ctx, PlanResource association)
    {
        ctx.Unpriced(association, UnpricedKind.Free, "free (the web ACL is priced)");

        var target = association.String("resource_arn");
        var isNlb = false;
        string? what = null;
        if (target is not null)
        {
            isNlb = target.Contains(":loadbalancer/net/", StringComparison.Ordinal);
            what = target;
        }
        else
        {
            var lbs = ctx.Plan.Referenced(association, "resource_arn", "aws_lb", "aws_alb");
            if (lbs.Count == 1)
            {
                isNlb = lbs[0].String("load_balancer_type") == "network";
                what = lbs[0].Address;
            }
        }

        if (isNlb)
        {
            ctx.Problem(association.Address,
                $"INVALID: WAF web ACL associated with a Network Load Balancer ({what}). AWS WAF protects ALB, API Gateway REST, AppSync, Cognito, App Runner, Verified Access, Amplify and CloudFront only: this association fails at apply and the NLB stays unprotected. Use an ALB, or CloudFront with the ACL in front.");
        }
    }

    private static void PriceCloudFront(PricingContext ctx)
    {
        var distributions = ctx.Plan.OfType("aws_cloudfront_distribution").ToList();
        if (distributions.Count == 0)
        {
            return;
        }

        var usage = ctx.Usage;
        var address = PricingContext.GroupAddress(distributions);
        var requests = usage.CloudFrontRequestsMillion;
        var gb = usage.CloudFrontDataTransferGb;
        ctx.UseKey("cloudfront_requests_million");
        ctx.UseKey("cloudfront_data_transfer_gb");
        var withinFreeTier = requests <= PriceTable.CloudFrontFreeRequestsMillion && gb <= PriceTable.CloudFrontFreeDataTransferGb;
        ctx.FromUsage(address, "CloudFront",
            $"{Fmt(requests)}M requests, {Fmt(gb)} GB out: {(withinFreeTier ? "within" : "ABOVE")} the always-free tier (10M requests, 1 TB a month)",
            requests, "million", 0m, "cloudfront_requests_million");
        if (!withinFreeTier)
        {
            ctx.Problem(address, "CloudFront usage above the always-free tier: the excess is billed by region and not priced here.");
        }

        foreach (var d in distributions)
        {
            ctx.Handled(d);
        }
    }
}
