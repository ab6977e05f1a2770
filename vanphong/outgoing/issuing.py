"""Numbering and issuing by the clerk, reserved and manual numbers, the final copy, and
recall. The number is taken inside the transaction that marks the document issued, so
a failed issue leaves no gap and two clerks never get the same number."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone

from vanphong import clock
from vanphong.audit.actions import record_audit
from vanphong.errors import Conflict, Invalid, NotAllowed
from vanphong.files.actions import open_stored, store_file
from vanphong.files.models import StoredFile
from vanphong.incoming.models import Status as IncomingStatus
from vanphong.organizations.models import Organization, User
from vanphong.outgoing import conformity
from vanphong.outgoing.access import Action, may_number
from vanphong.outgoing.actions import (
    DraftFields,
    create_draft,
    record_event,
    require,
    transition,
)
from vanphong.outgoing.models import (
    DeliveryState,
    EventKind,
    FinalState,
    NumberReservation,
    OutgoingDocument,
    RecipientKind,
    ReservationState,
    Status,
)
from vanphong.outgoing.rendering import RenderingError, docx_to_pdf, fill_docx
from vanphong.printing.dates import long_date
from vanphong.registers.models import DocumentType, Register
from vanphong.registers.numbering import (
    Allocation,
    allocate_number,
    claim_number,
    format_notation,
    period_key,
    series_key,
)
from vanphong.vietnamese import code_key, nfc


@dataclasses.dataclass(frozen=True, kw_only=True)
class NumberChoice:
    """How the clerk numbers: the next number (default), a reserved one, or a number
    already written on a document signed outside the system."""

    reservation: NumberReservation | None = None
    manual: int | None = None


def _reason(text: str, what: str) -> str:
    text = nfc(text).strip()
    if not text:
        raise Invalid(f"Cần ghi lý do {what}.", fields={"reason": "Trống."})
    return text[:300]


# --- Reserved numbers -----------------------------------------------------------------


def reserve_number(
    *, actor: User, register: Register, reason: str, document_type: DocumentType | None = None,
    secret: bool = False, on: dt.date | None = None,
) -> NumberReservation:
    """Take the next number of a series now, for a document to be issued later."""
    if not may_number(actor, register.organization.office_id):
        raise NotAllowed("Chỉ văn thư được giữ số.")
    if register.is_incoming or not register.is_active:
        raise Invalid("Chỉ giữ số trên sổ văn bản đi đang dùng.")
    reason = _reason(reason, "giữ số")
    day = on or clock.today()
    with transaction.atomic():
        allocation = allocate_number(register, on=day, document_type=document_type, secret=secret)
        reservation = NumberReservation.objects.create(
            register=register, period_key=allocation.period_key,
            series_key=allocation.series_key, number=allocation.number,
            document_type=document_type, secret=secret, reason=reason, reserved_by=actor,
            reserved_at=clock.now(),
        )
        record_audit(actor=actor, action="outgoing.reserve_number", target=register,
                     summary=f"Giữ số {allocation.number:02d} — {register}", reason=reason)
    return reservation


def release_reservation(*, actor: User, reservation: NumberReservation, reason: str) -> None:
    """Give up a reserved number. It stays on record with the reason (no silent gap)."""
    if not may_number(actor, reservation.register.organization.office_id):
        raise NotAllowed("Chỉ văn thư được hủy giữ số.")
    reason = _reason(reason, "hủy giữ số")
    with transaction.atomic():
        changed = NumberReservation.objects.filter(
            pk=reservation.pk, state=ReservationState.RESERVED
        ).update(state=ReservationState.RELEASED, released_reason=reason)
        if not changed:
            raise Conflict("Số này không còn ở trạng thái đang giữ.")
        record_audit(actor=actor, action="outgoing.release_number", target=reservation.register,
                     summary=f"Hủy giữ số {reservation.number:02d} — {reservation.register}",
                     reason=reason)


# --- Issuing ---------------------------------------------------------------------------


def _use_reservation(
    reservation: NumberReservation, register: Register, document: OutgoingDocument,
    on: dt.date,
) -> Allocation:
    period = period_key(register, on)
    series = series_key(register, document_type=document.document_type,
                        secret=document.is_secret)
    if (reservation.register_id, reservation.period_key, reservation.series_key) != (
        register.pk, period, series
    ):
        raise Invalid("Số đã giữ thuộc sổ, kỳ hoặc dãy số khác với văn bản này.")
    changed = NumberReservation.objects.filter(
        pk=reservation.pk, state=ReservationState.RESERVED
    ).update(state=ReservationState.USED, document=document)
    if not changed:
        raise Conflict("Số đã giữ này đã được dùng hoặc đã hủy.")
    return Allocation(register.pk, period, series, reservation.number)


def _use_manual(
    number: int, register: Register, document: OutgoingDocument, actor: User, on: dt.date
) -> Allocation:
    allocation, skipped = claim_number(
        register, number=number, on=on, document_type=document.document_type,
        secret=document.is_secret,
    )
    series = {"register": register, "period_key": allocation.period_key,
              "series_key": allocation.series_key}
    held = NumberReservation.objects.filter(**series, number=number,
                                            state=ReservationState.RESERVED).first()
    if held is not None:  # the number written on the paper was reserved for it
        return _use_reservation(held, register, document, on)
    if (OutgoingDocument.objects.filter(**series, number=number).exists()
            or NumberReservation.objects.filter(**series, number=number).exists()):
        raise Invalid(f"Số {number:02d} đã được dùng hoặc đang được giữ trong {register.called}.",
                      fields={"manual_number": "Trùng số."})
    NumberReservation.objects.bulk_create(
        NumberReservation(
            **series, number=n, document_type=document.document_type, secret=document.is_secret,
            reason=f"Số bị bỏ qua khi vào số tay {number:02d}", reserved_by=actor,
            reserved_at=clock.now(),
        )
        for n in skipped
    )
    return allocation


def _take_number(
    document: OutgoingDocument, register: Register, choice: NumberChoice, actor: User,
    on: dt.date,
) -> Allocation:
    if choice.reservation is not None:
        return _use_reservation(choice.reservation, register, document, on)
    if choice.manual is not None:
        return _use_manual(choice.manual, register, document, actor, on)
    return allocate_number(register, on=on, document_type=document.document_type,
                           secret=document.is_secret)


def issue_outgoing(
    *, actor: User, document: OutgoingDocument, on: dt.date | None = None,
    choice: NumberChoice | None = None, paper_copies: bool = False,
) -> OutgoingDocument:
    """Number, date and issue a signed document, then produce and distribute it.

    Refused with every reason when one of the four checks blocks."""
    require(actor, Action.ISSUE, document)
    day = on or clock.today()
    if day > clock.today():
        raise Invalid("Ngày ban hành không thể ở tương lai.", fields={"on": "Sau hôm nay."})
    problems = conformity.blocking(conformity.issue_checks(document, on=day))
    if problems:
        raise Invalid("Chưa thể phát hành: " + " ".join(c.message for c in problems),
                      fields={c.area.value: c.message for c in problems})
    try:
        with transaction.atomic():
            _issue(actor, document, day, choice or NumberChoice(), paper_copies)
    except IntegrityError:
        raise Conflict("Số này vừa được cấp cho văn bản khác; hãy thử lại.") from None
    return document


def _issue(
    actor: User, document: OutgoingDocument, day: dt.date, choice: NumberChoice,
    paper_copies: bool,
) -> None:
    register = conformity.outgoing_register_for(document)
    allocation = _take_number(document, register, choice, actor, day)
    unit = document.drafting_unit.short_name if document.drafting_unit else ""
    document.register = register
    document.period_key, document.series_key = allocation.period_key, allocation.series_key
    document.number = allocation.number
    document.code = format_notation(register, number=allocation.number,
                                    document_type=document.document_type, unit=unit)
    document.code_key = code_key(document.code)
    document.issued_date, document.issued_at, document.issued_by = day, clock.now(), actor
    document.issued_late = conformity.is_late(document, on=day)
    document.paper_copies = paper_copies
    document.final_state = FinalState.PENDING
    document.save()
    transition(document, actor=actor, kind=EventKind.ISSUE, to=Status.ISSUED,
               note=f"Số {document.code} — {register.name}", late=document.issued_late,
               number=allocation.number)
    _close_answered(actor, document)
    _supersede(actor, document)
    from vanphong.outgoing.tasks import finalize_outgoing_task

    transaction.on_commit(partial(finalize_outgoing_task.enqueue, str(document.pk)))


def _close_answered(actor: User, document: OutgoingDocument) -> None:
    """The incoming documents this one answers are done, with the reply recorded."""
    from vanphong.incoming.actions import close_by_reply

    for incoming in document.answers.filter(status__in=[
        IncomingStatus.REGISTERED, IncomingStatus.ROUTED, IncomingStatus.ASSIGNED,
        IncomingStatus.IN_PROGRESS,
    ]):
        close_by_reply(actor=actor, document=incoming, reply_code=document.code)


def _supersede(actor: User, document: OutgoingDocument) -> None:
    if document.replaces is not None:
        earlier = document.replaces
        transition(earlier, actor=actor, kind=EventKind.REPLACE, to=Status.REPLACED,
                   note=f"Được thay thế bởi văn bản số {document.code}")
        earlier.end_note = f"Thay thế bởi {document.code}"
        earlier.save(update_fields=["end_note", "updated_at"])
        _withdraw_copies(actor, earlier, f"Văn bản bị thay thế bởi văn bản số {document.code}")
    if document.corrects is not None:
        record_event(document.corrects, actor=actor, kind=EventKind.CORRECT,
                     note=f"Được đính chính bởi công văn số {document.code}")


# --- Final copy ------------------------------------------------------------------------


def _final_files(document: OutgoingDocument) -> tuple[bytes | None, bytes]:
    """(.docx, PDF) of the issued document: the number and date filled in and converted
    by LibreOffice; an uploaded PDF (signed on paper) is issued as it is."""
    assert document.body_file is not None
    with open_stored(document.body_file) as handle:
        data = handle.read()
    if document.body_file.kind == "pdf":
        return None, data
    if document.body_file.kind != "docx":
        raise RenderingError("Tệp nội dung phải là .docx hoặc PDF.")
    filled = fill_docx(data, number=document.code,
                       date_text=long_date(document.issued_date), title=document.title)
    return filled, docx_to_pdf(filled)


def finalize_outgoing(*, document_id: str) -> OutgoingDocument:
    """Produce the final copy, then distribute. Safe to run twice: a document already
    finalized is left alone. A failure is recorded on the document for the clerk, who
    can retry once the cause (e.g. LibreOffice missing, a recipient without a register)
    is fixed."""
    document = OutgoingDocument.objects.select_related(
        "organization", "body_file", "document_type", "issued_by", "office"
    ).get(pk=document_id)
    if document.final_state != FinalState.PENDING or document.status != Status.ISSUED:
        return document
    try:
        docx, pdf = _final_files(document)
        with transaction.atomic():
            _store_final(document, docx, pdf)
            from vanphong.outgoing.delivery import deliver_outgoing

            deliver_outgoing(document)
    except Invalid as error:
        OutgoingDocument.objects.filter(pk=document.pk).update(
            final_state=FinalState.FAILED, final_error=error.message[:500]
        )
        document.final_state, document.final_error = FinalState.FAILED, error.message[:500]
    return document


def _store_final(document: OutgoingDocument, docx: bytes | None, pdf: bytes) -> None:
    name = document.code.replace("/", "-")
    if docx is not None:
        document.final_docx = store_file(actor=document.issued_by, stream=io.BytesIO(docx),
                                         name=f"{name}.docx", size=len(docx))
    document.final_pdf = store_file(actor=document.issued_by, stream=io.BytesIO(pdf),
                                    name=f"{name}.pdf", size=len(pdf))
    document.final_state, document.final_error = FinalState.DONE, ""
    document.save(update_fields=["final_docx", "final_pdf", "final_state", "final_error",
                                 "updated_at"])
    record_event(document, actor=None, kind=EventKind.FINALIZE, note=f"Bản phát hành {name}.pdf")


def retry_finalize(*, actor: User, document: OutgoingDocument) -> None:
    """The clerk asks again after a failure (e.g. LibreOffice was missing)."""
    if not may_number(actor, document.office_id):
        raise NotAllowed()
    changed = OutgoingDocument.objects.filter(
        pk=document.pk, final_state=FinalState.FAILED
    ).update(final_state=FinalState.PENDING, final_error="")
    if not changed:
        raise Conflict("Bản phát hành không ở trạng thái lỗi.")
    from vanphong.outgoing.tasks import finalize_outgoing_task

    transaction.on_commit(partial(finalize_outgoing_task.enqueue, str(document.pk)))


# --- Recall, replace, correct ----------------------------------------------------------


def _withdraw_copies(actor: User, document: OutgoingDocument, reason: str) -> int:
    from vanphong.incoming.actions import withdraw_by_sender

    count = 0
    for recipient in document.recipients.filter(kind=RecipientKind.INTERNAL,
                                                incoming__isnull=False):
        assert recipient.incoming is not None
        if recipient.incoming.status != IncomingStatus.WITHDRAWN:
            withdraw_by_sender(actor=actor, document=recipient.incoming, reason=reason)
            count += 1
    document.recipients.exclude(state=DeliveryState.FAILED).update(state=DeliveryState.RECALLED)
    return count


def recall_outgoing(*, actor: User, document: OutgoingDocument, reason: str) -> int:
    """Withdraw an issued document; internal recipients see their copy withdrawn.
    Returns how many internal copies were withdrawn."""
    require(actor, Action.RECALL, document)
    reason = _reason(reason, "thu hồi")
    with transaction.atomic():
        document.end_note = reason
        document.save(update_fields=["end_note", "updated_at"])
        transition(document, actor=actor, kind=EventKind.RECALL, to=Status.RECALLED, note=reason)
        return _withdraw_copies(actor, document, f"Thu hồi: {reason}")


def start_follow_up(
    *, actor: User, document: OutgoingDocument, fields: DraftFields, kind: str
) -> OutgoingDocument:
    """A replacement ("replace") or a correcting công văn ("correct") of an issued
    document, as a new draft that goes through the whole flow."""
    if document.status != Status.ISSUED:
        raise Invalid("Chỉ thay thế hoặc đính chính văn bản đang có hiệu lực.")
    links = {"replaces": document} if kind == "replace" else {"corrects": document}
    return create_draft(actor=actor, organization=document.organization, fields=fields,
                        **links)  # type: ignore[arg-type]


def record_signed_on_paper(
    *, actor: User, organization: Organization, fields: DraftFields, upload: StoredFile,
    signed_on: dt.date,
) -> OutgoingDocument:
    """Put on record a document signed on paper outside the system (its scan uploaded),
    ready for the clerk to number — the next number or the one already written on it."""
    if not may_number(actor, organization.office_id):
        raise NotAllowed("Chỉ văn thư ghi nhận văn bản đã ký trên giấy.")
    if signed_on > clock.today():
        raise Invalid("Ngày ký không thể ở tương lai.", fields={"signed_on": "Sau hôm nay."})
    with transaction.atomic():
        document = create_draft(actor=actor, organization=organization, fields=fields,
                                upload=upload)
        noon = dt.datetime.combine(signed_on, dt.time(12), tzinfo=timezone.get_current_timezone())
        document.signed_at, document.signed_on_paper = noon, True
        document.save(update_fields=["signed_at", "signed_on_paper", "updated_at"])
        transition(document, actor=actor, kind=EventKind.SIGN, to=Status.SIGNED,
                   note=f"Ký trên giấy ngày {signed_on:%d/%m/%Y}")
    return document
