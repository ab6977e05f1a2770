"""Background work of records."""

from __future__ import annotations

from django_tasks import task


@task()
def send_transfer_reminders_task() -> int:
    from vanphong.records.transfer import send_transfer_reminders

    return send_transfer_reminders()
