"""A realistic first page for a demo incoming document, drawn with ReportLab.

The layout follows the usual Vietnamese forms (ND 30/2020 Phụ lục I for state bodies,
HD 36 for Party-like bodies): issuer block top left, national motto or "ĐẢNG CỘNG SẢN
VIỆT NAM" top right, number, place and date, type name and subject, body, signature
block and "Nơi nhận". Liberation Serif carries every Vietnamese glyph; the fonts are
registered under names of our own so other ReportLab users are not affected.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONT_DIR = Path(__file__).resolve().parent.parent / "printing" / "fonts"
REGULAR, BOLD, ITALIC, BOLD_ITALIC = (
    "VPDemoSerif", "VPDemoSerif-Bold", "VPDemoSerif-Italic", "VPDemoSerif-BoldItalic"
)
_FILES = {
    REGULAR: "LiberationSerif-Regular.ttf",
    BOLD: "LiberationSerif-Bold.ttf",
    ITALIC: "LiberationSerif-Italic.ttf",
    BOLD_ITALIC: "LiberationSerif-BoldItalic.ttf",
}

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT, RIGHT, TOP, BOTTOM = 30 * mm, PAGE_WIDTH - 15 * mm, PAGE_HEIGHT - 20 * mm, 20 * mm
LEFT_CENTER = LEFT + 33 * mm
RIGHT_CENTER = RIGHT - 45 * mm
LINE = 16.5


@dataclasses.dataclass(frozen=True, kw_only=True)
class Letter:
    """What the first page shows; every text is already in its printed form."""

    issuer_lines: tuple[str, ...]  # e.g. ("UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ"); last one bold
    party_style: bool
    number_line: str  # "Số: 1234/SNV-CCVC" or "Số 05-KH/BTCTU"
    place_date: str  # "Lâm Đồng, ngày 05 tháng 11 năm 2026"
    type_title: str  # "KẾ HOẠCH"; empty for a công văn
    subject: str
    addressee: str  # "Kính gửi: ..." for a công văn
    paragraphs: tuple[str, ...]
    signature: tuple[str, ...]  # ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
    signer: str
    recipients: tuple[str, ...]
    urgency: str = ""  # "KHẨN", "HỎA TỐC"...

    def text(self) -> str:
        """The words printed on the page, in reading order (what a text layer gives)."""
        parts = [*self.issuer_lines, self.number_line, self.place_date, self.urgency,
                 self.type_title, self.subject, self.addressee, *self.paragraphs,
                 *self.signature, self.signer, "Nơi nhận:", *self.recipients]
        return "\n".join(part for part in parts if part)


def _register_fonts() -> None:
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, filename in _FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))


def _centered(pdf: Canvas, lines: Sequence[tuple[str, str, float]], x: float,
              y: float) -> float:
    for text, font, size in lines:
        pdf.setFont(font, size)
        pdf.drawCentredString(x, y, text)
        y -= size + 3
    return y


def _rule(pdf: Canvas, x: float, y: float, text: str, font: str, size: float) -> None:
    width = pdfmetrics.stringWidth(text, font, size)
    pdf.setLineWidth(0.6)
    pdf.line(x - width / 2, y, x + width / 2, y)


def _header(pdf: Canvas, letter: Letter) -> float:
    issuer = [(text, REGULAR, 12) for text in letter.issuer_lines[:-1]]
    issuer.append((letter.issuer_lines[-1], BOLD, 12))
    left_y = _centered(pdf, issuer, LEFT_CENTER, TOP)
    if letter.party_style:
        left_y = _centered(pdf, [("*", REGULAR, 12)], LEFT_CENTER, left_y)
        motto = [("ĐẢNG CỘNG SẢN VIỆT NAM", BOLD, 14)]
    else:
        _rule(pdf, LEFT_CENTER, left_y + 9, letter.issuer_lines[-1][:12], BOLD, 12)
        motto = [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", BOLD, 12),
                 ("Độc lập - Tự do - Hạnh phúc", BOLD, 13)]
    right_y = _centered(pdf, motto, RIGHT_CENTER, TOP)
    last_text, last_font, last_size = motto[-1]
    _rule(pdf, RIGHT_CENTER, right_y + last_size - 1, last_text, last_font, last_size)
    number_y = min(left_y, right_y) - 6
    _centered(pdf, [(letter.number_line, REGULAR, 13)], LEFT_CENTER, number_y)
    pdf.setFont(ITALIC, 13)
    pdf.drawCentredString(RIGHT_CENTER, number_y - (0 if letter.party_style else 4),
                          letter.place_date)
    return number_y - 18


def _wrapped(pdf: Canvas, text: str, font: str, size: float, y: float, *,
             width: float, x: float = LEFT, indent: float = 0, center: float | None = None,
             ) -> float:
    lines = simpleSplit(text, font, size, width - indent)
    pdf.setFont(font, size)
    for index, line in enumerate(lines):
        if center is not None:
            pdf.drawCentredString(center, y, line)
        else:
            pdf.drawString(x + (indent if index == 0 else 0), y, line)
        y -= size + 3.5
    return y


def _title(pdf: Canvas, letter: Letter, y: float) -> float:
    if letter.urgency:
        pdf.setFont(BOLD, 13)
        pdf.drawString(LEFT + 8, y, letter.urgency)
        pdf.rect(LEFT + 2, y - 5, pdfmetrics.stringWidth(letter.urgency, BOLD, 13) + 12, 19)
        y -= 22
    if not letter.type_title:
        # Công văn: the subject sits under the number, the addressee is centred.
        y = _wrapped(pdf, letter.subject, REGULAR, 12, y, width=64 * mm, center=LEFT_CENTER)
        y -= 10
        return _wrapped(pdf, letter.addressee, REGULAR, 14, y, width=RIGHT - LEFT - 60,
                        center=(LEFT + RIGHT) / 2) - 6
    y -= 6
    pdf.setFont(BOLD, 15)
    pdf.drawCentredString((LEFT + RIGHT) / 2, y, letter.type_title)
    y = _wrapped(pdf, letter.subject, BOLD, 14, y - 19, width=RIGHT - LEFT - 40,
                 center=(LEFT + RIGHT) / 2)
    pdf.line((LEFT + RIGHT) / 2 - 40, y + 10, (LEFT + RIGHT) / 2 + 40, y + 10)
    return y - 8


def _body(pdf: Canvas, letter: Letter, y: float) -> float:
    for paragraph in letter.paragraphs:
        if y < BOTTOM + 170:
            break
        y = _wrapped(pdf, paragraph, REGULAR, 13.5, y, width=RIGHT - LEFT, indent=12 * mm)
        y -= 4
    return y


def _closing(pdf: Canvas, letter: Letter, y: float) -> None:
    y = max(y - 8, BOTTOM + 150)
    sign_y = _centered(pdf, [(line, BOLD, 13) for line in letter.signature],
                       RIGHT_CENTER, y)
    pdf.setFont(ITALIC, 12)
    pdf.drawCentredString(RIGHT_CENTER, sign_y - 20, "(Đã ký)")
    pdf.setFont(BOLD, 13)
    pdf.drawCentredString(RIGHT_CENTER, sign_y - 62, letter.signer)
    pdf.setFont(BOLD_ITALIC, 12)
    pdf.drawString(LEFT, y, "Nơi nhận:")
    pdf.setFont(REGULAR, 10.5)
    line_y = y - 14
    for recipient in letter.recipients:
        for line in simpleSplit(f"- {recipient}", REGULAR, 10.5, 80 * mm):
            pdf.drawString(LEFT, line_y, line)
            line_y -= 12.5


def render_letter(letter: Letter) -> bytes:
    """One A4 page as PDF bytes. Output is byte-for-byte stable for the same letter
    (ReportLab's invariant mode), so re-running the demo stores the same files."""
    _register_fonts()
    buffer = io.BytesIO()
    pdf = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1)
    pdf.setTitle(letter.subject[:200])
    pdf.setAuthor(letter.issuer_lines[-1])
    y = _header(pdf, letter)
    y = _title(pdf, letter, y)
    y = _body(pdf, letter, y)
    _closing(pdf, letter, y)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
