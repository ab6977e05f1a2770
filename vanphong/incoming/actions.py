"""Every write to incoming documents. Each action checks its rules, changes the rows,
writes one history event and one audit row in the same transaction, and is the only
way pages, the API and commands change a document."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst

from vanphong import clock
from vanphong.audit.actions import record_audit
from vanphong.errors import Conflict, Invalid, NotAllowed
from vanphong.files.models import StoredFile
from vanphong.files.tasks import inspect_stored_file
from vanphong.incoming.access import Action, can, visible_incoming
from vanphong.incoming.models import (
    TRANSITIONS,
    Assignment,
    AssignmentKind,
    AssignmentState,
    Attachment,
    Channel,
    EventKind,
    IncomingDocument,
    IncomingEvent,
    Instruction,
    Receipt,
    Routing,
    Status,
)
from vanphong.notices.actions import notify
from vanphong.organizations.choices import handler_posts, handling_units
from vanphong.organizations.models import Office, Organization, Position, Role, Unit, User
from vanphong.organizations.standing import standing_of
from vanphong.registers.models import DocumentType, Register, RegisterKind, Secrecy, Urgency
from vanphong.registers.numbering import allocate_number
from vanphong.vietnamese import clean_code, code_key, name_key, nfc, split_code


@dataclasses.dataclass(frozen=True, kw_only=True)
class IncomingFields:
    """What the clerk records from the document itself (ND30 Phụ lục VI, văn bản đến)."""

    issuer: str
    code: str
    issued_date: dt.date
    subject: str
    document_type: DocumentType | None = None
    signer_name: str = ""
    signer_position: str = ""
    reply_due: dt.date | None = None
    recipients: str = ""
    pages: int | None = None
    urgency: int = Urgency.NORMAL
    secrecy: int = Secrecy.NONE
    note: str = ""

    def cleaned(self) -> IncomingFields:
        return dataclasses.replace(
            self,
            issuer=nfc(self.issuer),
            code=clean_code(self.code),
            subject=nfc(self.subject),
            signer_name=nfc(self.signer_name),
            signer_position=nfc(self.signer_position),
            recipients=nfc(self.recipients),
            note=nfc(self.note),
        )

    def problems(self, *, arrival_day: dt.date) -> dict[str, str]:
        errors: dict[str, str] = {}
        if not self.issuer:
            errors["issuer"] = "Cần ghi cơ quan ban hành."
        if not self.subject:
            errors["subject"] = "Cần ghi trích yếu nội dung."
        if len(self.code) > 50:
            errors["code"] = "Số, ký hiệu dài quá 50 ký tự."
        if self.issued_date > arrival_day:
            errors["issued_date"] = "Ngày văn bản không thể sau ngày đến."
        if self.reply_due and self.reply_due < self.issued_date:
            errors["reply_due"] = "Hạn trả lời không thể trước ngày văn bản."
        if self.urgency not in Urgency.values:
            errors["urgency"] = "Độ khẩn không hợp lệ."
        if self.secrecy not in Secrecy.values:
            errors["secrecy"] = "Độ mật không hợp lệ."
        if self.pages is not None and not 0 < self.pages < 10000:
            errors["pages"] = "Số trang phải từ 1 đến 9999."
        return errors


# --- Registration -----------------------------------------------------------------


def incoming_register_for(organization: Organization, *, secret: bool) -> Register:
    """The register a new document goes into: the secret register for secret documents
    when the organization keeps one, otherwise its incoming register."""
    registers = Register.objects.filter(organization=organization, is_active=True)
    if secret:
        secret_register = registers.filter(kind=RegisterKind.SECRET_INCOMING).first()
        if secret_register:
            return secret_register
    register = registers.filter(kind=RegisterKind.INCOMING).first()
    if register is None:
        raise Invalid(f"{organization.name} chưa có sổ đăng ký văn bản đến đang dùng.")
    return register


def find_duplicates(
    *, office: Office, fields: IncomingFields, files: Iterable[StoredFile] = ()
) -> QuerySet[IncomingDocument]:
    """Documents already registered in the office with the same file (the same bytes,
    whoever uploaded them), or the same (issuer, number and notation, date).

    Two separate lookups, each through its own index; an OR across the join made SQLite
    scan every document of the office."""
    hashes = {f.sha256 for f in files}
    ids: set[uuid.UUID] = set()
    if hashes:
        ids |= set(
            IncomingDocument.objects.filter(
                office=office, receipt__attachments__stored_file__sha256__in=hashes
            ).values_list("pk", flat=True)
        )
    key = code_key(fields.code)
    if key:
        ids |= set(
            IncomingDocument.objects.filter(
                office=office,
                issuer_key=name_key(fields.issuer),
                issued_date=fields.issued_date,
                code_key=key,
            ).values_list("pk", flat=True)
        )
    return IncomingDocument.objects.filter(pk__in=ids).select_related("organization")


def _check_registration(
    actor: User,
    organizations: Sequence[Organization],
    fields: IncomingFields,
    arrival_at: dt.datetime,
) -> Office:
    if not organizations:
        raise Invalid("Chọn ít nhất một cơ quan nhận.", fields={"organizations": "Bắt buộc."})
    offices = {org.office_id for org in organizations}
    if len(offices) != 1:
        raise Invalid("Các cơ quan nhận phải thuộc cùng một văn phòng.")
    office = organizations[0].office
    if office.pk not in standing_of(actor).clerk_offices:
        raise NotAllowed("Chỉ văn thư của văn phòng được vào sổ văn bản đến.")
    if arrival_at > clock.now() + dt.timedelta(minutes=5):
        raise Invalid("Ngày đến không thể ở tương lai.", fields={"arrival_at": "Sau hiện tại."})
    problems = fields.problems(arrival_day=timezone.localdate(arrival_at))
    if problems:
        raise Invalid("Thông tin văn bản chưa hợp lệ.", fields=problems)
    return office


def register_incoming(
    *,
    actor: User,
    organizations: Sequence[Organization],
    fields: IncomingFields,
    files: Sequence[tuple[StoredFile, str]] = (),
    channel: str = Channel.UPLOAD,
    has_paper_original: bool = False,
    arrival_at: dt.datetime | None = None,
    registers: dict[int, Register] | None = None,
) -> list[IncomingDocument]:
    """Register one received document in each addressed organization's register.

    Each organization gets its own arrival number; all share one receipt and its files.
    Organizations are numbered in id order so concurrent clerks lock counters in the
    same order (no deadlock).
    """
    fields = fields.cleaned()
    arrival_at = arrival_at or clock.now()
    office = _check_registration(actor, organizations, fields, arrival_at)
    if not files and not has_paper_original:
        raise Invalid(
            "Đính kèm tệp văn bản hoặc đánh dấu có bản giấy.",
            fields={"files": "Chưa có tệp hoặc bản giấy."},
        )
    with transaction.atomic():
        receipt = Receipt.objects.create(
            office=office,
            channel=channel,
            has_paper_original=has_paper_original,
            received_at=arrival_at,
            received_by=actor,
        )
        Attachment.objects.bulk_create(
            Attachment(receipt=receipt, stored_file=stored, filename=name[:255], position=i)
            for i, (stored, name) in enumerate(files)
        )
        documents = [
            _register_one(actor, receipt, org, fields, arrival_at, (registers or {}).get(org.pk))
            for org in sorted(organizations, key=lambda o: o.pk)
        ]
        for stored, _ in files:
            if stored.pages is None or not stored.text_source:
                transaction.on_commit(partial(inspect_stored_file.enqueue, str(stored.pk)))
    return documents


def _register_one(
    actor: User,
    receipt: Receipt,
    organization: Organization,
    fields: IncomingFields,
    arrival_at: dt.datetime,
    register: Register | None,
) -> IncomingDocument:
    secret = fields.secrecy > Secrecy.NONE
    register = register or incoming_register_for(organization, secret=secret)
    if register.organization_id != organization.pk or not register.is_incoming:
        raise Invalid(
            f"{capfirst(register.called)} không phải sổ văn bản đến của {organization.name}."
        )
    if not register.is_active:
        raise Invalid(f"{capfirst(register.called)} của {organization.name} đã ngừng sử dụng.")
    allocation = allocate_number(
        register, on=timezone.localdate(arrival_at), document_type=fields.document_type,
        secret=secret,
    )
    number, notation = split_code(fields.code)
    document = IncomingDocument.objects.create(
        office_id=receipt.office_id,
        organization=organization,
        register=register,
        receipt=receipt,
        period_key=allocation.period_key,
        series_key=allocation.series_key,
        arrival_number=allocation.number,
        arrival_at=arrival_at,
        issuer=fields.issuer,
        issuer_key=name_key(fields.issuer),
        code=fields.code,
        code_number=number[:11],
        code_notation=notation[:30],
        code_key=code_key(fields.code),
        issued_date=fields.issued_date,
        document_type=fields.document_type,
        subject=fields.subject,
        signer_name=fields.signer_name[:50],
        signer_position=fields.signer_position[:100],
        reply_due=fields.reply_due,
        recipients=fields.recipients,
        pages=fields.pages,
        urgency=fields.urgency,
        secrecy=fields.secrecy,
        note=fields.note,
        created_by=actor,
        created_at=clock.now(),
    )
    if secret:
        document.secret_readers.add(actor)
    _event(
        document,
        actor=actor,
        kind=EventKind.REGISTER,
        to_status=Status.REGISTERED,
        note=f"Số đến {allocation.number} — {register.name}",
    )
    return document


# --- Status changes ------------------------------------------------------------------


def _event(
    document: IncomingDocument,
    *,
    actor: User,
    kind: str,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
    **data: Any,
) -> IncomingEvent:
    event = IncomingEvent.objects.create(
        document=document,
        at=clock.now(),
        actor=actor,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        note=note,
        data=data,
    )
    record_audit(
        actor=actor,
        action=f"incoming.{kind}",
        target=document,
        summary=f"{EventKind(kind).label}: {document.organization.short_name} số đến "
        f"{document.arrival_number}",
        from_status=from_status,
        to_status=to_status,
        note=note,
        **data,
    )
    return event


def _transition(
    document: IncomingDocument,
    *,
    actor: User,
    kind: str,
    to: str,
    note: str = "",
    **data: Any,
) -> IncomingEvent:
    """Move the document along `TRANSITIONS`, guarding against a concurrent change."""
    current = document.status
    if kind not in TRANSITIONS.get((current, to), set()):
        raise Conflict(
            f"Không thể {EventKind(kind).label.lower()} khi văn bản đang “{Status(current).label}”."
        )
    changed = IncomingDocument.objects.filter(pk=document.pk, status=current).update(
        status=to, updated_at=clock.now(), return_event=None
    )
    if not changed:
        raise Conflict()
    document.status = to
    document.return_event = None
    event = _event(
        document, actor=actor, kind=kind, from_status=current, to_status=to, note=note, **data
    )
    if kind == EventKind.RETURN:
        # Marked until the next step forward clears it (above).
        IncomingDocument.objects.filter(pk=document.pk).update(return_event=event)
        document.return_event = event
    return event


def _require(actor: User, action: Action, document: IncomingDocument) -> None:
    if not can(actor, action, document):
        raise NotAllowed()


def _add_secret_readers(document: IncomingDocument, people: Iterable[User]) -> None:
    if document.is_secret:
        document.secret_readers.add(*people)


def _leaders_of(organization: Organization) -> QuerySet[User]:
    return organization.leaders(on=clock.today())


def route_incoming(
    *, actor: User, document: IncomingDocument, leaders: Sequence[User], note: str = ""
) -> IncomingEvent:
    """Present the document to the organization's head and/or deputies."""
    _require(actor, Action.ROUTE, document)
    if not leaders:
        raise Invalid("Chọn lãnh đạo để trình.", fields={"leaders": "Bắt buộc."})
    allowed = set(_leaders_of(document.organization).values_list("pk", flat=True))
    strangers = [str(u) for u in leaders if u.pk not in allowed]
    if strangers:
        raise Invalid(
            f"{', '.join(strangers)} không phải lãnh đạo của {document.organization.name}.",
            fields={"leaders": "Không phải lãnh đạo của cơ quan."},
        )
    now = clock.now()
    with transaction.atomic():
        already = set(document.routings.filter(is_active=True).values_list("leader_id", flat=True))
        Routing.objects.bulk_create(
            Routing(document=document, leader=u, routed_by=actor, routed_at=now)
            for u in leaders
            if u.pk not in already
        )
        if document.handed_over_at is None:
            IncomingDocument.objects.filter(pk=document.pk).update(handed_over_at=now)
            document.handed_over_at = now
        _add_secret_readers(document, leaders)
        names = ", ".join(str(u) for u in leaders)
        return _transition(
            document,
            actor=actor,
            kind=EventKind.ROUTE,
            to=Status.ROUTED,
            note=note or f"Trình {names}",
            leaders=[u.pk for u in leaders],
        )


