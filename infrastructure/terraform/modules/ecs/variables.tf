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

variable "region" {
  description = "AWS region (awslogs-region of the containers)."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must look like us-east-2."
  }
}

variable "image" {
  description = "Container image of every role, repository:tag or repository@digest (built from the ECR repository URL and an image tag)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9._/:-]*[a-z0-9](:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[0-9a-f]{64})$", var.image)) && !strcontains(upper(var.image), "PLACEHOLDER")
    error_message = "image must be a full reference such as <account>.dkr.ecr.us-east-2.amazonaws.com/bmo-learning:1.2.3, not a placeholder."
  }
}

variable "cpu_architecture" {
  description = "CPU architecture of every task: ARM64 (Graviton, about 20% cheaper) or X86_64. The image must be built for it."
  type        = string
  default     = "ARM64"

  validation {
    condition     = contains(["ARM64", "X86_64"], var.cpu_architecture)
    error_message = "cpu_architecture must be ARM64 or X86_64."
  }
}

variable "services" {
  description = <<-EOT
    One ECS service per entry, keyed by role name. cpu in CPU units (256 = 0.25 vCPU) and memory in MiB
    must form a valid Fargate pair. load_balanced: register with the target group (at most one service).
    service_connect: publish the service inside the cluster as http://<role>:<container_port> (split roles).
    health_check: run the container health check (`bmo probe` on /health).
  EOT
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
      cpu           = 512
      memory        = 1024
      desired_count = 1
      command       = ["serve", "--role", "all", "--urls", "http://0.0.0.0:8080"]
      load_balanced = true
    }
  }

  validation {
    condition     = length(var.services) >= 1 && alltrue([for k in keys(var.services) : can(regex("^[a-z][a-z0-9-]{0,20}$", k)) && k != "migrate"])
    error_message = "services needs at least one entry; keys are role names matching ^[a-z][a-z0-9-]{0,20}$ and not migrate."
  }

  validation {
    condition = alltrue([for k, s in var.services :
      (s.cpu == 256 && contains([512, 1024, 2048], s.memory)) ||
      (s.cpu == 512 && s.memory >= 1024 && s.memory <= 4096 && s.memory % 1024 == 0) ||
      (s.cpu == 1024 && s.memory >= 2048 && s.memory <= 8192 && s.memory % 1024 == 0) ||
      (s.cpu == 2048 && s.memory >= 4096 && s.memory <= 16384 && s.memory % 1024 == 0) ||
      (s.cpu == 4096 && s.memory >= 8192 && s.memory <= 30720 && s.memory % 1024 == 0) ||
      (s.cpu == 8192 && s.memory >= 16384 && s.memory <= 61440 && s.memory % 4096 == 0) ||
      (s.cpu == 16384 && s.memory >= 32768 && s.memory <= 122880 && s.memory % 8192 == 0)
    ])
    error_message = "Every service needs a valid Fargate cpu/memory pair, e.g. 256/512-2048, 512/1024-4096, 1024/2048-8192 (MiB in 1024 steps)."
  }

  validation {
    condition     = alltrue([for s in values(var.services) : s.desired_count >= 0 && s.desired_count <= 20 && floor(s.desired_count) == s.desired_count])
    error_message = "desired_count must be a whole number from 0 to 20."
  }

  validation {
    condition     = length([for s in values(var.services) : 1 if s.load_balanced]) <= 1
    error_message = "At most one service can sit behind the load balancer (it has one target group)."
  }

  validation {
    condition     = alltrue([for s in values(var.services) : length(s.command) > 0])
    error_message = "Every service needs a command, e.g. [\"serve\", \"--role\", \"all\"]."
  }
}

variable "migrate" {
  description = "One-off migrate task definition (run with aws ecs run-task before rolling out a new image)."
  type = object({
    cpu     = optional(number, 512)
    memory  = optional(number, 1024)
    command = optional(list(string), ["migrate"])
  })
  default = {}

  validation {
    condition = (
      (var.migrate.cpu == 256 && contains([512, 1024, 2048], var.migrate.memory)) ||
      (var.migrate.cpu == 512 && var.migrate.memory >= 1024 && var.migrate.memory <= 4096 && var.migrate.memory % 1024 == 0) ||
      (var.migrate.cpu == 1024 && var.migrate.memory >= 2048 && var.migrate.memory <= 8192 && var.migrate.memory % 1024 == 0) ||
      (var.migrate.cpu == 2048 && var.migrate.memory >= 4096 && var.migrate.memory <= 16384 && var.migrate.memory % 1024 == 0)
    )
    error_message = "migrate needs a valid Fargate cpu/memory pair up to 2048 CPU units."
  }
}

variable "environment_variables" {
  description = "Plain environment variables of every container (never secrets)."
  type        = map(string)
  default     = {}
}

variable "secrets" {
  description = "Environment variable name => Secrets Manager ARN (optionally with :json-key:: suffix), injected with valueFrom. ECS refuses to start a task whose secret has no value."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k in keys(var.secrets) : can(regex("^[A-Za-z_][A-Za-z0-9_]*$", k))])
    error_message = "secret keys must be environment variable names."
  }
}

