"""Reading the office files that are not PDF or DOCX: Word 97–2003 (.doc), RTF and
OpenDocument text (.odt) through LibreOffice, spreadsheets (.xlsx, .xls, .ods) with
calamine; and, in every Word file, the runs set in a legacy Vietnamese font (.VnTime,
.VnTimeH, VNI-Times...) converted to Unicode by the font's encoding (`legacy_encoding`).

A word-processor file becomes a PDF in two LibreOffice runs: to .docx (the fonts of each
run are kept there), whose legacy runs are converted and set in Times New Roman, then to
PDF. The PDF is what the clerk sees (the first-page preview, the copy registered beside
the untouched original) and what the text is read from, so legacy text reads right on
the page as in the proposal.

Failures are `OfficeUnreadable` with a Vietnamese message.
"""

from __future__ import annotations

import io
import logging
import shutil
import zipfile
from pathlib import Path

from lxml import etree

from vanphong import legacy_encoding
from vanphong.files import archives
from vanphong.printing import soffice

logger = logging.getLogger(__name__)

#: Seconds one LibreOffice conversion may take.
TIMEOUT = 120
#: Cells read from a spreadsheet, and characters kept: an appendix, not a database.
MAX_CELLS = 500_000
MAX_CHARS = 5_000_000
NO_LIBREOFFICE = ("Máy chủ chưa cài LibreOffice nên chưa đọc được tệp Word 97–2003, RTF, "
                  "ODT; hãy báo quản trị hệ thống.")
TIMED_OUT = "Đọc tệp quá lâu nên đã dừng; hãy thử lại sau ít phút hoặc gửi bản PDF."
UNREADABLE = "Không đọc được nội dung tệp {what}: tệp bị hỏng hoặc không đúng định dạng."
WHAT = {"doc": "Word 97–2003", "rtf": "RTF", "odt": "ODT", "docx": "Word",
        "xlsx": "Excel", "xls": "Excel 97–2003", "ods": "ODS"}


class OfficeUnreadable(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _unreadable(kind: str) -> OfficeUnreadable:
    return OfficeUnreadable(UNREADABLE.format(what=WHAT.get(kind, kind.upper())))


# --- Word-processor files → PDF ------------------------------------------------------------


def to_pdf(path: Path, kind: str, workdir: Path) -> Path:
    """The PDF of a .doc, .rtf, .odt (or .docx) file, its legacy-font text in Unicode,
    made in `workdir`. Raises OfficeUnreadable."""
    program = soffice.soffice_path()
    if program is None:
        raise OfficeUnreadable(NO_LIBREOFFICE)
    folder = workdir / "office"
    folder.mkdir(exist_ok=True)
    source = folder / f"source.{kind}"
    shutil.copyfile(path, source)
    docx = source if kind == "docx" else _convert(program, source, "docx", kind)
    _check(docx, kind)
    fixed = fix_legacy_fonts(docx.read_bytes())
    document = folder / "document.docx"
    document.write_bytes(fixed if fixed is not None else docx.read_bytes())
    pdf = _convert(program, document, "pdf:writer_pdf_Export", kind)
    if not pdf.read_bytes().startswith(b"%PDF"):
        raise _unreadable(kind)
    return pdf


def _convert(program: str, source: Path, export: str, kind: str) -> Path:
    try:
        made = soffice.convert(program, source, export, timeout=TIMEOUT)
    except soffice.TimedOut:
        raise OfficeUnreadable(TIMED_OUT) from None
    if made is None or not made.stat().st_size:
        raise _unreadable(kind)
    return made


def _check(docx: Path, kind: str) -> None:
    try:
        archives.check_docx(docx)
    except archives.TooLarge as refused:
        raise OfficeUnreadable(refused.message) from None
    except ValueError:
        raise _unreadable(kind) from None


# --- Legacy fonts in a .docx -----------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": _W}
_PARTS = ("word/document.xml", "word/header", "word/footer", "word/footnotes.xml",
          "word/endnotes.xml")
UNICODE_FONT = "Times New Roman"


def _attr(name: str) -> str:
    return f"{{{_W}}}{name}"


def _font_of(rpr: etree._Element | None) -> str | None:
    fonts = rpr.find("w:rFonts", _NS) if rpr is not None else None
    if fonts is None:
        return None
    return fonts.get(_attr("ascii")) or fonts.get(_attr("hAnsi"))


class _Styles:
    """The font each style gives, following `basedOn`, and the defaults."""

    def __init__(self, xml: bytes | None) -> None:
        self.fonts: dict[str, str | None] = {}
        self.based: dict[str, str] = {}
        self.default_paragraph = ""
        self.default_font: str | None = None
        if not xml:
            return
        root = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False))
        self.default_font = _font_of(root.find("w:docDefaults/w:rPrDefault/w:rPr", _NS))
        for style in root.iterfind("w:style", _NS):
            key = style.get(_attr("styleId"), "")
            self.fonts[key] = _font_of(style.find("w:rPr", _NS))
            based = style.find("w:basedOn", _NS)
            if based is not None:
                self.based[key] = based.get(_attr("val"), "")
            if style.get(_attr("type")) == "paragraph" and style.get(_attr("default")) in (
                    "1", "true"):
                self.default_paragraph = key

    def font(self, style: str | None) -> str | None:
        seen: set[str] = set()
        while style and style not in seen:
            seen.add(style)
            if self.fonts.get(style):
                return self.fonts[style]
            style = self.based.get(style)
        return None


