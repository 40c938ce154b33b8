mock_provider "aws" {}

variables {
  environment             = "prod"
  db_cluster_identifier   = "bmo-learning-prod"
  alb_arn_suffix          = "app/bmo-learning-prod/0123456789abcdef"
  target_group_arn_suffix = "targetgroup/bmo-learning-prod-app/0123456789abcdef"
  ecs_cluster_name        = "bmo-learning-prod"
  ecs_service_names       = ["app"]
  alarm_email             = "ops@example.com"
  region                  = "us-east-2"
  log_group_names         = ["/ecs/bmo-learning-prod/app", "/ecs/bmo-learning-prod/migrate"]
}

run "seed_alarms_with_their_thresholds" {
  command = plan

  assert {
    condition     = aws_sns_topic.alarms.name == "bmo-learning-prod-alarms" && aws_sns_topic_subscription.email[0].endpoint == "ops@example.com"
    error_message = "Topic bmo-learning-prod-alarms with the e-mail subscription."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["aurora-high-acu"].alarm_name == "bmo-learning-prod-aurora-high-acu" &&
      aws_cloudwatch_metric_alarm.this["aurora-high-acu"].metric_name == "ServerlessDatabaseCapacity" &&
      aws_cloudwatch_metric_alarm.this["aurora-high-acu"].statistic == "Average" &&
      aws_cloudwatch_metric_alarm.this["aurora-high-acu"].period == 300 &&
      aws_cloudwatch_metric_alarm.this["aurora-high-acu"].threshold == 1.5 &&
      aws_cloudwatch_metric_alarm.this["aurora-high-acu"].comparison_operator == "GreaterThanThreshold" &&
      aws_cloudwatch_metric_alarm.this["aurora-high-acu"].dimensions.DBClusterIdentifier == "bmo-learning-prod"
    )
    error_message = "Aurora ACU > 1.5 average over 300 s."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["alb-5xx-errors"].metric_name == "HTTPCode_Target_5XX_Count" &&
      aws_cloudwatch_metric_alarm.this["alb-5xx-errors"].statistic == "Sum" &&
      aws_cloudwatch_metric_alarm.this["alb-5xx-errors"].period == 300 &&
      aws_cloudwatch_metric_alarm.this["alb-5xx-errors"].threshold == 10 &&
      aws_cloudwatch_metric_alarm.this["alb-5xx-errors"].comparison_operator == "GreaterThanThreshold"
    )
    error_message = "Target 5xx > 10 summed over 300 s."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["alb-unhealthy-targets"].metric_name == "UnHealthyHostCount" &&
      aws_cloudwatch_metric_alarm.this["alb-unhealthy-targets"].threshold == 0 &&
      aws_cloudwatch_metric_alarm.this["alb-unhealthy-targets"].comparison_operator == "GreaterThanThreshold"
    )
    error_message = "Unhealthy targets > 0."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["app-low-tasks"].namespace == "AWS/ApplicationELB" &&
      aws_cloudwatch_metric_alarm.this["app-low-tasks"].metric_name == "HealthyHostCount" &&
      aws_cloudwatch_metric_alarm.this["app-low-tasks"].threshold == 1 &&
      aws_cloudwatch_metric_alarm.this["app-low-tasks"].comparison_operator == "LessThanThreshold" &&
      aws_cloudwatch_metric_alarm.this["app-low-tasks"].treat_missing_data == "breaching"
    )
    error_message = "Running tasks < 1, watched for free through HealthyHostCount."
  }

  assert {
    condition     = length(aws_cloudwatch_metric_alarm.this) == 6 && length(output.alarm_names) == 7
    error_message = "Seven alarms by default, reading eight metrics (within the 10 free alarm metrics)."
  }
}

run "container_insights_mode_uses_the_seed_metric" {
  command = plan

  variables {
    task_count_alarm  = "container_insights"
    ecs_service_names = ["api", "worker"]
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["worker-low-tasks"].namespace == "ECS/ContainerInsights" &&
      aws_cloudwatch_metric_alarm.this["worker-low-tasks"].metric_name == "RunningTaskCount" &&
      aws_cloudwatch_metric_alarm.this["worker-low-tasks"].threshold == 1 &&
      aws_cloudwatch_metric_alarm.this["worker-low-tasks"].dimensions.ServiceName == "worker"
    )
    error_message = "RunningTaskCount < 1 per service."
  }

  assert {
    condition     = !contains(keys(aws_cloudwatch_metric_alarm.this), "app-low-tasks")
    error_message = "No HealthyHostCount alarm in container_insights mode."
  }
}

