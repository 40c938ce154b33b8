#!/usr/bin/env bash
# Prices environments/prod from real offline plans (no AWS account) and prints both cost tables:
# the default (must stay at or under $50/month: --max 50) and the no-cold-start profile beside it.
# Exit status non-zero when a plan fails, the estimator finds a problem, or the default exceeds $50.
#   scripts/cost-check.sh            (after a Release build; uses src/BmoLearning.Host/bin/Release)
set -euo pipefail
cd "$(dirname "$0")/.."

bmo_dll=src/BmoLearning.Host/bin/Release/net10.0/bmo.dll
[ -f "$bmo_dll" ] || { echo "cost-check: build first (dotnet build -c Release): $bmo_dll is missing" >&2; exit 1; }
usage=infrastructure/terraform/environments/prod/usage.json
max="${COST_MAX:-50}"

work="$(mktemp -d "${TMPDIR:-/tmp}/bmo-cost.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# Both plans at once (about 25 s each, independent temporary copies).
bash infrastructure/terraform/scripts/plan-json.sh "$work/default.json" >"$work/default.log" 2>&1 &
default_pid=$!
bash infrastructure/terraform/scripts/plan-json.sh "$work/no-cold-start.json" no-cold-start >"$work/ncs.log" 2>&1 &
ncs_pid=$!
rc=0
wait "$default_pid" || { cat "$work/default.log" >&2; rc=1; }
wait "$ncs_pid" || { cat "$work/ncs.log" >&2; rc=1; }
[ $rc -eq 0 ] || { echo "cost-check: terraform plan failed" >&2; exit 1; }
grep -E '^plan:' "$work/default.log" | sed 's/^/default       /'
grep -E '^plan:' "$work/ncs.log" | sed 's/^/no-cold-start /'

# What the seed needed and this stack deliberately does not have (vectors live in Aurora with
# pgvector, state locks in S3, tasks in public subnets behind security groups).
for plan in default no-cold-start; do
  gone=$(jq -r '[.resource_changes[] | select(.mode == "managed") | .type
    | select(test("^aws_(efs_|dynamodb_table$|nat_gateway$)"))] | unique | join(", ")' "$work/$plan.json")
  [ -z "$gone" ] || { echo "cost-check: $plan plan creates $gone, which this design does without" >&2; rc=1; }
done
echo "plans create no EFS, no DynamoDB table and no NAT gateway"
echo

dotnet "$bmo_dll" cost estimate "$work/default.json" --usage "$usage" --max "$max" \
  --title "Default: environments/prod (terraform.tfvars.example), limit \$$max/month" || rc=1
echo
dotnet "$bmo_dll" cost estimate "$work/no-cold-start.json" --usage "$usage" \
  --title "No cold start: environments/prod + profiles/no-cold-start.tfvars" || rc=1
exit $rc