def _run_font(run: etree._Element, styles: _Styles) -> str | None:
    rpr = run.find("w:rPr", _NS)
    direct = _font_of(rpr)
    if direct:
        return direct
    char_style = rpr.find("w:rStyle", _NS) if rpr is not None else None
    if char_style is not None and (found := styles.font(char_style.get(_attr("val")))):
        return found
    paragraph = next((p for p in run.iterancestors(f"{{{_W}}}p")), None)
    pstyle = paragraph.find("w:pPr/w:pStyle", _NS) if paragraph is not None else None
    key = pstyle.get(_attr("val")) if pstyle is not None else styles.default_paragraph
    return styles.font(key) or styles.default_font


def _fix_part(xml: bytes, styles: _Styles) -> bytes | None:
    root = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False))
    changed = False
    for run in root.iter(f"{{{_W}}}r"):
        encoding = legacy_encoding.font_encoding(_run_font(run, styles))
        if encoding is None:
            continue
        for text in run.iterfind("w:t", _NS):
            text.text = legacy_encoding.decode_for_font(text.text or "", encoding)
        rpr = run.find("w:rPr", _NS)
        if rpr is None:
            rpr = etree.SubElement(run, _attr("rPr"))
            run.insert(0, rpr)
        fonts = rpr.find("w:rFonts", _NS)
        if fonts is None:
            fonts = etree.SubElement(rpr, _attr("rFonts"))
            rpr.insert(0, fonts)
        for side in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(_attr(side), UNICODE_FONT)
        changed = True
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                          standalone=True) if changed else None


def fix_legacy_fonts(docx: bytes) -> bytes | None:
    """The .docx with every run set in a legacy font converted to Unicode and set in
    Times New Roman; None when it has no such run. Check the archive's bounds first."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        names = archive.namelist()
        styles = _Styles(archive.read("word/styles.xml") if "word/styles.xml" in names
                         else None)
        fixed = {name: part for name in names if name.startswith(_PARTS)
                 and (part := _fix_part(archive.read(name), styles)) is not None}
        if not fixed:
            return None
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as out:
            for info in archive.infolist():
                out.writestr(info, fixed.get(info.filename) or archive.read(info))
    return output.getvalue()


# --- Spreadsheets -----------------------------------------------------------------------------


def sheet_text(path: Path, kind: str) -> str:
    """The cells of every sheet, a row a line with its cells separated by tabs, each
    sheet under its name; empty rows left out. Raises OfficeUnreadable."""
    from python_calamine import CalamineError, CalamineWorkbook

    if kind in ("xlsx", "ods"):
        try:
            archives.check_docx(path, label="Excel" if kind == "xlsx" else "ODS")
        except archives.TooLarge as refused:
            raise OfficeUnreadable(refused.message) from None
        except ValueError:
            raise _unreadable(kind) from None
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        return _sheets(workbook)
    except (CalamineError, ValueError, OSError) as error:
        logger.info("spreadsheet %s: %r", path.name, error)
        raise _unreadable(kind) from None


def _sheets(workbook: object) -> str:
    lines: list[str] = []
    cells = chars = 0
    for name in workbook.sheet_names:  # type: ignore[attr-defined]
        sheet = workbook.get_sheet_by_name(name)  # type: ignore[attr-defined]
        lines += ["", name] if lines else [name]
        for row in sheet.iter_rows():
            cells += len(row)
            values = [_cell(value) for value in row]
            line = "\t".join(values).rstrip()
            if line.strip():
                lines.append(line)
                chars += len(line)
            if cells > MAX_CELLS or chars > MAX_CHARS:
                return "\n".join(lines)
    return "\n".join(lines)


def _cell(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\n", " ").replace("\t", " ") if value is not None else ""
