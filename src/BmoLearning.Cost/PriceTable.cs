namespace BmoLearning.Cost;

/// <summary>The one embedded, dated price table: us-east-2 (= us-east-1) list prices in USD.</summary>
/// <remarks>
/// Source: public AWS price pages, checked in November 2026 (docs/cost.md explains each figure).
/// Re-check a price before quoting it to anyone; change <see cref="AsOf"/> with any value here.
/// Figures marked "verify" are derived or "up to" values rather than a listed price.
/// </remarks>
public static class PriceTable
{
    public static readonly DateOnly AsOf = new(2026, 11, 25);

    public const string Regions = "us-east-1 / us-east-2";

    /// <summary>Hours in a billing month (AWS's convention).</summary>
    public const decimal HoursPerMonth = 730m;

    // ---- ECS on Fargate (per hour) ------------------------------------------------------------
    public const decimal FargateX86VcpuHour = 0.04048m;
    public const decimal FargateX86GbHour = 0.004445m;
    public const decimal FargateArmVcpuHour = 0.03238m;
    public const decimal FargateArmGbHour = 0.00356m;

    /// <summary>Fargate Spot discount. AWS says "up to 70%"; the Spot price moves (verify).</summary>
    public const decimal FargateSpotDiscount = 0.70m;

    // ---- Aurora / RDS ---------------------------------------------------------------------------
    public const decimal AuroraAcuHour = 0.12m;
    public const decimal AuroraStorageGbMonth = 0.10m;
    public const decimal AuroraIoPerMillion = 0.20m;

    /// <summary>Aurora I/O-Optimized ("about": AWS lists no single figure): no I/O charge.</summary>
    public const decimal AuroraIoOptimizedAcuHour = 0.156m;
    public const decimal AuroraIoOptimizedStorageGbMonth = 0.225m;

    /// <summary>Smallest ACU an awake Serverless v2 instance bills, even when its minimum is 0.</summary>
    public const decimal AuroraMinimumActiveAcu = 0.5m;

    public static readonly IReadOnlyDictionary<string, decimal> RdsInstanceHour = new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["db.t4g.micro"] = 0.016m,
    };

    public const decimal RdsGp3StorageGbMonth = 0.115m;

    // ---- ElastiCache ----------------------------------------------------------------------------

    /// <summary>Node-based Redis OSS (and Memcached) price per node-hour.</summary>
    public static readonly IReadOnlyDictionary<string, decimal> CacheNodeHour = new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["cache.t3.micro"] = 0.017m,
        ["cache.t4g.micro"] = 0.016m,
    };

    /// <summary>Valkey node-based price relative to Redis OSS: AWS lists it 20% lower (verify).</summary>
    public const decimal ValkeyNodeFactor = 0.80m;

    /// <summary>ElastiCache Serverless (Valkey) minimum, "about $6/month" (verify).</summary>
    public const decimal ElastiCacheServerlessValkeyMinimumMonth = 6.00m;

    // ---- Load balancing and addresses -----------------------------------------------------------
    public const decimal LoadBalancerHour = 0.0225m;
    public const decimal AlbLcuHour = 0.008m;
    public const decimal NlbLcuHour = 0.006m;

    /// <summary>Every public IPv4 address, in use or idle, since 2024-02-01.</summary>
    public const decimal PublicIpv4Hour = 0.005m;

    public const decimal NatGatewayHour = 0.045m;

    // ---- Security and secrets -------------------------------------------------------------------
    public const decimal WafWebAclMonth = 5.00m;
    public const decimal WafRuleMonth = 1.00m;
    public const decimal WafPerMillionRequests = 0.60m;

    public const decimal SecretsManagerSecretMonth = 0.40m;
    public const decimal SecretsManagerPer10kCalls = 0.05m;

    // ---- Monitoring -----------------------------------------------------------------------------
    public const decimal CloudWatchAlarmMonth = 0.10m;
    public const decimal CloudWatchLogsIngestedGb = 0.50m;
    public const decimal CloudWatchLogsStoredGbMonth = 0.03m;

    /// <summary>Custom metric (first 10,000 of an account), per metric-month.</summary>
    public const decimal CloudWatchCustomMetricMonth = 0.30m;

    public const decimal CloudWatchDashboardMonth = 3.00m;

    /// <summary>CloudWatch's always-free tier per account (applied only when the usage file says so).</summary>
    public const int CloudWatchFreeCustomMetrics = 10;
    public const int CloudWatchFreeAlarmMetrics = 10;
    public const int CloudWatchFreeDashboards = 3;
    public const decimal CloudWatchFreeLogsGb = 5m;

    // ---- Tracing and threat detection -----------------------------------------------------------

    /// <summary>X-Ray traces recorded, per million (always free: 100,000 a month).</summary>
    public const decimal XRayTracesRecordedPerMillion = 5.00m;
    public const decimal XRayFreeTracesRecordedMillion = 0.1m;

    /// <summary>GuardDuty foundational: CloudTrail management events analysed, per million (first 500 M tier).</summary>
    public const decimal GuardDutyCloudTrailEventsPerMillion = 4.00m;

    /// <summary>GuardDuty foundational: VPC flow logs and DNS query logs analysed, per GB (first 500 GB tier).</summary>
    public const decimal GuardDutyFlowAndDnsLogsGb = 1.00m;

    /// <summary>GuardDuty S3 Protection: S3 data events analysed, per million (first 500 M tier).</summary>
    public const decimal GuardDutyS3DataEventsPerMillion = 0.80m;

    /// <summary>AWS Budgets: the first two budgets of an account are free.</summary>
    public const int FreeBudgets = 2;

    // ---- Storage --------------------------------------------------------------------------------
    public const decimal S3StandardGbMonth = 0.023m;
    public const decimal EcrGbMonth = 0.10m;
    public const decimal EfsStandardGbMonth = 0.30m;

    // ---- CloudFront (pay-as-you-go) -------------------------------------------------------------

    /// <summary>CloudFront's always-free tier per month: 10 million requests and 1 TB out.</summary>
    public const decimal CloudFrontFreeRequestsMillion = 10m;
    public const decimal CloudFrontFreeDataTransferGb = 1000m;

    /// <summary>Prices whose figure is derived or an "up to" value: printed under the table.</summary>
    public static IReadOnlyList<string> VerifyNotes { get; } =
    [
        "Fargate Spot priced at 70% off on-demand (AWS: \"up to 70%\"; Spot prices move) - verify",
        "Valkey nodes priced at 80% of Redis OSS (AWS lists node-based Valkey 20% lower) - verify",
        "ElastiCache Serverless (Valkey) minimum about $6/month - verify",
        "GuardDuty at its first-tier prices ($4.00 per million CloudTrail management events, $1.00 per GB of VPC flow and DNS logs, $0.80 per million S3 data events); the 30-day trial is not applied - verify",
    ];
}
