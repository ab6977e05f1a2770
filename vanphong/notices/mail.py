"""The e-mail copy of a notice, sent once.

Claimed by a conditional UPDATE with a lease (as `outgoing.delivery` sends documents), so
several workers never send the same notice together; its Message-ID is fixed
(`<notice-{id}@vanphong>`): a worker killed between the server's answer and the mark may
send once more after the lease, and mail clients merge the copy.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage

from vanphong import clock
from vanphong.notices.models import MailState, Notification
from vanphong.outgoing.delivery import LEASE, RETRY_DELAYS

logger = logging.getLogger(__name__)


def message_id(notice: Notification) -> str:
    return f"<notice-{notice.pk}@vanphong>"


def _message(notice: Notification) -> EmailMessage:
    link = f"{settings.BASE_URL}{notice.link}" if notice.link else settings.BASE_URL
    body = (
        f"Kính gửi: {notice.recipient.full_name}\n\n"
        f"{notice.title}\n\n"
        + (f"{notice.body}\n\n" if notice.body else "")
        + f"Xem chi tiết: {link}\n\n"
        "Thư này do hệ thống Một Văn Phòng gửi tự động; xin đừng trả lời thư."
    )
    return EmailMessage(
        subject=f"[Một Văn Phòng] {notice.title}"[:250],
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notice.mail_to],
        headers={"Message-ID": message_id(notice), "X-VanPhong-Notice": str(notice.pk)},
    )


def _claim(notice_id: int) -> bool:
    now = clock.now()
    return bool(
        Notification.objects.filter(
            pk=notice_id, mail_state=MailState.PENDING, mail_next_at__lte=now
        ).update(mail_next_at=now + LEASE)
    )


def send_notice_mail(*, notice_id: int) -> str:
    """Send one notice's e-mail if it is due and nobody else holds it; the new state."""
    if not _claim(notice_id):
        return "skipped"
    notice = Notification.objects.select_related("recipient").get(pk=notice_id)
    try:
        if not settings.EMAIL_HOST:
            raise OSError("Chưa cấu hình máy chủ gửi thư (VANPHONG_SMTP_HOST).")
        _message(notice).send(fail_silently=False)
    except Exception as error:
        return _failed(notice, error)
    Notification.objects.filter(pk=notice.pk).update(
        mail_state=MailState.SENT, mail_sent_at=clock.now(),
        mail_attempts=notice.mail_attempts + 1, mail_error="", mail_next_at=None,
    )
    return MailState.SENT


def _failed(notice: Notification, error: Exception) -> str:
    attempts = notice.mail_attempts + 1
    message = str(error)[:500] or error.__class__.__name__
    logger.warning("Notice mail to %s failed (attempt %s): %s", notice.mail_to, attempts, message)
    if attempts > len(RETRY_DELAYS):
        state, next_at = MailState.FAILED, None
    else:
        state, next_at = MailState.PENDING, clock.now() + RETRY_DELAYS[attempts - 1]
    Notification.objects.filter(pk=notice.pk).update(
        mail_state=state, mail_attempts=attempts, mail_error=message, mail_next_at=next_at
    )
    return state


def send_due_notice_mail() -> int:
    """Send every notice e-mail whose next attempt is due (the periodic sweep)."""
    due = Notification.objects.filter(
        mail_state=MailState.PENDING, mail_next_at__lte=clock.now()
    ).values_list("pk", flat=True)
    return sum(send_notice_mail(notice_id=pk) == MailState.SENT for pk in list(due))
