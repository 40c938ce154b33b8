# ElastiCache Redis/Valkey for Hangfire job storage and the distributed cache. Jobs in Redis let
# an idle Aurora cluster pause. The default eviction policy (volatile-lru) only evicts keys with a
# TTL, so cache entries go first and job data (no TTL) stays.

locals {
  name = "${var.project}-${var.environment}"
  tags = merge(var.tags, { Project = var.project, Environment = var.environment })

  engine_version = coalesce(var.engine_version, var.engine == "valkey" ? "8.0" : "7.1")
}

resource "aws_elasticache_subnet_group" "this" {
  count = var.enabled ? 1 : 0

  name        = local.name
  description = "Private subnets of ${local.name}"
  subnet_ids  = var.subnet_ids
  tags        = local.tags
}

resource "aws_elasticache_replication_group" "this" {
  count = var.enabled ? 1 : 0

  replication_group_id = local.name
  description          = "Jobs and cache of ${local.name}"
  engine               = var.engine
  engine_version       = local.engine_version
  node_type            = var.node_type
  num_cache_clusters   = var.num_cache_clusters
  port                 = var.port

  automatic_failover_enabled = var.num_cache_clusters > 1
  multi_az_enabled           = var.num_cache_clusters > 1

  subnet_group_name  = aws_elasticache_subnet_group.this[0].name
  security_group_ids = var.security_group_ids

  at_rest_encryption_enabled = true
  transit_encryption_enabled = true

  snapshot_retention_limit   = var.snapshot_retention_limit
  snapshot_window            = var.snapshot_window
  maintenance_window         = var.maintenance_window
  auto_minor_version_upgrade = true

  tags = merge(local.tags, { Name = local.name })
}
