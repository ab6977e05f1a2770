"""Is the background work running? The worker beats; the home page warns when it stops.

`run_worker` writes a heartbeat at every tick of its scheduler (once a minute), so the
heartbeat says the process is alive and reaches the database. An administrator or an
office lead is warned on their home page and dashboard when it is older than
`STALE_AFTER`, because nothing else shows that OCR, extraction, PDF rendering, search
indexing and reminders have stopped: the pages keep working.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.conf import settings
from django.utils import timezone

from vanphong import clock
from vanphong.home.models import Heartbeat
from vanphong.organizations.models import User
from vanphong.organizations.standing import standing_of

WORKER = "worker"
STALE_AFTER = dt.timedelta(minutes=5)


def beat(name: str = WORKER) -> None:
    Heartbeat.objects.update_or_create(name=name, defaults={"beat_at": clock.now()})


@dataclasses.dataclass(frozen=True)
class WorkerAlert:
    """The worker has not beaten since `since` (None: never, on this database)."""

    since: dt.datetime | None

    @property
    def text(self) -> str:
        if self.since is None:
            return "Tiến trình nền chưa chạy lần nào"
        local = timezone.localtime(self.since)
        minutes = int((clock.now() - self.since).total_seconds() // 60)
        return (f"Tiến trình nền đã ngừng từ {local:%H:%M} ngày {local:%d/%m/%Y} "
                f"({_ago(minutes)})")


def _ago(minutes: int) -> str:
    if minutes < 120:
        return f"{minutes} phút trước"
    if minutes < 48 * 60:
        return f"{minutes // 60} giờ trước"
    return f"{minutes // (24 * 60)} ngày trước"


def _runs_office(user: User) -> bool:
    standing = standing_of(user)
    return standing.is_superuser or bool(standing.admin_offices or standing.lead_offices)


def _has_worker() -> bool:
    """With the immediate backend tasks run inside the request: there is no worker."""
    backend: str = settings.TASKS["default"]["BACKEND"]  # type: ignore[index]
    return not backend.endswith("ImmediateBackend")


def worker_alert(user: User) -> WorkerAlert | None:
    """The warning for this person's home page, if they run the office and it applies."""
    if not (_runs_office(user) and _has_worker()):
        return None
    last = Heartbeat.objects.filter(name=WORKER).values_list("beat_at", flat=True).first()
    if last is not None and clock.now() - last < STALE_AFTER:
        return None
    return WorkerAlert(since=last)
