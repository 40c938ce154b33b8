# The composed environment under a mock provider: seed names, wiring between modules, and the
# invariants that span modules (what reaches the tasks, what the tasks get).

mock_provider "aws" {}

mock_provider "aws" {
  alias = "us_east_1"
}

variables {
  image_tag     = "1.0.0"
  alarm_email   = "ops@example.com"
  budget_emails = ["ops@example.com"]
}

run "seed_names_are_kept" {
  command = plan

  assert {
    condition     = module.ecs.cluster_name == "bmo-learning-prod"
    error_message = "Cluster bmo-learning-prod."
  }

  assert {
    condition     = module.ecs.log_group_names["app"] == "/ecs/bmo-learning-prod/app" && module.ecs.log_group_names["migrate"] == "/ecs/bmo-learning-prod/migrate"
    error_message = "Log groups /ecs/bmo-learning-prod/<role>."
  }

  assert {
    condition     = contains(values(module.secrets.names), "/bmo-learning/prod/openai-api-key") && length(module.secrets.names) == 9 && module.secrets.store == "ssm"
    error_message = "Secrets /bmo-learning/prod/<name> in SSM Parameter Store."
  }

  assert {
    condition     = alltrue([for n in module.observability.alarm_names : startswith(n, "bmo-learning-prod-")]) && contains(module.observability.alarm_names, "bmo-learning-prod-aurora-high-acu") && contains(module.observability.alarm_names, "bmo-learning-prod-alb-5xx-errors")
    error_message = "Alarms named bmo-learning-prod-...."
  }

  assert {
    condition     = module.database.cluster_identifier == "bmo-learning-prod"
    error_message = "Aurora cluster bmo-learning-prod."
  }
}

run "default_topology_is_one_cheap_task" {
  command = plan

  assert {
    condition     = toset(keys(var.services)) == toset(["app"]) && var.services["app"].cpu == 256 && var.services["app"].memory == 1024 && var.services["app"].desired_count == 1
    error_message = "One service app, 0.25 vCPU / 1 GB, one task."
  }

  assert {
    condition     = var.capacity_provider == "FARGATE_SPOT" && var.cache_engine == "valkey" && var.edge_mode == "cloudfront" && var.secrets_store == "ssm"
    error_message = "The cost-target default: Fargate Spot, Valkey, CloudFront edge, SSM parameters (docs/adr/0001-aws-topology-and-cost.md)."
  }

  assert {
    condition     = var.services["app"].command == tolist(["serve", "--role", "all", "--urls", "http://0.0.0.0:8080"])
    error_message = "The app runs every role."
  }

  assert {
    condition     = var.cpu_architecture == "ARM64" && module.database.scaling.min_capacity == 0 && module.database.scaling.max_capacity == 2 && module.database.scaling.auto_pause && module.cache.enabled
    error_message = "ARM64, Aurora 0-2 ACU with auto-pause, Redis for jobs."
  }
}

run "app_configuration_and_secrets" {
  command = plan

  assert {
    condition = (
      local.app_environment["ASPNETCORE_ENVIRONMENT"] == "Production" &&
      local.app_environment["Database__Provider"] == "postgres" &&
      local.app_environment["Database__Name"] == "bmo_learning" &&
      local.app_environment["Database__Username"] == "bmo" &&
      local.app_environment["Jobs__Storage"] == "redis" &&
      local.app_environment["Storage__Provider"] == "s3" &&
      local.app_environment["Storage__S3__Region"] == "us-east-2"
    )
    error_message = "Plain settings of the app."
  }

  assert {
    condition     = local.app_environment["Approval__Required"] == "true" && !contains(keys(local.app_environment), "Approval__ModelWrittenOnly")
    error_message = "Production holds model-written lessons for a reviewer (issue 14)."
  }

  assert {
    condition     = contains(keys(local.app_environment), "REDIS_URL") && contains(keys(local.app_environment), "Database__Host")
    error_message = "REDIS_URL and Database__Host are set."
  }

  assert {
    condition = toset(keys(local.app_secrets)) == toset([
      "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "AI_SERVICE_API_KEY", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN",
      "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "BMO_ADMIN_KEY", "BMO_LINK_SIGNING_KEY", "Database__Password",
    ])
    error_message = "Every secret arrives as an environment variable; the password comes from the RDS-managed secret."
  }

  assert {
    condition     = alltrue([for k in keys(local.app_environment) : !can(regex("(?i)password|secret|token|api_key", k))])
    error_message = "No secret-looking name among the plain environment variables."
  }
}

