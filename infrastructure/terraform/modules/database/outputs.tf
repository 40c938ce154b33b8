output "cluster_identifier" {
  description = "Cluster identifier (the DBClusterIdentifier metric dimension)."
  value       = aws_rds_cluster.this.cluster_identifier
}

output "cluster_arn" {
  description = "ARN of the cluster."
  value       = aws_rds_cluster.this.arn
}

output "endpoint" {
  description = "Writer endpoint host name."
  value       = aws_rds_cluster.this.endpoint
}

output "reader_endpoint" {
  description = "Reader endpoint host name."
  value       = aws_rds_cluster.this.reader_endpoint
}

output "port" {
  description = "PostgreSQL port."
  value       = aws_rds_cluster.this.port
}

output "database_name" {
  description = "Name of the initial database."
  value       = var.database_name
}

output "master_username" {
  description = "Master user name."
  value       = var.master_username
}

output "master_user_secret_arn" {
  description = "ARN of the RDS-managed Secrets Manager secret holding the master credentials (JSON with username and password)."
  value       = one(aws_rds_cluster.this.master_user_secret[*].secret_arn)
}

output "scaling" {
  description = "Serverless v2 capacity range and whether the cluster may pause."
  value = {
    min_capacity = var.min_capacity
    max_capacity = var.max_capacity
    auto_pause   = var.min_capacity == 0
  }
}
