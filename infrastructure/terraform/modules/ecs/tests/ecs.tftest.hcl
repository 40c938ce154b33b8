mock_provider "aws" {}

variables {
  environment        = "prod"
  region             = "us-east-2"
  image              = "123456789012.dkr.ecr.us-east-2.amazonaws.com/bmo-learning:1.0.0"
  subnet_ids         = ["subnet-aaaaaaaa", "subnet-bbbbbbbb"]
  security_group_ids = ["sg-12345678"]
  target_group_arn   = "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/bmo-learning-prod-app/0123456789abcdef"
  execution_role_arn = "arn:aws:iam::123456789012:role/bmo-learning-prod-execution"
  task_role_arn      = "arn:aws:iam::123456789012:role/bmo-learning-prod-task"
  environment_variables = {
    ASPNETCORE_ENVIRONMENT = "Production"
  }
  secrets = {
    OPENAI_API_KEY     = "arn:aws:secretsmanager:us-east-2:123456789012:secret:bmo-learning/prod/openai-api-key-AbCdEf"
    Database__Password = "arn:aws:secretsmanager:us-east-2:123456789012:secret:rds!cluster-1234-AbCdEf:password::"
  }
}

run "default_is_one_arm64_service_running_every_role" {
  command = plan

  assert {
    condition     = aws_ecs_cluster.this.name == "bmo-learning-prod" && keys(aws_ecs_service.this) == ["app"]
    error_message = "Cluster bmo-learning-prod with one service app."
  }

  assert {
    condition     = aws_ecs_task_definition.this["app"].cpu == "512" && aws_ecs_task_definition.this["app"].memory == "1024" && aws_ecs_service.this["app"].desired_count == 1
    error_message = "0.5 vCPU / 1 GB, one task."
  }

  assert {
    condition     = aws_ecs_task_definition.this["app"].runtime_platform[0].cpu_architecture == "ARM64"
    error_message = "ARM64 by default."
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.this["app"].container_definitions)[0].command == ["serve", "--role", "all", "--urls", "http://0.0.0.0:8080"]
    error_message = "The app runs every role in one process."
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.this["app"].container_definitions)[0].healthCheck.command == ["CMD", "/app/bmo", "probe", "http://127.0.0.1:8080/health"]
    error_message = "Health check must use bmo probe (no shell in the image)."
  }

  assert {
    condition     = aws_ecs_service.this["app"].deployment_circuit_breaker[0].enable && aws_ecs_service.this["app"].deployment_circuit_breaker[0].rollback
    error_message = "Deployment circuit breaker with rollback."
  }

  assert {
    condition     = aws_ecs_service.this["app"].network_configuration[0].assign_public_ip == true && length(aws_ecs_service.this["app"].load_balancer) == 1
    error_message = "Public IP (no NAT) and behind the load balancer."
  }

  assert {
    condition = contains(jsondecode(aws_ecs_task_definition.this["app"].container_definitions)[0].secrets, {
      name      = "Database__Password"
      valueFrom = "arn:aws:secretsmanager:us-east-2:123456789012:secret:rds!cluster-1234-AbCdEf:password::"
    })
    error_message = "Secrets are injected with valueFrom."
  }
}

run "logs_go_to_seed_named_groups_for_3_days" {
  command = plan

  assert {
    condition     = toset(keys(aws_cloudwatch_log_group.this)) == toset(["app", "migrate"]) && aws_cloudwatch_log_group.this["app"].name == "/ecs/bmo-learning-prod/app"
    error_message = "One log group per role under /ecs/bmo-learning-prod/."
  }

  assert {
    condition     = alltrue([for g in aws_cloudwatch_log_group.this : g.retention_in_days == 3])
    error_message = "Log retention defaults to 3 days."
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.this["app"].container_definitions)[0].logConfiguration.options["awslogs-group"] == "/ecs/bmo-learning-prod/app"
    error_message = "The container logs to its role's group."
  }
}

