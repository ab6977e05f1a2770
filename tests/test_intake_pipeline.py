"""The intake pipeline end to end through its functions, with real PDFium, python-docx
and Tesseract: born-digital and scanned files become proposals with confidences, OCR
makes a searchable PDF beside the untouched original, failures say why, and an item
left by a killed worker is resumed from the step it stopped at."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import os
import shutil

import pytest
from django.core.files.storage import default_storage

from vanphong import clock
from vanphong.demo.sample_documents import (
    DOCS,
    document_docx,
    document_pdf,
    scan_jpeg,
    scan_png,
    scanned_pdf,
)
from vanphong.files.actions import FileRejected
from vanphong.intake import pipeline
from vanphong.intake.models import IntakeItem, ItemState, Source
from vanphong.intake.receiving import receive_file

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None and os.environ.get("VANPHONG_REQUIRE_TESSERACT") != "1",
    reason="Tesseract chưa được cài (apt-get install tesseract-ocr tesseract-ocr-vie)",
)


def receive_and_run(cast, data: bytes, name: str, **kwargs) -> IntakeItem:
    """Receive a file; the pipeline starts when the transaction commits (run here)."""
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        item = receive_file(
            office=cast.office, stream=io.BytesIO(data), name=name, actor=cast.vanthu, **kwargs
        )
    item.refresh_from_db()
    return item


receive = receive_and_run


def value(item: IntakeItem, name: str):
    return item.proposal[name]["value"]


def assert_header(item: IntakeItem, doc) -> None:
    assert value(item, "organ_name") == doc.issuer_name
    assert value(item, "code_number") == doc.number
    assert value(item, "code_notation") == doc.notation
    assert value(item, "issued_date") == doc.iso_date
    assert value(item, "subject") == doc.subject
    assert value(item, "signer_name") == doc.signer
    for name in ("organ_name", "code_number", "issued_date", "subject"):
        assert 0.5 <= item.proposal[name]["confidence"] <= 1.0


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.code)
def test_born_digital_pdf_is_read_without_ocr(cast, doc):
    item = receive(cast, document_pdf(doc), f"{doc.number}.pdf")
    assert item.state == ItemState.READY, item.error
    assert item.text_source == "pdf"
    assert item.searchable is None
    assert_header(item, doc)
    assert item.preview is not None and item.preview.kind == "jpeg"
    # Every proposed field has boxes on the page for the highlight.
    assert item.layout["words"]
    assert set(item.timings) == {name for name, _ in pipeline.STEPS}


@pytest.mark.parametrize("doc", DOCS[:2], ids=lambda d: d.code)
def test_word_file_is_read(cast, doc):
    item = receive(cast, document_docx(doc), f"{doc.number}.docx")
    assert item.state == ItemState.READY, item.error
    assert item.text_source == "docx"
    assert_header(item, doc)


@needs_tesseract
@pytest.mark.parametrize(
    ("maker", "name"),
    [(scan_png, "quet.png"), (scan_jpeg, "anh-chup.jpg"), (scanned_pdf, "ban-quet.pdf")],
)
def test_scans_are_ocr_d_into_a_searchable_pdf_beside_the_original(cast, maker, name):
    doc = DOCS[0]
    data = maker(doc)
    item = receive(cast, data, name)
    assert item.state == ItemState.READY, item.error
    assert item.text_source == "ocr"
    assert_header(item, doc)
    # The original is stored byte for byte; the OCR copy is a separate PDF with text.
    assert item.original.sha256 == hashlib.sha256(data).hexdigest()
    assert item.searchable is not None and item.searchable.kind == "pdf"
    import pypdfium2 as pdfium

    with default_storage.open(item.searchable.storage_name, "rb") as stream:
        searchable = pdfium.PdfDocument(stream.read())
    assert "853/QĐ-UBND" in searchable[0].get_textpage().get_text_bounded()
    assert item.timings["ocr"] > 0


def test_the_same_file_waiting_is_not_queued_twice(cast):
    data = document_pdf(DOCS[1])
    first = receive(cast, data, "a.pdf")
    again = receive(cast, data, "a-lan-2.pdf")
    assert again.pk == first.pk
    assert IntakeItem.objects.count() == 1


def test_refused_files_leave_nothing(cast):
    with pytest.raises(FileRejected, match="không phải"):
        receive(cast, b"MZ\x90\x00 not a document", "virus.pdf")
    assert IntakeItem.objects.count() == 0


def test_a_broken_pdf_fails_with_a_reason_and_can_be_retried(cast, monkeypatch):
    broken = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
    item = receive(cast, broken, "hong.pdf")
    assert item.state == ItemState.FAILED
    assert "PDF" in item.error
    # Retry queues it again and the pipeline runs again (and fails again, honestly).
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        pipeline.retry(actor=cast.vanthu, item=item)
    item.refresh_from_db()
    assert item.state == ItemState.FAILED
    assert item.attempts == 1


def test_a_scan_without_tesseract_fails_clearly(cast, settings):
    settings.VANPHONG_TESSERACT = "/khong/co/tesseract"
    item = receive(cast, scan_png(DOCS[1]), "quet.png")
    assert item.state == ItemState.FAILED
    assert "Tesseract" in item.error


def test_a_killed_worker_leaves_an_item_that_is_resumed_where_it_stopped(cast, monkeypatch):
    """The worker died after the text step: the item stays 'working' under a lease. When
    the lease expires the sweep queues it again and the remaining steps run; the steps
    already done are not redone."""
    monkeypatch.setattr("vanphong.intake.receiving._start", lambda item_id: None)
    item = receive(cast, document_pdf(DOCS[2]), "nq.pdf")
    assert item.state == ItemState.QUEUED

    class Killed(BaseException):
        pass

    def die(job):
        raise Killed

    monkeypatch.setattr(pipeline, "STEPS", [*pipeline.STEPS[:4], ("ocr", die)])
    with pytest.raises(Killed):
        pipeline.process_item(str(item.pk))
    item.refresh_from_db()
    assert item.state == ItemState.WORKING and item.step == "ocr"
    assert set(item.timings) == {"preflight", "duplicates", "convert", "text"}
    text_time = item.timings["text"]
    monkeypatch.undo()

    # Another worker does not take it while the lease runs...
    assert pipeline.process_item(str(item.pk)) == ItemState.WORKING
    # ...and the sweep does once it has expired.
    started = []
    monkeypatch.setattr("vanphong.intake.receiving._start", started.append)
    assert pipeline.resume_stalled() == 0
    with clock.frozen_at(clock.now() + pipeline.lease() + dt.timedelta(seconds=1)):
        assert pipeline.resume_stalled() == 1
        assert started == [str(item.pk)]
        assert pipeline.process_item(str(item.pk)) == ItemState.READY
    item.refresh_from_db()
    assert item.attempts == 2
    assert item.timings["text"] == text_time
    assert_header(item, DOCS[2])


def test_a_worker_that_lost_its_lease_writes_nothing_more(cast, monkeypatch):
    """A worker stalls past its lease in the text step and another takes the item over:
    the first one's results are not saved, and it leaves the item to the other."""
    monkeypatch.setattr("vanphong.intake.receiving._start", lambda item_id: None)
    item = receive(cast, document_pdf(DOCS[0]), "a.pdf")
    others = []

    def stalled_text(job):
        with clock.frozen_at(clock.now() + pipeline.lease() + dt.timedelta(seconds=1)):
            others.append(pipeline.claim(str(item.pk)))
        return pipeline.read_text(job)

    steps = [(n, stalled_text if n == "text" else step) for n, step in pipeline.STEPS]
    monkeypatch.setattr(pipeline, "STEPS", steps)
    assert pipeline.process_item(str(item.pk)) == ItemState.WORKING
    [other] = others
    item.refresh_from_db()
    assert other is not None and item.lease_token == other.lease_token
    assert item.attempts == 2 and item.step == "text"
    assert "text" not in item.timings and item.text == ""


