mock_provider "aws" {}

variables {
  environment = "prod"
  emails      = ["finance@example.com"]
}

run "monthly_100_usd_with_two_notifications" {
  command = plan

  assert {
    condition     = aws_budgets_budget.monthly.name == "bmo-learning-prod-monthly" && aws_budgets_budget.monthly.budget_type == "COST" && aws_budgets_budget.monthly.time_unit == "MONTHLY"
    error_message = "A monthly cost budget."
  }

  assert {
    condition     = tonumber(aws_budgets_budget.monthly.limit_amount) == 100 && aws_budgets_budget.monthly.limit_unit == "USD"
    error_message = "Default limit $100."
  }

  assert {
    condition = length(aws_budgets_budget.monthly.notification) == 2 && anytrue([for n in aws_budgets_budget.monthly.notification :
      n.notification_type == "ACTUAL" && n.threshold == 80 && n.threshold_type == "PERCENTAGE" && contains(n.subscriber_email_addresses, "finance@example.com")
    ])
    error_message = "Notify at 80% of actual spend."
  }

  assert {
    condition = anytrue([for n in aws_budgets_budget.monthly.notification :
      n.notification_type == "FORECASTED" && n.threshold == 100 && n.comparison_operator == "GREATER_THAN"
    ])
    error_message = "Notify at 100% of forecasted spend."
  }
}

run "rejects_no_email" {
  command = plan

  variables {
    emails = []
  }

  expect_failures = [var.emails]
}

run "rejects_zero_limit" {
  command = plan

  variables {
    limit_usd = 0
  }

  expect_failures = [var.limit_usd]
}
