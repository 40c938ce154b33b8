using System.Text.Json;
using BmoLearning.Cost.Plan;
using BmoLearning.Cost.Pricing;

namespace BmoLearning.Cost;

/// <summary>Prices a <c>terraform show -json</c> plan with the embedded <see cref="PriceTable"/>.</summary>
public static class CostEstimator
{
    /// <summary>
    /// Line items for every priced resource, every other resource listed with the reason it has
    /// no price, problems found in the plan (such as a WAF on an NLB), and the assumptions used.
    /// Throws <see cref="CostInputException"/> when the JSON is not a plan.
    /// </summary>
    public static CostReport Estimate(JsonDocument plan, UsageAssumptions? usage = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        usage ??= UsageAssumptions.Default;

        var parsed = TerraformPlan.Parse(plan);
        var ctx = new PricingContext(parsed, usage);

        FargatePricer.Price(ctx);
        DatabasePricer.Price(ctx);
        CachePricer.Price(ctx);
        EdgePricer.Price(ctx);
        OperationsPricer.Price(ctx);
        ObservabilityPricer.Price(ctx);

        foreach (var r in parsed.Resources.Where(r => !ctx.IsHandled(r)))
        {
            var (kind, reason) = ResourceCatalogue.Describe(r.Type, r);
            ctx.Unpriced(r, kind, reason);
        }

        var region = parsed.Region;
        if (region is not null && region is not ("us-east-1" or "us-east-2"))
        {
            ctx.Problem("(plan)", $"region {region}: the price table holds us-east-1 / us-east-2 list prices; other regions differ.");
        }

        return new CostReport(PriceTable.AsOf, region, ctx.Items, ctx.NotPriced, ctx.Problems, Assumptions(ctx));
    }

    /// <summary>Reads and prices a plan file (convenience for hosts).</summary>
    public static CostReport EstimateFile(string planPath, UsageAssumptions? usage = null)
    {
        JsonDocument doc;
        try
        {
            using var stream = File.OpenRead(planPath);
            doc = JsonDocument.Parse(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new CostInputException($"plan {planPath}: {e.Message}", e);
        }

        using (doc)
        {
            return Estimate(doc, usage);
        }
    }

    private static List<CostAssumption> Assumptions(PricingContext ctx)
    {
        var usage = ctx.Usage;
        var values = usage.Values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        var list = new List<CostAssumption>
        {
            new("prices", $"{PriceTable.Regions} list prices as of {PriceTable.AsOf:yyyy-MM-dd}", "re-check before quoting"),
            new("hours_per_month", "730", null),
            new("usage", usage.Source, null),
        };

        list.AddRange(ctx.UsedUsageKeys.Select(key => new CostAssumption(key, values[key], usage.NoteFor(key))));

        list.Add(usage.AlwaysFreeTier
            ? new("free_tiers", "CloudWatch's always-free tier (10 custom metrics, 10 alarm metrics, 3 dashboards, 5 GB of logs), X-Ray's 100,000 traces, CloudFront's always-free tier and the 2 free budgets",
                "always_free_tier = true: only true where no other workload in the account or its AWS Organization uses these allowances")
            : new("free_tiers", "not applied, except CloudFront's always-free tier and the 2 free budgets", "alarms, metrics, dashboards and logs at list price: other workloads may use the account's free tier"));
        list.Add(new("data_transfer", "not priced", "internet egress beyond the first 100 GB a month and cross-AZ traffic are billed per GB"));
        return list;
    }
}
