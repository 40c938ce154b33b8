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

variable "limit_usd" {
  description = "Monthly cost budget in USD."
  type        = number
  default     = 100

  validation {
    condition     = var.limit_usd > 0 && var.limit_usd <= 1000000
    error_message = "limit_usd must be positive."
  }
}

variable "emails" {
  description = "Addresses notified at 80% of actual and 100% of forecasted spend."
  type        = list(string)

  validation {
    condition     = length(var.emails) >= 1 && length(var.emails) <= 10 && alltrue([for e in var.emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "emails must hold 1-10 e-mail addresses."
  }
}

variable "actual_threshold_percent" {
  description = "Percent of the limit at which actual spend notifies."
  type        = number
  default     = 80

  validation {
    condition     = var.actual_threshold_percent > 0 && var.actual_threshold_percent <= 1000
    error_message = "actual_threshold_percent must be in (0, 1000]."
  }
}

variable "forecast_threshold_percent" {
  description = "Percent of the limit at which forecasted spend notifies."
  type        = number
  default     = 100

  validation {
    condition     = var.forecast_threshold_percent > 0 && var.forecast_threshold_percent <= 1000
    error_message = "forecast_threshold_percent must be in (0, 1000]."
  }
}
