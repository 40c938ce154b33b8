using BmoLearning.Cost.Plan;
using static BmoLearning.Cost.Pricing.FargatePricer;

namespace BmoLearning.Cost.Pricing;

/// <summary>
/// Aurora Serverless v2 (ACU-hours from the minimum; 0 = pauses, so awake hours come from the
/// usage file), Aurora storage and I/O, RDS instances by class, and RDS-managed master secrets.
/// </summary>
internal static class DatabasePricer
{
    private const string Service = "Aurora";

    public static void Price(PricingContext ctx)
    {
        var plan = ctx.Plan;
        var clusters = plan.OfType("aws_rds_cluster");
        var instancesByCluster = clusters.ToDictionary(c => c.Address, _ => new List<PlanResource>(), StringComparer.Ordinal);

        foreach (var instance in plan.OfType("aws_rds_cluster_instance"))
        {
            var cluster = FindCluster(plan, clusters, instance);
            if (cluster is null)
            {
                ctx.Unpriced(instance, UnpricedKind.NotInPriceTable, "cluster not found in the plan");
                ctx.Problem(instance.Address, "Aurora instance not priced: its cluster could not be joined.");
                continue;
            }

            instancesByCluster[cluster.Address].Add(instance);
        }

        foreach (var cluster in clusters)
        {
            PriceCluster(ctx, cluster, instancesByCluster[cluster.Address]);
        }

        foreach (var db in plan.OfType("aws_db_instance"))
        {
            PriceInstance(ctx, db);
        }
    }

    private static void PriceCluster(PricingContext ctx, PlanResource cluster, List<PlanResource> instances)
    {
        var usage = ctx.Usage;
        var engine = cluster.String("engine") ?? "aurora";
        if (cluster.String("engine_mode") == "serverless")
        {
            ctx.Unpriced(cluster, UnpricedKind.NotInPriceTable, "Aurora Serverless v1 is not in the price table");
            return;
        }

        var ioOptimized = cluster.String("storage_type") == "aurora-iopt1";
        var acuPrice = ioOptimized ? PriceTable.AuroraIoOptimizedAcuHour : PriceTable.AuroraAcuHour;
        var storagePrice = ioOptimized ? PriceTable.AuroraIoOptimizedStorageGbMonth : PriceTable.AuroraStorageGbMonth;
        var flavour = ioOptimized ? "I/O-Optimized" : "standard";

        var scaling = cluster.Block("serverlessv2_scaling_configuration");
        var min = scaling is { } s && s.TryGetProperty("min_capacity", out var mn) ? PlanResource.AsNumber(mn) : null;
        var max = scaling is { } s2 && s2.TryGetProperty("max_capacity", out var mx) ? PlanResource.AsNumber(mx) : null;

        var serverless = instances.Where(i => i.String("instance_class") == "db.serverless").ToList();
        foreach (var provisioned in instances.Except(serverless))
        {
            ctx.Unpriced(provisioned, UnpricedKind.NotInPriceTable, $"Aurora instance class {provisioned.String("instance_class") ?? "unknown"} is not in the price table");
        }

        if (serverless.Count > 0 && min is null)
        {
            ctx.Problem(cluster.Address, "db.serverless instances without serverlessv2_scaling_configuration: ACUs not priced.");
        }
        else if (serverless.Count > 0)
        {
            foreach (var instance in serverless)
            {
                if (min == 0)
                {
                    var hours = usage.AuroraActiveHoursPerMonth;
                    var acu = Math.Max(PriceTable.AuroraMinimumActiveAcu, min.Value);
                    ctx.FromUsage(instance.Address, Service,
                        $"Serverless v2 {flavour}, min 0 ACU (pauses when idle): {Fmt(hours)} awake h x {Fmt(acu)} ACU",
                        hours * acu, "ACU-h", acuPrice, "aurora_active_hours_per_month");
                }
                else
                {
                    ctx.Fixed(instance, Service,
                        $"Serverless v2 {flavour}, min {Fmt(min!.Value)} ACU (never pauses): {Fmt(min.Value)} ACU x 730 h",
                        min.Value * PriceTable.HoursPerMonth, "ACU-h", acuPrice);
                }

                ctx.Handled(instance);
                ctx.UseKey("aurora_burst_acu_hours_per_month");
                if (usage.AuroraBurstAcuHoursPerMonth > 0)
                {
                    ctx.FromUsage(instance.Address, Service, $"Serverless v2 bursts above the minimum (max {Fmt(max ?? 0)} ACU)",
                        usage.AuroraBurstAcuHoursPerMonth, "ACU-h", acuPrice, "aurora_burst_acu_hours_per_month");
                }
            }
        }
        else if (instances.Count == 0)
        {
            ctx.Problem(cluster.Address, "Aurora cluster without instances in the plan: only storage is priced.");
        }

        ctx.FromUsage(cluster.Address, Service, $"{engine} storage ({flavour})", usage.AuroraStorageGb, "GB-month", storagePrice, "aurora_storage_gb");
        if (!ioOptimized)
        {
            ctx.FromUsage(cluster.Address, Service, "I/O requests", usage.AuroraIoMillionRequests, "million", PriceTable.AuroraIoPerMillion, "aurora_io_million_requests");
        }

        ctx.Handled(cluster);
        MasterSecret(ctx, cluster);
    }

