"""Drafting and review of outgoing documents. Each action checks its rules, changes the
rows, writes one history event and one audit row in the same transaction, and is the
only way pages, the API and commands change a draft. Numbering and issuing live in
`issuing.py`, distribution in `delivery.py`."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from vanphong import clock
from vanphong.audit.actions import record_audit
from vanphong.errors import Conflict, Invalid, NotAllowed
from vanphong.files.actions import open_stored, store_file
from vanphong.files.models import StoredFile
from vanphong.incoming.access import visible_incoming
from vanphong.incoming.models import IncomingDocument
from vanphong.organizations.models import Organization, Position, Role, Unit, User
from vanphong.outgoing import layout as layouts
from vanphong.outgoing.access import Action, can, may_draft, pending_review
from vanphong.outgoing.authority import LETTER_TYPE, check_authority, natural_capacity
from vanphong.outgoing.models import (
    TRANSITIONS,
    Capacity,
    Comment,
    Correspondent,
    EventKind,
    OutgoingAttachment,
    OutgoingDocument,
    OutgoingEvent,
    Recipient,
    RecipientKind,
    Review,
    ReviewChain,
    ReviewKind,
    ReviewState,
    Status,
    Template,
    Version,
)
from vanphong.outgoing.rendering import docx_text
from vanphong.outgoing.text import addressee_names, clean_lines, fill_placeholders
from vanphong.printing.dates import long_date
from vanphong.registers.models import DocumentType, Secrecy, Urgency
from vanphong.vietnamese import fold, nfc

URGENCY_MARKS = {Urgency.URGENT: "KHẨN", Urgency.VERY_URGENT: "THƯỢNG KHẨN",
                 Urgency.FLASH: "HỎA TỐC", Urgency.FLASH_TIMED: "HỎA TỐC HẸN GIỜ"}
SECRECY_MARKS = {Secrecy.SECRET: "MẬT", Secrecy.TOP_SECRET: "TỐI MẬT",
                 Secrecy.ABSOLUTE: "TUYỆT MẬT"}


@dataclasses.dataclass(frozen=True, kw_only=True)
class RecipientSpec:
    """One "Nơi nhận": a member organization, a known correspondent, or a free address."""

    organization: Organization | None = None
    correspondent: Correspondent | None = None
    name: str = ""
    email: str = ""

    @property
    def kind(self) -> str:
        if self.organization is not None:
            return RecipientKind.INTERNAL
        return RecipientKind.CORRESPONDENT if self.correspondent else RecipientKind.ADDRESS

    @property
    def label(self) -> str:
        if self.organization is not None:
            return self.organization.name
        if self.correspondent is not None:
            return self.correspondent.name
        return nfc(self.name)


@dataclasses.dataclass(frozen=True, kw_only=True)
class DraftFields:
    document_type: DocumentType
    subject: str
    body: str = ""
    addressees: str = ""
    signer: User | None = None
    capacity: str = ""  # "" = as the signer naturally signs (`authority.natural_capacity`)
    drafting_unit: Unit | None = None
    urgency: int = Urgency.NORMAL
    secrecy: int = Secrecy.NONE
    copies: int = 1
    recipients: tuple[RecipientSpec, ...] = ()
    answers: tuple[IncomingDocument, ...] = ()
    template: Template | None = None

    def cleaned(self, organization: Organization) -> DraftFields:
        """Tidied input: the lines of the body and of "Kính gửi" kept as typed (spaces
        collapsed within a line only), known placeholders filled, the capacity chosen
        when none was given."""
        subject = nfc(self.subject).strip()
        if subject.lower().startswith("v/v"):
            subject = subject[3:].strip(" :")  # "V/v" is printed by the layout
        elif self.document_type.name == LETTER_TYPE and fold(subject).startswith("ve viec "):
            subject = subject.split(" ", 2)[2]  # "V/v" means "về việc"
        capacity = self.capacity
        if not capacity and self.signer is not None:
            capacity = natural_capacity(organization=organization,
                                        document_type=self.document_type, signer=self.signer,
                                        on=clock.today())
        body = fill_placeholders(clean_lines(self.body), organization, clock.today())
        return dataclasses.replace(
            self, subject=subject, body=body, addressees=clean_lines(self.addressees),
            capacity=capacity or Capacity.DIRECT,
        )

    def problems(self, organization: Organization, *, has_file: bool) -> dict[str, str]:
        errors: dict[str, str] = {}
        if not self.subject:
            errors["subject"] = "Cần ghi trích yếu nội dung."
        elif len(self.subject) > 500:
            errors["subject"] = "Trích yếu dài quá 500 ký tự."
        if not self.body and not has_file:
            errors["body"] = "Cần viết nội dung hoặc tải lên tệp dự thảo."
        if not 1 <= self.copies <= 999:
            errors["copies"] = "Số lượng bản phải từ 1 đến 999."
        if self.urgency not in Urgency.values:
            errors["urgency"] = "Độ khẩn không hợp lệ."
        if self.secrecy not in Secrecy.values:
            errors["secrecy"] = "Độ mật không hợp lệ."
        if self.capacity not in Capacity.values:
            errors["capacity"] = "Thẩm quyền ký không hợp lệ."
        unit = self.drafting_unit
        if unit is not None and unit.organization_id not in (None, organization.pk):
            errors["drafting_unit"] = "Đơn vị soạn thảo không thuộc cơ quan này."
        for spec in self.recipients:
            if spec.organization is not None and spec.organization.pk == organization.pk:
                errors["recipients"] = "Không gửi văn bản cho chính cơ quan ban hành."
            elif not spec.label:
                errors["recipients"] = "Mỗi nơi nhận cần có tên."
        return errors


# --- History -------------------------------------------------------------------------


def record_event(
    document: OutgoingDocument, *, actor: User | None, kind: str, from_status: str = "",
    to_status: str = "", note: str = "", **data: Any,
) -> OutgoingEvent:
    event = OutgoingEvent.objects.create(
        document=document, at=clock.now(), actor=actor, kind=kind, from_status=from_status,
        to_status=to_status, note=note, data=data,
    )
    record_audit(
        actor=actor, action=f"outgoing.{kind}", target=document,
        summary=f"{EventKind(kind).label}: {document.organization.short_name} — "
        f"{document.code or document.subject[:80]}",
        from_status=from_status, to_status=to_status, note=note, **data,
    )
    return event


def transition(
    document: OutgoingDocument, *, actor: User | None, kind: str, to: str, note: str = "",
    **data: Any,
) -> OutgoingEvent:
    """Move the document along `TRANSITIONS`, guarding against a concurrent change."""
    current = document.status
    if kind not in TRANSITIONS.get((current, to), set()):
        raise Conflict(
            f"Không thể {EventKind(kind).label.lower()} khi văn bản đang "
            f"“{Status(current).label}”."
        )
    changed = OutgoingDocument.objects.filter(pk=document.pk, status=current).update(
        status=to, updated_at=clock.now()
    )
    if not changed:
        raise Conflict()
    document.status = to
    return record_event(document, actor=actor, kind=kind, from_status=current, to_status=to,
                        note=note, **data)


def require(actor: User, action: Action, document: OutgoingDocument) -> None:
    if not can(actor, action, document):
        raise NotAllowed()


# --- The draft's file ----------------------------------------------------------------


def layout_for(document: OutgoingDocument) -> layouts.Layout:
    """The draft as the rules lay it out, with the signature block as it will read."""
    organization = document.organization
    authority = check_authority(
        organization=organization, document_type=document.document_type,
        signer=document.signer, capacity=document.capacity, on=clock.today(),
    )
    block = authority.block
    addressees = tuple(addressee_names(document.addressees))
    recipients = _listed_recipients(document, addressees)
    unit = document.drafting_unit
    return layouts.Layout(
        style=organization.document_style,  # type: ignore[arg-type]
        parent_body=organization.parent_body,
        organization_name=organization.name,
        type_name="" if document.is_letter else document.document_type.name,
        subject=document.subject,
        body=document.body,
        addressees=addressees,
        recipients=tuple(recipients),
        archive_line=f"Lưu: VT, {unit.short_name}." if unit else "Lưu: VT.",
        place=document.office.place_name,
        signing_capacity=block.capacity_line if block else "",
        signer_title=block.title if block else "",
        signer_name=block.name if block else (str(document.signer or "")),
        urgency_label=URGENCY_MARKS.get(Urgency(document.urgency), ""),
        secrecy_label=SECRECY_MARKS.get(Secrecy(document.secrecy), ""),
    )


def _listed_recipients(document: OutgoingDocument, addressees: Sequence[str]) -> list[str]:
    """The "Nơi nhận" lines: "Như trên" for the "Kính gửi" addressees, who are then not
    listed again, and the other recipients (ND30 Phụ lục I §II.9b)."""
    if not addressees:
        return [r.name for r in document.recipients.all()]
    named = {" ".join(fold(name).split()) for name in addressees}
    others = [
        r.name for r in document.recipients.select_related("organization")
        if not named & {" ".join(fold(label).split()) for label in _labels(r)}
    ]
    return ["Như trên", *others]


def _labels(recipient: Recipient) -> list[str]:
    """The names a recipient may be written under in "Kính gửi"."""
    labels = [recipient.name]
    if recipient.organization is not None:
        labels.append(recipient.organization.short_name)
    return labels


def _file_name(document: OutgoingDocument, extension: str) -> str:
    kind = document.document_type.name
    return f"Du-thao-{kind}-v{document.version}{extension}".replace(" ", "-")


def _save_version(
    document: OutgoingDocument, actor: User, upload: StoredFile | None, note: str
) -> Version:
    """A new version: the uploaded file, or the body laid out again by the rules."""
    document.version += 1
    if upload is not None:
        stored, name = upload, upload.original_name
    elif document.body:
        data = layouts.build_docx(layout_for(document))
        name = _file_name(document, ".docx")
        stored = store_file(actor=actor, stream=io.BytesIO(data), name=name, size=len(data))
    elif document.body_file is not None:
        stored, name = document.body_file, document.body_file.original_name
    else:
        raise Invalid("Cần viết nội dung hoặc tải lên tệp dự thảo.", fields={"body": "Trống."})
    document.body_file = stored
    document.save(update_fields=["version", "body_file", "updated_at"])
    return Version.objects.create(
        document=document, number=document.version, stored_file=stored, filename=name[:255],
        text=_version_text(document, stored), author=actor, created_at=clock.now(), note=note,
    )


def _version_text(document: OutgoingDocument, stored: StoredFile) -> str:
    if stored.kind == "docx":
        with open_stored(stored) as handle:
            return docx_text(handle.read())
    return f"{document.subject}\n\n{document.body}".strip()


def _set_recipients(document: OutgoingDocument, specs: Sequence[RecipientSpec]) -> None:
    document.recipients.all().delete()
    Recipient.objects.bulk_create(
        Recipient(
            document=document, position=i, kind=spec.kind, organization=spec.organization,
            correspondent=spec.correspondent, name=spec.label[:200],
            email=(spec.correspondent.email if spec.correspondent else spec.email)[:254],
        )
        for i, spec in enumerate(specs)
    )


def _add_attachments(document: OutgoingDocument, files: Sequence[StoredFile]) -> None:
    """Appendices and enclosures issued with the document (kept across versions)."""
    start = document.attachments.count()
    OutgoingAttachment.objects.bulk_create(
        OutgoingAttachment(document=document, stored_file=stored,
                           filename=stored.original_name[:255], position=start + i)
        for i, stored in enumerate(files)
    )


def _check_answers(actor: User, answers: Sequence[IncomingDocument]) -> None:
    ids = {a.pk for a in answers}
    if ids and visible_incoming(actor).filter(pk__in=ids).count() != len(ids):
        raise Invalid("Có văn bản đến được trả lời mà bạn không có quyền xem.",
                      fields={"answers": "Không hợp lệ."})


def _check_fields(
    actor: User, organization: Organization, fields: DraftFields, *, has_file: bool
) -> None:
    problems = fields.problems(organization, has_file=has_file)
    if problems:
        raise Invalid("Dự thảo chưa hợp lệ.", fields=problems)
    _check_answers(actor, fields.answers)


# --- Drafting -------------------------------------------------------------------------


def create_draft(
    *, actor: User, organization: Organization, fields: DraftFields,
    upload: StoredFile | None = None, replaces: OutgoingDocument | None = None,
    corrects: OutgoingDocument | None = None, attachments: Sequence[StoredFile] = (),
) -> OutgoingDocument:
    """Start a draft for `organization`; its first version is laid out at once."""
    if not may_draft(actor, organization):
        raise NotAllowed("Bạn không giữ chức vụ nào ở cơ quan này nên không soạn thảo cho nó.")
    fields = fields.cleaned(organization)
    _check_fields(actor, organization, fields, has_file=upload is not None)
    for earlier in (replaces, corrects):
        if earlier is not None and (
            earlier.organization_id != organization.pk or earlier.status != Status.ISSUED
        ):
            raise Invalid("Chỉ thay thế hoặc đính chính văn bản đã phát hành của cùng cơ quan.")
    with transaction.atomic():
        document = OutgoingDocument.objects.create(
            office_id=organization.office_id, organization=organization, drafter=actor,
            created_at=clock.now(), replaces=replaces, corrects=corrects,
            **_draft_values(fields),
        )
        _set_recipients(document, fields.recipients)
        document.answers.set(fields.answers)
        _add_attachments(document, attachments)
        _save_version(document, actor, upload, "Bản đầu tiên")
        record_event(document, actor=actor, kind=EventKind.CREATE, to_status=Status.DRAFT,
                     note=document.subject)
    return document


def _draft_values(fields: DraftFields) -> dict[str, Any]:
    return {
        "document_type": fields.document_type, "subject": fields.subject, "body": fields.body,
        "addressees": fields.addressees, "signer": fields.signer, "capacity": fields.capacity,
        "drafting_unit": fields.drafting_unit, "urgency": fields.urgency,
        "secrecy": fields.secrecy, "copies": fields.copies, "template": fields.template,
    }


def update_draft(
    *, actor: User, document: OutgoingDocument, fields: DraftFields,
    upload: StoredFile | None = None, note: str = "", attachments: Sequence[StoredFile] = (),
    removed_attachments: Sequence[int] = (),
) -> Version:
    """Save the drafter's changes as a new version."""
    require(actor, Action.EDIT, document)
    fields = fields.cleaned(document.organization)
    has_file = upload is not None or document.body_file_id is not None
    _check_fields(actor, document.organization, fields, has_file=has_file)
    with transaction.atomic():
        for name, value in _draft_values(fields).items():
            setattr(document, name, value)
        document.save()
        _set_recipients(document, fields.recipients)
        document.answers.set(fields.answers)
        document.attachments.filter(pk__in=removed_attachments).delete()
        _add_attachments(document, attachments)
        version = _save_version(document, actor, upload, note)
        record_event(document, actor=actor, kind=EventKind.EDIT,
                     note=note or f"Phiên bản {version.number}", version=version.number)
    return version


