variable "region" {
  description = "Region of the state bucket."
  type        = string
  default     = "us-east-2"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must look like us-east-2."
  }
}

variable "bucket_name" {
  description = "Globally unique name of the Terraform state bucket, e.g. <org>-bmo-learning-tfstate. No default: bucket names are global and must not be copied from elsewhere."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name)) && !can(regex("\\.\\.|^xn--|-s3alias$", var.bucket_name))
    error_message = "bucket_name must be a valid S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)."
  }
}

variable "noncurrent_version_expiration_days" {
  description = "Days old state versions are kept (for rollback after a bad apply)."
  type        = number
  default     = 90

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1 && var.noncurrent_version_expiration_days <= 3650
    error_message = "noncurrent_version_expiration_days must be 1-3650."
  }
}

variable "tags" {
  description = "Tags on every resource."
  type        = map(string)
  default     = { Project = "bmo-learning", ManagedBy = "terraform-bootstrap" }
}
