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

variable "alarm_email" {
  description = "E-mail subscribed to the alarm topic (the address must confirm the subscription); null for none."
  type        = string
  default     = null

  validation {
    condition     = var.alarm_email == null || can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.alarm_email))
    error_message = "alarm_email must be an e-mail address."
  }
}

variable "db_cluster_identifier" {
  description = "Aurora cluster identifier (DBClusterIdentifier dimension)."
  type        = string
}

variable "aurora_acu_threshold" {
  description = "Alarm when average ServerlessDatabaseCapacity over 5 minutes exceeds this (seed: 1.5)."
  type        = number
  default     = 1.5

  validation {
    condition     = var.aurora_acu_threshold > 0 && var.aurora_acu_threshold <= 256
    error_message = "aurora_acu_threshold must be in (0, 256]."
  }
}

variable "alb_arn_suffix" {
  description = "Load balancer ARN suffix (LoadBalancer dimension)."
  type        = string
}

variable "target_group_arn_suffix" {
  description = "Target group ARN suffix (TargetGroup dimension)."
  type        = string
}

variable "target_5xx_threshold" {
  description = "Alarm when targets return more than this many 5xx responses in 5 minutes (seed: 10)."
  type        = number
  default     = 10

  validation {
    condition     = var.target_5xx_threshold >= 1
    error_message = "target_5xx_threshold must be at least 1."
  }
}

variable "ecs_cluster_name" {
  description = "ECS cluster name (ClusterName dimension)."
  type        = string
}

variable "ecs_service_names" {
  description = "ECS services that must keep at least one running task (container_insights mode)."
  type        = list(string)
  default     = []
}

variable "load_balanced_service_name" {
  description = "Name of the service behind the target group (names its healthy-hosts alarm)."
  type        = string
  default     = "app"
}

variable "task_count_alarm" {
  description = <<-EOT
    How "running tasks < 1" is watched. healthy_hosts: AWS/ApplicationELB HealthyHostCount < 1 on the
    target group (free metric; covers the load-balanced service). container_insights: the seed's
    ECS/ContainerInsights RunningTaskCount < 1 per service (needs Container Insights on the cluster,
    paid metrics; covers services without a load balancer). both: the two.
  EOT
  type        = string
  default     = "healthy_hosts"

  validation {
    condition     = contains(["healthy_hosts", "container_insights", "both"], var.task_count_alarm)
    error_message = "task_count_alarm must be healthy_hosts, container_insights or both."
  }
}
