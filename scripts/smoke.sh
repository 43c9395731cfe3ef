#!/usr/bin/env bash
# Start the `make run` stack (SQLite, filesystem broker, worker with beat) in the
# background on its own data folder and port, check that every key page answers
# 200, and stop everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."

export DJANGO_VAR_DIR=${DJANGO_VAR_DIR:-$PWD/var/smoke}
export DJANGO_DEBUG=1
unset DATABASE_URL CELERY_BROKER_URL EMAIL_URL EMAIL_HOST
PORT=${SMOKE_PORT:-8765}
PY=.venv/bin/python
LOG="$DJANGO_VAR_DIR/stack.log"
mkdir -p "$DJANGO_VAR_DIR"

$PY manage.py migrate --no-input --verbosity 0
$PY manage.py collectstatic --no-input --verbosity 0
DJANGO_DEMO_DATA=1 $PY manage.py seed_demo >/dev/null

setsid env HOST=127.0.0.1 PORT="$PORT" scripts/run-stack.sh >"$LOG" 2>&1 &
stack=$!
cleanup() {
  # Ask politely, then insist: a worker in the middle of a beat tick may not stop.
  kill -TERM -- "-$stack" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$stack" 2>/dev/null || break; sleep 0.5; done
  kill -KILL -- "-$stack" 2>/dev/null || true
  wait "$stack" 2>/dev/null || true
}
trap cleanup EXIT

base="http://127.0.0.1:$PORT"
for _ in $(seq 1 60); do
  if curl -fsS "$base/healthz" >/dev/null 2>&1; then break; fi
  sleep 1
done

# The worker must be consuming: its start-up banner says so once it is ready.
for _ in $(seq 1 60); do
  grep -q "ready" "$LOG" && break
  sleep 1
done
grep -q "ready" "$LOG" || { echo "smoke: the Celery worker did not start"; cat "$LOG"; exit 1; }

failed=0
checked=0
while read -r path; do
  [ -n "$path" ] || continue
  code=$(curl -s -o /dev/null -w '%{http_code}' "$base$path")
  checked=$((checked + 1))
  if [ "$code" = "200" ]; then echo "ok   $code $path"; else echo "FAIL $code $path"; failed=1; fi
done < <($PY manage.py smoke_urls)

if [ "$failed" != 0 ]; then
  echo "smoke: some pages failed; the stack's log:"; tail -50 "$LOG"; exit 1
fi
echo "smoke: $checked pages answered 200"
