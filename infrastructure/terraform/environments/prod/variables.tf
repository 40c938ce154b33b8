# ---- identity and placement -----------------------------------------------------------------

variable "project" {
  description = "Project name; prefixes every resource name."
  type        = string
  default     = "bmo-learning"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,22}$", var.project))
    error_message = "project must be 2-23 characters: lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "environment" {
  description = "Environment name; part of every resource name (bmo-learning-prod, /ecs/bmo-learning-prod/..., bmo-learning/prod/...)."
  type        = string
  default     = "prod"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,15}$", var.environment))
    error_message = "environment must match ^[a-z][a-z0-9-]{1,15}$."
  }
}

variable "region" {
  description = "AWS region."
  type        = string
  default     = "us-east-2"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must look like us-east-2."
  }
}

variable "availability_zones" {
  description = "Two (or more) zones; null uses <region>a and <region>b (no data source, so plans run offline)."
  type        = list(string)
  default     = null

  validation {
    condition     = var.availability_zones == null || (length(coalesce(var.availability_zones, [])) >= 2 && alltrue([for az in coalesce(var.availability_zones, []) : can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9][a-z]$", az))]))
    error_message = "availability_zones must list at least two zone names such as us-east-2a."
  }
}

variable "vpc_cidr" {
  description = "CIDR of the VPC."
  type        = string
  default     = "10.0.0.0/16"

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0))
    error_message = "vpc_cidr must be a valid IPv4 CIDR."
  }
}

variable "tags" {
  description = "Extra tags on every resource (provider default_tags)."
  type        = map(string)
  default     = {}
}

variable "offline_plan" {
  description = "Skip every AWS API call the provider makes on its own (credential, account, region checks) so a plan runs offline with fake credentials. Plans only: never apply with it."
  type        = bool
  default     = false
}

# ---- application ----------------------------------------------------------------------------

variable "image_tag" {
  description = "Tag of the image in the ECR repository (e.g. the git commit SHA); the image is <repository_url>:<image_tag>."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image_tag)) && !strcontains(upper(var.image_tag), "PLACEHOLDER")
    error_message = "image_tag must be a valid image tag (letters, digits, _ . -; at most 128)."
  }
}

variable "cpu_architecture" {
  description = "ARM64 (Graviton, about 20% cheaper) or X86_64; the image must be built for it."
  type        = string
  default     = "ARM64"

  validation {
    condition     = contains(["ARM64", "X86_64"], var.cpu_architecture)
    error_message = "cpu_architecture must be ARM64 or X86_64."
  }
}

variable "services" {
  description = "ECS services by role (see modules/ecs). Default: one service `app` running every role in one process, ARM64 0.25 vCPU / 1 GB (what each seed service ran on)."
  type = map(object({
    cpu             = number
    memory          = number
    desired_count   = number
    command         = list(string)
    load_balanced   = optional(bool, false)
    service_connect = optional(bool, false)
    health_check    = optional(bool, true)
    environment     = optional(map(string), {})
  }))
  default = {
    app = {
      cpu           = 256
      memory        = 1024
      desired_count = 1
      command       = ["serve", "--role", "all", "--urls", "http://0.0.0.0:8080"]
      load_balanced = true
    }
  }

  validation {
    condition     = length([for s in values(var.services) : 1 if s.load_balanced]) == 1
    error_message = "Exactly one service must be load_balanced (the one serving the public API)."
  }
}

variable "capacity_provider" {
  description = "FARGATE_SPOT (default: about 70% cheaper; an interruption restarts the task after a 2-minute notice) or FARGATE (on-demand: profiles/on-demand.tfvars)."
  type        = string
  default     = "FARGATE_SPOT"

  validation {
    condition     = contains(["FARGATE", "FARGATE_SPOT"], var.capacity_provider)
    error_message = "capacity_provider must be FARGATE or FARGATE_SPOT."
  }
}

variable "assign_public_ip" {
  description = "Public IPv4 per task. With no NAT gateway the tasks need it to reach ECR, Secrets Manager and the AI APIs."
  type        = bool
  default     = true
}

variable "log_retention_days" {
  description = "CloudWatch log retention."
  type        = number
  default     = 3

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch retention value (1, 3, 5, 7, 14, 30, ...)."
  }
}

variable "app_environment" {
  description = "Extra plain environment variables for every container (override the computed ones)."
  type        = map(string)
  default     = {}
}

variable "secrets_store" {
  description = "ssm (default): SSM Parameter Store SecureString /bmo-learning/<env>/<name>, free, created with the non-secret value `unset` through a write-only argument. secretsmanager: Secrets Manager bmo-learning/<env>/<name> as in the reference system, $0.40 each a month (profiles/secrets-manager.tfvars). Either way no value is ever in the state."
  type        = string
  default     = "ssm"

  validation {
    condition     = contains(["ssm", "secretsmanager"], var.secrets_store)
    error_message = "secrets_store must be ssm or secretsmanager."
  }
}

