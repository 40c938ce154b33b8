output "arn" {
  description = "ARN of the web ACL."
  value       = aws_wafv2_web_acl.this.arn
}

output "name" {
  description = "Name of the web ACL."
  value       = aws_wafv2_web_acl.this.name
}

output "scope" {
  description = "REGIONAL or CLOUDFRONT."
  value       = aws_wafv2_web_acl.this.scope
}

output "rule_names" {
  description = "Rule names in priority order."
  value       = [for r in local.rules : r.name]
}

output "rate_limit" {
  description = "Rate rule: requests per IP and window."
  value       = { limit = var.rate_limit, window_seconds = var.rate_window_seconds }
}
