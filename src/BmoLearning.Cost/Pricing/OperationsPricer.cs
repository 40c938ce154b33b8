using System.Text.Json;
using BmoLearning.Cost.Plan;
using static BmoLearning.Cost.Pricing.FargatePricer;

namespace BmoLearning.Cost.Pricing;

/// <summary>CloudWatch alarms and logs, secrets (Secrets Manager, SSM), S3, ECR, EFS and budgets.</summary>
internal static class OperationsPricer
{
    /// <summary>Average days in a month, to turn retention days into stored gigabytes.</summary>
    private const decimal DaysPerMonth = 730m / 24m;

    public static void Price(PricingContext ctx)
    {
        Alarms(ctx);
        Logs(ctx);
        Secrets(ctx);
        Storage(ctx);
        Budgets(ctx);

        foreach (var cluster in ctx.Plan.OfType("aws_ecs_cluster"))
        {
            var insights = cluster.List("setting").Any(s =>
                PlanResource.AsString(s.TryGetProperty("name", out var n) ? n : null) == "containerInsights" &&
                PlanResource.AsString(s.TryGetProperty("value", out var v) ? v : null) is "enabled" or "enhanced");
            if (insights)
            {
                ctx.Unpriced(cluster, UnpricedKind.NotInPriceTable, "Container Insights enabled: its metrics and performance logs are billed and not priced here");
                ctx.Problem(cluster.Address, "Container Insights is enabled: custom metrics and performance log events are billed and not in this total.");
            }
            else
            {
                ctx.Unpriced(cluster, UnpricedKind.Free, "free (Container Insights off)");
            }
        }
    }

    private static void Alarms(PricingContext ctx)
    {
        var alarms = ctx.Plan.OfType("aws_cloudwatch_metric_alarm").ToList();
        if (alarms.Count == 0)
        {
            return;
        }

        // A metric-math alarm is billed per metric it reads.
        var metrics = alarms.Sum(a =>
        {
            var queries = a.List("metric_query").Count(q => q.TryGetProperty("metric", out var m) && m.ValueKind == JsonValueKind.Array && m.GetArrayLength() > 0);
            return Math.Max(1, queries);
        });
        var address = PricingContext.GroupAddress(alarms);
        var what = $"{alarms.Count} standard-resolution alarm{(alarms.Count == 1 ? "" : "s")} ({metrics} metric{(metrics == 1 ? "" : "s")})";
        if (ctx.Usage.AlwaysFreeTier)
        {
            ctx.FromUsage(address, "CloudWatch", $"{what}; the always-free tier covers {PriceTable.CloudWatchFreeAlarmMetrics}",
                Math.Max(0, metrics - PriceTable.CloudWatchFreeAlarmMetrics), "alarm-month", PriceTable.CloudWatchAlarmMonth, "always_free_tier");
        }
        else
        {
            ctx.Items.Add(new CostLineItem(address, "CloudWatch", $"{what}; free tier not applied",
                metrics, "alarm-month", PriceTable.CloudWatchAlarmMonth, UsageBased: false));
        }

        foreach (var a in alarms)
        {
            ctx.Handled(a);
        }

        foreach (var composite in ctx.Plan.OfType("aws_cloudwatch_composite_alarm"))
        {
            ctx.Unpriced(composite, UnpricedKind.NotInPriceTable, "composite alarm price is not in the price table");
        }
    }

    private static void Logs(PricingContext ctx)
    {
        var groups = ctx.Plan.OfType("aws_cloudwatch_log_group").ToList();
        if (groups.Count == 0)
        {
            return;
        }

        var usage = ctx.Usage;
        var address = PricingContext.GroupAddress(groups);
        var ingested = usage.LogIngestedGbPerMonth;
        // The always-free 5 GB covers ingestion first, then storage.
        var free = usage.AlwaysFreeTier ? PriceTable.CloudWatchFreeLogsGb : 0m;
        var freeText = usage.AlwaysFreeTier ? $"; the always-free tier covers {Fmt(free)} GB" : "";
        if (usage.AlwaysFreeTier)
        {
            ctx.UseKey("always_free_tier");
        }

        ctx.FromUsage(address, "CloudWatch", (groups.Count == 1 ? "logs ingested" : $"logs ingested, all {groups.Count} log groups") + freeText,
            Math.Max(0, ingested - free), "GB", PriceTable.CloudWatchLogsIngestedGb, "log_ingested_gb_per_month");
        free = Math.Max(0, free - ingested);

        decimal stored;
        string how;
        if (usage.LogStoredGb is { } given)
        {
            stored = given;
            how = "usage file";
            ctx.UseKey("log_stored_gb");
        }
        else
        {
            // Retention 0 or absent = never expire: count a year of logs.
            var retention = groups.Max(g => g.Number("retention_in_days") is { } d && d > 0 ? d : 365m);
            stored = Math.Round(ingested * Math.Min(retention, 365m) / DaysPerMonth, 4);
            how = $"{Fmt(retention)} days retention x {Fmt(ingested)} GB/month";
        }

        ctx.FromUsage(address, "CloudWatch", $"logs stored ({how}{(usage.AlwaysFreeTier ? ", after the free tier" : "")})", Math.Max(0, stored - free), "GB-month", PriceTable.CloudWatchLogsStoredGbMonth, "log_ingested_gb_per_month");
        foreach (var g in groups)
        {
            ctx.Handled(g);
        }
    }

