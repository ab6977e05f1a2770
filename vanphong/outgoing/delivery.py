"""Distribution of an issued document.

- Member organizations of the installation receive it at once as an incoming document
  in their own register (nobody retypes it); the sender follows its status there.
- Recipients with an e-mail address get the PDF by SMTP. Each recipient row is its own
  outbox entry: claimed with a conditional UPDATE (so two workers never send twice),
  retried with growing delays, marked failed after the last attempt.
- The rest are sent on paper, and so are secret documents: state secrets do not travel
  by ordinary e-mail.
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction

from vanphong import clock
from vanphong.errors import Conflict, NotAllowed
from vanphong.files.actions import open_stored
from vanphong.incoming.actions import IncomingFields, register_incoming
from vanphong.incoming.models import Channel
from vanphong.incoming.models import Status as IncomingStatus
from vanphong.organizations.models import User
from vanphong.organizations.standing import standing_of
from vanphong.outgoing.actions import record_event
from vanphong.outgoing.models import (
    DeliveryState,
    EventKind,
    OutgoingDocument,
    Recipient,
    RecipientKind,
)

logger = logging.getLogger(__name__)

#: Delay before attempt n+1 after n failures; after the last one the recipient is failed.
RETRY_DELAYS = [
    dt.timedelta(minutes=1), dt.timedelta(minutes=5), dt.timedelta(minutes=30),
    dt.timedelta(hours=2), dt.timedelta(hours=6),
]
#: How long a claimed e-mail is held by one worker before another may try it.
LEASE = dt.timedelta(minutes=10)

#: What the sender sees for each internal recipient, from their incoming copy's status.
RECIPIENT_PROGRESS = {
    IncomingStatus.REGISTERED: "Đã vào sổ",
    IncomingStatus.ROUTED: "Đã trình lãnh đạo",
    IncomingStatus.ASSIGNED: "Đã phân công xử lý",
    IncomingStatus.IN_PROGRESS: "Đang xử lý",
    IncomingStatus.DONE: "Đã xử lý xong",
    IncomingStatus.WITHDRAWN: "Đã thu hồi",
}


def recipient_progress(recipient: Recipient) -> str:
    if recipient.kind == RecipientKind.INTERNAL and recipient.incoming is not None:
        return RECIPIENT_PROGRESS[IncomingStatus(recipient.incoming.status)]
    return DeliveryState(recipient.state).label


def _incoming_fields(document: OutgoingDocument) -> IncomingFields:
    signer = document.signer
    return IncomingFields(
        issuer=document.organization.name,
        code=document.code,
        issued_date=document.issued_date,  # type: ignore[arg-type]
        subject=document.written_subject,
        document_type=document.document_type,
        signer_name=signer.full_name if signer else "",
        recipients="; ".join(r.name for r in document.recipients.all()),
        urgency=document.urgency,
        secrecy=document.secrecy,
        note="Nhận qua hệ thống từ văn bản đi của văn phòng.",
    )


def _deliver_internal(document: OutgoingDocument, recipients: list[Recipient]) -> None:
    assert document.final_pdf is not None and document.issued_by is not None
    name = f"{document.code.replace('/', '-')}.pdf"
    copies = register_incoming(
        actor=document.issued_by,
        organizations=[r.organization for r in recipients],  # type: ignore[misc]
        fields=_incoming_fields(document),
        files=[(document.final_pdf, name)] + [
            (a.stored_file, a.filename) for a in document.attachments.select_related("stored_file")
        ],
        channel=Channel.INTERNAL,
    )
    by_org = {copy.organization_id: copy for copy in copies}
    now = clock.now()
    for recipient in recipients:
        recipient.incoming = by_org[recipient.organization_id]  # type: ignore[index]
        recipient.state, recipient.delivered_at = DeliveryState.DELIVERED, now
        recipient.save(update_fields=["incoming", "state", "delivered_at"])
    record_event(document, actor=None, kind=EventKind.DELIVER,
                 note="Đã chuyển vào sổ văn bản đến của: "
                 + ", ".join(r.name for r in recipients))


def deliver_outgoing(document: OutgoingDocument) -> None:
    """Hand the issued document to every recipient. Runs inside the caller's transaction;
    e-mails are sent after commit."""
    recipients = list(document.recipients.filter(state=DeliveryState.WAITING))
    internal = [r for r in recipients if r.kind == RecipientKind.INTERNAL]
    if internal:
        _deliver_internal(document, internal)
    now = clock.now()
    for recipient in recipients:
        if recipient.kind == RecipientKind.INTERNAL:
            continue
        if recipient.email and not document.is_secret:
            recipient.state, recipient.next_attempt_at = DeliveryState.PENDING, now
            from vanphong.outgoing.tasks import send_recipient_mail_task

            transaction.on_commit(partial(send_recipient_mail_task.enqueue, recipient.pk))
        else:
            recipient.state = DeliveryState.PAPER
        recipient.save(update_fields=["state", "next_attempt_at"])


def _message(recipient: Recipient) -> EmailMessage:
    document = recipient.document
    assert document.final_pdf is not None
    organization = document.organization
    body = (
        f"Kính gửi: {recipient.name}\n\n"
        f"{organization.name} gửi văn bản số {document.code} ngày "
        f"{document.issued_date:%d/%m/%Y}: {document.written_subject}.\n\n"
        "Văn bản đính kèm thư này (tệp PDF). Đề nghị quý cơ quan xác nhận đã nhận.\n\n"
        f"{document.office.name}\n{document.office.address}\n{document.office.phone}"
    )
    message = EmailMessage(
        subject=f"[{organization.short_name}] Văn bản số {document.code}: "
        f"{document.written_subject}"[:250],
        body=body,
        from_email=document.office.email or settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
        headers={"X-VanPhong-Document": str(document.pk),
                 "X-VanPhong-Recipient": str(recipient.pk)},
    )
    with open_stored(document.final_pdf) as handle:
        message.attach(f"{document.code.replace('/', '-')}.pdf", handle.read(), "application/pdf")
    for attachment in document.attachments.all():
        with open_stored(attachment.stored_file) as handle:
            message.attach(attachment.filename, handle.read(), attachment.stored_file.content_type)
    return message


def _claim(recipient_id: int) -> bool:
    now = clock.now()
    return bool(
        Recipient.objects.filter(
            pk=recipient_id, state=DeliveryState.PENDING, next_attempt_at__lte=now
        ).update(next_attempt_at=now + LEASE)
    )


def send_recipient_mail(*, recipient_id: int) -> str:
    """Send one e-mail if it is due and nobody else holds it; returns the new state."""
    if not _claim(recipient_id):
        return "skipped"
    recipient = Recipient.objects.select_related(
        "document__organization", "document__office", "document__final_pdf"
    ).get(pk=recipient_id)
    try:
        if not settings.EMAIL_HOST:
            raise OSError("Chưa cấu hình máy chủ gửi thư (VANPHONG_SMTP_HOST).")
        _message(recipient).send(fail_silently=False)
    except Exception as error:
        return _failed(recipient, error)
    with transaction.atomic():
        Recipient.objects.filter(pk=recipient.pk).update(
            state=DeliveryState.DELIVERED, delivered_at=clock.now(),
            attempts=recipient.attempts + 1, last_error="", next_attempt_at=None,
        )
        record_event(recipient.document, actor=None, kind=EventKind.DELIVER,
                     note=f"Đã gửi thư điện tử tới {recipient.name} <{recipient.email}>")
    return DeliveryState.DELIVERED


def _failed(recipient: Recipient, error: Exception) -> str:
    attempts = recipient.attempts + 1
    message = str(error)[:500] or error.__class__.__name__
    logger.warning("Mail to %s failed (attempt %s): %s", recipient.email, attempts, message)
    if attempts > len(RETRY_DELAYS):
        state, next_at = DeliveryState.FAILED, None
    else:
        state, next_at = DeliveryState.PENDING, clock.now() + RETRY_DELAYS[attempts - 1]
    with transaction.atomic():
        Recipient.objects.filter(pk=recipient.pk).update(
            state=state, attempts=attempts, last_error=message, next_attempt_at=next_at
        )
        if state == DeliveryState.FAILED:
            record_event(recipient.document, actor=None, kind=EventKind.DELIVER,
                         note=f"Gửi thư tới {recipient.email} thất bại sau {attempts} lần: "
                         f"{message}")
    return state


def send_due_mail() -> int:
    """Send every e-mail whose next attempt is due (the periodic sweep)."""
    due = Recipient.objects.filter(
        state=DeliveryState.PENDING, next_attempt_at__lte=clock.now()
    ).values_list("pk", flat=True)
    return sum(send_recipient_mail(recipient_id=pk) == DeliveryState.DELIVERED for pk in due)


def resend(*, actor: User, recipient: Recipient) -> None:
    """The clerk tries a failed e-mail again now; the retries start over."""
    if recipient.document.office_id not in standing_of(actor).clerk_offices:
        raise NotAllowed("Chỉ văn thư gửi lại thư.")
    with transaction.atomic():
        changed = Recipient.objects.filter(pk=recipient.pk, state=DeliveryState.FAILED).update(
            state=DeliveryState.PENDING, next_attempt_at=clock.now(), attempts=0
        )
        if not changed:
            raise Conflict("Chỉ gửi lại được thư đã gửi lỗi.")
        record_event(recipient.document, actor=actor, kind=EventKind.DELIVER,
                     note=f"Gửi lại thư tới {recipient.name} <{recipient.email}>")
        from vanphong.outgoing.tasks import send_recipient_mail_task

        transaction.on_commit(partial(send_recipient_mail_task.enqueue, recipient.pk))
