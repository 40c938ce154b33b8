# The reference system's alarms (Aurora ACU, running tasks, target 5xx) plus unhealthy targets, API and AI p95
# latency and the AI fallback rate, all to one SNS topic; the day-two dashboard and the saved Logs
# Insights queries (docs/runbooks/); GuardDuty as an option. The topic is not KMS-encrypted:
# CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key.

locals {
  name = "${var.project}-${var.environment}"
  tags = merge(var.tags, { Project = var.project, Environment = var.environment })

  watch_healthy_hosts      = contains(["healthy_hosts", "both"], var.task_count_alarm)
  watch_container_insights = contains(["container_insights", "both"], var.task_count_alarm)

  alb_dimensions = { LoadBalancer = var.alb_arn_suffix }
  tg_dimensions  = { LoadBalancer = var.alb_arn_suffix, TargetGroup = var.target_group_arn_suffix }

  # ---- the application's metrics: the one list ----------------------------------------------
  # Namespace and names the app emits (CloudWatch embedded metric format on stdout, or OTLP to the
  # ADOT collector sidecar, which writes the same names): docs/runbooks/metrics.md. No dimensions,
  # so each name is exactly one custom metric (7 of the 10 in CloudWatch's always-free tier);
  # breakdowns by route, reason or channel come from the log queries below, which cost nothing
  # until they are run.
  metrics_namespace = "${var.project}/${var.environment}"
  app_metrics = {
    lesson_generation_duration = { name = "bmo.lesson.generation.duration", unit = "Seconds", instrument = "histogram", description = "Time to generate one lesson (retrieval, model or offline generator, validation), seconds; percentiles need the distribution (EMF Values/Counts)." }
    lesson_generations         = { name = "bmo.lesson.generations", unit = "Count", instrument = "counter", description = "Lessons generated, whatever the generator (denominator of the fallback rate)." }
    lesson_fallbacks           = { name = "bmo.lesson.fallbacks", unit = "Count", instrument = "counter", description = "Lessons the offline generator wrote because the preferred one failed (reason in the lesson.fallback log event)." }
    job_queue_depth            = { name = "bmo.jobs.queue_depth", unit = "Count", instrument = "gauge", description = "Jobs enqueued and not yet started, sampled by the worker every minute." }
    job_failures               = { name = "bmo.jobs.failures", unit = "Count", instrument = "counter", description = "Job executions that threw (each retry counts)." }
    delivery_failures          = { name = "bmo.delivery.failures", unit = "Count", instrument = "counter", description = "Sends that failed on a channel (the next channel may still deliver; reason in the delivery.failed log event)." }
    llm_cost                   = { name = "bmo.llm.cost", unit = "None", instrument = "counter", description = "Estimated model cost in US dollars (tokens x Ai:Prices), added per model call." }
  }
  m = { for k, v in local.app_metrics : k => v.name }

  # ---- alarms ---------------------------------------------------------------------------------
  alarms = merge(
    {
      "aurora-high-acu" = {
        description = "Aurora ACU above ${var.aurora_acu_threshold} for 5 minutes"
        namespace   = "AWS/RDS", metric = "ServerlessDatabaseCapacity", statistic = "Average"
        period      = 300, evaluation_periods = 1, threshold = var.aurora_acu_threshold
        comparison  = "GreaterThanThreshold", missing = "notBreaching"
        dimensions  = { DBClusterIdentifier = var.db_cluster_identifier }
      }
      "alb-5xx-errors" = {
        description = "Targets returned more than ${var.target_5xx_threshold} 5xx responses in 5 minutes"
        namespace   = "AWS/ApplicationELB", metric = "HTTPCode_Target_5XX_Count", statistic = "Sum"
        period      = 300, evaluation_periods = 1, threshold = var.target_5xx_threshold
        comparison  = "GreaterThanThreshold", missing = "notBreaching"
        dimensions  = local.alb_dimensions
      }
      "alb-unhealthy-targets" = {
        description = "At least one target failed its /health check for 2 minutes"
        namespace   = "AWS/ApplicationELB", metric = "UnHealthyHostCount", statistic = "Maximum"
        period      = 60, evaluation_periods = 2, threshold = 0
        comparison  = "GreaterThanThreshold", missing = "notBreaching"
        dimensions  = local.tg_dimensions
      }
      "api-p95-latency" = {
        description = "API p95 (load balancer target response time) above ${var.api_p95_threshold_seconds} s for 15 minutes (seed target: < 500 ms)"
        namespace   = "AWS/ApplicationELB", metric = "TargetResponseTime", statistic = "p95"
        period      = 300, evaluation_periods = 3, threshold = var.api_p95_threshold_seconds
        comparison  = "GreaterThanThreshold", missing = "notBreaching"
        dimensions  = local.alb_dimensions
      }
      "ai-p95-latency" = {
        description = "Lesson generation p95 above ${var.ai_p95_threshold_seconds} s for 15 minutes (seed target: < 5 s)"
        namespace   = local.metrics_namespace, metric = local.m.lesson_generation_duration, statistic = "p95"
        period      = 300, evaluation_periods = 3, threshold = var.ai_p95_threshold_seconds
        comparison  = "GreaterThanThreshold", missing = "notBreaching"
        dimensions  = {}
      }
    },
    local.watch_healthy_hosts ? {
      "${var.load_balanced_service_name}-low-tasks" = {
        description = "No healthy ${var.load_balanced_service_name} task behind the load balancer for 2 minutes"
        namespace   = "AWS/ApplicationELB", metric = "HealthyHostCount", statistic = "Minimum"
        period      = 60, evaluation_periods = 2, threshold = 1
        # No data means no target at all: that is the failure we watch for.
        comparison = "LessThanThreshold", missing = "breaching"
        dimensions = local.tg_dimensions
      }
    } : {},
    local.watch_container_insights ? { for svc in var.ecs_service_names :
      "${svc}-${local.watch_healthy_hosts && svc == var.load_balanced_service_name ? "low-running-tasks" : "low-tasks"}" => {
        description = "Fewer than 1 running ${svc} task for 2 minutes"
        namespace   = "ECS/ContainerInsights", metric = "RunningTaskCount", statistic = "Average"
        period      = 60, evaluation_periods = 2, threshold = 1
        comparison  = "LessThanThreshold", missing = "breaching"
        dimensions  = { ClusterName = var.ecs_cluster_name, ServiceName = svc }
      }
    } : {}
  )

  # ---- dashboard ------------------------------------------------------------------------------
  # Every widget is a metric widget; each row of `metrics` names [namespace, metric, dimensions...]
  # or is an expression over rows with an id. tests/observability.tftest.hcl checks each named
  # metric against AWS's published metrics and the app_metrics list above.
  ns     = local.metrics_namespace
  alb    = ["LoadBalancer", var.alb_arn_suffix]
  period = 300

  widgets = [
    {
      title       = "API latency: load balancer target response time (s)"
      stat        = "p95"
      metrics     = [for p in ["p50", "p95", "p99"] : concat(["AWS/ApplicationELB", "TargetResponseTime"], local.alb, [{ stat = p, label = p }])]
      annotations = { horizontal = [{ label = "API p95 alarm", value = var.api_p95_threshold_seconds }] }
    },
    {
      title = "5xx responses (count per 5 min)"
      stat  = "Sum"
      metrics = [
        concat(["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count"], local.alb, [{ label = "from the app" }]),
        concat(["AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count"], local.alb, [{ label = "from the load balancer (no healthy target, timeouts)" }]),
      ]
      annotations = { horizontal = [{ label = "5xx alarm", value = var.target_5xx_threshold }] }
    },
    {
      title       = "AI latency: lesson generation (s)"
      stat        = "p95"
      metrics     = [for p in ["p50", "p95", "p99"] : [local.ns, local.m.lesson_generation_duration, { stat = p, label = p }]]
      annotations = { horizontal = [{ label = "AI p95 alarm", value = var.ai_p95_threshold_seconds }] }
    },
    {
      title = "AI fallback rate (% of lessons from the offline generator)"
      stat  = "Sum"
      metrics = [
        [{ expression = "IF(m1 > 0, 100 * m2 / m1, 0)", label = "fallback rate %", id = "e1" }],
        [local.ns, local.m.lesson_generations, { id = "m1", visible = false }],
        [local.ns, local.m.lesson_fallbacks, { id = "m2", visible = false }],
      ]
      annotations = { horizontal = [{ label = "fallback alarm", value = var.fallback_rate_threshold_percent }] }
    },
    {
      title = "Job queue depth and failed jobs"
      stat  = "Maximum"
      metrics = [
        [local.ns, local.m.job_queue_depth, { label = "queued (max)" }],
        [local.ns, local.m.job_failures, { stat = "Sum", label = "failed executions (sum)" }],
      ]
      annotations = null
    },
    {
      title       = "Delivery failures (count per 5 min)"
      stat        = "Sum"
      metrics     = [[local.ns, local.m.delivery_failures, { label = "failed sends, all channels" }]]
      annotations = null
    },
    {
      title = "Aurora capacity (ACU; 0 while paused)"
      stat  = "Average"
      metrics = [
        ["AWS/RDS", "ServerlessDatabaseCapacity", "DBClusterIdentifier", var.db_cluster_identifier, { label = "average" }],
        ["AWS/RDS", "ServerlessDatabaseCapacity", "DBClusterIdentifier", var.db_cluster_identifier, { stat = "Maximum", label = "maximum" }],
      ]
      annotations = { horizontal = [{ label = "ACU alarm", value = var.aurora_acu_threshold }] }
    },
    {
      title = "Task CPU and memory (% of the task size)"
      stat  = "Average"
      # setproduct, not flatten: flatten would also flatten each metric row.
      metrics = [for pair in setproduct(var.ecs_service_names, ["CPUUtilization", "MemoryUtilization"]) :
        ["AWS/ECS", pair[1], "ClusterName", var.ecs_cluster_name, "ServiceName", pair[0], { label = "${pair[0]} ${pair[1] == "CPUUtilization" ? "CPU" : "memory"}" }]
      ]
      annotations = null
    },
    {
      title       = "LLM spend (estimated USD per day)"
      stat        = "Sum"
      metrics     = [[local.ns, local.m.llm_cost, { period = 86400, label = "USD per day" }]]
      annotations = null
    },
  ]

  dashboard_body = {
    widgets = [for i, w in local.widgets : {
      type   = "metric"
      x      = (i % 2) * 12
      y      = floor(i / 2) * 6
      width  = 12
      height = 6
      properties = merge(
        {
          title   = w.title
          region  = var.region
          view    = "timeSeries"
          stacked = false
          stat    = w.stat
          period  = local.period
          metrics = w.metrics
        },
        w.annotations == null ? {} : { annotations = w.annotations },
      )
    }]
  }

  # ---- saved Logs Insights queries --------------------------------------------------------------
  # Over the JSON log lines the app writes (fields in docs/runbooks/queries.md).
  queries = {
    "errors-by-route"           = <<-EOT
      fields @timestamp, route, status
      | filter event = "http.request" and status >= 500
      | stats count(*) as errors by method, route, status
      | sort errors desc
    EOT
    "slow-requests"             = <<-EOT
      fields @timestamp, method, route, status, duration_ms, trace_id
      | filter event = "http.request" and duration_ms > ${var.slow_request_ms}
      | sort duration_ms desc
      | limit 100
    EOT
    "llm-fallbacks"             = <<-EOT
      fields @timestamp, generator, reason, trace_id
      | filter event = "lesson.fallback"
      | stats count(*) as fallbacks, latest(trace_id) as example_trace by generator, reason
      | sort fallbacks desc
    EOT
    "delivery-failures"         = <<-EOT
      fields @timestamp, channel, reason, attempt, trace_id
      | filter event = "delivery.failed"
      | stats count(*) as failures, latest(trace_id) as example_trace by channel, reason
      | sort failures desc
    EOT
    "request-trail-by-trace-id" = <<-EOT
      fields @timestamp, @logStream, level, event, message, route, status, duration_ms, span_id
      | filter trace_id = "0123456789abcdef0123456789abcdef"
      | sort @timestamp asc
      | limit 1000
    EOT
  }
}

