output "enabled" {
  description = "Whether the cache exists."
  value       = var.enabled
}

output "endpoint" {
  description = "Primary endpoint host name, or null when disabled."
  value       = var.enabled ? aws_elasticache_replication_group.this[0].primary_endpoint_address : null
}

output "port" {
  description = "Cache port."
  value       = var.port
}

output "url" {
  description = "Connection URL for REDIS_URL (rediss:// because transit encryption is on), or null when disabled."
  value       = var.enabled ? "rediss://${aws_elasticache_replication_group.this[0].primary_endpoint_address}:${var.port}" : null
}

output "replication_group_id" {
  description = "Replication group id, or null when disabled."
  value       = var.enabled ? aws_elasticache_replication_group.this[0].id : null
}