def test_an_item_that_keeps_killing_workers_is_failed(cast, monkeypatch):
    monkeypatch.setattr("vanphong.intake.receiving._start", lambda item_id: None)
    item = receive(cast, document_pdf(DOCS[0]), "a.pdf")
    IntakeItem.objects.filter(pk=item.pk).update(attempts=pipeline.MAX_ATTEMPTS)
    assert pipeline.process_item(str(item.pk)) == ItemState.FAILED
    item.refresh_from_db()
    assert "gián đoạn" in item.error


def test_e_mail_source_and_sender_are_kept(cast):
    item = receive(
        cast,
        document_pdf(DOCS[1]),
        "cv.pdf",
        source=Source.EMAIL,
        sender="Sở Tài chính <stc@lamdong.gov.vn>",
        mail_subject="Gửi công văn 1245",
    )
    assert item.sender == "Sở Tài chính <stc@lamdong.gov.vn>"
    assert item.source == Source.EMAIL


def _many_pages_scan(pages: int) -> bytes:
    """An image-only PDF of several scanned pages (OCR of it takes a few seconds)."""
    from PIL import Image

    images = [Image.open(io.BytesIO(scan_jpeg(DOCS[i % len(DOCS)]))) for i in range(pages)]
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", resolution=300, save_all=True,
                   append_images=images[1:])
    return buffer.getvalue()


