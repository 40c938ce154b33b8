mock_provider "aws" {}

override_resource {
  target          = aws_s3_bucket.state
  values          = { id = "example-bmo-learning-tfstate", arn = "arn:aws:s3:::example-bmo-learning-tfstate" }
  override_during = plan
}

variables {
  bucket_name = "example-bmo-learning-tfstate"
}

run "state_bucket_is_versioned_encrypted_private_and_tls_only" {
  command = plan

  assert {
    condition     = aws_s3_bucket.state.bucket == "example-bmo-learning-tfstate" && aws_s3_bucket_versioning.state.versioning_configuration[0].status == "Enabled"
    error_message = "Versioned state bucket named from the variable."
  }

  assert {
    condition     = one(aws_s3_bucket_server_side_encryption_configuration.state.rule[*].apply_server_side_encryption_by_default[0].sse_algorithm) == "AES256"
    error_message = "SSE on the state bucket."
  }

  assert {
    condition = (aws_s3_bucket_public_access_block.state.block_public_acls && aws_s3_bucket_public_access_block.state.block_public_policy &&
    aws_s3_bucket_public_access_block.state.ignore_public_acls && aws_s3_bucket_public_access_block.state.restrict_public_buckets)
    error_message = "Public access blocked."
  }

  assert {
    condition     = jsondecode(aws_s3_bucket_policy.state.policy).Statement[0].Effect == "Deny" && jsondecode(aws_s3_bucket_policy.state.policy).Statement[0].Condition.Bool["aws:SecureTransport"] == "false"
    error_message = "Non-TLS requests denied."
  }
}

run "rejects_bad_bucket_name" {
  command = plan

  variables {
    bucket_name = "Terraform_State"
  }

  expect_failures = [var.bucket_name]
}
