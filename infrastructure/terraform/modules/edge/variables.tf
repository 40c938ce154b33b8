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

variable "mode" {
  description = "alb: internet-facing ALB with a regional WAF (default). cloudfront: CloudFront with a global WAF in front of an internal ALB reached through a VPC origin (no public IPv4 on the ALB)."
  type        = string
  default     = "alb"

  validation {
    condition     = contains(["alb", "cloudfront"], var.mode)
    error_message = "mode must be alb or cloudfront."
  }
}

variable "vpc_id" {
  description = "VPC of the target group."
  type        = string
}

variable "subnet_ids" {
  description = "Subnets of the load balancer (at least two zones)."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "An ALB needs subnets in at least two availability zones."
  }
}

variable "security_group_ids" {
  description = "Security groups of the load balancer."
  type        = list(string)

  validation {
    condition     = length(var.security_group_ids) >= 1
    error_message = "Give at least one security group."
  }
}

variable "certificate_arn" {
  description = "ACM certificate ARN. alb mode: enables the HTTPS listener and HTTP->HTTPS redirect (certificate in the ALB's region). cloudfront mode: viewer certificate for aliases (certificate in us-east-1). Null: HTTP only on the ALB / the *.cloudfront.net certificate."
  type        = string
  default     = null

  validation {
    condition     = var.certificate_arn == null || can(regex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]+$", var.certificate_arn))
    error_message = "certificate_arn must be an ACM certificate ARN."
  }
}

variable "aliases" {
  description = "Custom domain names of the CloudFront distribution (cloudfront mode with a certificate)."
  type        = list(string)
  default     = []
}

variable "ssl_policy" {
  description = "TLS policy of the HTTPS listener."
  type        = string
  default     = "ELBSecurityPolicy-TLS13-1-2-2021-06"

  validation {
    condition     = startswith(var.ssl_policy, "ELBSecurityPolicy-")
    error_message = "ssl_policy must be an ELBSecurityPolicy-* name."
  }
}

variable "target_port" {
  description = "Container port the target group sends traffic to."
  type        = number
  default     = 8080

  validation {
    condition     = var.target_port >= 1024 && var.target_port <= 65535
    error_message = "target_port must be 1024-65535."
  }
}

variable "health_check_path" {
  description = "Liveness path checked by the target group; it must not touch the database (so an idle Aurora can pause)."
  type        = string
  default     = "/health"

  validation {
    condition     = startswith(var.health_check_path, "/")
    error_message = "health_check_path must start with /."
  }
}

variable "idle_timeout" {
  description = "ALB idle timeout in seconds."
  type        = number
  default     = 60

  validation {
    condition     = var.idle_timeout >= 1 && var.idle_timeout <= 4000
    error_message = "idle_timeout must be 1-4000."
  }
}

variable "deletion_protection" {
  description = "ALB deletion protection. Null means: on when environment is prod."
  type        = bool
  default     = null
}

variable "waf_rate_limit" {
  description = "Requests per IP per evaluation window before the WAF blocks the IP (seed: 100 per 5 minutes). alb mode only; in cloudfront mode the ACL comes from cloudfront_web_acl_arn."
  type        = number
  default     = 100

  validation {
    condition     = var.waf_rate_limit >= 10 && var.waf_rate_limit <= 2000000000
    error_message = "waf_rate_limit must be at least 10 (the AWS WAF minimum)."
  }
}

variable "waf_rate_window_seconds" {
  description = "Evaluation window of the rate rule in seconds (alb mode)."
  type        = number
  default     = 300

  validation {
    condition     = contains([60, 120, 300, 600], var.waf_rate_window_seconds)
    error_message = "waf_rate_window_seconds must be 60, 120, 300 or 600."
  }
}

variable "cloudfront_web_acl_arn" {
  description = "ARN of a CLOUDFRONT-scoped web ACL (modules/waf created through a us-east-1 provider). Required in cloudfront mode."
  type        = string
  default     = null

  validation {
    condition     = var.cloudfront_web_acl_arn == null || can(regex("^arn:aws[a-z-]*:wafv2:us-east-1:[0-9]{12}:global/webacl/", var.cloudfront_web_acl_arn))
    error_message = "cloudfront_web_acl_arn must be a global (us-east-1) wafv2 web ACL ARN."
  }
}

variable "cloudfront_price_class" {
  description = "CloudFront price class (cloudfront mode)."
  type        = string
  default     = "PriceClass_100"

  validation {
    condition     = contains(["PriceClass_100", "PriceClass_200", "PriceClass_All"], var.cloudfront_price_class)
    error_message = "cloudfront_price_class must be PriceClass_100, PriceClass_200 or PriceClass_All."
  }
}
