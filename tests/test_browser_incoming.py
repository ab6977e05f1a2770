"""End-to-end in Chromium: the issue's flow, one browser test per step, plus the phone."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.conftest import make_pdf
from vanphong import clock
from vanphong.incoming import actions
from vanphong.incoming.models import IncomingDocument, Status

pytestmark = [pytest.mark.browser]


def _fill_registration(page, *, subject: str, code: str, orgs: list[str]) -> None:
    page.goto(f"{page.base_url}/van-ban-den/vao-so/")
    for org in orgs:
        page.get_by_label(org, exact=True).check()
    page.get_by_label("Cơ quan ban hành").fill("Sở Nội vụ tỉnh Lâm Đồng")
    page.get_by_label("Số, ký hiệu").fill(code)
    page.get_by_label("Ngày văn bản").fill((clock.today() - dt.timedelta(days=1)).isoformat())
    page.get_by_label("Loại văn bản").select_option(label="Công văn")
    page.get_by_label("Trích yếu nội dung").fill(subject)
    page.get_by_label("Người ký", exact=True).fill("Nguyễn Văn Bảy")
    page.get_by_label("Tệp văn bản").set_input_files(
        {"name": "cong-van.pdf", "mimeType": "application/pdf", "buffer": make_pdf(subject)}
    )


def test_clerk_registers_a_document_for_two_organizations(transactional_db, cast, page_for):
    page = page_for(cast.vanthu)
    _fill_registration(
        page,
        subject="V/v tổng kết công tác dân vận năm 2026",
        code="512/SNV-VP",
        orgs=["Ủy ban nhân dân xã Tân Hòa", "Đảng ủy xã Tân Hòa"],
    )
    expect(page.locator("#file-preview iframe")).to_be_visible()
    page.get_by_label("Trích yếu nội dung").press("Control+Enter")
    expect(page.get_by_role("alert").filter(has_text="Đã vào sổ")).to_contain_text("số đến 1")
    expect(page.get_by_test_id("subject")).to_have_text("V/v tổng kết công tác dân vận năm 2026")
    expect(page.get_by_text("Cũng gửi đến")).to_be_visible()
    documents = IncomingDocument.objects.all()
    assert sorted(d.organization.short_name for d in documents) == ["UBND", "ĐU"]
    assert len({d.receipt_id for d in documents}) == 1


def _registered(cast, subject="V/v báo cáo chuyển đổi số", urgency=0):
    fields = actions.IncomingFields(
        issuer="UBND tỉnh Lâm Đồng",
        code="88/UBND-KGVX",
        subject=subject,
        urgency=urgency,
        issued_date=clock.today() - dt.timedelta(days=2),
    )
    [doc] = actions.register_incoming(
        actor=cast.vanthu, organizations=[cast.orgs["UBND"]], fields=fields, has_paper_original=True
    )
    return doc


def test_clerk_routes_the_document_to_the_head(transactional_db, cast, page_for):
    doc = _registered(cast)
    page = page_for(cast.vanthu)
    page.goto(f"{page.base_url}/")
    queue = page.locator("[data-queue=to_route]")
    queue.get_by_text("V/v báo cáo chuyển đổi số").click()
    form = page.get_by_test_id("route-form")
    expect(form.get_by_label(re.compile("Lê Văn Nam"))).to_be_checked()
    form.get_by_role("button", name="Trình").click()
    expect(page.get_by_test_id("badges")).to_contain_text("Chờ chỉ đạo")
    doc.refresh_from_db()
    assert doc.status == Status.ROUTED and doc.routings.get().leader == cast.chutich


def test_head_instructs_from_my_work(transactional_db, cast, page_for):
    doc = _registered(cast, urgency=1)
    actions.route_incoming(actor=cast.vanthu, document=doc, leaders=[cast.chutich])
    page = page_for(cast.chutich)
    item = page.locator("[data-queue=to_instruct] li").first
    expect(item).to_contain_text("Khẩn")
    item.get_by_role("link").click()
    form = page.get_by_test_id("instruct-form")
    form.get_by_label("Chủ trì xử lý").select_option(
        label="Trần Văn Bình — Chuyên viên Phòng Văn hóa – Xã hội")
    form.get_by_role("group", name="Phối hợp").get_by_label(re.compile("^Lê Thị Ngọc")).check()
    form.get_by_label("hoặc số ngày làm việc").fill("5")
    form.get_by_label("Ý kiến chỉ đạo").fill("Giao đồng chí Bình tham mưu báo cáo trước hạn.")
    form.get_by_role("button", name="Giao xử lý").click()
    expect(page.get_by_test_id("badges")).to_contain_text("Đã phân công")
    expect(page.get_by_test_id("assignments")).to_contain_text("Chủ trì: Trần Văn Bình")
    doc.refresh_from_db()
    assert doc.status == Status.ASSIGNED and doc.deadline is not None


def test_specialist_reports_progress_and_completes(transactional_db, cast, page_for):
    doc = _registered(cast)
    actions.route_incoming(actor=cast.vanthu, document=doc, leaders=[cast.chutich])
    actions.instruct_incoming(
        actor=cast.chutich,
        document=doc,
        handlers=actions.Handlers(lead_person=cast.chuyenvien),
        deadline=clock.today() + dt.timedelta(days=3),
    )
    page = page_for(cast.chuyenvien)
    page.locator("[data-queue=lead]").get_by_text("V/v báo cáo chuyển đổi số").click()
    page.get_by_label("Cập nhật tiến độ").fill("Đã tổng hợp số liệu các thôn")
    page.get_by_role("button", name="Lưu tiến độ").click()
    expect(page.get_by_test_id("badges")).to_contain_text("Đang xử lý")
    form = page.get_by_test_id("complete-form")
    form.get_by_label("Kết quả xử lý").fill("Đã có báo cáo gửi UBND tỉnh")
    form.get_by_label("Số, ký hiệu văn bản trả lời (nếu có)").fill("245/BC-UBND")
    form.get_by_role("button", name="Hoàn thành").click()
    expect(page.get_by_test_id("badges")).to_contain_text("Hoàn thành")
    expect(page.get_by_test_id("history")).to_contain_text("Cập nhật tiến độ")
    doc.refresh_from_db()
    assert doc.status == Status.DONE and doc.reply_code == "245/BC-UBND"


def test_overdue_and_urgent_documents_stand_out_in_the_list(transactional_db, cast, page_for):
    late = _registered(cast, subject="V/v rà soát hộ nghèo")
    actions.route_incoming(actor=cast.vanthu, document=late, leaders=[cast.chutich])
    actions.instruct_incoming(
        actor=cast.chutich,
        document=late,
        handlers=actions.Handlers(lead_person=cast.chuyenvien),
        deadline=clock.today(),
    )
    _registered(cast, subject="V/v phòng chống bão số 9", urgency=3)
    page = page_for(cast.vanthu)
    tomorrow = clock.now() + dt.timedelta(days=1)
    with clock.frozen_at(tomorrow):
        page.goto(f"{page.base_url}/van-ban-den/?organization=")
        row = page.locator("tr", has_text="V/v phòng chống bão số 9")
        expect(row).to_have_class(re.compile("urgent"))
        expect(row).to_contain_text("Hỏa tốc")
    # The server runs in another thread: move its clock with the late document's deadline.
    IncomingDocument.objects.filter(pk=late.pk).update(
        deadline=clock.today() - dt.timedelta(days=1)
    )
    page.goto(f"{page.base_url}/van-ban-den/?organization=&overdue=on")
    expect(page.locator("tr", has_text="V/v rà soát hộ nghèo")).to_contain_text("Quá hạn")


def test_it_works_on_a_phone(transactional_db, cast, page_for):
    _registered(cast, subject="V/v tiêm chủng mở rộng")
    page = page_for(cast.vanthu, viewport={"width": 390, "height": 844})
    page.get_by_role("button", name="Mở menu").click()
    page.get_by_role("link", name="Văn bản đến", exact=True).click()
    expect(page.get_by_text("V/v tiêm chủng mở rộng")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 400


def test_clerk_prints_the_register(transactional_db, cast, page_for):
    import io

    from pypdf import PdfReader

    _registered(cast, subject="V/v kiểm kê tài sản công")
    page = page_for(cast.vanthu)
    page.get_by_role("link", name="Sổ đăng ký").click()
    page.locator("section, div, tr", has_text="Ủy ban nhân dân xã Tân Hòa").get_by_role(
        "link", name="Sổ đăng ký văn bản đến", exact=True
    ).first.click()
    expect(page.get_by_text("V/v kiểm kê tài sản công")).to_be_visible()
    # Headless Chromium has no PDF viewer: the printable register arrives as a download.
    with page.expect_download() as download:
        page.get_by_role("link", name="In sổ (PDF)").click()
    with open(download.value.path(), "rb") as stream:
        body = stream.read()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(body)).pages)
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" in text and "kiểm kê tài sản công" in text


def test_unit_head_reassigns_inside_the_unit(transactional_db, cast, page_for):
    doc = _registered(cast, subject="V/v tổ chức ngày hội đại đoàn kết")
    actions.route_incoming(actor=cast.vanthu, document=doc, leaders=[cast.chutich])
    actions.instruct_incoming(actor=cast.chutich, document=doc,
                              handlers=actions.Handlers(lead_unit=cast.units["VHXH"]))
    page = page_for(cast.truongphong)
    page.locator("[data-queue=to_reassign]").get_by_text("V/v tổ chức ngày hội").click()
    form = page.get_by_test_id("reassign-form")
    form.get_by_label("Giao cho").select_option(label="Trần Văn Bình")
    form.get_by_role("button", name="Giao").click()
    expect(page.get_by_test_id("assignments")).to_contain_text("Chủ trì: Trần Văn Bình")
    assert doc.assignments.get(state="active").person == cast.chuyenvien


def test_handler_returns_a_document_with_a_reason(transactional_db, cast, page_for):
    doc = _registered(cast, subject="V/v quản lý đất đai")
    actions.route_incoming(actor=cast.vanthu, document=doc, leaders=[cast.chutich])
    actions.instruct_incoming(actor=cast.chutich, document=doc,
                              handlers=actions.Handlers(lead_person=cast.chuyenvien))
    page = page_for(cast.chuyenvien)
    page.goto(f"{page.base_url}/van-ban-den/{doc.pk}/")
    page.get_by_label(re.compile("Trả lại lãnh đạo")).fill("Không thuộc lĩnh vực Văn hóa – Xã hội")
    page.get_by_role("button", name="Trả lại").click()
    expect(page.get_by_test_id("badges")).to_contain_text("Chờ chỉ đạo")
    expect(page.get_by_test_id("history")).to_contain_text("Không thuộc lĩnh vực")


def test_clerk_is_warned_of_a_duplicate_while_typing(transactional_db, cast, page_for):
    _registered(cast, subject="V/v báo cáo chuyển đổi số")
    page = page_for(cast.vanthu)
    page.goto(f"{page.base_url}/van-ban-den/vao-so/")
    page.get_by_label("Cơ quan ban hành").fill("UBND tỉnh Lâm Đồng")
    page.get_by_label("Số, ký hiệu").fill("88 / UBND – KGVX")
    page.get_by_label("Ngày văn bản").fill((clock.today() - dt.timedelta(days=2)).isoformat())
    page.get_by_label("Ngày văn bản").blur()
    expect(page.get_by_test_id("duplicate-warning")).to_contain_text("V/v báo cáo chuyển đổi số")


def test_a_document_returned_to_the_clerk_stands_out_and_is_not_cut_off(
    transactional_db, cast, page_for
):
    for number in range(55):
        _registered(cast, subject=f"V/v công việc thường xuyên {number}")
    doc = _registered(cast, subject="V/v hồ sơ giao đất thôn 3")
    actions.route_incoming(actor=cast.vanthu, document=doc, leaders=[cast.chutich])
    leader = page_for(cast.chutich)
    leader.goto(f"{leader.base_url}/van-ban-den/{doc.pk}/")
    leader.get_by_label(re.compile("Trả lại văn thư")).fill(
        "Thuộc thẩm quyền Đảng ủy, đề nghị vào sổ ĐU"
    )
    leader.get_by_role("button", name="Trả lại").click()
    expect(leader.get_by_test_id("returned")).to_contain_text("Thuộc thẩm quyền Đảng ủy")

    clerk = page_for(cast.vanthu)
    expect(clerk.get_by_test_id("unread")).to_have_text("1")
    queue = clerk.locator("[data-queue=to_route]")
    first = queue.locator("li").first
    expect(first).to_contain_text("V/v hồ sơ giao đất thôn 3")
    expect(first).to_contain_text("Bị trả lại")
    expect(first.get_by_test_id("returned-note")).to_contain_text("Lê Văn Nam")
    expect(first.get_by_test_id("returned-note")).to_contain_text("Thuộc thẩm quyền Đảng ủy")
    expect(queue.get_by_test_id("cut")).to_have_text("Hiển thị 50/56 — Xem tất cả")
    queue.get_by_role("link", name="Xem tất cả").click()
    expect(clerk.get_by_test_id("count")).to_have_text("56 văn bản")
    expect(clerk.locator("[data-doc]").first).to_contain_text("Bị trả lại")

    clerk.get_by_test_id("bell").click()
    notice = clerk.locator("[data-notice]", has_text="Lê Văn Nam trả lại văn bản đến số 56")
    expect(notice).to_contain_text("Thuộc thẩm quyền Đảng ủy")
    notice.get_by_role("button", name="Xem").click()
    expect(clerk.get_by_test_id("returned")).to_contain_text("Lê Văn Nam trả lại lúc")
    clerk.goto(f"{clerk.base_url}/van-ban-den/?organization=&returned=on")
    expect(clerk.locator("tbody tr")).to_have_count(1)
    expect(clerk.locator("tbody tr")).to_contain_text("Bị trả lại")


def test_the_register_opens_on_this_month_with_todays_entries(transactional_db, cast, page_for):
    old = _registered(cast, subject="V/v văn bản của tháng trước nữa")
    IncomingDocument.objects.filter(pk=old.pk).update(
        arrival_at=clock.now() - dt.timedelta(days=40)
    )
    _registered(cast, subject="V/v văn bản đến hôm nay")
    page = page_for(cast.vanthu)
    page.get_by_role("link", name="Sổ đăng ký").click()
    page.locator("section, div, tr", has_text="Ủy ban nhân dân xã Tân Hòa").get_by_role(
        "link", name="Sổ đăng ký văn bản đến", exact=True
    ).first.click()
    expect(page.get_by_text("V/v văn bản đến hôm nay")).to_be_visible()
    expect(page.get_by_text("V/v văn bản của tháng trước nữa")).to_have_count(0)
    expect(page.get_by_label("Từ ngày")).to_have_value(
        clock.today().replace(day=1).strftime("%d/%m/%Y"))


def _handed_over(cast):
    """A closed UBND dossier kept 70 years, handed over by the clerk: it awaits the
    archivist's reception."""
    from vanphong.records import actions as records
    from vanphong.records import transfer
    from vanphong.records.models import Dossier, RetentionKind

    plan = records.create_plan(actor=cast.vanthu, organization=cast.orgs["UBND"],
                               year=clock.today().year)
    heading = records.add_heading(actor=cast.vanthu, plan=plan, title="Tổ chức cán bộ",
                                  abbreviation="TCCB")
    dossier = records.add_dossier(actor=cast.vanthu, plan=plan, fields=records.DossierFields(
        heading=heading, title="Hồ sơ bổ nhiệm cán bộ năm", keeper=cast.vanthu,
        retention_kind=RetentionKind.YEARS, retention_years=70))
    records.file_documents(actor=cast.vanthu, dossier=dossier,
                           documents=[_registered(cast, subject="V/v bổ nhiệm cán bộ")])
    records.close_dossier(actor=cast.vanthu, dossier=dossier, confirm=True)
    Dossier.objects.filter(pk=dossier.pk).update(ended_year=clock.today().year - 1)
    made = transfer.create_transfer(actor=cast.vanthu, organization=cast.orgs["UBND"],
                                    dossiers=transfer.awaiting(cast.office.pk))
    return transfer.submit_transfer(actor=cast.vanthu, transfer=made)