def _worker_env(tmp_path, **extra: str) -> dict[str, str]:
    """The environment of a worker process on this test's database and files."""
    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        url = f"sqlite:///{db['NAME']}"
    else:
        host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{host}/{db['NAME']}"
    return {**os.environ, "DATABASE_URL": url, "VANPHONG_DATA_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "vanphong.settings", "VANPHONG_TASKS": "database",
            **extra}


def _start_worker(env: dict[str, str]):
    """The product's own worker, `manage.py run_worker`, in its own process group (so
    that a SIGKILL takes its Tesseract too)."""
    import subprocess
    import sys

    from django.conf import settings as django_settings

    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker"], cwd=django_settings.BASE_DIR, env=env,
        start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def _wait_for(condition, *, seconds: float, worker=None, what: str):
    """Poll the database until `condition()` is true (the worker must stay alive)."""
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        if worker is not None and worker.poll() is not None:
            pytest.fail(f"the worker exited: {worker.stderr.read().decode()[-2000:]}")
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}")


def _stop(worker, sig) -> None:
    import signal as signals

    if worker.poll() is None:
        os.killpg(worker.pid, sig)
    try:
        worker.wait(timeout=30)
    except Exception:
        os.killpg(worker.pid, signals.SIGKILL)
        worker.wait(timeout=30)


