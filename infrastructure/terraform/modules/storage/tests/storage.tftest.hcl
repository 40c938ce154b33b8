mock_provider "aws" {}

override_resource {
  target = aws_s3_bucket.this["documents"]
  values = {
    id  = "bmo-learning-prod-documents-20260101"
    arn = "arn:aws:s3:::bmo-learning-prod-documents-20260101"
  }
  override_during = plan
}

override_resource {
  target = aws_s3_bucket.this["backups"]
  values = {
    id  = "bmo-learning-prod-backups-20260101"
    arn = "arn:aws:s3:::bmo-learning-prod-backups-20260101"
  }
  override_during = plan
}

variables {
  environment = "prod"
}

run "every_bucket_is_private_encrypted_versioned_and_tls_only" {
  command = plan

  assert {
    condition     = toset(keys(aws_s3_bucket.this)) == toset(["documents", "backups"])
    error_message = "Documents and backups buckets."
  }

  assert {
    condition = alltrue([for k, b in aws_s3_bucket.this :
      aws_s3_bucket_public_access_block.this[k].block_public_acls &&
      aws_s3_bucket_public_access_block.this[k].block_public_policy &&
      aws_s3_bucket_public_access_block.this[k].ignore_public_acls &&
      aws_s3_bucket_public_access_block.this[k].restrict_public_buckets
    ])
    error_message = "Public access must be blocked on every bucket."
  }

  assert {
    condition     = alltrue([for k, b in aws_s3_bucket.this : aws_s3_bucket_versioning.this[k].versioning_configuration[0].status == "Enabled"])
    error_message = "Versioning on every bucket."
  }

  assert {
    condition     = alltrue([for k, b in aws_s3_bucket.this : one(aws_s3_bucket_server_side_encryption_configuration.this[k].rule[*].apply_server_side_encryption_by_default[0].sse_algorithm) == "AES256"])
    error_message = "Default encryption on every bucket."
  }

  assert {
    condition = alltrue([for k, b in aws_s3_bucket.this :
      jsondecode(aws_s3_bucket_policy.tls_only[k].policy).Statement[0].Effect == "Deny" &&
      jsondecode(aws_s3_bucket_policy.tls_only[k].policy).Statement[0].Condition.Bool["aws:SecureTransport"] == "false"
    ])
    error_message = "Every bucket denies requests without TLS."
  }

  assert {
    condition     = alltrue([for k, b in aws_s3_bucket.this : length(aws_s3_bucket_lifecycle_configuration.this[k].rule) >= 2]) && length(aws_s3_bucket_lifecycle_configuration.this["backups"].rule) == 3
    error_message = "Lifecycle rules on every bucket; backups also age out."
  }

  assert {
    condition     = aws_s3_bucket.this["documents"].bucket_prefix == "bmo-learning-prod-documents-"
    error_message = "Without a name the bucket gets a unique name from the prefix."
  }
}

run "rejects_bad_bucket_name" {
  command = plan

  variables {
    documents_bucket_name = "My_Bucket"
  }

  expect_failures = [var.documents_bucket_name]
}

run "rejects_transition_under_30_days" {
  command = plan

  variables {
    backups_transition_days = 10
  }

  expect_failures = [var.backups_transition_days]
}
