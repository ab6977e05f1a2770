"""Files as offices receive them, through the upload page, the API and the registration
form, with real LibreOffice and libarchive: Word 97–2003, RTF, ODT, Excel and ODS files
are recognised from their bytes, read and kept byte-identical; archives are unpacked
within the bounds, hostile ones refused in Vietnamese; TCVN3 and VNI text is converted to
Unicode, and ordinary Vietnamese or English is left as it is."""

from __future__ import annotations

import functools
import hashlib
import io
import struct
import unicodedata
import zipfile
import zlib

import libarchive
import pytest
from django.urls import reverse

from tests.conftest import upload
from tests.test_api import API, api_as  # noqa: F401  (fixture)
from tests.test_incoming_pages import form_data
from tests.test_outgoing_layout import needs_libreoffice
from vanphong import legacy_encoding as legacy
from vanphong.demo import office_files
from vanphong.demo.sample_documents import DOCS, Doc, document_pdf
from vanphong.files.models import StoredFile
from vanphong.incoming.models import IncomingDocument
from vanphong.intake.models import IntakeItem, ItemState

# --- The legacy encodings -------------------------------------------------------------------


def _marked_letters() -> list[str]:
    """The 67 small Vietnamese letters with marks (and their 67 capitals)."""
    letters = []
    for base, shapes in (("a", ["", "\u0302", "\u0306"]), ("e", ["", "\u0302"]), ("i", [""]),
                         ("o", ["", "\u0302", "\u031b"]), ("u", ["", "\u031b"]), ("y", [""])):
        for shape in shapes:
            if shape:
                letters.append(unicodedata.normalize("NFC", base + shape))
            for tone in "\u0301\u0300\u0309\u0303\u0323":
                letters.append(unicodedata.normalize("NFC", base + shape + tone))
    return [*letters, "đ"]


LETTERS = _marked_letters()


def test_there_are_134_vietnamese_letters_with_marks():
    assert len(LETTERS) == 67 and len(set(LETTERS + [c.upper() for c in LETTERS])) == 134


@pytest.mark.parametrize("letter", LETTERS + [c.upper() for c in LETTERS])
def test_every_letter_round_trips_through_vni_and_tcvn3(letter):
    assert legacy.decode_vni(legacy.encode_vni(letter)) == letter
    # TCVN3 (ABC) writes a capital with a tone mark as the small letter in a capitals
    # font (.VnTimeH).
    upper = letter.isupper()
    encoded = legacy.encode_tcvn3(letter.lower() if upper else letter)
    assert all(ord(ch) < 256 for ch in encoded)
    assert legacy.decode_tcvn3(encoded, upper=upper) == letter


@pytest.mark.parametrize(("legacy_text", "unicode_text"), [
    ("Uû ban nh©n d©n", "Uỷ ban nhân dân"),
    ("Sè: 12/Q§-UBND", "Số: 12/QĐ-UBND"),
    ("Uû BAN NH¢N D¢N X· T¢N HßA", "UỶ BAN NHÂN DÂN XÃ TÂN HÒA"),
    ("QUYÕT §ÞNH", "QUYẾT ĐỊNH"),  # a capitals font: the small letters' codes
    ("UÛy ban nhaân daân xaõ Taân Hoøa", "Ủy ban nhân dân xã Tân Hòa"),
    ("Veà vieäc thaønh laäp toå coâng taùc", "Về việc thành lập tổ công tác"),
])
def test_legacy_text_is_converted(legacy_text, unicode_text):
    assert legacy.fix_legacy(legacy_text) == unicode_text


@pytest.mark.parametrize("text", [
    "ỦY BAN NHÂN DÂN XÃ TÂN HÒA\nSố: 12/QĐ-UBND\nTân Hòa, ngày 05 tháng 3 năm 2026",
    "Tân Hòa\nHà Nội\nthuê quê quân tuần hoà khuê yêu truyện muốn",
    "Về việc tổ chức Hội nghị tổng kết công tác năm 2025 và triển khai nhiệm vụ năm 2026",
    "The People's Committee of Tan Hoa commune decided on 5 March.",
    "Le café à Paris; naïve résumé, señor, Müller über Straße © 2024 — 50 °C ± 2",
    "",
])
def test_ordinary_vietnamese_and_english_are_left_alone(text):
    assert legacy.fix_legacy(text) == text


