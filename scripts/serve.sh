#!/usr/bin/env bash
# Serve the web application and its background worker together; Ctrl+C stops both.
set -euo pipefail
host=${1:-127.0.0.1}
port=${2:-8000}
cd "$(dirname "$0")/.."
.venv/bin/python manage.py run_worker &
worker=$!
trap 'kill $worker 2>/dev/null; wait $worker 2>/dev/null' EXIT INT TERM
echo "Một Văn Phòng đang chạy tại http://$host:$port (Ctrl+C để dừng)"
.venv/bin/gunicorn vanphong.wsgi --bind "$host:$port" --workers "${VANPHONG_WEB_WORKERS:-2}" \
  --threads "${VANPHONG_WEB_THREADS:-4}" --timeout 120 --access-logfile - --log-level warning
