"""Outgoing documents: draft, review, sign, number, issue, distribute, recall.

Each endpoint parses its input, asks the gatekeeper (`vanphong.outgoing.access`) for the
document, calls one action from `vanphong.outgoing.actions` or `.issuing`, and answers
with the document as it now stands. The rules live in those actions, not here.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.http import FileResponse, HttpRequest
from ninja import Path, Query, Router, Status

from vanphong import clock
from vanphong.api.errors import errors
from vanphong.api.idempotency import idempotent
from vanphong.api.incoming import _by_ids, _document_type, _units, _user_or_none
from vanphong.api.outgoing_schemas import (
    ACTION_RESPONSES,
    DETAIL_RESPONSES,
    CommentIn,
    DraftCreateIn,
    DraftIn,
    DraftUpdateIn,
    IssueIn,
    OpinionIn,
    OutgoingDetail,
    OutgoingFilters,
    OutgoingPage,
    RecipientIn,
    ReservationOut,
    ReserveIn,
    SubmitIn,
)
from vanphong.api.present import organization_ref, person
from vanphong.api.schemas import (
    MAX_ID,
    ReasonIn,
)
from vanphong.audit.actions import record_audit
from vanphong.errors import NotFound
from vanphong.files.actions import open_stored
from vanphong.incoming.access import visible_incoming
from vanphong.organizations.models import Organization, User
from vanphong.outgoing import actions, conformity, issuing
from vanphong.outgoing.access import Action, allowed_actions, get_outgoing_for
from vanphong.outgoing.delivery import recipient_progress, resend
from vanphong.outgoing.models import (
    Correspondent,
    NumberReservation,
    OutgoingDocument,
    ReviewKind,
    ReviewState,
)
from vanphong.outgoing.models import EventKind as OutgoingEventKind
from vanphong.outgoing.models import Status as OutgoingStatus
from vanphong.outgoing.queries import outgoing_list
from vanphong.registers.access import get_register_for

router = Router(tags=["Văn bản đi"])

DOCUMENT_PATH = "/outgoing/{uuid:document_id}"
BINARY = {"schema": {"type": "string", "format": "binary"}}

# --- Presenting ------------------------------------------------------------------------------


def _user(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined, no-any-return]


def _person(user: User | None) -> dict[str, Any] | None:
    return person(user) if user is not None else None


def _type_ref(document_type: Any) -> dict[str, Any] | None:
    if document_type is None:
        return None
    return {"id": document_type.pk, "name": document_type.name,
            "abbreviation": document_type.abbreviation}


def list_item(document: OutgoingDocument) -> dict[str, Any]:
    return {
        "id": document.pk, "organization": organization_ref(document.organization),
        "document_type": _type_ref(document.document_type), "subject": document.subject,
        "status": document.status, "status_label": OutgoingStatus(document.status).label,
        "urgency": document.urgency, "secrecy": document.secrecy,
        "drafter": person(document.drafter), "signer": _person(document.signer),
        "capacity": document.capacity, "code": document.code, "number": document.number,
        "issued_date": document.issued_date, "created_at": document.created_at,
    }


def _reviews(document: OutgoingDocument) -> list[dict[str, Any]]:
    rows = document.reviews.select_related("reviewer", "decided_by")
    return [{"id": r.pk, "round": r.round, "position": r.position, "kind": r.kind,
             "kind_label": ReviewKind(r.kind).label, "reviewer": _person(r.reviewer),
             "state": r.state, "state_label": ReviewState(r.state).label,
             "decided_by": _person(r.decided_by), "decided_at": r.decided_at,
             "comment": r.comment, "version": r.version} for r in rows]


def _recipients(document: OutgoingDocument) -> list[dict[str, Any]]:
    rows = document.recipients.select_related("incoming")
    return [{"id": r.pk, "kind": r.kind, "organization_id": r.organization_id,
             "correspondent_id": r.correspondent_id, "name": r.name, "email": r.email,
             "state": r.state, "progress": recipient_progress(r), "attempts": r.attempts,
             "last_error": r.last_error, "delivered_at": r.delivered_at} for r in rows]


def _versions(document: OutgoingDocument) -> list[dict[str, Any]]:
    rows = document.versions.select_related("author")
    return [{"number": v.number, "filename": v.filename, "author": person(v.author),
             "created_at": v.created_at, "note": v.note} for v in rows]


def _comments(document: OutgoingDocument) -> list[dict[str, Any]]:
    rows = document.comments.select_related("author")
    return [{"author": person(c.author), "at": c.at, "text": c.text, "version": c.version}
            for c in rows]


def _checks(document: OutgoingDocument) -> list[dict[str, Any]]:
    if document.status != OutgoingStatus.SIGNED:
        return []
    return [{"area": c.area, "area_label": c.area.label, "level": c.level, "message": c.message}
            for c in conformity.issue_checks(document, on=clock.today())]


def _history(document: OutgoingDocument) -> list[dict[str, Any]]:
    rows = document.events.select_related("actor")
    return [{"id": e.pk, "at": e.at, "actor": _person(e.actor), "kind": e.kind,
             "kind_label": OutgoingEventKind(e.kind).label, "from_status": e.from_status or None,
             "to_status": e.to_status or None, "note": e.note, "data": e.data} for e in rows]


def detail(document: OutgoingDocument, *, user: User) -> dict[str, Any]:
    answers = document.answers.filter(pk__in=visible_incoming(user).values("pk"))
    return {
        **list_item(document),
        "body": document.body, "addressees": document.addressees, "copies": document.copies,
        "drafting_unit_id": document.drafting_unit_id, "version": document.version,
        "answers": list(answers.values_list("pk", flat=True)),
        "signed_at": document.signed_at, "signed_on_paper": document.signed_on_paper,
        "register_id": document.register_id, "issued_at": document.issued_at,
        "issued_by": _person(document.issued_by), "issued_late": document.issued_late,
        "paper_copies": document.paper_copies, "final_state": document.final_state,
        "final_error": document.final_error, "has_final_pdf": document.final_pdf_id is not None,
        "end_note": document.end_note, "replaces_id": document.replaces_id,
        "corrects_id": document.corrects_id,
        "reviews": _reviews(document), "recipients": _recipients(document),
        "versions": _versions(document), "comments": _comments(document),
        "checks": _checks(document), "history": _history(document),
        "allowed_actions": sorted(a.value for a in allowed_actions(user, document)),
    }


def _reservation(row: NumberReservation) -> dict[str, Any]:
    return {"id": row.pk, "register_id": row.register_id, "number": row.number,
            "period_key": row.period_key, "series_key": row.series_key,
            "document_type": _type_ref(row.document_type), "secret": row.secret,
            "reason": row.reason, "state": row.state, "reserved_by": person(row.reserved_by),
            "reserved_at": row.reserved_at, "released_reason": row.released_reason,
            "document_id": row.document_id}


# --- Listing -----------------------------------------------------------------------------


@router.get("/outgoing", response={200: OutgoingPage, **errors(401, 422)},
            summary="Danh sách văn bản đi người gọi được xem")
def list_outgoing(request: HttpRequest, filters: Query[OutgoingFilters]) -> dict[str, Any]:
    documents = outgoing_list(_user(request), filters.list_params())
    start = (filters.page - 1) * filters.page_size
    page = documents[start:start + filters.page_size]
    return {"items": [list_item(d) for d in page], "count": documents.count(),
            "page": filters.page, "page_size": filters.page_size}


@router.get(DOCUMENT_PATH, response=DETAIL_RESPONSES,
            summary="Một văn bản đi, với các bước duyệt, nơi nhận, phiên bản, bốn điều kiện "
            "phát hành và toàn bộ lịch sử")
def get_outgoing(request: HttpRequest, document_id: uuid.UUID) -> dict[str, Any]:
    user = _user(request)
    return detail(get_outgoing_for(user, document_id), user=user)


# --- Drafting ----------------------------------------------------------------------------


def _recipient(spec: RecipientIn, organization: Organization, field: str) -> actions.RecipientSpec:
    if spec.organization_id is not None:
        member = _by_ids(Organization.objects.active(), [spec.organization_id], field,
                         "cơ quan")[0]
        return actions.RecipientSpec(organization=member)
    if spec.correspondent_id is not None:
        book = Correspondent.objects.filter(office_id=organization.office_id, is_active=True)
        return actions.RecipientSpec(
            correspondent=_by_ids(book, [spec.correspondent_id], field, "nơi nhận ngoài")[0])
    return actions.RecipientSpec(name=spec.name, email=spec.email)


def _draft_fields(user: User, organization: Organization, payload: DraftIn) -> actions.DraftFields:
    document_type = _document_type(payload.document_type_id)
    assert document_type is not None  # required by the schema
    unit = _units([payload.drafting_unit_id], "drafting_unit_id")[0] \
        if payload.drafting_unit_id else None
    return actions.DraftFields(
        document_type=document_type, subject=payload.subject, body=payload.body,
        addressees=payload.addressees, signer=_user_or_none(payload.signer_id, "signer_id"),
        capacity=payload.capacity or "", drafting_unit=unit, urgency=payload.urgency,
        secrecy=payload.secrecy, copies=payload.copies,
        recipients=tuple(_recipient(r, organization, f"recipients.{i}")
                         for i, r in enumerate(payload.recipients)),
        answers=tuple(_by_ids(visible_incoming(user), payload.answers, "answers",
                              "văn bản đến")),
    )


@router.post("/outgoing", response={201: OutgoingDetail, **errors(400, 401, 403, 422, 503)},
             summary="Tạo dự thảo văn bản đi cho một cơ quan")
@idempotent
def create_outgoing(request: HttpRequest, payload: DraftCreateIn) -> Status:
    user = _user(request)
    organization = _by_ids(Organization.objects.active(), [payload.organization_id],
                           "organization_id", "cơ quan")[0]
    document = actions.create_draft(actor=user, organization=organization,
                                    fields=_draft_fields(user, organization, payload))
    return Status(201, detail(get_outgoing_for(user, document.pk), user=user))


def _act(
    request: HttpRequest, document_id: uuid.UUID, action: Action,
    run: Callable[[User, OutgoingDocument], object],
) -> dict[str, Any]:
    """Gatekeeper, then the action, then the document as it now stands."""
    user = _user(request)
    document = get_outgoing_for(user, document_id, action)
    run(user, document)
    document.refresh_from_db()
    return detail(document, user=user)


@router.put(DOCUMENT_PATH, response=ACTION_RESPONSES,
            summary="Sửa dự thảo (người soạn thảo); lưu thành phiên bản mới")
def update_outgoing(
    request: HttpRequest, document_id: uuid.UUID, payload: DraftUpdateIn
) -> dict[str, Any]:
    return _act(request, document_id, Action.EDIT, lambda user, doc: actions.update_draft(
        actor=user, document=doc, fields=_draft_fields(user, doc.organization, payload),
        note=payload.note))


@router.post(DOCUMENT_PATH + "/comments", response=ACTION_RESPONSES,
             summary="Góp ý vào dự thảo")
def comment_outgoing(
    request: HttpRequest, document_id: uuid.UUID, payload: CommentIn
) -> dict[str, Any]:
    return _act(request, document_id, Action.COMMENT, lambda user, doc: actions.comment_outgoing(
        actor=user, document=doc, text=payload.text))


@router.post(DOCUMENT_PATH + "/withdraw", response=ACTION_RESPONSES,
             summary="Hủy dự thảo, có lý do (người soạn thảo)")
def withdraw_outgoing(
    request: HttpRequest, document_id: uuid.UUID, payload: ReasonIn
) -> dict[str, Any]:
    return _act(request, document_id, Action.WITHDRAW, lambda user, doc: actions.withdraw_outgoing(
        actor=user, document=doc, reason=payload.reason))


# --- Review and signing ------------------------------------------------------------------


@router.post(DOCUMENT_PATH + "/submit", response=ACTION_RESPONSES,
             summary="Trình duyệt theo quy trình của cơ quan (người soạn thảo)")
def submit_outgoing(
    request: HttpRequest, document_id: uuid.UUID, payload: SubmitIn
) -> dict[str, Any]:
    return _act(request, document_id, Action.SUBMIT, lambda user, doc: actions.submit_outgoing(
        actor=user, document=doc, leader=_user_or_none(payload.leader_id, "leader_id"),
        note=payload.note))


@router.post(DOCUMENT_PATH + "/approve", response=ACTION_RESPONSES,
             summary="Đồng ý ở bước duyệt đang chờ (trưởng đơn vị, lãnh đạo, văn phòng)")
def approve_outgoing(
    request: HttpRequest, document_id: uuid.UUID, payload: OpinionIn
) -> dict[str, Any]:
    return _act(request, document_id, Action.REVIEW, lambda user, doc: actions.approve_outgoing(
        actor=user, document=doc, comment=payload.comment))


@router.post(DOCUMENT_PATH + "/return", response=ACTION_RESPONSES,
             summary="Trả lại người soạn thảo để sửa, có lý do")
def return_outgoing(
    request: HttpRequest, document_id: uuid.UUID, payload: ReasonIn
) -> dict[str, Any]:
    return _act(request, document_id, Action.RETURN, lambda user, doc: actions.return_outgoing(
        actor=user, document=doc, reason=payload.reason))


@router.post(DOCUMENT_PATH + "/sign", response=ACTION_RESPONSES,
             summary="Ký ban hành (người ký ghi trên dự thảo)")
def sign_outgoing(
    request: HttpRequest, document_id: uuid.UUID, payload: OpinionIn
) -> dict[str, Any]:
    return _act(request, document_id, Action.SIGN, lambda user, doc: actions.sign_outgoing(
        actor=user, document=doc, comment=payload.comment))


# --- Issuing, recall -----------------------------------------------------------------------


def _number_choice(document: OutgoingDocument, payload: IssueIn) -> issuing.NumberChoice:
    if payload.reservation_id is None:
        return issuing.NumberChoice(manual=payload.manual_number)
    reservations = NumberReservation.objects.filter(
        register__organization_id=document.organization_id)
    return issuing.NumberChoice(
        reservation=_by_ids(reservations, [payload.reservation_id], "reservation_id",
                            "số đã giữ")[0])


@router.post(DOCUMENT_PATH + "/issue", response=ACTION_RESPONSES,
             summary="Cấp số, ghi ngày và phát hành văn bản đã ký (văn thư); bị từ chối, "
             "kèm lý do, khi một trong bốn điều kiện chặn")
@idempotent
def issue_outgoing(
    request: HttpRequest, document_id: uuid.UUID, payload: IssueIn
) -> dict[str, Any]:
    return _act(request, document_id, Action.ISSUE, lambda user, doc: issuing.issue_outgoing(
        actor=user, document=doc, on=payload.on, choice=_number_choice(doc, payload),
        paper_copies=payload.paper_copies))


@router.post(DOCUMENT_PATH + "/recall", response=ACTION_RESPONSES,
             summary="Thu hồi văn bản đã phát hành, có lý do; nơi nhận trong hệ thống thấy "
             "bản của mình bị thu hồi")
def recall_outgoing(
    request: HttpRequest, document_id: uuid.UUID, payload: ReasonIn
) -> dict[str, Any]:
    return _act(request, document_id, Action.RECALL, lambda user, doc: issuing.recall_outgoing(
        actor=user, document=doc, reason=payload.reason))


def _follow_up(request: HttpRequest, document_id: uuid.UUID, payload: DraftIn,
               kind: str) -> Status:
    user = _user(request)
    earlier = get_outgoing_for(user, document_id)
    document = issuing.start_follow_up(
        actor=user, document=earlier, kind=kind,
        fields=_draft_fields(user, earlier.organization, payload),
    )
    return Status(201, detail(get_outgoing_for(user, document.pk), user=user))


@router.post(DOCUMENT_PATH + "/replacement",
             response={201: OutgoingDetail, **errors(400, 401, 403, 404, 422)},
             summary="Soạn văn bản thay thế một văn bản đã phát hành (sai nội dung); khi văn bản "
             "mới phát hành, văn bản cũ bị thay thế và các bản nội bộ bị thu hồi")
@idempotent
def replace_outgoing(request: HttpRequest, document_id: uuid.UUID, payload: DraftIn) -> Status:
    return _follow_up(request, document_id, payload, "replace")


@router.post(DOCUMENT_PATH + "/correction",
             response={201: OutgoingDetail, **errors(400, 401, 403, 404, 422)},
             summary="Soạn công văn đính chính một văn bản đã phát hành (sai thể thức)")
@idempotent
def correct_outgoing(request: HttpRequest, document_id: uuid.UUID, payload: DraftIn) -> Status:
    return _follow_up(request, document_id, payload, "correct")


@router.post(DOCUMENT_PATH + "/recipients/{recipient_id}/resend",
             response={200: OutgoingDetail, **errors(400, 401, 403, 404, 409, 422)},
             summary="Gửi lại thư điện tử đã gửi lỗi tới một nơi nhận (văn thư)")
def resend_recipient(
    request: HttpRequest, document_id: uuid.UUID, recipient_id: int
) -> dict[str, Any]:
    user = _user(request)
    document = get_outgoing_for(user, document_id)
    recipient = document.recipients.filter(pk=recipient_id).first()
    if recipient is None:
        raise NotFound("Không tìm thấy nơi nhận.")
    resend(actor=user, recipient=recipient)
    return detail(document, user=user)


@router.get(
    DOCUMENT_PATH + "/final.pdf", response={200: None, **errors(401, 404)},
    summary="Tải bản phát hành (PDF, được ghi nhật ký)",
    openapi_extra={"responses": {200: {
        "description": "Bản PDF đã cấp số, ngày.", "content": {"application/pdf": BINARY},
    }}},
)
def download_final_pdf(request: HttpRequest, document_id: uuid.UUID) -> FileResponse:
    user = _user(request)
    document = get_outgoing_for(user, document_id)
    stored = document.final_pdf
    if stored is None:
        raise NotFound("Văn bản chưa có bản phát hành.")
    with transaction.atomic():
        record_audit(actor=user, action="outgoing.download", target=document,
                     summary=f"Tải bản phát hành {stored.original_name}",
                     file=str(stored.pk), filename=stored.original_name)
    return FileResponse(open_stored(stored), as_attachment=True,
                        filename=stored.original_name, content_type="application/pdf")


# --- Reserved numbers --------------------------------------------------------------------

RESERVATIONS = "/registers/{register_id}/reservations"


@router.post(RESERVATIONS, response={201: ReservationOut, **errors(400, 401, 403, 404, 422)},
             summary="Giữ số tiếp theo của sổ văn bản đi, có lý do (văn thư)")
@idempotent
def reserve_number(
    request: HttpRequest, payload: ReserveIn, register_id: int = Path(..., ge=1, le=MAX_ID)
) -> Status:
    user = _user(request)
    reservation = issuing.reserve_number(
        actor=user, register=get_register_for(user, register_id), reason=payload.reason,
        document_type=_document_type(payload.document_type_id), secret=payload.secret)
    return Status(201, _reservation(reservation))


@router.post(RESERVATIONS + "/{reservation_id}/release",
             response={200: ReservationOut, **errors(400, 401, 403, 404, 409, 422)},
             summary="Hủy giữ số, có lý do; số vẫn được ghi lại (văn thư)")
def release_reservation(
    request: HttpRequest, payload: ReasonIn, register_id: int = Path(..., ge=1, le=MAX_ID),
    reservation_id: int = Path(..., ge=1, le=MAX_ID),
) -> dict[str, Any]:
    user = _user(request)
    register = get_register_for(user, register_id)
    reservation = register.reservations.filter(pk=reservation_id).first()
    if reservation is None:
        raise NotFound("Không tìm thấy số đã giữ này trong sổ.")
    issuing.release_reservation(actor=user, reservation=reservation, reason=payload.reason)
    reservation.refresh_from_db()
    return _reservation(reservation)

