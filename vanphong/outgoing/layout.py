"""The draft .docx of an outgoing document, laid out as the rules require.

Two looks: "state" follows ND30 Phụ lục I (rules.md §1.3, §1.4), "party" follows the
Party guidance HD36 (rules.md §2.3) and is also used by the party-like đoàn thể (§2.4).
The number and the date are left as the docxtpl placeholders `{{ so_ky_hieu }}` and
`{{ ngay_thang }}`, each inside one run, and filled only when the document is issued
(`rendering.fill_docx`).

User text goes into the file as typed, except that a "{" which could open a Jinja tag
(followed by "{", "%" or "#", or ending a line, where docxtpl would glue it to the next
piece of text) gets a space after it: "{{" is written "{ {". Closing "}}"/"%}" are inert
outside a tag and stay as typed. So no user text can break the rendering later.
"""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Iterable
from typing import Literal

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

NUMBER_FIELD = "so_ky_hieu"
DATE_FIELD = "ngay_thang"
NUMBER_PLACEHOLDER = "{{ %s }}" % NUMBER_FIELD  # noqa: UP031 — braces would need doubling
DATE_PLACEHOLDER = "{{ %s }}" % DATE_FIELD  # noqa: UP031

FONT = "Times New Roman"
TEXT_WIDTH_MM = 210 - 30 - 15  # A4 minus the left and right margins
CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT


@dataclasses.dataclass(frozen=True, kw_only=True)
class Layout:
    """What goes on the page; every text is user text except the labels we add."""

    style: Literal["state", "party"]
    parent_body: str  # superior body, e.g. "ĐẢNG BỘ TỈNH LÂM ĐỒNG"; may be ""
    organization_name: str  # issuing body, printed in capitals
    type_name: str  # "Quyết định", "Nghị quyết"...; "" for a công văn
    subject: str  # trích yếu; for a công văn without "V/v " (added here)
    body: str  # one paragraph per line; blank lines are ignored
    addressees: tuple[str, ...] = ()  # "Kính gửi:" list
    recipients: tuple[str, ...] = ()  # "Nơi nhận:" lines, without the "Lưu" line
    archive_line: str = "Lưu: VT."  # always the last "Nơi nhận" line
    place: str = ""  # địa danh
    signing_capacity: str = ""  # "TM. ỦY BAN NHÂN DÂN", "T/M ĐẢNG ỦY"; "" signing directly;
    # a deputy of a collective: "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH" (one line per "\n")
    signer_title: str = ""
    signer_name: str = ""
    urgency_label: str = ""  # "", "KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"
    secrecy_label: str = ""  # "", "MẬT", "TỐI MẬT", "TUYỆT MẬT"
    circulation_note: str = ""  # e.g. "LƯU HÀNH NỘI BỘ", under the labels

    @property
    def is_letter(self) -> bool:
        """A công văn has no type name; its trích yếu is the "V/v" line under the number."""
        return not self.type_name.strip()


@dataclasses.dataclass(frozen=True, kw_only=True)
class _Look:
    """Font sizes (pt) and wordings that differ between the state and the Party look."""

    header_widths_mm: tuple[float, float]
    parent_size: float
    org_size: float
    number_label: str
    number_size: float
    letter_subject_italic: bool
    letter_subject_size: float
    date_size: float
    type_size: float
    recipients_heading_size: float
    recipients_heading_bold_italic: bool
    recipients_size: float


# ND30 Phụ lục I §V (rules §1.4). The right header column holds the national name in
# bold 12 pt (88 mm) on one line; 13 pt would not fit next to a usable left column.
STATE = _Look(
    header_widths_mm=(73, 92), parent_size=12, org_size=12, number_label="Số: ",
    number_size=13, letter_subject_italic=False, letter_subject_size=12, date_size=14,
    type_size=14, recipients_heading_size=12, recipients_heading_bold_italic=True,
    recipients_size=11,
)
# HD36 font table (rules §2.3): "Số" without a colon, "Nơi nhận" underlined 14, list 12.
PARTY = _Look(
    header_widths_mm=(73, 92), parent_size=14, org_size=14, number_label="Số ",
    number_size=14, letter_subject_italic=True, letter_subject_size=12, date_size=14,
    type_size=16, recipients_heading_size=14, recipients_heading_bold_italic=False,
    recipients_size=12,
)

