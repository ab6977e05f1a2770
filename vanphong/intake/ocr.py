"""OCR with Tesseract's Vietnamese model, run directly (one process per document).

One Tesseract run reads all pages of a document and writes both the searchable PDF
(page images with an invisible text layer) and a TSV of the words with their boxes, so
the text layer costs nothing beyond the OCR itself. Scanned PDFs are rendered to page
images with PDFium first; the original file is never touched.
"""

from __future__ import annotations

import csv
import dataclasses
import os
import shutil
import subprocess
import time
import unicodedata
from pathlib import Path

from django.conf import settings

from vanphong.intake.text import TextLayer, Word, build_layer, pdf_page_count, render_pdf_page

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


def ocr_images(images: list[Path], workdir: Path, *, pdf: bool = True) -> OcrResult:
    """OCR page images (in order) into one text layer, and a searchable PDF if asked."""
    program = tesseract_program()
    if program is None:
        raise OcrError("Không tìm thấy Tesseract để đọc văn bản quét.")
    workdir.mkdir(parents=True, exist_ok=True)
    listing = workdir / "pages.txt"
    listing.write_text("\n".join(str(p) for p in images) + "\n", encoding="utf-8")
    base = workdir / "ocr"
    command = [program, str(listing), str(base), "-l", LANGUAGE, "--psm", "3"]
    command += ["pdf", "tsv"] if pdf else ["tsv"]
    env = {**os.environ, "OMP_THREAD_LIMIT": str(settings.VANPHONG_OCR_THREADS)}
    try:
        finished = subprocess.run(  # noqa: S603 — fixed arguments, no shell
            command,
            capture_output=True,
            text=True,
            timeout=settings.VANPHONG_OCR_TIMEOUT,
            check=False,
            env=env,
        )
    except subprocess.TimeoutExpired:
        raise OcrError("Đọc văn bản quét quá thời gian cho phép.") from None
    tsv = base.with_suffix(".tsv")
    if finished.returncode != 0 or not tsv.exists():
        detail = (finished.stderr or "").strip().splitlines()[-1:] or [""]
        raise OcrError(f"Tesseract không đọc được tệp ({detail[0][:200]}).")
    layer = parse_tsv(tsv.read_text(encoding="utf-8"), pages=len(images))
    searchable = base.with_suffix(".pdf") if pdf else None
    return OcrResult(layer=layer, pdf=searchable if searchable and searchable.exists() else None)


def ocr_pdf(path: Path, workdir: Path, *, pdf: bool = True) -> OcrResult:
    """OCR a scanned PDF: pages rendered to greyscale images, then `ocr_images`."""
    count = pdf_page_count(path)
    limit = settings.VANPHONG_OCR_MAX_PAGES
    if count > limit:
        raise OcrError(
            f"Tệp có {count} trang, vượt giới hạn đọc tự động {limit} trang; "
            "hãy nhập thông tin bằng tay."
        )
    workdir.mkdir(parents=True, exist_ok=True)
    images = []
    for page_no in range(count):
        image = render_pdf_page(path, page_no, dpi=DPI)
        # Uncompressed greyscale TIFF: costs nothing to write (unlike PNG's compression)
        # and carries the resolution Tesseract reads the text size by.
        target = workdir / f"page-{page_no + 1:04d}.tif"
        image.save(target, dpi=(DPI, DPI))
        images.append(target)
    return ocr_images(images, workdir, pdf=pdf)


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
