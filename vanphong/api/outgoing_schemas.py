"""Request and response schemas of the outgoing API (see `outgoing.py`)."""

from __future__ import annotations

import datetime as dt
import enum
import re
import uuid
from typing import Annotated, Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from ninja import Schema
from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StrictBool,
    WithJsonSchema,
    model_validator,
)

from vanphong.api.errors import errors
from vanphong.api.schemas import (
    NO_CONTROL,
    BodyId,
    BodyUrgency,
    DocumentTypeRef,
    Id,
    Input,
    LongText,
    OrganizationRef,
    PersonRef,
    Required200,
    Required500,
    RequiredLongText,
    Secrecy,
    Text200,
    Text1000,
)
from vanphong.outgoing import conformity
from vanphong.outgoing.models import (
    Capacity,
    DeliveryState,
    FinalState,
    RecipientKind,
    ReservationState,
    ReviewKind,
    ReviewState,
)
from vanphong.outgoing.models import EventKind as OutgoingEventKind
from vanphong.outgoing.models import Status as OutgoingStatus
from vanphong.outgoing.queries import OutgoingListParams

# --- Schemas -------------------------------------------------------------------------------


def _inline(choices: type[enum.StrEnum], description: str) -> WithJsonSchema:
    """Written out in place: incoming documents already own the names `Status` and
    `EventKind` in the OpenAPI document."""
    return WithJsonSchema({"type": "string", "enum": [c.value for c in choices],
                           "description": description})


StatusField = Annotated[OutgoingStatus, _inline(OutgoingStatus, "Trạng thái văn bản đi.")]
EventKindField = Annotated[OutgoingEventKind, _inline(OutgoingEventKind, "Loại sự kiện.")]


def _email(value: str) -> str:
    if value:
        try:
            validate_email(value)
        except DjangoValidationError:
            raise ValueError("Địa chỉ thư điện tử không hợp lệ.") from None
    return value


def _iso_date(value: object) -> object:
    """Only `YYYY-MM-DD`: pydantic would also read a bare number as a timestamp."""
    if isinstance(value, dt.date) or (
        isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
    ):
        return value
    raise ValueError("Ngày không hợp lệ; dùng dạng YYYY-MM-DD.")


Day = Annotated[dt.date, BeforeValidator(_iso_date)]
Body = Annotated[str, Field(max_length=100_000, pattern=NO_CONTROL)]
Email = Annotated[str, Field(max_length=254, pattern=NO_CONTROL), AfterValidator(_email)]
Copies = Annotated[int, Strict(), Field(ge=1, le=999)]
ManualNumber = Annotated[int, Strict(), Field(ge=1, le=999_999)]


class RecipientIn(Input):
    """One "Nơi nhận": exactly one of `organization_id` (a member organization, which
    receives an incoming document), `correspondent_id` (the address book) or `name`
    (with `email` when it is sent by e-mail)."""

    organization_id: BodyId | None = None
    correspondent_id: BodyId | None = None
    name: Text200 = ""
    email: Email = ""

    @model_validator(mode="after")
    def _one_kind(self) -> RecipientIn:
        given = [self.organization_id is not None, self.correspondent_id is not None,
                 bool(self.name.strip())]
        if sum(given) != 1:
            raise ValueError("Ghi đúng một trong: organization_id, correspondent_id, name.")
        if self.email and not self.name.strip():
            raise ValueError("email chỉ đi cùng name.")
        return self


class DraftIn(Input):
    document_type_id: BodyId
    subject: Required500 = Field(description="Trích yếu; công văn không cần ghi “V/v”.")
    body: Body = Field("", description="Nội dung; mỗi dòng là một đoạn.")
    addressees: Text1000 = Field("", description="Kính gửi, mỗi nơi một dòng.")
    signer_id: BodyId | None = Field(None, description="Người ký.")
    capacity: Capacity | None = Field(
        None, description="Thẩm quyền ký: direct, tm (TM.), kt (KT.), tl (TL.), tuq (TUQ.). "
        "Bỏ trống: theo chức vụ của người ký và chế độ ký của cơ quan (cơ quan làm việc theo "
        "chế độ tập thể ký tm).")
    drafting_unit_id: BodyId | None = Field(None, description="Đơn vị soạn thảo (ký hiệu).")
    urgency: BodyUrgency = 0
    secrecy: Secrecy = 0
    copies: Copies = 1
    recipients: list[RecipientIn] = Field([], max_length=100, description="Nơi nhận.")
    answers: list[uuid.UUID] = Field([], max_length=50,
                                     description="Văn bản đến mà văn bản này trả lời.")


class DraftCreateIn(DraftIn):
    organization_id: BodyId = Field(description="Cơ quan ban hành.")


class DraftUpdateIn(DraftIn):
    """Every field of the draft (what is left out takes its default); saved as a new
    version."""

    note: Text200 = Field("", description="Ghi chú của phiên bản.")


class SubmitIn(Input):
    leader_id: BodyId | None = Field(None, description="Lãnh đạo phụ trách cho ý kiến, "
                                     "nếu quy trình của cơ quan có bước này.")
    note: LongText = ""


class OpinionIn(Input):
    comment: LongText = ""


class CommentIn(Input):
    text: RequiredLongText


class IssueIn(Input):
    on: Day | None = Field(None, description="Ngày ban hành; mặc định hôm nay.")
    reservation_id: BodyId | None = Field(None, description="Dùng số đã giữ.")
    manual_number: ManualNumber | None = Field(
        None, description="Số đã ghi trên văn bản ký ngoài hệ thống.")
    paper_copies: StrictBool = Field(False, description="Có phát hành bản giấy.")

    @model_validator(mode="after")
    def _one_number(self) -> IssueIn:
        if self.reservation_id is not None and self.manual_number is not None:
            raise ValueError("Chọn số đã giữ hoặc số ghi tay, không chọn cả hai.")
        return self


