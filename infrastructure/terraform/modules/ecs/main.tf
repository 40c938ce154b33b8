# One cluster, one image, one task definition and service per role, plus a one-off migrate task.
# The default is a single service `app` running every role in one process.

locals {
  name = "${var.project}-${var.environment}"
  tags = merge(var.tags, { Project = var.project, Environment = var.environment })

  log_roles               = concat(keys(var.services), ["migrate"])
  service_connect_enabled = anytrue([for s in values(var.services) : s.service_connect])

  secrets = [for k in sort(keys(var.secrets)) : { name = k, valueFrom = var.secrets[k] }]

  log_configuration = { for role in local.log_roles : role => {
    logDriver = "awslogs"
    options = {
      "awslogs-group"         = "/ecs/${local.name}/${role}"
      "awslogs-region"        = var.region
      "awslogs-stream-prefix" = role
    }
  } }

  # ---- optional ADOT collector sidecar --------------------------------------------------------
  collector = var.otel_collector.enabled

  # Task size with the sidecar: app + collector, rounded up to the next valid Fargate memory
  # for that CPU (256: 512/1024/2048; above: whole GiB from 2 GiB per vCPU).
  fargate_min_memory = { 256 = 512, 512 = 1024, 1024 = 2048, 2048 = 4096, 4096 = 8192 }
  fargate_max_memory = { 256 = 2048, 512 = 4096, 1024 = 8192, 2048 = 16384, 4096 = 30720 }
  task_size = { for role, s in var.services : role => local.collector ? {
    cpu = s.cpu + var.otel_collector.cpu
    memory = (s.cpu + var.otel_collector.cpu) == 256 ? (
      s.memory + var.otel_collector.memory <= 512 ? 512 : (s.memory + var.otel_collector.memory <= 1024 ? 1024 : 2048)
    ) : max(lookup(local.fargate_min_memory, s.cpu + var.otel_collector.cpu, 1024), ceil((s.memory + var.otel_collector.memory) / 1024) * 1024)
  } : { cpu = s.cpu, memory = s.memory } }

  # Only the documented metrics become CloudWatch metrics, with no dimensions (one custom metric
  # each); everything else the SDK produces (per-route histograms, runtime metrics) is dropped.
  collector_config = { for role in keys(var.services) : role => yamlencode({
    extensions = { health_check = { endpoint = "127.0.0.1:13133" } }
    receivers = { otlp = { protocols = {
      grpc = { endpoint = "127.0.0.1:4317" }
      http = { endpoint = "127.0.0.1:4318" }
    } } }
    processors = {
      "batch/traces"     = { timeout = "1s", send_batch_size = 50 }
      "batch/metrics"    = { timeout = "60s" }
      "filter/catalogue" = { metrics = { include = { match_type = "strict", metric_names = var.otel_collector.metric_names } } }
    }
    exporters = {
      awsxray = { region = var.region }
      awsemf = {
        region                  = var.region
        namespace               = var.otel_collector.metrics_namespace
        log_group_name          = "/ecs/${local.name}/${role}"
        log_stream_name         = "otel-metrics"
        dimension_rollup_option = "NoDimensionRollup"
        metric_declarations     = [{ dimensions = [[]], metric_name_selectors = var.otel_collector.metric_names }]
      }
    }
    service = {
      extensions = ["health_check"]
      pipelines = {
        traces  = { receivers = ["otlp"], processors = ["batch/traces"], exporters = ["awsxray"] }
        metrics = { receivers = ["otlp"], processors = ["filter/catalogue", "batch/metrics"], exporters = ["awsemf"] }
      }
    }
  }) }

  collector_environment = local.collector ? {
    OTEL_EXPORTER_OTLP_ENDPOINT = "http://localhost:4318"
    OTEL_EXPORTER_OTLP_PROTOCOL = "http/protobuf"
    OTEL_TRACES_SAMPLER         = "parentbased_traceidratio"
    OTEL_TRACES_SAMPLER_ARG     = tostring(var.otel_collector.trace_sample_ratio)
  } : {}

  collector_containers = { for role in keys(var.services) : role => {
    name             = "aws-otel-collector"
    image            = var.otel_collector.image
    essential        = false # the app keeps serving if the collector stops; telemetry is lost, not requests
    cpu              = var.otel_collector.cpu
    memory           = var.otel_collector.memory
    environment      = [{ name = "AOT_CONFIG_CONTENT", value = local.collector_config[role] }]
    logConfiguration = merge(local.log_configuration[role], { options = merge(local.log_configuration[role].options, { "awslogs-stream-prefix" = "otel-collector" }) })
  } }

  containers = { for role, s in var.services : role => merge(
    {
      name      = role
      image     = var.image
      essential = true
      command   = s.command
      portMappings = [{
        name          = "http"
        containerPort = var.container_port
        hostPort      = var.container_port
        protocol      = "tcp"
        appProtocol   = "http"
      }]
      environment = [for k in sort(keys(merge(var.environment_variables, local.collector_environment, s.environment))) :
        { name = k, value = merge(var.environment_variables, local.collector_environment, s.environment)[k] }
      ]
      secrets          = local.secrets
      logConfiguration = local.log_configuration[role]
      stopTimeout      = 30
      linuxParameters  = { initProcessEnabled = true }
    },
    # With the sidecar, the app's own share of the task (the collector is capped at its size).
    merge([for _ in local.collector ? [1] : [] : { cpu = s.cpu, memoryReservation = s.memory, dependsOn = [{ containerName = "aws-otel-collector", condition = "START" }] }]...),
    s.health_check ? {
      healthCheck = {
        command     = var.health_check_command
        interval    = 30
        timeout     = 5
        retries     = 3
        startPeriod = 60
      }
    } : {}
  ) }

  migrate_container = {
    name      = "migrate"
    image     = var.image
    essential = true
    command   = var.migrate.command
    environment = [for k in sort(keys(var.environment_variables)) :
      { name = k, value = var.environment_variables[k] }
    ]
    secrets          = local.secrets
    logConfiguration = local.log_configuration["migrate"]
  }
}

