"""Recognising what an uploaded file really is, from its bytes, never its name."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from typing import BinaryIO

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

ACCEPTED_LABEL = "PDF, DOCX hoặc ảnh (JPEG, PNG, TIFF)"
_IMAGE_KINDS = {"JPEG": JPEG, "PNG": PNG, "TIFF": TIFF}


class UnsupportedContent(ValueError):
    pass


def _is_docx(head: bytes, stream: BinaryIO) -> bool:
    if not head.startswith(b"PK\x03\x04"):
        return False
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return "[Content_Types].xml" in names and "word/document.xml" in names


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
    if b"%PDF-" in head[:1024] and _pdf_has_trailer(stream):
        return PDF
    if _is_docx(head, stream):
        return DOCX
    image = _image_kind(stream)
    if image is not None:
        return image
    raise UnsupportedContent(f"Nội dung tệp không phải {ACCEPTED_LABEL}.")


def _pdf_has_trailer(stream: BinaryIO) -> bool:
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    stream.seek(max(0, size - 2048))
    return b"%%EOF" in stream.read()