# Party-like đoàn thể (rules §2.4) print their own national name where the Party prints
# "ĐẢNG CỘNG SẢN VIỆT NAM"; recognised by how the superior body's name starts. The only
# party-like hội the rules know is Hội Nông dân, hence the catch-all "HỘI" last.
PARTY_HEADINGS: tuple[tuple[str, str], ...] = (
    ("TỈNH ĐOÀN", "ĐOÀN TNCS HỒ CHÍ MINH"),
    ("ĐOÀN", "ĐOÀN TNCS HỒ CHÍ MINH"),
    ("HỘI CỰU CHIẾN BINH", "HỘI CỰU CHIẾN BINH VIỆT NAM"),
    ("HỘI LIÊN HIỆP PHỤ NỮ", "HỘI LIÊN HIỆP PHỤ NỮ VIỆT NAM"),
    ("HỘI", "HỘI NÔNG DÂN VIỆT NAM"),
)
PARTY_HEADING = "ĐẢNG CỘNG SẢN VIỆT NAM"
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
SIGNATURE_LINES = 4  # room for the handwritten signature and the seal

CELL_MARGIN_MM = 1  # left and right inside each table cell (Word's default is 1.9)
_LIST_MARK = re.compile(r"^[-–—•+*]\s*")
_JINJA_OPENER = re.compile(r"\{(?=[{%#\t\n]|\Z)")
_AFTER_BORDERS = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind",
                  "w:contextualSpacing", "w:jc", "w:outlineLvl", "w:rPr", "w:sectPr")


def build_docx(layout: Layout) -> bytes:
    """The draft .docx of `layout`, with the number and date placeholders."""
    document = Document()
    look = PARTY if layout.style == "party" else STATE
    _set_up_page(document)
    _add_heading(document, layout, look)
    if not layout.is_letter:
        _add_title(document, layout, look)
    _add_addressees(document, layout.addressees)
    _add_body(document, layout.body)
    _add_signature(document, layout, look)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def safe_text(text: str) -> str:
    """`text` with Windows line ends removed and every possible Jinja opener defused."""
    return _JINJA_OPENER.sub("{ ", text.replace("\r\n", "\n").replace("\r", "\n"))


def party_heading(layout: Layout) -> str:
    """The top-right heading of a party-style document (rules §2.3, §2.4)."""
    name = (layout.parent_body.strip() or layout.organization_name.strip()).upper()
    for prefix, heading in PARTY_HEADINGS:
        if name.startswith(prefix):
            return heading
    return PARTY_HEADING


# --- Page -------------------------------------------------------------------------------


def _set_up_page(document: DocxDocument) -> None:
    """A4 portrait, ND30 margins, Times New Roman everywhere, page numbers from page 2."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = section.footer_distance = Mm(10)
    _set_default_font(document)
    document.core_properties.author = "Một Văn Phòng"
    document.core_properties.comments = ""
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False  # explicitly empty on page 1
    _add_page_number(section.header.paragraphs[0])


def _set_default_font(document: DocxDocument) -> None:
    """Times New Roman 14 for every script (the template's theme fonts would win for
    Vietnamese letters otherwise), Vietnamese proofing, no paragraph spacing by default."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults is not None
    run_defaults = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
    assert run_defaults is not None
    for child in list(run_defaults):
        run_defaults.remove(child)
    _set_fonts(run_defaults)
    run_defaults.append(_element("w:sz", val="28"))
    run_defaults.append(_element("w:szCs", val="28"))
    run_defaults.append(_element("w:lang", val="vi-VN", eastAsia="vi-VN", bidi="ar-SA"))
    spacing = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    if spacing is not None:
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), "240")
    normal = document.styles["Normal"]
    normal.font.size = Pt(14)
    _set_fonts(normal.element.get_or_add_rPr())


