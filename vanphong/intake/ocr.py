"""OCR with Tesseract's Vietnamese model, run directly (one process per document).

One Tesseract run reads all pages of a document and writes both the searchable PDF
(page images with an invisible text layer) and a TSV of the words with their boxes, so
the text layer costs nothing beyond the OCR itself. Scanned PDFs are rendered to page
images with PDFium first; the original file is never touched. Every page handed to
Tesseract holds at most VANPHONG_OCR_MAX_PAGE_MPX pixels and a document at most
VANPHONG_OCR_MAX_DOCUMENT_MPX (see `limits`): a larger PDF page is rendered at a lower
resolution, a larger JPEG decoded at a reduced scale, a larger PNG or TIFF refused.
"""

from __future__ import annotations

import csv
import dataclasses
import math
import os
import shutil
import subprocess
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from PIL import Image

from vanphong.intake import limits
from vanphong.intake.text import (
    TextLayer,
    Word,
    build_layer,
    pdf_page_count,
    pdf_page_sizes,
    render_pdf_page,
)

LANGUAGE = "vie"
#: Resolution scans are read at (Tesseract's sweet spot for 10–14 pt print).
DPI = 300


class OcrError(RuntimeError):
    """OCR could not run; the message is Vietnamese and shown to users as is."""


@dataclasses.dataclass(frozen=True)
class OcrResult:
    layer: TextLayer
    pdf: Path | None


def tesseract_program() -> str | None:
    configured = getattr(settings, "VANPHONG_TESSERACT", None) or "tesseract"
    return shutil.which(configured)


#: (program, checked at, problem): the check runs Tesseract, so its answer is kept a while.
_checked: dict[str | None, tuple[float, str | None]] = {}
CHECK_AGAIN_AFTER = 300.0


def tesseract_problem() -> str | None:
    """None when OCR can run; otherwise what is missing, in Vietnamese."""
    program = tesseract_program()
    cached = _checked.get(program)
    if cached is not None and time.monotonic() - cached[0] < CHECK_AGAIN_AFTER:
        return cached[1]
    problem = _check(program)
    _checked[program] = (time.monotonic(), problem)
    return problem