@pytest.mark.slow
@needs_tesseract
def test_a_worker_process_killed_during_ocr_is_taken_back_soon_after_its_short_lease(
    cast, tmp_path, transactional_db, settings
):
    """The product's worker (`manage.py run_worker`) reads a 12-page scan (Tesseract busy for
    several heartbeats) uploaded to the database queue. While Tesseract runs longer than the
    lease, the heartbeat renews it (nobody may take the item). The worker is killed with
    SIGKILL, Tesseract with it: the item stays 'working' under a lease that outlives the
    dead worker by at most one lease length. Once it has run out, a restarted worker takes
    the item back at once (its sweep) and finishes it at the OCR step, without redoing the
    steps before."""
    import signal

    lease = 6
    settings.VANPHONG_INTAKE_LEASE_SECONDS = lease
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    (tmp_path / "tmp").mkdir()
    env = _worker_env(tmp_path, VANPHONG_INTAKE_LEASE_SECONDS=str(lease),
                      TMPDIR=str(tmp_path / "tmp"))
    item = receive_file(office=cast.office, stream=io.BytesIO(_many_pages_scan(12)),
                        name="tap-quet.pdf", actor=cast.vanthu)  # queued in the database
    worker = _start_worker(env)
    try:
        def tesseract_started():
            # The page list is written just before Tesseract starts, after the rendering.
            return next(iter((tmp_path / "tmp").glob("vanphong-intake-*/ocr/pages.txt")), None)

        _wait_for(tesseract_started, seconds=180, worker=worker, what="the OCR to start")
        item.refresh_from_db()
        first_lease = item.lease_until
        assert item.step == "ocr"

        def renewed():
            item.refresh_from_db()
            # Renewed by the heartbeat while Tesseract runs, not by the next step's claim.
            assert item.step == "ocr", "OCR ended before a heartbeat was seen: use more pages"
            return item.lease_until > first_lease

        _wait_for(renewed, seconds=lease * 3, worker=worker, what="a heartbeat during OCR")
        assert item.state == ItemState.WORKING and item.step == "ocr"
        assert pipeline.claim(str(item.pk)) is None  # a live worker's item is not taken
    finally:
        _stop(worker, signal.SIGKILL)
    killed_at = clock.now()
    item.refresh_from_db()
    assert item.state == ItemState.WORKING and item.step == "ocr"
    assert "ocr" not in item.timings and "text" in item.timings
    assert killed_at < item.lease_until <= killed_at + dt.timedelta(seconds=lease)
    before = dict(item.timings)

    expired_at = item.lease_until
    _wait_for(lambda: clock.now() > expired_at, seconds=lease * 2, what="the lease to run out")
    restarted = _start_worker(env)
    try:
        def ready():
            item.refresh_from_db()
            return item.state == ItemState.READY

        _wait_for(ready, seconds=180, worker=restarted, what="the item to be finished")
    finally:
        _stop(restarted, signal.SIGTERM)
    # Taken back well within a minute of the lease (the sweep runs at start, then every
    # minute), and only once.
    assert dt.timedelta(0) < item.started_at - expired_at < dt.timedelta(minutes=1)
    assert item.attempts == 2
    assert item.text_source == "ocr" and item.page_count == 12
    assert {k: item.timings[k] for k in before} == before
    assert value(item, "code_number") == DOCS[0].number


# --- Bounded work: pixels and Word archives ---------------------------------------------


