mock_provider "aws" {}

variables {
  environment          = "prod"
  ecr_repository_arn   = "arn:aws:ecr:us-east-2:123456789012:repository/bmo-learning"
  documents_bucket_arn = "arn:aws:s3:::bmo-learning-prod-documents-1"
  log_group_arns       = ["arn:aws:logs:us-east-2:123456789012:log-group:/ecs/bmo-learning-prod/app"]
  secret_arns = [
    "arn:aws:secretsmanager:us-east-2:123456789012:secret:bmo-learning/prod/openai-api-key-AbCdEf",
    "arn:aws:secretsmanager:us-east-2:123456789012:secret:rds!cluster-1234-AbCdEf:password::",
  ]
}

run "execution_role_reads_only_its_own_secrets" {
  command = plan

  assert {
    condition = [for s in jsondecode(aws_iam_role_policy.execution.policy).Statement : s.Resource if s.Sid == "OwnSecrets"][0] == [
      "arn:aws:secretsmanager:us-east-2:123456789012:secret:bmo-learning/prod/openai-api-key-AbCdEf",
      "arn:aws:secretsmanager:us-east-2:123456789012:secret:rds!cluster-1234-AbCdEf",
    ]
    error_message = "GetSecretValue only on the listed secrets (json-key suffix stripped)."
  }

  assert {
    condition     = alltrue([for s in jsondecode(aws_iam_role_policy.execution.policy).Statement : s.Resource != "*" || s.Action == ["ecr:GetAuthorizationToken"]])
    error_message = "Only ecr:GetAuthorizationToken may use Resource *."
  }

  assert {
    condition     = [for s in jsondecode(aws_iam_role_policy.execution.policy).Statement : s.Resource if s.Sid == "Logs"][0] == ["arn:aws:logs:us-east-2:123456789012:log-group:/ecs/bmo-learning-prod/app:*"]
    error_message = "Logs only to its own groups."
  }
}

run "execution_role_reads_only_its_own_parameters" {
  command = plan

  variables {
    secret_arns        = ["arn:aws:secretsmanager:us-east-2:123456789012:secret:rds!cluster-1234-AbCdEf:password::"]
    ssm_parameter_arns = ["arn:aws:ssm:us-east-2:123456789012:parameter/bmo-learning/prod/openai-api-key"]
  }

  assert {
    condition     = [for s in jsondecode(aws_iam_role_policy.execution.policy).Statement : s.Resource if s.Sid == "OwnParameters"][0] == ["arn:aws:ssm:us-east-2:123456789012:parameter/bmo-learning/prod/openai-api-key"]
    error_message = "ssm:GetParameters only on the listed parameters."
  }

  assert {
    condition     = [for s in jsondecode(aws_iam_role_policy.execution.policy).Statement : s.Action if s.Sid == "OwnParameters"][0] == ["ssm:GetParameters"]
    error_message = "Read only: ssm:GetParameters."
  }
}

run "rejects_a_parameter_arn_that_is_not_one" {
  command = plan

  variables {
    ssm_parameter_arns = ["arn:aws:secretsmanager:us-east-2:123456789012:secret:x"]
  }

  expect_failures = [var.ssm_parameter_arns]
}

run "task_role_reaches_only_its_documents_bucket" {
  command = plan

  assert {
    condition = toset(flatten([for s in jsondecode(aws_iam_role_policy.task.policy).Statement : s.Resource])) == toset([
      "arn:aws:s3:::bmo-learning-prod-documents-1", "arn:aws:s3:::bmo-learning-prod-documents-1/*",
    ])
    error_message = "The task role may touch nothing but the documents bucket."
  }

  assert {
    condition     = length(aws_iam_role.deploy) == 0 && length(aws_iam_openid_connect_provider.github) == 0
    error_message = "No deploy role unless a GitHub repository is given."
  }
}