resource "aws_ecs_cluster" "this" {
  name = local.name

  setting {
    name  = "containerInsights"
    value = var.container_insights ? "enabled" : "disabled"
  }

  tags = local.tags
}

resource "aws_ecs_cluster_capacity_providers" "this" {
  cluster_name       = aws_ecs_cluster.this.name
  capacity_providers = ["FARGATE", "FARGATE_SPOT"]
}

resource "aws_cloudwatch_log_group" "this" {
  for_each = toset(local.log_roles)

  name              = "/ecs/${local.name}/${each.key}"
  retention_in_days = var.log_retention_days
  tags              = local.tags
}

resource "aws_service_discovery_http_namespace" "this" {
  count = local.service_connect_enabled ? 1 : 0

  name        = local.name
  description = "Service Connect namespace of ${local.name}"
  tags        = local.tags
}

resource "aws_ecs_task_definition" "this" {
  for_each = var.services

  family                   = "${local.name}-${each.key}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = tostring(local.task_size[each.key].cpu)
  memory                   = tostring(local.task_size[each.key].memory)
  execution_role_arn       = var.execution_role_arn
  task_role_arn            = var.task_role_arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  container_definitions = jsonencode(concat([local.containers[each.key]], local.collector ? [local.collector_containers[each.key]] : []))

  # Keep replaced revisions ACTIVE: deploy.yml rolls a service back to the revision it ran before,
  # and ECS cannot point a service at an INACTIVE (deregistered) task definition.
  skip_destroy = true

  tags = merge(local.tags, { Role = each.key })

  lifecycle {
    precondition {
      condition = (
        contains(keys(local.fargate_max_memory), tostring(local.task_size[each.key].cpu)) &&
        local.task_size[each.key].memory <= lookup(local.fargate_max_memory, local.task_size[each.key].cpu, 0)
      )
      error_message = "The service plus the collector sidecar (${local.task_size[each.key].cpu} CPU units / ${local.task_size[each.key].memory} MiB) is not a Fargate task size; change the service's cpu or the collector's."
    }
  }
}

resource "aws_ecs_task_definition" "migrate" {
  family                   = "${local.name}-migrate"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = tostring(var.migrate.cpu)
  memory                   = tostring(var.migrate.memory)
  execution_role_arn       = var.execution_role_arn
  task_role_arn            = var.task_role_arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  container_definitions = jsonencode([local.migrate_container])

  tags = merge(local.tags, { Role = "migrate" })
}

resource "aws_ecs_service" "this" {
  for_each = var.services

  name                    = each.key
  cluster                 = aws_ecs_cluster.this.id
  task_definition         = aws_ecs_task_definition.this[each.key].arn
  desired_count           = each.value.desired_count
  launch_type             = var.capacity_provider == "FARGATE" ? "FARGATE" : null
  platform_version        = "LATEST"
  propagate_tags          = "SERVICE"
  enable_ecs_managed_tags = true
  enable_execute_command  = var.enable_execute_command

  # With one task, start the new one before stopping the old (no downtime on deploys).
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  dynamic "capacity_provider_strategy" {
    for_each = var.capacity_provider == "FARGATE" ? [] : [var.capacity_provider]
    content {
      capacity_provider = capacity_provider_strategy.value
      weight            = 1
    }
  }

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = var.security_group_ids
    assign_public_ip = var.assign_public_ip
  }

  dynamic "load_balancer" {
    for_each = each.value.load_balanced ? [1] : []
    content {
      target_group_arn = var.target_group_arn
      container_name   = each.key
      container_port   = var.container_port
    }
  }

  health_check_grace_period_seconds = each.value.load_balanced ? var.health_check_grace_period_seconds : null

  dynamic "service_connect_configuration" {
    for_each = local.service_connect_enabled ? [1] : []
    content {
      enabled   = true
      namespace = aws_service_discovery_http_namespace.this[0].arn

      dynamic "service" {
        for_each = each.value.service_connect ? [1] : []
        content {
          port_name      = "http"
          discovery_name = each.key
          client_alias {
            port     = var.container_port
            dns_name = each.key
          }
        }
      }
    }
  }

  tags = merge(local.tags, { Role = each.key })

  depends_on = [aws_ecs_cluster_capacity_providers.this]

  lifecycle {
    precondition {
      condition     = !each.value.load_balanced || var.target_group_arn != null
      error_message = "A load-balanced service needs target_group_arn."
    }
  }
}