def comment_outgoing(*, actor: User, document: OutgoingDocument, text: str) -> Comment:
    require(actor, Action.COMMENT, document)
    text = nfc(text).strip()
    if not text:
        raise Invalid("Cần ghi nội dung góp ý.", fields={"text": "Trống."})
    with transaction.atomic():
        comment = Comment.objects.create(document=document, author=actor, at=clock.now(),
                                         text=text, version=document.version)
        record_event(document, actor=actor, kind=EventKind.COMMENT, note=text)
    return comment


# --- Review and signing ---------------------------------------------------------------


def chain_for(document: OutgoingDocument) -> ReviewChain | None:
    chains = ReviewChain.objects.filter(organization=document.organization_id)
    return (
        chains.filter(document_type=document.document_type_id).first()
        or chains.filter(document_type__isnull=True).first()
    )


def _unit_head(document: OutgoingDocument) -> User | None:
    if document.drafting_unit_id is None:
        return None
    post = (
        Position.objects.active(on=clock.today())
        .filter(unit_id=document.drafting_unit_id, role=Role.UNIT_HEAD)
        .select_related("person")
        .first()
    )
    return post.person if post else None


def leader_choices(document: OutgoingDocument) -> QuerySet[User]:
    """Leaders who may give an opinion before the signer: the others of the organization."""
    leaders = document.organization.leaders(on=clock.today())
    return leaders.exclude(pk=document.signer_id) if document.signer_id else leaders


