"""Bounds on the work one received file may cause (STYLE 17): pixels rendered or decoded
for OCR (what a Word file may unpack to is bounded in `files.archives`). Checked before
the expensive work starts, or while it streams, so that a small hostile file (a 5000×5000 pt page in
1.4 KB, a zip bomb) is refused or shrunk instead of taking the worker's memory.

A refusal is a `TooLarge` with the reason in Vietnamese, recorded against the item.
"""

from __future__ import annotations

import dataclasses
import math

from django.conf import settings

from vanphong.files.archives import TooLarge

__all__ = ["TooLarge"]

MEGA = 1_000_000


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
