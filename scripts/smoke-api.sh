#!/usr/bin/env bash
# Smoke test of a running BMO Learning API (local container, docker compose, or the AWS deployment).
#
#   scripts/smoke-api.sh BASE_URL [--lesson]
#
# Always: GET /health (liveness: 200, status healthy), GET /api/v1/health (readiness: 200, status ok,
# database connected; redis as EXPECT_REDIS if set), and a learner route without a key answers 401.
# --lesson: the seed's step 16 as well (needs BMO_ADMIN_KEY): create a learner, request a lesson on
# SMOKE_TOPIC (default APR, beginner), poll until ready, expect 4 quiz options and at least 1 source.
# Env: EXPECT_SERVICE (api | ai-service | worker: the liveness "service"), SMOKE_WAIT (seconds to wait
# for /health first, default 120), SMOKE_LESSON_WAIT (seconds to wait for the lesson, default 120).
set -euo pipefail

if [ $# -lt 1 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
base="${1%/}"
lesson=false
[ "${2:-}" = "--lesson" ] && lesson=true

fail() {
  echo "smoke-api: FAILED: $*" >&2
  exit 1
}
check_json() { # description jq-filter json
  echo "$3" | jq -e "$2" >/dev/null 2>&1 || fail "$1: $3"
}

wait_s="${SMOKE_WAIT:-120}"
deadline=$(($(date +%s) + wait_s))
until curl -fsS --max-time 5 "$base/health" >/dev/null 2>&1; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "$base/health did not answer 2xx within ${wait_s} s"
  sleep 1
done

liveness=$(curl -fsS --max-time 5 "$base/health")
check_json "GET /health" '.status == "healthy"' "$liveness"
if [ -n "${EXPECT_SERVICE:-}" ]; then
  check_json "GET /health service" ".service == \"$EXPECT_SERVICE\"" "$liveness"
fi
echo "GET /health          $liveness"

readiness=$(curl -sS --max-time 10 -w '\n%{http_code}' "$base/api/v1/health")
[ "$(echo "$readiness" | tail -1)" = 200 ] || fail "GET /api/v1/health answered $(echo "$readiness" | tail -1): $(echo "$readiness" | head -1)"
readiness=$(echo "$readiness" | head -1)
check_json "GET /api/v1/health" '.status == "ok" and .database == "connected"' "$readiness"
if [ -n "${EXPECT_REDIS:-}" ]; then
  check_json "GET /api/v1/health redis" ".redis == \"$EXPECT_REDIS\"" "$readiness"
fi
echo "GET /api/v1/health   $readiness"

status=$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' -X POST "$base/api/v1/learners" \
  -H 'Content-Type: application/json' -d '{"email":"nobody@example.com","name":"No Key"}')
[ "$status" = 401 ] || fail "POST /api/v1/learners without X-API-Key answered $status, expected 401"
echo "POST /api/v1/learners without a key: 401"

$lesson || exit 0

key="${BMO_ADMIN_KEY:?--lesson needs BMO_ADMIN_KEY}"
email="smoke-$(date +%s)-$$@example.com"
learner=$(curl -fsS --max-time 10 -X POST "$base/api/v1/learners" -H "X-API-Key: $key" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"name\":\"Smoke Test\"}") || fail "POST /api/v1/learners"
learner_id=$(echo "$learner" | jq -r '.id')
echo "POST /api/v1/learners -> $learner_id"

topic="${SMOKE_TOPIC:-APR}"
request=$(curl -sS --max-time 10 -X POST "$base/api/v1/learners/$learner_id/request_lesson" -H "X-API-Key: $key" \
  -H 'Content-Type: application/json' -d "{\"topic\":\"$topic\",\"difficulty\":\"beginner\"}" -w '\n%{http_code}')
[ "$(echo "$request" | tail -1)" = 202 ] || fail "request_lesson answered $(echo "$request" | tail -1): $(echo "$request" | head -1)"
poll_url=$(echo "$request" | head -1 | jq -r '.poll_url')
echo "POST request_lesson -> 202, poll $poll_url"

deadline=$(($(date +%s) + ${SMOKE_LESSON_WAIT:-120}))
body="" lesson_status=""
while [ "$(date +%s)" -lt "$deadline" ]; do
  body=$(curl -fsS --max-time 10 "$base$poll_url" -H "X-API-Key: $key")
  lesson_status=$(echo "$body" | jq -r '.status')
  case "$lesson_status" in ready | failed) break ;; esac
  sleep 0.5
done
[ "$lesson_status" = ready ] || fail "lesson request ended as '$lesson_status': $body"
check_json "the lesson" '(.lesson.quiz_options | length) == 4 and (.lesson.sources | length) >= 1 and (.lesson.key_points | length) >= 3' "$body"
echo "lesson ready: $(echo "$body" | jq -c '{topic: .lesson.topic, generator: .lesson.generator, quiz_options: (.lesson.quiz_options | length), sources: [.lesson.sources[].document_title]}')"
