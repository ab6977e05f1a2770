"""When the file store cannot be written (issue 18 §4.5), people are told so — a clear
Vietnamese message on the page, a structured 503 in the API — and nothing is half
written: no file record, no document without its file.

The tests run as root, who ignores permissions; so the store is pointed at a folder
under a regular file, where the operating system itself refuses every write."""

from __future__ import annotations

import hashlib
import io
import os

import pytest
from django.urls import reverse

from tests.conftest import make_pdf, upload
from tests.test_api import ApiClient, api_as, assert_error  # noqa: F401  (fixture)
from tests.test_api_outgoing import draft_body
from tests.test_incoming_pages import form_data
from vanphong.files.actions import open_stored, store_file
from vanphong.files.models import StoredFile
from vanphong.incoming.models import IncomingDocument, Receipt
from vanphong.intake.models import IntakeItem
from vanphong.outgoing.models import OutgoingDocument

pytestmark = pytest.mark.django_db
MESSAGE = "Không ghi được tệp vào kho lưu trữ"


@pytest.fixture
def unwritable(settings, tmp_path):
    blocker = tmp_path / "khong-phai-thu-muc"
    blocker.write_text("a regular file where the store's folder should be")
    location = blocker / "files"
    with pytest.raises(NotADirectoryError):  # the OS really refuses, even to root
        os.makedirs(location / "originals")
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(location)}}}
    return location


def test_an_api_upload_is_a_structured_503_and_keeps_nothing(cast, api_as, unwritable):  # noqa: F811
    response = api_as(cast.vanthu).upload("cong-van.pdf", make_pdf("Cong van"))
    error = assert_error(response, 503, "storage_unavailable")
    assert MESSAGE in error["message"] and "quản trị viên" in error["message"]
    assert not StoredFile.objects.exists()


def test_an_intake_upload_through_the_api_is_a_503_and_queues_nothing(
        cast, api_as, unwritable):  # noqa: F811
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = api_as(cast.vanthu).client
    response = client.post("/api/v1/intake/items", {"file": SimpleUploadedFile(
        "cv.pdf", make_pdf("Tiep nhan"), "application/pdf")})
    assert_error(response, 503, "storage_unavailable")
    assert not IntakeItem.objects.exists() and not StoredFile.objects.exists()


def test_a_draft_whose_file_cannot_be_written_is_not_created(cast, api_as, unwritable):  # noqa: F811
    response = api_as(cast.chuyenvien).post("/outgoing", draft_body(cast))
    assert_error(response, 503, "storage_unavailable")
    assert not OutgoingDocument.objects.exists() and not StoredFile.objects.exists()


def test_the_registration_page_says_the_store_cannot_be_written(cast, client_for, unwritable):
    data = form_data(cast)
    data["files"] = [upload("cv.pdf", make_pdf("cong van 99"))]
    response = client_for(cast.vanthu).post(reverse("incoming:register"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert MESSAGE in page and "Sở Nội vụ tỉnh Lâm Đồng" in page  # what was typed stays
    assert not IncomingDocument.objects.exists() and not Receipt.objects.exists()
    assert not StoredFile.objects.exists()


def test_a_blob_cut_short_is_not_taken_for_the_file(cast, settings, tmp_path):
    """A write that stopped half-way (a full disk) must not pass for the whole file later."""
    data = make_pdf("Bao cao day du")
    sha = hashlib.sha256(data).hexdigest()
    cut = tmp_path / "files" / "originals" / sha[:2] / sha[2:4] / f"{sha}.pdf"
    cut.parent.mkdir(parents=True)
    cut.write_bytes(data[:100])
    stored = store_file(actor=cast.vanthu, stream=io.BytesIO(data), name="bc.pdf",
                        size=len(data))
    with open_stored(stored) as blob:
        assert blob.read() == data


@pytest.mark.browser
def test_a_clerk_sees_in_the_browser_that_the_store_cannot_be_written(
        transactional_db, cast, page_for, unwritable):
    from playwright.sync_api import expect

    from tests.test_browser_incoming import _fill_registration

    page = page_for(cast.vanthu)
    _fill_registration(page, subject="V/v kiểm tra kho lưu trữ", code="88/SNV-VP",
                       orgs=["Ủy ban nhân dân xã Tân Hòa"])
    page.get_by_role("button", name="Vào sổ", exact=True).click()
    expect(page.locator(".invalid-feedback", has_text=MESSAGE)).to_be_visible()
    expect(page.get_by_label("Trích yếu nội dung")).to_have_value("V/v kiểm tra kho lưu trữ")
    assert not IncomingDocument.objects.exists() and not StoredFile.objects.exists()
