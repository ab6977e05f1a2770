"""Run the background worker together with the periodic scheduler.

The scheduler only enqueues periodic tasks; the worker (django-tasks' database worker)
runs every task, periodic or not. With the Redis backend, run `manage.py rqworker default`
for the tasks and this command with `--scheduler-only`.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from vanphong.files.tasks import delete_abandoned_uploads
from vanphong.followup.tasks import send_due_reminders_task
from vanphong.intake.mail_tasks import fetch_mailboxes_task
from vanphong.intake.routing_tasks import retrain_routing_task
from vanphong.intake.tasks import resume_stalled_task, scan_watched_folder_task
from vanphong.notices.tasks import send_due_notice_mail_task
from vanphong.outgoing.tasks import finalize_stalled_task, send_due_mail_task
from vanphong.records.tasks import send_transfer_reminders_task
from vanphong.search.tasks import drain_task

#: (task, how often). Each task is safe to run twice.
PERIODIC = [
    (delete_abandoned_uploads, dt.timedelta(hours=6)),
    (send_due_mail_task, dt.timedelta(minutes=1)),
    (finalize_stalled_task, dt.timedelta(minutes=5)),
    (resume_stalled_task, dt.timedelta(minutes=1)),
    (scan_watched_folder_task, dt.timedelta(minutes=1)),
    (fetch_mailboxes_task, dt.timedelta(minutes=2)),
    (retrain_routing_task, dt.timedelta(hours=1)),
    (drain_task, dt.timedelta(minutes=1)),
    (send_due_reminders_task, dt.timedelta(minutes=5)),
    (send_due_notice_mail_task, dt.timedelta(minutes=1)),
    (send_transfer_reminders_task, dt.timedelta(hours=1)),
]


def _scheduler(stop: threading.Event, *, tick: float) -> None:
    last_run: dict[str, float] = {}
    while not stop.is_set():
        now = time.monotonic()
        for task, every in PERIODIC:
            if now - last_run.get(task.name, -1e12) >= every.total_seconds():
                close_old_connections()
                task.enqueue()
                last_run[task.name] = now
        stop.wait(tick)


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
                call_command("db_worker", queue_name="*", interval=1.0, startup_delay=False)
        finally:
            stop.set()