run "both_modes_do_not_collide" {
  command = plan

  variables {
    task_count_alarm = "both"
  }

  assert {
    condition     = contains(keys(aws_cloudwatch_metric_alarm.this), "app-low-tasks") && contains(keys(aws_cloudwatch_metric_alarm.this), "app-low-running-tasks")
    error_message = "Both task alarms with distinct names."
  }
}

run "rejects_unknown_task_alarm_mode" {
  command = plan

  variables {
    task_count_alarm = "sometimes"
  }

  expect_failures = [var.task_count_alarm]
}

run "rejects_bad_email" {
  command = plan

  variables {
    alarm_email = "not-an-email"
  }

  expect_failures = [var.alarm_email]
}

run "latency_and_fallback_alarms" {
  command = plan

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["api-p95-latency"].namespace == "AWS/ApplicationELB" &&
      aws_cloudwatch_metric_alarm.this["api-p95-latency"].metric_name == "TargetResponseTime" &&
      aws_cloudwatch_metric_alarm.this["api-p95-latency"].extended_statistic == "p95" &&
      aws_cloudwatch_metric_alarm.this["api-p95-latency"].statistic == null &&
      aws_cloudwatch_metric_alarm.this["api-p95-latency"].threshold == 0.5 &&
      aws_cloudwatch_metric_alarm.this["api-p95-latency"].dimensions.LoadBalancer == "app/bmo-learning-prod/0123456789abcdef"
    )
    error_message = "API p95 alarm: ALB TargetResponseTime p95 > 0.5 s (the seed's target)."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["ai-p95-latency"].namespace == "bmo-learning/prod" &&
      aws_cloudwatch_metric_alarm.this["ai-p95-latency"].metric_name == "bmo.lesson.generation.duration" &&
      aws_cloudwatch_metric_alarm.this["ai-p95-latency"].extended_statistic == "p95" &&
      aws_cloudwatch_metric_alarm.this["ai-p95-latency"].threshold == 5
    )
    error_message = "AI p95 alarm: lesson generation p95 > 5 s (the seed's target)."
  }

  assert {
    condition = (
      aws_cloudwatch_metric_alarm.fallback_rate.alarm_name == "bmo-learning-prod-ai-fallback-rate" &&
      aws_cloudwatch_metric_alarm.fallback_rate.threshold == 20 &&
      length(aws_cloudwatch_metric_alarm.fallback_rate.metric_query) == 3 &&
      toset([for q in aws_cloudwatch_metric_alarm.fallback_rate.metric_query : q.metric[0].metric_name if length(q.metric) > 0]) == toset(["bmo.lesson.generations", "bmo.lesson.fallbacks"]) &&
      one([for q in aws_cloudwatch_metric_alarm.fallback_rate.metric_query : q.id if q.return_data == true]) == "rate"
    )
    error_message = "Fallback-rate alarm: 100 x fallbacks / generations > 20 %, over the two app counters."
  }
}

run "metric_catalogue_is_the_documented_contract" {
  command = plan

  # The list in docs/runbooks/metrics.md: changing a name here breaks the app's dashboards.
  assert {
    condition = output.metrics_namespace == "bmo-learning/prod" && toset([for m in values(output.app_metrics) : m.name]) == toset([
      "bmo.lesson.generation.duration", "bmo.lesson.generations", "bmo.lesson.fallbacks",
      "bmo.jobs.queue_depth", "bmo.jobs.failures", "bmo.delivery.failures", "bmo.llm.cost",
    ])
    error_message = "Namespace bmo-learning/prod and the seven documented metric names."
  }

  assert {
    condition     = length(output.app_metrics) <= 10
    error_message = "At most 10 custom metrics (CloudWatch's always-free tier); add dimensions or names only with a cost review."
  }
}

