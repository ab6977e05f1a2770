"""What every printout shares: fonts, A4 pages, paragraph styles, small layout helpers.

Typography follows ND30 Phụ lục I (rules.md §1.4): Times New Roman shapes — we embed
Liberation Serif, metric-compatible with it and covering every Vietnamese letter, so a
printout looks the same on any machine and needs no font installed —, A4 pages with
margins top/bottom 20 mm, left 30 mm, right 15 mm, page numbers centred in the top
margin from page 2 on.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    LongTable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from vanphong import clock
from vanphong.printing.dates import short_datetime

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "LiberationSerif"
FONT_BOLD = f"{FONT}-Bold"
FONT_ITALIC = f"{FONT}-Italic"
FONT_BOLD_ITALIC = f"{FONT}-BoldItalic"

PORTRAIT = A4
LANDSCAPE = landscape(A4)
PAGE_NUMBER_SIZE = 13


@dataclasses.dataclass(frozen=True)
class Margins:
    top: float
    bottom: float
    left: float
    right: float


#: ND30 allows top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm; we take the least
#: so that register tables keep the most room.
MARGINS = Margins(top=20 * mm, bottom=20 * mm, left=30 * mm, right=15 * mm)


def frame_width(pagesize: tuple[float, float] = PORTRAIT) -> float:
    return pagesize[0] - MARGINS.left - MARGINS.right


@functools.cache
def register_fonts() -> str:
    """Register Liberation Serif once per process as one family (so <b>, <i> work)."""
    faces = {
        FONT: "LiberationSerif-Regular.ttf",
        FONT_BOLD: "LiberationSerif-Bold.ttf",
        FONT_ITALIC: "LiberationSerif-Italic.ttf",
        FONT_BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
    }
    for name, filename in faces.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
    )
    return FONT


# --- Styles ----------------------------------------------------------------------------


def _style(name: str, size: float, **options: Any) -> ParagraphStyle:
    options.setdefault("fontName", FONT)
    options.setdefault("leading", round(size * 1.2, 1))
    return ParagraphStyle(name, fontSize=size, **options)


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles of every printout, by purpose."""
    register_fonts()
    return {
        "body": _style("body", 13, alignment=TA_JUSTIFY, spaceAfter=3),
        "body_left": _style("body_left", 13, alignment=TA_LEFT, spaceAfter=3),
        "small": _style("small", 11, alignment=TA_LEFT),
        "note": _style("note", 11, fontName=FONT_ITALIC, alignment=TA_CENTER),
        "parent_body": _style("parent_body", 12.5, alignment=TA_CENTER),
        "org_name": _style("org_name", 12.5, fontName=FONT_BOLD, alignment=TA_CENTER),
        "title": _style("title", 14, fontName=FONT_BOLD, alignment=TA_CENTER, spaceAfter=2),
        "heading": _style("heading", 13, fontName=FONT_BOLD, spaceBefore=8, spaceAfter=3),
        "place_date": _style("place_date", 13, fontName=FONT_ITALIC, alignment=TA_CENTER),
        "signer_title": _style("signer_title", 13, fontName=FONT_BOLD, alignment=TA_CENTER),
        "signer_name": _style("signer_name", 13, fontName=FONT_BOLD, alignment=TA_CENTER),
        "stamp": _style("stamp", 13, fontName=FONT_BOLD, alignment=TA_RIGHT),
        "cover_line": _style("cover_line", 14, alignment=TA_CENTER, spaceAfter=6),
        "cover_title": _style("cover_title", 24, fontName=FONT_BOLD, alignment=TA_CENTER,
                              leading=30, spaceAfter=18),
    }


# --- Text ------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def markup(value: object) -> str:
    """User text made safe for a Paragraph: control characters dropped, XML escaped,
    line breaks kept."""
    text = _CONTROL.sub("", "" if value is None else str(value))
    return escape(text).replace("\r\n", "\n").replace("\n", "<br/>")


def para(value: object, style: str = "body") -> Paragraph:
    """A paragraph of plain (untrusted) text in one of `styles()`."""
    return Paragraph(markup(value), styles()[style])


