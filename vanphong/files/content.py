"""Recognising what an uploaded file really is, from its bytes, never its name."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from typing import BinaryIO

import olefile
from PIL import Image, UnidentifiedImageError


@dataclasses.dataclass(frozen=True)
class Kind:
    key: str
    content_type: str
    extension: str
    label: str


PDF = Kind("pdf", "application/pdf", ".pdf", "PDF")
DOCX = Kind(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".docx",
    "Word (DOCX)",
)
JPEG = Kind("jpeg", "image/jpeg", ".jpg", "ảnh JPEG")
PNG = Kind("png", "image/png", ".png", "ảnh PNG")
TIFF = Kind("tiff", "image/tiff", ".tif", "ảnh TIFF")

DOC = Kind("doc", "application/msword", ".doc", "Word 97–2003 (DOC)")
RTF = Kind("rtf", "application/rtf", ".rtf", "RTF")
ODT = Kind("odt", "application/vnd.oasis.opendocument.text", ".odt", "OpenDocument (ODT)")
XLS = Kind("xls", "application/vnd.ms-excel", ".xls", "Excel 97–2003 (XLS)")
XLSX = Kind(
    "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xlsx",
    "Excel (XLSX)",
)
ODS = Kind(
    "ods", "application/vnd.oasis.opendocument.spreadsheet", ".ods", "OpenDocument (ODS)"
)
ZIP = Kind("zip", "application/zip", ".zip", "tệp nén ZIP")
SEVEN_ZIP = Kind("7z", "application/x-7z-compressed", ".7z", "tệp nén 7z")
RAR = Kind("rar", "application/vnd.rar", ".rar", "tệp nén RAR")

#: Every kind a user may send, in the order the pages name them.
KINDS = (PDF, DOCX, DOC, RTF, ODT, XLSX, XLS, ODS, JPEG, PNG, TIFF, ZIP, SEVEN_ZIP, RAR)
#: Word-processor files whose text and PDF copy LibreOffice makes.
WORD_PROCESSOR = frozenset({"doc", "rtf", "odt"})
#: Spreadsheets (appendices): their cells are read as text.
SPREADSHEET = frozenset({"xls", "xlsx", "ods"})
IMAGE = frozenset({"jpeg", "png", "tiff"})
#: Archives: never stored as such, unpacked where files are received (`files.unpacking`).
ARCHIVE = frozenset({"zip", "7z", "rar"})
ACCEPTED_LABEL = (
    "PDF, Word (DOCX, DOC), RTF, OpenDocument (ODT, ODS), Excel (XLSX, XLS), "
    "ảnh (JPEG, PNG, TIFF) hoặc tệp nén (ZIP, 7z, RAR) chứa các tệp đó"
)
#: For the file pickers' `accept` attribute (a hint only: the bytes decide).
ACCEPT = ",".join(
    sorted({k.extension for k in KINDS} | {".jpeg", ".tiff"}, key=lambda e: e.lstrip("."))
)
_IMAGE_KINDS = {"JPEG": JPEG, "PNG": PNG, "TIFF": TIFF}
_BY_KEY = {kind.key: kind for kind in KINDS}


def kind_of(key: str) -> Kind | None:
    return _BY_KEY.get(key)


class UnsupportedContent(ValueError):
    pass


def _zip_kind(head: bytes, stream: BinaryIO) -> Kind | None:
    """A zip is a Word or Excel file by its parts, an OpenDocument by its `mimetype`
    member, otherwise an archive."""
    if not head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return None
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            mimetype = b""
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 100:
                mimetype = archive.read("mimetype").strip()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
        return None
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return DOCX
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return XLSX
    opendocument = {ODT.content_type.encode(): ODT, ODS.content_type.encode(): ODS}
    return opendocument.get(mimetype, ZIP)


def _ole_kind(head: bytes, stream: BinaryIO) -> Kind | None:
    """Word 97–2003 and Excel 97–2003 files are OLE compound files with a
    "WordDocument" or "Workbook" stream."""
    if not head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return None
    stream.seek(0)
    try:
        with olefile.OleFileIO(stream) as ole:
            if ole.exists("WordDocument"):
                return DOC
            if ole.exists("Workbook") or ole.exists("Book"):
                return XLS
    except (OSError, ValueError, IndexError, AttributeError):
        return None
    return None


def _signature_kind(head: bytes) -> Kind | None:
    if head.startswith(b"{\\rtf"):
        return RTF
    if head.startswith(b"7z\xbc\xaf\x27\x1c"):
        return SEVEN_ZIP
    if head.startswith((b"Rar!\x1a\x07\x00", b"Rar!\x1a\x07\x01\x00")):
        return RAR
    return None


def _image_kind(stream: BinaryIO) -> Kind | None:
    stream.seek(0)
    try:
        with Image.open(stream) as image:
            image.verify()
            fmt = image.format
    except Image.DecompressionBombError:
        limit = (Image.MAX_IMAGE_PIXELS or 0) * 2 // 1_000_000
        raise UnsupportedContent(
            f"Ảnh quá lớn (hơn {limit} triệu điểm ảnh): hãy quét lại ở độ phân giải thấp hơn "
            "(300 dpi là đủ cho văn bản) hoặc gửi bản PDF.") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None
    return _IMAGE_KINDS.get(fmt or "")


def sniff(stream: BinaryIO) -> Kind:
    """Return the kind of file in `stream`, or raise UnsupportedContent (Vietnamese message)."""
    stream.seek(0)
    head = stream.read(1024)
    if not head:
        raise UnsupportedContent("Tệp rỗng.")
    # Containers first: a stored archive may hold a PDF within its first bytes.
    for found in (_signature_kind(head), _zip_kind(head, stream), _ole_kind(head, stream)):
        if found is not None:
            stream.seek(0)
            return found
    if b"%PDF-" in head[:1024] and _pdf_has_trailer(stream):
        return PDF
    image = _image_kind(stream)
    if image is not None:
        return image
    raise UnsupportedContent(f"Nội dung tệp không phải {ACCEPTED_LABEL}.")


def _pdf_has_trailer(stream: BinaryIO) -> bool:
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    stream.seek(max(0, size - 2048))
    return b"%%EOF" in stream.read()
