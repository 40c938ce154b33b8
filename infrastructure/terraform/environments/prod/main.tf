# Production: the reference system's names (cluster bmo-learning-prod, /ecs/bmo-learning-prod/<role>,
# bmo-learning/prod/<secret>, bmo-learning-prod-<alarm>) on the cheapest shape that keeps every
# seed capability: one ARM64 Fargate Spot task running all roles, Aurora Serverless v2 that
# pauses, Valkey for jobs, CloudFront + WAF in front of an internal ALB, secrets in SSM Parameter
# Store, no NAT gateway. The numbers and the alternatives: docs/adr/0001-aws-topology-and-cost.md.

locals {
  name       = "${var.project}-${var.environment}"
  azs        = coalesce(var.availability_zones, ["${var.region}a", "${var.region}b"])
  cloudfront = var.edge_mode == "cloudfront"

  # Roles that publish themselves over Service Connect need task-to-task traffic on 8080.
  task_to_task = anytrue([for s in values(var.services) : s.service_connect])

  lb_listener_ports = local.cloudfront ? [80] : (var.certificate_arn == null ? [80] : [80, 443])

  # com.amazonaws.global.cloudfront.origin-facing, by region (AWS-managed ids are the same in
  # every account); other regions pass cloudfront_prefix_list_id.
  cloudfront_origin_facing_prefix_lists = {
    us-east-1 = "pl-3b927c52"
    us-east-2 = "pl-b6a144df"
    us-west-2 = "pl-82a045eb"
  }
  cloudfront_prefix_list_id = var.cloudfront_prefix_list_id != null ? var.cloudfront_prefix_list_id : lookup(local.cloudfront_origin_facing_prefix_lists, var.region, null)

  image = "${module.ecr.repository_url}:${var.image_tag}"

  app_environment = merge(
    {
      ASPNETCORE_ENVIRONMENT = "Production"
      Database__Provider     = "postgres"
      Database__Host         = module.database.endpoint
      Database__Port         = tostring(module.database.port)
      Database__Name         = module.database.database_name
      Database__Username     = module.database.master_username
      # Jobs in Redis let an idle Aurora cluster pause; in PostgreSQL they keep it awake.
      Jobs__Storage       = var.cache_enabled ? "redis" : "postgres"
      Storage__Provider   = "s3"
      Storage__S3__Bucket = module.storage.documents_bucket_id
      Storage__S3__Region = var.region
      # Where the app's metrics go (docs/runbooks/metrics.md): EMF lines on stdout without the
      # collector sidecar, OTLP to the sidecar with it.
      Telemetry__MetricsNamespace = module.observability.metrics_namespace
      Telemetry__Emf              = var.otel_collector.enabled ? "false" : "true"
      OTEL_SERVICE_NAME           = var.project
      OTEL_RESOURCE_ATTRIBUTES    = "deployment.environment=${var.environment}"
    },
    var.cache_enabled ? { REDIS_URL = module.cache.url } : {},
    var.app_environment,
  )

  app_secrets = merge(
    module.secrets.env_var_arns,
    # RDS manages and rotates this secret; ECS reads the password key of its JSON.
    { Database__Password = "${module.database.master_user_secret_arn}:password::" },
  )
}

# Warn (not fail) when the database can never pause.
check "auto_pause_needs_jobs_outside_postgres" {
  assert {
    condition     = var.db_min_capacity > 0 || var.cache_enabled
    error_message = "db_min_capacity = 0 with cache_enabled = false: jobs poll PostgreSQL, so Aurora never pauses and idles at 0.5 ACU or more. Enable the cache or use profiles/no-cold-start.tfvars."
  }
}

module "network" {
  source = "../../modules/network"

  project            = var.project
  environment        = var.environment
  region             = var.region
  vpc_cidr           = var.vpc_cidr
  availability_zones = local.azs
}

module "security" {
  source = "../../modules/security"

  project                    = var.project
  environment                = var.environment
  vpc_id                     = module.network.vpc_id
  lb_ingress_cidrs           = local.cloudfront ? [] : ["0.0.0.0/0"]
  lb_ingress_prefix_list_ids = local.cloudfront ? [local.cloudfront_prefix_list_id] : []
  lb_listener_ports          = local.lb_listener_ports
  allow_task_to_task         = local.task_to_task
}

module "database" {
  source = "../../modules/database"

  project                  = var.project
  environment              = var.environment
  subnet_ids               = module.network.private_subnet_ids
  security_group_ids       = [module.security.database_security_group_id]
  engine_version           = var.db_engine_version
  min_capacity             = var.db_min_capacity
  max_capacity             = var.db_max_capacity
  seconds_until_auto_pause = var.db_seconds_until_auto_pause
  backup_retention_period  = var.db_backup_retention_days
}

