"""Background work of follow-up. Tasks take ids and call one function."""

from __future__ import annotations

from django_tasks import task


@task()
def send_due_reminders_task() -> int:
    from vanphong.followup.reminders import send_due_reminders

    return send_due_reminders()
