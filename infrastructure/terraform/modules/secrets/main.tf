# Secret containers only: no value ever passes through Terraform's state.
#
# store = "secretsmanager": Secrets Manager secrets <project>/<environment>/<name> without any
#   aws_secretsmanager_secret_version ($0.40 per secret-month). Values are set out of band:
#     aws secretsmanager put-secret-value --secret-id <project>/<env>/<name> --secret-string ...
# store = "ssm": SSM Parameter Store SecureString parameters /<project>/<environment>/<name>
#   (standard tier, AWS-managed key: free). A parameter cannot exist without a value, so it is
#   created with the non-secret initial_value through the write-only value_wo: Terraform sends it
#   once and stores neither it nor the value read back (has_value_wo). `ignore_changes = [value]`
#   would not be enough: a refresh would copy the real value into the state. Values are set out
#   of band and Terraform never overwrites them (only a new value_wo_version would):
#     aws ssm put-parameter --name /<project>/<env>/<name> --type SecureString --overwrite --value ...

locals {
  tags = merge(var.tags, { Project = var.project, Environment = var.environment })
  ssm  = var.store == "ssm"
}

resource "aws_secretsmanager_secret" "this" {
  for_each = local.ssm ? toset([]) : toset(var.names)

  name                    = "${var.project}/${var.environment}/${each.key}"
  description             = "${each.key} for ${var.project}-${var.environment}; value set out of band"
  recovery_window_in_days = var.recovery_window_in_days
  kms_key_id              = var.kms_key_id

  tags = local.tags
}

resource "aws_ssm_parameter" "this" {
  for_each = local.ssm ? toset(var.names) : toset([])

  name        = "/${var.project}/${var.environment}/${each.key}"
  description = "${each.key} for ${var.project}-${var.environment}; value set out of band"
  type        = "SecureString"
  tier        = "Standard"
  key_id      = var.kms_key_id

  value_wo         = var.initial_value
  value_wo_version = 1

  tags = local.tags
}
