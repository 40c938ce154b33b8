mock_provider "aws" {}

variables {
  environment        = "prod"
  subnet_ids         = ["subnet-aaaaaaaa", "subnet-bbbbbbbb"]
  security_group_ids = ["sg-12345678"]
}

run "default_is_one_small_encrypted_node" {
  command = plan

  assert {
    condition     = length(aws_elasticache_replication_group.this) == 1 && aws_elasticache_replication_group.this[0].node_type == "cache.t4g.micro" && aws_elasticache_replication_group.this[0].num_cache_clusters == 1
    error_message = "One cache.t4g.micro node by default."
  }

  assert {
    condition     = aws_elasticache_replication_group.this[0].transit_encryption_enabled && aws_elasticache_replication_group.this[0].at_rest_encryption_enabled
    error_message = "Encryption in transit and at rest."
  }

  assert {
    condition     = aws_elasticache_replication_group.this[0].replication_group_id == "bmo-learning-prod" && aws_elasticache_replication_group.this[0].engine == "redis"
    error_message = "Seed name bmo-learning-prod, Redis engine."
  }
}

run "disabled_creates_nothing" {
  command = plan

  variables {
    enabled = false
  }

  assert {
    condition     = length(aws_elasticache_replication_group.this) == 0 && length(aws_elasticache_subnet_group.this) == 0 && output.url == null
    error_message = "Disabled cache must create nothing and give no URL."
  }
}

run "valkey_with_replica_fails_over" {
  command = plan

  variables {
    engine             = "valkey"
    num_cache_clusters = 2
  }

  assert {
    condition     = aws_elasticache_replication_group.this[0].engine_version == "8.0" && aws_elasticache_replication_group.this[0].automatic_failover_enabled
    error_message = "Valkey 8.0 with failover."
  }
}

run "rejects_unknown_engine" {
  command = plan

  variables {
    engine = "memcached"
  }

  expect_failures = [var.engine]
}

run "rejects_bad_node_type" {
  command = plan

  variables {
    node_type = "t4g.micro"
  }

  expect_failures = [var.node_type]
}
