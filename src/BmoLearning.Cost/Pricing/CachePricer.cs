using BmoLearning.Cost.Plan;
using static BmoLearning.Cost.Pricing.FargatePricer;

namespace BmoLearning.Cost.Pricing;

/// <summary>ElastiCache: node-hours by node type (Valkey 20% below Redis OSS), serverless minimum.</summary>
internal static class CachePricer
{
    private const string Service = "ElastiCache";

    public static void Price(PricingContext ctx)
    {
        foreach (var group in ctx.Plan.OfType("aws_elasticache_replication_group"))
        {
            var nodes = group.Number("num_cache_clusters")
                ?? (group.Number("num_node_groups") is { } shards ? shards * ((group.Number("replicas_per_node_group") ?? 0) + 1) : (decimal?)null)
                ?? 1;
            PriceNodes(ctx, group, group.String("engine") ?? "redis", group.String("node_type"), nodes);
        }

        foreach (var cluster in ctx.Plan.OfType("aws_elasticache_cluster"))
        {
            if (cluster.String("replication_group_id") is not null && cluster.String("node_type") is null)
            {
                ctx.Unpriced(cluster, UnpricedKind.Free, "member of a replication group: priced with the group");
                continue;
            }

            PriceNodes(ctx, cluster, cluster.String("engine") ?? "redis", cluster.String("node_type"), cluster.Number("num_cache_nodes") ?? 1);
        }

        foreach (var serverless in ctx.Plan.OfType("aws_elasticache_serverless_cache"))
        {
            var engine = serverless.String("engine") ?? "unknown";
            if (engine == "valkey")
            {
                ctx.Fixed(serverless, Service, "Serverless Valkey minimum (100 MB data, ECPUs extra; verify)", 1, "month", PriceTable.ElastiCacheServerlessValkeyMinimumMonth);
            }
            else
            {
                ctx.Unpriced(serverless, UnpricedKind.NotInPriceTable, $"ElastiCache Serverless ({engine}) minimum is not in the price table");
            }
        }
    }

    private static void PriceNodes(PricingContext ctx, PlanResource r, string engine, string? nodeType, decimal nodes)
    {
        if (nodeType is null || !PriceTable.CacheNodeHour.TryGetValue(nodeType, out var hourly))
        {
            ctx.Unpriced(r, UnpricedKind.NotInPriceTable, $"node type {nodeType ?? "unknown"} is not in the price table");
            return;
        }

        var valkey = engine.Equals("valkey", StringComparison.OrdinalIgnoreCase);
        var description = valkey
            ? $"{Fmt(nodes)} x {nodeType}, Valkey (20% below Redis OSS; verify)"
            : $"{Fmt(nodes)} x {nodeType}, {(engine == "memcached" ? "Memcached" : "Redis OSS")}";
        ctx.Fixed(r, Service, description, nodes * PriceTable.HoursPerMonth, "node-h", valkey ? hourly * PriceTable.ValkeyNodeFactor : hourly);
    }
}
