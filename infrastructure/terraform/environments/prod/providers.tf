# offline_plan = true lets `terraform plan` run with fake credentials and no network (for
# scripts/plan-json.sh and cost estimation). Never set it for a real apply.
locals {
  default_tags = merge(var.tags, {
    Project     = var.project
    Environment = var.environment
    ManagedBy   = "terraform"
  })
}

provider "aws" {
  region = var.region

  skip_credentials_validation = var.offline_plan
  skip_requesting_account_id  = var.offline_plan
  skip_region_validation      = var.offline_plan
  skip_metadata_api_check     = var.offline_plan ? "true" : null

  default_tags {
    tags = local.default_tags
  }
}

# CloudFront-scoped WAF ACLs can only be created in us-east-1 (used when edge_mode = "cloudfront").
provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"

  skip_credentials_validation = var.offline_plan
  skip_requesting_account_id  = var.offline_plan
  skip_region_validation      = var.offline_plan
  skip_metadata_api_check     = var.offline_plan ? "true" : null

  default_tags {
    tags = local.default_tags
  }
}
