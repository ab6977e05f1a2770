"""End-to-end in Chromium, the issue's "done when": a clerk drops ten scanned documents and
one e-mail arrives in a real IMAP mailbox; in the browser each is proposed with its header
fields filled and highlighted, with a routing suggestion; the clerk corrects one field and
registers them all. Real Tesseract, real Dovecot. And "Trình ngay" presents the document
to the leader the suggestion names."""

from __future__ import annotations

import dataclasses
import datetime as dt
import email.message
import re

import pytest
from playwright.sync_api import expect

from tests.test_intake_pipeline import needs_tesseract, receive_and_run
from vanphong.demo.sample_documents import (
    DOCS,
    Doc,
    document_pdf,
    scan_jpeg,
    scan_png,
    scanned_pdf,
)
from vanphong.incoming.models import Channel, IncomingDocument
from vanphong.intake import routing
from vanphong.intake.mail import fetch_all_mailboxes
from vanphong.intake.models import Correction, IntakeItem, ItemState, Mailbox, Security

pytestmark = [pytest.mark.browser]

MAKERS = [(scan_png, "png", "image/png"), (scan_jpeg, "jpg", "image/jpeg"),
          (scanned_pdf, "pdf", "application/pdf")]


def ten_documents() -> list[Doc]:
    """Ten distinct documents (State, Party, mass organization) from the four models."""
    return [
        dataclasses.replace(
            DOCS[i % len(DOCS)],
            number=str(int(DOCS[i % len(DOCS)].number) + i),
            day=1 + i,
        )
        for i in range(10)
    ]


def mail_with(doc: Doc) -> bytes:
    message = email.message.EmailMessage()
    message["From"] = "Văn phòng Tỉnh ủy <vptu@lamdong.org.vn>"
    message["To"] = "vanthu@tanhoa.gov.vn"
    message["Subject"] = f"Gửi Nghị quyết số {doc.code}"
    message.set_content("Văn phòng Tỉnh ủy gửi văn bản đính kèm.")
    message.add_attachment(scanned_pdf(doc), maintype="application", subtype="pdf",
                           filename="nghi-quyet.pdf")
    return message.as_bytes()


