#!/usr/bin/env bash
# The test command: builds the solution, runs every test project, then the Terraform checks.
set -euo pipefail
cd "$(dirname "$0")/.."

start=$(date +%s)
echo "== build"
dotnet build BmoLearning.slnx -c Release -nologo -clp:ErrorsOnly

echo "== test services"
# The email-channel tests read a real SMTP server's inbox (maildev, see scripts/maildev.sh).
source scripts/maildev.sh
maildev_start
trap maildev_stop EXIT

echo "== tests"
dotnet test BmoLearning.slnx -c Release --no-build -nologo

echo "== terraform checks"
bash infrastructure/terraform/scripts/check.sh

echo "== all checks passed in $(( $(date +%s) - start )) s"
