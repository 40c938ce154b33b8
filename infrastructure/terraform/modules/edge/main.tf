# The only way in: an ALB with a WAF web ACL (modules/waf: rate limit per IP, AWS common rules
# incl. XSS, SQL injection). In cloudfront mode the ALB is internal, reachable only through
# CloudFront's VPC origin, and the (CLOUDFRONT-scoped, us-east-1) ACL sits on the distribution.

locals {
  name          = "${var.project}-${var.environment}"
  tags          = merge(var.tags, { Project = var.project, Environment = var.environment })
  cloudfront    = var.mode == "cloudfront"
  https_on_alb  = !local.cloudfront && var.certificate_arn != null
  deletion_lock = coalesce(var.deletion_protection, var.environment == "prod")
}

resource "aws_lb" "this" {
  name                       = local.name
  load_balancer_type         = "application"
  internal                   = local.cloudfront
  security_groups            = var.security_group_ids
  subnets                    = var.subnet_ids
  idle_timeout               = var.idle_timeout
  drop_invalid_header_fields = true
  enable_deletion_protection = local.deletion_lock

  tags = merge(local.tags, { Name = local.name })

  lifecycle {
    precondition {
      condition     = !local.cloudfront || var.cloudfront_web_acl_arn != null
      error_message = "cloudfront mode needs cloudfront_web_acl_arn: no path to the tasks may bypass the WAF."
    }
    precondition {
      condition     = length(local.name) <= 28
      error_message = "project-environment must be at most 28 characters (load balancer and target group names are limited to 32)."
    }
  }
}

resource "aws_lb_target_group" "app" {
  name                 = "${local.name}-app"
  target_type          = "ip"
  protocol             = "HTTP"
  port                 = var.target_port
  vpc_id               = var.vpc_id
  deregistration_delay = 30

  health_check {
    path                = var.health_check_path
    matcher             = "200"
    interval            = 30
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  tags = merge(local.tags, { Name = "${local.name}-app" })
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.this.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = local.https_on_alb ? "redirect" : "forward"
    target_group_arn = local.https_on_alb ? null : aws_lb_target_group.app.arn

    dynamic "redirect" {
      for_each = local.https_on_alb ? [1] : []
      content {
        protocol    = "HTTPS"
        port        = "443"
        status_code = "HTTP_301"
      }
    }
  }

  tags = local.tags
}

resource "aws_lb_listener" "https" {
  count = local.https_on_alb ? 1 : 0

  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.ssl_policy
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }

  tags = local.tags
}

# ---- WAF ------------------------------------------------------------------------------------

module "waf" {
  source = "../waf"
  count  = local.cloudfront ? 0 : 1

  project             = var.project
  environment         = var.environment
  scope               = "REGIONAL"
  rate_limit          = var.waf_rate_limit
  rate_window_seconds = var.waf_rate_window_seconds
  tags                = var.tags
}

resource "aws_wafv2_web_acl_association" "alb" {
  count = local.cloudfront ? 0 : 1

  resource_arn = aws_lb.this.arn
  web_acl_arn  = module.waf[0].arn
}

# ---- CloudFront (cloudfront mode) -----------------------------------------------------------

resource "aws_cloudfront_vpc_origin" "this" {
  count = local.cloudfront ? 1 : 0

  vpc_origin_endpoint_config {
    name                   = local.name
    arn                    = aws_lb.this.arn
    http_port              = 80
    https_port             = 443
    origin_protocol_policy = "http-only"

    origin_ssl_protocols {
      items    = ["TLSv1.2"]
      quantity = 1
    }
  }

  tags = local.tags
}

resource "aws_cloudfront_distribution" "this" {
  count = local.cloudfront ? 1 : 0

  enabled      = true
  comment      = local.name
  price_class  = var.cloudfront_price_class
  http_version = "http2and3"
  aliases      = var.aliases
  web_acl_id   = var.cloudfront_web_acl_arn

  origin {
    origin_id   = "alb"
    domain_name = aws_lb.this.dns_name

    vpc_origin_config {
      vpc_origin_id       = aws_cloudfront_vpc_origin.this[0].id
      origin_read_timeout = 60
    }
  }

  # An API, not a web site: nothing is cached, every viewer header but Host reaches the app.
  default_cache_behavior {
    target_origin_id         = "alb"
    viewer_protocol_policy   = "redirect-to-https"
    allowed_methods          = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]
    cached_methods           = ["GET", "HEAD"]
    compress                 = true
    cache_policy_id          = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad" # Managed-CachingDisabled
    origin_request_policy_id = "b689b0a8-53d0-40ab-baf2-68738e2966ac" # Managed-AllViewerExceptHostHeader
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = var.certificate_arn == null
    acm_certificate_arn            = var.certificate_arn
    ssl_support_method             = var.certificate_arn == null ? null : "sni-only"
    minimum_protocol_version       = var.certificate_arn == null ? "TLSv1" : "TLSv1.2_2021"
  }

  tags = local.tags
}