@needs_tesseract
def test_ten_scans_and_one_email_proposed_corrected_and_registered(
    transactional_db, cast, page_for, imap_server
):
    docs = ten_documents()
    mailed = dataclasses.replace(DOCS[2], number="77", day=9)
    imap_server.append(mail_with(mailed))
    Mailbox.objects.create(
        office=cast.office, name="Hộp thư văn thư", host=imap_server.host,
        port=imap_server.port, security=Security.NONE, username=imap_server.user,
        password=imap_server.password,
    )

    page = page_for(cast.vanthu)
    page.goto(f"{page.base_url}/tiep-nhan/")
    files = []
    for i, doc in enumerate(docs):
        maker, extension, mime = MAKERS[i % len(MAKERS)]
        files.append({"name": f"van-ban-{i + 1}.{extension}", "mimeType": mime,
                      "buffer": maker(doc)})
    page.get_by_label("Tệp văn bản").set_input_files(files)
    # The test's task queue runs the pipeline inside the upload request: ten OCRs, which on
    # a busy 2-CPU machine take minutes.
    page.get_by_role("button", name="Tải lên và đọc").click(timeout=300_000)
    expect(page.get_by_role("alert").filter(has_text="Đã nhận 10 tệp")).to_be_visible()
    progress = page.get_by_test_id("intake-progress")
    expect(progress).to_contain_text("Đã đọc xong 10/10 tệp", timeout=120_000)
    expect(page.get_by_test_id("intake-row")).to_have_count(10)

    # The background worker reads the mailbox.
    assert fetch_all_mailboxes() == 1
    page.goto(f"{page.base_url}/tiep-nhan/")
    rows = page.get_by_test_id("intake-row")
    expect(rows).to_have_count(11, timeout=60_000)
    expect(page.locator("[data-state=ready]")).to_have_count(11, timeout=60_000)
    expect(rows.filter(has_text="vptu@lamdong.org.vn")).to_have_count(1)

    expected = {f"{d.number}": d for d in [*docs, mailed]}
    rows.first.get_by_role("link", name="Xác nhận").click()
    corrected = False
    for _ in range(11):
        form = page.get_by_test_id("confirm-form")
        code = form.get_by_label("Số, ký hiệu").input_value()
        doc = expected.pop(re.split(r"[/-]", code)[0])
        # Filled from the page, highlighted on it, each with its confidence.
        expect(form.get_by_label("Cơ quan ban hành")).to_have_value(doc.issuer_name)
        assert code == doc.code
        expect(form.get_by_label("Ngày văn bản")).to_have_value(
            dt.date.fromisoformat(doc.iso_date).strftime("%d/%m/%Y"))
        expect(form.get_by_label("Trích yếu nội dung")).to_have_value(doc.subject)
        expect(page.get_by_test_id("page-preview").locator(".hl-box").first).to_be_visible()
        assert page.locator(".hl-box[data-field=code]").count() >= 1
        # Placed over the page image where the number was read (CSP-safe, by script, once
        # the image has loaded: wait for that, a busy machine may take a while).
        page.wait_for_function(
            "() => { const i = document.querySelector('[data-testid=page-preview] img');"
            " return i && i.complete && i.naturalWidth > 0"
            " && i.getBoundingClientRect().width > 50; }"
        )
        image = page.get_by_test_id("page-preview").locator("img").bounding_box()
        boxes = page.locator(".hl-box[data-field=code]")
        mark = max((boxes.nth(i).bounding_box() for i in range(boxes.count())),
                   key=lambda b: b["width"])  # the code may be read as several words
        assert mark["width"] > 5 and mark["height"] > 3
        assert image["x"] <= mark["x"] <= image["x"] + image["width"] / 2  # left column
        assert image["y"] <= mark["y"] <= image["y"] + image["height"] / 3  # the header
        expect(page.get_by_test_id("confidence-issuer")).to_contain_text("%")
        # The routing suggestion, with its reason, and the organization it ticks.
        suggestion = page.get_by_test_id("routing-suggestion")
        expect(suggestion).to_be_visible()
        expect(page.get_by_test_id("routing-reason")).not_to_be_empty()
        if doc.number == "77":
            expect(page.get_by_test_id("sender")).to_contain_text("vptu@lamdong.org.vn")
        if not form.locator("input[name=organizations]:checked").count():
            form.get_by_label("Ủy ban nhân dân xã Tân Hòa", exact=True).check()
        if not corrected:
            form.locator("input[name=signer_name]").fill(doc.signer + " (đã sửa)")
            corrected = True
        form.get_by_role("button", name="Vào sổ và mở văn bản tiếp theo").click()
        expect(page.get_by_role("alert").filter(has_text="Đã vào sổ")).to_be_visible()
    assert not expected
    expect(page).to_have_url(re.compile(r"/tiep-nhan/$"))

    assert IntakeItem.objects.filter(state=ItemState.REGISTERED).count() == 11
    documents = IncomingDocument.objects.all()
    assert len({d.receipt_id for d in documents}) == 11
    assert documents.filter(receipt__channel=Channel.EMAIL).count() >= 1
    changed = Correction.objects.filter(changed=True)
    assert [c.field for c in changed] == ["signer_name"]
    assert documents.filter(signer_name__endswith="(đã sửa)").count() >= 1


def test_present_now_goes_to_the_leader_the_suggestion_names(transactional_db, cast, page_for):
    """The office's history: the Sở Tài chính's documents are presented to the
    vice-chairwoman, not the chairman. The suggestion says "Trình: Đỗ Thị Lan"; the box
    the clerk ticks names her, and registering presents the document to her."""
    from django.db import transaction

    from tests.test_intake_routing import _history

    with transaction.atomic():  # one commit, not hundreds
        _history(cast, count=routing.MIN_DECISIONS + 5)
    assert routing.retrain_if_due(cast.office)
    doc = dataclasses.replace(DOCS[1], number="310", subject="V/v quyết toán ngân sách xã")
    item = receive_and_run(cast, document_pdf(doc), "cv-310.pdf")
    assert item.suggestion["leader"]["id"] == cast.phochutich.pk  # what history says
    lan, nam = cast.phochutich.full_name, cast.chutich.full_name

    page = page_for(cast.vanthu)
    page.goto(f"{page.base_url}/tiep-nhan/{item.pk}/")
    expect(page.get_by_test_id("routing-suggestion")).to_contain_text(f"Trình: {lan}")
    form = page.get_by_test_id("confirm-form")
    present = form.get_by_label(f"Trình {lan} (UBND) ngay sau khi vào sổ", exact=False)
    expect(present).to_be_checked()
    expect(form).not_to_contain_text(nam)
    expect(form.get_by_label("Ủy ban nhân dân xã Tân Hòa", exact=True)).to_be_checked()
    form.get_by_role("button", name="Vào sổ", exact=True).click()
    expect(page.get_by_role("alert").filter(has_text="Đã vào sổ")).to_be_visible()

    document = IncomingDocument.objects.get(receipt__intake_items=item)
    assert [r.leader for r in document.routings.filter(is_active=True)] == [cast.phochutich]
