# Security groups as a chain: internet -> load balancer (80/443) -> tasks (app port) -> database
# (5432) and cache (6379). Rules are separate resources in two maps so that tests can check every
# ingress rule at once.

locals {
  name = "${var.project}-${var.environment}"
  tags = merge(var.tags, { Project = var.project, Environment = var.environment })

  groups = {
    lb       = "Load balancer: listeners open to the allowed sources"
    tasks    = "ECS tasks: reachable only from the load balancer on the app port"
    database = "Aurora PostgreSQL: reachable only from the tasks"
    cache    = "ElastiCache: reachable only from the tasks"
  }

  # key => { group, port, source: one of cidr | prefix_list | group }
  ingress = merge(
    { for pair in setproduct(var.lb_listener_ports, var.lb_ingress_cidrs) :
      "lb-${pair[0]}-${replace(pair[1], "/", "_")}" => { group = "lb", port = pair[0], cidr = pair[1], prefix_list = null, source_group = null }
    },
    { for pl in var.lb_ingress_prefix_list_ids :
      "lb-80-${pl}" => { group = "lb", port = 80, cidr = null, prefix_list = pl, source_group = null }
    },
    {
      "tasks-from-lb"       = { group = "tasks", port = var.app_port, cidr = null, prefix_list = null, source_group = "lb" }
      "database-from-tasks" = { group = "database", port = var.database_port, cidr = null, prefix_list = null, source_group = "tasks" }
      "cache-from-tasks"    = { group = "cache", port = var.cache_port, cidr = null, prefix_list = null, source_group = "tasks" }
    },
    var.allow_task_to_task ? {
      "tasks-from-tasks" = { group = "tasks", port = var.app_port, cidr = null, prefix_list = null, source_group = "tasks" }
    } : {}
  )

  # Tasks need outbound HTTPS to ECR, Secrets Manager, CloudWatch and the AI/Slack/Twilio APIs
  # (no NAT, no interface endpoints), plus the database and cache. The database and cache
  # groups have no egress at all.
  egress = {
    "lb-to-tasks"       = { group = "lb", protocol = "tcp", port = var.app_port, cidr = null, target_group = "tasks" }
    "tasks-to-internet" = { group = "tasks", protocol = "-1", port = null, cidr = "0.0.0.0/0", target_group = null }
  }
}

resource "aws_security_group" "this" {
  for_each = local.groups

  name        = "${local.name}-${each.key}"
  description = each.value
  vpc_id      = var.vpc_id

  tags = merge(local.tags, { Name = "${local.name}-${each.key}" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "this" {
  for_each = local.ingress

  security_group_id            = aws_security_group.this[each.value.group].id
  description                  = each.key
  ip_protocol                  = "tcp"
  from_port                    = each.value.port
  to_port                      = each.value.port
  cidr_ipv4                    = each.value.cidr
  prefix_list_id               = each.value.prefix_list
  referenced_security_group_id = each.value.source_group == null ? null : aws_security_group.this[each.value.source_group].id

  tags = merge(local.tags, { Name = each.key })
}

resource "aws_vpc_security_group_egress_rule" "this" {
  for_each = local.egress

  security_group_id            = aws_security_group.this[each.value.group].id
  description                  = each.key
  ip_protocol                  = each.value.protocol
  from_port                    = each.value.port
  to_port                      = each.value.port
  cidr_ipv4                    = each.value.cidr
  referenced_security_group_id = each.value.target_group == null ? null : aws_security_group.this[each.value.target_group].id

  tags = merge(local.tags, { Name = each.key })
}
