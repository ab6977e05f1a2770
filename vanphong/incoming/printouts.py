"""The "Phiếu giải quyết văn bản đến" (ND30 Phụ lục IV): the document's facts, then
(1) the organization leader's instruction, (2) the unit leader's re-assignment, (3) the
handler's proposals and result — each with room to sign on paper.

What has been recorded in the system is printed; a section with nothing recorded yet
gets dotted lines so the slip can travel with the paper original and be filled in by
hand. The slip is one A4 sheet, whatever was recorded: each section prints its latest
entries (`KEEP`, the earlier ones counted, all of them in the history on the system), each
text cut at `MAX_TEXT` characters, and what is still too tall is shrunk to fit the page.
Callers decide who may print it (`get_incoming_for`); this module only lays out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.db.models import QuerySet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, Spacer

from vanphong.incoming.models import (
    Assignment,
    AssignmentKind,
    EventKind,
    IncomingDocument,
    IncomingEvent,
    Instruction,
)
from vanphong.organizations.models import Position, User
from vanphong.printing import pdf
from vanphong.printing.dates import (
    blank_date,
    local_day,
    place_and_date,
    short_date,
    short_datetime,
)
from vanphong.registers.models import Secrecy, Urgency


@dataclasses.dataclass(frozen=True)
class Signer:
    """Who signs a section of the slip, and when."""

    name: str
    title: str
    at: dt.datetime


def _title_of(user: User, document: IncomingDocument, day: dt.date) -> str:
    """The post the person held for this document's organization that day (else any)."""
    positions = Position.objects.active(on=day).filter(person=user).order_by("start_date")
    own = positions.filter(organization_id=document.organization_id).first()
    return (own or positions.first() or Position(title="")).title


def _signer(user: User, document: IncomingDocument, at: dt.datetime) -> Signer:
    return Signer(name=str(user), title=_title_of(user, document, local_day(at)), at=at)


SIGNATURE_SPACE = 12 * mm


def _signature(document: IncomingDocument, signer: Signer | None, role: str) -> Flowable:
    width = pdf.frame_width()
    if signer is None:
        return pdf.signature_block(
            title=role, dated=blank_date().capitalize(), width=width, space=SIGNATURE_SPACE
        )
    place = document.office.place_name
    return pdf.signature_block(
        title=signer.title or role,
        name=signer.name,
        dated=place_and_date(place, signer.at),
        width=width,
        space=SIGNATURE_SPACE,
    )


def _by_line(signer: Signer) -> Flowable:
    title = f", {signer.title}" if signer.title else ""
    return pdf.para(f"({signer.name}{title} — {short_datetime(signer.at)})", "small")


#: How many of its latest entries each section prints, and the longest text printed.
KEEP = 2
MAX_TEXT = 400


