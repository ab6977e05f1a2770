"""Background reading of the office's mailboxes. The worker runs `fetch_mailboxes_task`
every few minutes; two runs at once are harmless (each message is recorded once)."""

from __future__ import annotations

from django_tasks import task


@task()
def fetch_mailboxes_task() -> int:
    """Read every active mailbox; the number of documents put in the intake queue."""
    from vanphong.intake.mail import fetch_all_mailboxes

    return fetch_all_mailboxes()