variable "subnet_ids" {
  description = "Subnets of the tasks (public subnets: there is no NAT gateway)."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 1
    error_message = "Give at least one subnet."
  }
}

variable "security_group_ids" {
  description = "Security groups of the tasks."
  type        = list(string)

  validation {
    condition     = length(var.security_group_ids) >= 1
    error_message = "Give at least one security group."
  }
}

variable "assign_public_ip" {
  description = "Give each task a public IPv4 ($3.65/month each). Required in public subnets without NAT to reach ECR, Secrets Manager and the AI APIs."
  type        = bool
  default     = true
}

variable "target_group_arn" {
  description = "Target group of the load-balanced service; null when no service is load balanced."
  type        = string
  default     = null
}

variable "container_port" {
  description = "Port the app listens on in every role."
  type        = number
  default     = 8080

  validation {
    condition     = var.container_port >= 1024 && var.container_port <= 65535
    error_message = "container_port must be 1024-65535 (the container runs as non-root)."
  }
}

variable "health_check_command" {
  description = "Container health check. The image has no shell or curl, so the app probes itself."
  type        = list(string)
  default     = ["CMD", "/app/bmo", "probe", "http://127.0.0.1:8080/health"]

  validation {
    condition     = length(var.health_check_command) >= 2 && contains(["CMD", "CMD-SHELL"], var.health_check_command[0])
    error_message = "health_check_command must start with CMD (or CMD-SHELL)."
  }
}

variable "log_retention_days" {
  description = "CloudWatch log retention of every role."
  type        = number
  default     = 3

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch retention value (1, 3, 5, 7, 14, 30, ...)."
  }
}

variable "execution_role_arn" {
  description = "Task execution role (pulls the image, reads the secrets, writes the logs)."
  type        = string
}

variable "task_role_arn" {
  description = "Task role (what the application itself may do: its documents bucket)."
  type        = string
}

variable "capacity_provider" {
  description = "FARGATE or FARGATE_SPOT (up to 70% cheaper, may be interrupted with 2 minutes notice)."
  type        = string
  default     = "FARGATE"

  validation {
    condition     = contains(["FARGATE", "FARGATE_SPOT"], var.capacity_provider)
    error_message = "capacity_provider must be FARGATE or FARGATE_SPOT."
  }
}

variable "container_insights" {
  description = "Enable Container Insights on the cluster (paid custom metrics; gives ECS/ContainerInsights RunningTaskCount)."
  type        = bool
  default     = false
}

variable "enable_execute_command" {
  description = "Allow aws ecs execute-command into tasks (the task role then needs ssmmessages permissions)."
  type        = bool
  default     = false
}

variable "health_check_grace_period_seconds" {
  description = "Seconds the load balancer health check is ignored after a task starts."
  type        = number
  default     = 60

  validation {
    condition     = var.health_check_grace_period_seconds >= 0 && var.health_check_grace_period_seconds <= 2147483647
    error_message = "health_check_grace_period_seconds must be non-negative."
  }
}

variable "otel_collector" {
  description = <<-EOT
    AWS Distro for OpenTelemetry collector as a sidecar in every service's task: the app sends OTLP to
    http://localhost:4318 (OTEL_EXPORTER_OTLP_ENDPOINT is set for it), the collector sends traces to
    X-Ray and the listed metrics to CloudWatch (embedded metric format into the role's log group).
    The task grows by cpu/memory, rounded up to the next valid Fargate size. Off by default (the app
    then writes the same metrics as EMF on stdout; no traces): docs/adr/0002-telemetry-on-aws.md.
  EOT
  type = object({
    enabled            = optional(bool, false)
    image              = optional(string, "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.3")
    cpu                = optional(number, 256)
    memory             = optional(number, 512)
    trace_sample_ratio = optional(number, 0.1)
    metrics_namespace  = optional(string, "bmo-learning/prod")
    metric_names       = optional(list(string), [])
  })
  default = {}

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9._/-]*:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.otel_collector.image)) && !endswith(var.otel_collector.image, ":latest")
    error_message = "otel_collector.image must be an image reference with a pinned tag (not :latest)."
  }

  validation {
    condition     = contains([128, 256, 512, 1024], var.otel_collector.cpu) && var.otel_collector.memory >= 128 && var.otel_collector.memory <= 2048
    error_message = "otel_collector.cpu must be 128, 256, 512 or 1024 CPU units and memory 128-2048 MiB."
  }

  validation {
    condition     = var.otel_collector.trace_sample_ratio >= 0 && var.otel_collector.trace_sample_ratio <= 1
    error_message = "otel_collector.trace_sample_ratio must be from 0 to 1."
  }

  validation {
    condition     = !var.otel_collector.enabled || length(var.otel_collector.metric_names) >= 1
    error_message = "otel_collector.metric_names must list the app's metrics when the collector is enabled (only those become CloudWatch metrics)."
  }
}