@dataclasses.dataclass(frozen=True, kw_only=True)
class Handlers:
    """Who handles the document: the lead (a person or a unit), supporters, for-info."""

    lead_person: User | None = None
    lead_unit: Unit | None = None
    support_people: Sequence[User] = ()
    support_units: Sequence[Unit] = ()
    for_info: Sequence[User] = ()


def eligible_people(document: IncomingDocument) -> QuerySet[User]:
    """People who may be given a document: those handling work for its organization or
    for the whole office (not the clerk, cashier, archivist: organizations/choices.py)."""
    posts = handler_posts(document.office_id, organization_id=document.organization_id)
    return User.objects.filter(is_active=True, positions__in=posts).distinct()


def eligible_units(document: IncomingDocument) -> QuerySet[Unit]:
    """Units of its organization or of the office that handle work."""
    return handling_units(Unit.objects.filter(office_id=document.office_id, is_active=True).filter(
        Q(organization_id=document.organization_id) | Q(organization__isnull=True)
    ))


def _check_handlers(document: IncomingDocument, handlers: Handlers) -> None:
    if (handlers.lead_person is None) == (handlers.lead_unit is None):
        raise Invalid(
            "Chọn một người hoặc một đơn vị chủ trì.",
            fields={"lead": "Chọn đúng một người hoặc một đơn vị chủ trì."},
        )
    people = [handlers.lead_person, *handlers.support_people, *handlers.for_info]
    eligible = set(eligible_people(document).values_list("pk", flat=True))
    outside = [str(p) for p in people if p is not None and p.pk not in eligible]
    if outside:
        raise Invalid(
            f"{', '.join(outside)} không thuộc {document.organization.name} hoặc văn phòng.",
            fields={"handlers": "Người nhận không hợp lệ."},
        )
    units = [handlers.lead_unit, *handlers.support_units]
    unit_ids = set(eligible_units(document).values_list("pk", flat=True))
    if any(u is not None and u.pk not in unit_ids for u in units):
        raise Invalid(
            "Đơn vị không thuộc cơ quan hoặc văn phòng.",
            fields={"handlers": "Đơn vị không hợp lệ."},
        )