def huge_page_pdf(side: float = 5000) -> bytes:
    """A real one-page PDF of side×side points (a 1.4 KB file; 5000 pt is 69 inches, 434
    million pixels at the 300 DPI scans are read at), with no text: a "scan"."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(side, side))
    pdf.rect(side / 10, side / 10, side / 2, side / 3, fill=1)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def stored_image_size(stored) -> tuple[int, int]:
    from PIL import Image

    with default_storage.open(stored.storage_name, "rb") as stream:
        return Image.open(stream).size


@needs_tesseract
def test_a_huge_pdf_page_is_rendered_within_the_page_pixel_cap(cast, settings):
    settings.VANPHONG_OCR_MAX_PAGE_MPX = 4
    data = huge_page_pdf()
    assert len(data) < 2000
    item = receive(cast, data, "to-roi-khong-lo.pdf")
    assert item.state == ItemState.READY, item.error
    assert item.text_source == "ocr"
    # What Tesseract read: the page size it reports, in pixels, is within the cap (the
    # page was rendered at a lower resolution, about 29 DPI, not refused).
    [(width, height)] = item.layout["pages"]
    assert 0.97 * 4_000_000 <= width * height <= 4_000_000
    assert width == height
    # The preview fits its box too (not 36 DPI of 5000 pt = 2500 px wide).
    preview = stored_image_size(item.preview)
    assert preview[0] <= pipeline.PREVIEW_WIDTH and preview[1] <= 2 * pipeline.PREVIEW_WIDTH


def test_a_document_beyond_the_document_pixel_cap_is_refused_before_rendering(cast, settings):
    settings.VANPHONG_OCR_MAX_DOCUMENT_MPX = 20  # two A4 pages at 300 DPI are 17.4 Mpx
    item = receive(cast, _many_pages_scan(3), "ba-trang.pdf")
    assert item.state == ItemState.FAILED
    assert item.error.startswith("Các trang của tệp cần 26 triệu điểm ảnh để đọc, vượt giới "
                                 "hạn 20 triệu điểm ảnh mỗi tệp")
    assert item.step == "ocr"


def big_blank_image(fmt: str, size: tuple[int, int], mode: str = "L", **options) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new(mode, size, 255 if mode == "L" else 1).save(buffer, format=fmt, **options)
    return buffer.getvalue()


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_a_decompression_bomb_png_is_refused_without_being_decoded(cast):
    """100 million pixels in a few kilobytes: beyond the page cap (40 Mpx by default)
    and beyond Pillow's MAX_IMAGE_PIXELS warning; refused with the reason, before any
    decoding (a 1-bit PNG decoded to greyscale would take 100 MB, RGB for the preview
    300 MB)."""
    from PIL import Image

    data = big_blank_image("PNG", (10_000, 10_000), mode="1")
    assert len(data) < 100_000 and Image.MAX_IMAGE_PIXELS < 10_000 * 10_000
    item = receive(cast, data, "bom.png")
    assert item.state == ItemState.FAILED
    assert "Ảnh quá lớn để đọc tự động (10000×10000 điểm ảnh, 100 triệu" in item.error
    assert "tối đa 40 triệu điểm ảnh mỗi trang" in item.error
    assert item.preview is None


@needs_tesseract
def test_a_huge_jpeg_is_decoded_at_a_reduced_scale_within_the_cap(cast, settings):
    settings.VANPHONG_OCR_MAX_PAGE_MPX = 4
    item = receive(cast, big_blank_image("JPEG", (4000, 3600)), "anh-lon.jpg")
    assert item.state == ItemState.READY, item.error
    [(width, height)] = item.layout["pages"]
    assert width * height <= 4_000_000
    assert (width, height) == (2000, 1800)  # decoded at half size, never at 14.4 Mpx
    preview = stored_image_size(item.preview)
    assert preview[0] <= pipeline.PREVIEW_WIDTH and preview[1] <= 2 * pipeline.PREVIEW_WIDTH


def multi_frame_tiff(frames: int, size=(400, 300)) -> bytes:
    from PIL import Image

    images = [Image.new("L", size, 255) for _ in range(frames)]
    buffer = io.BytesIO()
    images[0].save(buffer, format="TIFF", save_all=True, append_images=images[1:])
    return buffer.getvalue()


def test_a_tiff_with_more_pages_than_the_limit_is_refused(cast, settings):
    settings.VANPHONG_OCR_MAX_PAGES = 3
    item = receive(cast, multi_frame_tiff(7), "nhieu-trang.tif")
    assert item.state == ItemState.FAILED
    assert item.error.startswith("Tệp có hơn 3 trang, vượt giới hạn đọc tự động 3 trang")
    assert item.page_count == 4  # counted only as far as needed


def test_the_frames_of_a_tiff_count_against_the_document_cap(cast, settings):
    settings.VANPHONG_OCR_MAX_PAGE_MPX = 1
    settings.VANPHONG_OCR_MAX_DOCUMENT_MPX = 2
    item = receive(cast, multi_frame_tiff(3, size=(1000, 900)), "ba-trang.tif")
    assert item.state == ItemState.FAILED
    assert "cần 2.7 triệu điểm ảnh" in item.error and "giới hạn 2.0 triệu" in item.error


@functools.cache
def docx_bomb(unpacked_mb: int = 100) -> bytes:
    """A real .docx (the sample document) whose document.xml unpacks to `unpacked_mb`
    MB: a comment of spaces, written as it compresses, so the file stays ~100 KB."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(document_docx(DOCS[0])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename != "word/document.xml":
                bomb.writestr(info, data)
                continue
            declaration, rest = data.split(b"?>", 1)
            with bomb.open(info.filename, "w") as member:
                member.write(declaration + b"?><!--")
                for _ in range(unpacked_mb):
                    member.write(b" " * (1024 * 1024))
                member.write(b"-->" + rest)
    return buffer.getvalue()


