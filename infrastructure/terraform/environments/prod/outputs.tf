output "alb_dns_name" {
  description = "DNS name of the load balancer (internal in cloudfront mode)."
  value       = module.edge.alb_dns_name
}

output "public_url" {
  description = "Base URL of the API (curl <public_url>/health)."
  value       = module.edge.public_url
}

output "cloudfront_domain_name" {
  description = "CloudFront domain (cloudfront mode), else null."
  value       = module.edge.cloudfront_domain_name
}

output "ecr_repository_url" {
  description = "Push the image here: <ecr_repository_url>:<image_tag>."
  value       = module.ecr.repository_url
}

output "image" {
  description = "Image every task runs."
  value       = local.image
}

output "ecs_cluster_name" {
  description = "ECS cluster name."
  value       = module.ecs.cluster_name
}

output "ecs_service_names" {
  description = "ECS service name by role."
  value       = module.ecs.service_names
}

output "migrate_task_definition_arn" {
  description = "ARN of the migrate task definition."
  value       = module.ecs.migrate_task_definition_arn
}

output "migrate_task_definition_family" {
  description = "Family of the migrate task definition."
  value       = module.ecs.migrate_task_definition_family
}

output "run_migrate_command" {
  description = "Runs bmo migrate once as a Fargate task."
  value       = module.ecs.run_migrate_command
}

output "task_subnet_ids" {
  description = "Subnets for one-off tasks (aws ecs run-task)."
  value       = module.network.public_subnet_ids
}

output "task_security_group_id" {
  description = "Security group for one-off tasks."
  value       = module.security.tasks_security_group_id
}

output "log_group_names" {
  description = "Log group by role."
  value       = module.ecs.log_group_names
}

output "target_group_arn" {
  description = "Target group of the load-balanced service (aws elbv2 describe-target-health)."
  value       = module.edge.target_group_arn
}

output "web_acl_arn" {
  description = "WAF web ACL in front of the app."
  value       = module.edge.web_acl_arn
}

output "db_cluster_identifier" {
  description = "Aurora cluster identifier."
  value       = module.database.cluster_identifier
}

output "db_endpoint" {
  description = "Aurora writer endpoint."
  value       = module.database.endpoint
}

output "db_master_user_secret_arn" {
  description = "RDS-managed secret with the master credentials."
  value       = module.database.master_user_secret_arn
}

output "redis_endpoint" {
  description = "ElastiCache primary endpoint, or null."
  value       = module.cache.endpoint
}

output "documents_bucket" {
  description = "Documents bucket name."
  value       = module.storage.documents_bucket_id
}

output "backups_bucket" {
  description = "Backups bucket name."
  value       = module.storage.backups_bucket_id
}

output "secret_names" {
  description = "Secrets (SSM parameters or Secrets Manager secrets) to fill out of band before the first deploy."
  value       = values(module.secrets.names)
}

output "put_secret_commands" {
  description = "One command per secret that sets its value out of band: aws ssm put-parameter (default) or aws secretsmanager put-secret-value (replace VALUE)."
  value       = module.secrets.put_value_commands
}

output "alarm_topic_arn" {
  description = "SNS topic of the alarms."
  value       = module.observability.sns_topic_arn
}

output "alarm_names" {
  description = "CloudWatch alarm names."
  value       = module.observability.alarm_names
}

output "deploy_role_arn" {
  description = "GitHub OIDC deploy role, or null."
  value       = module.iam.deploy_role_arn
}

output "alb_availability_zone_count" {
  description = "Zones the ALB spans (an internet-facing ALB holds one public IPv4 per zone). For cost estimation from the plan."
  value       = module.edge.alb_availability_zone_count
}

output "alb_internal" {
  description = "Whether the ALB is internal (cloudfront mode: no public IPv4)."
  value       = var.edge_mode == "cloudfront"
}

output "cpu_architecture" {
  description = "ARM64 or X86_64: the platform the image must be built for (linux-arm64 or linux-x64)."
  value       = var.cpu_architecture
}

output "dashboard_name" {
  description = "CloudWatch dashboard (docs/runbooks/dashboard.md)."
  value       = module.observability.dashboard_name
}

output "query_definition_names" {
  description = "Saved Logs Insights queries (docs/runbooks/queries.md)."
  value       = module.observability.query_definition_names
}

output "guardduty_detector_id" {
  description = "GuardDuty detector id, or null."
  value       = module.observability.guardduty_detector_id
}

output "otel_collector_enabled" {
  description = "Whether the tasks run the ADOT collector sidecar (traces to X-Ray)."
  value       = module.ecs.otel_collector_enabled
}

output "otel_collector_task_share" {
  description = "CPU units and MiB each service's task grew by for the collector sidecar (empty when off). For cost estimation from the plan."
  value       = module.ecs.otel_collector_task_share
}

output "custom_metrics" {
  description = "Custom metrics the dashboard and alarms read (\"<namespace> <metric>\"). For cost estimation from the plan."
  value       = module.observability.custom_metrics
}
