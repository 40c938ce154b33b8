mock_provider "aws" {}

variables {
  environment = "prod"
}

run "three_rules_with_the_seed_limit" {
  command = plan

  assert {
    condition     = aws_wafv2_web_acl.this.scope == "REGIONAL" && length(aws_wafv2_web_acl.this.rule) == 3 && length(aws_wafv2_web_acl.this.default_action[0].allow) == 1
    error_message = "Regional ACL, allow by default, exactly three rules."
  }

  assert {
    condition = alltrue([for r in aws_wafv2_web_acl.this.rule :
      r.statement[0].rate_based_statement[0].limit == 100 &&
      r.statement[0].rate_based_statement[0].evaluation_window_sec == 300 &&
      r.statement[0].rate_based_statement[0].aggregate_key_type == "IP" &&
      length(r.action[0].block) == 1
    if r.name == "rate-limit-per-ip"]) && contains([for r in aws_wafv2_web_acl.this.rule : r.name], "rate-limit-per-ip")
    error_message = "Rate rule must block over 100 requests per 5 minutes per IP."
  }

  assert {
    condition = toset([for r in aws_wafv2_web_acl.this.rule :
      r.statement[0].managed_rule_group_statement[0].name
    if length(r.statement[0].managed_rule_group_statement) > 0]) == toset(["AWSManagedRulesCommonRuleSet", "AWSManagedRulesSQLiRuleSet"])
    error_message = "Managed rule groups: common (XSS) and SQL injection."
  }

  assert {
    condition = alltrue([for r in aws_wafv2_web_acl.this.rule :
      r.statement[0].managed_rule_group_statement[0].vendor_name == "AWS" && length(r.override_action[0].none) == 1
    if length(r.statement[0].managed_rule_group_statement) > 0])
    error_message = "Managed groups keep their own block actions (override none)."
  }

  assert {
    condition     = jsonencode(output.rule_names) == jsonencode(["rate-limit-per-ip", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesSQLiRuleSet"])
    error_message = "Rule order: rate limit first."
  }
}

run "cloudfront_scope" {
  command = plan

  variables {
    scope = "CLOUDFRONT"
  }

  assert {
    condition     = aws_wafv2_web_acl.this.scope == "CLOUDFRONT"
    error_message = "CloudFront scope."
  }
}

run "rejects_rate_limit_below_waf_minimum" {
  command = plan

  variables {
    rate_limit = 5
  }

  expect_failures = [var.rate_limit]
}

run "rejects_bad_window" {
  command = plan

  variables {
    rate_window_seconds = 3600
  }

  expect_failures = [var.rate_window_seconds]
}

run "rejects_non_managed_group" {
  command = plan

  variables {
    managed_rule_groups = [{ name = "MyRules" }]
  }

  expect_failures = [var.managed_rule_groups]
}