def _unit_heads(units: Iterable[Unit]) -> list[User]:
    positions = Position.objects.active(on=clock.today()).filter(
        unit__in=[u for u in units if u is not None], role=Role.UNIT_HEAD
    )
    return list(User.objects.filter(positions__in=positions).distinct())


def instruct_incoming(
    *,
    actor: User,
    document: IncomingDocument,
    handlers: Handlers,
    deadline: dt.date | None = None,
    text: str = "",
) -> IncomingEvent:
    """The leader's instruction: lead, supporters, for-information, deadline.

    A new instruction replaces the handlers of an earlier one.
    """
    _require(actor, Action.INSTRUCT, document)
    _check_handlers(document, handlers)
    if actor in [*handlers.support_people, *handlers.for_info]:
        raise Invalid("Người cho ý kiến chỉ đạo không tự giao phối hợp hoặc để biết cho mình.",
                      fields={"supports": "Không chọn chính mình."})
    today = clock.today()
    if deadline is not None and deadline < today:
        raise Invalid("Hạn xử lý không thể trước hôm nay.", fields={"deadline": "Đã qua."})
    now = clock.now()
    with transaction.atomic():
        document.assignments.filter(state=AssignmentState.ACTIVE).update(
            state=AssignmentState.WITHDRAWN
        )
        Instruction.objects.create(
            document=document, author=actor, text=nfc(text), deadline=deadline, created_at=now
        )
        rows = [(AssignmentKind.LEAD, handlers.lead_person, handlers.lead_unit)]
        rows += [(AssignmentKind.SUPPORT, p, None) for p in handlers.support_people]
        rows += [(AssignmentKind.SUPPORT, None, u) for u in handlers.support_units]
        rows += [(AssignmentKind.FOR_INFO, p, None) for p in handlers.for_info]
        Assignment.objects.bulk_create(
            Assignment(
                document=document,
                kind=kind,
                person=person,
                unit=unit,
                # Those who only need to know have nothing due.
                deadline=None if kind == AssignmentKind.FOR_INFO else deadline,
                assigned_by=actor,
                assigned_at=now,
            )
            for kind, person, unit in rows
        )
        IncomingDocument.objects.filter(pk=document.pk).update(deadline=deadline)
        document.deadline = deadline
        people = [p for _, p, _ in rows if p is not None]
        _add_secret_readers(document, people + _unit_heads(u for _, _, u in rows if u))
        target = Status.ASSIGNED if document.status == Status.ROUTED else document.status
        lead = handlers.lead_person or handlers.lead_unit
        return _transition(
            document,
            actor=actor,
            kind=EventKind.INSTRUCT,
            to=target,
            note=nfc(text) or f"Giao {lead} chủ trì",
            lead=str(lead),
            deadline=deadline.isoformat() if deadline else None,
        )


