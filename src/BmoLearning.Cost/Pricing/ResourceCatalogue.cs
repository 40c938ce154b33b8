namespace BmoLearning.Cost.Pricing;

/// <summary>Why a resource no pricer handled has no line: free, or charged but not in the table.</summary>
internal static class ResourceCatalogue
{
    private static readonly Dictionary<string, string> Free = new(StringComparer.Ordinal)
    {
        ["aws_vpc"] = "free",
        ["aws_subnet"] = "free",
        ["aws_internet_gateway"] = "free (data transfer out: first 100 GB a month free, then per GB; not priced)",
        ["aws_route"] = "free",
        ["aws_route_table"] = "free",
        ["aws_route_table_association"] = "free",
        ["aws_default_route_table"] = "free",
        ["aws_default_network_acl"] = "free",
        ["aws_network_acl"] = "free",
        ["aws_default_security_group"] = "free",
        ["aws_security_group"] = "free",
        ["aws_security_group_rule"] = "free",
        ["aws_vpc_security_group_ingress_rule"] = "free",
        ["aws_vpc_security_group_egress_rule"] = "free",
        ["aws_iam_role"] = "free",
        ["aws_iam_role_policy"] = "free",
        ["aws_iam_policy"] = "free",
        ["aws_iam_role_policy_attachment"] = "free",
        ["aws_iam_openid_connect_provider"] = "free",
        ["aws_ecs_cluster_capacity_providers"] = "free",
        ["aws_lb_listener"] = "free (the load balancer is priced)",
        ["aws_lb_listener_rule"] = "free (the load balancer is priced)",
        ["aws_lb_target_group"] = "free (the load balancer is priced)",
        ["aws_alb_listener"] = "free (the load balancer is priced)",
        ["aws_alb_target_group"] = "free (the load balancer is priced)",
        ["aws_db_subnet_group"] = "free",
        ["aws_db_parameter_group"] = "free",
        ["aws_rds_cluster_parameter_group"] = "free",
        ["aws_elasticache_subnet_group"] = "free",
        ["aws_elasticache_parameter_group"] = "free",
        ["aws_s3_bucket_policy"] = "free",
        ["aws_s3_bucket_public_access_block"] = "free",
        ["aws_s3_bucket_versioning"] = "free (old versions count as storage: s3_storage_gb)",
        ["aws_s3_bucket_server_side_encryption_configuration"] = "free (SSE-S3)",
        ["aws_s3_bucket_lifecycle_configuration"] = "free",
        ["aws_s3_bucket_ownership_controls"] = "free",
        ["aws_ecr_lifecycle_policy"] = "free",
        ["aws_ecr_repository_policy"] = "free",
        ["aws_sns_topic"] = "free tier: 1 million publishes and 1,000 e-mails a month",
        ["aws_sns_topic_subscription"] = "free tier: 1,000 e-mail notifications a month",
        ["aws_sns_topic_policy"] = "free",
        ["aws_cloudfront_vpc_origin"] = "free (no charge for VPC origins)",
        ["aws_cloudfront_cache_policy"] = "free",
        ["aws_cloudfront_origin_request_policy"] = "free",
        ["aws_service_discovery_http_namespace"] = "free (ECS Service Connect has no extra charge; its proxy uses task CPU and memory)",
        ["aws_acm_certificate"] = "free (public certificate)",
        ["aws_acm_certificate_validation"] = "free",
        ["aws_cloudwatch_event_rule"] = "free (AWS service events on the default bus)",
        ["aws_cloudwatch_event_target"] = "free",
        ["aws_kms_alias"] = "free",
        ["aws_cloudwatch_query_definition"] = "free to save; each run is billed per GB scanned ($0.005/GB; within the 5 GB free tier when it applies)",
    };

    private static readonly Dictionary<string, string> Charged = new(StringComparer.Ordinal)
    {
        ["aws_kms_key"] = "customer-managed KMS key: monthly key and request charges are not in the price table",
        ["aws_route53_zone"] = "hosted zone monthly charge is not in the price table",
        ["aws_route53_record"] = "DNS queries are not in the price table",
        ["aws_vpc_endpoint"] = "interface endpoints bill per AZ-hour and GB (not in the price table); gateway endpoints are free",
        ["aws_db_proxy"] = "RDS Proxy is not in the price table",
        ["aws_cloudtrail"] = "trail events beyond the first copy are not in the price table",
        ["aws_config_configuration_recorder"] = "AWS Config is not in the price table",
        ["aws_backup_plan"] = "AWS Backup storage is not in the price table",
    };

    public static (UnpricedKind Kind, string Reason) Describe(string type, Plan.PlanResource r)
    {
        if (type == "aws_vpc_endpoint" && r.String("vpc_endpoint_type") is "Gateway")
        {
            return (UnpricedKind.Free, "free (gateway endpoint)");
        }

        if (Free.TryGetValue(type, out var free))
        {
            return (UnpricedKind.Free, free);
        }

        if (Charged.TryGetValue(type, out var charged))
        {
            return (UnpricedKind.NotInPriceTable, charged);
        }

        if (type.StartsWith("aws_iam_", StringComparison.Ordinal))
        {
            return (UnpricedKind.Free, "free");
        }

        if (!type.StartsWith("aws_", StringComparison.Ordinal))
        {
            return (UnpricedKind.Free, "not an AWS resource");
        }

        return (UnpricedKind.NotInPriceTable, "no price for this type in the table: check whether it is billed");
    }
}
