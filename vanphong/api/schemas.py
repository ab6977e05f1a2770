"""Input and output schemas of the API. Field names follow the models and ND30 Phụ lục VI
(rules.md §1.9): `arrival_number` (ArrivalNumber), `issued_date` (IssuedDate), `subject`,
`issuer` (OrganName), `urgency` (edXML Priority 0–4), `deadline` (DueDate)...

Inputs reject unknown fields and describe every limit the database has, so that a
request the schema accepts never fails in the database; outputs list every field as
required so that generated clients get non-optional types.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import uuid
from typing import Annotated, Any, Literal

from ninja import Query, Schema
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StrictBool,
    field_validator,
)
from pydantic.json_schema import SkipJsonSchema

from vanphong.incoming.models import AssignmentKind, AssignmentState, Channel, EventKind, Status
from vanphong.incoming.queries import IncomingListParams
from vanphong.organizations.models import Family, Role
from vanphong.registers.models import RegisterKind, ResetPolicy, SecretPolicy, TypeSystem
from vanphong.vietnamese import clean_code, code_key

# Characters PostgreSQL text cannot hold (NUL) and other control characters; tab and
# line breaks stay allowed.
NO_CONTROL = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F]*$"
MAX_ID = 2**63 - 1
OFFICE = ("Văn phòng làm việc, cho người làm việc ở nhiều văn phòng. Mặc định: văn phòng của "
          "cơ quan “làm việc cho” mặc định (như đầu trang web khi chưa chọn), không có thì văn "
          "phòng được tạo trước. Văn phòng người gọi không làm việc: 422.")


def office_query() -> Any:
    """The optional `office` query parameter of the calls that work on one office."""
    return Query(None, ge=1, le=MAX_ID, description=OFFICE)


def _fits(limit: int) -> Any:
    def check(value: str) -> str:
        value = unicodedata.normalize("NFC", value)
        if len(value) > limit:
            raise ValueError(f"Dài quá {limit} ký tự.")
        return value

    return AfterValidator(check)


def _text(limit: int, minimum: int = 0) -> Any:
    return Field(min_length=minimum, max_length=limit, pattern=NO_CONTROL)


Text50 = Annotated[str, _text(50), _fits(50)]
Text100 = Annotated[str, _text(100), _fits(100)]
Text200 = Annotated[str, _text(200), _fits(200)]
Text500 = Annotated[str, _text(500), _fits(500)]
Text1000 = Annotated[str, _text(1000), _fits(1000)]
Required200 = Annotated[str, _text(200, 1), _fits(200)]
Required500 = Annotated[str, _text(500, 1), _fits(500)]
LongText = Annotated[str, _text(5000), _fits(5000)]
RequiredLongText = Annotated[str, _text(5000, 1), _fits(5000)]


def _code_fits(value: str) -> str:
    if len(clean_code(value)) > 50 or len(code_key(value)) > 50:
        raise ValueError("Số, ký hiệu dài quá 50 ký tự.")
    return value


def _plausible_day(value: dt.date | None) -> dt.date | None:
    """Days far outside any register (year 1, 9999) cannot be turned into local
    midnights and back; refuse them instead of failing in the database."""
    if value is not None and not 1900 <= value.year <= 9000:
        raise ValueError("Ngày phải trong khoảng năm 1900–9000.")
    return value


def _written_day(value: Any) -> Any:
    """A day written as the API document says ("2026-03-05"): pydantic would also take
    a number, or a numeric string, as seconds since 1970 and answer for 1/1/1970."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise ValueError("Ngày phải viết theo dạng năm-tháng-ngày (2026-03-05).")
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError("Ngày phải viết theo dạng năm-tháng-ngày (2026-03-05).")
    return value


PlausibleDay = Annotated[dt.date, BeforeValidator(_written_day), AfterValidator(_plausible_day)]


Code = Annotated[str, _text(50), _fits(50), AfterValidator(_code_fits)]
# Query parameters arrive as text and are converted; JSON bodies must carry real numbers
# and booleans (strict: `true` is not the id 1, "5" is not 5).
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
URGENCY = ("Độ khẩn (edXML Priority): 0 Thường, 1 Khẩn, 2 Thượng khẩn, 3 Hỏa tốc, "
           "4 Hỏa tốc hẹn giờ.")
