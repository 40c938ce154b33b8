mock_provider "aws" {}

variables {
  environment = "prod"
  vpc_id      = "vpc-0123456789abcdef0"
}

run "only_the_load_balancer_is_open_to_the_internet" {
  command = plan

  # Every rule open to an IPv4 CIDR must be a load balancer rule on 80 or 443.
  assert {
    condition = alltrue([
      for k, r in aws_vpc_security_group_ingress_rule.this :
      r.cidr_ipv4 == null || (local.ingress[k].group == "lb" && contains([80, 443], r.from_port) && r.from_port == r.to_port)
    ])
    error_message = "Only the load balancer's 80/443 may accept traffic from a CIDR."
  }

  assert {
    condition     = length([for k, r in aws_vpc_security_group_ingress_rule.this : k if r.cidr_ipv4 == "0.0.0.0/0"]) == 2
    error_message = "Expected exactly two internet-facing rules (80 and 443)."
  }

  assert {
    condition     = [for k, v in local.ingress : v.port if v.group == "tasks"] == [8080] && local.ingress["tasks-from-lb"].source_group == "lb"
    error_message = "Tasks must accept only the load balancer, only on 8080."
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.this["database-from-tasks"].from_port == 5432 && local.ingress["database-from-tasks"].source_group == "tasks" && length([for k, v in local.ingress : k if v.group == "database"]) == 1
    error_message = "Only the tasks may reach the database, on 5432."
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.this["cache-from-tasks"].from_port == 6379 && local.ingress["cache-from-tasks"].source_group == "tasks" && length([for k, v in local.ingress : k if v.group == "cache"]) == 1
    error_message = "Only the tasks may reach the cache, on 6379."
  }

  assert {
    condition     = alltrue([for k, v in local.egress : !contains(["database", "cache"], v.group)])
    error_message = "The database and cache groups need no egress."
  }
}

run "behind_cloudfront_nothing_is_open_to_a_cidr" {
  command = plan

  variables {
    lb_ingress_cidrs           = []
    lb_ingress_prefix_list_ids = ["pl-b6a144df"]
    lb_listener_ports          = [80]
  }

  assert {
    condition     = alltrue([for r in aws_vpc_security_group_ingress_rule.this : r.cidr_ipv4 == null])
    error_message = "Behind CloudFront no rule may accept a CIDR."
  }

  assert {
    condition     = aws_vpc_security_group_ingress_rule.this["lb-80-pl-b6a144df"].prefix_list_id == "pl-b6a144df"
    error_message = "The load balancer must accept the CloudFront prefix list."
  }
}

run "task_to_task_only_when_asked" {
  command = plan

  variables {
    allow_task_to_task = true
  }

  assert {
    condition     = local.ingress["tasks-from-tasks"].port == 8080 && local.ingress["tasks-from-tasks"].source_group == "tasks"
    error_message = "Split services talk to each other on the app port only."
  }
}

run "rejects_privileged_app_port" {
  command = plan

  variables {
    app_port = 80
  }

  expect_failures = [var.app_port]
}

run "rejects_other_listener_ports" {
  command = plan

  variables {
    lb_listener_ports = [80, 22]
  }

  expect_failures = [var.lb_listener_ports]
}