WORD_BOMB = "Tệp Word bung ra quá lớn so với kích thước của nó"


def test_a_docx_zip_bomb_fails_with_its_reason(cast):
    data = docx_bomb()
    assert len(data) < 400_000
    item = receive(cast, data, "bom.docx")
    assert item.state == ItemState.FAILED
    assert item.error.startswith(WORD_BOMB), item.error
    assert "word/document.xml 100 MB" in item.error
    assert item.step == "text"


def test_a_docx_is_checked_while_it_unpacks_not_only_by_its_declared_sizes(tmp_path):
    """10 MB of spaces in 10 KB passes the declared-size bounds, and is stopped by the
    ratio counted while unpacking; a member declaring fewer bytes than it holds is a
    broken file (zipfile never reads past the declared size)."""
    import struct
    import zipfile

    from vanphong.files import archives

    path = tmp_path / "bom.docx"
    path.write_bytes(docx_bomb(10))
    with zipfile.ZipFile(path) as archive:
        declared = archive.getinfo("word/document.xml").file_size
    assert archives.DOCX_RATIO_FROM < declared < archives.DOCX_MAX_MEMBER
    with pytest.raises(archives.TooLarge, match=r"nén .* lần"):
        archives.check_docx(path)

    lying = bytearray(docx_bomb(10))
    name = lying.rindex(b"word/document.xml")  # its central directory entry
    assert lying[name - 46 : name - 42] == b"PK\x01\x02"
    struct.pack_into("<I", lying, name - 46 + 24, 1000)
    path.write_bytes(bytes(lying))
    with pytest.raises(ValueError, match="broken docx") as refused:
        archives.check_docx(path)
    assert not isinstance(refused.value, archives.TooLarge)

    real = tmp_path / "that.docx"
    real.write_bytes(document_docx(DOCS[0]))
    archives.check_docx(real)  # a real Word file passes


def test_start_up_check_says_when_tesseract_or_its_vietnamese_data_is_missing(
    settings, tmp_path
):
    from vanphong.checks import check_tesseract

    settings.VANPHONG_TESSERACT = str(tmp_path / "khong-co")
    [warning] = check_tesseract()
    assert warning.id == "vanphong.W005" and "Không tìm thấy Tesseract" in warning.msg
    # A Tesseract without the Vietnamese model (only English installed).
    english_only = tmp_path / "tesseract"
    english_only.write_text(
        '#!/bin/sh\necho "List of available languages (2):"\necho eng\necho osd\n'
    )
    english_only.chmod(0o755)
    settings.VANPHONG_TESSERACT = str(english_only)
    [warning] = check_tesseract()
    assert "tiếng Việt" in warning.msg and "tesseract-ocr-vie" in warning.msg


@needs_tesseract
def test_start_up_check_is_quiet_when_ocr_can_run(settings):
    from vanphong.checks import check_tesseract

    settings.VANPHONG_TESSERACT = None
    assert check_tesseract() == []


def test_a_signed_pdf_is_never_rewritten(cast):
    """A PDF carrying a signature dictionary is recognised; its bytes stay as received
    (whatever is derived from it is stored beside it)."""
    data = document_pdf(DOCS[0]).replace(
        b"%%EOF", b"% /Type /Sig /ByteRange [0 100 200 300] /Contents <00>\n%%EOF"
    )
    item = receive(cast, data, "da-ky.pdf")
    assert item.state == ItemState.READY, item.error
    assert item.layout["signed"] is True
    assert item.original.sha256 == hashlib.sha256(data).hexdigest()
    with default_storage.open(item.original.storage_name, "rb") as stream:
        assert stream.read() == data
