#!/usr/bin/env python
"""Benchmark: how fast intake reads documents.

1. Scanned pages: pages per minute through the whole pipeline (receive, preflight,
   duplicate check, text, OCR with a searchable PDF and word boxes, preview, extraction,
   routing suggestion), against Tesseract alone reading the same page images to plain text
   with the same language and thread settings. The overhead is pipeline time / Tesseract
   time - 1; the target is at most 10 %.
2. Born-digital files: documents per second through the whole pipeline for PDF and DOCX.

The runs alternate (Tesseract, pipeline, Tesseract, ...) so both see the same machine
conditions; each figure is the median of the runs with its spread. Everything runs in this
process on a fresh SQLite database in a temporary folder, as the worker would.

    .venv/bin/python bench/intake_speed.py                 # 40 scanned pages, 3 runs
    .venv/bin/python bench/intake_speed.py --pages 10 --runs 1 --digital 20
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SENTENCES = [
    "Thực hiện chỉ đạo của cấp trên về việc tăng cường công tác cải cách hành chính,",
    "đẩy mạnh ứng dụng công nghệ thông tin trong hoạt động của các cơ quan nhà nước;",
    "các đơn vị rà soát, tổng hợp số liệu và báo cáo kết quả trước ngày 15 hằng tháng.",
    "Giao Văn phòng chủ trì, phối hợp với các phòng, ban chuyên môn theo dõi, đôn đốc",
    "việc triển khai thực hiện; kịp thời báo cáo những khó khăn, vướng mắc phát sinh.",
    "Ủy ban nhân dân các xã, phường, thị trấn có trách nhiệm tổ chức quán triệt nội dung",
    "văn bản này đến cán bộ, công chức và Nhân dân trên địa bàn để biết, thực hiện.",
    "Kinh phí thực hiện được bố trí từ nguồn ngân sách địa phương theo phân cấp hiện hành",
    "và các nguồn huy động hợp pháp khác theo quy định của pháp luật về ngân sách nhà nước.",
    "Trong quá trình thực hiện, nếu có vướng mắc, đề nghị phản ánh về Sở Nội vụ để tổng hợp,",
]


def pages(count: int):
    """Realistic first pages: the four models of the tests, with full bodies."""
    from vanphong.demo.sample_documents import DOCS

    for i in range(count):
        base = DOCS[i % len(DOCS)]
        body = tuple(SENTENCES[(i + k) % len(SENTENCES)] for k in range(14))
        yield dataclasses.replace(base, number=str(int(base.number) + i), day=1 + i % 27,
                                  body=body)


def setup_django(folder: Path) -> None:
    os.environ["VANPHONG_DATA_DIR"] = str(folder)
    os.environ["VANPHONG_TASKS"] = "immediate"
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vanphong.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from vanphong.demo.orgchart import build_office

    build_office()


def tesseract_alone(images: list[Path], threads: int, outputs: tuple[str, ...] = ()) -> float:
    """Tesseract on each page image: plain text to stdout, or the given outputs (the
    pipeline asks for "pdf" and "tsv": the searchable PDF and the word boxes)."""
    env = {**os.environ, "OMP_THREAD_LIMIT": str(threads)}
    target = images[0].parent / "alone"
    started = time.perf_counter()
    for image in images:
        subprocess.run(  # noqa: S603 — fixed program and arguments
            ["tesseract", str(image), str(target) if outputs else "-",  # noqa: S607
             "-l", "vie", "--psm", "3", *outputs],
            check=True, env=env, capture_output=True,
        )
    return time.perf_counter() - started


def through_pipeline(files: list[tuple[str, bytes]]) -> tuple[float, dict[str, float]]:
    """Receive each file and run the whole pipeline on it; seconds and time per step."""
    from vanphong.intake import pipeline
    from vanphong.intake.models import IntakeItem, ItemState
    from vanphong.intake.receiving import receive_file
    from vanphong.organizations.models import Office

    office = Office.objects.get()
    IntakeItem.objects.all().delete()
    steps: dict[str, float] = {}
    started = time.perf_counter()
    for name, data in files:
        item = receive_file(office=office, stream=io.BytesIO(data), name=name)
        if item.state == ItemState.QUEUED:  # started on commit; run it if the queue did not
            pipeline.process_item(str(item.pk))
        item.refresh_from_db()
        if item.state != ItemState.READY:
            raise SystemExit(f"{name}: {item.state} {item.error}")
        for step, seconds in item.timings.items():
            steps[step] = steps.get(step, 0.0) + seconds
    return time.perf_counter() - started, steps


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--digital", type=int, default=100, help="born-digital files")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="vp-intake-bench-"))
    try:
        setup_django(folder)
        from django.conf import settings

        from vanphong.demo.sample_documents import document_docx, document_pdf, scan_png

        threads = settings.VANPHONG_OCR_THREADS
        docs = list(pages(args.pages))
        images, scans = [], []
        for i, doc in enumerate(docs):
            data = scan_png(doc)
            path = folder / f"trang-{i + 1:03d}.png"
            path.write_bytes(data)
            images.append(path)
            scans.append((path.name, data))
        alone, same, whole, step_totals = [], [], [], []
        for run in range(args.runs):
            alone.append(tesseract_alone(images, threads))
            same.append(tesseract_alone(images, threads, ("pdf", "tsv")))
            seconds, steps = through_pipeline(scans)
            whole.append(seconds)
            step_totals.append(steps)
            print(f"run {run + 1}: tesseract text {alone[-1]:.1f} s, tesseract pdf+tsv "
                  f"{same[-1]:.1f} s, pipeline {seconds:.1f} s", file=sys.stderr)
        per_minute_alone = [60 * len(images) / s for s in alone]
        per_minute_same = [60 * len(images) / s for s in same]
        per_minute_whole = [60 * len(images) / s for s in whole]
        overheads = [100 * (w / a - 1) for w, a in zip(whole, alone, strict=True)]
        own = [100 * (w / a - 1) for w, a in zip(whole, same, strict=True)]

        digital = list(pages(args.digital))
        pdfs = [(f"vb-{i}.pdf", document_pdf(d)) for i, d in enumerate(digital)]
        docxs = [(f"vb-{i}.docx", document_docx(d)) for i, d in enumerate(digital)]
        pdf_rates, docx_rates = [], []
        for _ in range(args.runs):
            pdf_rates.append(len(pdfs) / through_pipeline(pdfs)[0])
            docx_rates.append(len(docxs) / through_pipeline(docxs)[0])

        median_steps = {
            step: statistics.median(s.get(step, 0.0) for s in step_totals) / len(images)
            for step in step_totals[0]
        }
        print(f"Machine: {platform.node()} {os.cpu_count()} CPU, Python "
              f"{platform.python_version()}, OCR threads {threads}, "
              f"{time.strftime('%Y-%m-%d')}")
        print(f"Scanned pages: {len(images)} per run, {args.runs} runs (median, min–max)")
        print(f"  Tesseract alone, text        : {spread(per_minute_alone)} pages/min")
        print(f"  Tesseract alone, PDF + boxes : {spread(per_minute_same)} pages/min")
        print(f"  Whole pipeline               : {spread(per_minute_whole)} pages/min")
        print(f"  Overhead over text-only OCR  : {spread(overheads)} %")
        print(f"  Overhead over the same OCR   : {spread(own)} %")
        print("  Per page, by step (s): " + ", ".join(
            f"{k} {v:.3f}" for k, v in median_steps.items()))
        print(f"Born-digital: {len(pdfs)} PDF and {len(docxs)} DOCX per run")
        print(f"  PDF  : {spread(pdf_rates)} documents/s")
        print(f"  DOCX : {spread(docx_rates)} documents/s")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
