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

variable "vpc_cidr" {
  description = "IPv4 CIDR block of the VPC."
  type        = string
  default     = "10.0.0.0/16"

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && tonumber(split("/", var.vpc_cidr)[1]) >= 16 && tonumber(split("/", var.vpc_cidr)[1]) <= 24
    error_message = "vpc_cidr must be a valid IPv4 CIDR between /16 and /24."
  }
}

variable "availability_zones" {
  description = "Availability zones to spread subnets over (an ALB needs at least two). Given explicitly so that no data source has to call AWS."
  type        = list(string)

  validation {
    condition     = length(var.availability_zones) >= 2 && length(var.availability_zones) <= 4 && alltrue([for az in var.availability_zones : can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9][a-z]$", az))])
    error_message = "availability_zones must list 2 to 4 zone names such as us-east-2a."
  }
}

variable "public_subnet_cidrs" {
  description = "CIDRs of the public subnets, one per zone. Null carves /24s from the start of the VPC CIDR."
  type        = list(string)
  default     = null

  validation {
    condition     = var.public_subnet_cidrs == null || alltrue([for c in coalesce(var.public_subnet_cidrs, []) : can(cidrhost(c, 0))])
    error_message = "public_subnet_cidrs must be valid IPv4 CIDRs."
  }
}

variable "private_subnet_cidrs" {
  description = "CIDRs of the private (no internet route) subnets for the database and cache, one per zone. Null carves /24s from the VPC CIDR after the public ones."
  type        = list(string)
  default     = null

  validation {
    condition     = var.private_subnet_cidrs == null || alltrue([for c in coalesce(var.private_subnet_cidrs, []) : can(cidrhost(c, 0))])
    error_message = "private_subnet_cidrs must be valid IPv4 CIDRs."
  }
}

variable "enable_s3_gateway_endpoint" {
  description = "Create an S3 gateway VPC endpoint (free) so S3 traffic stays inside AWS."
  type        = bool
  default     = true
}

variable "region" {
  description = "AWS region of the VPC; used only for the S3 gateway endpoint service name."
  type        = string
  default     = "us-east-2"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must look like us-east-2."
  }
}