def reassign_incoming(
    *,
    actor: User,
    document: IncomingDocument,
    assignment: Assignment,
    person: User,
    note: str = "",
) -> IncomingEvent:
    """A unit head hands their unit's part of the work to one of the unit's people."""
    _require(actor, Action.REASSIGN, document)
    standing = standing_of(actor)
    if (
        assignment.document_id != document.pk
        or assignment.state != AssignmentState.ACTIVE
        or assignment.unit_id is None
        or assignment.unit_id not in standing.unit_heads
    ):
        raise NotAllowed("Chỉ trưởng đơn vị được giao lại phần việc của đơn vị mình.")
    in_unit = Position.objects.active(on=clock.today()).filter(
        person=person, unit_id=assignment.unit_id
    )
    if not in_unit.exists():
        raise Invalid(
            f"{person} không thuộc {assignment.unit}.", fields={"person": "Không thuộc đơn vị."}
        )
    with transaction.atomic():
        Assignment.objects.filter(pk=assignment.pk).update(state=AssignmentState.REASSIGNED)
        Assignment.objects.create(
            document=document,
            kind=assignment.kind,
            person=person,
            unit=assignment.unit,
            deadline=assignment.deadline,
            assigned_by=actor,
            assigned_at=clock.now(),
        )
        _add_secret_readers(document, [person])
        return _transition(
            document,
            actor=actor,
            kind=EventKind.REASSIGN,
            to=document.status,
            note=nfc(note) or f"Giao {person} ({assignment.get_kind_display()})",
            person=person.pk,
        )