    private static void Secrets(PricingContext ctx)
    {
        var secrets = ctx.Plan.OfType("aws_secretsmanager_secret").ToList();
        if (secrets.Count > 0)
        {
            var address = PricingContext.GroupAddress(secrets);
            ctx.Items.Add(new CostLineItem(address, "Secrets Manager", $"{secrets.Count} secret{(secrets.Count == 1 ? "" : "s")}",
                secrets.Count, "secret-month", PriceTable.SecretsManagerSecretMonth, UsageBased: false));
            foreach (var s in secrets)
            {
                ctx.Handled(s);
            }
        }

        if (ctx.Usage.SecretsManagerApiCalls10k > 0)
        {
            ctx.FromUsage("aws_secretsmanager_secret", "Secrets Manager", "API calls", ctx.Usage.SecretsManagerApiCalls10k, "10k calls",
                PriceTable.SecretsManagerPer10kCalls, "secrets_manager_api_calls_10k");
        }

        foreach (var version in ctx.Plan.OfType("aws_secretsmanager_secret_version"))
        {
            ctx.Unpriced(version, UnpricedKind.Free, "free");
            ctx.Problem(version.Address, "a secret value managed by Terraform is stored in plain text in the state.");
        }

        foreach (var p in ctx.Plan.OfType("aws_ssm_parameter"))
        {
            var tier = p.String("tier") ?? "Standard";
            if (tier == "Advanced")
            {
                ctx.Unpriced(p, UnpricedKind.NotInPriceTable, "advanced-tier parameter: its monthly price is not in the price table");
            }
            else
            {
                var type = p.String("type") ?? "String";
                ctx.Unpriced(p, UnpricedKind.Free, $"SSM Parameter Store standard {type}: free (standard throughput; AWS-managed key)");
            }
        }
    }

    private static void Storage(PricingContext ctx)
    {
        var usage = ctx.Usage;
        var buckets = ctx.Plan.OfType("aws_s3_bucket").ToList();
        if (buckets.Count > 0)
        {
            ctx.FromUsage(PricingContext.GroupAddress(buckets), "S3", buckets.Count == 1 ? "Standard storage" : $"Standard storage, all {buckets.Count} buckets",
                usage.S3StorageGb, "GB-month", PriceTable.S3StandardGbMonth, "s3_storage_gb");
            buckets.ForEach(ctx.Handled);
        }

        var repositories = ctx.Plan.OfType("aws_ecr_repository").ToList();
        if (repositories.Count > 0)
        {
            ctx.FromUsage(PricingContext.GroupAddress(repositories), "ECR", "image storage",
                usage.EcrStorageGb, "GB-month", PriceTable.EcrGbMonth, "ecr_storage_gb");
            repositories.ForEach(ctx.Handled);
        }

        var fileSystems = ctx.Plan.OfType("aws_efs_file_system").ToList();
        if (fileSystems.Count > 0)
        {
            ctx.FromUsage(PricingContext.GroupAddress(fileSystems), "EFS", "Standard storage",
                usage.EfsStorageGb, "GB-month", PriceTable.EfsStandardGbMonth, "efs_storage_gb");
            fileSystems.ForEach(ctx.Handled);
            if (usage.EfsStorageGb == 0)
            {
                ctx.Problem(PricingContext.GroupAddress(fileSystems), "EFS file system in the plan but efs_storage_gb is 0 in the usage file.");
            }
        }
    }

    private static void Budgets(PricingContext ctx)
    {
        var budgets = ctx.Plan.OfType("aws_budgets_budget").ToList();
        for (var i = 0; i < budgets.Count; i++)
        {
            if (i < PriceTable.FreeBudgets)
            {
                ctx.Unpriced(budgets[i], UnpricedKind.Free, "free (the first 2 budgets of an account)");
            }
            else
            {
                ctx.Unpriced(budgets[i], UnpricedKind.NotInPriceTable, "beyond the 2 free budgets: billed per budget-day, not in the price table");
            }
        }
    }
}