def _set_fonts(run_properties: etree._Element) -> None:
    fonts = run_properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = _element("w:rFonts")
        run_properties.insert(0, fonts)
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]  # drop theme fonts, which override named ones
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), FONT)


def _add_page_number(paragraph: Paragraph) -> None:
    """A PAGE field centred in the top margin, 13 pt upright (ND30 Phụ lục I §I)."""
    paragraph.alignment = CENTER
    for kind, text in (("begin", ""), ("instr", " PAGE "), ("separate", ""), ("end", "")):
        run = paragraph.add_run()
        run.font.size = Pt(13)
        if kind == "instr":
            instruction = _element("w:instrText")
            instruction.text = text
            instruction.set(qn("xml:space"), "preserve")
            run._r.append(instruction)
        else:
            run._r.append(_element("w:fldChar", fldCharType=kind))


# --- Heading (ô 1–4, 10, 11) ------------------------------------------------------------


def _add_heading(document: DocxDocument, layout: Layout, look: _Look) -> None:
    table = _table(document, look.header_widths_mm)
    left, right = table.rows[0].cells
    _add_issuer(left, layout, look)
    _add_number_block(left, layout, look)
    if layout.style == "party":
        _add_party_heading(right, layout, look)
    else:
        _add_state_heading(right, layout, look)
    _drop_first_paragraph(left)
    _drop_first_paragraph(right)


def _add_issuer(cell: _Cell, layout: Layout, look: _Look) -> None:
    """Superior body (upright), issuing body (bold), then a short rule (state) or a star
    line (Party)."""
    if layout.parent_body.strip():
        _paragraph(cell, layout.parent_body.strip().upper(), size=look.parent_size)
    _paragraph(cell, layout.organization_name.strip().upper(), size=look.org_size,
               bold=True)
    if layout.style == "party":
        _paragraph(cell, "*", size=look.org_size)
    else:
        width = look.header_widths_mm[0]
        _rule(cell, length_mm=width / 3, width_mm=width - 2 * CELL_MARGIN_MM)


def _add_number_block(cell: _Cell, layout: Layout, look: _Look) -> None:
    """"Số: {{ so_ky_hieu }}", the "V/v" line of a công văn and the optional labels."""
    number = _paragraph(cell, look.number_label, size=look.number_size, space_before=4)
    _run(number, NUMBER_PLACEHOLDER, size=look.number_size, verbatim=True)
    if layout.is_letter and layout.subject.strip():
        _paragraph(cell, "V/v " + layout.subject.strip(), size=look.letter_subject_size,
                   italic=look.letter_subject_italic, space_before=4)
    for label in (layout.secrecy_label, layout.urgency_label):
        if label.strip():
            paragraph = _paragraph(cell, "", size=13, space_before=6)
            _framed(_run(paragraph, label.strip().upper(), size=13, bold=True))
    if layout.circulation_note.strip():
        _paragraph(cell, layout.circulation_note.strip().upper(), size=13, bold=True,
                   space_before=6)


def _add_state_heading(cell: _Cell, layout: Layout, look: _Look) -> None:
    """Quốc hiệu, tiêu ngữ (underlined) and the place and date line (ô 1 and 4)."""
    _paragraph(cell, NATIONAL_NAME, size=12, bold=True)
    _paragraph(cell, MOTTO, size=13, bold=True, underline=True)
    _add_date_line(cell, layout, look, space_before=6)


def _add_party_heading(cell: _Cell, layout: Layout, look: _Look) -> None:
    """"ĐẢNG CỘNG SẢN VIỆT NAM" (or the đoàn thể's name), underlined, then the date."""
    _paragraph(cell, party_heading(layout), size=15, bold=True, underline=True)
    _add_date_line(cell, layout, look, space_before=28)


def _add_date_line(cell: _Cell, layout: Layout, look: _Look, *, space_before: float) -> None:
    paragraph = _paragraph(cell, "", size=look.date_size, italic=True,
                           space_before=space_before)
    if layout.place.strip():
        _run(paragraph, layout.place.strip() + ", ", size=look.date_size, italic=True)
    _run(paragraph, DATE_PLACEHOLDER, size=look.date_size, italic=True, verbatim=True)


