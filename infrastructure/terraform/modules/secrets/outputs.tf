output "arns" {
  description = "Secret ARN by short name."
  value       = { for k, s in aws_secretsmanager_secret.this : k => s.arn }
}

output "names" {
  description = "Full secret name by short name."
  value       = { for k, s in aws_secretsmanager_secret.this : k => s.name }
}

output "env_var_arns" {
  description = "Secret ARN by environment variable name (openai-api-key => OPENAI_API_KEY)."
  value       = { for k, s in aws_secretsmanager_secret.this : upper(replace(k, "-", "_")) => s.arn }
}

output "put_value_commands" {
  description = "One command per secret that sets its value out of band (replace VALUE)."
  value       = [for k, s in aws_secretsmanager_secret.this : "aws secretsmanager put-secret-value --secret-id ${s.name} --secret-string VALUE"]
}