run "github_oidc_deploy_role" {
  command = plan

  override_resource {
    target          = aws_iam_role.execution
    values          = { arn = "arn:aws:iam::123456789012:role/bmo-learning-prod-ecs-execution" }
    override_during = plan
  }

  override_resource {
    target          = aws_iam_role.task
    values          = { arn = "arn:aws:iam::123456789012:role/bmo-learning-prod-ecs-task" }
    override_during = plan
  }

  variables {
    github_repository = "example-org/bmo-learning"
    ecs_cluster_arn   = "arn:aws:ecs:us-east-2:123456789012:cluster/bmo-learning-prod"
  }

  assert {
    condition     = length(aws_iam_openid_connect_provider.github) == 1 && length(aws_iam_role.deploy) == 1
    error_message = "OIDC provider and deploy role."
  }

  assert {
    condition     = contains(jsondecode(aws_iam_role_policy.deploy[0].policy).Statement[3].Resource, "arn:aws:ecs:us-east-2:123456789012:service/bmo-learning-prod/*")
    error_message = "The deploy role may update services of its own cluster only."
  }

  assert {
    condition     = jsondecode(aws_iam_role_policy.deploy[0].policy).Statement[4].Resource == ["arn:aws:iam::123456789012:role/bmo-learning-prod-ecs-execution", "arn:aws:iam::123456789012:role/bmo-learning-prod-ecs-task"]
    error_message = "The deploy role may pass only the two task roles."
  }
}

run "rejects_bad_repository" {
  command = plan

  variables {
    github_repository = "not a repo"
  }

  expect_failures = [var.github_repository]
}

run "deploy_role_can_run_terraform_apply_for_a_new_image_only" {
  command = plan

  override_resource {
    target          = aws_iam_role.execution
    values          = { arn = "arn:aws:iam::123456789012:role/bmo-learning-prod-ecs-execution" }
    override_during = plan
  }

  override_resource {
    target          = aws_iam_role.task
    values          = { arn = "arn:aws:iam::123456789012:role/bmo-learning-prod-ecs-task" }
    override_during = plan
  }

  variables {
    github_repository      = "example-org/bmo-learning"
    ecs_cluster_arn        = "arn:aws:ecs:us-east-2:123456789012:cluster/bmo-learning-prod"
    terraform_state_bucket = "example-tf-state"
    ssm_parameter_arns     = ["arn:aws:ssm:us-east-2:123456789012:parameter/bmo-learning/prod/openai-api-key"]
  }

  assert {
    condition     = [for s in jsondecode(aws_iam_role_policy.deploy[0].policy).Statement : s.Resource if s.Sid == "TerraformStateObjects"][0] == "arn:aws:s3:::example-tf-state/bmo-learning/prod/*"
    error_message = "State objects (and the .tflock file) of this environment only."
  }

  assert {
    # Nothing but ECR push, ECS roll-out and the state may write: every write action is listed here.
    condition = alltrue(flatten([for s in jsondecode(aws_iam_role_policy.deploy[0].policy).Statement : [
      for a in flatten([s.Action]) : can(regex("^[a-z0-9-]+:(Describe|Get|List|View|BatchGet|BatchCheck)", a)) || contains([
        "ecr:CompleteLayerUpload", "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart",
        "ecs:RegisterTaskDefinition", "ecs:DeregisterTaskDefinition", "ecs:TagResource", "ecs:UntagResource",
        "ecs:UpdateService", "ecs:RunTask", "iam:PassRole", "logs:FilterLogEvents",
        "s3:PutObject", "s3:DeleteObject",
      ], a)
    ]]))
    error_message = "The deploy role writes only to ECR, ECS and the state: a deploy cannot change the rest of the stack."
  }

  assert {
    condition = alltrue([for s in jsondecode(aws_iam_role_policy.deploy[0].policy).Statement :
    !contains(flatten([s.Action]), "secretsmanager:GetSecretValue") && !(contains(flatten([s.Action]), "s3:GetObject") && s.Sid != "TerraformStateObjects")])
    error_message = "No secret values and no object reads outside the state."
  }

  assert {
    condition     = [for s in jsondecode(aws_iam_role_policy.deploy[0].policy).Statement : s.Resource if s.Sid == "TerraformRefreshParameters"][0] == ["arn:aws:ssm:us-east-2:123456789012:parameter/bmo-learning/prod/openai-api-key"]
    error_message = "Parameters are read (refresh) only for this environment."
  }
}

run "deploy_role_without_state_bucket_has_no_state_access" {
  command = plan

  override_resource {
    target          = aws_iam_role.execution
    values          = { arn = "arn:aws:iam::123456789012:role/bmo-learning-prod-ecs-execution" }
    override_during = plan
  }

  override_resource {
    target          = aws_iam_role.task
    values          = { arn = "arn:aws:iam::123456789012:role/bmo-learning-prod-ecs-task" }
    override_during = plan
  }

  variables {
    github_repository = "example-org/bmo-learning"
    ecs_cluster_arn   = "arn:aws:ecs:us-east-2:123456789012:cluster/bmo-learning-prod"
  }

  assert {
    condition     = length([for s in jsondecode(aws_iam_role_policy.deploy[0].policy).Statement : s if startswith(s.Sid, "TerraformState")]) == 0
    error_message = "No state access unless terraform_state_bucket is set."
  }
}

