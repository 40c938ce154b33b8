output "sns_topic_arn" {
  description = "ARN of the alarm topic."
  value       = aws_sns_topic.alarms.arn
}

output "alarm_names" {
  description = "Names of every alarm."
  value       = concat([for a in aws_cloudwatch_metric_alarm.this : a.alarm_name], [aws_cloudwatch_metric_alarm.fallback_rate.alarm_name])
}

output "dashboard_name" {
  description = "Name of the CloudWatch dashboard."
  value       = aws_cloudwatch_dashboard.this.dashboard_name
}

output "metrics_namespace" {
  description = "CloudWatch namespace of the application's metrics."
  value       = local.metrics_namespace
}

output "app_metrics" {
  description = "The application's metrics by key: CloudWatch name, unit, instrument and meaning (the contract the app emits; docs/runbooks/metrics.md)."
  value       = local.app_metrics
}

output "query_definition_names" {
  description = "Names of the saved Logs Insights queries."
  value       = [for q in aws_cloudwatch_query_definition.this : q.name]
}

output "guardduty_detector_id" {
  description = "GuardDuty detector id, or null when guardduty_enabled is false."
  value       = var.guardduty_enabled ? aws_guardduty_detector.this[0].id : null
}

output "guardduty_enabled" {
  description = "Whether this module created a GuardDuty detector."
  value       = length(aws_guardduty_detector.this) == 1
}

output "custom_metrics" {
  description = "\"<namespace> <metric>\" of every custom metric the dashboard and alarms read (each is billed as one custom metric). For cost estimation from the plan."
  value       = [for m in values(local.app_metrics) : "${local.metrics_namespace} ${m.name}"]
}
