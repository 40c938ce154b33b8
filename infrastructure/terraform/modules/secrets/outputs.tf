output "store" {
  description = "Where the secrets live: secretsmanager or ssm."
  value       = var.store
}

output "arns" {
  description = "Secret or parameter ARN by short name."
  value = merge(
    { for k, s in aws_secretsmanager_secret.this : k => s.arn },
    { for k, p in aws_ssm_parameter.this : k => p.arn },
  )
}

output "names" {
  description = "Full secret or parameter name by short name."
  value = merge(
    { for k, s in aws_secretsmanager_secret.this : k => s.name },
    { for k, p in aws_ssm_parameter.this : k => p.name },
  )
}

output "env_var_arns" {
  description = "Secret or parameter ARN by environment variable name (openai-api-key => OPENAI_API_KEY); ECS accepts both in valueFrom."
  value = merge(
    { for k, s in aws_secretsmanager_secret.this : upper(replace(k, "-", "_")) => s.arn },
    { for k, p in aws_ssm_parameter.this : upper(replace(k, "-", "_")) => p.arn },
  )
}

output "secretsmanager_arns" {
  description = "Secrets Manager secret ARNs (empty with store = ssm): for secretsmanager:GetSecretValue."
  value       = [for s in aws_secretsmanager_secret.this : s.arn]
}

output "ssm_parameter_arns" {
  description = "SSM parameter ARNs (empty with store = secretsmanager): for ssm:GetParameters."
  value       = [for p in aws_ssm_parameter.this : p.arn]
}

output "put_value_commands" {
  description = "One command per secret that sets its value out of band (replace VALUE)."
  value = concat(
    [for k, s in aws_secretsmanager_secret.this : "aws secretsmanager put-secret-value --secret-id ${s.name} --secret-string VALUE"],
    [for k, p in aws_ssm_parameter.this : "aws ssm put-parameter --name ${p.name} --type SecureString --overwrite --value VALUE"],
  )
}
