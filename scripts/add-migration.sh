#!/usr/bin/env bash
# Adds an EF Core migration with the same name to both providers, so the two schemas never drift:
#   scripts/add-migration.sh AddLearnerTeams
# Each provider has its own migrations assembly and design-time factory (no server or app needed).
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."

dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
    project=src/BmoLearning.Data.$provider
    echo "== $provider"
    dotnet ef migrations add "$name" --project "$project" --startup-project "$project" --output-dir Migrations
done
echo "Added migration $name for SQLite and PostgreSQL. Review both before committing."
