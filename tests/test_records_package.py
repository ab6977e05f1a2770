"""Hostile archival packages (issue 18, §2.1, §2.8, §2.9): a package names only files of
its own bag, listed in its payload manifest — anything else is refused with one message
that says nothing about the server's files; a zip is checked while it is unpacked (member
count, sizes declared and counted, compression ratio) so a small zip cannot inflate a
worker; a damaged, encrypted or oddly compressed zip is a clear refusal, never a 500, and
nothing of a refused package is kept. The hostile zips are built here with `zipfile` and
`bagit`, through the pages and the API as the archivist."""

from __future__ import annotations

import io
import random
import struct
import tracemalloc
import zipfile
from pathlib import Path
from xml.sax.saxutils import quoteattr

import bagit
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import make_pdf
from tests.test_api import API, api_as  # noqa: F401  (fixture)
from vanphong.errors import Invalid
from vanphong.files.models import StoredFile
from vanphong.records import package
from vanphong.records.models import ArchivedDossier

pytestmark = pytest.mark.django_db

TOP = "goi-ho-so"
PDF_NAME = "van-ban/001/cong-van.pdf"
#: The one answer for every path a package may not name (it must not tell what exists).
OUTSIDE = "Gói hồ sơ nêu tệp không có trong danh sách tệp của gói"


def _xml(files: list[dict[str, str]], kind: str = "incoming") -> str:
    entries = "".join("<File " + " ".join(f"{k}={quoteattr(v)}" for k, v in f.items()) + "/>"
                      for f in files)
    return ("<?xml version='1.0' encoding='utf-8'?><HoSo><FileCode><OrganId/>"
            "<FileCatalog>2025</FileCatalog><FileNotation>09.TH</FileNotation></FileCode>"
            "<OrganName>UBND xã Tân Hòa</OrganName><Title>Hồ sơ thử gói lạ</Title>"
            f"<Documents><Document kind={quoteattr(kind)}><DocOrdinal>1</DocOrdinal>"
            f"<Subject>Công văn thử</Subject><Files>{entries}</Files></Document></Documents>"
            "</HoSo>")


def _bag(folder: Path, xml: str, payload: dict[str, bytes] | None = None) -> bytes:
    """A valid BagIt bag (its manifest lists every payload file), zipped."""
    root = folder / TOP
    root.mkdir(parents=True)
    (root / "ho-so.xml").write_text(xml, encoding="utf-8")
    for path, data in (payload if payload is not None else {PDF_NAME: make_pdf("Cong van")}
                       ).items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
    bagit.make_bag(str(root), {"Source-Organization": "UBND xã Tân Hòa"}, checksums=["sha256"])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in sorted(p for p in root.rglob("*") if p.is_file()):
            archive.write(member, str(member.relative_to(folder)))
    return buffer.getvalue()


def _good(folder: Path) -> bytes:
    return _bag(folder, _xml([{"name": "cong-van.pdf", "path": PDF_NAME}]))


def _patch(data: bytes, name: str, *, local: int, central: int, fmt: str, value: int) -> bytes:
    """Overwrite one field of a member's local header and of its central directory entry
    (offsets after each signature, as in APPNOTE.TXT 4.3.7 and 4.3.12)."""
    raw = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    struct.pack_into(fmt, raw, info.header_offset + local, value)
    start = 0
    while (at := raw.find(b"PK\x01\x02", start)) >= 0:
        length = struct.unpack_from("<H", raw, at + 28)[0]
        if raw[at + 46: at + 46 + length] == name.encode():
            struct.pack_into(fmt, raw, at + central, value)
        start = at + 4
    return bytes(raw)


def _nothing_kept():
    assert not ArchivedDossier.objects.exists()
    assert not StoredFile.objects.exists()


def _refused_on_the_page(client, data: bytes) -> str:
    response = client.post("/ho-so/goi-ho-so/", {
        "package": SimpleUploadedFile("goi.zip", data, "application/zip")})
    assert response.status_code == 422, response.status_code
    return response.content.decode()


def _refused_by_the_api(api, data: bytes) -> dict:
    response = api.client.post(f"{API}/packages", {
        "file": SimpleUploadedFile("goi.zip", data, "application/zip")})
    assert response.status_code == 422, response.content
    return response.json()["error"]


