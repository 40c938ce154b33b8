mock_provider "aws" {}

variables {
  environment        = "prod"
  subnet_ids         = ["subnet-aaaaaaaa", "subnet-bbbbbbbb"]
  security_group_ids = ["sg-12345678"]
}

run "prod_defaults_are_safe" {
  command = plan

  assert {
    condition     = aws_rds_cluster.this.storage_encrypted == true
    error_message = "Storage must be encrypted."
  }

  assert {
    condition     = alltrue([for i in aws_rds_cluster_instance.this : i.publicly_accessible == false])
    error_message = "No instance may be publicly accessible."
  }

  assert {
    condition     = aws_rds_cluster.this.backup_retention_period >= 7 && aws_rds_cluster.this.preferred_backup_window == "03:00-04:00"
    error_message = "Backups kept at least 7 days, in the 03:00-04:00 UTC window."
  }

  assert {
    condition     = aws_rds_cluster.this.deletion_protection == true && aws_rds_cluster.this.skip_final_snapshot == false && aws_rds_cluster.this.final_snapshot_identifier == "bmo-learning-prod-final"
    error_message = "prod needs deletion protection and a final snapshot."
  }

  assert {
    condition     = aws_rds_cluster.this.manage_master_user_password == true && aws_rds_cluster.this.master_password == null
    error_message = "The master password must be managed by RDS, never passed through Terraform."
  }

  assert {
    condition     = aws_rds_cluster.this.engine == "aurora-postgresql" && startswith(aws_rds_cluster.this.engine_version, "16.")
    error_message = "Aurora PostgreSQL 16.x expected."
  }

  assert {
    condition     = aws_rds_cluster.this.serverlessv2_scaling_configuration[0].min_capacity == 0 && aws_rds_cluster.this.serverlessv2_scaling_configuration[0].max_capacity == 2 && aws_rds_cluster.this.serverlessv2_scaling_configuration[0].seconds_until_auto_pause == 300
    error_message = "Default scaling is 0-2 ACU with auto-pause after 300 s."
  }

  assert {
    condition     = aws_rds_cluster_instance.this[0].instance_class == "db.serverless" && aws_rds_cluster.this.cluster_identifier == "bmo-learning-prod"
    error_message = "One db.serverless instance in cluster bmo-learning-prod."
  }

  assert {
    condition     = aws_rds_cluster_parameter_group.this.family == "aurora-postgresql16" && anytrue([for p in aws_rds_cluster_parameter_group.this.parameter : p.name == "rds.force_ssl" && p.value == "1"])
    error_message = "Cluster parameter group for PostgreSQL 16 forcing TLS."
  }
}

run "non_prod_skips_protection" {
  command = plan

  variables {
    environment = "staging"
  }

  assert {
    condition     = aws_rds_cluster.this.deletion_protection == false && aws_rds_cluster.this.skip_final_snapshot == true
    error_message = "Non-prod environments are disposable by default."
  }
}

run "no_cold_start_profile" {
  command = plan

  variables {
    min_capacity = 0.5
  }

  assert {
    condition     = aws_rds_cluster.this.serverlessv2_scaling_configuration[0].min_capacity == 0.5
    error_message = "The no-cold-start profile keeps 0.5 ACU."
  }
}

run "rejects_max_below_min" {
  command = plan

  variables {
    min_capacity = 4
    max_capacity = 2
  }

  expect_failures = [var.max_capacity]
}

run "rejects_retention_below_7" {
  command = plan

  variables {
    backup_retention_period = 3
  }

  expect_failures = [var.backup_retention_period]
}

run "rejects_auto_pause_on_old_engine" {
  command = plan

  variables {
    engine_version = "16.2"
  }

  expect_failures = [var.min_capacity]
}

run "rejects_half_step_violation" {
  command = plan

  variables {
    min_capacity = 0.3
  }

  expect_failures = [var.min_capacity]
}

run "rejects_bad_backup_window" {
  command = plan

  variables {
    preferred_backup_window = "3am"
  }

  expect_failures = [var.preferred_backup_window]
}
