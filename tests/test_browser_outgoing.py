"""End-to-end in Chromium: the issue's "done when" for outgoing documents.

A specialist drafts from a template, the chain reviews, the head signs, the clerk issues
with the right number in each organization's style; the Đảng ủy's resolution reaches the
Ủy ban MTTQ as an incoming document; an external copy goes out by e-mail to a real SMTP
server; an issue with a signer who lacks authority is refused with the reason.
"""

from __future__ import annotations

import datetime as dt
import email
import io
import socket
import threading
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.conftest import make_pdf
from vanphong import clock
from vanphong.incoming.models import Channel, IncomingDocument
from vanphong.outgoing.models import DeliveryState, OutgoingDocument, Status

pytestmark = [pytest.mark.browser]


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.arrived = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content))
        self.arrived.set()
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def mail_server(settings):
    inbox = _Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    # The test runner swaps in an in-memory backend; use the real SMTP one.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    yield inbox
    controller.stop()


def _open_draft_form(page: Page, organization: str) -> None:
    page.goto(f"{page.base_url}/")
    page.get_by_role("link", name="Soạn thảo", exact=True).click()
    organizations = page.get_by_label("Soạn cho cơ quan")
    if organizations.count():
        organizations.select_option(label=organization)
        page.get_by_role("button", name="Đổi cơ quan").click()


def _draft_from_template(page: Page, *, template: str, subject: str, signer: str) -> None:
    page.get_by_label("Mẫu văn bản").select_option(label=template)
    page.get_by_role("button", name="Lấy nội dung mẫu").click()
    expect(page.get_by_text("Đã lấy nội dung mẫu")).to_be_visible()
    body = page.get_by_label("Nội dung", exact=True)
    body.fill(body.input_value().replace("…", "nội dung cụ thể"))
    page.get_by_label("Trích yếu nội dung").fill(subject)
    page.get_by_label("Người ký và thẩm quyền ký").select_option(label=signer)


def _act(page: Page, document: OutgoingDocument, button: str) -> None:
    page.goto(f"{page.base_url}/van-ban-di/{document.pk}/")
    page.get_by_role("button", name=button).click()
    expect(page.get_by_role("alert").first).to_be_visible()


def test_ubnd_decision_from_template_to_issue_and_email(
    transactional_db, cast, page_for, mail_server
):
    page = page_for(cast.chuyenvien)
    _open_draft_form(page, "Ủy ban nhân dân xã Tân Hòa")
    page.get_by_label("Loại văn bản").select_option(label="Quyết định (QĐ)")
    _draft_from_template(page, template="Quyết định cá biệt (mẫu 1.2)",
                         subject="Về việc thành lập Tổ công tác chuyển đổi số",
                         signer="Lê Văn Nam — TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH")
    page.get_by_label("Đơn vị soạn thảo").select_option(label="Phòng Văn hóa – Xã hội (UBND)")
    page.get_by_label("Nơi nhận khác").fill("Sở Nội vụ tỉnh Lâm Đồng <snv@lamdong.example>")
    page.get_by_role("button", name="Lưu dự thảo").click()
    expect(page.get_by_test_id("status")).to_have_text("Dự thảo")
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("status")).to_have_text("Đang trình duyệt")
    document = OutgoingDocument.objects.get()

    _act(page_for(cast.truongphong), document, "Đồng ý, chuyển tiếp")
    _act(page_for(cast.vanthu), document, "Đồng ý, chuyển tiếp")
    _act(page_for(cast.chutich), document, "Ký ban hành")

    clerk = page_for(cast.vanthu)
    clerk.goto(f"{clerk.base_url}/van-ban-di/{document.pk}/")
    checks = clerk.get_by_test_id("checks")
    expect(checks).to_contain_text("Số: 01/QĐ-UBND")
    expect(checks).to_contain_text("TM. ỦY BAN NHÂN DÂN")
    expect(checks.locator("[data-level=block]")).to_have_count(0)
    clerk.get_by_role("button", name="Cấp số và phát hành").click()
    expect(clerk.get_by_test_id("code")).to_have_text("Số: 01/QĐ-UBND")
    expect(clerk.get_by_test_id("recipient-status")).to_contain_text("Đã gửi")
    assert mail_server.arrived.wait(10)
    [message] = mail_server.messages
    assert "01/QĐ-UBND" in str(email.header.make_header(email.header.decode_header(
        message["Subject"])))
    pdfs = [p for p in message.walk() if p.get_content_type() == "application/pdf"]
    assert len(pdfs) == 1 and pdfs[0].get_payload(decode=True).startswith(b"%PDF")
    document.refresh_from_db()
    assert document.status == Status.ISSUED
    assert document.recipients.get().state == DeliveryState.DELIVERED


