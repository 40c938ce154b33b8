# Secret containers only. No aws_secretsmanager_secret_version here, on purpose: a value set
# through Terraform would be stored in plain text in the state. Values are set out of band:
#   aws secretsmanager put-secret-value --secret-id <project>/<env>/<name> --secret-string ...

locals {
  tags = merge(var.tags, { Project = var.project, Environment = var.environment })
}

resource "aws_secretsmanager_secret" "this" {
  for_each = toset(var.names)

  name                    = "${var.project}/${var.environment}/${each.key}"
  description             = "${each.key} for ${var.project}-${var.environment}; value set out of band"
  recovery_window_in_days = var.recovery_window_in_days
  kms_key_id              = var.kms_key_id

  tags = local.tags
}
