# The seed's alarms (Aurora ACU, running tasks, target 5xx) plus unhealthy targets, all to one
# SNS topic. The topic is not KMS-encrypted: CloudWatch cannot publish to a topic encrypted
# with the AWS-managed SNS key.

locals {
  name = "${var.project}-${var.environment}"
  tags = merge(var.tags, { Project = var.project, Environment = var.environment })

  watch_healthy_hosts      = contains(["healthy_hosts", "both"], var.task_count_alarm)
  watch_container_insights = contains(["container_insights", "both"], var.task_count_alarm)

  alb_dimensions = { LoadBalancer = var.alb_arn_suffix }
  tg_dimensions  = { LoadBalancer = var.alb_arn_suffix, TargetGroup = var.target_group_arn_suffix }

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
  statistic           = each.value.statistic
  period              = each.value.period
  evaluation_periods  = each.value.evaluation_periods
  threshold           = each.value.threshold
  comparison_operator = each.value.comparison
  treat_missing_data  = each.value.missing
  dimensions          = each.value.dimensions

  alarm_actions = [aws_sns_topic.alarms.arn]
  ok_actions    = [aws_sns_topic.alarms.arn]

  tags = local.tags
}
