#!/usr/bin/env bash
# CI: `bmo verify` (issue 16 item 4) against a real `bmo serve` (every role, embedded SQLite default) on
# loopback. The starter knowledge base is cut to the APR guide (the topic verify asks for) so the first start
# is quick; the latency baselines are short (2 requests a second for 3 seconds). Exits non-zero naming the
# failed check. Needs `dotnet build -c Release` first.
set -euo pipefail
cd "$(dirname "$0")/.."

bmo=src/BmoLearning.Host/bin/Release/net10.0/bmo.dll
[ -f "$bmo" ] || { echo "verify-serve: build first (dotnet build BmoLearning.slnx -c Release)" >&2; exit 1; }
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
key="verify-serve-admin-key-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
mkdir -p "$work/content" "$work/data"
cp content/business-credit-cards/apr-and-interest.md "$work/content/"

server_pid=""
cleanup() {
  [ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null || true
  [ -z "$server_pid" ] || wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

BMO_ADMIN_KEY="$key" Bmo__StarterContentDir="$work/content" Logging__LogLevel__Default=Warning \
  dotnet "$bmo" serve --urls "$url" --data-dir "$work/data" >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 360); do
  curl -fsS "$url/health" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; echo "verify-serve: bmo serve exited" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "$url/health" >/dev/null || { tail -50 "$work/serve.log" >&2; echo "verify-serve: bmo serve did not start" >&2; exit 1; }

if ! BMO_ADMIN_KEY="$key" dotnet "$bmo" verify "$url" --rate 2 --seconds 3 --out "$work/verify"; then
  tail -50 "$work/serve.log" >&2
  exit 1
fi
cat "$work/verify/verify.md"
