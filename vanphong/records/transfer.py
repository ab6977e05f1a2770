"""Hand-over of closed dossiers to the agency archive (nộp lưu, Điều 28–31 ND30; Luật Lưu
trữ 2024: within one year of the year the work ended). Only dossiers kept five years or
more (or permanently) are handed over; a unit may keep one up to two more years with its
head's approval. The office builds the list and submits it; the archivist receives it
(the dossiers become read-only; their metadata may still be corrected by the archivist,
audited) or returns it with a reason. Thirty days before a dossier is due, its keeper and
the office's clerks are reminded, once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse

from vanphong import clock
from vanphong.audit.actions import record_audit
from vanphong.errors import Conflict, Invalid, NotAllowed
from vanphong.notices.actions import notify
from vanphong.organizations.models import Organization, Position, Role, User
from vanphong.records.access import (
    TransferAction,
    can_transfer,
    may_approve_delay,
    may_correct,
    may_transfer,
)
from vanphong.records.actions import document_date, dossier_event
from vanphong.records.models import (
    Dossier,
    DossierItem,
    DossierState,
    RetentionKind,
    Transfer,
    TransferDelay,
    TransferItem,
    TransferReminder,
    TransferState,
)

MIN_YEARS = 5
MAX_DELAY = 2
REMIND_DAYS = 30


def must_transfer(dossier: Dossier) -> bool:
    return dossier.retention_kind == RetentionKind.PERMANENT or (
        dossier.retention_kind == RetentionKind.YEARS
        and (dossier.retention_years or 0) >= MIN_YEARS)


def due_year(dossier: Dossier) -> int | None:
    """The year by the end of which the dossier is handed over."""
    if dossier.ended_year is None:
        return None
    delay = getattr(dossier, "delay", None)  # none approved: the reverse lookup fails
    return delay.until_year if delay else dossier.ended_year + 1


def due_date(dossier: Dossier) -> dt.date | None:
    year = due_year(dossier)
    return dt.date(year, 12, 31) if year else None


def _pending(office_id: int) -> QuerySet[TransferItem]:
    return TransferItem.objects.filter(
        dossier=OuterRef("pk"), transfer__office_id=office_id,
        transfer__state__in=[TransferState.DRAFT, TransferState.SUBMITTED,
                             TransferState.RETURNED])


def awaiting(office_id: int, organization: Organization | None = None) -> list[Dossier]:
    """Closed dossiers kept 5 years or more, not handed over nor in a transfer under way,
    soonest due first."""
    dossiers = Dossier.objects.filter(plan__office_id=office_id, state=DossierState.CLOSED
                                      ).exclude(Exists(_pending(office_id)))
    if organization is not None:
        dossiers = dossiers.filter(plan__organization=organization)
    found = [d for d in dossiers.select_related("plan__organization", "keeper", "delay")
             if must_transfer(d)]
    return sorted(found, key=lambda d: (due_year(d) or 9999, d.plan.organization_id, d.code))


def create_transfer(*, actor: User, organization: Organization,
                    dossiers: Sequence[Dossier]) -> Transfer:
    if not may_transfer(actor, organization.office_id):
        raise NotAllowed("Chỉ văn phòng lập danh mục nộp lưu.")
    if not dossiers:
        raise Invalid("Chọn hồ sơ nộp lưu.", fields={"dossiers": "Trống."})
    allowed = {d.pk for d in awaiting(organization.office_id, organization)}
    for dossier in dossiers:
        if dossier.pk not in allowed:
            raise Invalid(f"Hồ sơ {dossier.code} không thuộc diện nộp lưu (chưa kết thúc, "
                          "thời hạn dưới 5 năm, hoặc đã ở danh mục nộp lưu khác).")
    with transaction.atomic():
        transfer = Transfer.objects.create(office_id=organization.office_id,
                                           organization=organization, created_by=actor,
                                           created_at=clock.now())
        TransferItem.objects.bulk_create(TransferItem(transfer=transfer, dossier=d)
                                         for d in dossiers)
        record_audit(actor=actor, action="transfer.create", target=transfer,
                     summary=f"Lập danh mục nộp lưu {len(dossiers)} hồ sơ")
    return transfer


def submit_transfer(*, actor: User, transfer: Transfer) -> Transfer:
    _allow(actor, TransferAction.EDIT, transfer)
    with transaction.atomic():
        if not Transfer.objects.filter(pk=transfer.pk, state=transfer.state).update(
                state=TransferState.SUBMITTED, submitted_by=actor, submitted_at=clock.now()):
            raise Conflict
        record_audit(actor=actor, action="transfer.submit", target=transfer,
                     summary="Giao hồ sơ nộp lưu")
        for archivist in _archivists(transfer.office_id):
            notify(recipient=archivist, kind="records.transfer",
                   title=f"Hồ sơ nộp lưu của {transfer.organization.short_name} chờ nhận",
                   body=f"{transfer.items.count()} hồ sơ.",
                   link=reverse("records:transfer", args=[transfer.pk]))
    transfer.refresh_from_db()
    return transfer


def receive_transfer(*, actor: User, transfer: Transfer, condition: str = "") -> Transfer:
    """The archivist checks the dossiers against the list and receives them: they become
    read-only in the archive."""
    _allow(actor, TransferAction.RECEIVE, transfer)
    with transaction.atomic():
        if not Transfer.objects.filter(pk=transfer.pk, state=TransferState.SUBMITTED).update(
                state=TransferState.RECEIVED, received_by=actor, received_at=clock.now(),
                condition=condition.strip()):
            raise Conflict
        for item in transfer.items.select_related("dossier"):
            if not Dossier.objects.filter(pk=item.dossier_id, state=DossierState.CLOSED).update(
                    state=DossierState.TRANSFERRED):
                raise Conflict(f"Hồ sơ {item.dossier.code} không còn ở trạng thái đã kết thúc.")
            dossier_event(item.dossier, actor, "transfer", "Lưu trữ cơ quan đã nhận hồ sơ nộp lưu")
        record_audit(actor=actor, action="transfer.receive", target=transfer,
                     summary=f"Nhận {transfer.items.count()} hồ sơ nộp lưu")
    transfer.refresh_from_db()
    return transfer


def return_transfer(*, actor: User, transfer: Transfer, reason: str) -> Transfer:
    _allow(actor, TransferAction.RECEIVE, transfer)
    if not reason.strip():
        raise Invalid("Nêu lý do trả lại.", fields={"reason": "Bắt buộc."})
    with transaction.atomic():
        if not Transfer.objects.filter(pk=transfer.pk, state=TransferState.SUBMITTED).update(
                state=TransferState.RETURNED, note=reason.strip()):
            raise Conflict
        record_audit(actor=actor, action="transfer.return", target=transfer,
                     summary=f"Trả lại danh mục nộp lưu: {reason.strip()[:150]}")
        if transfer.submitted_by:
            notify(recipient=transfer.submitted_by, kind="records.transfer_returned",
                   title=f"Lưu trữ trả lại hồ sơ nộp lưu của {transfer.organization.short_name}",
                   body=reason.strip(), link=reverse("records:transfer", args=[transfer.pk]))
    transfer.refresh_from_db()
    return transfer


def approve_delay(*, actor: User, dossier: Dossier, until_year: int, reason: str
                  ) -> TransferDelay:
    """The head lets the unit keep a dossier up to two years beyond its hand-over year."""
    if not may_approve_delay(actor, dossier):
        raise NotAllowed("Chỉ người đứng đầu, cấp phó cơ quan cho phép giữ lại hồ sơ.")
    if dossier.state != DossierState.CLOSED or dossier.ended_year is None:
        raise Invalid("Chỉ hồ sơ đã kết thúc, chưa nộp lưu mới gia hạn nộp lưu.")
    normal = dossier.ended_year + 1
    if not normal < until_year <= normal + MAX_DELAY:
        raise Invalid(f"Giữ lại tối đa {MAX_DELAY} năm: đến hết năm {normal + 1} hoặc "
                      f"{normal + MAX_DELAY}.", fields={"until_year": "Sai."})
    if not reason.strip():
        raise Invalid("Nêu lý do giữ lại.", fields={"reason": "Bắt buộc."})
    with transaction.atomic():
        delay, _ = TransferDelay.objects.update_or_create(
            dossier=dossier, defaults={"until_year": until_year, "reason": reason.strip(),
                                       "approved_by": actor, "approved_at": clock.now()})
        dossier_event(dossier, actor, "delay",
                      f"Giữ lại đến hết năm {until_year}: {reason.strip()}")
    return delay


def correct_dossier(*, actor: User, dossier: Dossier, title: str, note: str) -> Dossier:
    """A dossier in the archive is read-only; the archivist may still correct its
    description, and each correction is in the history and the audit."""
    if not may_correct(actor, dossier):
        raise NotAllowed("Chỉ lưu trữ viên sửa thông tin hồ sơ đã nộp lưu.")
    if not title.strip():
        raise Invalid("Nhập tiêu đề hồ sơ.", fields={"title": "Bắt buộc."})
    before = f"{dossier.title} | {dossier.note}"
    with transaction.atomic():
        Dossier.objects.filter(pk=dossier.pk).update(title=title.strip(), note=note.strip())
        dossier_event(dossier, actor, "correct", f"Sửa thông tin: “{before}” → "
                                          f"“{title.strip()} | {note.strip()}”")
    dossier.refresh_from_db()
    return dossier


def _archivists(office_id: int) -> list[User]:
    posts = Position.objects.active(on=clock.today()).filter(
        office_id=office_id, role=Role.ARCHIVIST, person__is_active=True).select_related("person")
    return [p.person for p in posts]


def _clerks(office_id: int) -> list[User]:
    posts = Position.objects.active(on=clock.today()).filter(
        office_id=office_id, role=Role.CLERK, person__is_active=True).select_related("person")
    return [p.person for p in posts]


def send_transfer_reminders() -> int:
    """Thirty days before the end of a dossier's hand-over year, tell its keeper and the
    office's clerks — once per person and due year, however many workers sweep."""
    today = clock.today()
    sent = 0
    closed = Dossier.objects.filter(state=DossierState.CLOSED).exclude(
        Q(transfer_items__transfer__state__in=[TransferState.SUBMITTED, TransferState.RECEIVED])
    ).select_related("plan__organization", "keeper", "delay").distinct()
    for dossier in closed:
        year = due_year(dossier)
        if year is None or not must_transfer(dossier):
            continue
        if today < dt.date(year, 12, 31) - dt.timedelta(days=REMIND_DAYS):
            continue
        people = {dossier.keeper, *_clerks(dossier.plan.office_id)}
        for person in people:
            try:
                with transaction.atomic():
                    TransferReminder.objects.create(dossier=dossier, recipient=person,
                                                    due_year=year, created_at=clock.now())
                    notify(recipient=person, kind="records.transfer_due",
                           title=f"Hồ sơ {dossier.code} ({dossier.plan.organization.short_name}) "
                                 f"đến hạn nộp lưu trước 31/12/{year}",
                           body=dossier.title, link=reverse("records:dossier", args=[dossier.pk]))
            except IntegrityError:
                continue
            sent += 1
    return sent


def document_span(items: Sequence[DossierItem]) -> str:
    """Thời gian tài liệu: the first and last of these documents' dates."""
    dates = [d for d in (document_date(i.document) for i in items) if d]
    if not dates:
        return ""
    first, last = min(dates), max(dates)
    return f"{first:%d/%m/%Y} – {last:%d/%m/%Y}" if first != last else f"{first:%d/%m/%Y}"


def _allow(actor: User, action: TransferAction, transfer: Transfer) -> None:
    if not can_transfer(actor, action, transfer):
        raise NotAllowed