run "migrate_is_a_one_off_task_definition" {
  command = plan

  assert {
    condition     = aws_ecs_task_definition.migrate.family == "bmo-learning-prod-migrate" && jsondecode(aws_ecs_task_definition.migrate.container_definitions)[0].command == ["migrate"]
    error_message = "migrate task definition runs [\"migrate\"]."
  }

  assert {
    condition     = length(jsondecode(aws_ecs_task_definition.migrate.container_definitions)[0].secrets) == 2
    error_message = "migrate gets the same secrets (it needs the database password)."
  }
}

run "split_roles_talk_over_service_connect" {
  command = plan

  variables {
    services = {
      api    = { cpu = 256, memory = 512, desired_count = 1, command = ["serve", "--role", "api"], load_balanced = true, environment = { AI_SERVICE_URL = "http://ai:8080" } }
      ai     = { cpu = 512, memory = 1024, desired_count = 1, command = ["serve", "--role", "ai"], service_connect = true }
      worker = { cpu = 256, memory = 1024, desired_count = 1, command = ["serve", "--role", "worker"] }
    }
    cpu_architecture  = "X86_64"
    capacity_provider = "FARGATE_SPOT"
  }

  assert {
    condition     = length(aws_ecs_service.this) == 3 && length(aws_service_discovery_http_namespace.this) == 1
    error_message = "Three services and a Service Connect namespace."
  }

  assert {
    condition     = aws_ecs_service.this["ai"].service_connect_configuration[0].service[0].discovery_name == "ai" && length(aws_ecs_service.this["ai"].load_balancer) == 0
    error_message = "ai is reachable as http://ai:8080 inside the cluster only."
  }

  assert {
    condition     = contains(jsondecode(aws_ecs_task_definition.this["api"].container_definitions)[0].environment, { name = "AI_SERVICE_URL", value = "http://ai:8080" })
    error_message = "The api gets AI_SERVICE_URL."
  }

  assert {
    condition     = [for c in aws_ecs_service.this["worker"].capacity_provider_strategy : c.capacity_provider] == ["FARGATE_SPOT"] && aws_ecs_task_definition.this["worker"].runtime_platform[0].cpu_architecture == "X86_64"
    error_message = "Spot capacity and x86 when asked."
  }

  assert {
    condition     = toset(keys(aws_cloudwatch_log_group.this)) == toset(["api", "ai", "worker", "migrate"])
    error_message = "A log group per role."
  }
}

run "rejects_invalid_fargate_pair" {
  command = plan

  variables {
    services = {
      app = { cpu = 128, memory = 256, desired_count = 1, command = ["serve"], load_balanced = true }
    }
  }

  expect_failures = [var.services]
}

run "rejects_memory_too_small_for_cpu" {
  command = plan

  variables {
    services = {
      app = { cpu = 1024, memory = 1024, desired_count = 1, command = ["serve"], load_balanced = true }
    }
  }

  expect_failures = [var.services]
}

run "rejects_two_load_balanced_services" {
  command = plan

  variables {
    services = {
      api = { cpu = 256, memory = 512, desired_count = 1, command = ["serve"], load_balanced = true }
      ai  = { cpu = 256, memory = 512, desired_count = 1, command = ["serve"], load_balanced = true }
    }
  }

  expect_failures = [var.services]
}

run "rejects_bad_architecture" {
  command = plan

  variables {
    cpu_architecture = "arm"
  }

  expect_failures = [var.cpu_architecture]
}

run "rejects_placeholder_image" {
  command = plan

  variables {
    image = "PLACEHOLDER_RAILS_API"
  }

  expect_failures = [var.image]
}

run "rejects_bad_log_retention" {
  command = plan

  variables {
    log_retention_days = 2
  }

  expect_failures = [var.log_retention_days]
}

run "no_collector_sidecar_by_default" {
  command = plan

  assert {
    condition = (
      length(jsondecode(aws_ecs_task_definition.this["app"].container_definitions)) == 1 &&
      !anytrue([for e in jsondecode(aws_ecs_task_definition.this["app"].container_definitions)[0].environment : e.name == "OTEL_EXPORTER_OTLP_ENDPOINT"]) &&
      output.otel_collector_enabled == false
    )
    error_message = "One container and no OTLP endpoint without the sidecar (the app's exporter stays silent)."
  }
}

