output "cluster_name" {
  description = "Name of the ECS cluster."
  value       = aws_ecs_cluster.this.name
}

output "cluster_arn" {
  description = "ARN of the ECS cluster."
  value       = aws_ecs_cluster.this.arn
}

output "service_names" {
  description = "ECS service name by role."
  value       = { for k, s in aws_ecs_service.this : k => s.name }
}

output "load_balanced_service_name" {
  description = "Name of the service behind the load balancer, or null."
  value       = one([for k, s in var.services : k if s.load_balanced])
}

output "task_definition_arns" {
  description = "Task definition ARN by role."
  value       = { for k, t in aws_ecs_task_definition.this : k => t.arn }
}

output "migrate_task_definition_arn" {
  description = "ARN (with revision) of the one-off migrate task definition."
  value       = aws_ecs_task_definition.migrate.arn
}

output "migrate_task_definition_family" {
  description = "Family of the migrate task definition (run-task picks its latest revision)."
  value       = aws_ecs_task_definition.migrate.family
}

output "log_group_names" {
  description = "Log group name by role (including migrate)."
  value       = { for k, g in aws_cloudwatch_log_group.this : k => g.name }
}

output "log_group_arns" {
  description = "ARNs of every log group of this cluster."
  value       = [for g in aws_cloudwatch_log_group.this : g.arn]
}

output "service_connect_namespace_arn" {
  description = "Service Connect namespace ARN, or null when no service publishes itself."
  value       = local.service_connect_enabled ? aws_service_discovery_http_namespace.this[0].arn : null
}

output "run_migrate_command" {
  description = "AWS CLI command that runs the migrate task once in the tasks' subnets."
  value = join(" ", [
    "aws ecs run-task --region ${var.region} --cluster ${aws_ecs_cluster.this.name}",
    "--task-definition ${aws_ecs_task_definition.migrate.family} --launch-type FARGATE",
    "--network-configuration 'awsvpcConfiguration={subnets=[${join(",", var.subnet_ids)}],securityGroups=[${join(",", var.security_group_ids)}],assignPublicIp=${var.assign_public_ip ? "ENABLED" : "DISABLED"}}'",
  ])
}

output "otel_collector_enabled" {
  description = "Whether every task runs the ADOT collector sidecar."
  value       = var.otel_collector.enabled
}

output "task_sizes" {
  description = "CPU units and MiB of each service's task (including the collector sidecar when enabled)."
  value       = local.task_size
}

output "otel_collector_task_share" {
  description = "By service: the CPU units and MiB each task grew by for the collector sidecar (empty when it is off). For cost estimation from the plan."
  value = { for role, s in var.services : aws_ecs_service.this[role].name => {
    cpu    = local.task_size[role].cpu - s.cpu
    memory = local.task_size[role].memory - s.memory
  } if local.collector }
}