run "dashboard_widgets_name_metrics_that_exist" {
  command = plan

  # Every metric row names either a metric AWS publishes (by namespace, from the AWS
  # documentation of each service) or one of the app's documented metrics; expressions only
  # combine rows that do.
  assert {
    condition = alltrue(flatten([for w in jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets : [
      for row in w.properties.metrics : try(row[0].expression != "", false) || contains([
        "AWS/ApplicationELB TargetResponseTime",
        "AWS/ApplicationELB HTTPCode_Target_5XX_Count",
        "AWS/ApplicationELB HTTPCode_ELB_5XX_Count",
        "AWS/RDS ServerlessDatabaseCapacity",
        "AWS/ECS CPUUtilization",
        "AWS/ECS MemoryUtilization",
        "bmo-learning/prod bmo.lesson.generation.duration",
        "bmo-learning/prod bmo.lesson.generations",
        "bmo-learning/prod bmo.lesson.fallbacks",
        "bmo-learning/prod bmo.jobs.queue_depth",
        "bmo-learning/prod bmo.jobs.failures",
        "bmo-learning/prod bmo.delivery.failures",
        "bmo-learning/prod bmo.llm.cost",
      ], try("${row[0]} ${row[1]}", "not a metric row"))
    ]]))
    error_message = "A dashboard widget names a metric that neither AWS nor the app emits."
  }

  assert {
    condition = alltrue([for w in jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets :
    w.type == "metric" && length(w.properties.metrics) >= 1 && w.properties.region == "us-east-2"])
    error_message = "Every widget is a metric widget in the stack's region with at least one metric."
  }

  # Every metric the app is asked to emit is shown (none is paid for and never looked at).
  assert {
    condition = alltrue([for m in values(output.app_metrics) : anytrue(flatten([
      for w in jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets : [
        for row in w.properties.metrics : try(row[1] == m.name, false)
      ]
    ]))])
    error_message = "Each app metric appears on the dashboard."
  }

  # What the issue asks for: API latency p50/p95/p99, 5xx, Aurora ACU, task CPU and memory.
  assert {
    condition = (
      toset([for row in jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets[0].properties.metrics : row[4].stat]) == toset(["p50", "p95", "p99"]) &&
      jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets[0].properties.metrics[0][3] == "app/bmo-learning-prod/0123456789abcdef" &&
      anytrue([for w in jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets : anytrue([for row in w.properties.metrics : try(row[1] == "ServerlessDatabaseCapacity" && row[3] == "bmo-learning-prod", false)])]) &&
      anytrue([for w in jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets : anytrue([for row in w.properties.metrics : try(row[1] == "MemoryUtilization" && row[5] == "app", false)])])
    )
    error_message = "API latency p50/p95/p99 on the load balancer; Aurora ACU on the cluster; task memory per service."
  }

  assert {
    condition     = aws_cloudwatch_dashboard.this.dashboard_name == "bmo-learning-prod"
    error_message = "Dashboard bmo-learning-prod."
  }
}

run "dashboard_shows_every_service_of_split_roles" {
  command = plan

  variables {
    ecs_service_names = ["api", "ai", "worker"]
  }

  assert {
    condition = toset(flatten([for w in jsondecode(aws_cloudwatch_dashboard.this.dashboard_body).widgets : [
      for row in w.properties.metrics : row[5] if try(row[1] == "CPUUtilization", false)
    ]])) == toset(["api", "ai", "worker"])
    error_message = "One CPU line per service."
  }
}

run "saved_queries_on_the_roles_log_groups" {
  command = plan

  assert {
    condition = toset(keys(aws_cloudwatch_query_definition.this)) == toset([
      "errors-by-route", "slow-requests", "llm-fallbacks", "delivery-failures", "request-trail-by-trace-id",
    ])
    error_message = "The five saved queries."
  }

  assert {
    condition = alltrue([for q in aws_cloudwatch_query_definition.this :
      startswith(q.name, "bmo-learning-prod/") &&
      toset(q.log_group_names) == toset(["/ecs/bmo-learning-prod/app", "/ecs/bmo-learning-prod/migrate"])
    ])
    error_message = "Each query runs over the roles' log groups and sits in the bmo-learning-prod folder."
  }

  assert {
    condition = (
      strcontains(aws_cloudwatch_query_definition.this["errors-by-route"].query_string, "status >= 500") &&
      strcontains(aws_cloudwatch_query_definition.this["errors-by-route"].query_string, "by method, route, status") &&
      strcontains(aws_cloudwatch_query_definition.this["slow-requests"].query_string, "duration_ms > 500") &&
      strcontains(aws_cloudwatch_query_definition.this["llm-fallbacks"].query_string, "by generator, reason") &&
      strcontains(aws_cloudwatch_query_definition.this["delivery-failures"].query_string, "by channel, reason") &&
      strcontains(aws_cloudwatch_query_definition.this["request-trail-by-trace-id"].query_string, "filter trace_id =")
    )
    error_message = "Each query filters and groups on the documented log fields."
  }
}

