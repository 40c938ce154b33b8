#!/usr/bin/env bash
# A real `terraform plan` of environments/prod with no network and no AWS account, written as
# `terraform show -json` to OUT.json (for the cost estimator).
#
#   plan-json.sh OUT.json [TFVARS|PROFILE ...]
#
# Always plans with environments/prod/terraform.tfvars.example, then each extra file in order
# (a path, or a profile name such as no-cold-start for environments/prod/profiles/<name>.tfvars).
# A real terraform.tfvars is not picked up implicitly; pass it as an argument.
#
# How it stays offline: fake credentials, offline_plan = true (the provider skips its credential,
# account-id, metadata and region checks), a local backend in a temporary copy, and no data
# sources that call AWS anywhere in the configuration.
set -euo pipefail

if [ $# -lt 1 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
env_dir="$root/environments/prod"
plugin_dir="${TF_PLUGIN_DIR-/opt/tf-plugins}"

out="$1"
shift
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
mkdir -p "$(dirname "$out")"

var_files=("$env_dir/terraform.tfvars.example")
for arg in "$@"; do
  if [ -f "$arg" ]; then
    var_files+=("$(cd "$(dirname "$arg")" && pwd)/$(basename "$arg")")
  elif [ -f "$env_dir/profiles/$arg.tfvars" ]; then
    var_files+=("$env_dir/profiles/$arg.tfvars")
  else
    echo "plan-json.sh: no such tfvars file or profile: $arg" >&2
    exit 2
  fi
done

work="$(mktemp -d "${TMPDIR:-/tmp}/tf-plan.XXXXXX")"
trap 'rm -rf "$work"' EXIT

tar -C "$root" --exclude='.terraform' --exclude='*.tfstate' --exclude='*.tfstate.*' \
  --exclude='.terraform.lock.hcl' --exclude='terraform.tfvars' --exclude='*.auto.tfvars' \
  -cf - modules environments/prod | tar -C "$work" -xf -

cat >"$work/environments/prod/backend_override.tf" <<'HCL'
# Written by scripts/plan-json.sh: local state in a throw-away directory instead of S3.
terraform {
  backend "local" {}
}
HCL

# Fake credentials only; never a real profile or instance role.
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWS_ROLE_ARN AWS_WEB_IDENTITY_TOKEN_FILE || true
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_EC2_METADATA_DISABLED=true
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
export TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
# A CLI config that does not exist only produces a warning; use none instead.
if [ -z "${TF_CLI_CONFIG_FILE:-}" ] || [ ! -e "$TF_CLI_CONFIG_FILE" ]; then export TF_CLI_CONFIG_FILE=/dev/null; fi

init_args=(-input=false -no-color)
[ -z "$plugin_dir" ] || init_args+=("-plugin-dir=$plugin_dir")

plan_args=(-input=false -no-color -lock=false -refresh=false -var offline_plan=true -out="$work/plan.tfplan")
for f in "${var_files[@]}"; do plan_args+=("-var-file=$f"); done

cd "$work/environments/prod"
if ! terraform init "${init_args[@]}" >"$work/init.log" 2>&1; then
  cat "$work/init.log" >&2
  exit 1
fi
if ! terraform plan "${plan_args[@]}" >"$work/plan.log" 2>&1; then
  cat "$work/plan.log" >&2
  exit 1
fi
terraform show -json "$work/plan.tfplan" >"$out"

# Short summary on stdout.
echo "plan: $(grep -E '^Plan:' "$work/plan.log" || echo '?')"
echo "var files: ${var_files[*]#"$root/"}"
echo "json: $out"
if command -v jq >/dev/null 2>&1; then
  echo "resources to create: $(jq '[.resource_changes[] | select(.mode == "managed" and (.change.actions | index("create")))] | length' "$out")"
  jq -r '[.resource_changes[] | select(.mode == "managed") | .type] | group_by(.) | map("  \(.[0]) x\(length)") | .[]' "$out"
fi
