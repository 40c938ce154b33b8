output "documents_bucket_id" {
  description = "Name of the documents bucket (Storage__S3__Bucket)."
  value       = aws_s3_bucket.this["documents"].id
}

output "documents_bucket_arn" {
  description = "ARN of the documents bucket."
  value       = aws_s3_bucket.this["documents"].arn
}

output "backups_bucket_id" {
  description = "Name of the backups bucket."
  value       = aws_s3_bucket.this["backups"].id
}

output "backups_bucket_arn" {
  description = "ARN of the backups bucket."
  value       = aws_s3_bucket.this["backups"].arn
}