run "collector_sidecar_grows_the_task_and_wires_otlp" {
  command = plan

  variables {
    services = {
      app = {
        cpu           = 256
        memory        = 1024
        desired_count = 1
        command       = ["serve", "--role", "all"]
        load_balanced = true
      }
    }
    otel_collector = {
      enabled           = true
      metrics_namespace = "bmo-learning/prod"
      metric_names      = ["bmo.lesson.generations", "bmo.lesson.fallbacks"]
    }
  }

  # 256/1024 + 256/512 = 512 CPU units / 1536 MiB, rounded up to the Fargate size 512 / 2048.
  assert {
    condition     = aws_ecs_task_definition.this["app"].cpu == "512" && aws_ecs_task_definition.this["app"].memory == "2048"
    error_message = "The task grows by the collector's share, to a valid Fargate size."
  }

  assert {
    condition = (
      jsondecode(aws_ecs_task_definition.this["app"].container_definitions)[1].name == "aws-otel-collector" &&
      jsondecode(aws_ecs_task_definition.this["app"].container_definitions)[1].essential == false &&
      jsondecode(aws_ecs_task_definition.this["app"].container_definitions)[1].cpu == 256 &&
      jsondecode(aws_ecs_task_definition.this["app"].container_definitions)[1].memory == 512 &&
      jsondecode(aws_ecs_task_definition.this["app"].container_definitions)[0].cpu == 256 &&
      jsondecode(aws_ecs_task_definition.this["app"].container_definitions)[0].memoryReservation == 1024
    )
    error_message = "A non-essential collector container capped at its size beside the app's share."
  }

  assert {
    condition     = contains(jsondecode(aws_ecs_task_definition.this["app"].container_definitions)[0].environment, { name = "OTEL_EXPORTER_OTLP_ENDPOINT", value = "http://localhost:4318" }) && contains(jsondecode(aws_ecs_task_definition.this["app"].container_definitions)[0].environment, { name = "OTEL_TRACES_SAMPLER_ARG", value = "0.1" })
    error_message = "The app exports OTLP/HTTP to the sidecar with 10% trace sampling."
  }

  assert {
    condition = (
      yamldecode(jsondecode(aws_ecs_task_definition.this["app"].container_definitions)[1].environment[0].value).exporters.awsemf.namespace == "bmo-learning/prod" &&
      yamldecode(jsondecode(aws_ecs_task_definition.this["app"].container_definitions)[1].environment[0].value).exporters.awsemf.log_group_name == "/ecs/bmo-learning-prod/app" &&
      yamldecode(jsondecode(aws_ecs_task_definition.this["app"].container_definitions)[1].environment[0].value).processors["filter/catalogue"].metrics.include.metric_names == ["bmo.lesson.generations", "bmo.lesson.fallbacks"] &&
      yamldecode(jsondecode(aws_ecs_task_definition.this["app"].container_definitions)[1].environment[0].value).service.pipelines.traces.exporters == ["awsxray"]
    )
    error_message = "Collector config: traces to X-Ray, only the listed metrics to CloudWatch in the app's namespace and log group."
  }
}

run "collector_that_does_not_fit_a_fargate_size_is_refused" {
  command = plan

  variables {
    services = {
      app = {
        cpu           = 2048
        memory        = 16384
        desired_count = 1
        command       = ["serve"]
        load_balanced = true
      }
    }
    otel_collector = {
      enabled      = true
      cpu          = 1024
      metric_names = ["bmo.lesson.generations"]
    }
  }

  expect_failures = [aws_ecs_task_definition.this]
}

run "collector_needs_the_metric_list_and_a_pinned_image" {
  command = plan

  variables {
    otel_collector = {
      enabled = true
      image   = "public.ecr.aws/aws-observability/aws-otel-collector:latest"
    }
  }

  expect_failures = [var.otel_collector]
}

run "replaced_revisions_stay_active_for_rollback" {
  command = plan

  assert {
    condition     = aws_ecs_task_definition.this["app"].skip_destroy == true
    error_message = "Old revisions stay ACTIVE so deploy.yml can roll a service back to them."
  }
}
