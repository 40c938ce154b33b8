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

variable "scope" {
  description = "REGIONAL (for an ALB, created in its region) or CLOUDFRONT (created through a us-east-1 provider)."
  type        = string
  default     = "REGIONAL"

  validation {
    condition     = contains(["REGIONAL", "CLOUDFRONT"], var.scope)
    error_message = "scope must be REGIONAL or CLOUDFRONT."
  }
}

variable "rate_limit" {
  description = "Requests per IP per evaluation window before the IP is blocked (seed: 100 per 5 minutes)."
  type        = number
  default     = 100

  validation {
    condition     = var.rate_limit >= 10 && var.rate_limit <= 2000000000 && floor(var.rate_limit) == var.rate_limit
    error_message = "rate_limit must be a whole number of at least 10 (the AWS WAF minimum)."
  }
}

variable "rate_window_seconds" {
  description = "Evaluation window of the rate rule in seconds."
  type        = number
  default     = 300

  validation {
    condition     = contains([60, 120, 300, 600], var.rate_window_seconds)
    error_message = "rate_window_seconds must be 60, 120, 300 or 600."
  }
}

variable "managed_rule_groups" {
  description = "AWS managed rule groups, in priority order after the rate rule. count_rule_names makes single rules count-only (SizeRestrictions_BODY would block document uploads over 8 KB)."
  type = list(object({
    name             = string
    count_rule_names = optional(list(string), [])
  }))
  default = [
    { name = "AWSManagedRulesCommonRuleSet", count_rule_names = ["SizeRestrictions_BODY"] },
    { name = "AWSManagedRulesSQLiRuleSet" },
  ]

  validation {
    condition     = alltrue([for g in var.managed_rule_groups : can(regex("^AWSManagedRules[A-Za-z0-9]+$", g.name))])
    error_message = "managed_rule_groups names must be AWS managed rule groups (AWSManagedRules...)."
  }
}
