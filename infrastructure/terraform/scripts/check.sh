#!/usr/bin/env bash
# Offline checks of infrastructure/terraform, from any directory:
#   repository rules (no PLACEHOLDER, no account ids, no secret values in Terraform or its state),
#   terraform fmt -check, then init + validate + test in every module, bootstrap and environment.
# Works in a temporary copy, so no .terraform directory, lock file or state is left behind.
# Exit status is non-zero if anything fails. Env: TF_PLUGIN_DIR (default /opt/tf-plugins; set it
# empty to download providers from the registry instead).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
plugin_dir="${TF_PLUGIN_DIR-/opt/tf-plugins}"

work="$(mktemp -d "${TMPDIR:-/tmp}/tf-check.XXXXXX")"
trap 'rm -rf "$work"' EXIT

export TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
# A CLI config that does not exist only produces a warning; use none instead.
if [ -z "${TF_CLI_CONFIG_FILE:-}" ] || [ ! -e "$TF_CLI_CONFIG_FILE" ]; then export TF_CLI_CONFIG_FILE=/dev/null; fi

init_args=(-backend=false -input=false -no-color)
if [ -n "$plugin_dir" ]; then
  init_args+=("-plugin-dir=$plugin_dir")
fi

failures=0
declare -a names
tests_passed=0
tests_failed=0
declare -a summary

record() { # status name detail
  summary+=("$(printf '%-4s  %-28s %s' "$1" "$2" "$3")")
  [ "$1" = "ok" ] || failures=$((failures + 1))
}

start=$(date +%s)

# ---- repository rules ---------------------------------------------------------------------
tf_files=$(cd "$root" && find . -path '*/.terraform' -prune -o -type f \( -name '*.tf' -o -name '*.tfvars' -o -name '*.tfvars.example' -o -name '*.hcl' \) -print | grep -v '\.terraform\.lock\.hcl$')

non_test_files=$(echo "$tf_files" | grep -v '/tests/')

# No placeholder values (the seed's tfvars shipped PLACEHOLDER image URIs). Validation messages
# and the checks that reject such values are allowed to name the word.
if (cd "$root" && grep -n -i -E '=[[:space:]]*"[^"]*placeholder' $non_test_files | grep -v -E 'error_message|strcontains'); then
  record FAIL "rule: no PLACEHOLDER" "found above"
else
  record ok "rule: no PLACEHOLDER" ""
fi

# The seed author's account id and bucket names must never come back; no 12-digit account id
# outside tests (tests use AWS's documentation account 123456789012).
if (cd "$root" && grep -n -E '840285932802|bmo-learning-terraform-state|terraform-state-lock' $tf_files) ||
  (cd "$root" && grep -n -E '(^|[^0-9])[0-9]{12}([^0-9]|$)' $non_test_files); then
  record FAIL "rule: no account ids" "found above"
else
  record ok "rule: no account ids" ""
fi

# Secret values must never pass through Terraform (they would sit in the state in plain text).
if (cd "$root" && grep -n -E 'resource "aws_secretsmanager_secret_version"|secret_string' $non_test_files); then
  record FAIL "rule: no secret values" "found above"
else
  record ok "rule: no secret values" ""
fi

# SSM parameters hold secrets too: only the write-only value_wo may give them a value (value and
# insecure_value are stored in the state, and a refresh would copy an out-of-band value there).
if (cd "$root" && awk '
  /^resource "aws_ssm_parameter"/ { inside = 1 }
  inside && /^[[:space:]]*(value|insecure_value)[[:space:]]*=/ { print FILENAME ":" FNR ": " $0; found = 1 }
  inside && /^}/ { inside = 0 }
  END { exit found ? 0 : 1 }' $non_test_files); then
  record FAIL "rule: no SSM values in state" "found above"
else
  record ok "rule: no SSM values in state" ""
fi

# State in S3 with native locking (use_lockfile); the seed's DynamoDB lock table is not needed.
backends=$(cd "$root" && grep -l -E '^[[:space:]]*backend[[:space:]]+"s3"' $non_test_files || true)
if [ -z "$backends" ]; then
  record FAIL "rule: S3 native state locking" "no backend \"s3\" block found"
elif (cd "$root" && grep -n -E 'dynamodb_table' $backends) ||
  (cd "$root" && for f in $backends; do grep -q -E '^[[:space:]]*use_lockfile[[:space:]]*=[[:space:]]*true' "$f" || echo "$f: no use_lockfile = true"; done | grep .); then
  record FAIL "rule: S3 native state locking" "found above"
else
  record ok "rule: S3 native state locking" "$(echo $backends | tr '\n' ' ')"
fi

