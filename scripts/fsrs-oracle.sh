#!/usr/bin/env bash
# Installs the FSRS reference implementation (ts-fsrs 5.4.2 from npm) into .tools/ for the agreement test
# in tests/BmoLearning.Learning.Tests (FsrsAgreementTests), which runs tests/.../oracle/ts-fsrs-oracle.mjs.
# Idempotent: does nothing when the right version is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
version=5.4.2
installed=$(node -p "JSON.parse(require('fs').readFileSync('.tools/node_modules/ts-fsrs/package.json','utf8')).version" 2>/dev/null || true)
if [ "$installed" != "$version" ]; then
  npm install --prefix .tools --no-audit --no-fund --loglevel=error "ts-fsrs@$version"
fi
