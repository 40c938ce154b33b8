mock_provider "aws" {}

variables {
  environment = "prod"
}

run "seed_names_and_no_values_in_state" {
  command = plan

  assert {
    condition = toset([for s in aws_secretsmanager_secret.this : s.name]) == toset([
      "bmo-learning/prod/openai-api-key", "bmo-learning/prod/anthropic-api-key", "bmo-learning/prod/ai-service-api-key",
      "bmo-learning/prod/twilio-account-sid", "bmo-learning/prod/twilio-auth-token", "bmo-learning/prod/slack-bot-token",
      "bmo-learning/prod/slack-signing-secret", "bmo-learning/prod/bmo-admin-key",
    ])
    error_message = "The eight seed secrets under bmo-learning/prod/."
  }

  assert {
    condition     = toset(keys(output.env_var_arns)) == toset(["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "AI_SERVICE_API_KEY", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "BMO_ADMIN_KEY"])
    error_message = "Environment variable names follow the seed."
  }
}

run "secrets_manager_is_the_module_default" {
  command = plan

  assert {
    condition     = output.store == "secretsmanager" && length(aws_ssm_parameter.this) == 0 && length(aws_secretsmanager_secret.this) == 8
    error_message = "Secrets Manager unless store = ssm."
  }
}

run "ssm_parameters_keep_values_out_of_state" {
  command = plan

  variables {
    store = "ssm"
  }

  assert {
    condition = toset([for p in aws_ssm_parameter.this : p.name]) == toset([
      "/bmo-learning/prod/openai-api-key", "/bmo-learning/prod/anthropic-api-key", "/bmo-learning/prod/ai-service-api-key",
      "/bmo-learning/prod/twilio-account-sid", "/bmo-learning/prod/twilio-auth-token", "/bmo-learning/prod/slack-bot-token",
      "/bmo-learning/prod/slack-signing-secret", "/bmo-learning/prod/bmo-admin-key",
    ])
    error_message = "The eight seed names under /bmo-learning/prod/."
  }

  assert {
    condition     = length(aws_secretsmanager_secret.this) == 0
    error_message = "No Secrets Manager secret with store = ssm."
  }

  assert {
    condition     = alltrue([for p in aws_ssm_parameter.this : p.type == "SecureString" && p.tier == "Standard" && p.value_wo_version == 1])
    error_message = "Standard-tier SecureString parameters, created through the write-only value_wo."
  }

  assert {
    condition     = toset(keys(output.env_var_arns)) == toset(["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "AI_SERVICE_API_KEY", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "BMO_ADMIN_KEY"])
    error_message = "The same environment variable names as with Secrets Manager."
  }

  assert {
    condition     = length(output.put_value_commands) == 8 && alltrue([for c in output.put_value_commands : startswith(c, "aws ssm put-parameter --name /bmo-learning/prod/")])
    error_message = "Out-of-band commands use aws ssm put-parameter."
  }
}

run "rejects_unknown_store" {
  command = plan

  variables {
    store = "vault"
  }

  expect_failures = [var.store]
}

run "rejects_a_real_key_as_initial_value" {
  command = plan

  variables {
    store         = "ssm"
    initial_value = "sk-proj-abc"
  }

  expect_failures = [var.initial_value]
}

run "rejects_bad_secret_name" {
  command = plan

  variables {
    names = ["OpenAI Key"]
  }

  expect_failures = [var.names]
}

run "rejects_bad_recovery_window" {
  command = plan

  variables {
    recovery_window_in_days = 3
  }

  expect_failures = [var.recovery_window_in_days]
}
