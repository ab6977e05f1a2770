"""End-to-end in Chromium (issue #7): a clerk builds next year's file plan from this year's,
files a document into a dossier from the document's page and while registering one (the
dossier suggested from the plan), closes the dossier; the archivist receives it in a transfer
and it becomes read-only; a disposal goes through its council; an exported package imports
into a fresh installation identically."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.test_browser_incoming import _fill_registration
from tests.test_incoming_permissions import _register
from vanphong import clock
from vanphong.records import actions
from vanphong.records.actions import DossierFields
from vanphong.records.models import Dossier, FilePlan, RetentionKind

pytestmark = [pytest.mark.browser]


def test_plan_from_last_year_filing_closing_and_transfer(transactional_db, cast, page_for):
    year = clock.today().year
    last = actions.create_plan(actor=cast.vanthu, organization=cast.orgs["UBND"], year=year - 1)
    heading = actions.add_heading(actor=cast.vanthu, plan=last, title="Tổ chức cán bộ",
                                  abbreviation="TCCB")
    actions.add_dossier(actor=cast.vanthu, plan=last, fields=DossierFields(
        heading=heading, title="Hồ sơ bổ nhiệm cán bộ", keeper=cast.vanthu,
        retention_kind=RetentionKind.YEARS, retention_years=70))

    clerk = page_for(cast.vanthu)
    clerk.goto(f"{clerk.base_url}/ho-so/danh-muc/{last.pk}/")
    clerk.get_by_test_id("copy").click()
    expect(clerk.get_by_test_id("title")).to_contain_text(f"Danh mục hồ sơ năm {year}")
    expect(clerk.get_by_test_id("plan-table")).to_contain_text("Hồ sơ bổ nhiệm cán bộ")
    plan = FilePlan.objects.get(organization=cast.orgs["UBND"], year=year)

    letter = _register(cast, org="UBND", subject="Về việc bổ nhiệm cán bộ năm nay")
    clerk.goto(f"{clerk.base_url}/van-ban-den/{letter.pk}/")
    panel = clerk.get_by_test_id("file-into")
    panel.get_by_role("button", name="Đưa vào hồ sơ").click()
    expect(clerk.locator(".alert-success")).to_contain_text("Đã đưa văn bản vào hồ sơ 01.TCCB.")
    dossier = plan.dossiers.get()
    clerk.goto(f"{clerk.base_url}/ho-so/{dossier.pk}/")
    expect(clerk.get_by_test_id("contents")).to_contain_text("bổ nhiệm cán bộ")
    closing = clerk.get_by_test_id("close-form")
    expect(closing.get_by_test_id("closing-review")).to_contain_text("còn đang xử lý")
    closing.get_by_role("button", name="Kết thúc hồ sơ").click()  # not confirmed: refused
    refused = clerk.get_by_role("alert").filter(has_text="Hồ sơ còn điểm cần kiểm tra")
    expect(refused).to_be_visible()
    closing = clerk.get_by_test_id("close-form")
    closing.get_by_label("Vẫn kết thúc hồ sơ (đã kiểm tra các điểm trên)").check()
    closing.get_by_role("button", name="Kết thúc hồ sơ").click()
    expect(clerk.get_by_test_id("closing")).to_contain_text("Hồ sơ gồm 1 văn bản")
    expect(clerk.get_by_test_id("closing")).to_contain_text("Kết thúc khi còn")

    Dossier.objects.filter(pk=dossier.pk).update(ended_year=year - 1)  # due now
    clerk.goto(f"{clerk.base_url}/ho-so/nop-luu/")
    clerk.get_by_test_id("due-UBND").get_by_role("button", name="Lập danh mục nộp lưu").click()
    clerk.get_by_test_id("submit").click()
    expect(clerk.get_by_test_id("state")).to_have_text("Đã giao, chờ lưu trữ nhận")

    archivist = page_for(cast.luutru)
    archivist.goto(clerk.url)
    archivist.get_by_test_id("receive-form").get_by_role("button", name="Nhận hồ sơ").click()
    expect(archivist.get_by_test_id("state")).to_have_text("Lưu trữ đã nhận")
    archivist.goto(f"{archivist.base_url}/ho-so/{dossier.pk}/")
    expect(archivist.get_by_test_id("transferred")).to_be_visible()
    expect(archivist.get_by_test_id("file-form")).to_have_count(0)


def test_a_document_is_filed_while_registering_into_the_dossier_the_plan_suggests(
        transactional_db, cast, page_for):
    plan = actions.create_plan(actor=cast.vanthu, organization=cast.orgs["UBND"],
                               year=clock.today().year)
    heading = actions.add_heading(actor=cast.vanthu, plan=plan, title="Kinh tế",
                                  abbreviation="KT")
    actions.add_dossier(actor=cast.vanthu, plan=plan, fields=DossierFields(
        heading=heading, title="Hồ sơ phòng, chống thiên tai", keeper=cast.vanthu,
        retention_kind=RetentionKind.YEARS, retention_years=10))
    actions.add_dossier(actor=cast.vanthu, plan=plan, fields=DossierFields(
        heading=heading, title="Hồ sơ xây dựng nông thôn mới", keeper=cast.vanthu,
        retention_kind=RetentionKind.YEARS, retention_years=20))

    page = page_for(cast.vanthu)
    _fill_registration(page, subject="V/v triển khai phương án phòng, chống thiên tai mùa mưa",
                       code="77/SNN-TL", orgs=["Ủy ban nhân dân xã Tân Hòa"])
    page.get_by_label("Trích yếu nội dung").press("Tab")  # the plan's suggestion follows
    suggestion = page.get_by_test_id("dossier-suggestion")
    expect(suggestion).to_contain_text("01.KT")
    expect(suggestion).not_to_contain_text("nông thôn mới")
    suggestion.get_by_label("UBND · 01.KT Hồ sơ phòng, chống thiên tai").check()
    page.get_by_label("Trích yếu nội dung").press("Control+Enter")
    expect(page.get_by_role("alert").filter(has_text="Đã vào sổ")).to_contain_text(
        "Đã đưa vào 1 hồ sơ")
    dossier = plan.dossiers.get(title="Hồ sơ phòng, chống thiên tai")
    assert [i.incoming.code for i in dossier.items.select_related("incoming")] == ["77/SNN-TL"]
    page.goto(f"{page.base_url}/ho-so/{dossier.pk}/")
    expect(page.get_by_test_id("contents")).to_contain_text("phòng, chống thiên tai mùa mưa")


def _expired_dossier(cast):
    """A UBND dossier kept 5 years whose work ended 7 years ago, closed."""
    plan = actions.create_plan(actor=cast.vanthu, organization=cast.orgs["UBND"],
                               year=clock.today().year - 7)
    heading = actions.add_heading(actor=cast.vanthu, plan=plan, title="Văn phòng",
                                  abbreviation="VP")
    dossier = actions.add_dossier(actor=cast.vanthu, plan=plan, fields=DossierFields(
        heading=heading, title="Sổ cấp phát văn phòng phẩm", keeper=cast.vanthu,
        retention_kind=RetentionKind.YEARS, retention_years=5))
    letter = _register(cast, org="UBND", subject="Phiếu cấp phát văn phòng phẩm")
    actions.file_documents(actor=cast.vanthu, dossier=dossier, documents=[letter])
    actions.close_dossier(actor=cast.vanthu, dossier=dossier, confirm=True)
    Dossier.objects.filter(pk=dossier.pk).update(ended_year=clock.today().year - 7)
    return dossier


def test_a_disposal_goes_through_its_council_and_the_head_and_leaves_its_record(
        transactional_db, cast, page_for):
    dossier = _expired_dossier(cast)
    archivist = page_for(cast.luutru)
    archivist.goto(f"{archivist.base_url}/ho-so/tieu-huy/")
    listing = archivist.get_by_test_id("expired-UBND")
    expect(listing).to_contain_text("Sổ cấp phát văn phòng phẩm")
    council = [cast.chanhvanphong, cast.truongphong, cast.luutru]
    listing.get_by_label("Hội đồng xác định giá trị tài liệu").select_option(
        [str(u.pk) for u in council])
    listing.get_by_role("button", name="Lập danh mục tiêu hủy").click()
    expect(archivist.get_by_test_id("state")).to_have_text("Đang lập danh mục")
    url = archivist.url

    for member in council:
        page = archivist if member == cast.luutru else page_for(member)
        page.goto(url)
        page.get_by_test_id("vote-form").get_by_role("button", name="Gửi ý kiến").click()
        expect(page.locator(".alert-success")).to_contain_text("Đã ghi ý kiến thẩm định.")
    expect(archivist.get_by_test_id("state")).to_have_text("Hội đồng đã thẩm định")

    head = page_for(cast.chutich)
    head.goto(url)
    head.get_by_test_id("approve").click()
    expect(head.get_by_test_id("state")).to_have_text("Đã được duyệt tiêu hủy")

    archivist.goto(url)
    archivist.get_by_test_id("carry-out-form").get_by_role(
        "button", name="Ghi nhận đã tiêu hủy").click()
    expect(archivist.get_by_test_id("state")).to_have_text("Đã tiêu hủy")
    with archivist.expect_download() as download:
        archivist.get_by_test_id("pdf").click()
    record = download.value.path().read_bytes()
    assert record.startswith(b"%PDF")
    archivist.goto(f"{archivist.base_url}/ho-so/{dossier.pk}/")
    expect(archivist.get_by_test_id("state")).to_contain_text("Đã tiêu hủy")
    assert Dossier.objects.filter(pk=dossier.pk).exists()  # marked, never deleted


def test_a_specialist_sees_in_the_dossier_and_its_printed_contents_only_what_they_may_open(
        transactional_db, cast, page_for):
    import io

    from pypdf import PdfReader

    from vanphong.incoming import actions as incoming_actions
    from vanphong.registers.models import Secrecy

    dossier = _expired_dossier(cast)
    Dossier.objects.filter(pk=dossier.pk).update(state="open", closed_at=None)
    dossier.refresh_from_db()
    secret = _register(cast, org="UBND", secrecy=Secrecy.SECRET,
                       subject="Nắm tình hình an ninh nông thôn")
    incoming_actions.route_incoming(actor=cast.vanthu, document=secret, leaders=[cast.chutich])
    actions.file_documents(actor=cast.vanthu, dossier=dossier, documents=[secret])
    actions.close_dossier(actor=cast.vanthu, dossier=dossier, confirm=True)

    head = page_for(cast.chutich)  # a reader of the secret letter
    head.goto(f"{head.base_url}/ho-so/{dossier.pk}/")
    expect(head.get_by_test_id("contents")).to_contain_text("Nắm tình hình an ninh nông thôn")
    expect(head.get_by_test_id("closing")).to_contain_text("Hồ sơ gồm 2 văn bản")

    specialist = page_for(cast.chuyenvien2)  # a UBND member, no reader of either letter
    specialist.goto(f"{specialist.base_url}/ho-so/{dossier.pk}/")
    expect(specialist.get_by_test_id("contents")).to_contain_text("Hồ sơ chưa có văn bản.")
    expect(specialist.get_by_test_id("closing")).to_contain_text("Hồ sơ gồm 0 văn bản")
    expect(specialist.locator("main")).not_to_contain_text("an ninh nông thôn")
    expect(specialist.locator("main")).not_to_contain_text(secret.code)
    expect(specialist.locator("main")).not_to_contain_text("không được xem")
    with specialist.expect_download() as download:
        specialist.get_by_test_id("contents-pdf").click()
    printed = " ".join(p.extract_text() for p in PdfReader(
        io.BytesIO(download.value.path().read_bytes())).pages)
    assert "MỤC LỤC VĂN BẢN" in printed and "an ninh" not in printed
    assert secret.code not in printed and "Hồ sơ gồm 0 văn bản" in " ".join(printed.split())


def test_an_exported_package_imports_into_a_fresh_installation_identically(
        transactional_db, cast, page_for, browser, password, tmp_path):
    from tests.fresh_install import fresh_installation

    dossier = _expired_dossier(cast)
    clerk = page_for(cast.vanthu)  # a package carries what its exporter may open: the clerk
    clerk.goto(f"{clerk.base_url}/ho-so/{dossier.pk}/")
    with clerk.expect_download() as download:
        clerk.get_by_test_id("export").click()
    package = tmp_path / download.value.suggested_filename
    download.value.save_as(package)

    with fresh_installation(tmp_path / "other", password=password) as other:
        context = browser.new_context(locale="vi-VN", accept_downloads=True)
        context.set_default_timeout(60000)
        page = context.new_page()
        page.goto(f"{other}/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(cast.luutru.username)
        page.get_by_label("Mật khẩu").fill(password)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(f"{other}/**")
        page.goto(f"{other}/ho-so/goi-ho-so/")
        form = page.get_by_test_id("import-form")
        form.get_by_label("Tệp gói hồ sơ (.zip)").set_input_files(str(package))
        form.get_by_role("button", name="Nhập gói hồ sơ").click()
        expect(page.locator(".alert-success")).to_contain_text("Đã nhập gói hồ sơ 01.VP")
        expect(page.get_by_test_id("documents")).to_contain_text("Phiếu cấp phát văn phòng phẩm")
        with page.expect_download() as again:
            page.get_by_test_id("export-again").click()
        assert again.value.path().read_bytes() == package.read_bytes()
        context.close()