def _planned_steps(
    document: OutgoingDocument, leader: User | None
) -> list[tuple[str, User | None, bool]]:
    """(kind, reviewer, skipped) for each step of the chain, the signer last."""
    chain = chain_for(document)
    steps: list[tuple[str, User | None, bool]] = []
    if chain and chain.unit_head:
        head = _unit_head(document)
        skip = head is None or head.pk in (document.drafter_id, document.signer_id)
        steps.append((ReviewKind.UNIT_HEAD, head, skip))
    if chain and chain.leader:
        if leader is not None and not leader_choices(document).filter(pk=leader.pk).exists():
            raise Invalid("Lãnh đạo được chọn không phải lãnh đạo của cơ quan.",
                          fields={"leader": "Không hợp lệ."})
        steps.append((ReviewKind.LEADER, leader, leader is None))
    if chain and chain.office_check:
        steps.append((ReviewKind.OFFICE_CHECK, None, False))
    steps.append((ReviewKind.SIGN, document.signer, False))
    return steps


def submit_outgoing(
    *, actor: User, document: OutgoingDocument, leader: User | None = None, note: str = ""
) -> OutgoingEvent:
    """Send the draft along its organization's review chain (a new round each time)."""
    require(actor, Action.SUBMIT, document)
    authority = check_authority(
        organization=document.organization, document_type=document.document_type,
        signer=document.signer, capacity=document.capacity, on=clock.today(),
    )
    if not authority.allowed:
        raise Invalid(authority.reason, fields={"signer": authority.reason})
    if not document.recipients.exists():
        raise Invalid("Cần ghi nơi nhận trước khi trình.", fields={"recipients": "Trống."})
    with transaction.atomic():
        last = document.reviews.order_by("-round").values_list("round", flat=True).first()
        round_ = (last or 0) + 1
        reviews = [
            Review(document=document, round=round_, position=i, kind=kind, reviewer=reviewer,
                   state=ReviewState.SKIPPED if skip else ReviewState.WAITING,
                   version=document.version)
            for i, (kind, reviewer, skip) in enumerate(_planned_steps(document, leader))
        ]
        Review.objects.bulk_create(reviews)
        _activate_next(document)
        return transition(document, actor=actor, kind=EventKind.SUBMIT, to=Status.IN_REVIEW,
                          note=note, round=round_)