run "collector_sidecar_may_send_traces_and_write_its_own_log_groups_only" {
  command = plan

  variables {
    otel_collector_enabled = true
  }

  assert {
    condition = (
      [for s in jsondecode(aws_iam_role_policy.task.policy).Statement : s.Resource if s.Sid == "XRayTraces"][0] == "*" &&
      alltrue([for a in [for s in jsondecode(aws_iam_role_policy.task.policy).Statement : s.Action if s.Sid == "XRayTraces"][0] : startswith(a, "xray:Put") || startswith(a, "xray:GetSampling")])
    )
    error_message = "X-Ray writes and sampling reads only."
  }

  assert {
    condition     = [for s in jsondecode(aws_iam_role_policy.task.policy).Statement : s.Resource if s.Sid == "CollectorMetricsToOwnLogGroups"][0] == ["arn:aws:logs:us-east-2:123456789012:log-group:/ecs/bmo-learning-prod/app:*"]
    error_message = "EMF metrics only into the cluster's own log groups."
  }
}

run "no_collector_statements_without_the_sidecar" {
  command = plan

  assert {
    condition     = length([for s in jsondecode(aws_iam_role_policy.task.policy).Statement : s if contains(["XRayTraces", "CollectorMetricsToOwnLogGroups"], s.Sid)]) == 0
    error_message = "The task role gains X-Ray and log rights only with the sidecar."
  }
}

# Least privilege over every statement of every role, with every option on: no `*` or `service:*`
# action, and Resource "*" only in statements waived in policy/waivers.json (each with the reason:
# the actions support no resource-level scoping).
run "least_privilege_in_every_policy" {
  command = plan

  override_resource {
    target          = aws_iam_role.execution
    values          = { arn = "arn:aws:iam::123456789012:role/bmo-learning-prod-ecs-execution" }
    override_during = plan
  }

  override_resource {
    target          = aws_iam_role.task
    values          = { arn = "arn:aws:iam::123456789012:role/bmo-learning-prod-ecs-task" }
    override_during = plan
  }

  variables {
    github_repository      = "example-org/bmo-learning"
    ecs_cluster_arn        = "arn:aws:ecs:us-east-2:123456789012:cluster/bmo-learning-prod"
    terraform_state_bucket = "example-tf-state"
    ssm_parameter_arns     = ["arn:aws:ssm:us-east-2:123456789012:parameter/bmo-learning/prod/openai-api-key"]
    otel_collector_enabled = true
    enable_execute_command = true
  }

  assert {
    condition = alltrue(flatten([for p in [aws_iam_role_policy.execution.policy, aws_iam_role_policy.task.policy, aws_iam_role_policy.deploy[0].policy] : [
      for s in jsondecode(p).Statement : [for a in flatten([s.Action]) : a != "*" && !endswith(a, ":*")]
    ]]))
    error_message = "No statement allows every action (`*`) or every action of a service (`service:*`)."
  }

  assert {
    condition = alltrue(flatten([for p in [aws_iam_role_policy.execution.policy, aws_iam_role_policy.task.policy, aws_iam_role_policy.deploy[0].policy] : [
      for s in jsondecode(p).Statement : !contains(flatten([s.Resource]), "*") || contains(
        [for w in jsondecode(file("../../policy/waivers.json")).waivers : w.statement if w.rule == "iam-resource-star"], s.Sid
      )
    ]]))
    error_message = "A statement uses Resource \"*\" without a waiver in policy/waivers.json: scope it to ARNs, or waive it with the reason AWS supports no scoping."
  }

  assert {
    condition = alltrue(flatten([for p in [aws_iam_role_policy.execution.policy, aws_iam_role_policy.task.policy, aws_iam_role_policy.deploy[0].policy] : [
      for s in jsondecode(p).Statement : s.Effect == "Allow" && s.Sid != null
    ]]))
    error_message = "Every statement has a Sid (waivers name it)."
  }

  assert {
    condition     = [for s in jsondecode(aws_iam_role_policy.deploy[0].policy).Statement : s.Resource if s.Sid == "TerraformTagOwnEcsResources"][0] == ["arn:aws:ecs:us-east-2:123456789012:cluster/bmo-learning-prod", "arn:aws:ecs:us-east-2:123456789012:service/bmo-learning-prod/*", "arn:aws:ecs:us-east-2:123456789012:task-definition/bmo-learning-prod-*:*"]
    error_message = "Tagging only on this environment's ECS resources."
  }
}
