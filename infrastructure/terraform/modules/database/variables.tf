variable "project" {
  description = "Project name; prefixes every resource name (for example bmo-learning)."
  type        = string
  default     = "bmo-learning"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,22}$", var.project))
    error_message = "project must be 2-23 characters: lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "environment" {
  description = "Environment name (prod, staging, ...); part of every resource name."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,15}$", var.environment))
    error_message = "environment must match ^[a-z][a-z0-9-]{1,15}$ (for example prod)."
  }
}

variable "tags" {
  description = "Tags added to every resource this module creates."
  type        = map(string)
  default     = {}
}

variable "subnet_ids" {
  description = "Private subnets (two zones or more) for the DB subnet group."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "Aurora needs subnets in at least two availability zones."
  }
}

variable "security_group_ids" {
  description = "Security groups of the cluster (the one that admits only the tasks on 5432)."
  type        = list(string)

  validation {
    condition     = length(var.security_group_ids) >= 1
    error_message = "Give at least one security group."
  }
}

variable "engine_version" {
  description = "Aurora PostgreSQL version. Scaling to 0 ACU needs 16.3+ (or 15.7+); pgvector with HNSW is included."
  type        = string
  default     = "16.6"

  validation {
    condition     = can(regex("^1[5-7]\\.[0-9]+$", var.engine_version))
    error_message = "engine_version must be an Aurora PostgreSQL 15.x, 16.x or 17.x version such as 16.6."
  }
}

variable "database_name" {
  description = "Name of the initial database."
  type        = string
  default     = "bmo_learning"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.database_name))
    error_message = "database_name must start with a letter and hold only lowercase letters, digits and underscores (max 63)."
  }
}

variable "master_username" {
  description = "Master user name. Its password is generated and rotated by RDS in Secrets Manager (manage_master_user_password)."
  type        = string
  default     = "bmo"

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,15}$", var.master_username)) && !contains(["admin", "postgres", "rdsadmin"], var.master_username)
    error_message = "master_username must be 1-16 lowercase letters, digits or underscores, start with a letter, and not be a reserved name."
  }
}

variable "min_capacity" {
  description = "Minimum Aurora capacity units. 0 lets the cluster pause when no client holds a connection (about 15 s to resume); 0.5 never cold-starts but costs about $44/month."
  type        = number
  default     = 0

  validation {
    condition     = var.min_capacity >= 0 && var.min_capacity <= 256 && floor(var.min_capacity * 2) == var.min_capacity * 2
    error_message = "min_capacity must be 0-256 in steps of 0.5."
  }

  validation {
    condition = var.min_capacity > 0 || (
      (tonumber(split(".", var.engine_version)[0]) == 15 && tonumber(split(".", var.engine_version)[1]) >= 7) ||
      (tonumber(split(".", var.engine_version)[0]) == 16 && tonumber(split(".", var.engine_version)[1]) >= 3) ||
      tonumber(split(".", var.engine_version)[0]) >= 17
    )
    error_message = "min_capacity = 0 (auto-pause) needs Aurora PostgreSQL 15.7+, 16.3+ or 17.x."
  }
}

variable "max_capacity" {
  description = "Maximum Aurora capacity units; must be at least min_capacity and at least 1."
  type        = number
  default     = 2

  validation {
    condition     = var.max_capacity >= 1 && var.max_capacity <= 256 && floor(var.max_capacity * 2) == var.max_capacity * 2
    error_message = "max_capacity must be 1-256 in steps of 0.5."
  }

  validation {
    condition     = var.max_capacity >= var.min_capacity
    error_message = "max_capacity must be greater than or equal to min_capacity."
  }
}

variable "seconds_until_auto_pause" {
  description = "Idle seconds (no connections) before a cluster with min_capacity 0 pauses."
  type        = number
  default     = 300

  validation {
    condition     = var.seconds_until_auto_pause >= 300 && var.seconds_until_auto_pause <= 86400
    error_message = "seconds_until_auto_pause must be 300-86400."
  }
}

variable "instance_count" {
  description = "Number of db.serverless instances (1 writer; more add readers for failover, each billed in ACUs)."
  type        = number
  default     = 1

  validation {
    condition     = var.instance_count >= 1 && var.instance_count <= 3 && floor(var.instance_count) == var.instance_count
    error_message = "instance_count must be 1, 2 or 3."
  }
}

variable "backup_retention_period" {
  description = "Days automated backups are kept."
  type        = number
  default     = 7

  validation {
    condition     = var.backup_retention_period >= 7 && var.backup_retention_period <= 35 && floor(var.backup_retention_period) == var.backup_retention_period
    error_message = "backup_retention_period must be a whole number of days from 7 to 35."
  }
}

variable "preferred_backup_window" {
  description = "Daily backup window, UTC (hh24:mi-hh24:mi)."
  type        = string
  default     = "03:00-04:00"

  validation {
    condition     = can(regex("^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$", var.preferred_backup_window))
    error_message = "preferred_backup_window must look like 03:00-04:00."
  }
}

variable "preferred_maintenance_window" {
  description = "Weekly maintenance window, UTC (ddd:hh24:mi-ddd:hh24:mi); must not overlap the backup window."
  type        = string
  default     = "sun:04:30-sun:05:30"

  validation {
    condition     = can(regex("^(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]-(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]$", var.preferred_maintenance_window))
    error_message = "preferred_maintenance_window must look like sun:04:30-sun:05:30."
  }
}

variable "deletion_protection" {
  description = "Protect the cluster from deletion. Null means: on when environment is prod."
  type        = bool
  default     = null
}

variable "skip_final_snapshot" {
  description = "Skip the final snapshot on destroy. Null means: take one when environment is prod."
  type        = bool
  default     = null
}

variable "require_tls" {
  description = "Set rds.force_ssl = 1 in the cluster parameter group."
  type        = bool
  default     = true
}

variable "cluster_parameters" {
  description = "Extra cluster parameters (name => value), applied immediately."
  type        = map(string)
  default     = {}
}

variable "kms_key_id" {
  description = "KMS key ARN for storage encryption; null uses the AWS-managed RDS key."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_id == null || can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_id))
    error_message = "kms_key_id must be a KMS key ARN."
  }
}

variable "apply_immediately" {
  description = "Apply modifications immediately instead of in the maintenance window."
  type        = bool
  default     = false
}