variable "secret_names" {
  description = "Secrets created as /bmo-learning/<env>/<name> (SSM) or bmo-learning/<env>/<name> (Secrets Manager) and injected as NAME_IN_UPPER_SNAKE. Set each real value out of band (SSM parameters start as `unset`; an empty Secrets Manager secret stops ECS from starting the task). Drop the ones you do not use."
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
    "bmo-link-signing-key",
  ]

  validation {
    condition     = alltrue([for n in var.secret_names : can(regex("^[a-z][a-z0-9-]{1,62}$", n))])
    error_message = "secret_names must be lowercase-hyphenated names."
  }
}

# ---- database -------------------------------------------------------------------------------

variable "db_min_capacity" {
  description = "Aurora minimum ACU. 0 = pauses when idle (needs cache_enabled so jobs live in Redis); 0.5 = no cold start (profiles/no-cold-start.tfvars, about $44/month more)."
  type        = number
  default     = 0

  validation {
    condition     = var.db_min_capacity >= 0 && var.db_min_capacity <= 256
    error_message = "db_min_capacity must be 0-256."
  }
}

variable "db_max_capacity" {
  description = "Aurora maximum ACU."
  type        = number
  default     = 2

  validation {
    condition     = var.db_max_capacity >= 1 && var.db_max_capacity >= var.db_min_capacity
    error_message = "db_max_capacity must be at least 1 and at least db_min_capacity."
  }
}

variable "db_seconds_until_auto_pause" {
  description = "Idle seconds before Aurora pauses (db_min_capacity = 0)."
  type        = number
  default     = 300

  validation {
    condition     = var.db_seconds_until_auto_pause >= 300 && var.db_seconds_until_auto_pause <= 86400
    error_message = "db_seconds_until_auto_pause must be 300-86400."
  }
}

variable "db_engine_version" {
  description = "Aurora PostgreSQL version (16.3+ for auto-pause)."
  type        = string
  default     = "16.6"

  validation {
    condition     = can(regex("^1[5-7]\\.[0-9]+$", var.db_engine_version))
    error_message = "db_engine_version must look like 16.6."
  }
}

variable "db_backup_retention_days" {
  description = "Days automated backups are kept (7-35)."
  type        = number
  default     = 7

  validation {
    condition     = var.db_backup_retention_days >= 7 && var.db_backup_retention_days <= 35
    error_message = "db_backup_retention_days must be 7-35."
  }
}

# ---- cache ----------------------------------------------------------------------------------

variable "cache_enabled" {
  description = "ElastiCache for job storage and caching. Off: jobs in PostgreSQL, and Aurora at 0 ACU never pauses."
  type        = bool
  default     = true
}

variable "cache_engine" {
  description = "valkey (default; Redis-compatible, listed 20% cheaper per node) or redis (Redis OSS, as in the reference system)."
  type        = string
  default     = "valkey"

  validation {
    condition     = contains(["redis", "valkey"], var.cache_engine)
    error_message = "cache_engine must be redis or valkey."
  }
}

variable "cache_node_type" {
  description = "ElastiCache node type."
  type        = string
  default     = "cache.t4g.micro"

  validation {
    condition     = can(regex("^cache\\.[a-z0-9]+\\.[a-z0-9]+$", var.cache_node_type))
    error_message = "cache_node_type must look like cache.t4g.micro."
  }
}

# ---- edge -----------------------------------------------------------------------------------

variable "edge_mode" {
  description = "cloudfront (default): CloudFront + WAF in front of an internal ALB in the private subnets (no public IPv4 on the ALB). alb: internet-facing ALB + regional WAF (profiles/alb.tfvars, +$7.30/month for its two addresses)."
  type        = string
  default     = "cloudfront"

  validation {
    condition     = contains(["alb", "cloudfront"], var.edge_mode)
    error_message = "edge_mode must be alb or cloudfront."
  }
}

variable "certificate_arn" {
  description = "ACM certificate. alb mode: HTTPS listener + HTTP->HTTPS redirect (certificate in var.region). cloudfront mode: viewer certificate for cloudfront_aliases (certificate in us-east-1). Null: plain HTTP on the ALB / *.cloudfront.net."
  type        = string
  default     = null

  validation {
    condition     = var.certificate_arn == null || can(regex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]+$", var.certificate_arn))
    error_message = "certificate_arn must be an ACM certificate ARN."
  }
}

variable "cloudfront_aliases" {
  description = "Custom domain names of the CloudFront distribution (cloudfront mode)."
  type        = list(string)
  default     = []
}