def _activate_next(document: OutgoingDocument) -> Review | None:
    following = document.reviews.filter(state=ReviewState.WAITING).order_by("round", "position")
    step = following.first()
    if step is not None:
        Review.objects.filter(pk=step.pk).update(state=ReviewState.PENDING)
    return step


def _decide(review: Review, actor: User, state: str, comment: str) -> None:
    changed = Review.objects.filter(pk=review.pk, state=ReviewState.PENDING).update(
        state=state, decided_by=actor, decided_at=clock.now(), comment=comment
    )
    if not changed:
        raise Conflict()


def approve_outgoing(*, actor: User, document: OutgoingDocument, comment: str = "") -> Review:
    """The pending reviewer agrees; the next step becomes pending."""
    require(actor, Action.REVIEW, document)
    review = pending_review(document)
    assert review is not None  # `can` checked it
    with transaction.atomic():
        _decide(review, actor, ReviewState.APPROVED, nfc(comment).strip())
        _activate_next(document)
        transition(document, actor=actor, kind=EventKind.APPROVE, to=Status.IN_REVIEW,
                   note=comment, step=review.kind)
    return review


def sign_outgoing(*, actor: User, document: OutgoingDocument, comment: str = "") -> None:
    """The signer approves the final version; the clerk can now number and issue it."""
    require(actor, Action.SIGN, document)
    authority = check_authority(
        organization=document.organization, document_type=document.document_type,
        signer=actor, capacity=document.capacity, on=clock.today(),
    )
    if not authority.allowed:
        raise NotAllowed(authority.reason)
    review = pending_review(document)
    assert review is not None
    with transaction.atomic():
        _decide(review, actor, ReviewState.APPROVED, nfc(comment).strip())
        document.signed_at = clock.now()
        document.save(update_fields=["signed_at", "updated_at"])
        transition(document, actor=actor, kind=EventKind.SIGN, to=Status.SIGNED, note=comment,
                   version=document.version)