# Plans and state never go into git (the seed had stale .tfplan files tracked).
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  tracked=$(git -C "$root" ls-files -- '*.tfplan' '*.tfstate' '*.tfstate.*' 'terraform.tfvars' '*/terraform.tfvars')
  if [ -n "$tracked" ]; then
    echo "$tracked"
    record FAIL "rule: no plans/state/tfvars in git" "found above"
  else
    record ok "rule: no plans/state/tfvars in git" ""
  fi
fi

# ---- fmt ----------------------------------------------------------------------------------
if fmt_out=$(terraform fmt -check -recursive -diff -no-color "$root" 2>&1); then
  record ok "fmt -check -recursive" ""
else
  echo "$fmt_out"
  record FAIL "fmt -check -recursive" "run: terraform fmt -recursive $root"
fi

# ---- init + validate + test per root ------------------------------------------------------
# Copy without local artefacts; modules are referenced by relative path, so the layout is kept.
tar -C "$root" --exclude='.terraform' --exclude='*.tfstate' --exclude='*.tfstate.*' \
  --exclude='.terraform.lock.hcl' --exclude='terraform.tfvars' --exclude='*.auto.tfvars' -cf - . |
  tar -C "$work" -xf -

shopt -s nullglob
dirs=(bootstrap)
for d in "$work"/modules/*/; do dirs+=("modules/$(basename "$d")"); done
for d in "$work"/environments/*/; do dirs+=("environments/$(basename "$d")"); done

# One root: init, validate, test. Writes "<status>|<passed>|<failed>|<detail>" to $work/results/<n>.
check_root() {
  local n="$1" rel="$2"
  local dir="$work/$rel" log="$work/logs/$n.log"
  local result="$work/results/$n"

  if ! (cd "$dir" && terraform init "${init_args[@]}") >"$log" 2>&1; then
    echo "FAIL|0|0|init failed" >"$result"
    return
  fi
  if ! (cd "$dir" && terraform validate -no-color) >>"$log" 2>&1; then
    echo "FAIL|0|0|validate failed" >"$result"
    return
  fi
  if ! ls "$dir"/tests/*.tftest.hcl >/dev/null 2>&1; then
    echo "FAIL|0|0|validate ok, but no tests/*.tftest.hcl" >"$result"
    return
  fi

  local rc last passed failed skipped
  (cd "$dir" && terraform test -no-color) >>"$log" 2>&1
  rc=$?
  last=$(grep -E '^(Success|Failure)!' "$log" | tail -1)
  passed=$(echo "$last" | sed -nE 's/.* ([0-9]+) passed.*/\1/p')
  failed=$(echo "$last" | sed -nE 's/.* ([0-9]+) failed.*/\1/p')
  skipped=$(echo "$last" | sed -nE 's/.* ([0-9]+) skipped.*/\1/p')
  failed=$((${failed:-0} + ${skipped:-0}))
  if [ $rc -eq 0 ] && [ "$failed" = "0" ] && [ -n "$passed" ]; then
    echo "ok|${passed}|0|validate ok, ${passed} tests passed" >"$result"
  else
    echo "FAIL|${passed:-0}|${failed}|validate ok, tests: ${last:-no result}" >"$result"
  fi
}

mkdir -p "$work/logs" "$work/results"
jobs_max="${CHECK_JOBS:-$(nproc 2>/dev/null || echo 2)}"
# The environment's tests take longest: start it first.
order=()
for rel in "${dirs[@]}"; do case "$rel" in environments/*) order+=("$rel") ;; esac; done
for rel in "${dirs[@]}"; do case "$rel" in environments/*) ;; *) order+=("$rel") ;; esac; done

n=0
for rel in "${order[@]}"; do
  n=$((n + 1))
  while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do wait -n || true; done
  check_root "$n" "$rel" &
  names[$n]="$rel"
done
wait

for i in $(seq 1 "$n"); do
  rel="${names[$i]}"
  IFS='|' read -r status passed failed detail <"$work/results/$i" || { status=FAIL passed=0 failed=0 detail="no result"; }
  tests_passed=$((tests_passed + passed))
  tests_failed=$((tests_failed + failed))
  if [ "$status" != "ok" ]; then
    echo "==== $rel ===="
    cat "$work/logs/$i.log"
  fi
  record "$status" "$rel" "$detail"
done

elapsed=$(($(date +%s) - start))

echo
echo "Terraform offline checks ($root)"
printf '%s\n' "${summary[@]}"
echo "tests: ${tests_passed} passed, ${tests_failed} failed or skipped; ${#dirs[@]} roots; ${elapsed}s"

if [ "$failures" -ne 0 ]; then
  echo "FAILED: $failures check(s)"
  exit 1
fi
echo "OK"