def test_a_document_mixing_unicode_and_tcvn3_lines_converts_only_the_legacy_ones():
    text = "Uû ban nh©n d©n\nTân Hòa, ngày 5 tháng 3\nQuyÕt ®Þnh vÒ viÖc"
    assert legacy.fix_legacy(text) == "Uỷ ban nhân dân\nTân Hòa, ngày 5 tháng 3\nQuyết định về việc"


def test_fonts_name_their_encoding():
    assert legacy.font_encoding(".VnTime") == ("tcvn3", False)
    assert legacy.font_encoding(".VnTimeH") == ("tcvn3", True)
    assert legacy.font_encoding("VNI-Times") == ("vni", False)
    assert legacy.font_encoding("Times New Roman") is None


# --- Files made as old offices made them ------------------------------------------------------

DOC: Doc = DOCS[0]


def doc_lines(doc: Doc) -> list[str]:
    return [*doc.issuer.split("\n"), f"Số: {doc.code}", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            f"{doc.place}, ngày {doc.day:02d} tháng {doc.month:02d} năm {doc.year}",
            doc.type_name, doc.subject, *doc.body, doc.capacity, doc.position, doc.signer]


@functools.cache
def word(kind: str, encoding: str = "unicode") -> bytes:
    return office_files.word_file(doc_lines(DOC), kind, encoding=encoding)


ROWS = [["STT", "Đơn vị", "Kinh phí (đồng)"], [1, "Ủy ban nhân dân xã Tân Hòa", 15000000],
        [2, "Hội Liên hiệp Phụ nữ xã", 3500000]]


@functools.cache
def sheet(kind: str) -> bytes:
    return office_files.spreadsheet_file(ROWS, kind)


