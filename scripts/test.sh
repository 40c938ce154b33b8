#!/usr/bin/env bash
# The test command: builds the solution, runs every test project on the embedded SQLite default, then the
# same suite against real PostgreSQL (+ pgvector) and Redis started by scripts/services.sh (jobs in
# PostgreSQL), the job tests again with jobs in Redis; then the Terraform offline checks, the priced
# offline plans of environments/prod (both cost tables), actionlint on the workflows and the image smoke
# test, and `bmo verify` against `bmo serve` and against the image smoke stack. Prints the time of each step.
# BMO_SKIP_SERVERS=1 runs the SQLite pass only (no apt, no servers). The image smoke test needs root
# (podman, debootstrap); outside CI it can be skipped with SKIP_IMAGE_SMOKE=1. Both skips are reported,
# never silent; in CI nothing is skipped.
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

step "test servers and tools (npm into .tools/, Chromium)"
# axe-core: the console's browser tests inject it into every page (tests/BmoLearning.Web.Tests); oidc-provider is
# the loopback OpenID Connect provider of the console's single sign-on tests (tests/BmoLearning.Web.Tests/Oidc).
if [ ! -x .tools/node_modules/.bin/s3rver ] || [ ! -f .tools/node_modules/axe-core/axe.min.js ] || [ ! -f .tools/node_modules/oidc-provider/lib/index.js ]; then
  npm install --prefix .tools --no-audit --no-fund --loglevel=error s3rver@3.7.1 axe-core@4.14.1 oidc-provider@9.13.3
fi
# The console's browser tests drive Debian's Chromium through Playwright (which never downloads a browser).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else
    echo "the console's browser tests need Chromium at /usr/bin/chromium: apt-get install -y chromium" >&2
    exit 1
  fi
fi
bash scripts/fsrs-oracle.sh # ts-fsrs 5.4.2, the reference the FSRS-6 agreement test compares with

step "build"
dotnet build BmoLearning.slnx -c Release -nologo -clp:ErrorsOnly

step "test services"
# The email-channel tests read a real SMTP server's inbox (maildev, see scripts/maildev.sh).
source scripts/maildev.sh
servers_started=0
stop_services() {
  maildev_stop
  [ "$servers_started" = 0 ] || bash scripts/services.sh stop
}
trap stop_services EXIT
maildev_start

step "tests: SQLite (embedded default)"
dotnet test BmoLearning.slnx -c Release --no-build -nologo

skipped=()
if [ "${BMO_SKIP_SERVERS:-}" = 1 ] && [ "${CI:-}" != true ]; then
  skipped+=("PostgreSQL and Redis pass SKIPPED (BMO_SKIP_SERVERS=1)")
else
  step "servers: PostgreSQL 15 + pgvector, Redis"
  servers_started=1
  bash scripts/services.sh stop
  eval "$(bash scripts/services.sh start)"

  step "tests: PostgreSQL, jobs in PostgreSQL, cache in Redis"
  BMO_TEST_PROVIDER=postgres dotnet test tests/BmoLearning.Tests -c Release --no-build -nologo
  # The console's analytics queries and session on PostgreSQL (the browser tests ran in the SQLite pass).
  BMO_TEST_PROVIDER=postgres dotnet test tests/BmoLearning.Web.Tests -c Release --no-build -nologo \
    --filter "FullyQualifiedName~AnalyticsApiTests|FullyQualifiedName~ConsoleHttpTests"

  step "job tests: PostgreSQL, jobs in Redis"
  BMO_TEST_PROVIDER=postgres BMO_TEST_JOBS=redis dotnet test tests/BmoLearning.Tests -c Release --no-build -nologo \
    --filter "FullyQualifiedName~BmoLearning.Tests.Jobs|FullyQualifiedName~BmoLearning.Tests.Production.RoleTests|FullyQualifiedName~BmoLearning.Tests.Api.LessonTests"
fi

step "bmo verify against bmo serve"
bash scripts/verify-serve.sh

step "terraform checks"
bash infrastructure/terraform/scripts/check.sh

step "cost of the prod plans"
bash scripts/cost-check.sh

step "actionlint"
bash scripts/lint-workflows.sh

step "security audit"
bash scripts/security-audit.sh

if [ "${SKIP_IMAGE_SMOKE:-0}" = 1 ] && [ "${CI:-}" != true ]; then
  skipped+=("image smoke test SKIPPED (SKIP_IMAGE_SMOKE=1): the image was not built or run")
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
for message in "${skipped[@]}"; do
  echo "!! $message"
done
echo "== all checks passed"
