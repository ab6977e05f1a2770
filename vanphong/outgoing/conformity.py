"""The four checks before issuing ("4 đúng"): format, authority, procedure, time.

Each check says why; `BLOCK` stops the clerk (the rules forbid it), `WARN` is shown and
recorded (a late issue is counted), `OK` confirms what was checked. The document page,
the API and `issue_outgoing` all read this one list.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum

from django.utils import timezone

from vanphong.errors import Invalid
from vanphong.organizations.models import DocumentStyle
from vanphong.outgoing.authority import check_authority
from vanphong.outgoing.inspection import layout_problems
from vanphong.outgoing.models import OutgoingDocument, ReviewState, Status
from vanphong.printing.dates import long_date, short_date
from vanphong.registers.models import Register, RegisterKind
from vanphong.registers.numbering import NumberingError, format_notation, peek_next_number
from vanphong.workdays.dates import next_working_day


class Area(enum.StrEnum):
    FORMAT = "format"
    AUTHORITY = "authority"
    PROCEDURE = "procedure"
    TIME = "time"

    @property
    def label(self) -> str:
        return {"format": "Đúng thể thức", "authority": "Đúng thẩm quyền",
                "procedure": "Đúng quy trình", "time": "Đúng thời gian"}[self.value]


class Level(enum.StrEnum):
    OK = "ok"
    WARN = "warn"
    BLOCK = "block"


@dataclasses.dataclass(frozen=True)
class Check:
    area: Area
    level: Level
    message: str


def outgoing_register_for(document: OutgoingDocument) -> Register:
    """The secret register for secret documents when the organization keeps one,
    otherwise its outgoing register."""
    registers = Register.objects.filter(organization=document.organization_id, is_active=True)
    if document.is_secret:
        secret = registers.filter(kind=RegisterKind.SECRET_OUTGOING).first()
        if secret is not None:
            return secret
    register = registers.filter(kind=RegisterKind.OUTGOING).first()
    if register is None:
        raise Invalid(f"{document.organization.name} chưa có sổ đăng ký văn bản đi đang dùng.")
    return register


def number_prefix(style: str) -> str:
    """"Số: " in the State style, "Số " in the Party style (rules.md §1.2, §2.2)."""
    return "Số " if style == DocumentStyle.PARTY else "Số: "


def notation_preview(document: OutgoingDocument, *, on: dt.date) -> str:
    """The number and notation the document would get if issued on `on`."""
    register = outgoing_register_for(document)
    number = peek_next_number(register, on=on, document_type=document.document_type,
                              secret=document.is_secret)
    unit = document.drafting_unit.short_name if document.drafting_unit else ""
    return format_notation(register, number=number or 1, document_type=document.document_type,
                           unit=unit)


def signing_day(document: OutgoingDocument) -> dt.date | None:
    if document.signed_at is None:
        return None
    return timezone.localtime(document.signed_at).date()


def _format(document: OutgoingDocument, on: dt.date) -> list[Check]:
    checks: list[Check] = []
    add = checks.append
    try:
        code = notation_preview(document, on=on)
    except (Invalid, NumberingError) as error:
        add(Check(Area.FORMAT, Level.BLOCK, error.message))
    else:
        if " " in code or code.endswith(("-", "/")) or "--" in code:
            add(Check(Area.FORMAT, Level.BLOCK, f"Ký hiệu “{code}” sai thể thức: thiếu đơn vị "
                      "soạn thảo hoặc có khoảng trắng."))
        else:
            prefix = number_prefix(document.organization.document_style)
            add(Check(Area.FORMAT, Level.OK, f"Số, ký hiệu: “{prefix}{code}”."))
    add(Check(Area.FORMAT, Level.OK,
              f"Địa danh, ngày: “{document.office.place_name}, {long_date(on)}”."))
    if not document.subject:
        add(Check(Area.FORMAT, Level.BLOCK, "Thiếu trích yếu nội dung."))
    elif document.is_letter:
        add(Check(Area.FORMAT, Level.OK, f"Trích yếu công văn: “V/v {document.subject}”."))
    else:
        add(Check(Area.FORMAT, Level.OK,
                  f"Tên loại và trích yếu: {document.document_type.name.upper()} — "
                  f"{document.subject}."))
    if document.body_file_id is None:
        add(Check(Area.FORMAT, Level.BLOCK, "Chưa có tệp nội dung văn bản."))
    else:
        checks += _layout(document)
    names = [r.name for r in document.recipients.all()]
    if not names:
        add(Check(Area.FORMAT, Level.BLOCK, "Thiếu nơi nhận."))
    else:
        add(Check(Area.FORMAT, Level.OK, f"Nơi nhận: {len(names)} nơi, kết thúc “Lưu: VT”."))
    return checks


def _layout(document: OutgoingDocument) -> list[Check]:
    problems = layout_problems(document)
    if problems:
        return [Check(Area.FORMAT, Level.BLOCK, problem) for problem in problems]
    return [Check(Area.FORMAT, Level.OK, "Bố cục: mỗi đoạn một đoạn văn, “Kính gửi” mỗi nơi "
                  "một dòng, không còn chỗ “[…]” chưa điền.")]


def _authority(document: OutgoingDocument, on: dt.date) -> list[Check]:
    day = signing_day(document) or on
    authority = check_authority(
        organization=document.organization, document_type=document.document_type,
        signer=document.signer, capacity=document.capacity, on=day,
    )
    return [Check(Area.AUTHORITY, Level.OK if authority.allowed else Level.BLOCK,
                  authority.reason)]


def _procedure(document: OutgoingDocument) -> list[Check]:
    if document.status != Status.SIGNED:
        return [Check(Area.PROCEDURE, Level.BLOCK,
                      f"Văn bản đang “{Status(document.status).label}”, chưa được ký ban hành.")]
    if document.signed_on_paper:
        return [Check(Area.PROCEDURE, Level.WARN,
                      "Văn bản ký trên giấy ngoài hệ thống: các bước duyệt không được ghi nhận.")]
    last_round = document.reviews.order_by("-round").values_list("round", flat=True).first()
    reviews = list(document.reviews.filter(round=last_round or 0))
    open_steps = [r for r in reviews if r.state not in (ReviewState.APPROVED, ReviewState.SKIPPED)]
    if open_steps:
        names = ", ".join(r.get_kind_display() for r in open_steps)
        return [Check(Area.PROCEDURE, Level.BLOCK, f"Chưa hoàn thành các bước duyệt: {names}.")]
    done = ", ".join(r.get_kind_display() for r in reviews if r.state == ReviewState.APPROVED)
    return [Check(Area.PROCEDURE, Level.OK, f"Đã duyệt đủ: {done}.")]


def latest_issue_day(document: OutgoingDocument) -> dt.date | None:
    """Urgent documents on the signing day; the others at the latest the next working day."""
    day = signing_day(document)
    if day is None:
        return None
    return day if document.is_urgent else next_working_day(day)


def _time(document: OutgoingDocument, on: dt.date) -> list[Check]:
    day = signing_day(document)
    latest = latest_issue_day(document)
    if day is None or latest is None:
        return [Check(Area.TIME, Level.BLOCK, "Chưa có ngày ký.")]
    if on < day:
        return [Check(Area.TIME, Level.BLOCK,
                      f"Ngày ban hành {short_date(on)} trước ngày ký {short_date(day)}.")]
    if on > latest:
        rule = "văn bản khẩn phải phát hành ngay" if document.is_urgent else (
            "chậm nhất ngày làm việc tiếp theo")
        return [Check(Area.TIME, Level.WARN,
                      f"Phát hành muộn: ký ngày {short_date(day)}, {rule} "
                      f"({short_date(latest)}). Sẽ được tính là phát hành muộn.")]
    return [Check(Area.TIME, Level.OK, f"Phát hành đúng hạn (ký ngày {short_date(day)}).")]


def issue_checks(document: OutgoingDocument, *, on: dt.date) -> list[Check]:
    return [*_format(document, on), *_authority(document, on), *_procedure(document),
            *_time(document, on)]


def is_late(document: OutgoingDocument, *, on: dt.date) -> bool:
    latest = latest_issue_day(document)
    return latest is not None and on > latest


def blocking(checks: list[Check]) -> list[Check]:
    return [c for c in checks if c.level == Level.BLOCK]