Urgency = Annotated[int, Field(ge=0, le=4, description=URGENCY)]
BodyId = Annotated[int, Strict(), Field(ge=1, le=MAX_ID)]
BodyUrgency = Annotated[int, Strict(), Field(ge=0, le=4, description=URGENCY)]
Secrecy = Annotated[int, Strict(), Field(ge=0, le=3, description="Độ mật: 0 Thường, 1 Mật, "
                                         "2 Tối mật, 3 Tuyệt mật.")]
Pages = Annotated[int, Strict(), Field(ge=1, le=9999)]


class Input(Schema):
    model_config = ConfigDict(extra="forbid")


# --- People, organizations, document types ------------------------------------------------


class PersonRef(Schema):
    id: int
    full_name: str


class PersonPosition(Schema):
    id: int
    full_name: str
    title: str
    role: Role
    unit_id: int | None


class UnitOut(Schema):
    id: int
    name: str
    short_name: str
    organization_id: int | None = Field(
        description="Trống nếu là đơn vị của văn phòng, phục vụ mọi cơ quan.")


class OrganizationRef(Schema):
    id: int
    short_name: str
    name: str


class OrganizationOut(Schema):
    id: int
    office_id: int
    name: str
    short_name: str
    family: Family
    level: str
    organ_id: str
    parent_id: int | None
    leaders: list[PersonPosition] = Field(description="Người đứng đầu và cấp phó: người nhận "
                                          "văn bản trình (`leader_ids` của /route).")
    units: list[UnitOut] = Field(description="Đơn vị có thể được giao xử lý.")
    people: list[PersonPosition] = Field(description="Người có thể được giao xử lý.")


class DocumentTypeOut(Schema):
    id: int
    system: TypeSystem
    organization_id: int | None
    name: str
    abbreviation: str


class DocumentTypeRef(Schema):
    id: int
    name: str
    abbreviation: str


# --- Files ---------------------------------------------------------------------------


class StoredFileOut(Schema):
    id: uuid.UUID
    original_name: str
    size: int
    content_type: str
    kind: str
    sha256: str


# --- Registers -------------------------------------------------------------------------


class RegisterOut(Schema):
    id: int
    organization: OrganizationRef
    kind: RegisterKind
    kind_label: str
    name: str
    reset_policy: ResetPolicy
    per_type_series: bool
    secret_policy: SecretPolicy
    is_active: bool
    next_number: int | None = Field(description="Số sẽ cấp cho văn bản tiếp theo (chỉ để "
                                    "hiển thị, không giữ chỗ); trống nếu chưa cấp số được.")


# --- Incoming documents: output ------------------------------------------------------------


class ReturnedOut(Schema):
    by: PersonRef = Field(description="Người trả lại.")
    at: dt.datetime
    reason: str


class IncomingListItem(Schema):
    id: uuid.UUID
    organization: OrganizationRef
    register_id: int
    arrival_number: int
    arrival_at: dt.datetime
    issuer: str
    code: str
    code_number: str
    code_notation: str
    issued_date: dt.date
    document_type: DocumentTypeRef | None
    subject: str
    urgency: int
    secrecy: int
    status: Status
    status_label: str
    edxml_status: str = Field(description="Mã trạng thái QCVN 102 (03 vào sổ, 04 phân công, "
                              "05 đang xử lý, 06 hoàn thành).")
    deadline: dt.date | None
    reply_due: dt.date | None
    is_overdue: bool = Field(description="Quá hạn xử lý (không bao giờ với văn bản người gọi "
                             "chỉ nhận để biết).")
    returned: ReturnedOut | None = Field(description="Bị trả lại: ai, lúc nào, lý do; trống "
                                         "khi không bị trả lại hoặc đã có người xử lý tiếp.")


class IncomingPage(Schema):
    items: list[IncomingListItem]
    count: int
    page: int
    page_size: int


class AttachmentOut(Schema):
    id: int
    filename: str
    size: int
    content_type: str
    file_id: uuid.UUID


