mock_provider "aws" {}

variables {
  environment        = "prod"
  vpc_id             = "vpc-0123456789abcdef0"
  subnet_ids         = ["subnet-aaaaaaaa", "subnet-bbbbbbbb"]
  security_group_ids = ["sg-12345678"]
}

run "alb_without_certificate_forwards_http" {
  command = plan

  assert {
    condition     = aws_lb.this.internal == false && aws_lb.this.load_balancer_type == "application" && aws_lb.this.drop_invalid_header_fields
    error_message = "Internet-facing ALB that drops invalid headers."
  }

  assert {
    condition     = aws_lb_listener.http.default_action[0].type == "forward" && length(aws_lb_listener.https) == 0
    error_message = "Without a certificate HTTP forwards and there is no HTTPS listener."
  }

  assert {
    condition     = aws_lb_target_group.app.port == 8080 && aws_lb_target_group.app.target_type == "ip" && aws_lb_target_group.app.health_check[0].path == "/health"
    error_message = "Target group on 8080 (ip targets) checking /health."
  }
}

run "waf_holds_the_three_rules_and_is_associated" {
  command = plan

  assert {
    condition     = length(module.waf) == 1 && module.waf[0].scope == "REGIONAL" && length(aws_wafv2_web_acl_association.alb) == 1
    error_message = "A regional web ACL associated with the ALB."
  }

  assert {
    condition     = jsonencode(module.waf[0].rule_names) == jsonencode(["rate-limit-per-ip", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesSQLiRuleSet"])
    error_message = "The ACL must hold the rate rule, the common (XSS) and the SQLi rule sets."
  }

  assert {
    condition     = module.waf[0].rate_limit.limit == 100 && module.waf[0].rate_limit.window_seconds == 300
    error_message = "Rate rule: 100 requests per 5 minutes per IP."
  }
}

run "certificate_enables_https_and_redirect" {
  command = plan

  variables {
    certificate_arn = "arn:aws:acm:us-east-2:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666"
  }

  assert {
    condition     = aws_lb_listener.http.default_action[0].type == "redirect" && aws_lb_listener.http.default_action[0].redirect[0].protocol == "HTTPS" && aws_lb_listener.http.default_action[0].redirect[0].status_code == "HTTP_301"
    error_message = "HTTP must redirect to HTTPS when a certificate is given."
  }

  assert {
    condition     = length(aws_lb_listener.https) == 1 && aws_lb_listener.https[0].port == 443 && aws_lb_listener.https[0].default_action[0].type == "forward"
    error_message = "HTTPS listener forwarding to the app."
  }
}

run "cloudfront_mode_hides_the_alb" {
  command = plan

  variables {
    mode                   = "cloudfront"
    cloudfront_web_acl_arn = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/bmo-learning-prod/0a1b2c3d-1111-2222-3333-444455556666"
  }

  assert {
    condition     = aws_lb.this.internal == true && length(module.waf) == 0 && length(aws_wafv2_web_acl_association.alb) == 0
    error_message = "In cloudfront mode the ALB is internal and has no regional ACL."
  }

  assert {
    condition     = length(aws_cloudfront_distribution.this) == 1 && aws_cloudfront_distribution.this[0].web_acl_id == var.cloudfront_web_acl_arn
    error_message = "The distribution carries the CloudFront ACL."
  }

  assert {
    condition     = aws_cloudfront_distribution.this[0].default_cache_behavior[0].viewer_protocol_policy == "redirect-to-https" && length(aws_cloudfront_vpc_origin.this) == 1
    error_message = "Distribution redirecting viewers to HTTPS, ALB reached through a VPC origin."
  }
}

run "cloudfront_mode_without_acl_is_refused" {
  command = plan

  variables {
    mode = "cloudfront"
  }

  expect_failures = [aws_lb.this]
}

run "rejects_unknown_mode" {
  command = plan

  variables {
    mode = "nlb"
  }

  expect_failures = [var.mode]
}

run "rejects_rate_limit_below_waf_minimum" {
  command = plan

  variables {
    waf_rate_limit = 5
  }

  expect_failures = [var.waf_rate_limit]
}

run "rejects_bad_certificate_arn" {
  command = plan

  variables {
    certificate_arn = "my-cert"
  }

  expect_failures = [var.certificate_arn]
}