def test_party_resolution_reaches_the_front_without_retyping(transactional_db, cast, page_for):
    page = page_for(cast.chuyenviendang)
    _open_draft_form(page, "Đảng ủy xã Tân Hòa")
    page.get_by_label("Loại văn bản").select_option(label="Nghị quyết (NQ)")
    _draft_from_template(page, template="Nghị quyết của Đảng ủy",
                         subject="Về lãnh đạo thực hiện chuyển đổi số năm 2027",
                         signer="Hoàng Văn Thắng — T/M ĐẢNG ỦY / BÍ THƯ")
    page.get_by_label("Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Hòa").check()
    page.get_by_role("button", name="Lưu dự thảo").click()
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("reviews")).to_contain_text("Bỏ qua")  # no unit head
    document = OutgoingDocument.objects.get()

    _act(page_for(cast.vanthu), document, "Đồng ý, chuyển tiếp")
    _act(page_for(cast.bithu), document, "Ký ban hành")
    clerk = page_for(cast.vanthu)
    clerk.goto(f"{clerk.base_url}/van-ban-di/{document.pk}/")
    expect(clerk.get_by_test_id("checks")).to_contain_text("T/M ĐẢNG ỦY")
    clerk.get_by_role("button", name="Cấp số và phát hành").click()
    expect(clerk.get_by_test_id("code")).to_have_text("Số 01-NQ/ĐU")
    expect(clerk.get_by_test_id("recipient-status")).to_contain_text("Đã vào sổ")

    front = page_for(cast.chutichmttq)
    front.goto(f"{front.base_url}/van-ban-den/")
    front.get_by_text("Về lãnh đạo thực hiện chuyển đổi số năm 2027").click()
    expect(front.get_by_text("01-NQ/ĐU")).to_be_visible()
    expect(front.get_by_text("Nội bộ văn phòng")).to_be_visible()
    copy = IncomingDocument.objects.get(organization=cast.orgs["MTTQ"])
    assert (copy.code, copy.issuer, copy.receipt.channel) == (
        "01-NQ/ĐU", "Đảng ủy xã Tân Hòa", Channel.INTERNAL)


def test_issue_with_a_signer_without_authority_is_refused(transactional_db, cast, page_for):
    clerk = page_for(cast.vanthu)
    _open_draft_form(clerk, "Ủy ban nhân dân xã Tân Hòa")
    clerk.get_by_label("Loại văn bản").select_option(label="Thông báo (TB)")
    clerk.get_by_label("Trích yếu nội dung").fill("Về lịch tiếp công dân tháng 12")
    clerk.get_by_label("Người ký và thẩm quyền ký").select_option(
        label="Đỗ Thị Lan — TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")
    clerk.get_by_label("Hoặc tải lên tệp dự thảo").set_input_files(
        {"name": "thong-bao.pdf", "mimeType": "application/pdf",
         "buffer": make_pdf("Thong bao da ky")})
    clerk.get_by_label("Văn bản đã ký trên giấy").check()
    clerk.get_by_label("Ngày ký").fill(clock.today().isoformat())
    clerk.get_by_label("Nơi nhận khác").fill("Trường Tiểu học Tân Hòa")
    clerk.get_by_role("button", name="Lưu dự thảo").click()
    expect(clerk.get_by_test_id("status")).to_have_text("Đã ký, chờ phát hành")
    document = OutgoingDocument.objects.get()
    # The deputy's post ended yesterday: the paper she signed today lacks authority.
    post = cast.phochutich.positions.get()
    post.end_date = clock.today() - dt.timedelta(days=1)
    post.save()
    clerk.reload()
    blocked = clerk.get_by_test_id("checks").locator("[data-level=block]")
    expect(blocked).to_contain_text("không giữ chức vụ")
    clerk.get_by_role("button", name="Cấp số và phát hành").click()
    expect(clerk.get_by_role("alert").first).to_contain_text("Chưa thể phát hành")
    expect(clerk.get_by_role("alert").first).to_contain_text("Đỗ Thị Lan")
    document.refresh_from_db()
    assert document.status == Status.SIGNED and document.number is None


def test_clerk_prints_the_outgoing_register(transactional_db, cast, page_for):
    import io

    from pypdf import PdfReader

    from vanphong.files.actions import store_file
    from vanphong.outgoing import issuing
    from vanphong.outgoing.actions import DraftFields, RecipientSpec
    from vanphong.registers.models import DocumentType

    scan = make_pdf("Cong van da ky")
    stored = store_file(actor=cast.vanthu, stream=io.BytesIO(scan), name="cv.pdf", size=len(scan))
    fields = DraftFields(
        document_type=DocumentType.objects.get(system="state", organization=None,
                                               name="Công văn"),
        subject="Về việc kiểm kê tài sản công năm 2026", signer=cast.chutich, capacity="tm",
        drafting_unit=cast.units["KT"], recipients=(RecipientSpec(name="Kho bạc Nhà nước"),),
    )
    document = issuing.record_signed_on_paper(
        actor=cast.vanthu, organization=cast.orgs["UBND"], fields=fields, upload=stored,
        signed_on=clock.today(),
    )
    issuing.issue_outgoing(actor=cast.vanthu, document=document)
    page = page_for(cast.vanthu)
    page.get_by_role("link", name="Sổ đăng ký").click()
    page.locator("section, div, tr", has_text="Ủy ban nhân dân xã Tân Hòa").get_by_role(
        "link", name="Sổ đăng ký văn bản đi", exact=True
    ).first.click()
    expect(page.get_by_text("01/UBND-KT")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="In sổ (PDF)").click()
    with open(download.value.path(), "rb") as stream:
        text = "".join(p.extract_text() for p in PdfReader(stream).pages)
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in text
    assert "01/UBND-KT" in text and "kiểm kê tài sản công" in text


