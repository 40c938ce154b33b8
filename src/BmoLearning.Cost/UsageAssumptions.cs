using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BmoLearning.Cost;

/// <summary>Usage the plan cannot tell: awake hours, traffic, stored gigabytes. Read from a JSON file.</summary>
/// <remarks>
/// Keys are snake_case (<c>aurora_active_hours_per_month</c>); a key the estimator does not know
/// is an error, so a typo cannot silently fall back to a default. <c>notes</c> maps a key to the
/// reason for its value; the report prints it beside the value. The defaults describe a small
/// pilot (a few dozen learners) and are the values docs/cost.md explains.
/// </remarks>
public sealed record UsageAssumptions
{
    /// <summary>Built-in defaults (used when no usage file is given).</summary>
    public static UsageAssumptions Default { get; } = new();

    /// <summary>Hours a month an auto-pausing (min 0 ACU) Aurora cluster is awake. Default 91.25 = 3 h a day.</summary>
    [JsonPropertyName("aurora_active_hours_per_month")]
    public decimal AuroraActiveHoursPerMonth { get; init; } = 91.25m;

    /// <summary>ACU-hours a month above the minimum (bursts). Default 0.</summary>
    [JsonPropertyName("aurora_burst_acu_hours_per_month")]
    public decimal AuroraBurstAcuHoursPerMonth { get; init; }

    /// <summary>Aurora storage in GB. Default 2.</summary>
    [JsonPropertyName("aurora_storage_gb")]
    public decimal AuroraStorageGb { get; init; } = 2m;

    /// <summary>Aurora I/O requests a month, in millions (standard storage only). Default 2.</summary>
    [JsonPropertyName("aurora_io_million_requests")]
    public decimal AuroraIoMillionRequests { get; init; } = 2m;

    /// <summary>Average (N)LCUs per hour of each load balancer. Default 0.05.</summary>
    [JsonPropertyName("load_balancer_capacity_units_per_hour")]
    public decimal LoadBalancerCapacityUnitsPerHour { get; init; } = 0.05m;

    /// <summary>Zones of an internet-facing load balancer when the plan does not tell. Default null (then 2).</summary>
    [JsonPropertyName("load_balancer_availability_zones")]
    public int? LoadBalancerAvailabilityZones { get; init; }

    /// <summary>Requests a month through each WAF web ACL, in millions. Default 0.5.</summary>
    [JsonPropertyName("waf_requests_million")]
    public decimal WafRequestsMillion { get; init; } = 0.5m;

    /// <summary>CloudFront requests a month, in millions. Default 0.5.</summary>
    [JsonPropertyName("cloudfront_requests_million")]
    public decimal CloudFrontRequestsMillion { get; init; } = 0.5m;

    /// <summary>CloudFront data transfer out a month, in GB. Default 5.</summary>
    [JsonPropertyName("cloudfront_data_transfer_gb")]
    public decimal CloudFrontDataTransferGb { get; init; } = 5m;

    /// <summary>CloudWatch Logs ingested a month across all log groups, in GB. Default 1.</summary>
    [JsonPropertyName("log_ingested_gb_per_month")]
    public decimal LogIngestedGbPerMonth { get; init; } = 1m;

    /// <summary>CloudWatch Logs stored, in GB; null derives it from ingestion and the longest retention.</summary>
    [JsonPropertyName("log_stored_gb")]
    public decimal? LogStoredGb { get; init; }

    /// <summary>S3 Standard storage across all buckets, in GB. Default 2.</summary>
    [JsonPropertyName("s3_storage_gb")]
    public decimal S3StorageGb { get; init; } = 2m;

    /// <summary>ECR image storage across all repositories, in GB. Default 2.</summary>
    [JsonPropertyName("ecr_storage_gb")]
    public decimal EcrStorageGb { get; init; } = 2m;

    /// <summary>EFS Standard storage, in GB. Default 0.</summary>
    [JsonPropertyName("efs_storage_gb")]
    public decimal EfsStorageGb { get; init; }

    /// <summary>Secrets Manager API calls a month, in units of 10,000. Default 0 (ECS reads secrets at task start only).</summary>
    [JsonPropertyName("secrets_manager_api_calls_10k")]
    public decimal SecretsManagerApiCalls10k { get; init; }

    /// <summary>
    /// Whether the account's always-free CloudWatch allowances (10 custom metrics, 10 alarm metrics,
    /// 3 dashboards, 5 GB of logs) and X-Ray's 100,000 traces belong to this stack. Default false:
    /// true only in an account (and AWS Organization) where no other workload uses them.
    /// </summary>
    [JsonPropertyName("always_free_tier")]
    public bool AlwaysFreeTier { get; init; }

    /// <summary>X-Ray traces recorded a month, in millions (collector sidecar only). Default 0.05.</summary>
    [JsonPropertyName("xray_traces_million")]
    public decimal XRayTracesMillion { get; init; } = 0.05m;

    /// <summary>CloudTrail management events GuardDuty analyses a month, in millions. Default 0.2.</summary>
    [JsonPropertyName("guardduty_cloudtrail_events_million")]
    public decimal GuardDutyCloudTrailEventsMillion { get; init; } = 0.2m;

    /// <summary>VPC flow and DNS log volume GuardDuty analyses a month, in GB. Default 1.</summary>
    [JsonPropertyName("guardduty_flow_dns_logs_gb")]
    public decimal GuardDutyFlowDnsLogsGb { get; init; } = 1m;

    /// <summary>S3 data events GuardDuty analyses a month (S3 Protection), in millions. Default 0.1.</summary>
    [JsonPropertyName("guardduty_s3_data_events_million")]
    public decimal GuardDutyS3DataEventsMillion { get; init; } = 0.1m;