run "only_the_load_balancer_is_internet_facing" {
  command = plan

  assert {
    condition = alltrue([for k, r in module.security.ingress_rules :
    r.cidr == null || (r.group == "lb" && contains([80, 443], r.port))])
    error_message = "Only the load balancer's 80/443 accept a CIDR."
  }

  assert {
    condition     = module.security.ingress_rules["tasks-from-lb"].port == 8080 && length([for k, r in module.security.ingress_rules : k if r.group == "tasks"]) == 1
    error_message = "Tasks accept only the load balancer on 8080."
  }

  assert {
    condition     = module.edge.mode == "cloudfront" && length(module.cloudfront_waf) == 1 && length(module.cloudfront_waf[0].rule_names) == 3
    error_message = "Default edge: CloudFront with the three-rule WAF in front of an internal ALB."
  }
}

run "alb_profile" {
  command = plan

  variables {
    edge_mode = "alb"
  }

  assert {
    condition     = module.edge.mode == "alb" && module.edge.waf_rule_names != null && length(module.cloudfront_waf) == 0
    error_message = "ALB profile: internet-facing ALB with the regional WAF."
  }

  assert {
    condition = alltrue([for k, r in module.security.ingress_rules :
    r.cidr == null || (r.group == "lb" && contains([80, 443], r.port))])
    error_message = "Only the load balancer's 80/443 accept a CIDR."
  }
}