# --- What a person sees: the typed layout, the signing choices, the title -------------

LETTER_PARAGRAPHS = [
    "Thực hiện Kế hoạch số 15/KH-UBND ngày 02/3/2026 của Ủy ban nhân dân xã về chuyển đổi số.",
    "Ủy ban nhân dân xã đề nghị các cơ quan rà soát danh sách cán bộ phụ trách chuyển đổi số.",
    "Văn bản gửi về Văn phòng trước ngày 20/3/2026 để tổng hợp./.",
]


def _write_letter(page: Page) -> None:
    """Soạn thảo → Công văn → two addressee lines, three paragraphs → Lưu dự thảo."""
    _open_draft_form(page, "Ủy ban nhân dân xã Tân Hòa")
    page.get_by_label("Loại văn bản").select_option(label="Công văn")
    page.get_by_label("Trích yếu nội dung").fill("rà soát cán bộ phụ trách chuyển đổi số")
    addressees = page.get_by_label("Kính gửi")
    addressees.fill("Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Hòa")
    addressees.press("Enter")
    addressees.press_sequentially("Hội Nông dân xã Tân Hòa")
    body = page.get_by_label("Nội dung", exact=True)
    body.fill(LETTER_PARAGRAPHS[0])
    for paragraph in LETTER_PARAGRAPHS[1:]:
        body.press("Enter")
        body.press_sequentially(paragraph)
    page.get_by_label("Người ký và thẩm quyền ký").select_option(
        label="Lê Văn Nam — TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH")
    page.get_by_label("Đơn vị soạn thảo").select_option(label="Phòng Văn hóa – Xã hội (UBND)")
    page.get_by_label("Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Hòa").check()
    page.get_by_label("Hội Nông dân xã Tân Hòa").check()
    page.get_by_role("button", name="Lưu dự thảo").click()
    expect(page.get_by_test_id("status")).to_have_text("Dự thảo")


def test_the_draft_view_keeps_the_typed_paragraphs_and_addressees(
    transactional_db, cast, page_for
):
    page = page_for(cast.chuyenvien)
    _write_letter(page)
    expect(page.get_by_test_id("addressees").locator("div")).to_have_text([
        "Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Hòa", "Hội Nông dân xã Tân Hòa"])
    expect(page.get_by_test_id("body").locator("p")).to_have_text(LETTER_PARAGRAPHS)
    preview = page.get_by_role("link", name="Xem bản dự thảo (PDF)")
    response = page.request.get(page.base_url + preview.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    start = lines.index("Kính gửi:")
    assert lines[start + 1:start + 3] == ["- Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Hòa;",
                                          "- Hội Nông dân xã Tân Hòa."]
    for paragraph in LETTER_PARAGRAPHS[1:]:  # each paragraph starts its own line
        assert any(line.startswith(" ".join(paragraph.split()[:4])) for line in lines)


def test_the_signing_choices_of_a_collective_body(transactional_db, cast, page_for):
    page = page_for(cast.chuyenvien)
    _open_draft_form(page, "Ủy ban nhân dân xã Tân Hòa")
    options = page.get_by_label("Người ký và thẩm quyền ký").locator("option")
    expect(options).to_have_text([
        "— Chọn người ký —", "Lê Văn Nam — TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH",
        "Đỗ Thị Lan — TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"])


def test_the_title_of_an_issued_document_says_its_number_and_subject(
    transactional_db, cast, page_for
):
    page = page_for(cast.chuyenvien)
    _write_letter(page)
    expect(page).to_have_title(
        "Dự thảo công văn: V/v rà soát cán bộ phụ trách chuyển đổi số — UBND — Một Văn Phòng")
    page.get_by_test_id("submit").click()
    document = OutgoingDocument.objects.get()
    _act(page_for(cast.truongphong), document, "Đồng ý, chuyển tiếp")
    _act(page_for(cast.vanthu), document, "Đồng ý, chuyển tiếp")
    _act(page_for(cast.chutich), document, "Ký ban hành")
    clerk = page_for(cast.vanthu)
    clerk.goto(f"{clerk.base_url}/van-ban-di/{document.pk}/")
    expect(clerk.get_by_test_id("checks").locator("[data-level=block]")).to_have_count(0)
    clerk.get_by_role("button", name="Cấp số và phát hành").click()
    expect(clerk.get_by_test_id("code")).to_have_text("Số: 01/UBND-VHXH")
    expect(clerk).to_have_title("Công văn số 01/UBND-VHXH: V/v rà soát cán bộ phụ trách "
                                "chuyển đổi số — UBND — Một Văn Phòng")