class ReserveIn(Input):
    reason: Required200
    document_type_id: BodyId | None = Field(None, description="Với sổ đánh số theo loại.")
    secret: StrictBool = False


class OutgoingFilters(Schema):
    """The API's side of `outgoing_list`: the same filters as the page's list."""

    model_config = ConfigDict(extra="ignore")

    organization_id: Id | None = Field(None, description="Cơ quan ban hành.")
    status: StatusField | None = None
    document_type_id: Id | None = Field(None, description="Loại văn bản.")
    late: bool | None = Field(None, description="true: chỉ văn bản phát hành muộn; false: "
                              "không phát hành muộn.")
    q: Text200 | None = Field(None, description="Tìm trong trích yếu và số ký hiệu (gõ kiểu gì "
                              "cũng được, bỏ qua “Số:”).")
    date_from: Day | None = Field(None, description="Ngày ban hành, từ ngày.")
    date_to: Day | None = Field(None, description="Ngày ban hành, đến ngày.")
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(50, ge=1, le=200)

    def list_params(self) -> OutgoingListParams:
        return OutgoingListParams(
            organization_id=self.organization_id, status=self.status,
            document_type_id=self.document_type_id, late=self.late, q=self.q or "",
            date_from=self.date_from, date_to=self.date_to,
        )


class OutgoingListItem(Schema):
    id: uuid.UUID
    organization: OrganizationRef
    document_type: DocumentTypeRef
    subject: str
    status: StatusField
    status_label: str
    urgency: int
    secrecy: int
    drafter: PersonRef
    signer: PersonRef | None
    capacity: Capacity
    code: str = Field(description="Số, ký hiệu; trống đến khi phát hành.")
    number: int | None
    issued_date: dt.date | None
    created_at: dt.datetime


class OutgoingPage(Schema):
    items: list[OutgoingListItem]
    count: int
    page: int
    page_size: int


class ReviewOut(Schema):
    id: int
    round: int
    position: int
    kind: ReviewKind
    kind_label: str
    reviewer: PersonRef | None = Field(description="Trống: bất kỳ văn thư, lãnh đạo văn phòng.")
    state: ReviewState
    state_label: str
    decided_by: PersonRef | None
    decided_at: dt.datetime | None
    comment: str
    version: int


class RecipientOut(Schema):
    id: int
    kind: RecipientKind
    organization_id: int | None
    correspondent_id: int | None
    name: str
    email: str
    state: DeliveryState
    progress: str = Field(description="Tình trạng ở nơi nhận (đã vào sổ, đang xử lý...) "
                          "hoặc tình trạng gửi.")
    attempts: int
    last_error: str
    delivered_at: dt.datetime | None


class VersionOut(Schema):
    number: int
    filename: str
    author: PersonRef
    created_at: dt.datetime
    note: str


class CommentOut(Schema):
    author: PersonRef
    at: dt.datetime
    text: str
    version: int


class CheckOut(Schema):
    area: conformity.Area
    area_label: str
    level: conformity.Level = Field(description="ok, warn (cảnh báo), block (chặn phát hành).")
    message: str


class OutgoingEventOut(Schema):
    id: int
    at: dt.datetime
    actor: PersonRef | None
    kind: EventKindField
    kind_label: str
    from_status: StatusField | None
    to_status: StatusField | None
    note: str
    data: dict[str, Any]


class OutgoingDetail(OutgoingListItem):
    body: str
    addressees: str
    copies: int
    drafting_unit_id: int | None
    version: int
    answers: list[uuid.UUID] = Field(description="Văn bản đến được trả lời (người gọi xem được).")
    signed_at: dt.datetime | None
    signed_on_paper: bool
    register_id: int | None
    issued_at: dt.datetime | None
    issued_by: PersonRef | None
    issued_late: bool
    paper_copies: bool
    final_state: FinalState
    final_error: str
    has_final_pdf: bool = Field(description="Tải ở /outgoing/{id}/final.pdf.")
    end_note: str
    replaces_id: uuid.UUID | None = Field(description="Văn bản mà văn bản này thay thế.")
    corrects_id: uuid.UUID | None = Field(description="Văn bản mà công văn này đính chính.")
    reviews: list[ReviewOut]
    recipients: list[RecipientOut]
    versions: list[VersionOut]
    comments: list[CommentOut]
    checks: list[CheckOut] = Field(description="Bốn điều kiện phát hành (thể thức, thẩm quyền, "
                                   "quy trình, thời gian) tính cho hôm nay; chỉ khi đã ký.")
    history: list[OutgoingEventOut]
    allowed_actions: list[str] = Field(description="Thao tác người gọi được làm lúc này.")


class ReservationOut(Schema):
    id: int
    register_id: int
    number: int
    period_key: str
    series_key: str
    document_type: DocumentTypeRef | None
    secret: bool
    reason: str
    state: ReservationState
    reserved_by: PersonRef
    reserved_at: dt.datetime
    released_reason: str
    document_id: uuid.UUID | None


DETAIL_RESPONSES: dict[int, Any] = {200: OutgoingDetail, **errors(401, 404)}
ACTION_RESPONSES: dict[int, Any] = {
    200: OutgoingDetail, **errors(400, 401, 403, 404, 409, 422)}

