"""Real office files made from text, the way old offices made them: an RTF written here
(in Unicode, or in TCVN3 with the .VnTime/.VnTimeH fonts, or in VNI with VNI-Times),
saved by LibreOffice as Word 97–2003 (.doc), OpenDocument (.odt) or .docx; spreadsheets
as .xlsx (openpyxl) and, through LibreOffice Calc, .xls and .ods. For the tests and the
benchmark's corpus of legacy files (bench/intake/legacy_files.py)."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Sequence
from pathlib import Path

from vanphong import legacy_encoding
from vanphong.printing import soffice

#: The fonts each encoding's documents were set in: body, capitals (title, header).
FONTS = {
    "unicode": ("Times New Roman", "Times New Roman"),
    "tcvn3": (".VnTime", ".VnTimeH"),
    "vni": ("VNI-Times", "VNI-Times"),
}
EXPORTS = {
    "doc": "doc:MS Word 97",
    "odt": "odt",
    "docx": "docx:MS Word 2007 XML",
    "xls": "xls:MS Excel 97",
    "ods": "ods",
}


def _rtf_escape(text: str) -> str:
    out = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) < 128:
            out.append(ch)
        elif ord(ch) < 256:
            out.append(f"\\'{ord(ch):02x}")  # a legacy encoding's byte, as old files have
        else:
            out.append(f"\\u{ord(ch) if ord(ch) < 32768 else ord(ch) - 65536}?")
    return "".join(out)


def _encode(text: str, encoding: str, capitals: bool) -> str:
    if encoding == "tcvn3":
        return legacy_encoding.encode_tcvn3(text.lower() if capitals else text)
    if encoding == "vni":
        return legacy_encoding.encode_vni(text)
    return text


def rtf_document(lines: Sequence[str], *, encoding: str = "unicode") -> bytes:
    """An RTF of the lines, one paragraph each; lines all in capitals are set in the
    encoding's capitals font (.VnTimeH for TCVN3), as old templates did."""
    body, capitals = FONTS[encoding]
    paragraphs = []
    for line in lines:
        upper = line.isupper()
        font = 1 if upper and capitals != body else 0
        text = _rtf_escape(_encode(line, encoding, upper))
        paragraphs.append(f"\\pard\\f{font}\\fs26 {text}\\par")
    table = (f"{{\\fonttbl{{\\f0\\froman\\fcharset0 {body};}}"
             f"{{\\f1\\froman\\fcharset0 {capitals};}}}}")
    return ("{\\rtf1\\ansi\\ansicpg1252\\deff0" + table + "\n" + "\n".join(paragraphs) + "}"
            ).encode("ascii")


def convert(data: bytes, source_kind: str, kind: str, *, timeout: float = 120) -> bytes:
    """`data` (a `source_kind` file) saved by LibreOffice as `kind` (see EXPORTS)."""
    program = soffice.soffice_path()
    if program is None:
        raise RuntimeError("LibreOffice (soffice) is needed to make office files")
    with tempfile.TemporaryDirectory(prefix="vanphong-make-") as folder:
        source = Path(folder) / f"source.{source_kind}"
        source.write_bytes(data)
        made = soffice.convert(program, source, EXPORTS[kind], timeout=timeout)
        if made is None:
            raise RuntimeError(f"LibreOffice made no .{kind} of the .{source_kind}")
        return made.read_bytes()


def word_file(lines: Sequence[str], kind: str, *, encoding: str = "unicode") -> bytes:
    """A .rtf, .doc, .odt or .docx of the lines, in the given encoding."""
    rtf = rtf_document(lines, encoding=encoding)
    return rtf if kind == "rtf" else convert(rtf, "rtf", kind)


def xlsx_file(rows: Sequence[Sequence[object]], *, title: str = "Phụ lục") -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def spreadsheet_file(rows: Sequence[Sequence[object]], kind: str) -> bytes:
    """An .xlsx, .xls or .ods of the rows (the last two need LibreOffice Calc)."""
    data = xlsx_file(rows)
    return data if kind == "xlsx" else convert(data, "xlsx", kind)
