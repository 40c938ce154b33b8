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
    target group (free metric; covers the load-balanced service). container_insights: the reference system's
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

variable "region" {
  description = "AWS region of the metrics the dashboard shows (the stack's region)."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must look like us-east-2."
  }
}

variable "log_group_names" {
  description = "Log groups the saved Logs Insights queries run over (the roles' /ecs/<project>-<environment>/<role> groups)."
  type        = list(string)

  validation {
    condition     = length(var.log_group_names) >= 1 && alltrue([for g in var.log_group_names : can(regex("^/ecs/[a-z0-9-]+/[a-z0-9-]+$", g))])
    error_message = "log_group_names must list at least one /ecs/<name>/<role> log group."
  }
}

variable "api_p95_threshold_seconds" {
  description = "Alarm when the load balancer's p95 target response time exceeds this many seconds for 3 periods of 5 minutes (seed target: API p95 < 500 ms)."
  type        = number
  default     = 0.5

  validation {
    condition     = var.api_p95_threshold_seconds > 0 && var.api_p95_threshold_seconds <= 60
    error_message = "api_p95_threshold_seconds must be in (0, 60]."
  }
}

variable "ai_p95_threshold_seconds" {
  description = "Alarm when the p95 of lesson generation exceeds this many seconds for 3 periods of 5 minutes (seed target: AI p95 < 5 s)."
  type        = number
  default     = 5

  validation {
    condition     = var.ai_p95_threshold_seconds > 0 && var.ai_p95_threshold_seconds <= 600
    error_message = "ai_p95_threshold_seconds must be in (0, 600]."
  }
}

variable "fallback_rate_threshold_percent" {
  description = "Alarm when more than this share (%) of lessons come from the offline generator because the preferred one failed, in 2 of 3 periods of 5 minutes."
  type        = number
  default     = 20

  validation {
    condition     = var.fallback_rate_threshold_percent > 0 && var.fallback_rate_threshold_percent < 100
    error_message = "fallback_rate_threshold_percent must be between 0 and 100 (exclusive)."
  }
}

variable "slow_request_ms" {
  description = "Requests slower than this (milliseconds) are listed by the slow-requests query."
  type        = number
  default     = 500

  validation {
    condition     = var.slow_request_ms >= 1 && floor(var.slow_request_ms) == var.slow_request_ms
    error_message = "slow_request_ms must be a whole number of milliseconds, at least 1."
  }
}

variable "guardduty_enabled" {
  description = "Turn on a GuardDuty detector in this account and region, with findings to the alarm topic. Off in the default $50 profile; on in profiles/hardened.tfvars (priced by bmo cost estimate). A region holds one detector: leave this off if the account already has one."
  type        = bool
  default     = false
}

variable "guardduty_features" {
  description = "GuardDuty protection plans beyond the foundational sources: s3_data_events (object-level API calls on the documents and backups buckets) and rds_login_events (Aurora logins). Every other plan is turned off."
  type = object({
    s3_data_events   = optional(bool, true)
    rds_login_events = optional(bool, false)
  })
  default = {}
}

variable "guardduty_min_severity" {
  description = "Lowest GuardDuty finding severity sent to the alarm topic (1-8.9: 4 = medium, 7 = high)."
  type        = number
  default     = 4

  validation {
    condition     = var.guardduty_min_severity >= 1 && var.guardduty_min_severity < 9
    error_message = "guardduty_min_severity must be from 1 to 8.9."
  }
}