def rich(markup_text: str, style: str = "body") -> Paragraph:
    """A paragraph of trusted markup; interpolate user text only through `markup()`."""
    return Paragraph(markup_text, styles()[style])


def labelled(label: str, value: object, style: str = "body_left") -> Paragraph:
    """'<b>Label:</b> value' — one fact of a form."""
    return rich(f"<b>{escape(label)}:</b> {markup(value)}", style)


@functools.lru_cache(maxsize=100_000)
def _text_width(text: str, font: str, size: float) -> float:
    # Vietnamese is written in short syllables that repeat endlessly, so caching the
    # width of each one makes wrapping a 3,000-row register cheap.
    return pdfmetrics.stringWidth(text, font, size)


def _pieces(word: str, width: float, font: str, size: float) -> list[str]:
    """A word longer than the line is cut where it reaches the edge."""
    if _text_width(word, font, size) <= width:
        return [word]
    pieces, current = [], ""
    for char in word:
        if current and _text_width(current + char, font, size) > width:
            pieces.append(current)
            current = ""
        current += char
    return [*pieces, current]


def wrap_lines(value: object, width: float, *, font: str = FONT, size: float = 10) -> str:
    """Plain text broken into lines no wider than `width` points, joined by newlines.

    Table cells given such strings are laid out far faster than Paragraphs (one font,
    no markup), which keeps long registers within seconds.
    """
    register_fonts()
    text = _CONTROL.sub("", "" if value is None else str(value))
    space = _text_width(" ", font, size)
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line: list[str] = []
        used = 0.0
        for word in paragraph.split():
            for piece in _pieces(word, width, font, size):
                piece_width = _text_width(piece, font, size)
                if line and used + space + piece_width > width:
                    lines.append(" ".join(line))
                    line, used = [], 0.0
                used += (space if line else 0) + piece_width
                line.append(piece)
        lines.append(" ".join(line))
    return "\n".join(lines)


# --- Building blocks -------------------------------------------------------------------


class WritingLines(Flowable):
    """Dotted lines across the frame, left for handwriting on paper."""

    def __init__(self, count: int, *, spacing: float = 8 * mm) -> None:
        super().__init__()
        self.count = count
        self.spacing = spacing

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.count * self.spacing

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setDash(1, 2)
        canvas.setLineWidth(0.4)
        for line in range(self.count):
            y = (self.count - line - 1) * self.spacing + 1
            canvas.line(0, y, self.width, y)
        canvas.restoreState()


def organization_header(parent_body: str, name: str) -> list[Flowable]:
    """Ô số 2: the superior body (upright caps), the organization (bold caps), and the
    short rule under it (about a third of the column)."""
    lines: list[Flowable] = []
    if parent_body:
        lines.append(para(parent_body.upper(), "parent_body"))
    lines.append(para(name.upper(), "org_name"))
    lines.append(HRFlowable(width="35%", thickness=0.6, color=colors.black,
                            spaceBefore=1, spaceAfter=4, hAlign="CENTER"))
    return lines


