"""From a draft .docx to the issued document: fill the number and date, convert to PDF
with LibreOffice, read the text back for comparing versions.

Every failure a user can cause or see (a damaged file, an unknown placeholder, no
LibreOffice on the server, a conversion that hangs) is a `RenderingError` with a message
in Vietnamese; the technical detail goes to the log.
"""

from __future__ import annotations

import io
import logging
import tempfile
from collections.abc import Iterator
from pathlib import Path

import docx
import jinja2
from docx.document import Document as DocxDocument
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate

from vanphong.errors import Invalid
from vanphong.files import archives
from vanphong.outgoing.layout import DATE_FIELD, NUMBER_FIELD
from vanphong.printing import soffice
from vanphong.printing.soffice import soffice_path

logger = logging.getLogger(__name__)

UNREADABLE = "Không đọc được tệp .docx: tệp bị hỏng hoặc không phải tệp Word (.docx)."
BAD_PLACEHOLDERS = (
    "Tệp .docx có chỗ điền không hợp lệ. Chỉ dùng được {{ so_ky_hieu }} (số, ký hiệu) "
    "và {{ ngay_thang }} (ngày tháng); hãy sửa hoặc xóa các đoạn {{ ... }}, {% ... %} khác."
)
NO_LIBREOFFICE = (
    "Máy chủ chưa cài LibreOffice nên chưa tạo được bản PDF; hãy báo quản trị hệ thống."
)
TIMED_OUT = "Tạo bản PDF quá lâu nên đã dừng; hãy thử lại sau ít phút."
NO_PDF = "LibreOffice không tạo được bản PDF từ tệp .docx này; hãy kiểm tra lại tệp."


class RenderingError(Invalid):
    default_message = "Không tạo được văn bản từ tệp .docx."


def fill_docx(docx: bytes, *, number: str, date_text: str, title: str = "") -> bytes:
    """Render the two placeholders with docxtpl (NUMBER_FIELD/DATE_FIELD). Works for our
    generated files AND for .docx files users upload that contain the same placeholders;
    a file without placeholders comes back unchanged in content. Invalid .docx →
    RenderingError, and so is any other placeholder, which would otherwise vanish.
    `title` becomes the file's title (the PDF's, which a browser tab shows)."""
    _check_bounds(docx)
    template = DocxTemplate(io.BytesIO(docx))
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)
    try:
        template.render({NUMBER_FIELD: number, DATE_FIELD: date_text}, environment)
    except jinja2.TemplateError as error:
        logger.info("Placeholders of a .docx not rendered: %s", error)
        raise RenderingError(BAD_PLACEHOLDERS) from error
    except Exception as error:
        # python-docx and lxml raise many unrelated types on a damaged file.
        logger.info("Unreadable .docx: %r", error)
        raise RenderingError(UNREADABLE) from error
    if title:
        template.docx.core_properties.title = title[:250]
    output = io.BytesIO()
    template.save(output)
    return output.getvalue()


PDF_EXPORT = "pdf:writer_pdf_Export"
#: LibreOffice's PDF/A-2b export (JSON filter options, LibreOffice 7.4 and newer).
PDFA_EXPORT = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'


def docx_to_pdf(docx: bytes, *, timeout: float = 120, pdfa: bool = False) -> bytes:
    """LibreOffice headless conversion in a fresh temporary directory with its own
    -env:UserInstallation profile dir (so parallel conversions do not clash), soffice path
    from settings.VANPHONG_SOFFICE if defined else shutil.which("soffice"); clear Vietnamese
    RenderingError when LibreOffice is missing, times out, or produces no PDF."""
    _open_docx(docx)  # LibreOffice would happily print a damaged file as plain text
    program = soffice_path()
    if program is None:
        raise RenderingError(NO_LIBREOFFICE)
    with tempfile.TemporaryDirectory(prefix="vanphong-pdf-") as folder:
        work = Path(folder)
        source = work / "document.docx"
        source.write_bytes(docx)
        try:
            soffice.convert(program, source, PDFA_EXPORT if pdfa else PDF_EXPORT,
                            timeout=timeout)
        except soffice.TimedOut as error:
            raise RenderingError(TIMED_OUT) from error
        result = work / "document.pdf"
        if not result.is_file() or not result.read_bytes().startswith(b"%PDF"):
            raise RenderingError(NO_PDF)
        return result.read_bytes()


def docx_text(docx: bytes) -> str:
    """Plain text of the document (paragraphs and table cells in reading order, one line
    per paragraph), for comparing versions. Empty paragraphs are left out; a line break
    inside a paragraph stays a line break. Invalid .docx → RenderingError."""
    document = _open_docx(docx)
    return "\n".join(text for text in _texts(document.iter_inner_content()) if text.strip())


def docx_paragraphs(docx: bytes) -> list[str]:
    """The texts of the paragraphs outside tables (title, "Kính gửi", body), in order,
    empty ones left out. Invalid .docx → RenderingError."""
    document = _open_docx(docx)
    return [p.text for p in document.paragraphs if p.text.strip()]


def _check_bounds(content: bytes) -> None:
    """python-docx loads every part of the archive into memory: a small uploaded file
    that unpacks to gigabytes is refused first, with its reason."""
    try:
        archives.check_docx(io.BytesIO(content))
    except archives.TooLarge as error:
        raise RenderingError(error.message) from None
    except ValueError as error:
        raise RenderingError(UNREADABLE) from error


def _open_docx(content: bytes) -> DocxDocument:
    _check_bounds(content)
    try:
        return docx.Document(io.BytesIO(content))
    except Exception as error:
        # python-docx and lxml raise many unrelated types on a damaged file.
        logger.info("Unreadable .docx: %r", error)
        raise RenderingError(UNREADABLE) from error


def _texts(blocks: Iterator[Paragraph | Table]) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block.text
        else:
            for cell in _cells(block):
                yield from _texts(cell.iter_inner_content())


def _cells(table: Table) -> Iterator[_Cell]:
    """Each cell once, row by row: merged cells are reported for every grid position."""
    seen: list[object] = []
    for row in table.rows:
        for cell in row.cells:
            if not any(cell._tc is known for known in seen):
                seen.append(cell._tc)
                yield cell
