#!/usr/bin/env bash
# Install (Debian packages, when missing) and start a private PostgreSQL and Redis
# on loopback for the test suite and the benchmark. Safe to run again: running
# servers are reused. Prints the environment to export, e.g.
#   eval "$(scripts/services.sh start)"
set -euo pipefail

PG_PORT=${PG_PORT:-5433}
REDIS_PORT=${REDIS_PORT:-6380}
STATE=${SERVICES_DIR:-/var/tmp/ca-platform-services}
DB_NAME=platform
DB_USER=platform
DB_PASSWORD=platform

log() { echo "services: $*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

install_packages() {
  local missing=()
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
  # The end-to-end tests drive Debian's Chromium (no browser download).
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  # The benchmark's load generator.
  if [ "${WITH_BENCH:-0}" = 1 ]; then command -v wrk >/dev/null 2>&1 || missing+=(wrk); fi
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1; }

# PostgreSQL refuses to run as root: run it as the postgres user then.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  local bin data
  bin=$(pg_bin)
  data="$STATE/pgdata"
  if "$bin/pg_isready" -h 127.0.0.1 -p "$PG_PORT" -q; then
    log "PostgreSQL already answers on $PG_PORT"
  else
    mkdir -p "$STATE"
    if [ "$(id -u)" = 0 ]; then chown postgres "$STATE"; fi
    if [ ! -f "$data/PG_VERSION" ]; then
      log "initialising a PostgreSQL cluster in $data"
      as_pg "$bin/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    as_pg "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
      -o "-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null
    log "PostgreSQL started on $PG_PORT"
  fi
  local psql=("$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA)
  if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname='$DB_USER'")" != 1 ]; then
    "${psql[@]}" -c "CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD' CREATEDB"
  fi
  for name in "$DB_NAME" ${EXTRA_DATABASES:-}; do
    if [ "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname='$name'")" != 1 ]; then
      "${psql[@]}" -c "CREATE DATABASE $name OWNER $DB_USER"
    fi
  done
}

start_redis() {
  if redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    log "Redis already answers on $REDIS_PORT"
  else
    mkdir -p "$STATE/redis"
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --save '' \
      --appendonly no --dir "$STATE/redis" --logfile "$STATE/redis/redis.log" >/dev/null
    for _ in $(seq 1 50); do
      redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
      sleep 0.1
    done
    log "Redis started on $REDIS_PORT"
  fi
}

stop_all() {
  local bin
  bin=$(pg_bin 2>/dev/null || true)
  if [ -n "$bin" ] && [ -f "$STATE/pgdata/PG_VERSION" ]; then
    as_pg "$bin/pg_ctl" -D "$STATE/pgdata" -m fast stop >/dev/null 2>&1 || true
  fi
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
}

case "${1:-start}" in
  bench)
    # The benchmark's own database, beside the test one, and wrk.
    WITH_BENCH=1 EXTRA_DATABASES=platform_bench "$0" start >/dev/null
    echo "export DATABASE_URL=postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$PG_PORT/platform_bench"
    echo "export CELERY_BROKER_URL=redis://127.0.0.1:$REDIS_PORT/2"
    echo "export CACHE_URL=redis://127.0.0.1:$REDIS_PORT/3"
    ;;
  start)
    install_packages
    start_postgres
    start_redis
    echo "export DATABASE_URL=postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$PG_PORT/$DB_NAME"
    echo "export CELERY_BROKER_URL=redis://127.0.0.1:$REDIS_PORT/0"
    ;;
  stop) stop_all ;;
  *) echo "usage: $0 [start|bench|stop]" >&2; exit 2 ;;
esac
