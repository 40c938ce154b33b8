#!/usr/bin/env bash
# The test command: builds the solution, runs every test project, then the Terraform checks.
set -euo pipefail
cd "$(dirname "$0")/.."

start=$(date +%s)
echo "== test servers from npm (into .tools/)"
if [ ! -x .tools/node_modules/.bin/s3rver ]; then
  npm install --prefix .tools --no-audit --no-fund --loglevel=error s3rver@3.7.1
fi

echo "== build"
dotnet build BmoLearning.slnx -c Release -nologo -clp:ErrorsOnly

echo "== tests"
dotnet test BmoLearning.slnx -c Release --no-build -nologo

echo "== terraform checks"
bash infrastructure/terraform/scripts/check.sh

echo "== all checks passed in $(( $(date +%s) - start )) s"