def record_progress(*, actor: User, document: IncomingDocument, note: str) -> IncomingEvent:
    _require(actor, Action.PROGRESS, document)
    if not nfc(note):
        raise Invalid("Ghi nội dung tiến độ.", fields={"note": "Bắt buộc."})
    with transaction.atomic():
        return _transition(
            document, actor=actor, kind=EventKind.PROGRESS, to=Status.IN_PROGRESS, note=nfc(note)
        )


def complete_incoming(
    *, actor: User, document: IncomingDocument, result: str, reply_code: str = ""
) -> IncomingEvent:
    _require(actor, Action.COMPLETE, document)
    if not nfc(result):
        raise Invalid("Ghi kết quả xử lý.", fields={"result": "Bắt buộc."})
    now = clock.now()
    with transaction.atomic():
        IncomingDocument.objects.filter(pk=document.pk).update(
            result=nfc(result), reply_code=clean_code(reply_code), completed_at=now
        )
        document.result, document.reply_code, document.completed_at = (
            nfc(result),
            clean_code(reply_code),
            now,
        )
        document.assignments.filter(state=AssignmentState.ACTIVE).exclude(
            kind=AssignmentKind.FOR_INFO
        ).update(state=AssignmentState.DONE)
        return _transition(
            document,
            actor=actor,
            kind=EventKind.COMPLETE,
            to=Status.DONE,
            note=nfc(result),
            reply_code=document.reply_code,
        )


def close_by_reply(*, actor: User, document: IncomingDocument, reply_code: str) -> IncomingEvent:
    """The office issued the answer to this document: it is done, whatever step it was
    at. Called by the outgoing flow, whose own gatekeeper has checked the actor."""
    now = clock.now()
    result = f"Đã trả lời bằng văn bản số {reply_code}."
    with transaction.atomic():
        IncomingDocument.objects.filter(pk=document.pk).update(
            result=result, reply_code=reply_code[:50], completed_at=now
        )
        document.result, document.reply_code, document.completed_at = result, reply_code, now
        document.assignments.filter(state=AssignmentState.ACTIVE).exclude(
            kind=AssignmentKind.FOR_INFO
        ).update(state=AssignmentState.DONE)
        return _transition(document, actor=actor, kind=EventKind.REPLY, to=Status.DONE,
                           note=result, reply_code=reply_code)


