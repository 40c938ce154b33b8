mock_provider "aws" {}

run "scanned_immutable_repository_with_lifecycle" {
  command = plan

  assert {
    condition     = aws_ecr_repository.this.name == "bmo-learning" && aws_ecr_repository.this.image_scanning_configuration[0].scan_on_push
    error_message = "Repository bmo-learning scanned on push."
  }

  assert {
    condition     = aws_ecr_repository.this.image_tag_mutability == "IMMUTABLE"
    error_message = "Tags are immutable by default."
  }

  assert {
    condition     = jsondecode(aws_ecr_lifecycle_policy.this.policy).rules[1].selection.countNumber == 20 && jsondecode(aws_ecr_lifecycle_policy.this.policy).rules[1].selection.countType == "imageCountMoreThan"
    error_message = "Lifecycle keeps the last 20 images."
  }
}

run "keep_count_is_a_variable" {
  command = plan

  variables {
    keep_last_images = 5
  }

  assert {
    condition     = jsondecode(aws_ecr_lifecycle_policy.this.policy).rules[1].selection.countNumber == 5
    error_message = "keep_last_images drives the lifecycle rule."
  }
}

run "rejects_uppercase_name" {
  command = plan

  variables {
    name = "BMO-Learning"
  }

  expect_failures = [var.name]
}

run "rejects_bad_mutability" {
  command = plan

  variables {
    image_tag_mutability = "SOMETIMES"
  }

  expect_failures = [var.image_tag_mutability]
}
