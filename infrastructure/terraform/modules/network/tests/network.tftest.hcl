mock_provider "aws" {}

variables {
  environment        = "prod"
  availability_zones = ["us-east-2a", "us-east-2b"]
}

run "two_zones_public_and_private_without_nat" {
  command = plan

  assert {
    condition     = length(aws_subnet.public) == 2 && length(aws_subnet.private) == 2
    error_message = "Expected one public and one private subnet per zone."
  }

  assert {
    condition     = toset(aws_subnet.public[*].availability_zone) == toset(["us-east-2a", "us-east-2b"])
    error_message = "Public subnets must span both zones."
  }

  assert {
    condition     = aws_route.public_internet.destination_cidr_block == "0.0.0.0/0"
    error_message = "Public route table needs a default route to the internet gateway."
  }

  assert {
    condition     = alltrue([for s in aws_subnet.private : s.map_public_ip_on_launch == false])
    error_message = "Private subnets must never assign public IPs."
  }

  assert {
    condition     = local.private_subnet_cidrs == tolist(["10.0.10.0/24", "10.0.11.0/24"]) && local.public_subnet_cidrs == tolist(["10.0.0.0/24", "10.0.1.0/24"])
    error_message = "Default subnet carving changed."
  }

  assert {
    condition     = aws_vpc.this.enable_dns_hostnames && aws_vpc.this.enable_dns_support
    error_message = "DNS support and hostnames are required for RDS/ElastiCache endpoints."
  }
}

run "rejects_single_zone" {
  command = plan

  variables {
    availability_zones = ["us-east-2a"]
  }

  expect_failures = [var.availability_zones]
}

run "rejects_bad_cidr" {
  command = plan

  variables {
    vpc_cidr = "10.0.0.0/33"
  }

  expect_failures = [var.vpc_cidr]
}

run "rejects_bad_environment_name" {
  command = plan

  variables {
    environment = "Prod_1"
  }

  expect_failures = [var.environment]
}