run "rejects_a_log_group_outside_ecs" {
  command = plan

  variables {
    log_group_names = ["/aws/lambda/something"]
  }

  expect_failures = [var.log_group_names]
}

run "guardduty_is_off_by_default" {
  command = plan

  assert {
    condition     = length(aws_guardduty_detector.this) == 0 && length(aws_guardduty_detector_feature.this) == 0 && length(aws_cloudwatch_event_rule.guardduty) == 0 && length(aws_sns_topic_policy.alarms) == 0
    error_message = "No detector, no features, no finding rule and the default topic policy when guardduty_enabled is false."
  }

  assert {
    condition     = output.guardduty_detector_id == null
    error_message = "No detector id."
  }
}

run "guardduty_on_sends_findings_to_the_alarm_topic" {
  command = plan

  variables {
    guardduty_enabled = true
  }

  # ARNs are only known after apply; the policy is built from them.
  override_resource {
    target          = aws_sns_topic.alarms
    override_during = plan
    values          = { arn = "arn:aws:sns:us-east-2:123456789012:bmo-learning-prod-alarms" }
  }

  override_resource {
    target          = aws_cloudwatch_event_rule.guardduty
    override_during = plan
    values          = { arn = "arn:aws:events:us-east-2:123456789012:rule/bmo-learning-prod-guardduty-findings" }
  }

  assert {
    condition     = length(aws_guardduty_detector.this) == 1 && aws_guardduty_detector.this[0].enable == true
    error_message = "One enabled detector."
  }

  assert {
    condition = (
      aws_guardduty_detector_feature.this["S3_DATA_EVENTS"].status == "ENABLED" &&
      aws_guardduty_detector_feature.this["RDS_LOGIN_EVENTS"].status == "DISABLED" &&
      aws_guardduty_detector_feature.this["RUNTIME_MONITORING"].status == "DISABLED" &&
      aws_guardduty_detector_feature.this["EBS_MALWARE_PROTECTION"].status == "DISABLED"
    )
    error_message = "S3 data events on; paid plans not asked for are explicitly off."
  }

  assert {
    condition = (
      jsondecode(aws_cloudwatch_event_rule.guardduty[0].event_pattern).source == ["aws.guardduty"] &&
      jsondecode(aws_cloudwatch_event_rule.guardduty[0].event_pattern).detail.severity[0].numeric == [">=", 4] &&
      aws_cloudwatch_event_target.guardduty[0].target_id == "alarm-topic"
    )
    error_message = "Findings of severity 4 or more go to the alarm topic."
  }

  assert {
    condition = (
      toset([for s in jsondecode(aws_sns_topic_policy.alarms[0].policy).Statement : s.Sid]) == toset(["Owner", "CloudWatchAlarms", "GuardDutyFindings"]) &&
      jsondecode(aws_sns_topic_policy.alarms[0].policy).Statement[0].Principal.AWS == "arn:aws:iam::123456789012:root" &&
      jsondecode(aws_sns_topic_policy.alarms[0].policy).Statement[2].Condition.ArnEquals["aws:SourceArn"] == "arn:aws:events:us-east-2:123456789012:rule/bmo-learning-prod-guardduty-findings"
    )
    error_message = "The topic policy keeps the owner's rights and CloudWatch's next to EventBridge."
  }
}

run "rejects_out_of_range_thresholds" {
  command = plan

  variables {
    fallback_rate_threshold_percent = 100
    api_p95_threshold_seconds       = 0
    guardduty_min_severity          = 9
  }

  expect_failures = [var.fallback_rate_threshold_percent, var.api_p95_threshold_seconds, var.guardduty_min_severity]
}