def return_outgoing(*, actor: User, document: OutgoingDocument, reason: str) -> None:
    """Send the draft back to the drafter for revision, with the reason."""
    require(actor, Action.RETURN, document)
    reason = nfc(reason).strip()
    if not reason:
        raise Invalid("Cần ghi lý do trả lại.", fields={"reason": "Trống."})
    with transaction.atomic():
        review = pending_review(document)
        if review is not None:
            _decide(review, actor, ReviewState.RETURNED, reason)
        document.reviews.filter(state=ReviewState.WAITING).update(state=ReviewState.CANCELLED)
        if document.status == Status.SIGNED:
            document.signed_at = None
            document.save(update_fields=["signed_at", "updated_at"])
        transition(document, actor=actor, kind=EventKind.RETURN, to=Status.RETURNED,
                   note=reason)


def withdraw_outgoing(*, actor: User, document: OutgoingDocument, reason: str) -> None:
    """The drafter abandons the draft; it stays on record."""
    require(actor, Action.WITHDRAW, document)
    reason = nfc(reason).strip()
    if not reason:
        raise Invalid("Cần ghi lý do hủy dự thảo.", fields={"reason": "Trống."})
    with transaction.atomic():
        document.reviews.filter(
            state__in=[ReviewState.WAITING, ReviewState.PENDING]
        ).update(state=ReviewState.CANCELLED)
        transition(document, actor=actor, kind=EventKind.WITHDRAW, to=Status.WITHDRAWN,
                   note=reason)


def draft_date_text() -> str:
    """What a draft shows where the issuing date will go."""
    return f"ngày …… tháng …… năm {clock.today().year}"


def issued_date_text(document: OutgoingDocument) -> str:
    return long_date(document.issued_date)
