# A WAF v2 web ACL: block an IP above the rate limit, then the AWS managed rule groups (common
# rule set, which covers XSS, and SQL injection). Everything else is allowed.

locals {
  name = "${var.project}-${var.environment}"
  tags = merge(var.tags, { Project = var.project, Environment = var.environment })

  rules = concat(
    [{ name = "rate-limit-per-ip", priority = 0, kind = "rate", count_rule_names = [] }],
    [for i, g in var.managed_rule_groups : { name = g.name, priority = i + 1, kind = "managed", count_rule_names = g.count_rule_names }]
  )
}

resource "aws_wafv2_web_acl" "this" {
  name        = local.name
  description = "Rate limit, common (XSS) and SQL injection rules for ${local.name}"
  scope       = var.scope

  default_action {
    allow {}
  }

  dynamic "rule" {
    for_each = local.rules
    content {
      name     = rule.value.name
      priority = rule.value.priority

      dynamic "action" {
        for_each = rule.value.kind == "rate" ? [1] : []
        content {
          block {}
        }
      }

      dynamic "override_action" {
        for_each = rule.value.kind == "managed" ? [1] : []
        content {
          none {}
        }
      }

      statement {
        dynamic "rate_based_statement" {
          for_each = rule.value.kind == "rate" ? [1] : []
          content {
            limit                 = var.rate_limit
            evaluation_window_sec = var.rate_window_seconds
            aggregate_key_type    = "IP"
          }
        }

        dynamic "managed_rule_group_statement" {
          for_each = rule.value.kind == "managed" ? [1] : []
          content {
            name        = rule.value.name
            vendor_name = "AWS"

            dynamic "rule_action_override" {
              for_each = rule.value.count_rule_names
              content {
                name = rule_action_override.value
                action_to_use {
                  count {}
                }
              }
            }
          }
        }
      }

      visibility_config {
        cloudwatch_metrics_enabled = true
        metric_name                = "${local.name}-${rule.value.name}"
        sampled_requests_enabled   = true
      }
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = local.name
    sampled_requests_enabled   = true
  }

  tags = local.tags
}