# --- Title, addressees, body (ô 5a, 9a, 6) -------------------------------------------


def _add_title(document: DocxDocument, layout: Layout, look: _Look) -> None:
    """Type name in capitals and the trích yếu, both bold and centred, a short rule under."""
    _paragraph(document, layout.type_name.strip().upper(), size=look.type_size, bold=True,
               space_before=18)
    if layout.subject.strip():
        _paragraph(document, layout.subject.strip(), size=14, bold=True)
    _rule(document, length_mm=40, width_mm=TEXT_WIDTH_MM)


def _add_addressees(document: DocxDocument, addressees: Iterable[str]) -> None:
    """"Kính gửi: X." on one line, or "Kính gửi:" over a "- X;" list, one paragraph
    per addressee (ND30 Phụ lục I, ô 9a)."""
    names = [_LIST_MARK.sub("", name.strip()).rstrip(";.").strip() for name in addressees]
    names = [name for name in names if name]
    if not names:
        return
    if len(names) == 1:
        _paragraph(document, f"Kính gửi: {names[0]}.", size=14, space_before=12)
        return
    _paragraph(document, "Kính gửi:", size=14, space_before=12, align=LEFT, indent_mm=25)
    for position, name in enumerate(names, start=1):
        end = "." if position == len(names) else ";"
        _paragraph(document, f"- {name}{end}", size=14, align=LEFT, indent_mm=40)


def body_paragraphs(body: str) -> list[str]:
    """Each line the drafter typed is a paragraph, as Enter makes one in a word processor;
    blank lines between them only separate."""
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    return [line.strip() for line in text.split("\n") if line.strip()]


def _add_body(document: DocxDocument, body: str) -> None:
    """One paragraph per typed line. ND30: 14 pt, justified, first line indented 1 cm,
    6 pt after, spacing 1.15."""
    for position, part in enumerate(body_paragraphs(body)):
        paragraph = _paragraph(document, part, size=14, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                               space_before=12 if position == 0 else 0)
        paragraph.paragraph_format.first_line_indent = Mm(10)
        paragraph.paragraph_format.space_after = Pt(6)
        paragraph.paragraph_format.line_spacing = 1.15


# --- Recipients and signature (ô 9b, 7) ----------------------------------------------


def _add_signature(document: DocxDocument, layout: Layout, look: _Look) -> None:
    table = _table(document, (70, TEXT_WIDTH_MM - 70))
    left, right = table.rows[0].cells
    _add_recipients(left, layout, look)
    _add_signer(right, layout)
    _drop_first_paragraph(left)
    _drop_first_paragraph(right)


def _add_recipients(cell: _Cell, layout: Layout, look: _Look) -> None:
    """"Nơi nhận:" then "- X;" lines, the archive line always last."""
    heading_style = look.recipients_heading_bold_italic
    _paragraph(cell, "Nơi nhận:", size=look.recipients_heading_size, align=LEFT,
               bold=heading_style, italic=heading_style, underline=not heading_style,
               space_before=12)
    for name in layout.recipients:
        if name.strip():
            _paragraph(cell, f"- {name.strip().rstrip(';.').strip()};",
                       size=look.recipients_size, align=LEFT)
    _paragraph(cell, f"- {layout.archive_line.strip()}", size=look.recipients_size,
               align=LEFT)


def _add_signer(cell: _Cell, layout: Layout) -> None:
    """Capacity lines (TM./KT./T/M ... as given), title, room to sign and seal, the name."""
    capacity = [line.strip() for line in layout.signing_capacity.split("\n") if line.strip()]
    for position, line in enumerate(capacity):
        _paragraph(cell, line.upper(), size=14, bold=True, space_before=12 if position == 0 else 0)
    _paragraph(cell, layout.signer_title.strip().upper(), size=14, bold=True,
               space_before=0 if capacity else 12)
    for _ in range(SIGNATURE_LINES):
        _paragraph(cell, "", size=14)
    _paragraph(cell, layout.signer_name.strip(), size=14, bold=True)


