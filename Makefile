# Một Văn Phòng — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
UV = $(shell scripts/ensure-uv.sh $(PYTHON))
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-test migrate demo serve lint bench

install:
	@scripts/system-packages.sh libreoffice-writer-nogui libarchive-tools fonts-liberation fonts-liberation2 tesseract-ocr tesseract-ocr-vie ghostscript
	$(UV) sync --frozen --inexact --python $(PYTHON)

install-test:
	@scripts/system-packages.sh chromium libreoffice-writer-nogui libreoffice-calc-nogui libarchive-tools fonts-liberation fonts-liberation2 tesseract-ocr tesseract-ocr-vie ghostscript dovecot-imapd postgresql-client
	$(UV) sync --frozen --python $(PYTHON) --group test

migrate: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v 0

demo: migrate
	$(PY) manage.py load_demo --if-empty
	$(PY) manage.py search_reindex --if-needed --quiet

serve:
	@scripts/serve.sh $(HOST) $(PORT)

run: demo
	@$(PY) manage.py demo_logins
	@scripts/serve.sh $(HOST) $(PORT)

# The whole suite on SQLite, then again on PostgreSQL when one is reachable
# (DATABASE_URL, or a local server on 5432). CI sets VANPHONG_REQUIRE_POSTGRES=1 and
# VANPHONG_REQUIRE_BROWSER=1 so that neither can be silently skipped.
test: install-test
	$(PY) -m ruff check vanphong tests bench
	$(PY) -m mypy vanphong
	$(PY) manage.py makemigrations --check --dry-run
	@scripts/run-tests.sh

lint: install-test
	$(PY) -m ruff check vanphong tests bench
	$(PY) -m mypy vanphong

bench: install-test
	$(PY) bench/register_concurrency.py
