"""Intake through the API: read a file's header fields without registering anything
(`POST /intake/extract`), put files into the intake queue, follow them, and register,
discard or retry them — the same gatekeeper (`vanphong.intake.access`) as the pages."""

from __future__ import annotations

import datetime as dt
import tempfile
import uuid
from pathlib import Path
from typing import Any, BinaryIO, cast

from django.http import HttpRequest
from ninja import File, Form, Query, Router, Schema, Status, UploadedFile
from pydantic import Field

from vanphong import clock, legacy_encoding
from vanphong.api import present
from vanphong.api.errors import errors
from vanphong.api.files import _clean_name
from vanphong.api.idempotency import idempotent
from vanphong.api.incoming import _fields, _organizations
from vanphong.api.schemas import IncomingCreated, IncomingCreateIn, office_query
from vanphong.errors import Invalid, NotAllowed
from vanphong.files.actions import check_upload
from vanphong.intake import decisions, pipeline
from vanphong.intake.access import (
    Action,
    get_item_for,
    may_extract,
    receiving_offices,
    visible_items,
)
from vanphong.intake.extraction import extract
from vanphong.intake.extraction_lexicon import Vocabulary
from vanphong.intake.models import IntakeItem, ItemState, Source
from vanphong.intake.proposal import as_extraction
from vanphong.intake.receiving import receive_upload
from vanphong.intake.vocabulary import office_vocabulary
from vanphong.organizations.acting import current_office
from vanphong.organizations.models import Office, User

router = Router(tags=["Tiếp nhận tự động"])
ITEM_PATH = "/intake/items/{uuid:item_id}"
MAX_TEXT = 200_000


def _user(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined, no-any-return]


class Proposed(Schema):
    value: str | None = Field(description="Giá trị đọc được; null nếu không tìm thấy.")
    confidence: float = Field(ge=0, le=1, description="Độ tin cậy từ 0 đến 1.")


class SignerInfoOut(Schema):
    Position: Proposed
    FullName: Proposed


class ExtractOut(Schema):
    """Keys of rules.md §1.9 (edXML), plus Place, Competence and Secrecy."""

    OrganName: Proposed
    CodeNumber: Proposed
    CodeNotation: Proposed
    IssuedDate: Proposed = Field(description="Ngày ban hành, dạng ISO (YYYY-MM-DD).")
    TypeName: Proposed
    Subject: Proposed
    SignerInfo: SignerInfoOut
    Priority: Proposed
    Place: Proposed
    Competence: Proposed
    Secrecy: Proposed
    source: str = Field(description="Nguồn chữ: text, pdf, docx hoặc ocr.")
    pages: int | None = None


@router.post(
    "/intake/extract",
    response={200: ExtractOut, **errors(400, 401, 403, 413, 422)},
    summary="Đọc các thông tin của văn bản từ tệp hoặc đoạn chữ (không vào sổ, không lưu)",
)
def extract_fields(
    request: HttpRequest,
    file: File[UploadedFile | None] = None,
    text: Form[str | None] = None,
    office: int | None = office_query(),
) -> Any:
    if not may_extract(_user(request)):
        raise NotAllowed("Chỉ cán bộ của văn phòng được dùng chức năng đọc văn bản.")
    if (file is None) == (not text):
        raise Invalid(
            "Gửi đúng một trong hai: tệp (file) hoặc đoạn chữ (text).",
            fields={"file": "Gửi tệp hoặc chữ.", "text": "Gửi tệp hoặc chữ."},
        )
    if text:
        if len(text) > MAX_TEXT:
            raise Invalid(f"Đoạn chữ dài quá {MAX_TEXT} ký tự.", fields={"text": "Quá dài."})
        vocabulary = _vocabulary(request, office)
        text = legacy_encoding.fix_legacy(text)  # "Uû ban nh©n d©n" pasted from an old file
        return {**extract(text, vocabulary).as_edxml(), "source": "text", "pages": None}
    assert file is not None
    name = _clean_name(file.name)
    kind = check_upload(stream=cast(BinaryIO, file), name=name, size=file.size)
    with tempfile.TemporaryDirectory(prefix="vanphong-extract-") as folder:
        path = Path(folder) / f"tep{kind.extension}"
        file.seek(0)
        with open(path, "wb") as out:
            for chunk in file.chunks():
                out.write(chunk)
        try:
            layer = pipeline.read_header(path, kind.key, Path(folder))
        except pipeline.StepFailed as failure:
            raise Invalid(failure.message, fields={"file": failure.message}) from None
    fields = extract(layer.text, _vocabulary(request, office)).as_edxml()
    return {**fields, "source": layer.source, "pages": layer.pages or None}


