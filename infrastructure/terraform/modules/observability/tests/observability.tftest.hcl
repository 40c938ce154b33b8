mock_provider "aws" {}

variables {
  environment             = "prod"
  db_cluster_identifier   = "bmo-learning-prod"
  alb_arn_suffix          = "app/bmo-learning-prod/0123456789abcdef"
  target_group_arn_suffix = "targetgroup/bmo-learning-prod-app/0123456789abcdef"
  ecs_cluster_name        = "bmo-learning-prod"
  ecs_service_names       = ["app"]
  alarm_email             = "ops@example.com"
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
    condition     = length(aws_cloudwatch_metric_alarm.this) == 4
    error_message = "Four alarms by default (within the 10 free alarms)."
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
