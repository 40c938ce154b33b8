# A VPC across N zones with public subnets (load balancer, Fargate tasks with public IPs) and
# private subnets without any internet route (database, cache). No NAT gateway: at $0.045/h it
# would cost more than the whole application task.

locals {
  name     = "${var.project}-${var.environment}"
  az_count = length(var.availability_zones)

  public_subnet_cidrs  = coalesce(var.public_subnet_cidrs, [for i in range(local.az_count) : cidrsubnet(var.vpc_cidr, 24 - tonumber(split("/", var.vpc_cidr)[1]), i)])
  private_subnet_cidrs = coalesce(var.private_subnet_cidrs, [for i in range(local.az_count) : cidrsubnet(var.vpc_cidr, 24 - tonumber(split("/", var.vpc_cidr)[1]), i + 10)])

  tags = merge(var.tags, { Project = var.project, Environment = var.environment })
}

resource "aws_vpc" "this" {
  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = merge(local.tags, { Name = local.name })

  lifecycle {
    precondition {
      condition     = length(local.public_subnet_cidrs) == local.az_count && length(local.private_subnet_cidrs) == local.az_count
      error_message = "Give one public and one private subnet CIDR per availability zone."
    }
  }
}

# The default security group of a new VPC allows all traffic between its members: strip it.
resource "aws_default_security_group" "this" {
  vpc_id = aws_vpc.this.id
  tags   = merge(local.tags, { Name = "${local.name}-default-deny" })
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id
  tags   = merge(local.tags, { Name = local.name })
}

resource "aws_subnet" "public" {
  count = local.az_count

  vpc_id            = aws_vpc.this.id
  cidr_block        = local.public_subnet_cidrs[count.index]
  availability_zone = var.availability_zones[count.index]
  # Tasks get a public IP from their ECS network configuration, not from the subnet default.
  map_public_ip_on_launch = false

  tags = merge(local.tags, { Name = "${local.name}-public-${var.availability_zones[count.index]}", Tier = "public" })
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id
  tags   = merge(local.tags, { Name = "${local.name}-public" })
}

resource "aws_route" "public_internet" {
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.this.id
}

resource "aws_route_table_association" "public" {
  count = local.az_count

  subnet_id      = aws_subnet.public[count.index].id
  route_table_id = aws_route_table.public.id
}

resource "aws_subnet" "private" {
  count = local.az_count

  vpc_id                  = aws_vpc.this.id
  cidr_block              = local.private_subnet_cidrs[count.index]
  availability_zone       = var.availability_zones[count.index]
  map_public_ip_on_launch = false

  tags = merge(local.tags, { Name = "${local.name}-private-${var.availability_zones[count.index]}", Tier = "private" })
}

# Only the implicit local route: nothing in these subnets can reach or be reached from the internet.
resource "aws_route_table" "private" {
  vpc_id = aws_vpc.this.id
  tags   = merge(local.tags, { Name = "${local.name}-private" })
}

resource "aws_route_table_association" "private" {
  count = local.az_count

  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private.id
}

resource "aws_vpc_endpoint" "s3" {
  count = var.enable_s3_gateway_endpoint ? 1 : 0

  vpc_id            = aws_vpc.this.id
  service_name      = "com.amazonaws.${var.region}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_route_table.public.id, aws_route_table.private.id]

  tags = merge(local.tags, { Name = "${local.name}-s3" })
}
