#!/usr/bin/env bash
# The test command: builds the solution, runs every test project on the embedded SQLite default, then the
# same suite against real PostgreSQL (+ pgvector) and Redis started by scripts/services.sh (jobs in
# PostgreSQL), the job tests again with jobs in Redis, then the Terraform checks.
# BMO_SKIP_SERVERS=1 runs the SQLite pass only (no apt, no servers).
set -euo pipefail
cd "$(dirname "$0")/.."

start=$(date +%s)
echo "== build"
dotnet build BmoLearning.slnx -c Release -nologo -clp:ErrorsOnly

echo "== tests: SQLite (embedded default)"
dotnet test BmoLearning.slnx -c Release --no-build -nologo

if [ "${BMO_SKIP_SERVERS:-}" != 1 ]; then
    echo "== servers: PostgreSQL 15 + pgvector, Redis (loopback, temporary directory)"
    # Stopped on any exit, failures included.
    trap 'bash scripts/services.sh stop' EXIT
    bash scripts/services.sh stop
    eval "$(bash scripts/services.sh start)"

    echo "== tests: PostgreSQL, jobs in PostgreSQL, cache in Redis"
    BMO_TEST_PROVIDER=postgres dotnet test tests/BmoLearning.Tests -c Release --no-build -nologo

    echo "== job tests: PostgreSQL, jobs in Redis"
    BMO_TEST_PROVIDER=postgres BMO_TEST_JOBS=redis dotnet test tests/BmoLearning.Tests -c Release --no-build -nologo \
        --filter "FullyQualifiedName~BmoLearning.Tests.Jobs|FullyQualifiedName~BmoLearning.Tests.Production.RoleTests|FullyQualifiedName~BmoLearning.Tests.Api.LessonTests"
fi

echo "== terraform checks"
bash infrastructure/terraform/scripts/check.sh

echo "== all checks passed in $(( $(date +%s) - start )) s"
