"""The registers of ND30 Phụ lục IV — "Sổ đăng ký văn bản đến" and "Sổ đăng ký văn bản
đi" (rules.md §1.8) — as rows, as a printable PDF and as an Excel workbook.

Callers (register pages, the API) check the register with
`vanphong.registers.access.get_register_for` first; the rows are always filtered here
through `visible_incoming(user)` or `visible_outgoing(user)`, so a secret document
appears only for the people allowed to see it, whoever asks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Protocol

from django.db.models import Prefetch, QuerySet
from django.db.models.functions import Length
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from vanphong.errors import Invalid
from vanphong.incoming.access import visible_incoming
from vanphong.incoming.models import (
    Assignment,
    AssignmentKind,
    AssignmentState,
    IncomingDocument,
    Routing,
)
from vanphong.organizations.models import User
from vanphong.outgoing.access import may_number, visible_outgoing
from vanphong.outgoing.models import (
    DONE_STATUSES,
    NumberReservation,
    OutgoingDocument,
    Recipient,
    ReservationState,
)
from vanphong.outgoing.models import Status as OutgoingStatus
from vanphong.periods import Period
from vanphong.printing import pdf, xlsx
from vanphong.printing.dates import local_day, short_date
from vanphong.registers.models import Register, RegisterKind, Secrecy, Urgency
from vanphong.registers.numbering import format_number

#: The ten columns of "Sổ đăng ký văn bản đến" (ND30 Phụ lục IV), in order.
COLUMNS = (
    "Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu văn bản", "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung", "Đơn vị hoặc người nhận", "Ngày chuyển", "Ký nhận",
    "Ghi chú",
)
#: Column widths on the landscape page (mm); they add up to the 252 mm between margins.
PDF_WIDTHS_MM = (19, 11, 32, 26, 19, 60, 33, 19, 14, 19)
XLSX_WIDTHS = (12, 8, 30, 20, 12, 60, 32, 12, 12, 24)
#: The ten columns of "Sổ đăng ký văn bản đi" (ND30 Phụ lục IV, rules.md §1.8), in order.
OUTGOING_COLUMNS = (
    "Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung", "Người ký",
    "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Số lượng bản", "Ngày chuyển",
    "Ký nhận", "Ghi chú",
)


# --- Period and rows -------------------------------------------------------------------


def resolve_period(date_from: dt.date | None, date_to: dt.date | None) -> Period:
    """The register's period: `Period.resolve` with the form's field names."""
    return Period.resolve(date_from, date_to, field="date_from")


# --- The incoming register -------------------------------------------------------------


def _require_kind(register: Register, *, incoming: bool) -> None:
    if register.is_incoming != incoming or register.kind == RegisterKind.COPIES:
        raise Invalid(f"{register.name} không phải sổ văn bản {'đến' if incoming else 'đi'}; "
                      "hiện in và xuất được sổ đăng ký văn bản đến và sổ đăng ký văn bản đi.")


def register_rows(
    register: Register, *, user: User, date_from: dt.date | None, date_to: dt.date | None
) -> QuerySet[IncomingDocument]:
    """The documents of `register` that arrived in the period and that `user` may see,
    in arrival-number order (period, then series, then number), with what column 7
    needs prefetched. Raises Invalid for a non-incoming register or reversed dates."""
    _require_kind(register, incoming=True)
    start, end = resolve_period(date_from, date_to).bounds()
    routings = Routing.objects.select_related("leader").order_by("routed_at", "id")
    leads = Assignment.objects.filter(
        kind=AssignmentKind.LEAD, state__in=[AssignmentState.ACTIVE, AssignmentState.DONE]
    ).select_related("person", "unit").order_by("-assigned_at", "-id")
    return (
        visible_incoming(user)
        .filter(register=register, arrival_at__gte=start, arrival_at__lt=end)
        .select_related("document_type")
        .prefetch_related(
            Prefetch("routings", queryset=routings, to_attr="register_routings"),
            Prefetch("assignments", queryset=leads, to_attr="register_leads"),
        )
        # Period keys are "2026" or "term:<id>": by length first so term:9 < term:10.
        .order_by(Length("period_key"), "period_key", "series_key", "arrival_number")
    )


@dataclasses.dataclass(frozen=True)
class RegisterLine:
    """The ten columns of one incoming document, as the register shows them."""

    document_id: uuid.UUID
    arrival_date: dt.date
    arrival_number: int
    issuer: str
    code: str
    issued_date: dt.date
    type_name: str
    subject: str
    receivers: str
    handed_over: dt.date | None
    note: str
    is_urgent: bool
    is_secret: bool

    @property
    def number(self) -> int:
        return self.arrival_number

    @property
    def type_and_subject(self) -> str:
        return f"{self.type_name}: {self.subject}" if self.type_name else self.subject

    def values(self) -> tuple[object, ...]:
        """The ten columns in order; dates stay dates, column 9 (signature) is empty."""
        return (
            self.arrival_date, self.arrival_number, self.issuer, self.code, self.issued_date,
            self.type_and_subject, self.receivers, self.handed_over, "", self.note,
        )


def _receivers(document: IncomingDocument) -> str:
    """Column 7: the leaders it was presented to, then the lead handler."""
    routings = getattr(document, "register_routings", None)
    if routings is None:
        routings = list(document.routings.select_related("leader").order_by("routed_at", "id"))
    leads = getattr(document, "register_leads", None)
    if leads is None:
        leads = list(document.assignments.filter(
            kind=AssignmentKind.LEAD, state__in=[AssignmentState.ACTIVE, AssignmentState.DONE]
        ).select_related("person", "unit").order_by("-assigned_at", "-id"))
    leaders = list(dict.fromkeys(str(r.leader) for r in routings))
    parts = [", ".join(leaders)] if leaders else []
    if leads:
        parts.append(f"Chủ trì: {leads[0].handler_label}")
    return "; ".join(parts)


def _marks(urgency: int, secrecy: int) -> list[str]:
    """Urgency and secrecy marks in capitals, as stamped on the document."""
    parts = []
    if urgency > Urgency.NORMAL:
        parts.append(Urgency(urgency).label.upper())
    if secrecy > Secrecy.NONE:
        parts.append(Secrecy(secrecy).label.upper())
    return parts


def register_line(document: IncomingDocument) -> RegisterLine:
    note = [*_marks(document.urgency, document.secrecy), *filter(None, [document.note])]
    return RegisterLine(
        document_id=document.pk,
        arrival_date=local_day(document.arrival_at),
        arrival_number=document.arrival_number,
        issuer=document.issuer,
        code=document.code,
        issued_date=document.issued_date,
        type_name=document.document_type.name if document.document_type else "",
        subject=document.subject,
        receivers=_receivers(document),
        handed_over=local_day(document.handed_over_at) if document.handed_over_at else None,
        note="; ".join(note),
        is_urgent=document.urgency > Urgency.NORMAL,
        is_secret=document.secrecy > Secrecy.NONE,
    )


# --- The outgoing register -------------------------------------------------------------

#: What one line of the outgoing register comes from: an issued document, or a number
#: reserved and never used (still held, or released) — printed so the series has no
#: silent gap.
OutgoingEntry = OutgoingDocument | NumberReservation
_UNUSED = (ReservationState.RESERVED, ReservationState.RELEASED)


def _series_order(entry: OutgoingEntry) -> tuple[int, str, str, int]:
    # Period keys are "2026" or "term:<id>": by length first so term:9 < term:10.
    return len(entry.period_key), entry.period_key, entry.series_key, entry.number or 0


def outgoing_entries(
    register: Register, *, user: User, date_from: dt.date | None, date_to: dt.date | None
) -> list[OutgoingEntry]:
    """The documents of an outgoing register issued in the period (recalled and replaced
    ones included) that `user` may see, and the numbers reserved in the period and not
    used, in number order (period, then series, then number). Secret reservations are
    listed for the office clerks only. Raises Invalid for an incoming register."""
    _require_kind(register, incoming=False)
    period = resolve_period(date_from, date_to)
    recipients = Recipient.objects.order_by("position", "id")
    documents = (
        visible_outgoing(user)
        .filter(register=register, status__in=DONE_STATUSES, number__isnull=False,
                issued_date__gte=period.start, issued_date__lte=period.end)
        .select_related("document_type", "signer", "drafting_unit", "replaces", "corrects")
        .prefetch_related(Prefetch("recipients", queryset=recipients,
                                   to_attr="register_recipients"))
    )
    start, end = period.bounds()
    reservations = NumberReservation.objects.filter(
        register=register, state__in=_UNUSED, reserved_at__gte=start, reserved_at__lt=end
    )
    if not may_number(user, register.organization.office_id):
        reservations = reservations.filter(secret=False)
    return sorted([*documents, *reservations], key=_series_order)


@dataclasses.dataclass(frozen=True)
class OutgoingLine:
    """The ten columns of one line of "Sổ đăng ký văn bản đi" (rules.md §1.8)."""

    document_id: uuid.UUID | None  # None for a reserved number never used
    number: int
    code: str
    date: dt.date
    type_name: str
    subject: str
    signer: str
    recipients: str
    filed_with: str
    copies: int | None
    handed_over: dt.date | None
    note: str
    is_urgent: bool = False
    is_void: bool = False  # recalled, replaced, or a number not used

    @property
    def type_and_subject(self) -> str:
        return f"{self.type_name}: {self.subject}" if self.type_name else self.subject

    def values(self) -> tuple[object, ...]:
        """The ten columns in order; dates stay dates, column 9 (signature) is empty."""
        return (
            self.code, self.date, self.type_and_subject, self.signer, self.recipients,
            self.filed_with, self.copies, self.handed_over, "", self.note,
        )


def _outgoing_note(document: OutgoingDocument) -> str:
    """Column 10: marks, late issue, what it replaces or corrects, and its end."""
    parts = _marks(document.urgency, document.secrecy)
    if document.issued_late:
        parts.append("Phát hành muộn")
    if document.replaces is not None:
        parts.append(f"Thay thế văn bản số {document.replaces.code}")
    if document.corrects is not None:
        parts.append(f"Đính chính văn bản số {document.corrects.code}")
    if document.status in (OutgoingStatus.RECALLED, OutgoingStatus.REPLACED):
        label = OutgoingStatus(document.status).label
        parts.append(f"{label}: {document.end_note}" if document.end_note else label)
    return "; ".join(parts)


def _document_line(document: OutgoingDocument) -> OutgoingLine:
    recipients = getattr(document, "register_recipients", None)
    if recipients is None:
        recipients = list(document.recipients.order_by("position", "id"))
    sent = [r.delivered_at for r in recipients if r.delivered_at is not None]
    unit = document.drafting_unit
    assert document.number is not None and document.issued_date is not None
    return OutgoingLine(
        document_id=document.pk, number=document.number, code=document.code,
        date=document.issued_date,
        type_name="" if document.is_letter else document.document_type.name,
        subject=f"V/v {document.subject}" if document.is_letter else document.subject,
        signer=str(document.signer or ""),
        recipients="; ".join(r.name for r in recipients),
        filed_with=f"VT, {unit.short_name}" if unit else "VT",
        copies=document.copies, handed_over=local_day(min(sent)) if sent else None,
        note=_outgoing_note(document), is_urgent=document.is_urgent,
        is_void=document.status != OutgoingStatus.ISSUED,
    )


def _reservation_line(reservation: NumberReservation) -> OutgoingLine:
    if reservation.state == ReservationState.RELEASED:
        what, note = f"Số đã hủy: {reservation.released_reason}", f"Giữ số: {reservation.reason}"
    else:
        what, note = f"Số đã giữ: {reservation.reason}", ""
    return OutgoingLine(
        document_id=None, number=reservation.number, code=format_number(reservation.number),
        date=local_day(reservation.reserved_at), type_name="", subject=what, signer="",
        recipients="", filed_with="", copies=None, handed_over=None, note=note, is_void=True,
    )


def outgoing_line(entry: OutgoingEntry) -> OutgoingLine:
    if isinstance(entry, NumberReservation):
        return _reservation_line(entry)
    return _document_line(entry)


# --- Forms: the columns of each register -----------------------------------------------


class Line(Protocol):
    @property
    def number(self) -> int: ...

    def values(self) -> tuple[object, ...]: ...


@dataclasses.dataclass(frozen=True)
class Form:
    """The printed layout of one kind of register."""

    title: str
    columns: tuple[str, ...]
    pdf_widths_mm: tuple[int, ...]  # they add up to the 252 mm between landscape margins
    xlsx_widths: tuple[int, ...]
    date_columns: tuple[int, ...]  # 0-based
    centered: tuple[int, ...]  # 0-based; the other columns are left-aligned


INCOMING_FORM = Form(
    title="Sổ đăng ký văn bản đến", columns=COLUMNS, pdf_widths_mm=PDF_WIDTHS_MM,
    xlsx_widths=XLSX_WIDTHS, date_columns=(0, 4, 7), centered=(0, 1, 4, 7),
)
OUTGOING_FORM = Form(
    title="Sổ đăng ký văn bản đi", columns=OUTGOING_COLUMNS,
    pdf_widths_mm=(24, 19, 56, 24, 34, 24, 13, 19, 14, 25),
    xlsx_widths=(16, 12, 60, 24, 36, 16, 8, 12, 12, 30), date_columns=(1, 7),
    centered=(1, 6, 7),
)


def _lines(register: Register, user: User, date_from: dt.date | None,
           date_to: dt.date | None) -> tuple[Form, Cover, list[Line]]:
    period = resolve_period(date_from, date_to)
    lines: list[Line]
    if register.is_incoming:
        form = INCOMING_FORM
        documents = register_rows(register, user=user, date_from=date_from, date_to=date_to)
        lines = [register_line(d) for d in documents]
    else:
        form = OUTGOING_FORM
        entries = outgoing_entries(register, user=user, date_from=date_from, date_to=date_to)
        lines = [outgoing_line(e) for e in entries]
    return form, register_cover(register, period, lines), lines


def count_lines(
    register: Register, *, user: User, date_from: dt.date | None, date_to: dt.date | None
) -> int:
    """How many lines the printed register has (for the audit record)."""
    if register.is_incoming:
        return register_rows(register, user=user, date_from=date_from, date_to=date_to).count()
    return len(outgoing_entries(register, user=user, date_from=date_from, date_to=date_to))


# --- Cover -----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Cover:
    """The cover of a register (Phụ lục IV)."""

    parent_body: str
    organization: str
    title: str
    register_name: str
    period: Period
    first_number: int | None
    last_number: int | None

    @property
    def date_range(self) -> str:
        return f"Từ ngày {short_date(self.period.start)} đến ngày " \
               f"{short_date(self.period.end)}"

    @property
    def number_range(self) -> str:
        if self.first_number is None:
            return "Từ số …… đến số ……"
        return f"Từ số {self.first_number} đến số {self.last_number}"


def register_cover(register: Register, period: Period, lines: Sequence[Line]) -> Cover:
    title = register.get_kind_display().upper()
    return Cover(
        parent_body=register.organization.parent_body,
        organization=register.organization.name,
        title=title,
        register_name=register.name if register.name.upper() != title else "",
        period=period,
        first_number=lines[0].number if lines else None,
        last_number=lines[-1].number if lines else None,
    )


# --- PDF -------------------------------------------------------------------------------


def _cover_story(cover: Cover) -> list[Flowable]:
    story: list[Flowable] = [*pdf.organization_header(cover.parent_body, cover.organization)]
    story.append(Spacer(1, 60 * mm))
    story.append(pdf.para(cover.title, "cover_title"))
    if cover.register_name:
        story.append(pdf.para(cover.register_name, "cover_line"))
    for line in (f"Năm: {cover.period.years}", cover.date_range, cover.number_range,
                 "Quyển số: ……"):
        story.append(pdf.para(line, "cover_line"))
    return story


def _pdf_values(form: Form, line: Line) -> list[object]:
    cells = list(line.values())
    for column in form.date_columns:
        cells[column] = short_date(cells[column])  # type: ignore[arg-type]
    return cells


def _table_story(form: Form, cover: Cover, lines: Sequence[Line]) -> list[Flowable]:
    numbers = [f"({i})" for i in range(1, len(form.columns) + 1)]
    rows: list[Sequence[object]] = [form.columns, numbers,
                                    *(_pdf_values(form, line) for line in lines)]
    extra: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, 1), "MIDDLE"), ("FONT", (0, 1), (-1, 1), pdf.FONT_ITALIC, 9),
        *(("ALIGN", (c, 2), (c, -1), "CENTER") for c in form.centered)]
    if not lines:
        rows.append(["Không có văn bản nào trong khoảng thời gian này.",
                     *[""] * (len(form.columns) - 1)])
        extra.append(("SPAN", (0, 2), (-1, 2)))
    # Plain pre-wrapped strings (pdf.grid), not Paragraphs: 30,000 Paragraphs take
    # ReportLab tens of seconds to lay out; a 3,000-row register stays within seconds.
    table = pdf.grid(rows, [w * mm for w in form.pdf_widths_mm], header_rows=2, padding=3,
                     leading=11.5, extra=extra)
    caption = f"{cover.title} — {cover.organization} — {cover.date_range.lower()}"
    return [pdf.para(caption, "title"), Spacer(1, 3 * mm), table]


def register_pdf(
    register: Register, *, user: User, date_from: dt.date | None, date_to: dt.date | None
) -> bytes:
    """The printable register: the cover (portrait), then the ten-column table on
    landscape pages with the header repeated and page numbers."""
    form, cover, lines = _lines(register, user, date_from, date_to)
    story = [*_cover_story(cover), *pdf.next_page("landscape"),
             *_table_story(form, cover, lines)]
    return pdf.build_pdf(story, title=f"{cover.title} — {cover.organization}",
                         subject=cover.date_range, author=str(user))


# --- Excel -----------------------------------------------------------------------------


def _xlsx_titles(cover: Cover) -> list[xlsx.Title]:
    """The cover lines above the table."""
    lines = [xlsx.Title(cover.parent_body.upper()),
             xlsx.Title(cover.organization.upper(), bold=True),
             xlsx.Title(cover.title, 14, bold=True),
             xlsx.Title(cover.register_name, italic=True),
             xlsx.Title(f"Năm: {cover.period.years}"), xlsx.Title(cover.date_range),
             xlsx.Title(cover.number_range)]
    return [line for line in lines if line.text]


def register_xlsx(
    register: Register, *, user: User, date_from: dt.date | None, date_to: dt.date | None
) -> bytes:
    """The register as a workbook: cover lines, the ten columns with real date cells,
    column widths, a frozen header row and an autofilter."""
    form, cover, lines = _lines(register, user, date_from, date_to)
    return xlsx.workbook(xlsx.Sheet(
        name=form.title, columns=xlsx.columns(form.columns, form.xlsx_widths,
                                              dates=form.date_columns),
        titles=_xlsx_titles(cover), rows=(line.values() for line in lines), autofilter=True,
    ), title=f"{cover.title} — {cover.organization}")