resource "aws_sns_topic" "alarms" {
  name = "${local.name}-alarms"
  tags = local.tags
}

resource "aws_sns_topic_subscription" "email" {
  count = var.alarm_email == null ? 0 : 1

  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = local.alarms

  alarm_name          = "${local.name}-${each.key}"
  alarm_description   = each.value.description
  namespace           = each.value.namespace
  metric_name         = each.value.metric
  statistic           = startswith(each.value.statistic, "p") ? null : each.value.statistic
  extended_statistic  = startswith(each.value.statistic, "p") ? each.value.statistic : null
  period              = each.value.period
  evaluation_periods  = each.value.evaluation_periods
  threshold           = each.value.threshold
  comparison_operator = each.value.comparison
  treat_missing_data  = each.value.missing
  dimensions          = length(each.value.dimensions) == 0 ? null : each.value.dimensions

  alarm_actions = [aws_sns_topic.alarms.arn]
  ok_actions    = [aws_sns_topic.alarms.arn]

  tags = local.tags
}

# Share of lessons written by the offline generator because the preferred one failed (metric
# math over two counters; no lessons in a period counts as 0 %, not as missing data).
resource "aws_cloudwatch_metric_alarm" "fallback_rate" {
  alarm_name          = "${local.name}-ai-fallback-rate"
  alarm_description   = "More than ${var.fallback_rate_threshold_percent}% of lessons fell back to the offline generator in 2 of 3 periods of 5 minutes"
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.fallback_rate_threshold_percent
  evaluation_periods  = 3
  datapoints_to_alarm = 2
  treat_missing_data  = "notBreaching"

  metric_query {
    id          = "rate"
    expression  = "IF(generated > 0, 100 * fallbacks / generated, 0)"
    label       = "fallback rate %"
    return_data = true
  }

  metric_query {
    id = "generated"
    metric {
      namespace   = local.metrics_namespace
      metric_name = local.m.lesson_generations
      period      = 300
      stat        = "Sum"
    }
  }

  metric_query {
    id = "fallbacks"
    metric {
      namespace   = local.metrics_namespace
      metric_name = local.m.lesson_fallbacks
      period      = 300
      stat        = "Sum"
    }
  }

  alarm_actions = [aws_sns_topic.alarms.arn]
  ok_actions    = [aws_sns_topic.alarms.arn]

  tags = local.tags
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = local.name
  dashboard_body = jsonencode(local.dashboard_body)
}

