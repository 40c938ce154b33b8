#!/usr/bin/env bash
# The test command: build, every test project, Terraform offline checks, the priced offline plans of
# environments/prod (both cost tables), actionlint on the workflows, and the image smoke test.
# Prints the time of each step. The image smoke test needs root (podman, debootstrap); outside CI it
# can be skipped with SKIP_IMAGE_SMOKE=1, which is reported, never silent. In CI it always runs.
set -euo pipefail
cd "$(dirname "$0")/.."

start=$(date +%s)
declare -a timings
step_start=$start
step() { # name: prints a header and records the previous step's time
  local now
  now=$(date +%s)
  [ -z "${current:-}" ] || timings+=("$(printf '%-28s %5d s' "$current" $((now - step_start)))")
  step_start=$now
  current="$1"
  [ -z "$1" ] || echo "== $1"
}

step "test servers from npm (into .tools/)"
if [ ! -x .tools/node_modules/.bin/s3rver ]; then
  npm install --prefix .tools --no-audit --no-fund --loglevel=error s3rver@3.7.1
fi

step "build"
dotnet build BmoLearning.slnx -c Release -nologo -clp:ErrorsOnly

step "test services"
# The email-channel tests read a real SMTP server's inbox (maildev, see scripts/maildev.sh).
source scripts/maildev.sh
maildev_start
trap maildev_stop EXIT

step "tests"
dotnet test BmoLearning.slnx -c Release --no-build -nologo

step "terraform checks"
bash infrastructure/terraform/scripts/check.sh

step "cost of the prod plans"
bash scripts/cost-check.sh

step "actionlint"
bash scripts/lint-workflows.sh

skipped=""
if [ "${SKIP_IMAGE_SMOKE:-0}" = 1 ] && [ "${CI:-}" != true ]; then
  skipped="image smoke test SKIPPED (SKIP_IMAGE_SMOKE=1): the image was not built or run"
elif [ "$(id -u)" != 0 ]; then
  echo "image smoke test needs root (podman, debootstrap); run as root or set SKIP_IMAGE_SMOKE=1" >&2
  exit 1
else
  step "image smoke test"
  bash scripts/image-smoke.sh
fi
step ""

echo
echo "== timings"
printf '  %s\n' "${timings[@]}"
echo "  total                        $(($(date +%s) - start)) s"
if [ -n "$skipped" ]; then
  echo "!! $skipped"
fi
echo "== all checks passed"