class ReceiptOut(Schema):
    id: uuid.UUID
    channel: Channel
    has_paper_original: bool
    received_at: dt.datetime
    received_by: PersonRef


class RoutingOut(Schema):
    leader: PersonRef
    routed_by: PersonRef
    routed_at: dt.datetime
    is_active: bool


class AssignmentOut(Schema):
    id: int
    kind: AssignmentKind
    person: PersonRef | None
    unit_id: int | None
    unit_name: str | None
    deadline: dt.date | None
    state: AssignmentState
    assigned_by: PersonRef
    assigned_at: dt.datetime
    seen_at: dt.datetime | None


class InstructionOut(Schema):
    author: PersonRef
    text: str
    deadline: dt.date | None
    created_at: dt.datetime


class EventOut(Schema):
    id: int
    at: dt.datetime
    actor: PersonRef
    kind: EventKind
    kind_label: str
    from_status: Status | None
    to_status: Status | None
    note: str
    data: dict[str, Any]


class IncomingDetail(IncomingListItem):
    register_name: str
    register_kind: RegisterKind
    receipt: ReceiptOut
    signer_name: str
    signer_position: str
    recipients: str
    pages: int | None
    note: str
    handed_over_at: dt.datetime | None
    completed_at: dt.datetime | None
    result: str
    reply_code: str
    created_by: PersonRef
    created_at: dt.datetime
    attachments: list[AttachmentOut]
    routings: list[RoutingOut]
    instructions: list[InstructionOut]
    assignments: list[AssignmentOut]
    history: list[EventOut]
    allowed_actions: list[str] = Field(description="Thao tác người gọi được làm lúc này.")


class IncomingCreated(Schema):
    receipt_id: uuid.UUID
    documents: list[IncomingListItem]


class DuplicateErrorDetail(Schema):
    code: str
    message: str
    fields: dict[str, str]
    duplicates: list[IncomingListItem] = Field(
        description="Văn bản trùng mà người gọi được xem.")
    hidden_duplicates: int = Field(description="Số văn bản trùng mà người gọi không được xem.")


class DuplicateErrorOut(Schema):
    error: DuplicateErrorDetail


# --- Incoming documents: input ----------------------------------------------------------------


class IncomingFilters(Schema):
    """The API's side of `incoming_list`: the same filters as the page's list."""

    model_config = ConfigDict(extra="ignore")

    organization_id: Id | None = Field(None, description="Cơ quan nhận.")
    register_id: Id | None = Field(None, description="Sổ đăng ký.")
    status: Status | None = None
    urgency: Urgency | None = Field(None, description="Đúng độ khẩn này. " + URGENCY)
    urgent: bool | None = Field(None, description="true: từ Khẩn trở lên (như “Khẩn trở lên” "
                                "của trang danh sách).")
    overdue: bool | None = Field(None, description="true: chỉ văn bản quá hạn xử lý; false: "
                                 "không quá hạn. Văn bản chỉ gửi để biết không bao giờ quá hạn.")
    returned: bool | None = Field(None, description="true: chỉ văn bản bị trả lại (chưa ai xử "
                                  "lý tiếp); false: không bị trả lại.")
    date_from: PlausibleDay | None = Field(None, description="Ngày đến, từ ngày.")
    date_to: PlausibleDay | None = Field(None, description="Ngày đến, đến ngày.")
    q: Text200 | None = Field(None, description="Tìm trong trích yếu, cơ quan ban hành (không "
                              "cần dấu), số ký hiệu (gõ kiểu gì cũng được, bỏ qua “Số:”) và số "
                              "đến.")
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(50, ge=1, le=200)

    def list_params(self) -> IncomingListParams:
        return IncomingListParams(
            organization_id=self.organization_id, register_id=self.register_id,
            status=self.status, urgency=self.urgency, urgent=bool(self.urgent),
            overdue=self.overdue, returned=self.returned, date_from=self.date_from,
            date_to=self.date_to, q=self.q or "",
        )