resource "aws_cloudwatch_query_definition" "this" {
  for_each = local.queries

  name            = "${local.name}/${each.key}"
  log_group_names = var.log_group_names
  query_string    = trimspace(each.value)
}

# ---- GuardDuty (optional) ---------------------------------------------------------------------
# Foundational threat detection (CloudTrail management events, VPC flow logs, DNS logs) plus the
# protection plans chosen in guardduty_features; every other plan is turned off explicitly so a
# new plan AWS enables by default cannot add to the bill unnoticed. Findings of at least
# guardduty_min_severity go to the alarm topic.

locals {
  guardduty_features = {
    S3_DATA_EVENTS         = var.guardduty_features.s3_data_events
    RDS_LOGIN_EVENTS       = var.guardduty_features.rds_login_events
    EBS_MALWARE_PROTECTION = false
    EKS_AUDIT_LOGS         = false
    LAMBDA_NETWORK_LOGS    = false
    RUNTIME_MONITORING     = false
  }
}

resource "aws_guardduty_detector" "this" {
  count = var.guardduty_enabled ? 1 : 0

  enable                       = true
  finding_publishing_frequency = "FIFTEEN_MINUTES"
  tags                         = local.tags
}

resource "aws_guardduty_detector_feature" "this" {
  for_each = var.guardduty_enabled ? local.guardduty_features : {}

  detector_id = aws_guardduty_detector.this[0].id
  name        = each.key
  status      = each.value ? "ENABLED" : "DISABLED"
}