    /// <summary>Why each value was chosen, by key; printed with the report.</summary>
    [JsonPropertyName("notes")]
    public IReadOnlyDictionary<string, string> Notes { get; init; } = new Dictionary<string, string>();

    /// <summary>Where the values came from: a file path, or "built-in defaults".</summary>
    [JsonIgnore]
    public string Source { get; init; } = "built-in defaults";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>Every key a usage file may hold, with its value as printed in a report.</summary>
    [JsonIgnore]
    public IReadOnlyList<KeyValuePair<string, string>> Values =>
    [
        new("aurora_active_hours_per_month", Format(AuroraActiveHoursPerMonth)),
        new("aurora_burst_acu_hours_per_month", Format(AuroraBurstAcuHoursPerMonth)),
        new("aurora_storage_gb", Format(AuroraStorageGb)),
        new("aurora_io_million_requests", Format(AuroraIoMillionRequests)),
        new("load_balancer_capacity_units_per_hour", Format(LoadBalancerCapacityUnitsPerHour)),
        new("load_balancer_availability_zones", LoadBalancerAvailabilityZones?.ToString(CultureInfo.InvariantCulture) ?? "null"),
        new("waf_requests_million", Format(WafRequestsMillion)),
        new("cloudfront_requests_million", Format(CloudFrontRequestsMillion)),
        new("cloudfront_data_transfer_gb", Format(CloudFrontDataTransferGb)),
        new("log_ingested_gb_per_month", Format(LogIngestedGbPerMonth)),
        new("log_stored_gb", LogStoredGb is { } stored ? Format(stored) : "null"),
        new("s3_storage_gb", Format(S3StorageGb)),
        new("ecr_storage_gb", Format(EcrStorageGb)),
        new("efs_storage_gb", Format(EfsStorageGb)),
        new("secrets_manager_api_calls_10k", Format(SecretsManagerApiCalls10k)),
        new("always_free_tier", AlwaysFreeTier ? "true" : "false"),
        new("xray_traces_million", Format(XRayTracesMillion)),
        new("guardduty_cloudtrail_events_million", Format(GuardDutyCloudTrailEventsMillion)),
        new("guardduty_flow_dns_logs_gb", Format(GuardDutyFlowDnsLogsGb)),
        new("guardduty_s3_data_events_million", Format(GuardDutyS3DataEventsMillion)),
    ];

    /// <summary>Reads a usage file. Throws <see cref="CostInputException"/> naming the bad key.</summary>
    public static UsageAssumptions Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CostInputException($"usage file {path}: {e.Message}", e);
        }

        return Parse(json, path);
    }

    /// <summary>Parses usage JSON; <paramref name="source"/> names it in errors and in the report.</summary>
    public static UsageAssumptions Parse(string json, string source = "usage JSON")
    {
        UsageAssumptions? usage;
        try
        {
            usage = JsonSerializer.Deserialize<UsageAssumptions>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new CostInputException($"{source}: {e.Message}", e);
        }

        if (usage is null)
        {
            throw new CostInputException($"{source}: expected a JSON object of usage values.");
        }

        usage = usage with { Source = source };
        usage.Validate();
        return usage;
    }

    private void Validate()
    {
        decimal?[] amounts =
        [
            AuroraActiveHoursPerMonth, AuroraBurstAcuHoursPerMonth, AuroraStorageGb, AuroraIoMillionRequests,
            LoadBalancerCapacityUnitsPerHour, WafRequestsMillion, CloudFrontRequestsMillion, CloudFrontDataTransferGb,
            LogIngestedGbPerMonth, LogStoredGb, S3StorageGb, EcrStorageGb, EfsStorageGb, SecretsManagerApiCalls10k,
            XRayTracesMillion, GuardDutyCloudTrailEventsMillion, GuardDutyFlowDnsLogsGb, GuardDutyS3DataEventsMillion,
        ];
        string[] keys =
        [
            "aurora_active_hours_per_month", "aurora_burst_acu_hours_per_month", "aurora_storage_gb", "aurora_io_million_requests",
            "load_balancer_capacity_units_per_hour", "waf_requests_million", "cloudfront_requests_million", "cloudfront_data_transfer_gb",
            "log_ingested_gb_per_month", "log_stored_gb", "s3_storage_gb", "ecr_storage_gb", "efs_storage_gb", "secrets_manager_api_calls_10k",
            "xray_traces_million", "guardduty_cloudtrail_events_million", "guardduty_flow_dns_logs_gb", "guardduty_s3_data_events_million",
        ];
        for (var i = 0; i < amounts.Length; i++)
        {
            if (amounts[i] < 0)
            {
                throw new CostInputException($"{Source}: {keys[i]} must not be negative (got {Format(amounts[i]!.Value)}).");
            }
        }

        if (LoadBalancerAvailabilityZones is < 1)
        {
            throw new CostInputException($"{Source}: load_balancer_availability_zones must be at least 1.");
        }

        if (AuroraActiveHoursPerMonth > PriceTable.HoursPerMonth)
        {
            throw new CostInputException($"{Source}: aurora_active_hours_per_month cannot exceed {PriceTable.HoursPerMonth} (hours in a month).");
        }

        var known = Values.Select(v => v.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var key in Notes.Keys)
        {
            if (!known.Contains(key))
            {
                throw new CostInputException($"{Source}: notes has an entry for unknown key '{key}'.");
            }
        }
    }

    internal string? NoteFor(string key) => Notes.TryGetValue(key, out var note) ? note : null;

    internal static string Format(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}

/// <summary>A plan or usage file the estimator cannot read; the message says what and where.</summary>
public sealed class CostInputException : Exception
{
    public CostInputException(string message)
        : base(message)
    {
    }

    public CostInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CostInputException()
    {
    }
}