def test_the_archivist_sees_hand_overs_waiting_for_him_in_my_work(
    transactional_db, cast, page_for
):
    handed = _handed_over(cast)
    archivist = page_for(cast.luutru)
    queue = archivist.locator("[data-queue=transfers]")
    expect(queue.get_by_test_id("count-transfers")).to_have_text("1")
    queue.get_by_role("link", name="Danh mục nộp lưu của Ủy ban nhân dân xã Tân Hòa").click()
    archivist.wait_for_url(f"**/ho-so/nop-luu/{handed.pk}/")
    # The clerk who handed it over has nothing to receive.
    clerk = page_for(cast.vanthu)
    expect(clerk.locator("[data-queue=transfers]")).to_have_count(0)


def test_a_for_information_recipient_has_no_deadline_and_marks_it_seen(
    transactional_db, cast, page_for
):
    doc = _registered(cast, subject="V/v lịch tiếp công dân tháng 12")
    actions.route_incoming(actor=cast.vanthu, document=doc, leaders=[cast.chutich])
    actions.instruct_incoming(
        actor=cast.chutich, document=doc,
        handlers=actions.Handlers(lead_person=cast.chuyenvien, for_info=[cast.truongphongkt]),
        deadline=clock.today(),
    )
    # The server runs in another thread: make the deadline pass by moving it back.
    IncomingDocument.objects.filter(pk=doc.pk).update(
        deadline=clock.today() - dt.timedelta(days=1))
    doc.assignments.update(deadline=clock.today() - dt.timedelta(days=1))
    page = page_for(cast.truongphongkt)
    item = page.locator("[data-queue=for_info] li", has_text="V/v lịch tiếp công dân")
    expect(item).to_contain_text("Để biết")
    for absent in ("hạn", "Quá hạn", "Đã phân công", "Đang xử lý"):
        expect(item).not_to_contain_text(absent)
    item.get_by_role("link").click()
    badges = page.get_by_test_id("badges")
    expect(badges).to_contain_text("Để biết")
    expect(badges).not_to_contain_text("Quá hạn")
    expect(page.get_by_test_id("deadline")).to_have_count(0)
    expect(page.get_by_test_id("assignments").locator("[data-for-info]")).to_contain_text(
        "Phan Văn Dũng (đã xem")

    other = actions.register_incoming(
        actor=cast.vanthu, organizations=[cast.orgs["UBND"]], has_paper_original=True,
        fields=actions.IncomingFields(issuer="Sở Tư pháp", code="7/STP",
                                      subject="V/v phổ biến luật", issued_date=clock.today()),
    )[0]
    actions.route_incoming(actor=cast.vanthu, document=other, leaders=[cast.chutich])
    actions.instruct_incoming(actor=cast.chutich, document=other, handlers=actions.Handlers(
        lead_person=cast.chuyenvien, for_info=[cast.truongphongkt]))
    page.goto(f"{page.base_url}/")
    seen = page.locator("[data-queue=for_info] li", has_text="V/v phổ biến luật")
    seen.get_by_role("button", name="Đã xem").click()
    expect(page.get_by_role("alert").filter(has_text="Đã đánh dấu đã xem")).to_be_visible()
    expect(page.locator("[data-queue=for_info]")).to_have_count(0)
