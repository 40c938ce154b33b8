# Least-privilege roles: the execution role (ECS agent) pulls the image, reads this
# environment's secrets and writes its logs; the task role (the app) reaches its documents
# bucket; an optional GitHub OIDC deploy role pushes images and rolls out new task definitions.
# Policies are jsonencode'd (no aws_iam_policy_document data source, so plans stay offline).

locals {
  name = "${var.project}-${var.environment}"
  tags = merge(var.tags, { Project = var.project, Environment = var.environment })

  ecs_tasks_trust = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })

  create_deploy_role   = var.github_repository != null
  create_oidc_provider = local.create_deploy_role && var.github_oidc_provider_arn == null
  oidc_provider_arn    = local.create_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : var.github_oidc_provider_arn

  # What `terraform plan` reads for the resource types of environments/prod (refresh only).
  terraform_read_actions = [
    "sts:GetCallerIdentity",
    "ec2:Describe*",
    "elasticloadbalancing:Describe*",
    "rds:Describe*", "rds:ListTagsForResource",
    "elasticache:Describe*", "elasticache:ListTagsForResource",
    "ecs:Describe*", "ecs:List*",
    "ecr:DescribeRepositories", "ecr:GetLifecyclePolicy", "ecr:GetRepositoryPolicy", "ecr:ListTagsForResource",
    "iam:GetRole", "iam:GetRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:GetOpenIDConnectProvider",
    "logs:DescribeLogGroups", "logs:ListTagsForResource", "logs:ListTagsLogGroup",
    "cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource",
    "sns:GetTopicAttributes", "sns:GetSubscriptionAttributes", "sns:ListTagsForResource", "sns:ListSubscriptionsByTopic",
    "s3:ListAllMyBuckets", "s3:GetBucket*", "s3:GetAccelerateConfiguration", "s3:GetEncryptionConfiguration",
    "s3:GetLifecycleConfiguration", "s3:GetReplicationConfiguration",
    "wafv2:GetWebACL", "wafv2:GetWebACLForResource", "wafv2:ListTagsForResource",
    "cloudfront:GetDistribution", "cloudfront:GetVpcOrigin", "cloudfront:ListTagsForResource",
    "ssm:DescribeParameters", "ssm:ListTagsForResource",
    "secretsmanager:DescribeSecret", "secretsmanager:GetResourcePolicy",
    "servicediscovery:GetNamespace", "servicediscovery:ListTagsForResource",
    "budgets:ViewBudget", "budgets:ListTagsForResource",
  ]
}

# ---- execution role -------------------------------------------------------------------------

resource "aws_iam_role" "execution" {
  name               = "${local.name}-ecs-execution"
  description        = "ECS agent: pull the image, read ${local.name} secrets, write logs"
  assume_role_policy = local.ecs_tasks_trust
  tags               = local.tags
}

resource "aws_iam_role_policy" "execution" {
  name = "pull-secrets-logs"
  role = aws_iam_role.execution.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [
        {
          Sid      = "EcrAuth"
          Effect   = "Allow"
          Action   = ["ecr:GetAuthorizationToken"]
          Resource = "*"
        },
        {
          Sid      = "EcrPull"
          Effect   = "Allow"
          Action   = ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"]
          Resource = var.ecr_repository_arn
        },
      ],
      length(var.log_group_arns) == 0 ? [] : [{
        Sid      = "Logs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = [for arn in var.log_group_arns : "${trimsuffix(arn, ":*")}:*"]
      }],
      length(var.secret_arns) == 0 ? [] : [{
        Sid    = "OwnSecrets"
        Effect = "Allow"
        Action = ["secretsmanager:GetSecretValue"]
        # valueFrom may add :json-key:: suffixes; the policy needs the bare secret ARN.
        Resource = distinct([for arn in var.secret_arns : regex("^(arn:[^:]+:secretsmanager:[^:]+:[^:]+:secret:[^:]+)", arn)[0]])
      }],
      length(var.ssm_parameter_arns) == 0 ? [] : [{
        Sid      = "OwnParameters"
        Effect   = "Allow"
        Action   = ["ssm:GetParameters"]
        Resource = var.ssm_parameter_arns
      }],
      length(var.secrets_kms_key_arns) == 0 ? [] : [{
        Sid      = "DecryptSecrets"
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = var.secrets_kms_key_arns
      }],
    )
  })
}

# ---- task role ------------------------------------------------------------------------------

resource "aws_iam_role" "task" {
  name               = "${local.name}-ecs-task"
  description        = "Application: read and write its documents bucket"
  assume_role_policy = local.ecs_tasks_trust
  tags               = local.tags
}

resource "aws_iam_role_policy" "task" {
  name = "documents-bucket"
  role = aws_iam_role.task.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [
        {
          Sid      = "ListDocuments"
          Effect   = "Allow"
          Action   = ["s3:ListBucket", "s3:GetBucketLocation"]
          Resource = var.documents_bucket_arn
        },
        {
          Sid      = "ReadWriteDocuments"
          Effect   = "Allow"
          Action   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
          Resource = "${var.documents_bucket_arn}/*"
        },
      ],
      # The ADOT collector sidecar runs with the task role: traces to X-Ray (these X-Ray actions
      # support no resource-level scoping) and EMF metrics into this cluster's own log groups.
      var.otel_collector_enabled ? [{
        Sid      = "XRayTraces"
        Effect   = "Allow"
        Action   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries"]
        Resource = "*"
      }] : [],
      var.otel_collector_enabled && length(var.log_group_arns) > 0 ? [{
        Sid      = "CollectorMetricsToOwnLogGroups"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
        Resource = [for arn in var.log_group_arns : "${trimsuffix(arn, ":*")}:*"]
      }] : [],
      var.enable_execute_command ? [{
        Sid      = "EcsExec"
        Effect   = "Allow"
        Action   = ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"]
        Resource = "*"
      }] : [],
    )
  })
}

