# Secrets Manager instead of SSM Parameter Store: the seed's names bmo-learning/prod/<name> and its
# `aws secretsmanager put-secret-value` steps. $0.40 per secret-month: +$3.20 for the eight secrets.
#   scripts/plan-json.sh plan-sm.json secrets-manager
secrets_store = "secretsmanager"