# --- The queue -----------------------------------------------------------------------------


class ItemOut(Schema):
    id: uuid.UUID
    filename: str
    source: str
    state: str
    state_label: str
    step: str
    error: str
    sender: str
    received_at: dt.datetime
    page_count: int | None
    text_source: str
    file_id: uuid.UUID = Field(description="Tệp gốc (không bao giờ bị sửa).")
    searchable_file_id: uuid.UUID | None = Field(description="Bản PDF có lớp chữ do OCR tạo.")
    proposal: dict[str, Any] = Field(
        description="Đề xuất theo từng trường: {value, confidence, span}."
    )
    fields: ExtractOut | None = Field(description="Đề xuất theo tên trường §1.9.")
    suggestion: dict[str, Any]
    duplicates: list[dict[str, str]]
    document_ids: list[uuid.UUID]


class ItemPage(Schema):
    count: int
    items: list[ItemOut]


class ItemFilters(Schema):
    state: ItemState | None = None
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=1_000_000)


class DiscardIn(Schema):
    reason: str = Field(min_length=1, max_length=300)


def _out(item: IntakeItem) -> dict[str, Any]:
    fields = None
    if item.proposal:
        fields = {
            **as_extraction(item.proposal).as_edxml(),
            "source": item.text_source,
            "pages": item.page_count,
        }
    return {
        "id": item.pk,
        "filename": item.filename,
        "source": item.source,
        "state": item.state,
        "state_label": ItemState(item.state).label,
        "step": item.step,
        "error": item.error,
        "sender": item.sender,
        "received_at": item.received_at,
        "page_count": item.page_count,
        "text_source": item.text_source,
        "file_id": item.original_id,
        "searchable_file_id": item.searchable_id,
        "proposal": item.proposal,
        "fields": fields,
        "suggestion": item.suggestion,
        "duplicates": item.duplicates,
        "document_ids": list(item.receipt.documents.values_list("pk", flat=True))
        if item.receipt is not None
        else [],
    }


def _vocabulary(request: HttpRequest, wanted: int | None) -> Vocabulary:
    """The vocabulary of the caller's office (`current_office`)."""
    office = current_office(_user(request), wanted=wanted)
    return office_vocabulary(office.pk if office else None)


def _office_for(user: User, wanted: int | None) -> Office:
    """The office whose intake queue receives the file (`current_office` among the
    offices the caller receives for)."""
    receiving = receiving_offices(user)
    if not receiving:
        raise NotAllowed("Chỉ văn thư được đưa tệp vào hàng chờ tiếp nhận.")
    office = current_office(user, among=receiving, wanted=wanted)
    assert office is not None  # some office receives
    return office


class ItemCreated(ItemOut):
    """The item of the file sent; for an archive (.zip, .7z, .rar), the item of its first
    file, with every item it gave in `unpacked` and the files refused in `refused`."""

    unpacked: list[ItemOut] = Field(
        description="Mọi văn bản tiếp nhận từ tệp gửi (một, hoặc mỗi tệp trong tệp nén).")
    refused: list[str] = Field(description="Tệp trong tệp nén bị từ chối, kèm lý do.")