# ---- GitHub OIDC deploy role (optional) -----------------------------------------------------

resource "aws_iam_openid_connect_provider" "github" {
  count = local.create_oidc_provider ? 1 : 0

  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
  tags           = local.tags
}

resource "aws_iam_role" "deploy" {
  count = local.create_deploy_role ? 1 : 0

  name        = "${local.name}-github-deploy"
  description = "GitHub Actions (${var.github_repository}): push the image, run migrate, roll out services"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = local.oidc_provider_arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
        StringLike   = { "token.actions.githubusercontent.com:sub" = [for s in var.github_subjects : "repo:${var.github_repository}:${s}"] }
      }
    }]
  })

  tags = local.tags

  lifecycle {
    precondition {
      condition     = var.ecs_cluster_arn != null
      error_message = "The deploy role needs ecs_cluster_arn."
    }
  }
}

resource "aws_iam_role_policy" "deploy" {
  count = local.create_deploy_role ? 1 : 0

  name = "push-and-roll-out"
  role = aws_iam_role.deploy[0].id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat([
      {
        Sid      = "EcrAuth"
        Effect   = "Allow"
        Action   = ["ecr:GetAuthorizationToken"]
        Resource = "*"
      },
      {
        Sid    = "EcrPush"
        Effect = "Allow"
        Action = [
          "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:CompleteLayerUpload", "ecr:DescribeImages",
          "ecr:GetDownloadUrlForLayer", "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart",
        ]
        Resource = var.ecr_repository_arn
      },
      {
        # Task definitions cannot be scoped by resource.
        Sid      = "TaskDefinitions"
        Effect   = "Allow"
        Action   = ["ecs:DescribeTaskDefinition", "ecs:RegisterTaskDefinition"]
        Resource = "*"
      },
      {
        Sid    = "ServicesAndTasksInOwnCluster"
        Effect = "Allow"
        Action = ["ecs:DescribeServices", "ecs:UpdateService", "ecs:RunTask", "ecs:DescribeTasks", "ecs:ListTasks"]
        Resource = [
          var.ecs_cluster_arn,
          "${replace(coalesce(var.ecs_cluster_arn, "none"), ":cluster/", ":service/")}/*",
          "${replace(coalesce(var.ecs_cluster_arn, "none"), ":cluster/", ":task/")}/*",
          "${split(":cluster/", coalesce(var.ecs_cluster_arn, "none"))[0]}:task-definition/${local.name}-*:*",
        ]
      },
      {
        Sid      = "PassTaskRoles"
        Effect   = "Allow"
        Action   = ["iam:PassRole"]
        Resource = [aws_iam_role.execution.arn, aws_iam_role.task.arn]
        Condition = {
          StringEquals = { "iam:PassedToService" = "ecs-tasks.amazonaws.com" }
        }
      },
      {
        Sid      = "ReadDeployLogs"
        Effect   = "Allow"
        Action   = ["logs:GetLogEvents", "logs:FilterLogEvents"]
        Resource = [for arn in var.log_group_arns : "${trimsuffix(arn, ":*")}:*"]
      },
      {
        # Terraform owns the task definitions: a deploy is `terraform apply -var image_tag=<sha>`,
        # which replaces task definitions (register, tag, deregister) and updates the services.
        # DeregisterTaskDefinition supports no resource-level scoping.
        Sid      = "TerraformRollOut"
        Effect   = "Allow"
        Action   = ["ecs:DeregisterTaskDefinition"]
        Resource = "*"
      },
      {
        # Tags on this environment's task definitions (at registration), services and cluster.
        Sid    = "TerraformTagOwnEcsResources"
        Effect = "Allow"
        Action = ["ecs:TagResource", "ecs:UntagResource"]
        Resource = [
          var.ecs_cluster_arn,
          "${replace(coalesce(var.ecs_cluster_arn, "none"), ":cluster/", ":service/")}/*",
          "${split(":cluster/", coalesce(var.ecs_cluster_arn, "none"))[0]}:task-definition/${local.name}-*:*",
        ]
      },
      {
        # `terraform plan` refreshes every resource of the stack: read-only calls, no object reads,
        # no secret values (secretsmanager:GetSecretValue is not here). Writes outside ECS are
        # denied by omission, so a deploy cannot change the infrastructure.
        Sid      = "TerraformRefresh"
        Effect   = "Allow"
        Action   = local.terraform_read_actions
        Resource = "*"
      },
      ],
      # Refreshing a SecureString parameter reads it: only this environment's parameters.
      length(var.ssm_parameter_arns) == 0 ? [] : [
        {
          Sid      = "TerraformRefreshParameters"
          Effect   = "Allow"
          Action   = ["ssm:GetParameter", "ssm:GetParameters"]
          Resource = var.ssm_parameter_arns
        },
      ],
      var.terraform_state_bucket == null ? [] : [
        {
          Sid      = "TerraformStateList"
          Effect   = "Allow"
          Action   = ["s3:ListBucket"]
          Resource = "arn:aws:s3:::${var.terraform_state_bucket}"
        },
        {
          # The state object and its S3-native lock file (<key>.tflock) under <project>/<environment>/.
          Sid      = "TerraformStateObjects"
          Effect   = "Allow"
          Action   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
          Resource = "arn:aws:s3:::${var.terraform_state_bucket}/${var.project}/${var.environment}/*"
        },
    ])
  })
}
