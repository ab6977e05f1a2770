"""The background worker survives a database outage, and the home page says when it stops.

The outage is real: a `run_worker` process against the PostgreSQL test database, whose
connections are killed and which refuses new ones for a while."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from tests.fresh_install import ROOT, wait_for
from vanphong import clock
from vanphong.home import heartbeat
from vanphong.home.models import Heartbeat
from vanphong.incoming import actions

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@contextlib.contextmanager
def worker_process(tmp_path: Path, search_dir: str) -> Iterator[subprocess.Popen[bytes]]:
    keep = {k: v for k, v in os.environ.items()
            if not k.startswith(("VANPHONG_", "DATABASE_URL", "DJANGO_", "PYTEST_"))}
    environment = {**keep, "DATABASE_URL": _database_url(), "VANPHONG_TASKS": "database",
                   "VANPHONG_DATA_DIR": str(tmp_path / "data"),
                   "VANPHONG_SEARCH_DIR": search_dir, "VANPHONG_LOG_LEVEL": "WARNING"}
    log = tmp_path / "worker.log"
    with log.open("wb") as output:
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--tick", "1"], cwd=ROOT,
            env=environment, stdout=output, stderr=subprocess.STDOUT)
    try:
        yield worker
    finally:
        if worker.poll() is None:
            worker.terminate()
        worker.wait(timeout=30)


@contextlib.contextmanager
def database_unreachable() -> Iterator[None]:
    """Kill every other session on the test database and refuse new ones until the end
    (from the maintenance database: PostgreSQL will not do it from the database itself)."""
    import psycopg

    db = connection.settings_dict
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        [ours] = cursor.fetchone()
    admin = psycopg.connect(dbname="postgres", user=db["USER"], password=db["PASSWORD"] or None,
                            host=db["HOST"], port=db["PORT"] or 5432, autocommit=True)
    try:
        admin.execute(f'ALTER DATABASE "{db["NAME"]}" ALLOW_CONNECTIONS false')
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                      "WHERE datname = %s AND pid <> %s", [db["NAME"], ours])
        yield
    finally:
        admin.execute(f'ALTER DATABASE "{db["NAME"]}" ALLOW_CONNECTIONS true')
        admin.close()


def _beat_at() -> dt.datetime | None:
    return Heartbeat.objects.filter(name="worker").values_list("beat_at", flat=True).first()


def _register(cast, code: str) -> None:
    fields = actions.IncomingFields(issuer="Sở Tài chính", code=code, issued_date=clock.today(),
                                    subject="V/v quyết toán ngân sách sau sự cố")
    actions.register_incoming(actor=cast.vanthu, organizations=[cast.orgs["UBND"]],
                              fields=fields, has_paper_original=True)


@pytest.mark.slow
@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_the_worker_survives_a_database_outage_and_works_after_it(
        transactional_db, cast, client_for, settings, tmp_path):
    settings.TASKS = DATABASE_BACKEND
    with worker_process(tmp_path, settings.VANPHONG_SEARCH_DIR) as worker:
        wait_for(_beat_at, seconds=60, what="the first heartbeat")
        with database_unreachable():
            time.sleep(8)
            assert worker.poll() is None, (tmp_path / "worker.log").read_text()
        outage_over = clock.now()
        wait_for(lambda: (_beat_at() or outage_over) > outage_over, seconds=90,
                 what="a heartbeat after the outage")
        _register(cast, "88/STC-NS")  # its indexing is a task for the worker
        clerk = client_for(cast.vanthu)

        def found() -> bool:
            page = clerk.get(reverse("search:page"), {"q": "88/STC-NS"}).content.decode()
            return "quyết toán ngân sách sau sự cố" in page

        wait_for(found, seconds=60, what="the document found by search")
        assert worker.poll() is None
        worker.terminate()
        assert worker.wait(timeout=30) == 0
    log = (tmp_path / "worker.log").read_text()
    assert "Tiến trình nền: mất kết nối cơ sở dữ liệu" in log
    assert "Tiến trình nền: đã kết nối lại cơ sở dữ liệu." in log


# --- The warning on the home page --------------------------------------------------------


def _home(client) -> str:
    return client.get(reverse("home:my_work")).content.decode()


def test_an_administrator_is_told_when_the_worker_stopped(cast, client_for, settings):
    settings.TASKS = DATABASE_BACKEND
    stopped = dt.datetime(2026, 3, 2, 14, 5, tzinfo=dt.UTC)  # 21:05 in Việt Nam
    with clock.frozen_at(stopped):
        heartbeat.beat()
    with clock.travel_to(stopped + dt.timedelta(minutes=12)):
        page = _home(client_for(cast.admin))
        assert "Tiến trình nền đã ngừng từ 21:05 ngày 02/03/2026 (12 phút trước)" in page
        assert "cập nhật chỉ mục tìm kiếm, nhắc việc" in page
        dashboard = client_for(cast.chanhvanphong).get(reverse("home:dashboard"))
        assert "Tiến trình nền đã ngừng từ 21:05" in dashboard.content.decode()
        assert "Tiến trình nền" not in _home(client_for(cast.chuyenvien))
        assert "Tiến trình nền" not in _home(client_for(cast.vanthu))


def test_no_warning_while_the_worker_beats(cast, client_for, settings):
    settings.TASKS = DATABASE_BACKEND
    moment = dt.datetime(2026, 3, 2, 14, 5, tzinfo=dt.UTC)
    with clock.frozen_at(moment):
        heartbeat.beat()
    with clock.travel_to(moment + dt.timedelta(minutes=2)):
        assert "Tiến trình nền" not in _home(client_for(cast.admin))


def test_a_worker_that_never_ran_is_reported_too(cast, client_for, settings):
    settings.TASKS = DATABASE_BACKEND
    assert "Tiến trình nền chưa chạy lần nào" in _home(client_for(cast.admin))
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert "Tiến trình nền" not in _home(client_for(cast.admin))  # tasks run in the request