resource "aws_cloudwatch_event_rule" "guardduty" {
  count = var.guardduty_enabled ? 1 : 0

  name        = "${local.name}-guardduty-findings"
  description = "GuardDuty findings of severity ${var.guardduty_min_severity} or more to ${local.name}-alarms"
  event_pattern = jsonencode({
    source        = ["aws.guardduty"]
    "detail-type" = ["GuardDuty Finding"]
    detail        = { severity = [{ numeric = [">=", var.guardduty_min_severity] }] }
  })
  tags = local.tags
}

resource "aws_cloudwatch_event_target" "guardduty" {
  count = var.guardduty_enabled ? 1 : 0

  rule      = aws_cloudwatch_event_rule.guardduty[0].name
  target_id = "alarm-topic"
  arn       = aws_sns_topic.alarms.arn
}

# A topic policy replaces the default one, so it restates the owner's rights next to the two
# services that publish here. Only needed (and only created) when EventBridge must publish.
resource "aws_sns_topic_policy" "alarms" {
  count = var.guardduty_enabled ? 1 : 0

  arn = aws_sns_topic.alarms.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Owner"
        Effect    = "Allow"
        Principal = { AWS = "arn:${split(":", aws_sns_topic.alarms.arn)[1]}:iam::${split(":", aws_sns_topic.alarms.arn)[4]}:root" }
        Action    = ["sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:Subscribe", "sns:ListSubscriptionsByTopic", "sns:Publish"]
        Resource  = aws_sns_topic.alarms.arn
      },
      {
        Sid       = "CloudWatchAlarms"
        Effect    = "Allow"
        Principal = { Service = "cloudwatch.amazonaws.com" }
        Action    = "sns:Publish"
        Resource  = aws_sns_topic.alarms.arn
        Condition = { ArnLike = { "aws:SourceArn" = "arn:${split(":", aws_sns_topic.alarms.arn)[1]}:cloudwatch:${var.region}:${split(":", aws_sns_topic.alarms.arn)[4]}:alarm:${local.name}-*" } }
      },
      {
        Sid       = "GuardDutyFindings"
        Effect    = "Allow"
        Principal = { Service = "events.amazonaws.com" }
        Action    = "sns:Publish"
        Resource  = aws_sns_topic.alarms.arn
        Condition = { ArnEquals = { "aws:SourceArn" = aws_cloudwatch_event_rule.guardduty[0].arn } }
      },
    ]
  })
}
