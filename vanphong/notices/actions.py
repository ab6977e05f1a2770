"""Writing notices: one row per person, in the caller's transaction; its e-mail copy is
queued for after the commit (nothing is mailed for work that was rolled back)."""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.db import transaction

from vanphong import clock
from vanphong.notices.models import MailState, Notification
from vanphong.organizations.models import User


def notify(
    *, recipient: User, kind: str, title: str, body: str = "", link: str = "", email: bool = True
) -> Notification:
    """Tell one person something in the application and, when `email` is on, the person
    has an address and the installation has a mail server, by e-mail too."""
    mailed = email and bool(recipient.email) and bool(settings.EMAIL_HOST)
    now = clock.now()
    notice = Notification.objects.create(
        recipient=recipient, kind=kind, title=title[:300], body=body, link=link[:300],
        created_at=now,
        mail_state=MailState.PENDING if mailed else MailState.NONE,
        mail_to=recipient.email if mailed else "",
        mail_next_at=now if mailed else None,
    )
    if mailed:
        from vanphong.notices.tasks import send_notice_mail_task

        transaction.on_commit(partial(send_notice_mail_task.enqueue, notice.pk))
    return notice


def mark_read(*, user: User, notice: Notification) -> None:
    Notification.objects.filter(pk=notice.pk, recipient=user, read_at__isnull=True).update(
        read_at=clock.now()
    )


def mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=clock.now()
    )
