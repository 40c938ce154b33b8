variable "project" {
  description = "Project name; prefixes every resource name (for example bmo-learning)."
  type        = string
  default     = "bmo-learning"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,22}$", var.project))
    error_message = "project must be 2-23 characters: lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "tags" {
  description = "Tags added to every resource this module creates."
  type        = map(string)
  default     = {}
}

variable "name" {
  description = "Repository name."
  type        = string
  default     = "bmo-learning"

  validation {
    condition     = can(regex("^[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*$", var.name)) && length(var.name) >= 2 && length(var.name) <= 256
    error_message = "name must be a valid ECR repository name (lowercase, digits, . _ - and / separators)."
  }
}

variable "image_tag_mutability" {
  description = "IMMUTABLE (a tag, e.g. the git SHA, always means the same image) or MUTABLE."
  type        = string
  default     = "IMMUTABLE"

  validation {
    condition     = contains(["IMMUTABLE", "MUTABLE"], var.image_tag_mutability)
    error_message = "image_tag_mutability must be IMMUTABLE or MUTABLE."
  }
}

variable "scan_on_push" {
  description = "Scan images for vulnerabilities when pushed (basic scanning, free)."
  type        = bool
  default     = true
}

variable "keep_last_images" {
  description = "Number of most recent images kept; older ones expire."
  type        = number
  default     = 20

  validation {
    condition     = var.keep_last_images >= 1 && var.keep_last_images <= 1000 && floor(var.keep_last_images) == var.keep_last_images
    error_message = "keep_last_images must be 1-1000."
  }
}

variable "untagged_expire_days" {
  description = "Days after which untagged images (left-over layers of multi-arch pushes) expire."
  type        = number
  default     = 7

  validation {
    condition     = var.untagged_expire_days >= 1 && var.untagged_expire_days <= 365
    error_message = "untagged_expire_days must be 1-365."
  }
}

variable "force_delete" {
  description = "Allow terraform destroy to delete the repository while it still holds images."
  type        = bool
  default     = false
}