variable "cloudfront_prefix_list_id" {
  description = "Id of the com.amazonaws.global.cloudfront.origin-facing managed prefix list in var.region (cloudfront mode); null uses the known id for us-east-1, us-east-2 and us-west-2. Look it up with: aws ec2 describe-managed-prefix-lists --filters Name=prefix-list-name,Values=com.amazonaws.global.cloudfront.origin-facing"
  type        = string
  default     = null

  validation {
    condition     = var.cloudfront_prefix_list_id == null || can(regex("^pl-[0-9a-f]{8,17}$", coalesce(var.cloudfront_prefix_list_id, "x")))
    error_message = "cloudfront_prefix_list_id must be a prefix list id (pl-...)."
  }

  validation {
    condition     = var.edge_mode != "cloudfront" || var.cloudfront_prefix_list_id != null || contains(["us-east-1", "us-east-2", "us-west-2"], var.region)
    error_message = "edge_mode = cloudfront outside us-east-1, us-east-2 and us-west-2 needs cloudfront_prefix_list_id so that only CloudFront reaches the ALB."
  }
}

variable "waf_rate_limit" {
  description = "Requests per IP per 5 minutes before the WAF blocks (seed: 100)."
  type        = number
  default     = 100

  validation {
    condition     = var.waf_rate_limit >= 10
    error_message = "waf_rate_limit must be at least 10."
  }
}

# ---- operations -----------------------------------------------------------------------------

variable "alarm_email" {
  description = "E-mail subscribed to bmo-learning-<env>-alarms; null for none."
  type        = string
  default     = null

  validation {
    condition     = var.alarm_email == null || can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", coalesce(var.alarm_email, "x")))
    error_message = "alarm_email must be an e-mail address."
  }
}

variable "task_count_alarm" {
  description = "healthy_hosts (free ALB HealthyHostCount), container_insights (seed's RunningTaskCount; enables paid Container Insights) or both."
  type        = string
  default     = "healthy_hosts"

  validation {
    condition     = contains(["healthy_hosts", "container_insights", "both"], var.task_count_alarm)
    error_message = "task_count_alarm must be healthy_hosts, container_insights or both."
  }
}

variable "budget_limit_usd" {
  description = "Monthly AWS budget in USD."
  type        = number
  default     = 100

  validation {
    condition     = var.budget_limit_usd > 0
    error_message = "budget_limit_usd must be positive."
  }
}

variable "budget_emails" {
  description = "Addresses notified at 80% actual and 100% forecasted spend."
  type        = list(string)

  validation {
    condition     = length(var.budget_emails) >= 1 && alltrue([for e in var.budget_emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "budget_emails must hold at least one e-mail address."
  }
}

variable "ecr_repository_name" {
  description = "ECR repository of the image."
  type        = string
  default     = "bmo-learning"

  validation {
    condition     = can(regex("^[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*$", var.ecr_repository_name))
    error_message = "ecr_repository_name must be a valid ECR repository name."
  }
}

variable "ecr_keep_last_images" {
  description = "Images kept in ECR."
  type        = number
  default     = 20

  validation {
    condition     = var.ecr_keep_last_images >= 1 && var.ecr_keep_last_images <= 1000
    error_message = "ecr_keep_last_images must be 1-1000."
  }
}

variable "documents_bucket_name" {
  description = "Documents bucket name; null: unique name from the prefix bmo-learning-<env>-documents-."
  type        = string
  default     = null
}

variable "backups_bucket_name" {
  description = "Backups bucket name; null: unique name from the prefix bmo-learning-<env>-backups-."
  type        = string
  default     = null
}

variable "github_repository" {
  description = "owner/repo whose GitHub Actions may assume the deploy role (OIDC); null: no deploy role."
  type        = string
  default     = null

  validation {
    condition     = var.github_repository == null || can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", coalesce(var.github_repository, "x")))
    error_message = "github_repository must look like owner/repo."
  }
}

variable "terraform_state_bucket" {
  description = "State bucket from bootstrap/ (the one given to terraform init). With github_repository set, lets the deploy role run terraform apply -var image_tag=... (.github/workflows/deploy.yml); null: the deploy role has no state access."
  type        = string
  default     = null
}

variable "github_oidc_provider_arn" {
  description = "Existing GitHub OIDC provider ARN (one per account); null creates it when github_repository is set."
  type        = string
  default     = null
}

variable "guardduty_enabled" {
  description = "GuardDuty detector (foundational sources + S3 data events) with findings to the alarm topic. Off in the default $50 profile, on in profiles/hardened.tfvars (about +$2/month at the usage in usage.json; bmo cost estimate prices it). One detector per account and region: leave off if the account already has one."
  type        = bool
  default     = false
}

variable "otel_collector" {
  description = "ADOT collector sidecar (traces to X-Ray, metrics to CloudWatch) in every task: { enabled, image, cpu, memory, trace_sample_ratio }. Off by default: the app writes its metrics as EMF on stdout and no traces leave the task (docs/adr/0002-telemetry-on-aws.md). On in profiles/hardened.tfvars."
  type = object({
    enabled            = optional(bool, false)
    image              = optional(string, "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.3")
    cpu                = optional(number, 256)
    memory             = optional(number, 512)
    trace_sample_ratio = optional(number, 0.1)
  })
  default = {}

  validation {
    condition     = var.otel_collector.trace_sample_ratio >= 0 && var.otel_collector.trace_sample_ratio <= 1
    error_message = "otel_collector.trace_sample_ratio must be from 0 to 1."
  }
}
