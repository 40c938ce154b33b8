terraform {
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.81, < 6.0"
    }
  }

  # The state of this stack is local on purpose: it creates the bucket every other stack keeps
  # its state in. It holds no secrets; keep terraform.tfstate somewhere safe or re-import the
  # bucket (terraform import aws_s3_bucket.state BUCKET) if it is lost.
}

provider "aws" {
  region = var.region

  default_tags {
    tags = var.tags
  }
}