class IncomingCreateIn(Input):
    organization_ids: list[BodyId] = Field(min_length=1, max_length=20,
                                       description="Các cơ quan nhận; mỗi cơ quan vào sổ riêng.")
    register_ids: list[BodyId] = Field([], max_length=20, description="Sổ đến chọn riêng cho "
                                   "từng cơ quan; mặc định là sổ đến (hoặc sổ mật) đang dùng.")
    issuer: Required200
    code: Code = Field("", description="Số, ký hiệu, ví dụ 123/QĐ-UBND.")
    issued_date: PlausibleDay
    subject: Required500
    document_type_id: BodyId | None = None
    signer_name: Text50 = ""
    signer_position: Text100 = ""
    reply_due: PlausibleDay | None = None
    recipients: Text1000 = ""
    pages: Pages | None = None
    urgency: BodyUrgency = 0
    secrecy: Secrecy = 0
    note: Text500 = ""
    file_ids: list[uuid.UUID] = Field([], max_length=50, description="Tệp đã tải lên qua "
                                      "POST /files.")
    has_paper_original: StrictBool = False
    channel: Channel = Channel.API
    arrival_at: AwareDatetime | None = Field(None, description="Mặc định là lúc gọi.")
    allow_duplicate: StrictBool = Field(False, description="Vẫn vào sổ dù đã có văn bản trùng.")

    @field_validator("arrival_at")
    @classmethod
    def _plausible_moment(cls, value: dt.datetime | None) -> dt.datetime | None:
        if value is not None and not 1900 <= value.year <= 9000:
            raise ValueError("Ngày đến không hợp lệ.")
        return value


_NOT_NULL = ("issuer", "code", "issued_date", "subject", "signer_name", "signer_position",
             "recipients", "urgency", "note", "reason")


class IncomingCorrectIn(Input):
    """Only the fields sent are changed; `null` clears `document_type_id`, `reply_due`
    and `pages`."""

    issuer: Required200 | SkipJsonSchema[None] = None
    code: Code | SkipJsonSchema[None] = None
    issued_date: dt.date | SkipJsonSchema[None] = None
    subject: Required500 | SkipJsonSchema[None] = None
    document_type_id: BodyId | None = None
    signer_name: Text50 | SkipJsonSchema[None] = None
    signer_position: Text100 | SkipJsonSchema[None] = None
    reply_due: PlausibleDay | None = None
    recipients: Text1000 | SkipJsonSchema[None] = None
    pages: Pages | None = None
    urgency: BodyUrgency | SkipJsonSchema[None] = None
    note: Text500 | SkipJsonSchema[None] = None
    reason: LongText | SkipJsonSchema[None] = Field(None, description="Lý do sửa.")

    @field_validator(*_NOT_NULL, mode="before")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("Không được để trống (null).")
        return value


class RouteIn(Input):
    leader_ids: list[BodyId] = Field(min_length=1, max_length=20)
    note: LongText = ""


class InstructIn(Input):
    lead_person_id: BodyId | None = Field(None, description="Người chủ trì (hoặc lead_unit_id).")
    lead_unit_id: BodyId | None = Field(None, description="Đơn vị chủ trì (hoặc lead_person_id).")
    support_person_ids: list[BodyId] = Field([], max_length=50)
    support_unit_ids: list[BodyId] = Field([], max_length=50)
    for_info_ids: list[BodyId] = Field([], max_length=50, description="Người nhận để biết.")
    deadline: PlausibleDay | None = None
    text: LongText = Field("", description="Ý kiến chỉ đạo (bút phê).")


class ReassignIn(Input):
    assignment_id: BodyId
    person_id: BodyId
    note: LongText = ""


class ProgressIn(Input):
    note: RequiredLongText


class CompleteIn(Input):
    result: RequiredLongText
    reply_code: Code = Field("", description="Số, ký hiệu văn bản trả lời.")


class ReasonIn(Input):
    reason: RequiredLongText


class ShareIn(Input):
    reader_ids: list[BodyId] = Field(min_length=1, max_length=50)


class ExportFormat(Schema):
    model_config = ConfigDict(extra="ignore")

    format: Literal["xlsx", "pdf"] = "xlsx"
    date_from: PlausibleDay | None = Field(None, description="Ngày đến, từ ngày.")
    date_to: PlausibleDay | None = Field(None, description="Ngày đến, đến ngày.")
