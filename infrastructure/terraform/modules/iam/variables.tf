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

variable "secret_arns" {
  description = "ARNs of the secrets the execution role may read (this environment's secrets and the RDS-managed master secret). Nothing else."
  type        = list(string)
  default     = []
}

variable "ssm_parameter_arns" {
  description = "ARNs of the SSM SecureString parameters the execution role may read (this environment's secrets when they live in Parameter Store). Nothing else."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.ssm_parameter_arns : can(regex("^arn:aws[a-z-]*:ssm:[a-z0-9-]+:[0-9]{12}:parameter/", arn))])
    error_message = "ssm_parameter_arns must be SSM parameter ARNs (arn:aws:ssm:<region>:<account>:parameter/...)."
  }
}

variable "secrets_kms_key_arns" {
  description = "Customer-managed KMS keys protecting those secrets or parameters (empty with the default aws/secretsmanager or aws/ssm key)."
  type        = list(string)
  default     = []
}

variable "log_group_arns" {
  description = "ARNs of the log groups the tasks write to."
  type        = list(string)
  default     = []
}

variable "ecr_repository_arn" {
  description = "ARN of the image repository the tasks pull from."
  type        = string
}

variable "documents_bucket_arn" {
  description = "ARN of the documents bucket: the only AWS resource the application itself may use."
  type        = string
}

variable "enable_execute_command" {
  description = "Grant the task role the ssmmessages permissions aws ecs execute-command needs."
  type        = bool
  default     = false
}

variable "github_repository" {
  description = "owner/repo allowed to assume the deploy role through GitHub OIDC; null creates no deploy role."
  type        = string
  default     = null

  validation {
    condition     = var.github_repository == null || can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must look like owner/repo."
  }
}

variable "github_subjects" {
  description = "OIDC subject patterns (after repo:<owner/repo>:) allowed to deploy, e.g. ref:refs/heads/main or environment:prod."
  type        = list(string)
  default     = ["ref:refs/heads/main", "environment:prod"]

  validation {
    condition     = length(var.github_subjects) > 0
    error_message = "Give at least one subject pattern."
  }
}

variable "github_oidc_provider_arn" {
  description = "ARN of an existing token.actions.githubusercontent.com OIDC provider (one per account). Null with github_repository set creates it."
  type        = string
  default     = null

  validation {
    condition     = var.github_oidc_provider_arn == null || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/token.actions.githubusercontent.com$", var.github_oidc_provider_arn))
    error_message = "github_oidc_provider_arn must be the ARN of the GitHub Actions OIDC provider."
  }
}

variable "ecs_cluster_arn" {
  description = "ECS cluster the deploy role may update services in and run tasks on."
  type        = string
  default     = null
}

variable "terraform_state_bucket" {
  description = "S3 bucket holding this environment's Terraform state (from bootstrap/). When set, the deploy role may read and write <project>/<environment>/* in it, so a workflow can run terraform apply -var image_tag=... ; null: no state access."
  type        = string
  default     = null

  validation {
    condition     = var.terraform_state_bucket == null || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", coalesce(var.terraform_state_bucket, "x")))
    error_message = "terraform_state_bucket must be an S3 bucket name."
  }
}

variable "otel_collector_enabled" {
  description = "The tasks run the ADOT collector sidecar: the task role may then send traces to X-Ray and write EMF metrics into the cluster's log groups."
  type        = bool
  default     = false
}
