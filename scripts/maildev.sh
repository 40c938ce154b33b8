#!/usr/bin/env bash
# A real SMTP server with an inspection API on loopback for the email-channel tests: maildev 3.0.0
# from npm, SMTP on 127.0.0.1:1026, HTTP API (GET /api/email) on 127.0.0.1:1081.
#   bash scripts/maildev.sh start|stop|status      (or source it and call maildev_start / maildev_stop)
# Installs into ${MAILDEV_PREFIX:-$HOME/.cache/bmo-learning/maildev}; reuses a server already listening.

MAILDEV_VERSION=3.0.0
MAILDEV_SMTP_PORT=${MAILDEV_SMTP_PORT:-1026}
MAILDEV_WEB_PORT=${MAILDEV_WEB_PORT:-1081}
MAILDEV_PREFIX=${MAILDEV_PREFIX:-$HOME/.cache/bmo-learning/maildev}
MAILDEV_PIDFILE="$MAILDEV_PREFIX/maildev.pid"

maildev_running() {
  curl -fsS -o /dev/null "http://127.0.0.1:$MAILDEV_WEB_PORT/api/email" 2>/dev/null
}

maildev_install() {
  if [ -x "$MAILDEV_PREFIX/node_modules/.bin/maildev" ]; then
    return 0
  fi
  if ! command -v npm >/dev/null; then
    echo "maildev: npm is required (apt-get install -y nodejs npm)" >&2
    return 1
  fi
  mkdir -p "$MAILDEV_PREFIX"
  echo "maildev: installing $MAILDEV_VERSION into $MAILDEV_PREFIX"
  npm install --prefix "$MAILDEV_PREFIX" --no-audit --no-fund --loglevel=error "maildev@$MAILDEV_VERSION" >/dev/null
}

maildev_start() {
  if maildev_running; then
    echo "maildev: already listening on 127.0.0.1:$MAILDEV_SMTP_PORT (SMTP) and :$MAILDEV_WEB_PORT (API)"
    return 0
  fi
  maildev_install || return 1
  nohup "$MAILDEV_PREFIX/node_modules/.bin/maildev" --ip 127.0.0.1 -s "$MAILDEV_SMTP_PORT" -w "$MAILDEV_WEB_PORT" \
    >"$MAILDEV_PREFIX/maildev.log" 2>&1 &
  echo $! >"$MAILDEV_PIDFILE"
  for _ in $(seq 1 50); do
    if maildev_running; then
      echo "maildev: started (pid $(cat "$MAILDEV_PIDFILE")) on 127.0.0.1:$MAILDEV_SMTP_PORT (SMTP) and :$MAILDEV_WEB_PORT (API)"
      return 0
    fi
    sleep 0.2
  done
  echo "maildev: did not start; log follows" >&2
  cat "$MAILDEV_PREFIX/maildev.log" >&2
  return 1
}

# Stops only the server this script started (by its pid file).
maildev_stop() {
  if [ -f "$MAILDEV_PIDFILE" ]; then
    kill "$(cat "$MAILDEV_PIDFILE")" 2>/dev/null || true
    rm -f "$MAILDEV_PIDFILE"
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case "${1:-}" in
    start) maildev_start ;;
    stop) maildev_stop ;;
    status) if maildev_running; then echo "maildev: running"; else echo "maildev: not running"; exit 1; fi ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
  esac
fi
