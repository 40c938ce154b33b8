output "lb_security_group_id" {
  description = "Security group of the load balancer."
  value       = aws_security_group.this["lb"].id
}

output "tasks_security_group_id" {
  description = "Security group of the ECS tasks."
  value       = aws_security_group.this["tasks"].id
}

output "database_security_group_id" {
  description = "Security group of the Aurora cluster."
  value       = aws_security_group.this["database"].id
}

output "cache_security_group_id" {
  description = "Security group of the ElastiCache replication group."
  value       = aws_security_group.this["cache"].id
}

output "ingress_rules" {
  description = "Every ingress rule this module creates, by key: group, port and source."
  value       = local.ingress
}