module "cache" {
  source = "../../modules/cache"

  project            = var.project
  environment        = var.environment
  enabled            = var.cache_enabled
  engine             = var.cache_engine
  node_type          = var.cache_node_type
  subnet_ids         = module.network.private_subnet_ids
  security_group_ids = [module.security.cache_security_group_id]
}

module "storage" {
  source = "../../modules/storage"

  project               = var.project
  environment           = var.environment
  documents_bucket_name = var.documents_bucket_name
  backups_bucket_name   = var.backups_bucket_name
}

module "secrets" {
  source = "../../modules/secrets"

  project     = var.project
  environment = var.environment
  store       = var.secrets_store
  names       = var.secret_names
}

module "ecr" {
  source = "../../modules/ecr"

  project          = var.project
  name             = var.ecr_repository_name
  keep_last_images = var.ecr_keep_last_images
}

module "iam" {
  source = "../../modules/iam"

  project              = var.project
  environment          = var.environment
  secret_arns          = concat(module.secrets.secretsmanager_arns, [module.database.master_user_secret_arn])
  ssm_parameter_arns   = module.secrets.ssm_parameter_arns
  log_group_arns       = module.ecs.log_group_arns
  ecr_repository_arn   = module.ecr.repository_arn
  documents_bucket_arn = module.storage.documents_bucket_arn

  otel_collector_enabled = var.otel_collector.enabled

  github_repository        = var.github_repository
  github_oidc_provider_arn = var.github_oidc_provider_arn
  ecs_cluster_arn          = module.ecs.cluster_arn
  terraform_state_bucket   = var.terraform_state_bucket
}

# CloudFront-scoped ACL (us-east-1), only in cloudfront mode; in alb mode the edge module
# creates a regional ACL and associates it with the ALB.
module "cloudfront_waf" {
  source = "../../modules/waf"
  count  = local.cloudfront ? 1 : 0

  providers = {
    aws = aws.us_east_1
  }

  project     = var.project
  environment = var.environment
  scope       = "CLOUDFRONT"
  rate_limit  = var.waf_rate_limit
}

module "edge" {
  source = "../../modules/edge"

  project     = var.project
  environment = var.environment
  mode        = var.edge_mode
  vpc_id      = module.network.vpc_id
  # CloudFront VPC origins serve from private subnets; only an internet-facing ALB needs public ones.
  subnet_ids             = local.cloudfront ? module.network.private_subnet_ids : module.network.public_subnet_ids
  security_group_ids     = [module.security.lb_security_group_id]
  certificate_arn        = var.certificate_arn
  aliases                = var.cloudfront_aliases
  waf_rate_limit         = var.waf_rate_limit
  cloudfront_web_acl_arn = local.cloudfront ? module.cloudfront_waf[0].arn : null
}

module "ecs" {
  source = "../../modules/ecs"

  project               = var.project
  environment           = var.environment
  region                = var.region
  image                 = local.image
  cpu_architecture      = var.cpu_architecture
  services              = var.services
  capacity_provider     = var.capacity_provider
  environment_variables = local.app_environment
  secrets               = local.app_secrets
  subnet_ids            = module.network.public_subnet_ids
  security_group_ids    = [module.security.tasks_security_group_id]
  assign_public_ip      = var.assign_public_ip
  target_group_arn      = module.edge.target_group_arn
  execution_role_arn    = module.iam.execution_role_arn
  task_role_arn         = module.iam.task_role_arn
  log_retention_days    = var.log_retention_days
  container_insights    = var.task_count_alarm != "healthy_hosts"

  # The collector exports exactly the metrics the observability module's dashboard and alarms read.
  otel_collector = merge(var.otel_collector, {
    metrics_namespace = module.observability.metrics_namespace
    metric_names      = [for m in values(module.observability.app_metrics) : m.name]
  })
}

module "observability" {
  source = "../../modules/observability"

  project                    = var.project
  environment                = var.environment
  alarm_email                = var.alarm_email
  db_cluster_identifier      = module.database.cluster_identifier
  alb_arn_suffix             = module.edge.alb_arn_suffix
  target_group_arn_suffix    = module.edge.target_group_arn_suffix
  ecs_cluster_name           = module.ecs.cluster_name
  ecs_service_names          = values(module.ecs.service_names)
  load_balanced_service_name = module.ecs.load_balanced_service_name
  task_count_alarm           = var.task_count_alarm
  region                     = var.region
  log_group_names            = values(module.ecs.log_group_names)
  guardduty_enabled          = var.guardduty_enabled
}

module "budget" {
  source = "../../modules/budget"

  project     = var.project
  environment = var.environment
  limit_usd   = var.budget_limit_usd
  emails      = var.budget_emails
}
