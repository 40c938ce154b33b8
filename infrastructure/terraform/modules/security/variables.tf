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

variable "vpc_id" {
  description = "ID of the VPC the security groups belong to."
  type        = string
}

variable "app_port" {
  description = "Port the application container listens on; the only port the load balancer may reach on a task."
  type        = number
  default     = 8080

  validation {
    condition     = var.app_port >= 1024 && var.app_port <= 65535 && floor(var.app_port) == var.app_port
    error_message = "app_port must be an unprivileged port (1024-65535): the container runs as non-root."
  }
}

variable "database_port" {
  description = "PostgreSQL port."
  type        = number
  default     = 5432

  validation {
    condition     = var.database_port >= 1 && var.database_port <= 65535
    error_message = "database_port must be 1-65535."
  }
}

variable "cache_port" {
  description = "Redis/Valkey port."
  type        = number
  default     = 6379

  validation {
    condition     = var.cache_port >= 1 && var.cache_port <= 65535
    error_message = "cache_port must be 1-65535."
  }
}

variable "lb_ingress_cidrs" {
  description = "IPv4 CIDRs allowed to reach the load balancer on 80/443. Internet-facing ALB: [\"0.0.0.0/0\"]; behind CloudFront: []."
  type        = list(string)
  default     = ["0.0.0.0/0"]

  validation {
    condition     = alltrue([for c in var.lb_ingress_cidrs : can(cidrhost(c, 0))])
    error_message = "lb_ingress_cidrs must be valid IPv4 CIDRs."
  }
}

variable "lb_ingress_prefix_list_ids" {
  description = "Managed prefix lists allowed to reach the load balancer on 80 (CloudFront origin-facing list when the ALB is internal behind CloudFront)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for p in var.lb_ingress_prefix_list_ids : can(regex("^pl-[0-9a-f]{8,17}$", p))])
    error_message = "lb_ingress_prefix_list_ids must be prefix list ids (pl-...)."
  }
}

variable "lb_listener_ports" {
  description = "Listener ports opened on the load balancer."
  type        = list(number)
  default     = [80, 443]

  validation {
    condition     = length(var.lb_listener_ports) > 0 && alltrue([for p in var.lb_listener_ports : contains([80, 443], p)])
    error_message = "lb_listener_ports may only contain 80 and 443."
  }
}

variable "allow_task_to_task" {
  description = "Let tasks reach each other on app_port (needed only when roles run as separate services talking over Service Connect)."
  type        = bool
  default     = false
}