def _check(program: str | None) -> str | None:
    if program is None:
        return (
            "Không tìm thấy Tesseract: văn bản quét sẽ không được đọc tự động "
            "(cài gói tesseract-ocr và tesseract-ocr-vie)."
        )
    try:
        listed = subprocess.run(  # noqa: S603 — our own program path, no shell
            [program, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"Không chạy được Tesseract ({exc})."
    languages = {line.strip() for line in (listed.stdout + listed.stderr).splitlines()}
    if LANGUAGE not in languages:
        return (
            "Tesseract thiếu dữ liệu tiếng Việt: văn bản quét sẽ không được đọc đúng "
            "(cài gói tesseract-ocr-vie)."
        )
    return None


def idle() -> None:
    """The `beat` of work nobody holds a lease for."""


#: Seconds between two looks at a running Tesseract (and two beats).
WAIT_SLICE = 1.0


def ocr_images(
    images: list[Path], workdir: Path, *, pdf: bool = True, beat: Callable[[], None] = idle
) -> OcrResult:
    """OCR page images (in order) into one text layer, and a searchable PDF if asked.
    `beat` is called every second or so while Tesseract runs (the pipeline renews its
    lease there); whatever it raises stops Tesseract."""
    program = tesseract_program()
    if program is None:
        raise OcrError("Không tìm thấy Tesseract để đọc văn bản quét.")
    workdir.mkdir(parents=True, exist_ok=True)
    listing = workdir / "pages.txt"
    listing.write_text("\n".join(str(p) for p in images) + "\n", encoding="utf-8")
    base = workdir / "ocr"
    command = [program, str(listing), str(base), "-l", LANGUAGE, "--psm", "3"]
    command += ["pdf", "tsv"] if pdf else ["tsv"]
    returncode, stderr = _run(command, beat)
    tsv = base.with_suffix(".tsv")
    if returncode != 0 or not tsv.exists():
        detail = stderr.strip().splitlines()[-1:] or [""]
        raise OcrError(f"Tesseract không đọc được tệp ({detail[0][:200]}).")
    layer = parse_tsv(tsv.read_text(encoding="utf-8"), pages=len(images))
    searchable = base.with_suffix(".pdf") if pdf else None
    return OcrResult(layer=layer, pdf=searchable if searchable and searchable.exists() else None)


def _run(command: list[str], beat: Callable[[], None]) -> tuple[int, str]:
    """Run Tesseract within VANPHONG_OCR_TIMEOUT, beating while it works; it is killed
    on a timeout or when `beat` raises."""
    env = {**os.environ, "OMP_THREAD_LIMIT": str(settings.VANPHONG_OCR_THREADS)}
    deadline = time.monotonic() + settings.VANPHONG_OCR_TIMEOUT
    process = subprocess.Popen(  # noqa: S603 — fixed arguments, no shell
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        while True:
            try:
                _out, stderr = process.communicate(timeout=WAIT_SLICE)
                return process.returncode, stderr or ""
            except subprocess.TimeoutExpired:
                if time.monotonic() > deadline:
                    raise OcrError("Đọc văn bản quét quá thời gian cho phép.") from None
                beat()
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def ocr_pdf(
    path: Path,
    workdir: Path,
    *,
    pdf: bool = True,
    max_pages: int | None = None,
    beat: Callable[[], None] = idle,
) -> OcrResult:
    """OCR a scanned PDF: pages rendered to greyscale images within the pixel bounds,
    then `ocr_images`. With `max_pages`, only the first pages are read; otherwise a
    document beyond VANPHONG_OCR_MAX_PAGES is refused. Raises OcrError or TooLarge."""
    count = pdf_page_count(path)
    if max_pages is None and count > settings.VANPHONG_OCR_MAX_PAGES:
        raise limits.too_many_pages(count)
    sizes = pdf_page_sizes(path, max_pages=max_pages)
    planned = [
        limits.render_size(w, h, scale=DPI / 72, max_pixels=limits.page_pixels()) for w, h in sizes
    ]
    limits.check_document(sum(r.pixels for r in planned))
    workdir.mkdir(parents=True, exist_ok=True)
    images = []
    for page_no in range(len(sizes)):
        beat()
        image = render_pdf_page(path, page_no, dpi=DPI)
        # Uncompressed greyscale TIFF: costs nothing to write (unlike PNG's compression)
        # and carries the resolution Tesseract reads the text size by.
        target = workdir / f"page-{page_no + 1:04d}.tif"
        image.save(target, dpi=image.info["dpi"])
        images.append(target)
    return ocr_images(images, workdir, pdf=pdf, beat=beat)


def ocr_image_file(
    path: Path,
    workdir: Path,
    *,
    pdf: bool = True,
    max_pages: int | None = None,
    beat: Callable[[], None] = idle,
) -> OcrResult:
    """OCR a JPEG, PNG or (multi-page) TIFF, each page within the pixel bounds."""
    return ocr_images(
        image_pages(path, workdir, max_pages=max_pages, beat=beat), workdir, pdf=pdf, beat=beat
    )


# --- Image files ---------------------------------------------------------------------------


def count_frames(image: Image.Image, limit: int) -> int:
    """The pages of an image, counted up to limit + 1 only (a TIFF may hold thousands of
    tiny frames, and Pillow's n_frames walks them all)."""
    count = 0
    try:
        while count <= limit:
            image.seek(count)
            count += 1
    except EOFError:
        pass
    image.seek(0)
    return count


def image_pages(
    path: Path, workdir: Path, *, max_pages: int | None = None, beat: Callable[[], None] = idle
) -> list[Path]:
    """The pages of an image file as Tesseract should read them: a JPEG or PNG within the
    page bound as it is; TIFF frames, and any JPEG to shrink, as greyscale PNG files.
    A PNG or TIFF page beyond the bound is refused before it is decoded (TooLarge)."""
    limit = max_pages or settings.VANPHONG_OCR_MAX_PAGES
    workdir.mkdir(parents=True, exist_ok=True)
    with Image.open(path) as image:
        frames = count_frames(image, limit)
        if frames > limit and max_pages is None:
            raise limits.too_many_pages(frames, more=True)
        frames = min(frames, limit)
        planned = [_planned_pixels(image, index) for index in range(frames)]
        limits.check_document(sum(planned))
        image.seek(0)
        if frames == 1 and image.format in {"JPEG", "PNG"} and planned[0] == _area(image):
            return [path]
        pages = []
        for index in range(frames):
            beat()
            image.seek(index)
            target = workdir / f"frame-{index + 1:04d}.png"
            page, dpi = bounded_frame(image)
            if dpi:
                page.save(target, dpi=dpi)
            else:
                page.save(target)
            pages.append(target)
        return pages


def _area(image: Image.Image) -> int:
    return image.width * image.height


def _planned_pixels(image: Image.Image, index: int) -> int:
    image.seek(index)
    if _area(image) <= limits.page_pixels():
        return _area(image)
    if image.format != "JPEG" or _jpeg_reduction(image) > MAX_JPEG_REDUCTION:
        raise limits.image_too_large(image.width, image.height)
    return limits.page_pixels()


#: JPEG decoders scale by 1/2, 1/4 or 1/8 while decoding: up to 2**3 per side.
MAX_JPEG_REDUCTION = 3


def _jpeg_reduction(image: Image.Image) -> int:
    """k such that decoding at 1/2**k per side brings the image within the page bound."""
    factor = math.sqrt(_area(image) / limits.page_pixels())
    return max(0, math.ceil(math.log2(factor))) if factor > 1 else 0


def bounded_frame(image: Image.Image) -> tuple[Image.Image, tuple[float, float] | None]:
    """The current frame in greyscale within the page bound, and its resolution: a JPEG
    beyond the bound is decoded at a reduced scale (never at full size), then fitted;
    a PNG or TIFF beyond it is refused (TooLarge) without being decoded."""
    width, height = image.size
    dpi = image.info.get("dpi")
    cap = limits.page_pixels()
    if width * height > cap:
        if image.format != "JPEG" or _jpeg_reduction(image) > MAX_JPEG_REDUCTION:
            raise limits.image_too_large(width, height)
        reduction = 2 ** _jpeg_reduction(image)
        image.draft("L", (max(1, width // reduction), max(1, height // reduction)))
    page = image.convert("L")
    if page.width * page.height > cap:
        scale = math.sqrt(cap / (page.width * page.height))
        size = (max(1, math.floor(page.width * scale)), max(1, math.floor(page.height * scale)))
        page = page.resize(size, Image.Resampling.LANCZOS)
    if dpi and page.width != width:
        shrink = page.width / width
        dpi = (float(dpi[0]) * shrink, float(dpi[1]) * shrink)
    return page, (float(dpi[0]), float(dpi[1])) if dpi else None


def parse_tsv(tsv: str, *, pages: int) -> TextLayer:
    """Tesseract's TSV: level 1 rows give each page's size, level 5 rows the words."""
    sizes: dict[int, tuple[float, float]] = {}
    words: list[Word] = []
    reader = csv.DictReader(tsv.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    for row in reader:
        try:
            level, page = int(row["level"]), int(row["page_num"]) - 1
            left, top = float(row["left"]), float(row["top"])
            width, height = float(row["width"]), float(row["height"])
        except (KeyError, TypeError, ValueError):
            continue
        if level == 1:
            sizes[page] = (width or 1.0, height or 1.0)
            continue
        text = (row.get("text") or "").strip()
        if level != 5 or not text:
            continue
        page_w, page_h = sizes.get(page, (1.0, 1.0))
        flow = (page * 1000 + int(row["block_num"])) * 1000 + int(row["par_num"])
        words.append(
            Word(
                text=text,
                page=page,
                box=(left / page_w, top / page_h, (left + width) / page_w, (top + height) / page_h),
                flow=flow,
            )
        )
    ordered_sizes = [sizes.get(i, (1.0, 1.0)) for i in range(max(sizes, default=-1) + 1)]
    words = [dataclasses.replace(w, text=unicodedata.normalize("NFC", w.text)) for w in words]
    return build_layer(words, pages=pages, source="ocr", page_sizes=ordered_sizes)
