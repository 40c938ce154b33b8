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

variable "documents_bucket_name" {
  description = "Name of the documents bucket. Null lets AWS make a unique name from the prefix <project>-<environment>-documents- (bucket names are global)."
  type        = string
  default     = null

  validation {
    condition     = var.documents_bucket_name == null || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.documents_bucket_name))
    error_message = "documents_bucket_name must be a valid S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)."
  }
}

variable "backups_bucket_name" {
  description = "Name of the backups bucket. Null lets AWS make a unique name from the prefix <project>-<environment>-backups-."
  type        = string
  default     = null

  validation {
    condition     = var.backups_bucket_name == null || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.backups_bucket_name))
    error_message = "backups_bucket_name must be a valid S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)."
  }
}

variable "kms_key_arn" {
  description = "KMS key for default encryption; null uses SSE-S3 (AES256, free)."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN."
  }
}

variable "noncurrent_version_expiration_days" {
  description = "Days an overwritten or deleted object version is kept in both buckets."
  type        = number
  default     = 30

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1 && var.noncurrent_version_expiration_days <= 3650
    error_message = "noncurrent_version_expiration_days must be 1-3650."
  }
}

variable "backups_transition_days" {
  description = "Days after which backups move to STANDARD_IA (0 disables; S3 requires at least 30)."
  type        = number
  default     = 30

  validation {
    condition     = var.backups_transition_days == 0 || var.backups_transition_days >= 30
    error_message = "backups_transition_days must be 0 or at least 30."
  }
}

variable "backups_expiration_days" {
  description = "Days after which backups expire."
  type        = number
  default     = 365

  validation {
    condition     = var.backups_expiration_days >= 7 && var.backups_expiration_days <= 3650
    error_message = "backups_expiration_days must be 7-3650."
  }
}

variable "force_destroy" {
  description = "Allow terraform destroy to delete non-empty buckets."
  type        = bool
  default     = false
}
