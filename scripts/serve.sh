#!/usr/bin/env bash
# Serve the web application and its background worker together, each started again if it
# stops (scripts/supervise.py); Ctrl+C or SIGTERM stops both.
set -euo pipefail
host=${1:-127.0.0.1}
port=${2:-8000}
cd "$(dirname "$0")/.."
echo "Một Văn Phòng đang chạy tại http://$host:$port (Ctrl+C để dừng)"
exec .venv/bin/python scripts/supervise.py \
  web .venv/bin/gunicorn vanphong.wsgi --bind "$host:$port" \
    --workers "${VANPHONG_WEB_WORKERS:-2}" --threads "${VANPHONG_WEB_THREADS:-4}" \
    --timeout 120 --access-logfile - --log-level warning \
  --- worker .venv/bin/python manage.py run_worker
