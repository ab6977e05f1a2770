"""The intake pipeline end to end through its functions, with real PDFium, python-docx
and Tesseract: born-digital and scanned files become proposals with confidences, OCR
makes a searchable PDF beside the untouched original, failures say why, and an item
left by a killed worker is resumed from the step it stopped at."""

from __future__ import annotations

import datetime as dt
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

    monkeypatch.setattr(pipeline, "STEPS", [*pipeline.STEPS[:3], ("ocr", die)])
    with pytest.raises(Killed):
        pipeline.process_item(str(item.pk))
    item.refresh_from_db()
    assert item.state == ItemState.WORKING and item.step == "ocr"
    assert set(item.timings) == {"preflight", "duplicates", "text"}
    text_time = item.timings["text"]
    monkeypatch.undo()

    # Another worker does not take it while the lease runs...
    assert pipeline.process_item(str(item.pk)) == ItemState.WORKING
    # ...and the sweep does once it has expired.
    started = []
    monkeypatch.setattr("vanphong.intake.receiving._start", started.append)
    assert pipeline.resume_stalled() == 0
    with clock.frozen_at(clock.now() + pipeline.LEASE + dt.timedelta(seconds=1)):
        assert pipeline.resume_stalled() == 1
        assert started == [str(item.pk)]
        assert pipeline.process_item(str(item.pk)) == ItemState.READY
    item.refresh_from_db()
    assert item.attempts == 2
    assert item.timings["text"] == text_time
    assert_header(item, DOCS[2])


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


@needs_tesseract
def test_a_worker_process_killed_during_ocr_is_resumed(
    cast, tmp_path, transactional_db, monkeypatch
):
    """A real worker process is killed (SIGKILL, with its Tesseract) in the middle of OCR.
    The item stays 'working' under its lease; once the lease has expired, another worker
    resumes it at the OCR step and finishes, without redoing the steps before."""
    import signal
    import subprocess
    import sys
    import time

    from django.conf import settings as django_settings
    from django.db import connection
    monkeypatch.setattr("vanphong.intake.receiving._start", lambda item_id: None)
    item = receive_file(office=cast.office, stream=io.BytesIO(_many_pages_scan(8)),
                        name="tap-quet.pdf", actor=cast.vanthu)
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        url = f"sqlite:///{db['NAME']}"
    else:
        host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{host}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "VANPHONG_DATA_DIR": str(tmp_path),
           "DJANGO_SETTINGS_MODULE": "vanphong.settings", "VANPHONG_TASKS": "immediate"}
    code = (
        "import django; django.setup(); from vanphong.intake.pipeline import process_item; "
        f"process_item({str(item.pk)!r})"
    )
    worker = subprocess.Popen(  # noqa: S603 — our own interpreter and code
        [sys.executable, "-c", code], cwd=django_settings.BASE_DIR, env=env,
        start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            item.refresh_from_db()
            if item.state == ItemState.WORKING and item.step == "ocr":
                break
            assert worker.poll() is None, worker.stderr.read().decode()[-2000:]
            time.sleep(0.05)
        else:
            pytest.fail("the worker never reached the OCR step")
        time.sleep(0.5)  # well inside Tesseract
        os.killpg(worker.pid, signal.SIGKILL)
    finally:
        worker.wait(timeout=30)
    item.refresh_from_db()
    assert item.state == ItemState.WORKING and item.step == "ocr"
    assert "ocr" not in item.timings and "text" in item.timings
    before = dict(item.timings)

    assert pipeline.resume_stalled() == 0  # the lease still runs
    with clock.frozen_at(clock.now() + pipeline.LEASE + dt.timedelta(seconds=1)):
        assert pipeline.process_item(str(item.pk)) == ItemState.READY
    item.refresh_from_db()
    assert item.attempts == 2
    assert item.text_source == "ocr" and item.page_count == 8
    assert {k: item.timings[k] for k in before} == before
    assert value(item, "code_number") == DOCS[0].number


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
