#!/usr/bin/env bash
# Prices environments/prod from real offline plans (no AWS account) and prints the cost tables:
# the default (must stay at or under $50/month: --max 50), the same plan at list price (CloudWatch
# and X-Ray free tiers not applied; printed, not enforced), the no-cold-start profile and the
# hardened profile (GuardDuty + ADOT collector sidecar) beside it.
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

# The plans at once (about 25 s each, independent temporary copies).
profiles=(default no-cold-start hardened)
declare -A pids
for profile in "${profiles[@]}"; do
  args=("$work/$profile.json")
  [ "$profile" = default ] || args+=("$profile")
  bash infrastructure/terraform/scripts/plan-json.sh "${args[@]}" >"$work/$profile.log" 2>&1 &
  pids[$profile]=$!
done
rc=0
for profile in "${profiles[@]}"; do
  wait "${pids[$profile]}" || { cat "$work/$profile.log" >&2; rc=1; }
done
[ $rc -eq 0 ] || { echo "cost-check: terraform plan failed" >&2; exit 1; }
for profile in "${profiles[@]}"; do
  grep -E '^plan:' "$work/$profile.log" | sed "s/^/$(printf '%-14s' "$profile")/"
done

# What the seed needed and this stack deliberately does not have (vectors live in Aurora with
# pgvector, state locks in S3, tasks in public subnets behind security groups).
for plan in "${profiles[@]}"; do
  gone=$(jq -r '[.resource_changes[] | select(.mode == "managed") | .type
    | select(test("^aws_(efs_|dynamodb_table$|nat_gateway$)"))] | unique | join(", ")' "$work/$plan.json")
  [ -z "$gone" ] || { echo "cost-check: $plan plan creates $gone, which this design does without" >&2; rc=1; }
done
echo "plans create no EFS, no DynamoDB table and no NAT gateway"

# The options really are off in the default and on in hardened.
jq -e '[.resource_changes[] | select(.type == "aws_guardduty_detector")] | length == 0' "$work/default.json" >/dev/null ||
  { echo "cost-check: the default plan creates a GuardDuty detector" >&2; rc=1; }
jq -e '[.resource_changes[] | select(.type == "aws_guardduty_detector")] | length == 1' "$work/hardened.json" >/dev/null ||
  { echo "cost-check: the hardened plan has no GuardDuty detector" >&2; rc=1; }
jq -e '.planned_values.outputs.otel_collector_enabled.value == true' "$work/hardened.json" >/dev/null ||
  { echo "cost-check: the hardened plan has no collector sidecar" >&2; rc=1; }
echo "GuardDuty and the collector sidecar: off in the default, on in hardened"
echo

dotnet "$bmo_dll" cost estimate "$work/default.json" --usage "$usage" --max "$max" \
  --title "Default: environments/prod (terraform.tfvars.example), limit \$$max/month" || rc=1
echo
jq '.always_free_tier = false' "$usage" >"$work/usage-list-price.json"
list_total=$(dotnet "$bmo_dll" cost estimate "$work/default.json" --usage "$work/usage-list-price.json" | grep -E '^TOTAL per month' | awk '{print $NF}') || rc=1
echo "Default at list price (always_free_tier = false: another workload already uses the account's free tier): \$${list_total}/month (informational, not limited)"
echo
dotnet "$bmo_dll" cost estimate "$work/no-cold-start.json" --usage "$usage" \
  --title "No cold start: environments/prod + profiles/no-cold-start.tfvars" || rc=1
echo
dotnet "$bmo_dll" cost estimate "$work/hardened.json" --usage "$usage" \
  --title "Hardened: environments/prod + profiles/hardened.tfvars (GuardDuty, ADOT collector sidecar)" || rc=1
exit $rc
