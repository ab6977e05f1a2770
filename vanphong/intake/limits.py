"""Bounds on the work one received file may cause (STYLE 17): pixels rendered or decoded
for OCR, and what a Word file's zip archive may unpack to. Checked before the expensive
work starts, or while it streams, so that a small hostile file (a 5000×5000 pt page in
1.4 KB, a zip bomb) is refused or shrunk instead of taking the worker's memory.

A refusal is a `TooLarge` with the reason in Vietnamese, recorded against the item.
"""

from __future__ import annotations

import dataclasses
import math
import zipfile
from pathlib import Path

from django.conf import settings

MEGA = 1_000_000


class TooLarge(ValueError):
    """The file would need more than its bounds allow; `message` is Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- Pixels ------------------------------------------------------------------------------


def page_pixels() -> int:
    """At most this many pixels per page, rendered or decoded."""
    return int(settings.VANPHONG_OCR_MAX_PAGE_MPX) * MEGA


def document_pixels() -> int:
    """At most this many pixels for all pages of one document together."""
    return int(settings.VANPHONG_OCR_MAX_DOCUMENT_MPX) * MEGA


def _mpx(pixels: float) -> str:
    return f"{pixels / MEGA:.0f}" if pixels >= 10 * MEGA else f"{pixels / MEGA:.1f}"


@dataclasses.dataclass(frozen=True)
class Render:
    """How one PDF page is rendered: `scale` pixels per point, giving width×height."""

    scale: float
    width: int
    height: int

    @property
    def pixels(self) -> int:
        return self.width * self.height

    @property
    def dpi(self) -> int:
        return max(1, round(self.scale * 72))


def render_size(width_pt: float, height_pt: float, *, scale: float, max_pixels: int) -> Render:
    """The render of a width×height point page at `scale`, or at the largest smaller
    scale whose image holds at most max_pixels (PDFium rounds each side up)."""
    width_pt, height_pt = max(float(width_pt), 1.0), max(float(height_pt), 1.0)
    if width_pt * height_pt * scale * scale > max_pixels:
        scale = math.sqrt(max_pixels / (width_pt * height_pt))
    while scale > 0 and math.ceil(width_pt * scale) * math.ceil(height_pt * scale) > max_pixels:
        scale *= 0.995
    return Render(scale, math.ceil(width_pt * scale), math.ceil(height_pt * scale))


def fit_box(width_pt: float, height_pt: float, box: tuple[int, int]) -> Render:
    """The render of a page that fits a width×height pixel box (the preview)."""
    width_pt, height_pt = max(float(width_pt), 1.0), max(float(height_pt), 1.0)
    scale = min(box[0] / width_pt, box[1] / height_pt)
    return render_size(width_pt, height_pt, scale=scale, max_pixels=box[0] * box[1])


def check_document(pixels: int) -> None:
    """Refuse a document whose pages together need more than the document bound."""
    limit = document_pixels()
    if pixels > limit:
        raise TooLarge(
            f"Các trang của tệp cần {_mpx(pixels)} triệu điểm ảnh để đọc, vượt giới hạn "
            f"{_mpx(limit)} triệu điểm ảnh mỗi tệp; hãy nhập thông tin bằng tay."
        )


def image_too_large(width: int, height: int) -> TooLarge:
    return TooLarge(
        f"Ảnh quá lớn để đọc tự động ({width}×{height} điểm ảnh, {_mpx(width * height)} "
        f"triệu; tối đa {_mpx(page_pixels())} triệu điểm ảnh mỗi trang); hãy quét lại ở "
        "độ phân giải thấp hơn hoặc nhập thông tin bằng tay."
    )


def too_many_pages(count: int, *, more: bool = False) -> TooLarge:
    limit = settings.VANPHONG_OCR_MAX_PAGES
    counted = f"hơn {limit}" if more else str(count)
    return TooLarge(
        f"Tệp có {counted} trang, vượt giới hạn đọc tự động {limit} trang; "
        "hãy nhập thông tin bằng tay."
    )


# --- Word files (zip archives) -----------------------------------------------------------

#: Members of a .docx archive (a real one has a few dozen, a few hundred with images).
DOCX_MAX_MEMBERS = 1000
#: What the whole archive, and one member, may unpack to.
DOCX_MAX_TOTAL = 200 * 1024 * 1024
DOCX_MAX_MEMBER = 64 * 1024 * 1024
#: Unpacked/packed ratio beyond which a sizeable member is a bomb (XML rarely passes 30).
DOCX_MAX_RATIO = 200
DOCX_RATIO_FROM = 2 * 1024 * 1024
_CHUNK = 1024 * 1024

WORD_TOO_LARGE = "Tệp Word bung ra quá lớn so với kích thước của nó (có thể là “bom giải nén”)"


def _refuse_word(detail: str) -> TooLarge:
    return TooLarge(f"{WORD_TOO_LARGE}: {detail}; không đọc tự động được.")


def check_docx(path: Path) -> None:
    """Read every member of the archive through, counting what it unpacks to, and stop
    at the first bound passed: the declared sizes are checked first, then the real bytes
    (a member may lie about its size). Raises TooLarge, or ValueError for a broken zip."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > DOCX_MAX_MEMBERS:
                raise _refuse_word(f"{len(members)} thành phần, tối đa {DOCX_MAX_MEMBERS}")
            declared = sum(m.file_size for m in members)
            if declared > DOCX_MAX_TOTAL:
                raise _refuse_word(f"{declared // (1024 * 1024)} MB khi giải nén")
            total = 0
            for member in members:
                total += _read_member(archive, member, already=total)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError,
            EOFError) as error:
        raise ValueError(f"broken docx archive: {error}") from None


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, *, already: int) -> int:
    if member.file_size > DOCX_MAX_MEMBER:
        raise _refuse_word(f"thành phần {member.filename[:80]} "
                           f"{member.file_size // (1024 * 1024)} MB")
    packed = max(member.compress_size, 1)
    read = 0
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            read += len(chunk)
            if read > DOCX_MAX_MEMBER or already + read > DOCX_MAX_TOTAL:
                raise _refuse_word(f"thành phần {member.filename[:80]} bung quá giới hạn")
            if read > DOCX_RATIO_FROM and read / packed > DOCX_MAX_RATIO:
                raise _refuse_word(f"thành phần {member.filename[:80]} nén {read // packed} lần")
    return read