def test_a_well_formed_foreign_package_imports(cast, tmp_path, client_for):
    done = client_for(cast.luutru).post("/ho-so/goi-ho-so/", {
        "package": SimpleUploadedFile("goi.zip", _good(tmp_path), "application/zip")})
    assert done.status_code == 302
    [file] = ArchivedDossier.objects.get().documents.get().files.all()
    assert (file.name, file.path) == ("cong-van.pdf", PDF_NAME)


# --- §2.1: nothing from the package names a path outside it -----------------------------------


def _outside_paths(tmp_path: Path) -> dict[str, str]:
    secret = tmp_path / "server" / "bao-cao-mat.pdf"
    secret.parent.mkdir()
    secret.write_bytes(make_pdf("Tai lieu cua may chu"))
    return {
        "absolute, exists": str(secret),
        "absolute, missing": str(tmp_path / "server" / "khong-co.pdf"),
        "up and out, exists": "../../server/bao-cao-mat.pdf",
        "up and out, missing": "../../server/khong-co.pdf",
        "the bag's own tag file": "../bagit.txt",
        "through the payload and out": "van-ban/001/../../../server/bao-cao-mat.pdf",
        "listed nowhere": "van-ban/001/khong-co.pdf",
        "empty": "",
    }


@pytest.mark.parametrize("attribute", ["path", "pdfa"])
def test_a_package_naming_a_file_outside_its_bag_is_refused_with_one_message(
        cast, tmp_path, client_for, api_as, attribute):  # noqa: F811
    archivist, api = client_for(cast.luutru), api_as(cast.luutru)
    for case, path in _outside_paths(tmp_path).items():
        entry = {"name": "leak.pdf", "path": PDF_NAME, attribute: path}
        if attribute == "pdfa" and not path:
            continue  # no PDF/A copy named: nothing to refuse
        data = _bag(tmp_path / case.replace(" ", "-").replace(",", ""), _xml([entry]))
        page = _refused_on_the_page(archivist, data)
        assert OUTSIDE in page, case
        assert "thiếu tệp" not in page, case  # the old answer told whether a file existed
        error = _refused_by_the_api(api, data)
        assert error["message"].startswith(OUTSIDE), (case, error)
        _nothing_kept()


def test_names_from_the_package_are_reduced_to_plain_file_names(cast, tmp_path):
    entry = {"name": "../../../etc/cron.d/x\x7f\\..\\evil.pdf", "path": PDF_NAME}
    made = package.import_package(actor=cast.luutru, office=cast.office,
                                  source=io.BytesIO(_bag(tmp_path, _xml([entry]))))
    [file] = made.documents.get().files.all()
    assert file.name == "evil.pdf" and file.stored_file.original_name == "evil.pdf"
    with pytest.raises(Invalid, match="loại văn bản"):
        package.import_package(actor=cast.luutru, office=cast.office, source=io.BytesIO(
            _bag(tmp_path / "kind", _xml([{"name": "a.pdf", "path": PDF_NAME}],
                                         kind="../../x"))))


# --- §2.9: damaged, encrypted, oddly compressed zips ------------------------------------------