run "seed_compatible_profile" {
  command = plan

  variables {
    edge_mode         = "alb"
    cache_engine      = "redis"
    secrets_store     = "secretsmanager"
    capacity_provider = "FARGATE"
    services = {
      app = { cpu = 512, memory = 1024, desired_count = 1, command = ["serve", "--role", "all", "--urls", "http://0.0.0.0:8080"], load_balanced = true }
    }
  }

  assert {
    condition     = contains(values(module.secrets.names), "bmo-learning/prod/openai-api-key") && module.secrets.store == "secretsmanager"
    error_message = "The seed's Secrets Manager names bmo-learning/prod/<name>."
  }

  assert {
    condition     = toset(keys(local.app_secrets)) == toset(["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "AI_SERVICE_API_KEY", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "BMO_ADMIN_KEY", "BMO_LINK_SIGNING_KEY", "Database__Password"])
    error_message = "The same environment variables from Secrets Manager."
  }
}

run "no_cold_start_profile" {
  command = plan

  variables {
    db_min_capacity = 0.5
  }

  assert {
    condition     = module.database.scaling.min_capacity == 0.5 && module.database.scaling.auto_pause == false
    error_message = "Profile keeps 0.5 ACU and never pauses."
  }
}

run "split_roles_profile" {
  command = plan

  variables {
    services = {
      api    = { cpu = 256, memory = 512, desired_count = 1, command = ["serve", "--role", "api", "--urls", "http://0.0.0.0:8080"], load_balanced = true, environment = { AI_SERVICE_URL = "http://ai:8080" } }
      ai     = { cpu = 512, memory = 1024, desired_count = 1, command = ["serve", "--role", "ai", "--urls", "http://0.0.0.0:8080"], service_connect = true }
      worker = { cpu = 256, memory = 1024, desired_count = 1, command = ["serve", "--role", "worker", "--urls", "http://0.0.0.0:8080"] }
    }
    task_count_alarm = "both"
  }

  assert {
    condition     = toset(keys(module.ecs.service_names)) == toset(["api", "ai", "worker"]) && module.ecs.load_balanced_service_name == "api"
    error_message = "Three services, api behind the load balancer."
  }

  assert {
    condition     = module.security.ingress_rules["tasks-from-tasks"].port == 8080
    error_message = "Split roles may call each other on 8080."
  }

  assert {
    condition     = toset(keys(module.ecs.log_group_names)) == toset(["api", "ai", "worker", "migrate"])
    error_message = "A log group per role: /ecs/bmo-learning-prod/<role>."
  }
}

run "cloudfront_edge_admits_only_cloudfront" {
  command = plan

  assert {
    condition     = local.cloudfront_prefix_list_id == "pl-b6a144df"
    error_message = "The origin-facing prefix list of us-east-2 by default."
  }

  assert {
    condition     = alltrue([for r in values(module.security.ingress_rules) : r.cidr == null])
    error_message = "Behind CloudFront nothing is open to a CIDR."
  }

  assert {
    condition     = length(module.cloudfront_waf) == 1 && module.cloudfront_waf[0].scope == "CLOUDFRONT" && length(module.cloudfront_waf[0].rule_names) == 3
    error_message = "A CloudFront-scoped ACL with the three rules."
  }
}

run "rejects_bad_environment_name" {
  command = plan

  variables {
    environment = "Production!"
  }

  expect_failures = [var.environment]
}

run "rejects_max_below_min_capacity" {
  command = plan

  variables {
    db_min_capacity = 2
    db_max_capacity = 1
  }

  expect_failures = [var.db_max_capacity]
}

run "rejects_retention_below_7" {
  command = plan

  variables {
    db_backup_retention_days = 1
  }

  expect_failures = [var.db_backup_retention_days]
}

run "rejects_cloudfront_without_prefix_list_in_an_unknown_region" {
  command = plan

  variables {
    region    = "eu-west-1"
    edge_mode = "cloudfront"
  }

  expect_failures = [var.cloudfront_prefix_list_id]
}

run "rejects_placeholder_image_tag" {
  command = plan

  variables {
    image_tag = "PLACEHOLDER"
  }

  expect_failures = [var.image_tag]
}

run "observability_on_the_stack_names" {
  command = plan

  assert {
    condition     = module.observability.dashboard_name == "bmo-learning-prod" && module.observability.metrics_namespace == "bmo-learning/prod"
    error_message = "Dashboard bmo-learning-prod; app metrics in bmo-learning/prod."
  }

  assert {
    condition     = length(module.observability.query_definition_names) == 5 && alltrue([for n in module.observability.query_definition_names : startswith(n, "bmo-learning-prod/")])
    error_message = "Five saved queries in the bmo-learning-prod folder."
  }

  assert {
    condition     = contains(module.observability.alarm_names, "bmo-learning-prod-api-p95-latency") && contains(module.observability.alarm_names, "bmo-learning-prod-ai-p95-latency") && contains(module.observability.alarm_names, "bmo-learning-prod-ai-fallback-rate")
    error_message = "p95 latency and fallback-rate alarms beside the seed's."
  }

  assert {
    condition     = local.app_environment["Telemetry__MetricsNamespace"] == "bmo-learning/prod" && local.app_environment["Telemetry__Emf"] == "true"
    error_message = "Without the sidecar the app is told to write EMF into bmo-learning/prod."
  }
}

run "default_profile_has_no_guardduty_and_no_sidecar" {
  command = plan

  assert {
    condition     = module.observability.guardduty_enabled == false && module.ecs.otel_collector_enabled == false
    error_message = "The $50 default has neither GuardDuty nor the collector sidecar."
  }

  assert {
    condition     = module.ecs.task_sizes["app"].cpu == 256 && module.ecs.task_sizes["app"].memory == 1024
    error_message = "Task size unchanged without the sidecar."
  }
}

run "hardened_profile" {
  command = plan

  variables {
    guardduty_enabled = true
    otel_collector    = { enabled = true }
  }

  assert {
    condition     = module.observability.guardduty_enabled
    error_message = "GuardDuty on."
  }

  assert {
    condition     = module.ecs.otel_collector_enabled && module.ecs.task_sizes["app"].cpu == 512 && module.ecs.task_sizes["app"].memory == 2048
    error_message = "Sidecar on: the task grows to 0.5 vCPU / 2 GB."
  }

  assert {
    condition     = local.app_environment["Telemetry__Emf"] == "false"
    error_message = "With the sidecar the app sends OTLP instead of EMF."
  }
}
