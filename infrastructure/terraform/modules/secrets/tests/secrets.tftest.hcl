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
