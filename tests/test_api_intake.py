"""Intake through the API: the extraction endpoint (file or text → §1.9 keys with
confidences, nothing registered), the queue endpoints, and their refusals."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.test_api import API, ApiClient, api_as, assert_error  # noqa: F401  (fixture)
from tests.test_intake_pipeline import needs_tesseract
from vanphong.demo.sample_documents import DOCS, document_docx, document_pdf, scanned_pdf
from vanphong.files.models import StoredFile
from vanphong.incoming.models import IncomingDocument
from vanphong.intake.models import IntakeItem, ItemState

KEYS = {"OrganName", "CodeNumber", "CodeNotation", "IssuedDate", "TypeName", "Subject",
        "SignerInfo", "Priority", "Place", "Competence", "Secrecy"}


def post_file(client: ApiClient, path: str, name: str, data: bytes, **extra: Any):
    upload = SimpleUploadedFile(name, data, "application/octet-stream")
    return client.client.post(API + path, {"file": upload, **extra})


def value(body: dict[str, Any], key: str) -> Any:
    return body[key]["value"]


def test_extract_from_plain_text_returns_the_edxml_fields(cast, api_as):  # noqa: F811
    text = (
        "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH LÂM ĐỒNG\tĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 853/QĐ-UBND\tLâm Đồng, ngày 05 tháng 01 năm 2026\n\n"
        "QUYẾT ĐỊNH\nVề việc phê duyệt kế hoạch chuyển đổi số năm 2026\n"
    )
    response = api_as(cast.vanthu).client.post(API + "/intake/extract", {"text": text})
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) >= KEYS
    assert value(body, "CodeNumber") == "853"
    assert value(body, "CodeNotation") == "QĐ-UBND"
    assert value(body, "IssuedDate") == "2026-01-05"
    assert value(body, "TypeName") == "Quyết định"
    assert 0 < body["CodeNumber"]["confidence"] <= 1
    assert set(body["SignerInfo"]) == {"Position", "FullName"}
    assert body["source"] == "text"


@pytest.mark.parametrize(
    ("name", "maker", "source"),
    [("qd.pdf", document_pdf, "pdf"), ("cv.docx", document_docx, "docx")],
)
def test_extract_from_a_file_registers_and_keeps_nothing(cast, api_as, name, maker, source):  # noqa: F811
    doc = DOCS[1]
    response = post_file(api_as(cast.chanhvanphong), "/intake/extract", name, maker(doc))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["source"] == source
    assert value(body, "OrganName") == doc.issuer_name
    assert value(body, "CodeNumber") == doc.number
    assert value(body, "Subject") == doc.subject
    assert value(body, "Priority") == "Khẩn"
    assert value(body["SignerInfo"], "FullName") == doc.signer
    assert StoredFile.objects.count() == 0
    assert IntakeItem.objects.count() == 0
    assert IncomingDocument.objects.count() == 0


@needs_tesseract
def test_extract_reads_a_scan_with_ocr(cast, api_as):  # noqa: F811
    doc = DOCS[2]
    response = post_file(api_as(cast.vanthu), "/intake/extract", "quet.pdf", scanned_pdf(doc))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["source"] == "ocr"
    assert value(body, "CodeNumber") == "15" and value(body, "CodeNotation") == "NQ/TU"
    assert value(body, "IssuedDate") == doc.iso_date


def test_extract_refusals(cast, api_as):  # noqa: F811
    clerk = api_as(cast.vanthu)
    assert_error(clerk.client.post(API + "/intake/extract", {}), 422, "invalid", "file", "text")
    both = clerk.client.post(
        API + "/intake/extract",
        {"text": "x", "file": SimpleUploadedFile("a.pdf", document_pdf(DOCS[0]))},
    )
    assert_error(both, 422, "invalid", "file", "text")
    assert_error(post_file(clerk, "/intake/extract", "a.pdf", b"not a pdf"), 422, "invalid")
    anonymous = ApiClient(None).client.post(API + "/intake/extract", {"text": "Số: 1/QĐ"})
    assert anonymous.status_code == 401


def test_queue_through_the_api(cast, api_as, django_capture_on_commit_callbacks):  # noqa: F811
    clerk = api_as(cast.vanthu)
    with django_capture_on_commit_callbacks(execute=True):
        created = post_file(clerk, "/intake/items", "qd.pdf", document_pdf(DOCS[0]),
                            sender="Văn phòng UBND tỉnh")
    assert created.status_code == 201, created.content
    item_id = created.json()["id"]
    item = clerk.get(f"/intake/items/{item_id}").json()
    assert item["state"] == ItemState.READY
    assert item["sender"] == "Văn phòng UBND tỉnh"
    assert value(item["fields"], "CodeNumber") == "853"
    assert clerk.get("/intake/items", state="ready").json()["count"] == 1

    payload = {
        "organization_ids": [cast.orgs["UBND"].pk],
        "issuer": value(item["fields"], "OrganName"),
        "code": "853/QĐ-UBND",
        "issued_date": value(item["fields"], "IssuedDate"),
        "subject": value(item["fields"], "Subject"),
    }
    refused = clerk.post(f"/intake/items/{item_id}/register",
                         {**payload, "file_ids": [item["file_id"]]})
    assert_error(refused, 422, "invalid", "file_ids")
    registered = clerk.post(f"/intake/items/{item_id}/register", payload)
    assert registered.status_code == 201, registered.content
    assert clerk.get(f"/intake/items/{item_id}").json()["document_ids"] == [
        registered.json()["documents"][0]["id"]
    ]
    # Done: no second registration, no discard.
    assert_error(clerk.post(f"/intake/items/{item_id}/register", payload), 403, "not_allowed")
    assert_error(clerk.post(f"/intake/items/{item_id}/discard", {"reason": "x"}), 403,
                 "not_allowed")


def test_queue_permissions(cast, api_as, django_capture_on_commit_callbacks):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):
        created = post_file(api_as(cast.vanthu), "/intake/items", "a.pdf",
                            document_pdf(DOCS[3]))
    item_id = created.json()["id"]
    lead = api_as(cast.chanhvanphong)
    assert lead.get(f"/intake/items/{item_id}").status_code == 200
    assert_error(lead.post(f"/intake/items/{item_id}/discard", {"reason": "x"}), 403,
                 "not_allowed")
    assert_error(post_file(lead, "/intake/items", "b.pdf", document_pdf(DOCS[2])), 403,
                 "not_allowed")
    head = api_as(cast.chutich)
    assert_error(head.get(f"/intake/items/{item_id}"), 404, "not_found")
    assert head.get("/intake/items").json()["count"] == 0
    # Reading a file's fields is open to the staff of the office, and to members.
    assert head.client.post(API + "/intake/extract", {"text": "Số: 1/QĐ-UBND"}).status_code == 200


def test_extract_learns_the_offices_vocabulary_from_its_registered_subjects(cast, api_as):  # noqa: F811
    from tests.test_api import register
    from vanphong.intake import vocabulary

    clerk = api_as(cast.vanthu)
    read = "UBND XÃ\nSố: 5/UBND-VP\nV/v chi trả lương hửu cho cán bộ nghỉ hưu\n"

    def subject() -> str:
        vocabulary.forget()
        response = clerk.client.post(API + "/intake/extract", {"text": read})
        assert response.status_code == 200, response.content
        return value(response.json(), "Subject")

    assert subject() == "V/v chi trả lương hửu cho cán bộ nghỉ hưu"
    # Secret documents teach nothing.
    for code in ("11/QĐ-UBND", "12/QĐ-UBND"):
        register(clerk, cast, code=code, subject="Về việc chi trả lương hưu năm 2026", secrecy=1)
    assert subject() == "V/v chi trả lương hửu cho cán bộ nghỉ hưu"
    register(clerk, cast, code="13/QĐ-UBND", subject="Về việc chi trả lương hưu năm 2026")
    assert subject() == "V/v chi trả lương hửu cho cán bộ nghỉ hưu"  # once is not enough
    register(clerk, cast, code="14/QĐ-UBND", subject="V/v điều chỉnh lương hưu")
    assert subject() == "V/v chi trả lương hưu cho cán bộ nghỉ hưu"


# --- Bad input is a 4xx, never a 500 ----------------------------------------------------

PART = (b'--abc\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n'
        b"Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\n")


@pytest.mark.parametrize("path", ["/files", "/intake/items", "/intake/extract", "/packages"])
@pytest.mark.parametrize(("content_type", "body"), [
    ("multipart/form-data", PART + b"--abc--\r\n"),
    ("multipart/form-data; boundary=", PART + b"--abc--\r\n"),
    ("multipart/form-data; boundary=\"\"", PART + b"--abc--\r\n"),
    ("multipart/form-data; boundary=" + "x" * 300, PART),
])
def test_multipart_without_a_usable_boundary_is_a_400_on_every_upload_endpoint(
    cast, api_as, path, content_type, body  # noqa: F811
):
    response = api_as(cast.vanthu).client.generic(
        "POST", API + path, body, content_type=content_type)
    error = assert_error(response, 400, "bad_request")
    assert "multipart/form-data" in error["message"] and "boundary" in error["message"]
    assert not StoredFile.objects.exists() and not IntakeItem.objects.exists()


def test_a_docx_zip_bomb_is_a_422_with_its_reason(cast, api_as):  # noqa: F811
    from tests.test_intake_pipeline import WORD_BOMB, docx_bomb

    clerk = api_as(cast.vanthu)
    response = post_file(clerk, "/intake/extract", "bom.docx", docx_bomb())
    error = assert_error(response, 422, "invalid", "file")
    assert error["message"].startswith(WORD_BOMB)
    assert not StoredFile.objects.exists()


def test_a_docx_zip_bomb_put_in_the_queue_fails_with_its_reason(
    cast, api_as, django_capture_on_commit_callbacks  # noqa: F811
):
    from tests.test_intake_pipeline import WORD_BOMB, docx_bomb

    clerk = api_as(cast.vanthu)
    with django_capture_on_commit_callbacks(execute=True):
        created = post_file(clerk, "/intake/items", "bom.docx", docx_bomb())
    assert created.status_code == 201, created.content
    item = clerk.get(f"/intake/items/{created.json()['id']}").json()
    assert item["state"] == ItemState.FAILED and item["error"].startswith(WORD_BOMB)


@needs_tesseract
def test_extract_renders_a_huge_page_within_the_pixel_cap(cast, api_as, settings, monkeypatch):  # noqa: F811
    """The extraction endpoint runs in a web worker: a 5000×5000 pt page is rendered
    within the page cap there too. Measured on the images handed to Tesseract."""
    from PIL import Image

    from tests.test_intake_pipeline import huge_page_pdf
    from vanphong.intake import ocr

    settings.VANPHONG_OCR_MAX_PAGE_MPX = 4
    seen: list[tuple[int, int]] = []
    real = ocr.ocr_images

    def measured(images, workdir, **options):
        seen.extend(Image.open(path).size for path in images)
        return real(images, workdir, **options)

    monkeypatch.setattr(ocr, "ocr_images", measured)
    response = post_file(api_as(cast.vanthu), "/intake/extract", "to-lon.pdf", huge_page_pdf())
    assert response.status_code == 200, response.content
    assert response.json()["source"] == "ocr"
    [(width, height)] = seen
    assert 0.97 * 4_000_000 <= width * height <= 4_000_000
