#!/usr/bin/env bash
# Run the whole suite on SQLite, then on PostgreSQL when reachable.
set -uo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
# Two workers (the machines have two cores); pass your own -n to change it. Tests are handed
# out one at a time, so that a worker busy with a slow test (marked `slow`, started first)
# does not hold a queue of others while the second worker runs out of work.
args=("$@")
[[ " ${args[*]:-} " == *" -n "* ]] || args=(-n 2 "${args[@]}")
[[ " ${args[*]:-} " == *" --maxschedchunk "* ]] || args=(--maxschedchunk 1 "${args[@]}")
status=0

echo "== Bộ kiểm thử trên SQLite =="
env -u DATABASE_URL "$py" -m pytest "${args[@]}" || status=1

pg_url=${DATABASE_URL:-}
if [ -z "$pg_url" ] && "$py" - <<'PY' 2>/dev/null
import socket; socket.create_connection(("127.0.0.1", 5432), timeout=2)
PY
then
  pg_url=postgres://postgres@127.0.0.1:5432/postgres
fi
if [ -n "$pg_url" ]; then
  echo "== Bộ kiểm thử trên PostgreSQL =="
  # axe, CSP and aria checks of the pages (tests/browser_checks.py) ran in the SQLite pass;
  # what the browser shows does not depend on the database, so they are not run twice.
  DATABASE_URL=$pg_url VANPHONG_BROWSER_CHECKS=${VANPHONG_BROWSER_CHECKS:-0} \
    "$py" -m pytest "${args[@]}" || status=1
elif [ "${VANPHONG_REQUIRE_POSTGRES:-0}" = "1" ]; then
  echo "PostgreSQL là bắt buộc (VANPHONG_REQUIRE_POSTGRES=1) nhưng không kết nối được." >&2
  status=1
else
  echo "Bỏ qua PostgreSQL: không có máy chủ trên 127.0.0.1:5432 và không đặt DATABASE_URL."
fi
exit $status