    private static void PriceInstance(PricingContext ctx, PlanResource db)
    {
        var instanceClass = db.String("instance_class") ?? "unknown";
        if (!PriceTable.RdsInstanceHour.TryGetValue(instanceClass, out var hourly))
        {
            ctx.Unpriced(db, UnpricedKind.NotInPriceTable, $"RDS instance class {instanceClass} is not in the price table");
            MasterSecret(ctx, db);
            return;
        }

        var multiAz = db.Bool("multi_az") == true;
        var copies = multiAz ? 2 : 1;
        ctx.Fixed(db, "RDS", $"{db.String("engine") ?? "db"} {instanceClass}{(multiAz ? " Multi-AZ (x2)" : "")}",
            copies * PriceTable.HoursPerMonth, "instance-h", hourly);

        var storageType = db.String("storage_type") ?? "gp2";
        var gb = db.Number("allocated_storage") ?? 0;
        if (storageType is "gp2" or "gp3")
        {
            ctx.Fixed(db, "RDS", $"{storageType} storage {Fmt(gb)} GB{(multiAz ? " x2" : "")}", copies * gb, "GB-month", PriceTable.RdsGp3StorageGbMonth);
        }
        else
        {
            ctx.Problem(db.Address, $"RDS storage type {storageType} is not in the price table: storage not priced.");
        }

        MasterSecret(ctx, db);
    }

    private static void MasterSecret(PricingContext ctx, PlanResource db)
    {
        if (db.Bool("manage_master_user_password") == true)
        {
            ctx.Fixed(db, "Secrets Manager", "RDS-managed master user secret", 1, "secret-month", PriceTable.SecretsManagerSecretMonth);
        }
    }

    private static PlanResource? FindCluster(TerraformPlan plan, IReadOnlyList<PlanResource> clusters, PlanResource instance)
    {
        if (instance.String("cluster_identifier") is { } id)
        {
            var byId = clusters.Where(c => c.String("cluster_identifier") == id).ToList();
            if (byId.Count == 1)
            {
                return byId[0];
            }
        }

        var referenced = plan.Referenced(instance, "cluster_identifier", "aws_rds_cluster");
        if (referenced.Count == 1)
        {
            return referenced[0];
        }

        var sameModule = clusters.Where(c => c.ModuleAddress == instance.ModuleAddress).ToList();
        return sameModule.Count == 1 ? sameModule[0] : clusters.Count == 1 ? clusters[0] : null;
    }
}