@router.post(
    "/intake/items",
    response={201: ItemCreated, **errors(400, 401, 403, 413, 422, 503)},
    summary="Đưa một tệp (hoặc các tệp trong một tệp nén) vào hàng chờ tiếp nhận; hệ thống "
            "tự đọc trong nền",
)
def create_item(
    request: HttpRequest, file: File[UploadedFile], sender: Form[str] = "",
    office: int | None = office_query(),
) -> Status:
    user = _user(request)
    reception = receive_upload(
        office=_office_for(user, office),
        stream=cast(BinaryIO, file),
        name=_clean_name(file.name),
        size=file.size,
        source=Source.API,
        actor=user,
        sender=sender[:300],
    )
    for item in reception.items:
        item.refresh_from_db()
    unpacked = [_out(item) for item in reception.items]
    return Status(201, {**unpacked[0], "unpacked": unpacked, "refused": reception.refused})


@router.get(
    "/intake/items",
    response={200: ItemPage, **errors(400, 401, 422)},
    summary="Danh sách văn bản trong hàng chờ tiếp nhận",
)
def list_items(request: HttpRequest, filters: Query[ItemFilters]) -> Any:
    items = visible_items(_user(request)).select_related("receipt")
    if filters.state:
        items = items.filter(state=filters.state)
    items = items.order_by("-received_at", "id")
    page = items[filters.offset : filters.offset + filters.limit]
    return {"count": items.count(), "items": [_out(i) for i in page]}


@router.get(ITEM_PATH, response={200: ItemOut, **errors(400, 401, 404)},
            summary="Một văn bản tiếp nhận: trạng thái, đề xuất, gợi ý xử lý")
def get_item(request: HttpRequest, item_id: uuid.UUID) -> Any:
    return _out(get_item_for(_user(request), item_id))


class IntakeRegisterIn(IncomingCreateIn):
    """As POST /incoming; the file is the item's own (file_ids must stay empty)."""


@router.post(
    ITEM_PATH + "/register",
    response={201: IncomingCreated, **errors(400, 401, 403, 404, 409, 413, 422)},
    summary="Vào sổ văn bản tiếp nhận (tệp gốc và bản có lớp chữ được đính kèm)",
)
@idempotent
def register_item(request: HttpRequest, item_id: uuid.UUID, payload: IntakeRegisterIn) -> Status:
    user = _user(request)
    item = get_item_for(user, item_id, Action.REGISTER)
    if payload.file_ids:
        raise Invalid(
            "Không gửi file_ids: tệp là tệp của văn bản tiếp nhận.",
            fields={"file_ids": "Phải để trống."},
        )
    organizations = _organizations(user, payload.organization_ids)
    documents = decisions.register_item(
        actor=user,
        item=item,
        organizations=organizations,
        fields=_fields(payload),
        arrival_at=payload.arrival_at,
        has_paper_original=payload.has_paper_original,
    )
    today = clock.today()
    return Status(201, {"receipt_id": documents[0].receipt_id,
                        "documents": [present.list_item(d, today=today) for d in documents]})


@router.post(ITEM_PATH + "/discard",
             response={200: ItemOut, **errors(400, 401, 403, 404, 409, 413, 422)},
             summary="Bỏ một văn bản tiếp nhận (không vào sổ), có lý do")
def discard_item(request: HttpRequest, item_id: uuid.UUID, payload: DiscardIn) -> Any:
    user = _user(request)
    item = get_item_for(user, item_id, Action.DISCARD)
    decisions.discard_item(actor=user, item=item, reason=payload.reason)
    item.refresh_from_db()
    return _out(item)


@router.post(ITEM_PATH + "/retry", response={200: ItemOut, **errors(400, 401, 403, 404, 409)},
             summary="Đọc lại một văn bản tiếp nhận bị lỗi")
def retry_item(request: HttpRequest, item_id: uuid.UUID) -> Any:
    user = _user(request)
    item = get_item_for(user, item_id, Action.RETRY)
    return _out(pipeline.retry(actor=user, item=item))

