# A monthly cost budget for the account (the first two budgets are free). Budgets are
# account-wide: the limit covers everything the account spends, not just this stack.

locals {
  name = "${var.project}-${var.environment}"
  tags = merge(var.tags, { Project = var.project, Environment = var.environment })

  notifications = [
    { type = "ACTUAL", threshold = var.actual_threshold_percent },
    { type = "FORECASTED", threshold = var.forecast_threshold_percent },
  ]
}

resource "aws_budgets_budget" "monthly" {
  name         = "${local.name}-monthly"
  budget_type  = "COST"
  limit_amount = format("%.2f", var.limit_usd)
  limit_unit   = "USD"
  time_unit    = "MONTHLY"

  dynamic "notification" {
    for_each = local.notifications
    content {
      comparison_operator        = "GREATER_THAN"
      notification_type          = notification.value.type
      threshold                  = notification.value.threshold
      threshold_type             = "PERCENTAGE"
      subscriber_email_addresses = var.emails
    }
  }

  tags = local.tags
}
