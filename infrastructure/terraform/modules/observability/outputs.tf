output "sns_topic_arn" {
  description = "ARN of the alarm topic."
  value       = aws_sns_topic.alarms.arn
}

output "alarm_names" {
  description = "Names of every alarm."
  value       = [for a in aws_cloudwatch_metric_alarm.this : a.alarm_name]
}