def clip(text: str, limit: int = MAX_TEXT) -> str:
    """A text cut at a word boundary near `limit` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut.rstrip(" ,;.") + "…"


def _section(
    heading: str,
    entries: list[tuple[list[Flowable], Signer]],
    *,
    document: IncomingDocument,
    role: str,
    blank_lines: int,
) -> list[Flowable]:
    """A numbered part of the slip: its latest entries, with who and when for all but the
    last one, whose author signs at the foot; dotted lines when nothing is recorded."""
    story: list[Flowable] = [pdf.para(heading, "heading")]
    earlier = len(entries) - KEEP
    if earlier > 0:
        story.append(pdf.para(f"({earlier} ý kiến trước đó: xem lịch sử xử lý trên hệ thống.)",
                              "small"))
        entries = entries[-KEEP:]
    for index, (flowables, signer) in enumerate(entries):
        story += flowables
        if index < len(entries) - 1:
            story.append(_by_line(signer))
    if not entries:
        story.append(pdf.WritingLines(blank_lines, spacing=7 * mm))
    story.append(_signature(document, entries[-1][1] if entries else None, role))
    return story


# --- Facts -----------------------------------------------------------------------------


def _stamps(document: IncomingDocument) -> list[Flowable]:
    marks = []
    if document.urgency > Urgency.NORMAL:
        marks.append(Urgency(document.urgency).label.upper())
    if document.secrecy > Secrecy.NONE:
        marks.append(Secrecy(document.secrecy).label.upper())
    return [pdf.para(mark, "stamp") for mark in marks]


def _header(document: IncomingDocument) -> list[Flowable]:
    organization = document.organization
    left = pdf.organization_header(organization.parent_body, organization.name)
    return [
        pdf.side_by_side(left, _stamps(document), width=pdf.frame_width()),
        Spacer(1, 6 * mm),
        pdf.para("PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN", "title"),
        Spacer(1, 4 * mm),
    ]


def _pair(left: tuple[str, str], right: tuple[str, str]) -> Flowable:
    """Two short facts on one line, to keep the slip on one page."""
    return pdf.side_by_side(
        [pdf.labelled(*left)], [pdf.labelled(*right)], width=pdf.frame_width(), left_share=0.55
    )


def _facts(document: IncomingDocument) -> list[Flowable]:
    kind = document.document_type.name if document.document_type else "(không ghi)"
    urgency = Urgency(document.urgency).label
    if document.secrecy > Secrecy.NONE:
        urgency += f" — Độ mật: {Secrecy(document.secrecy).label}"
    story = [
        _pair(
            ("Số đến", str(document.arrival_number)),
            ("Ngày đến", short_datetime(document.arrival_at)),
        ),
        _pair(
            ("Số, ký hiệu", document.code or "(không có)"),
            ("Ngày văn bản", short_date(document.issued_date)),
        ),
        pdf.labelled("Cơ quan ban hành", document.issuer),
        _pair(("Tên loại", kind), ("Độ khẩn", urgency)),
        pdf.labelled("Trích yếu", clip(document.subject, 500)),
    ]
    if document.reply_due:
        story.append(pdf.labelled("Hạn trả lời", short_date(document.reply_due)))
    routings = document.routings.select_related("leader").order_by("routed_at", "id")
    if routings:
        names = ", ".join(dict.fromkeys(str(r.leader) for r in routings))
        story.append(pdf.labelled("Trình", f"{names} ({short_datetime(routings[0].routed_at)})"))
    return story


# --- (1) Organization leader -----------------------------------------------------------


def _instructed(instruction: Instruction, assignments: list[Assignment]) -> list[Assignment]:
    """The handlers an instruction named: created by its author at the same moment."""
    return [
        a
        for a in assignments
        if a.assigned_by_id == instruction.author_id and a.assigned_at == instruction.created_at
    ]


def _handler_lines(handlers: list[Assignment], deadline: dt.date | None) -> list[Flowable]:
    lines = []
    for kind in (AssignmentKind.LEAD, AssignmentKind.SUPPORT, AssignmentKind.FOR_INFO):
        names = [a.handler_label for a in handlers if a.kind == kind]
        if names:
            lines.append(pdf.labelled(f"– {kind.label}", clip(", ".join(names), 200)))
    if deadline:
        lines.append(pdf.labelled("– Hạn xử lý", short_date(deadline)))
    return lines


def _leader_section(
    document: IncomingDocument, assignments: list[Assignment]
) -> list[Flowable]:
    entries = []
    for instruction in document.instructions.select_related("author"):
        lines = [pdf.para(clip(instruction.text), "body")] if instruction.text else []
        lines += _handler_lines(_instructed(instruction, assignments), instruction.deadline)
        entries.append((lines, _signer(instruction.author, document, instruction.created_at)))
    return _section(
        "1. Ý kiến của lãnh đạo cơ quan, tổ chức:",
        entries,
        document=document,
        role="Lãnh đạo cơ quan",
        blank_lines=5,
    )


# --- (2) Unit leader -------------------------------------------------------------------


def _events(document: IncomingDocument, *kinds: str) -> QuerySet[IncomingEvent]:
    return document.events.filter(kind__in=kinds).select_related("actor").order_by("at", "id")


def _unit_section(document: IncomingDocument) -> list[Flowable]:
    events = list(_events(document, EventKind.REASSIGN))
    people = {
        u.pk: str(u)
        for u in User.objects.filter(
            pk__in=[e.data.get("person") for e in events if e.data.get("person")]
        )
    }
    entries = []
    for event in events:
        person = people.get(event.data.get("person"), "")
        lines = [pdf.labelled("Giao", person)] if person and person not in event.note else []
        lines.append(pdf.para(clip(event.note), "body"))
        entries.append((lines, _signer(event.actor, document, event.at)))
    return _section(
        "2. Ý kiến của lãnh đạo đơn vị:",
        entries,
        document=document,
        role="Lãnh đạo đơn vị",
        blank_lines=3,
    )


# --- (3) Handler -----------------------------------------------------------------------


def _handler_section(document: IncomingDocument) -> list[Flowable]:
    entries = []
    for event in _events(document, EventKind.PROGRESS, EventKind.COMPLETE):
        done = event.kind == EventKind.COMPLETE
        lines = [pdf.labelled("Kết quả" if done else "Đề xuất, tiến độ", clip(event.note))]
        if done and event.data.get("reply_code"):
            lines.append(pdf.labelled("Văn bản trả lời", event.data["reply_code"]))
        entries.append((lines, _signer(event.actor, document, event.at)))
    return _section(
        "3. Ý kiến đề xuất, kết quả của người giải quyết:",
        entries,
        document=document,
        role="Người giải quyết",
        blank_lines=3,
    )


def processing_slip_pdf(document: IncomingDocument) -> bytes:
    """The processing slip of one incoming document, as PDF bytes (A4 portrait)."""
    assignments = list(document.assignments.select_related("person", "unit"))
    story = [
        *_header(document),
        *_facts(document),
        *_leader_section(document, assignments),
        *_unit_section(document),
        *_handler_section(document),
    ]
    # One sheet: what is still taller than the page is scaled down to fit it.
    page = KeepInFrame(pdf.frame_width(), _FRAME_HEIGHT, story, mode="shrink")
    title = f"Phiếu giải quyết văn bản đến số {document.arrival_number}"
    return pdf.build_pdf(
        [page], title=title, subject=document.subject, author=document.organization.name
    )


#: The printable height of an A4 portrait page (a hair less, for rounding).
_FRAME_HEIGHT = pdf.PORTRAIT[1] - pdf.MARGINS.top - pdf.MARGINS.bottom - 1
