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

variable "store" {
  description = "secretsmanager: Secrets Manager secrets <project>/<environment>/<name>, created without a value ($0.40 each a month). ssm: SSM Parameter Store SecureString parameters /<project>/<environment>/<name> (standard tier: free), created with initial_value through a write-only argument."
  type        = string
  default     = "secretsmanager"

  validation {
    condition     = contains(["secretsmanager", "ssm"], var.store)
    error_message = "store must be secretsmanager or ssm."
  }
}

variable "initial_value" {
  description = "store = ssm only: the non-secret value a parameter is created with (write-only: never in the state). Replace it out of band."
  type        = string
  default     = "unset"

  validation {
    condition     = length(var.initial_value) >= 1 && length(var.initial_value) <= 64 && !can(regex("^(sk-|xox[abp]-)", var.initial_value))
    error_message = "initial_value must be a short non-secret marker such as unset, never a real key."
  }
}

variable "names" {
  description = "Secret short names; each becomes <project>/<environment>/<name> (/<project>/<environment>/<name> in SSM)."
  type        = list(string)
  default = [
    "openai-api-key",
    "anthropic-api-key",
    "ai-service-api-key",
    "twilio-account-sid",
    "twilio-auth-token",
    "slack-bot-token",
    "slack-signing-secret",
    "bmo-admin-key",
  ]

  validation {
    condition     = length(var.names) == length(distinct(var.names)) && alltrue([for n in var.names : can(regex("^[a-z][a-z0-9-]{1,62}$", n))])
    error_message = "names must be distinct lowercase-hyphenated names."
  }
}

variable "recovery_window_in_days" {
  description = "Secrets Manager only: days a deleted secret can be restored (0 deletes at once)."
  type        = number
  default     = 7

  validation {
    condition     = var.recovery_window_in_days == 0 || (var.recovery_window_in_days >= 7 && var.recovery_window_in_days <= 30)
    error_message = "recovery_window_in_days must be 0 or 7-30."
  }
}

variable "kms_key_id" {
  description = "KMS key for the secrets or parameters; null uses aws/secretsmanager or aws/ssm (then the execution role needs no kms:Decrypt)."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_id == null || can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_id))
    error_message = "kms_key_id must be a KMS key ARN."
  }
}
