output "mode" {
  description = "alb or cloudfront."
  value       = var.mode
}

output "alb_arn" {
  description = "ARN of the load balancer."
  value       = aws_lb.this.arn
}

output "alb_arn_suffix" {
  description = "ARN suffix of the load balancer (the LoadBalancer metric dimension)."
  value       = aws_lb.this.arn_suffix
}

output "alb_dns_name" {
  description = "DNS name of the load balancer (internal in cloudfront mode)."
  value       = aws_lb.this.dns_name
}

output "alb_zone_id" {
  description = "Route 53 zone id of the load balancer, for alias records."
  value       = aws_lb.this.zone_id
}

output "target_group_arn" {
  description = "ARN of the app target group."
  value       = aws_lb_target_group.app.arn
}

output "target_group_arn_suffix" {
  description = "ARN suffix of the app target group (the TargetGroup metric dimension)."
  value       = aws_lb_target_group.app.arn_suffix
}

output "web_acl_arn" {
  description = "ARN of the WAF web ACL protecting the entry point."
  value       = local.cloudfront ? var.cloudfront_web_acl_arn : module.waf[0].arn
}

output "cloudfront_domain_name" {
  description = "Domain name of the CloudFront distribution, or null in alb mode."
  value       = local.cloudfront ? aws_cloudfront_distribution.this[0].domain_name : null
}

output "https_enabled" {
  description = "Whether clients reach the app over HTTPS."
  value       = local.cloudfront || local.https_on_alb
}

output "public_url" {
  description = "Base URL clients use."
  value = (local.cloudfront ? "https://${aws_cloudfront_distribution.this[0].domain_name}" :
  "${local.https_on_alb ? "https" : "http"}://${aws_lb.this.dns_name}")
}

output "waf_rule_names" {
  description = "Rules of the regional web ACL (alb mode), in priority order."
  value       = local.cloudfront ? null : module.waf[0].rule_names
}

output "alb_availability_zone_count" {
  description = "Zones (subnets) the ALB spans: one public IPv4 each when internet-facing. Known at plan time, unlike the subnet ids."
  value       = length(var.subnet_ids)
}
