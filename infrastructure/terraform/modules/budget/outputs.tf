output "name" {
  description = "Name of the budget."
  value       = aws_budgets_budget.monthly.name
}

output "limit_usd" {
  description = "Monthly limit in USD."
  value       = var.limit_usd
}
