# State in S3 with native locking (a .tflock object next to the state; no DynamoDB table).
# The bucket comes from ../../bootstrap and is given at init time, never hard-coded:
#   terraform init -backend-config="bucket=<state-bucket>"
terraform {
  backend "s3" {
    key          = "bmo-learning/prod/terraform.tfstate"
    region       = "us-east-2"
    encrypt      = true
    use_lockfile = true
  }
}