# --- Building blocks ---------------------------------------------------------------------


def _paragraph(container: DocxDocument | _Cell, text: str, *, size: float,
               bold: bool = False, italic: bool = False, underline: bool = False,
               align: WD_ALIGN_PARAGRAPH = CENTER, space_before: float = 0,
               indent_mm: float = 0) -> Paragraph:
    """A paragraph with no spacing around it holding `text` in one run (none if empty)."""
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph_format = paragraph.paragraph_format
    paragraph_format.space_before, paragraph_format.space_after = Pt(space_before), Pt(0)
    if indent_mm:
        paragraph_format.left_indent = Mm(indent_mm)
    _mark_size(paragraph, size)
    if text:
        _run(paragraph, text, size=size, bold=bold, italic=italic, underline=underline)
    return paragraph


def _run(paragraph: Paragraph, text: str, *, size: float, bold: bool = False,
         italic: bool = False, underline: bool = False, verbatim: bool = False) -> Run:
    """A run of `text`; only our placeholders are `verbatim`, all else goes through
    `safe_text`."""
    run = paragraph.add_run(text if verbatim else safe_text(text))
    run.font.size = Pt(size)
    run.font.bold, run.font.italic, run.font.underline = bold, italic, underline
    return run


def _mark_size(paragraph: Paragraph, size: float) -> None:
    """Size the paragraph mark too, so an empty line is as tall as its neighbours."""
    properties = paragraph._p.get_or_add_pPr()
    mark = properties.find(qn("w:rPr"))
    if mark is None:
        mark = _element("w:rPr")
        properties.append(mark)
    half_points = str(round(size * 2))
    mark.append(_element("w:sz", val=half_points))
    mark.append(_element("w:szCs", val=half_points))


def _rule(container: DocxDocument | _Cell, *, length_mm: float, width_mm: float) -> None:
    """A centred horizontal line `length_mm` long: the top border of an empty, very low
    paragraph indented from both sides of a block whose text is `width_mm` wide."""
    paragraph = container.add_paragraph()
    paragraph_format = paragraph.paragraph_format
    paragraph_format.space_before = paragraph_format.space_after = Pt(0)
    paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph_format.line_spacing = Pt(2)
    side = max((width_mm - length_mm) / 2, 0)
    paragraph_format.left_indent = paragraph_format.right_indent = Mm(side)
    _mark_size(paragraph, 2)
    borders = _element("w:pBdr")
    borders.append(_element("w:top", val="single", sz="6", space="1", color="000000"))
    # Word rejects pPr children out of schema order: pBdr goes before these.
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_BORDERS)


def _framed(run: Run) -> None:
    """A box around the run, as the urgency and secrecy stamps are framed (ND30 §1.4)."""
    run._r.get_or_add_rPr().append(
        _element("w:bdr", val="single", sz="8", space="1", color="000000"))


def _table(document: DocxDocument, widths_mm: tuple[float, float]) -> Table:
    """A borderless one-row table with fixed column widths that never splits a page."""
    table = document.add_table(rows=1, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for grid_column, width in zip(table._tbl.tblGrid.gridCol_lst, widths_mm, strict=True):
        grid_column.w = Mm(width)
    for cell, width in zip(table.rows[0].cells, widths_mm, strict=True):
        cell.width = Mm(width)
    table.rows[0]._tr.get_or_add_trPr().append(_element("w:cantSplit"))
    margins = _element("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(_element(f"w:{side}", w=str(Mm(CELL_MARGIN_MM).twips), type="dxa"))
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption")
    return table


def _drop_first_paragraph(cell: _Cell) -> None:
    """A new cell comes with an empty paragraph; the blocks are added after it."""
    if len(cell.paragraphs) > 1:
        first = cell.paragraphs[0]._p
        first.getparent().remove(first)


def _element(tag: str, **attributes: str) -> etree._Element:
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element