def withdraw_by_sender(*, actor: User, document: IncomingDocument, reason: str) -> IncomingEvent:
    """The issuing organization recalled the document (rules.md §1.6): the copy stays on
    record, marked withdrawn, and its handling stops."""
    with transaction.atomic():
        document.assignments.filter(state=AssignmentState.ACTIVE).update(
            state=AssignmentState.WITHDRAWN
        )
        document.routings.filter(is_active=True).update(is_active=False)
        return _transition(document, actor=actor, kind=EventKind.WITHDRAW,
                           to=Status.WITHDRAWN, note=reason)


def return_incoming(*, actor: User, document: IncomingDocument, reason: str) -> IncomingEvent:
    """Send the document one step back with a reason: a handler (or their unit head)
    returns it to the leader; a leader returns a routed document to the clerk.

    The document is marked returned (`return_event`) and the people it goes back to are
    told, so it cannot slip back into a queue unnoticed."""
    _require(actor, Action.RETURN, document)
    if not nfc(reason):
        raise Invalid("Ghi lý do trả lại.", fields={"reason": "Bắt buộc."})
    with transaction.atomic():
        if document.status == Status.ROUTED:
            document.routings.filter(is_active=True).update(is_active=False)
            target = Status.REGISTERED
            receivers = _office_clerks(document.office_id)
        else:
            document.assignments.filter(state=AssignmentState.ACTIVE).update(
                state=AssignmentState.RETURNED
            )
            target = Status.ROUTED
            receivers = [r.leader for r in document.routings.filter(is_active=True)]
        event = _transition(
            document, actor=actor, kind=EventKind.RETURN, to=target, note=nfc(reason)
        )
        _tell_returned(document, event, [p for p in receivers if p.pk != actor.pk])
        return event


def _office_clerks(office_id: int) -> list[User]:
    positions = Position.objects.active(on=clock.today()).filter(
        office_id=office_id, role=Role.CLERK
    )
    return list(User.objects.filter(is_active=True, positions__in=positions).distinct())


def _tell_returned(document: IncomingDocument, event: IncomingEvent, people: list[User]) -> None:
    """A notice to each person the document went back to, if they may open it."""
    title = (
        f"{event.actor} trả lại văn bản đến số {document.arrival_number} "
        f"({document.organization.short_name})"
    )
    link = reverse("incoming:detail", args=[document.pk])
    for person in people:
        if visible_incoming(person).filter(pk=document.pk).exists():
            notify(recipient=person, kind="incoming.returned", title=title,
                   body=f"Lý do: {event.note}", link=link)


def reopen_incoming(*, actor: User, document: IncomingDocument, reason: str) -> IncomingEvent:
    _require(actor, Action.REOPEN, document)
    if not nfc(reason):
        raise Invalid("Ghi lý do mở lại.", fields={"reason": "Bắt buộc."})
    with transaction.atomic():
        last_lead = (
            document.assignments.filter(kind=AssignmentKind.LEAD, state=AssignmentState.DONE)
            .order_by("-assigned_at")
            .first()
        )
        if last_lead:
            Assignment.objects.filter(pk=last_lead.pk).update(state=AssignmentState.ACTIVE)
        IncomingDocument.objects.filter(pk=document.pk).update(completed_at=None)
        document.completed_at = None
        return _transition(
            document, actor=actor, kind=EventKind.REOPEN, to=Status.IN_PROGRESS, note=nfc(reason)
        )


CORRECTABLE = (
    "issuer",
    "code",
    "issued_date",
    "document_type",
    "subject",
    "signer_name",
    "signer_position",
    "reply_due",
    "recipients",
    "pages",
    "urgency",
    "note",
)