HOSTILE = {
    # field offsets: CRC-32 (local 14, central 16), flags (6, 8), method (8, 10)
    "bad CRC": ({"local": 14, "central": 16, "fmt": "<I", "value": 0xDEADBEEF},
                "Gói hồ sơ bị hỏng"),
    "encrypted flag": ({"local": 6, "central": 8, "fmt": "<H", "value": 0x0001},
                       "Gói hồ sơ được mã hóa"),
    "unknown compression": ({"local": 8, "central": 10, "fmt": "<H", "value": 99},
                            "kiểu nén không được hỗ trợ"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_damaged_encrypted_or_oddly_compressed_zip_is_a_clear_refusal(
        cast, tmp_path, client_for, api_as, case):  # noqa: F811
    field, message = HOSTILE[case]
    data = _patch(_good(tmp_path), f"{TOP}/data/{PDF_NAME}", **field)
    assert message in _refused_on_the_page(client_for(cast.luutru), data)
    error = _refused_by_the_api(api_as(cast.luutru), data)
    assert message in error["message"] and error["code"] == "invalid"
    _nothing_kept()


# --- §2.8: bounded unpacking ------------------------------------------------------------------


def _zeros(name: str, size: int) -> bytes:
    """A zip of one member: `size` zero bytes (a thousandfold compression)."""
    buffer, info = io.BytesIO(), zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(buffer, "w") as archive, archive.open(info, "w") as member:
        block = bytes(1024 * 1024)
        for _ in range(size // len(block)):
            member.write(block)
    return buffer.getvalue()


def _peak_while_importing(cast, data: bytes) -> tuple[int, str]:
    tracemalloc.start()
    try:
        package.import_package(actor=cast.luutru, office=cast.office, source=io.BytesIO(data))
    except Invalid as error:
        message = error.message
    else:
        message = ""
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak, message


def test_a_member_larger_than_a_stored_file_may_be_is_refused_before_it_is_inflated(
        cast, settings, client_for):
    settings.MAX_UPLOAD_MB = 2
    data = _zeros(f"{TOP}/data/van-ban/001/to.pdf", 32 * 1024 * 1024)
    assert len(data) < 100 * 1024
    peak, message = _peak_while_importing(cast, data)
    assert "quá lớn" in message and peak < 8 * 1024 * 1024, (message, peak)
    assert "quá lớn" in _refused_on_the_page(client_for(cast.luutru), data)
    _nothing_kept()


def test_a_member_compressed_beyond_any_real_document_is_refused(cast, settings):
    settings.MAX_UPLOAD_MB = 8
    peak, message = _peak_while_importing(cast, _zeros(f"{TOP}/data/nen.pdf", 4 * 1024 * 1024))
    assert "tỷ lệ nén" in message and peak < 4 * 1024 * 1024, (message, peak)
    _nothing_kept()


def test_a_member_lying_about_its_size_is_refused_and_never_inflated_past_the_lie(
        cast, settings, client_for, api_as):  # noqa: F811
    settings.MAX_UPLOAD_MB = 2
    name = f"{TOP}/data/van-ban/001/to.pdf"
    honest = _zeros(name, 64 * 1024 * 1024)
    lying = _patch(honest, name, local=22, central=24, fmt="<I", value=1024 * 1024)
    peak, message = _peak_while_importing(cast, lying)
    assert "Gói hồ sơ bị hỏng" in message and peak < 8 * 1024 * 1024, (message, peak)
    assert "Gói hồ sơ bị hỏng" in _refused_on_the_page(client_for(cast.luutru), lying)
    assert "Gói hồ sơ bị hỏng" in _refused_by_the_api(api_as(cast.luutru), lying)["message"]
    _nothing_kept()


def test_too_many_members_are_refused_before_any_is_unpacked(cast):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in range(package.MAX_MEMBERS + 1):
            archive.writestr(f"{TOP}/data/{number}.txt", b"")
    with pytest.raises(Invalid, match="quá nhiều tệp"):
        package.import_package(actor=cast.luutru, office=cast.office,
                               source=io.BytesIO(buffer.getvalue()))


def test_a_package_is_imported_from_its_file_without_being_held_in_memory(cast, tmp_path):
    big = b"%PDF-1.4\n" + random.Random(7).randbytes(12 * 1024 * 1024) + b"\n%%EOF\n"
    xml = _xml([{"name": "lon.pdf", "path": "van-ban/001/lon.pdf"}])
    data = _bag(tmp_path, xml, {"van-ban/001/lon.pdf": big})
    (tmp_path / "goi.zip").write_bytes(data)
    tracemalloc.start()
    with (tmp_path / "goi.zip").open("rb") as source:
        made = package.import_package(actor=cast.luutru, office=cast.office, source=source)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert made.documents.get().files.get().stored_file.size == len(big)
    assert peak < 6 * 1024 * 1024, peak


def test_a_package_refused_while_its_files_are_stored_leaves_no_row_and_no_file(
        cast, tmp_path, client_for):
    from django.core.files.storage import default_storage

    xml = _xml([{"name": "cong-van.pdf", "path": PDF_NAME},
                {"name": "ghi-chu.txt", "path": "van-ban/001/ghi-chu.txt"}])
    data = _bag(tmp_path, xml, {PDF_NAME: make_pdf("Cong van"),
                                "van-ban/001/ghi-chu.txt": b"not a document"})
    page = _refused_on_the_page(client_for(cast.luutru), data)
    assert "ghi-chu.txt" in page and "không phải PDF" in page
    _nothing_kept()
    stored = Path(default_storage.location)
    assert not stored.exists() or not [p for p in stored.rglob("*") if p.is_file()]
