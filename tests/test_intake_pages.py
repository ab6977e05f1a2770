"""Intake pages through the test client: bulk upload with refusals named, the progress of
a batch, the confirmation page (highlights, confidences), registering with a correction
kept, discarding, retrying; and who may see or do what, refusals included."""

from __future__ import annotations

import re

import pytest

from tests.conftest import upload
from tests.test_intake_pipeline import needs_tesseract, receive_and_run
from vanphong.audit.models import AuditEvent
from vanphong.demo.sample_documents import DOCS, document_docx, document_pdf, scan_png
from vanphong.incoming.models import IncomingDocument
from vanphong.intake.models import Correction, IntakeItem, ItemState


@pytest.fixture
def run_commits(django_capture_on_commit_callbacks):
    """Run on-commit work (the pipeline) inside the request, as the worker would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_bulk_upload_queues_every_accepted_file_and_names_refused_ones(
    cast, client_for, run_commits
):
    client = client_for(cast.vanthu)
    files = [
        upload("qd-853.pdf", document_pdf(DOCS[0])),
        upload("cv-1245.docx", document_docx(DOCS[1]), "application/octet-stream"),
        upload("khong-phai-van-ban.pdf", b"MZ\x90 not a pdf at all"),
    ]
    with run_commits():
        response = client.post("/tiep-nhan/tai-len/", {"files": files}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Đã nhận 2 tệp" in page
    assert "khong-phai-van-ban.pdf" in page and "không phải" in page
    # While the worker reads, the batch page polls and shows the progress.
    assert 'aria-valuenow="0"' in page and 'hx-trigger="every 2s"' in page
    assert IntakeItem.objects.filter(state=ItemState.READY).count() == 2
    # Once read, the bar is full and the page stops polling.
    page = client.get(response.redirect_chain[-1][0]).content.decode()
    assert 'aria-valuenow="100"' in page and "every 2s" not in page
    assert page.count('data-testid="intake-row"') == 2


def test_an_uploaded_docx_zip_bomb_shows_its_reason(cast, client_for, run_commits):
    from tests.test_intake_pipeline import WORD_BOMB, docx_bomb

    client = client_for(cast.vanthu)
    with run_commits():
        response = client.post("/tiep-nhan/tai-len/", {"files": [upload("bom.docx", docx_bomb())]},
                               follow=True)
    assert "Đã nhận 1 tệp" in response.content.decode()
    item = IntakeItem.objects.get()
    assert item.state == ItemState.FAILED
    page = client.get(f"/tiep-nhan/{item.pk}/").content.decode()
    assert WORD_BOMB in page


def test_an_empty_upload_is_refused_in_vietnamese(cast, client_for):
    response = client_for(cast.vanthu).post("/tiep-nhan/tai-len/", {})
    assert response.status_code == 200
    assert "Chọn ít nhất một tệp." in response.content.decode()


def test_the_confirmation_page_highlights_the_proposal(cast, client_for):
    item = receive_and_run(cast, document_pdf(DOCS[1]), "cv-1245.pdf")
    client = client_for(cast.vanthu)
    page = client.get(f"/tiep-nhan/{item.pk}/").content.decode()
    # The form is filled from the proposal...
    assert 'value="SỞ TÀI CHÍNH"' in page
    assert 'value="1245/STC-NS"' in page
    assert 'value="12/03/2026"' in page
    assert "V/v hướng dẫn lập dự toán ngân sách năm 2027" in page
    # ...each proposed field shows its confidence, and boxes mark it on the page image.
    assert re.search(r'data-testid="confidence-code"[^>]*>Đọc được \d+%', page)
    assert page.count('class="hl-box') >= 6
    assert re.search(r'class="hl-box hl-\d" data-field="code" data-box="[\d.]+,[\d.]+,', page)
    assert 'style="' not in page.split('data-testid="page-preview"')[1].split("</div>")[0]
    assert 'data-field="code"' in page
    preview = client.get(f"/tiep-nhan/{item.pk}/anh-trang-dau.jpg")
    assert preview.status_code == 200 and preview["Content-Type"] == "image/jpeg"


def test_registering_keeps_what_the_clerk_corrected(cast, client_for, run_commits):
    item = receive_and_run(cast, document_pdf(DOCS[0]), "qd-853.pdf")
    client = client_for(cast.vanthu)
    form = client.get(f"/tiep-nhan/{item.pk}/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        organizations=[cast.orgs["UBND"].pk],
        arrival_at=item.received_at.astimezone().strftime("%Y-%m-%dT%H:%M"),
        issued_date=data["issued_date"].isoformat(),
        signer_name="Trần Văn Hiệp (sửa)",
        register="1",
    )
    data["document_type"] = data.get("document_type") or ""
    with run_commits():
        response = client.post(f"/tiep-nhan/{item.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    document = IncomingDocument.objects.get()
    assert document.code == "853/QĐ-UBND"
    assert document.signer_name == "Trần Văn Hiệp (sửa)"
    assert document.document_type.name == "Quyết định"
    names = list(document.receipt.attachments.values_list("filename", flat=True))
    assert names == ["qd-853.pdf"]
    item.refresh_from_db()
    assert item.state == ItemState.REGISTERED and item.receipt_id == document.receipt_id
    changed = Correction.objects.filter(item=item, changed=True)
    assert [c.field for c in changed] == ["signer_name"]
    assert Correction.objects.filter(item=item).count() == 10
    assert AuditEvent.objects.filter(action="intake.register").exists()
    # A second clerk cannot register it again.
    again = client_for(cast.vanthu2).post(f"/tiep-nhan/{item.pk}/", data, follow=True)
    assert "đã được xử lý" in again.content.decode()
    assert IncomingDocument.objects.count() == 1


@needs_tesseract
def test_a_registered_scan_carries_its_searchable_copy(cast, client_for, run_commits):
    item = receive_and_run(cast, scan_png(DOCS[1]), "cv-quet.png")
    assert item.state == ItemState.READY, item.error
    client = client_for(cast.vanthu)
    form = client.get(f"/tiep-nhan/{item.pk}/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        organizations=[cast.orgs["UBND"].pk, cast.orgs["HĐND"].pk],
        arrival_at=item.received_at.astimezone().strftime("%Y-%m-%dT%H:%M"),
        issued_date=data["issued_date"].isoformat(),
        document_type=data.get("document_type") or "",
    )
    with run_commits():
        response = client.post(f"/tiep-nhan/{item.pk}/", data)
    assert response.status_code == 302
    assert IncomingDocument.objects.count() == 2
    attachments = IncomingDocument.objects.first().receipt.attachments.all()
    assert [a.stored_file.kind for a in attachments] == ["png", "pdf"]
    assert not Correction.objects.filter(item=item, changed=True).exists()


def test_discard_needs_a_reason_and_is_audited(cast, client_for):
    item = receive_and_run(cast, document_pdf(DOCS[3]), "kh.pdf")
    client = client_for(cast.vanthu)
    refused = client.post(f"/tiep-nhan/{item.pk}/bo/", {"reason": "  "}, follow=True)
    assert "Cần ghi lý do bỏ." in refused.content.decode()
    client.post(f"/tiep-nhan/{item.pk}/bo/", {"reason": "Gửi nhầm"})
    item.refresh_from_db()
    assert item.state == ItemState.DISCARDED and item.discard_reason == "Gửi nhầm"
    assert AuditEvent.objects.filter(action="intake.discard").exists()


def test_a_failed_item_shows_its_reason_and_a_retry_button(cast, client_for, run_commits):
    item = receive_and_run(cast, b"%PDF-1.4\n%%EOF\n", "hong.pdf")
    assert item.state == ItemState.FAILED
    client = client_for(cast.vanthu)
    page = client.get(f"/tiep-nhan/{item.pk}/").content.decode()
    assert "Không đọc được tự động" in page and "Thử lại" in page
    with run_commits():
        client.post(f"/tiep-nhan/{item.pk}/thu-lai/")
    item.refresh_from_db()
    assert item.state == ItemState.FAILED and item.attempts == 1


# --- Who may see or do what -------------------------------------------------------------

PEOPLE = ["vanthu", "chanhvanphong", "chutich", "chuyenvien2", "admin", "luutru"]
#: person → (sees the queue, may upload, sees an item, may register)
EXPECTED = {
    "vanthu": (True, True, True, True),
    "chanhvanphong": (True, False, True, False),
    "chutich": (False, False, False, False),
    "chuyenvien2": (False, False, False, False),
    "admin": (False, False, False, False),
    "luutru": (False, False, False, False),
}


@pytest.mark.parametrize("person", PEOPLE)
def test_permission_matrix(cast, client_for, person, run_commits):
    item = receive_and_run(cast, document_pdf(DOCS[1]), "cv.pdf")
    client = client_for(getattr(cast, person))
    sees_queue, may_upload, sees_item, may_register = EXPECTED[person]

    queue = client.get("/tiep-nhan/")
    assert queue.status_code == (200 if sees_queue else 403)
    if sees_queue:
        assert ('data-testid="intake-upload"' in queue.content.decode()) == may_upload

    with run_commits():
        posted = client.post(
            "/tiep-nhan/tai-len/", {"files": [upload("x.pdf", document_pdf(DOCS[2]))]}
        )
    assert (posted.status_code == 302) == may_upload
    if not may_upload:
        assert posted.status_code == 403

    for url in (f"/tiep-nhan/{item.pk}/", f"/tiep-nhan/{item.pk}/anh-trang-dau.jpg",
                f"/tiep-nhan/{item.pk}/tep-goc/"):
        assert client.get(url).status_code == (200 if sees_item else 404)

    page = client.get(f"/tiep-nhan/{item.pk}/")
    if sees_item:
        assert ('data-testid="confirm-form"' in page.content.decode()) == may_register
    discard = client.post(f"/tiep-nhan/{item.pk}/bo/", {"reason": "thử"})
    item.refresh_from_db()
    if may_register:
        assert item.state == ItemState.DISCARDED
    else:
        assert item.state == ItemState.READY
        assert discard.status_code in (302, 404)


def test_nav_link_only_for_office_staff(cast, client_for):
    assert "/tiep-nhan/" in client_for(cast.vanthu).get("/").content.decode()
    assert "/tiep-nhan/" not in client_for(cast.chuyenvien2).get("/").content.decode()


def test_upload_reads_word_text_even_without_a_page_image(cast, client_for):
    item = receive_and_run(cast, document_docx(DOCS[2]), "nq.docx")
    page = client_for(cast.vanthu).get(f"/tiep-nhan/{item.pk}/").content.decode()
    assert 'data-testid="marked-text"' in page
    assert '<mark class="hl' in page
    assert 'value="15-NQ/TU"' in page


def test_accuracy_in_real_use_from_the_corrections(cast, client_for, run_commits):
    item = receive_and_run(cast, document_pdf(DOCS[1]), "cv.pdf")
    client = client_for(cast.vanthu)
    form = client.get(f"/tiep-nhan/{item.pk}/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        organizations=[cast.orgs["UBND"].pk],
        arrival_at=item.received_at.astimezone().strftime("%Y-%m-%dT%H:%M"),
        issued_date=data["issued_date"].isoformat(),
        document_type=data.get("document_type") or "",
        subject="V/v hướng dẫn lập dự toán năm 2027",
    )
    with run_commits():
        assert client.post(f"/tiep-nhan/{item.pk}/", data).status_code == 302
    page = client.get("/tiep-nhan/do-chinh-xac/").content.decode()
    rows = dict(re.findall(r'<tr data-field="(\w+)">(.*?)</tr>', page, re.S))
    assert re.search(r"0(,0)?% <span[^>]*>\(0/1\)", rows["subject"]), rows["subject"]
    assert re.search(r"100(,0)?% <span[^>]*>\(1/1\)", rows["code"]), rows["code"]
    assert client_for(cast.chutich).get("/tiep-nhan/do-chinh-xac/").status_code == 403
