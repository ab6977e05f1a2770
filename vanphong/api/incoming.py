"""Incoming documents: register, list, read, download, and every processing step.

Each endpoint parses its input, asks the gatekeeper (`vanphong.incoming.access`) for the
document, calls one action from `vanphong.incoming.actions`, and answers with the
document as it now stands.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest
from django.utils.text import capfirst
from ninja import Path, Query, Router, Status

from vanphong import clock
from vanphong.api import present
from vanphong.api.errors import DuplicateFound, errors
from vanphong.api.idempotency import idempotent
from vanphong.api.schemas import (
    MAX_ID,
    CompleteIn,
    DuplicateErrorOut,
    IncomingCorrectIn,
    IncomingCreated,
    IncomingCreateIn,
    IncomingDetail,
    IncomingFilters,
    IncomingPage,
    InstructIn,
    ProgressIn,
    ReasonIn,
    ReassignIn,
    RouteIn,
    ShareIn,
)
from vanphong.errors import Invalid, NotAllowed, NotFound
from vanphong.files import content
from vanphong.files.access import files_to_attach
from vanphong.files.actions import open_stored
from vanphong.files.models import StoredFile
from vanphong.incoming import actions
from vanphong.incoming.access import Action, get_incoming_for, may_register, visible_incoming
from vanphong.incoming.models import IncomingDocument
from vanphong.incoming.queries import incoming_list
from vanphong.organizations.models import Office, Organization, Unit, User
from vanphong.registers.models import DocumentType, Register

router = Router(tags=["Văn bản đến"])

DETAIL_RESPONSES: dict[int, Any] = {200: IncomingDetail, **errors(401, 404)}
ACTION_RESPONSES: dict[int, Any] = {
    200: IncomingDetail, **errors(400, 401, 403, 404, 409, 413, 422)}
DOCUMENT_PATH = "/incoming/{uuid:document_id}"
FILE_TYPES = tuple(k for k in content.KINDS if k.key not in content.ARCHIVE)
BINARY = {"schema": {"type": "string", "format": "binary"}}


def _user(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined, no-any-return]


# --- Looking up what a request refers to ------------------------------------------------


def _missing(field: str, label: str, ids: Sequence[object]) -> Invalid:
    listed = ", ".join(str(i) for i in ids)
    return Invalid(f"Không tìm thấy {label}: {listed}.",
                   fields={field: f"Không có {label} {listed}."})


def _by_ids(queryset: QuerySet[Any], ids: Sequence[Any], field: str, label: str) -> list[Any]:
    """The rows with these ids, in the order given; Invalid naming the missing ones."""
    rows = {row.pk: row for row in queryset.filter(pk__in=set(ids))}
    missing = [i for i in dict.fromkeys(ids) if i not in rows]
    if missing:
        raise _missing(field, label, missing)
    return [rows[i] for i in dict.fromkeys(ids)]


def _users(ids: Sequence[int], field: str) -> list[User]:
    return _by_ids(User.objects.filter(is_active=True), ids, field, "người dùng")


def _user_or_none(user_id: int | None, field: str) -> User | None:
    return _users([user_id], field)[0] if user_id is not None else None


def _units(ids: Sequence[int], field: str) -> list[Unit]:
    return _by_ids(Unit.objects.all(), ids, field, "đơn vị")


def _document_type(type_id: int | None, field: str = "document_type_id") -> DocumentType | None:
    if type_id is None:
        return None
    return _by_ids(DocumentType.objects.filter(is_active=True), [type_id], field,
                   "loại văn bản")[0]


# --- Listing -----------------------------------------------------------------------------


@router.get("/incoming", response={200: IncomingPage, **errors(401, 422)},
            summary="Danh sách văn bản đến người gọi được xem")
def list_incoming(request: HttpRequest, filters: Query[IncomingFilters]) -> dict[str, Any]:
    documents = incoming_list(_user(request), filters.list_params())
    start = (filters.page - 1) * filters.page_size
    page = documents[start:start + filters.page_size]
    return {"items": present.list_items(page, today=clock.today()), "count": documents.count(),
            "page": filters.page, "page_size": filters.page_size}


# --- Registration ------------------------------------------------------------------------


def _organizations(user: User, ids: Sequence[int]) -> list[Organization]:
    organizations = _by_ids(Organization.objects.active().select_related("office"), ids,
                            "organization_ids", "cơ quan")
    if not all(may_register(user, o.pk, o.office_id) for o in organizations):
        raise NotAllowed("Chỉ văn thư của văn phòng được vào sổ văn bản đến.")
    return organizations


def _chosen_registers(
    ids: Sequence[int], organizations: Sequence[Organization]
) -> dict[int, Register]:
    chosen: dict[int, Register] = {}
    org_ids = {o.pk for o in organizations}
    for register in _by_ids(Register.objects.all(), ids, "register_ids", "sổ đăng ký"):
        if register.organization_id not in org_ids or register.organization_id in chosen:
            raise Invalid("Mỗi cơ quan nhận chọn nhiều nhất một sổ của chính cơ quan đó.",
                          fields={"register_ids": f"Sổ {register.pk} không hợp lệ."})
        if not register.is_active:
            raise Invalid(f"{capfirst(register.called)} đã ngừng sử dụng.",
                          fields={"register_ids": f"Sổ {register.pk} đã ngừng sử dụng."})
        chosen[register.organization_id] = register
    return chosen


def _fields(payload: IncomingCreateIn) -> actions.IncomingFields:
    return actions.IncomingFields(
        issuer=payload.issuer, code=payload.code, issued_date=payload.issued_date,
        subject=payload.subject, document_type=_document_type(payload.document_type_id),
        signer_name=payload.signer_name, signer_position=payload.signer_position,
        reply_due=payload.reply_due, recipients=payload.recipients, pages=payload.pages,
        urgency=payload.urgency, secrecy=payload.secrecy, note=payload.note,
    )


def _refuse_duplicates(
    user: User, office: Office, fields: actions.IncomingFields, files: Sequence[StoredFile]
) -> None:
    """409 when the document seems registered already. Only the matches the caller may
    see are described; the others are only counted."""
    matches = actions.find_duplicates(office=office, fields=fields, files=files)
    total = matches.count()
    if not total:
        return
    visible = matches.filter(pk__in=visible_incoming(user).values("pk"))
    shown = present.list_items(visible.order_by("arrival_at", "id"), today=clock.today())
    raise DuplicateFound(
        f"Văn bản này có thể đã được vào sổ ({total} văn bản trùng tệp hoặc trùng số, ký hiệu, "
        "cơ quan ban hành và ngày). Gửi lại với allow_duplicate: true nếu vẫn muốn vào sổ.",
        duplicates=shown, hidden=total - len(shown),
    )


@router.post("/incoming", response={201: IncomingCreated, 409: DuplicateErrorOut,
                                     **errors(400, 401, 403, 413, 422)},
             summary="Vào sổ văn bản đến cho một hoặc nhiều cơ quan")
@idempotent
def create_incoming(request: HttpRequest, payload: IncomingCreateIn) -> Status:
    user = _user(request)
    organizations = _organizations(user, payload.organization_ids)
    registers = _chosen_registers(payload.register_ids, organizations)
    fields = _fields(payload)
    files = files_to_attach(user, payload.file_ids)
    if not payload.allow_duplicate:
        _refuse_duplicates(user, organizations[0].office, fields, files)
    documents = actions.register_incoming(
        actor=user, organizations=organizations, fields=fields,
        files=[(f, f.original_name) for f in files], channel=payload.channel,
        has_paper_original=payload.has_paper_original, arrival_at=payload.arrival_at,
        registers=registers,
    )
    today = clock.today()
    return Status(201, {"receipt_id": documents[0].receipt_id,
                        "documents": [present.list_item(d, today=today) for d in documents]})


# --- Reading -----------------------------------------------------------------------------


@router.get(DOCUMENT_PATH, response=DETAIL_RESPONSES,
            summary="Một văn bản đến, với tệp, phân luồng, phân công và toàn bộ lịch sử")
def get_incoming(request: HttpRequest, document_id: uuid.UUID) -> dict[str, Any]:
    user = _user(request)
    document = get_incoming_for(user, document_id)
    with transaction.atomic():
        actions.record_opening(actor=user, document=document)
    return present.detail(document, user=user, today=clock.today())


@router.get(
    DOCUMENT_PATH + "/files/{int:attachment_id}", response={200: None, **errors(401, 404, 422)},
    summary="Tải tệp đính kèm (được ghi nhật ký)",
    openapi_extra={"responses": {200: {
        "description": "Nội dung tệp, đúng như khi tiếp nhận.",
        "content": {kind.content_type: BINARY for kind in FILE_TYPES},
    }}},
)
def download_attachment(
    request: HttpRequest, document_id: uuid.UUID, attachment_id: int = Path(..., ge=1, le=MAX_ID)
) -> FileResponse:
    user = _user(request)
    document = get_incoming_for(user, document_id)
    attachment = (document.receipt.attachments.select_related("stored_file")
                  .filter(pk=attachment_id).first())
    if attachment is None:
        raise NotFound("Không tìm thấy tệp đính kèm này trong văn bản.")
    with transaction.atomic():
        actions.record_download(actor=user, document=document, attachment=attachment)
    return FileResponse(open_stored(attachment.stored_file), as_attachment=True,
                        filename=attachment.filename,
                        content_type=attachment.stored_file.content_type)


# --- Processing steps --------------------------------------------------------------------


def _act(
    request: HttpRequest, document_id: uuid.UUID, action: Action,
    run: Callable[[User, IncomingDocument], object],
) -> dict[str, Any]:
    """Gatekeeper, then the action, then the document as it now stands."""
    user = _user(request)
    document = get_incoming_for(user, document_id, action)
    run(user, document)
    document.refresh_from_db()
    return present.detail(document, user=user, today=clock.today())


@router.post(DOCUMENT_PATH + "/route", response=ACTION_RESPONSES,
             summary="Trình lãnh đạo cơ quan (văn thư)")
def route_document(
    request: HttpRequest, document_id: uuid.UUID, payload: RouteIn
) -> dict[str, Any]:
    return _act(request, document_id, Action.ROUTE, lambda user, doc: actions.route_incoming(
        actor=user, document=doc, leaders=_users(payload.leader_ids, "leader_ids"),
        note=payload.note))


def _handlers(payload: InstructIn) -> actions.Handlers:
    lead_units = _units([payload.lead_unit_id], "lead_unit_id") if payload.lead_unit_id else []
    return actions.Handlers(
        lead_person=_user_or_none(payload.lead_person_id, "lead_person_id"),
        lead_unit=lead_units[0] if lead_units else None,
        support_people=_users(payload.support_person_ids, "support_person_ids"),
        support_units=_units(payload.support_unit_ids, "support_unit_ids"),
        for_info=_users(payload.for_info_ids, "for_info_ids"),
    )


@router.post(DOCUMENT_PATH + "/instruct", response=ACTION_RESPONSES,
             summary="Cho ý kiến chỉ đạo: chủ trì, phối hợp, để biết, hạn xử lý (lãnh đạo)")
def instruct_document(
    request: HttpRequest, document_id: uuid.UUID, payload: InstructIn
) -> dict[str, Any]:
    return _act(request, document_id, Action.INSTRUCT, lambda user, doc: actions.instruct_incoming(
        actor=user, document=doc, handlers=_handlers(payload), deadline=payload.deadline,
        text=payload.text))


def _reassign(user: User, document: IncomingDocument, payload: ReassignIn) -> object:
    assignment = document.assignments.filter(pk=payload.assignment_id).first()
    if assignment is None:
        raise Invalid("Văn bản không có phần việc này.",
                      fields={"assignment_id": "Không thuộc văn bản."})
    person = _users([payload.person_id], "person_id")[0]
    return actions.reassign_incoming(actor=user, document=document, assignment=assignment,
                                     person=person, note=payload.note)


@router.post(DOCUMENT_PATH + "/reassign", response=ACTION_RESPONSES,
             summary="Giao phần việc của đơn vị cho một người trong đơn vị (trưởng đơn vị)")
def reassign_document(
    request: HttpRequest, document_id: uuid.UUID, payload: ReassignIn
) -> dict[str, Any]:
    return _act(request, document_id, Action.REASSIGN,
                lambda user, doc: _reassign(user, doc, payload))


@router.post(DOCUMENT_PATH + "/progress", response=ACTION_RESPONSES,
             summary="Cập nhật tiến độ xử lý (người chủ trì, phối hợp)")
def record_progress(
    request: HttpRequest, document_id: uuid.UUID, payload: ProgressIn
) -> dict[str, Any]:
    return _act(request, document_id, Action.PROGRESS, lambda user, doc: actions.record_progress(
        actor=user, document=doc, note=payload.note))


@router.post(DOCUMENT_PATH + "/complete", response=ACTION_RESPONSES,
             summary="Hoàn thành xử lý (người chủ trì)")
def complete_document(
    request: HttpRequest, document_id: uuid.UUID, payload: CompleteIn
) -> dict[str, Any]:
    return _act(request, document_id, Action.COMPLETE, lambda user, doc: actions.complete_incoming(
        actor=user, document=doc, result=payload.result, reply_code=payload.reply_code))


@router.post(DOCUMENT_PATH + "/return", response=ACTION_RESPONSES,
             summary="Trả lại một bước, có lý do")
def return_document(
    request: HttpRequest, document_id: uuid.UUID, payload: ReasonIn
) -> dict[str, Any]:
    return _act(request, document_id, Action.RETURN, lambda user, doc: actions.return_incoming(
        actor=user, document=doc, reason=payload.reason))


@router.post(DOCUMENT_PATH + "/reopen", response=ACTION_RESPONSES,
             summary="Mở lại văn bản đã hoàn thành (lãnh đạo)")
def reopen_document(
    request: HttpRequest, document_id: uuid.UUID, payload: ReasonIn
) -> dict[str, Any]:
    return _act(request, document_id, Action.REOPEN, lambda user, doc: actions.reopen_incoming(
        actor=user, document=doc, reason=payload.reason))


@router.post(DOCUMENT_PATH + "/share", response=ACTION_RESPONSES,
             summary="Cho thêm người xem văn bản mật")
def share_document(
    request: HttpRequest, document_id: uuid.UUID, payload: ShareIn
) -> dict[str, Any]:
    return _act(request, document_id, Action.SHARE_SECRET, lambda user, doc: actions.share_secret(
        actor=user, document=doc, readers=_users(payload.reader_ids, "reader_ids")))


def _corrected(document: IncomingDocument, changes: dict[str, Any]) -> actions.IncomingFields:
    """The document's recorded fields with the sent changes applied."""
    values = {name: getattr(document, name) for name in actions.CORRECTABLE}
    values["secrecy"] = document.secrecy
    if "document_type_id" in changes:
        values["document_type"] = _document_type(changes.pop("document_type_id"))
    values.update(changes)
    return actions.IncomingFields(**values)


@router.patch(DOCUMENT_PATH, response=ACTION_RESPONSES,
              summary="Sửa thông tin đã vào sổ (văn thư); lịch sử giữ giá trị cũ và mới")
def correct_document(
    request: HttpRequest, document_id: uuid.UUID, payload: IncomingCorrectIn
) -> dict[str, Any]:
    changes = payload.model_dump(exclude_unset=True)
    reason = changes.pop("reason", "")
    return _act(request, document_id, Action.CORRECT, lambda user, doc: actions.correct_incoming(
        actor=user, document=doc, fields=_corrected(doc, changes), reason=reason))
