"""Run the background worker together with the periodic scheduler.

The scheduler only enqueues periodic tasks and writes the heartbeat; the worker
(django-tasks' database worker) runs every task, periodic or not. With the Redis backend,
run `manage.py rqworker default` for the tasks and this command with `--scheduler-only`.

A database outage does not end the process: both loops log it, drop their connections and
try again, waiting longer each time (1 s doubling to a minute); a task cut off by the
outage goes back into the queue. Anything else that stops the worker ends the command,
and `scripts/serve.sh` starts it again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.utils.crypto import get_random_string
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from vanphong.files.tasks import delete_abandoned_uploads
from vanphong.followup.tasks import send_due_reminders_task
from vanphong.home.heartbeat import beat
from vanphong.intake.mail_tasks import fetch_mailboxes_task
from vanphong.intake.routing_tasks import retrain_routing_task
from vanphong.intake.tasks import resume_stalled_task, scan_watched_folder_task
from vanphong.notices.tasks import send_due_notice_mail_task
from vanphong.outgoing.tasks import finalize_stalled_task, send_due_mail_task
from vanphong.records.tasks import send_transfer_reminders_task
from vanphong.search.tasks import drain_task

log = logging.getLogger("vanphong.worker")

#: (task, how often). Each task is safe to run twice. At start every one is queued at once,
#: in this order: a dead worker's items are taken back first, the slow retraining last.
PERIODIC = [
    (resume_stalled_task, dt.timedelta(minutes=1)),
    (finalize_stalled_task, dt.timedelta(minutes=5)),
    (drain_task, dt.timedelta(minutes=1)),
    (send_due_mail_task, dt.timedelta(minutes=1)),
    (send_due_notice_mail_task, dt.timedelta(minutes=1)),
    (scan_watched_folder_task, dt.timedelta(minutes=1)),
    (fetch_mailboxes_task, dt.timedelta(minutes=2)),
    (send_due_reminders_task, dt.timedelta(minutes=5)),
    (send_transfer_reminders_task, dt.timedelta(hours=1)),
    (delete_abandoned_uploads, dt.timedelta(hours=6)),
    (retrain_routing_task, dt.timedelta(hours=1)),
]

#: What a lost or unreachable database raises.
DATABASE_DOWN = (OperationalError, InterfaceError)
FIRST_WAIT, LONGEST_WAIT = 1.0, 60.0


def drop_connections() -> None:
    """Close this thread's connections, broken or not; the next query opens a new one."""
    for connection in connections.all(initialized_only=True):
        with contextlib.suppress(DatabaseError):
            connection.close()


class Backoff:
    """1 s, 2 s, 4 s... up to a minute; back to 1 s after a minute without trouble."""

    def __init__(self) -> None:
        self.wait, self.since = FIRST_WAIT, time.monotonic()

    def next(self) -> float:
        if time.monotonic() - self.since > LONGEST_WAIT:
            self.wait = FIRST_WAIT
        wait, self.wait = self.wait, min(self.wait * 2, LONGEST_WAIT)
        return wait

    def sleep(self, wait: float, stop: threading.Event | None = None) -> None:
        if stop is None:
            time.sleep(wait)
        else:
            stop.wait(wait)
        self.since = time.monotonic()


def _periodic_round(last_run: dict[str, float]) -> None:
    now = time.monotonic()
    for task, every in PERIODIC:
        if now - last_run.get(task.name, -1e12) >= every.total_seconds():
            task.enqueue()
            last_run[task.name] = now
    beat()


def _scheduler(stop: threading.Event, *, tick: float) -> None:
    last_run: dict[str, float] = {}
    backoff, failed = Backoff(), False
    while not stop.is_set():
        try:
            _periodic_round(last_run)
        except DATABASE_DOWN as error:
            failed = True
            wait = backoff.next()
            log.warning("Lập lịch: mất kết nối cơ sở dữ liệu (%s); thử lại sau %.0f giây.",
                        error, wait)
            drop_connections()
            backoff.sleep(wait, stop)
            continue
        except Exception:
            # One failing task must not stop every periodic task: it is tried next tick.
            log.exception("Lập lịch: lỗi khi xếp tác vụ định kỳ.")
        else:
            if failed:
                log.warning("Lập lịch: đã kết nối lại cơ sở dữ liệu.")
                failed = False
        drop_connections()
        stop.wait(tick)


class _Worker(Worker):
    """django-tasks' worker, remembering the task it runs so that one cut off by a lost
    database can go back into the queue."""

    current: Any = None

    def run_task(self, db_task_result: DBTaskResult) -> None:
        self.current = db_task_result.pk
        super().run_task(db_task_result)
        self.current = None

    def requeue_interrupted(self) -> None:
        if self.current is None:
            return
        DBTaskResult.objects.filter(pk=self.current, status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY)
        log.warning("Tiến trình nền: tác vụ %s bị ngắt giữa chừng được xếp chạy lại.",
                    self.current)
        self.current = None


def _run_worker() -> None:
    worker = _Worker(queue_names=["*"], interval=1.0, batch=False, backend_name="default",
                     startup_delay=False, max_tasks=None, worker_id=get_random_string(32),
                     excluded_queue_names=[])
    worker.configure_signals()
    keep_trying(worker.run, before=worker.requeue_interrupted, what="Tiến trình nền")


def keep_trying(run: Callable[[], None], *, before: Callable[[], None], what: str) -> None:
    """Call `run` until it returns, through database outages."""
    backoff, failed = Backoff(), False
    while True:
        try:
            connections["default"].ensure_connection()
            if failed:
                log.warning("%s: đã kết nối lại cơ sở dữ liệu.", what)
                failed = False
            before()
            run()
            return
        except DATABASE_DOWN as error:
            failed = True
            wait = backoff.next()
            log.warning("%s: mất kết nối cơ sở dữ liệu (%s); thử lại sau %.0f giây.",
                        what, error, wait)
            drop_connections()
            backoff.sleep(wait)


class Command(BaseCommand):
    help = "Chạy tiến trình nền (xử lý tác vụ và lập lịch tác vụ định kỳ)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--scheduler-only", action="store_true")
        parser.add_argument("--tick", type=float, default=60.0)

    def handle(self, *args: Any, scheduler_only: bool, tick: float, **options: Any) -> None:
        stop = threading.Event()
        scheduler = threading.Thread(
            target=_scheduler, args=(stop,), kwargs={"tick": tick}, daemon=True
        )
        scheduler.start()
        backend: str = settings.TASKS["default"]["BACKEND"]  # type: ignore[index]
        try:
            if scheduler_only or not backend.startswith("django_tasks_db"):
                scheduler.join()
            else:
                _run_worker()
        finally:
            stop.set()
