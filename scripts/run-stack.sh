#!/usr/bin/env bash
# Serve the portal with a Celery worker (with embedded beat) in the foreground.
# Ctrl-C (or any of them exiting) stops all of them.
set -euo pipefail
cd "$(dirname "$0")/.."

HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
export DJANGO_DEBUG=${DJANGO_DEBUG:-1}
# Links in e-mails and calendar files point at this server unless told otherwise.
export SITE_URL=${SITE_URL:-http://$HOST:$PORT}
PY=.venv/bin/python
mkdir -p var/log

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  # Give them 15 seconds to finish their work, then stop them for good.
  for _ in $(seq 1 30); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.5
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

.venv/bin/celery -A platform_site worker --beat --loglevel INFO --concurrency 2 \
  --schedule var/celery/beat-schedule &
pids+=($!)
$PY manage.py runserver "$HOST:$PORT" --noreload &
pids+=($!)

cat <<TXT

  The portal:  http://$HOST:$PORT/   (Russian: http://$HOST:$PORT/ru/)
  Demo accounts, password demo-pass-2026:
    coordinator@demo.local  staff@demo.local  partner@demo.local  student@demo.local
  E-mails are written to var/mail/. Press Ctrl-C to stop.

TXT
wait -n "${pids[@]}"