def side_by_side(left: Sequence[Flowable], right: Sequence[Flowable], *,
                 width: float, left_share: float = 0.45) -> Table:
    """Two columns without borders, as in the header of a document."""
    table = Table([[list(left), list(right)]],
                  colWidths=[width * left_share, width * (1 - left_share)])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def signature_block(*, title: str, name: str = "", dated: str = "", width: float,
                    space: float = 22 * mm) -> Table:
    """Right-hand signature space: date line (italic), title (bold caps), room to sign,
    then the name; an empty name leaves '(Ký, ghi rõ họ tên)' to be filled in."""
    cells: list[Flowable] = []
    if dated:
        cells.append(para(dated, "place_date"))
    cells.append(para(title.upper(), "signer_title"))
    if not name:
        cells.append(para("(Ký, ghi rõ họ tên)", "note"))
    cells.append(Spacer(1, space))
    if name:
        cells.append(para(name, "signer_name"))
    table = Table([["", cells]], colWidths=[width * 0.45, width * 0.55])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def grid(rows: Sequence[Sequence[object]], widths: Sequence[float], *,
         header_rows: int = 1, size: float = 10, leading: float | None = None,
         padding: float = 5, bold_rows: Sequence[int] = (), valign: str = "TOP",
         extra: Sequence[tuple[Any, ...]] = ()) -> LongTable:
    """The bordered table of every printout: each cell's text wrapped to its column
    (plain strings, far faster than Paragraphs for long lists), the header rows bold,
    centred and repeated on every page; `bold_rows` for headings and totals lines;
    `extra` for a printout's own TableStyle commands (alignment, spans)."""
    room = [w - 2 * padding for w in widths]
    cells = [[wrap_lines(value, room[i], font=FONT_BOLD if r < header_rows or r in bold_rows
                         else FONT, size=size) for i, value in enumerate(row)]
             for r, row in enumerate(rows)]
    table = LongTable(cells, colWidths=list(widths), repeatRows=header_rows)
    style: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), leading or round(size * 1.2, 1)),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), valign),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
    ]
    if header_rows:
        style += [("FONTNAME", (0, 0), (-1, header_rows - 1), FONT_BOLD),
                  ("ALIGN", (0, 0), (-1, header_rows - 1), "CENTER")]
    style += [("FONTNAME", (0, r), (-1, r), FONT_BOLD) for r in bold_rows]
    table.setStyle(TableStyle([*style, *extra]))
    return table


def next_page(template_id: str) -> list[Flowable]:
    """Continue on a new page laid out by another template ('portrait'/'landscape')."""
    return [NextPageTemplate(template_id), PageBreak()]


# --- Documents -------------------------------------------------------------------------


FOOTER_SIZE = 8


def _decorate_page(canvas: Canvas, document: BaseDocTemplate) -> None:
    """Page numbers from page 2 on, centred in the top margin (ND30 Phụ lục I §V);
    the small 'printed on' line in the bottom margin."""
    width, height = canvas._pagesize
    canvas.saveState()
    page = canvas.getPageNumber()
    if page > 1:
        canvas.setFont(FONT, PAGE_NUMBER_SIZE)
        canvas.drawCentredString(width / 2, height - MARGINS.top / 2 - PAGE_NUMBER_SIZE / 3,
                                 str(page))
    footer = getattr(document, "footer", "")
    if footer:
        canvas.setFont(FONT_ITALIC, FOOTER_SIZE)
        canvas.drawCentredString(width / 2, MARGINS.bottom / 2, footer)
    canvas.restoreState()


def _template(template_id: str, pagesize: tuple[float, float]) -> PageTemplate:
    frame = Frame(
        MARGINS.left, MARGINS.bottom, pagesize[0] - MARGINS.left - MARGINS.right,
        pagesize[1] - MARGINS.top - MARGINS.bottom, id=f"{template_id}-frame",
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
    )
    return PageTemplate(id=template_id, frames=[frame], onPage=_decorate_page,
                        pagesize=pagesize)


def build_pdf(story: list[Flowable], *, title: str, subject: str = "",
              author: str = "", first: str = "portrait") -> bytes:
    """Lay out `story` on A4 pages and return the PDF bytes.

    The story starts on the `first` template; `next_page()` switches orientation.
    Every page says in its bottom margin when and from where it was printed.
    """
    register_fonts()
    buffer = io.BytesIO()
    templates = [_template("portrait", PORTRAIT), _template("landscape", LANDSCAPE)]
    if first == "landscape":
        templates.reverse()
    document = BaseDocTemplate(
        buffer, pagesize=templates[0].pagesize, pageTemplates=templates, title=title,
        subject=subject, author=author, creator="Một Văn Phòng",
        leftMargin=MARGINS.left, rightMargin=MARGINS.right, topMargin=MARGINS.top,
        bottomMargin=MARGINS.bottom, invariant=False,
    )
    document.footer = printed_on()
    document.build(story)
    return buffer.getvalue()


def printed_on() -> str:
    """'In lúc 14:30 05/01/2026' for the foot of generated printouts."""
    return f"In lúc {short_datetime(clock.now())} từ Một Văn Phòng"
