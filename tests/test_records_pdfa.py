"""PDF/A copies in archival packages (issue #7 part 7): real Ghostscript and LibreOffice make
PDF/A-2b copies of PDFs, Word files and scans; originals are always kept; a copy is made
once and kept, so packages stay byte-identical; a damaged file or a missing tool is said,
never a failure of the export."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile

import docx
import pypdf
import pytest
from PIL import Image

from tests.conftest import make_pdf
from tests.test_records import plan  # noqa: F401  (fixture)
from vanphong import clock
from vanphong.files.actions import store_file
from vanphong.incoming import actions as incoming_actions
from vanphong.outgoing.rendering import soffice_path
from vanphong.records import actions, package, pdfa
from vanphong.records.models import ArchivedFile, PdfaCopy

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        (pdfa.ghostscript_path() is None or soffice_path() is None)
        and not os.environ.get("VANPHONG_REQUIRE_GHOSTSCRIPT"),
        reason="Ghostscript or LibreOffice is not installed; CI sets "
        "VANPHONG_REQUIRE_GHOSTSCRIPT=1 so that these tests fail there instead"),
]


def _docx(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _tiff_two_pages() -> bytes:
    pages = [Image.new("RGB", (600, 800), colour) for colour in ("white", "lightgray")]
    buffer = io.BytesIO()
    pages[0].save(buffer, "TIFF", save_all=True, append_images=pages[1:], dpi=(150, 150))
    return buffer.getvalue()


def _store(cast, name: str, data: bytes):
    return store_file(actor=cast.vanthu, stream=io.BytesIO(data), name=name, size=len(data))


def _pages(data: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def _read(stored) -> bytes:
    from vanphong.files.actions import open_stored

    with open_stored(stored) as handle:
        return handle.read()


def test_pdf_word_and_scans_get_pdfa_copies_and_the_original_stays(cast):
    source = _store(cast, "cv.pdf", make_pdf("Cong van so 12 ve ke hoach"))
    word = _store(cast, "to-trinh.docx", _docx("Tờ trình về việc bổ nhiệm cán bộ"))
    scan = _store(cast, "scan.tif", _tiff_two_pages())
    assert pdfa.conformance(_read(source)) == ""  # ReportLab's PDF is not PDF/A
    for stored, pages, words in ((source, 1, "Cong van so 12"), (word, 1, "bổ nhiệm cán bộ"),
                                 (scan, 2, None)):
        copy = pdfa.pdfa_copy(stored, actor=cast.vanthu)
        assert copy is not None and copy.copy is not None and copy.copy != stored
        assert copy.conformance == "2B"
        made = _read(copy.copy)
        assert pdfa.conformance(made) == "2B" and _pages(made) == pages
        if words:
            assert words in pypdf.PdfReader(io.BytesIO(made)).pages[0].extract_text()
    assert _read(source).startswith(b"%PDF")  # the original is untouched
    # Made once: asking again gives the same kept copy, no new conversion.
    assert pdfa.pdfa_copy(source).pk == PdfaCopy.objects.get(source=source).pk
    assert PdfaCopy.objects.count() == 3


def test_a_pdfa_original_is_its_own_copy_and_a_damaged_file_is_noted(cast):
    made = pdfa.pdf_to_pdfa(make_pdf("Ban goc"), title="Bản gốc")
    already = _store(cast, "pdfa.pdf", made)
    copy = pdfa.pdfa_copy(already)
    assert copy.copy == already and copy.note == pdfa.ALREADY
    broken = _store(cast, "hong.pdf", b"%PDF-1.4\n1 0 obj hong hoan toan\n%%EOF\n")
    noted = pdfa.pdfa_copy(broken)
    assert noted.copy is None and "không tạo được bản PDF/A" in noted.note


def test_a_missing_ghostscript_is_tried_again_later(cast, settings):
    stored = _store(cast, "cv.pdf", make_pdf("Thu lai sau"))
    settings.VANPHONG_GHOSTSCRIPT = "/khong/co/gs"
    assert pdfa.pdfa_copy(stored) is None
    assert not PdfaCopy.objects.exists()  # not remembered as a failure
    settings.VANPHONG_GHOSTSCRIPT = None
    assert pdfa.pdfa_copy(stored).conformance == "2B"


def _registered(cast, subject: str, files: list[tuple[str, bytes]]):
    stored = [(_store(cast, name, data), name) for name, data in files]
    [document] = incoming_actions.register_incoming(
        actor=cast.vanthu, organizations=[cast.orgs["UBND"]], files=stored,
        fields=incoming_actions.IncomingFields(
            issuer="Sở Nội vụ", code=f"{len(subject)}/SNV", subject=subject,
            issued_date=clock.today() - dt.timedelta(days=3)))
    return document


def test_a_package_carries_originals_and_pdfa_copies_and_round_trips(cast, plan):  # noqa: F811
    dossier = plan.dossiers.get(code="01.TH")
    letter = _registered(cast, "Kế hoạch công tác năm", [
        ("ke-hoach.pdf", make_pdf("Ke hoach cong tac")),
        ("phu-luc.docx", _docx("Phụ lục kế hoạch")),
        ("hong.pdf", b"%PDF-1.4\n1 0 obj hong\n%%EOF\n")])
    actions.file_documents(actor=cast.vanthu, dossier=dossier, documents=[letter])
    data = package.export_dossier(actor=cast.vanthu, dossier=dossier)
    bag = zipfile.ZipFile(io.BytesIO(data))
    names = bag.namelist()
    for name in ("goi-ho-so/data/van-ban/001/ke-hoach.pdf", "goi-ho-so/data/van-ban/001/"
                 "phu-luc.docx", "goi-ho-so/data/van-ban/001/pdfa/01-ke-hoach.pdf",
                 "goi-ho-so/data/van-ban/001/pdfa/02-phu-luc.pdf"):
        assert name in names
    assert not any("pdfa/03" in n for n in names)  # the damaged file has no copy
    xml = bag.read("goi-ho-so/data/ho-so.xml").decode()
    assert 'pdfa="van-ban/001/pdfa/02-phu-luc.pdf"' in xml
    assert 'pdfa-note="Tệp hỏng' in xml
    copy = bag.read("goi-ho-so/data/van-ban/001/pdfa/02-phu-luc.pdf")
    assert pdfa.conformance(copy) == "2B"
    manifest = bag.read("goi-ho-so/manifest-sha256.txt").decode()
    assert "data/van-ban/001/pdfa/02-phu-luc.pdf" in manifest  # checked like the rest
    assert package.export_dossier(actor=cast.vanthu, dossier=dossier) == data
    imported = package.import_package(actor=cast.luutru, office=cast.office,
                                      source=io.BytesIO(data))
    files = ArchivedFile.objects.filter(document__dossier=imported).order_by("id")
    assert [(f.name, f.pdfa_path != "", bool(f.pdfa_note)) for f in files] == [
        ("ke-hoach.pdf", True, False), ("phu-luc.docx", True, False), ("hong.pdf", False, True)]
    assert _read(files[1].pdfa_file) == copy
    assert package.export_archived(actor=cast.luutru, dossier=imported) == data


def test_closing_a_dossier_prepares_its_pdfa_copies_in_the_background(
        cast, plan, django_capture_on_commit_callbacks):  # noqa: F811
    dossier = plan.dossiers.get(code="01.TH")
    letter = _registered(cast, "Báo cáo năm", [("bao-cao.pdf", make_pdf("Bao cao nam"))])
    actions.file_documents(actor=cast.vanthu, dossier=dossier, documents=[letter])
    assert not PdfaCopy.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        actions.close_dossier(actor=cast.vanthu, dossier=dossier, confirm=True)
    [copy] = PdfaCopy.objects.all()
    assert (copy.source.original_name, copy.conformance) == ("bao-cao.pdf", "2B")
