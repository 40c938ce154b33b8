output "execution_role_arn" {
  description = "ARN of the ECS task execution role."
  value       = aws_iam_role.execution.arn
}

output "task_role_arn" {
  description = "ARN of the ECS task role."
  value       = aws_iam_role.task.arn
}

output "deploy_role_arn" {
  description = "ARN of the GitHub OIDC deploy role, or null."
  value       = local.create_deploy_role ? aws_iam_role.deploy[0].arn : null
}