def correct_incoming(
    *, actor: User, document: IncomingDocument, fields: IncomingFields, reason: str = ""
) -> IncomingEvent | None:
    """Fix the recorded metadata; the history keeps every old and new value."""
    _require(actor, Action.CORRECT, document)
    fields = dataclasses.replace(fields.cleaned(), secrecy=document.secrecy)
    problems = fields.problems(arrival_day=timezone.localdate(document.arrival_at))
    if problems:
        raise Invalid("Thông tin văn bản chưa hợp lệ.", fields=problems)
    changes: dict[str, list[str]] = {}
    for name in CORRECTABLE:
        old, new = getattr(document, name), getattr(fields, name)
        if old != new:
            changes[name] = [str(old or ""), str(new or "")]
            setattr(document, name, new)
    if not changes:
        return None
    number, notation = split_code(document.code)
    document.code_number, document.code_notation = number[:11], notation[:30]
    document.code_key, document.issuer_key = code_key(document.code), name_key(document.issuer)
    with transaction.atomic():
        document.save()
        labels = ", ".join(
            str(getattr(IncomingDocument._meta.get_field(n), "verbose_name", n)) for n in changes
        )
        return _event(
            document,
            actor=actor,
            kind=EventKind.CORRECT,
            note=nfc(reason) or f"Sửa: {labels}",
            changes=changes,
        )


def share_secret(
    *, actor: User, document: IncomingDocument, readers: Sequence[User]
) -> IncomingEvent:
    """Name more people who may open a secret document."""
    _require(actor, Action.SHARE_SECRET, document)
    eligible = set(eligible_people(document).values_list("pk", flat=True))
    if not readers or any(r.pk not in eligible for r in readers):
        raise Invalid(
            "Chọn người thuộc cơ quan hoặc văn phòng.", fields={"readers": "Không hợp lệ."}
        )
    with transaction.atomic():
        document.secret_readers.add(*readers)
        return _event(
            document,
            actor=actor,
            kind=EventKind.SHARE,
            note="Cho phép xem: " + ", ".join(str(r) for r in readers),
            readers=[r.pk for r in readers],
        )


def mark_seen(*, actor: User, document: IncomingDocument) -> int:
    """A for-information recipient says they have read the document ("Đã xem"): it leaves
    their "Để biết" queue. There is nothing else for them to do, and no deadline."""
    _require(actor, Action.MARK_SEEN, document)
    return document.assignments.filter(
        person=actor, kind=AssignmentKind.FOR_INFO, seen_at__isnull=True
    ).update(seen_at=clock.now())


def record_opening(*, actor: User, document: IncomingDocument) -> None:
    """Opening a secret document is audited; for-information handlers are marked as seen."""
    now = clock.now()
    document.assignments.filter(person=actor, seen_at__isnull=True).update(seen_at=now)
    if document.is_secret:
        record_audit(
            actor=actor,
            action="incoming.open_secret",
            target=document,
            summary=f"Mở văn bản mật số đến {document.arrival_number}",
        )


def record_download(*, actor: User, document: IncomingDocument, attachment: Attachment) -> None:
    record_audit(
        actor=actor,
        action="incoming.download",
        target=document,
        summary=f"Tải tệp {attachment.filename}",
        file=str(attachment.stored_file_id),
        filename=attachment.filename,
    )


def fill_missing_pages(*, stored_file: StoredFile) -> int:
    """The worker counted this file's pages: a document registered without a page count
    whose files are all counted now gets their sum, as a recorded change."""
    if stored_file.pages is None:
        return 0
    receipts = Receipt.objects.filter(attachments__stored_file=stored_file).values("pk")
    documents = IncomingDocument.objects.filter(receipt__in=receipts, pages__isnull=True)
    total = 0
    for document in documents.select_related("organization", "receipt__received_by"):
        counts = list(
            StoredFile.objects.filter(attachments__receipt_id=document.receipt_id)
            .values_list("pages", flat=True)
        )
        if counts and None not in counts:
            total += _record_counted_pages(document, sum(c for c in counts if c))
    return total


def _record_counted_pages(document: IncomingDocument, pages: int) -> int:
    """One change like a clerk's correction (history, audit, so search too), made in the
    name of the clerk who registered the document without a count."""
    with transaction.atomic():
        changed = IncomingDocument.objects.filter(pk=document.pk, pages__isnull=True).update(
            pages=pages, updated_at=clock.now()
        )
        if not changed:  # the clerk typed a count meanwhile
            return 0
        document.pages = pages
        _event(
            document,
            actor=document.receipt.received_by,
            kind=EventKind.CORRECT,
            note=f"Số trang đếm tự động từ tệp đính kèm: {pages}",
            changes={"pages": ["", str(pages)]},
            counted=True,
        )
    return 1
