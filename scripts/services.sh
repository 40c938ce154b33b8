#!/usr/bin/env bash
# Real servers for tests and benchmarks, on loopback only, state in a temporary directory:
# PostgreSQL 15 with pgvector (built from Debian's source package when missing) and Redis.
#
#   scripts/services.sh install   install the packages and build pgvector (idempotent)
#   scripts/services.sh start     install, then start both servers; prints the environment to use
#   scripts/services.sh stop      stop both servers and delete their state
#   scripts/services.sh env       print the environment (export lines) for running servers
#   scripts/services.sh halt      stop both servers but keep their state (outage tests)
#   scripts/services.sh resume    start both servers again on the state kept by halt
#
# Ports and the state directory can be overridden: BMO_PG_PORT (55432), BMO_REDIS_PORT (6390),
# BMO_SERVICES_DIR (/tmp/bmo-services). Tests read BMO_TEST_POSTGRES and BMO_TEST_REDIS.
set -euo pipefail

PG_BIN=/usr/lib/postgresql/15/bin
PG_PORT=${BMO_PG_PORT:-55432}
REDIS_PORT=${BMO_REDIS_PORT:-6390}
DIR=${BMO_SERVICES_DIR:-/tmp/bmo-services}

log() { echo "services: $*" >&2; }

as_postgres() {
    if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$1"; else bash -c "$1"; fi
}

install_packages() {
    local missing=()
    [ -x "$PG_BIN/initdb" ] || missing+=(postgresql-15)
    command -v redis-server >/dev/null || missing+=(redis-server)
    [ -f /usr/include/postgresql/15/server/postgres.h ] || missing+=(postgresql-server-dev-15)
    if ! command -v make >/dev/null || ! command -v gcc >/dev/null; then missing+=(build-essential); fi
    if [ ${#missing[@]} -gt 0 ]; then
        log "installing ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

# pgvector: no bookworm package for PostgreSQL 15, so build Debian's own source package (trixie).
install_pgvector() {
    local libdir
    libdir=$(/usr/lib/postgresql/15/bin/pg_config --pkglibdir 2>/dev/null || echo /usr/lib/postgresql/15/lib)
    if [ -f "$libdir/vector.so" ] && [ -f /usr/share/postgresql/15/extension/vector.control ]; then
        return
    fi

    log "building pgvector from Debian's source package"
    local work mirror
    work=$(mktemp -d)
    mirror=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    mirror=${mirror:-http://deb.debian.org/debian}
    mkdir -p "$work/lists/partial"
    cat >"$work/sources.sources" <<EOF
Types: deb-src
URIs: $mirror
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    local apt_opts=(-o APT::Sandbox::User=root -o "Dir::Etc::SourceList=$work/sources.sources" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$work/lists")
    apt-get "${apt_opts[@]}" update -qq
    (cd "$work" && apt-get "${apt_opts[@]}" source --download-only pgvector >/dev/null)
    tar -xzf "$work"/pgvector_*.orig.tar.gz -C "$work"
    local src
    src=$(find "$work" -maxdepth 1 -type d -name 'pgvector-*' | sed -n 1p)
    # OPTFLAGS="" avoids -march=native, so the library runs on any x86-64 machine.
    make -s -C "$src" PG_CONFIG=$PG_BIN/pg_config OPTFLAGS="" with_llvm=no >/dev/null
    make -s -C "$src" PG_CONFIG=$PG_BIN/pg_config OPTFLAGS="" with_llvm=no install >/dev/null
    rm -rf "$work"
}

print_env() {
    echo "export BMO_TEST_POSTGRES='Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres'"
    echo "export BMO_TEST_REDIS='127.0.0.1:$REDIS_PORT'"
    echo "export BMO_PG_BIN='$PG_BIN'"
}

start() {
    install_packages
    install_pgvector
    if [ -f "$DIR/pg/postmaster.pid" ] || [ -f "$DIR/redis.pid" ]; then
        log "already running in $DIR (stop first)"
        print_env
        return
    fi

    mkdir -p "$DIR/pg" "$DIR/sock"
    chmod 755 "$DIR"
    chmod 700 "$DIR/pg"
    touch "$DIR/pg.log"
    if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$DIR/pg" "$DIR/sock" "$DIR/pg.log"; fi
    as_postgres "$PG_BIN/initdb -D '$DIR/pg' -U postgres --auth=trust -E UTF8 >'$DIR/sock/initdb.log' 2>&1"
    # fsync off: test data needs no durability across a power cut, and it makes CI faster.
    start_servers
    as_postgres "$PG_BIN/psql -h 127.0.0.1 -p $PG_PORT -U postgres -qAt -c 'CREATE EXTENSION IF NOT EXISTS vector' postgres >/dev/null"
    log "PostgreSQL on 127.0.0.1:$PG_PORT, Redis on 127.0.0.1:$REDIS_PORT (state in $DIR)"
    print_env
}

start_servers() {
    # fsync off is safe for tests (a killed server's writes are still in the OS page cache); synchronous_commit
    # stays on, because the outage tests kill the server and a commit the API acknowledged must survive that.
    as_postgres "$PG_BIN/pg_ctl -D '$DIR/pg' -l '$DIR/pg.log' -o \"-p $PG_PORT -c listen_addresses=127.0.0.1 -k '$DIR/sock' -c fsync=off -c full_page_writes=off -c max_connections=500\" -w start >/dev/null"
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --pidfile "$DIR/redis.pid" --dir "$DIR" \
        --save '' --appendonly no --logfile "$DIR/redis.log"
    for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
}

halt() {
    as_postgres "$PG_BIN/pg_ctl -D '$DIR/pg' -m immediate -w stop >/dev/null" || true
    redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    rm -f "$DIR/redis.pid"
}

stop() {
    if [ -f "$DIR/pg/postmaster.pid" ]; then
        as_postgres "$PG_BIN/pg_ctl -D '$DIR/pg' -m immediate -w stop >/dev/null" || true
    fi
    if [ -f "$DIR/redis.pid" ]; then
        redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || kill "$(cat "$DIR/redis.pid")" 2>/dev/null || true
    fi
    rm -rf "$DIR"
}

case "${1:-}" in
    install) install_packages; install_pgvector ;;
    start) start ;;
    stop) stop ;;
    env) print_env ;;
    halt) halt ;;
    resume) start_servers ;;
    *) echo "usage: $0 install|start|stop|env|halt|resume" >&2; exit 2 ;;
esac
