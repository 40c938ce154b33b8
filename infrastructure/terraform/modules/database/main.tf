# Aurora Serverless v2 PostgreSQL. pgvector ships with Aurora PostgreSQL and needs no parameter:
# `bmo migrate` runs CREATE EXTENSION IF NOT EXISTS vector.

locals {
  name                = "${var.project}-${var.environment}"
  tags                = merge(var.tags, { Project = var.project, Environment = var.environment })
  is_prod             = var.environment == "prod"
  major_version       = split(".", var.engine_version)[0]
  deletion_protection = coalesce(var.deletion_protection, local.is_prod)
  skip_final_snapshot = coalesce(var.skip_final_snapshot, !local.is_prod)

  parameters = merge(
    var.require_tls ? { "rds.force_ssl" = "1" } : {},
    var.cluster_parameters
  )
}

resource "aws_db_subnet_group" "this" {
  name        = local.name
  description = "Private subnets of ${local.name}"
  subnet_ids  = var.subnet_ids
  tags        = local.tags
}

resource "aws_rds_cluster_parameter_group" "this" {
  name_prefix = "${local.name}-"
  family      = "aurora-postgresql${local.major_version}"
  description = "Cluster parameters of ${local.name}"

  dynamic "parameter" {
    for_each = local.parameters
    content {
      name         = parameter.key
      value        = parameter.value
      apply_method = "immediate"
    }
  }

  tags = local.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_rds_cluster" "this" {
  cluster_identifier = local.name
  engine             = "aurora-postgresql"
  engine_mode        = "provisioned"
  engine_version     = var.engine_version
  database_name      = var.database_name
  port               = 5432

  master_username             = var.master_username
  manage_master_user_password = true

  db_subnet_group_name            = aws_db_subnet_group.this.name
  vpc_security_group_ids          = var.security_group_ids
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.this.name

  storage_encrypted = true
  kms_key_id        = var.kms_key_id

  backup_retention_period      = var.backup_retention_period
  preferred_backup_window      = var.preferred_backup_window
  preferred_maintenance_window = var.preferred_maintenance_window
  copy_tags_to_snapshot        = true

  deletion_protection       = local.deletion_protection
  skip_final_snapshot       = local.skip_final_snapshot
  final_snapshot_identifier = local.skip_final_snapshot ? null : "${local.name}-final"

  apply_immediately = var.apply_immediately

  serverlessv2_scaling_configuration {
    min_capacity = var.min_capacity
    max_capacity = var.max_capacity
    # Only meaningful (and only accepted) when the cluster may pause.
    seconds_until_auto_pause = var.min_capacity == 0 ? var.seconds_until_auto_pause : null
  }

  tags = merge(local.tags, { Name = local.name })
}

resource "aws_rds_cluster_instance" "this" {
  count = var.instance_count

  identifier          = "${local.name}-${count.index + 1}"
  cluster_identifier  = aws_rds_cluster.this.id
  engine              = aws_rds_cluster.this.engine
  engine_version      = aws_rds_cluster.this.engine_version
  instance_class      = "db.serverless"
  publicly_accessible = false

  auto_minor_version_upgrade = true
  apply_immediately          = var.apply_immediately

  tags = merge(local.tags, { Name = "${local.name}-${count.index + 1}" })
}