@pytest.fixture
def run_commits(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def upload_page(client, run_commits, *files):
    with run_commits():
        return client.post("/tiep-nhan/tai-len/", {"files": list(files)}, follow=True)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@needs_libreoffice
@pytest.mark.slow
@pytest.mark.parametrize("kind", ["doc", "rtf", "odt"])
def test_word_processor_files_are_read_through_a_pdf_copy(cast, client_for, run_commits, kind):
    data = word(kind)
    response = upload_page(client_for(cast.vanthu), run_commits,
                           upload(f"quyet-dinh.{kind}", data, "application/octet-stream"))
    assert "Đã nhận 1 tệp" in response.content.decode()
    item = IntakeItem.objects.get()
    assert item.state == ItemState.READY, item.error
    assert item.original.kind == kind and item.text_source == kind
    assert sha(item.original.storage_name and _stored(item.original)) == sha(data)
    assert item.searchable is not None and _stored(item.searchable).startswith(b"%PDF")
    assert item.preview is not None
    assert item.proposal["code_number"]["value"] == DOC.number
    assert item.proposal["code_notation"]["value"] == DOC.notation
    assert item.proposal["issued_date"]["value"] == DOC.iso_date
    assert DOC.subject in item.text


@needs_libreoffice
@pytest.mark.slow
@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_a_legacy_font_doc_is_read_in_unicode(cast, client_for, run_commits, encoding):
    data = word("doc", encoding)
    raw = office_files.convert(data, "doc", "docx")
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        body = archive.read("word/document.xml").decode()
    font = ".VnTime" if encoding == "tcvn3" else "VNI-Times"
    assert font in body and "ỦY" not in body  # the file really is in the old encoding
    upload_page(client_for(cast.vanthu), run_commits, upload("cu.doc", data))
    item = IntakeItem.objects.get()
    assert item.state == ItemState.READY, item.error
    assert "ỦY BAN NHÂN DÂN" in item.text and DOC.subject in item.text
    assert item.proposal["code_notation"]["value"] == DOC.notation
    assert sha(_stored(item.original)) == sha(data)


@needs_libreoffice
@pytest.mark.slow
@pytest.mark.parametrize("kind", ["xlsx", "xls", "ods"])
def test_spreadsheets_are_received_and_their_cells_read(cast, client_for, run_commits, kind):
    data = sheet(kind)
    upload_page(client_for(cast.vanthu), run_commits, upload(f"phu-luc.{kind}", data))
    item = IntakeItem.objects.get()
    assert item.state == ItemState.READY, item.error
    assert item.original.kind == kind
    assert "Ủy ban nhân dân xã Tân Hòa\t15000000" in item.text
    assert sha(_stored(item.original)) == sha(data)


def _stored(stored: StoredFile) -> bytes:
    from vanphong.files.actions import open_stored

    with open_stored(stored) as stream:
        return stream.read()


# --- Archives -------------------------------------------------------------------------------


def zip_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def libarchive_of(files: dict[str, bytes], fmt: str, tmp_path, **options) -> bytes:
    path = tmp_path / f"made.{fmt}"
    with libarchive.file_writer(str(path), fmt, **options) as archive:
        for name, data in files.items():
            archive.add_file_from_memory(name, len(data), data)
    return path.read_bytes()


def _rar_block(kind: int, flags: int, body: bytes, data: bytes = b"") -> bytes:
    head = struct.pack("<BHH", kind, flags, 7 + len(body)) + body
    return struct.pack("<H", zlib.crc32(head) & 0xFFFF) + head + data


def rar_of(files: dict[str, bytes], *, encrypted_headers: bool = False) -> bytes:
    """A real RAR 4 archive with stored (uncompressed) members, written by hand: no free
    tool here writes RAR. Encrypted headers set the main header's password flag."""
    out = b"Rar!\x1a\x07\x00" + _rar_block(0x73, 0x80 if encrypted_headers else 0, b"\0" * 6)
    for name, data in files.items():
        raw = name.encode()
        body = struct.pack("<IIBIIBBHI", len(data), len(data), 2, zlib.crc32(data),
                           0x5A210000, 29, 0x30, len(raw), 0x20) + raw
        out += _rar_block(0x74, 0x8000, body, data)
    return out + _rar_block(0x7B, 0x4000, b"")


def test_a_zip_of_documents_becomes_one_item_per_file_and_refusals_are_named(
    cast, client_for, run_commits
):
    pdf = document_pdf(DOCS[0])
    archive = zip_of({"ho-so/qd.pdf": pdf, "ho-so/cv.pdf": document_pdf(DOCS[1]),
                      "ho-so/chuong-trinh.exe": b"MZ\x90\x00 program", "__MACOSX/._qd.pdf": b"x"})
    response = upload_page(client_for(cast.vanthu), run_commits, upload("ho-so.zip", archive))
    page = response.content.decode()
    assert "Đã nhận 2 tệp" in page
    assert "chuong-trinh.exe" in page and "ho-so.zip" in page and "không phải" in page
    items = IntakeItem.objects.order_by("filename")
    assert [i.filename for i in items] == ["cv.pdf", "qd.pdf"]
    assert all(i.state == ItemState.READY for i in items)
    assert sha(_stored(items[1].original)) == sha(pdf)  # the member, byte for byte
    assert not StoredFile.objects.filter(kind="zip").exists()


def test_a_7z_and_a_rar_are_unpacked_through_the_api(cast, api_as, tmp_path,  # noqa: F811
                                                      django_capture_on_commit_callbacks):
    clerk = api_as(cast.vanthu)
    pdf = document_pdf(DOCS[2])
    nested = zip_of({"trong.pdf": document_pdf(DOCS[3])})
    for name, data in [("goi.7z", libarchive_of({"a/qd.pdf": pdf, "b.zip": nested}, "7zip",
                                                tmp_path)),
                       ("goi.rar", rar_of({"qd.pdf": pdf, "ghi-chu.txt": b"xin chao"}))]:
        with django_capture_on_commit_callbacks(execute=True):
            response = clerk.client.post(API + "/intake/items",
                                         {"file": upload(name, data, "application/x-binary")})
        assert response.status_code == 201, response.content
        body = response.json()
        if name == "goi.7z":
            assert sorted(i["filename"] for i in body["unpacked"]) == ["qd.pdf", "trong.pdf"]
            assert body["refused"] == []
        else:
            assert [i["filename"] for i in body["unpacked"]] == ["qd.pdf"]
            assert "ghi-chu.txt" in body["refused"][0]
    # The same qd.pdf twice: the second is the waiting item, not a new one.
    assert IntakeItem.objects.count() == 2
    assert sha(_stored(IntakeItem.objects.get(filename="qd.pdf").original)) == sha(pdf)


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("rong.pdf", "w", force_zip64=True) as member:
        block = b"\0" * (1024 * 1024)
        for _ in range(260):
            member.write(block)
    return buffer.getvalue()


def _nested(depth: int) -> bytes:
    data = document_pdf(DOCS[0])
    for level in range(depth):
        data = zip_of({f"lop-{level}.{'zip' if level else 'pdf'}": data})
    return data


@pytest.mark.parametrize(("name", "make", "said"), [
    ("bom.zip", lambda tmp: _bomb(), "bom giải nén"),
    ("long.zip", lambda tmp: _nested(4), "lồng nhau"),
    ("leo.zip", lambda tmp: zip_of({"../../etc/qd.pdf": document_pdf(DOCS[0])}),
     "ra ngoài tệp nén"),
    ("mat-khau.zip", lambda tmp: libarchive_of({"qd.pdf": document_pdf(DOCS[0])}, "zip", tmp,
                                               options="encryption=zipcrypt",
                                               passphrase="bi-mat"), "mật khẩu"),
    ("mat-khau.rar", lambda tmp: rar_of({"qd.pdf": b"%PDF"}, encrypted_headers=True),
     "mật khẩu"),
    ("hong.7z", lambda tmp: libarchive_of({"qd.pdf": document_pdf(DOCS[0])}, "7zip", tmp)[:-40],
     "bị hỏng"),
    ("rong.zip", lambda tmp: zip_of({}), "không chứa tệp nào"),
])
def test_hostile_archives_are_refused_in_vietnamese(cast, client_for, run_commits, tmp_path,
                                                    name, make, said):
    response = upload_page(client_for(cast.vanthu), run_commits, upload(name, make(tmp_path)))
    assert response.status_code == 200
    page = response.content.decode()
    assert said in page and name in page
    assert not IntakeItem.objects.exists()


def test_hostile_archives_are_refused_by_the_api_too(cast, api_as, tmp_path):  # noqa: F811
    clerk = api_as(cast.vanthu)
    response = clerk.client.post(API + "/intake/items", {"file": upload("bom.zip", _bomb())})
    assert response.status_code == 422
    assert "bom giải nén" in response.json()["error"]["message"]


def test_an_archive_attached_at_registration_gives_its_files(cast, client_for):
    data = form_data(cast)
    data["files"] = [upload("kem-theo.zip", zip_of({"qd.pdf": document_pdf(DOCS[0]),
                                                   "phu-luc.xlsx": office_files.xlsx_file(ROWS)}))]
    response = client_for(cast.vanthu).post(reverse("incoming:register"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    document = IncomingDocument.objects.get()
    names = sorted(document.receipt.attachments.values_list("filename", flat=True))
    assert names == ["phu-luc.xlsx", "qd.pdf"]


def test_places_that_take_one_file_refuse_an_archive_plainly(cast, api_as):  # noqa: F811
    clerk = api_as(cast.vanthu)
    response = clerk.client.post(API + "/files", {"file": upload("a.zip", zip_of({"a": b"b"}))})
    assert response.status_code == 422
    assert "tệp nén" in response.json()["error"]["message"]
