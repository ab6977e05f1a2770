"""Administration end-to-end in Chromium: a new person with two posts in two
organizations, the live notation preview, and the pages on a phone."""

from __future__ import annotations

import importlib

import pytest
from playwright.sync_api import expect

from vanphong.organizations.models import Role, User
from vanphong.registers.models import RegisterKind

pytestmark = [pytest.mark.browser]

PHONE = {"width": 375, "height": 740}


def test_admin_adds_a_person_with_two_posts_who_then_acts_for_both(
    transactional_db, cast, page_for, password
):
    page = page_for(cast.admin)
    page.goto(f"{page.base_url}/quan-tri/")
    page.get_by_role("link", name="Thêm người dùng").first.click()
    page.get_by_label("Tên đăng nhập", exact=True).fill("tranthithu")
    page.get_by_label("Họ và tên", exact=True).fill("Trần Thị Thu")
    page.get_by_label("Mật khẩu", exact=True).fill(password)
    page.get_by_label("Nhập lại mật khẩu", exact=True).fill(password)
    page.get_by_label("Vai trò", exact=True).select_option(label="Chuyên viên")
    page.get_by_label("Chức danh", exact=True).fill("Chuyên viên Ban Xây dựng Đảng")
    page.get_by_label("Cơ quan", exact=True).select_option(label="Đảng ủy xã Tân Hòa")
    page.get_by_label("Đơn vị", exact=True).select_option(label="Ban Xây dựng Đảng (ĐU)")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("alert").filter(has_text="Đã thêm Trần Thị Thu")).to_be_visible()

    page.get_by_role("link", name="+ Thêm chức vụ").click()
    page.get_by_label("Vai trò", exact=True).select_option(label="Chuyên viên")
    page.get_by_label("Chức danh", exact=True).fill("Ủy viên Ban Thường trực MTTQ")
    page.get_by_label("Cơ quan", exact=True).select_option(
        label="Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Hòa")
    page.get_by_role("button", name="Lưu").click()
    positions = page.get_by_test_id("positions")
    expect(positions).to_contain_text("Chuyên viên Ban Xây dựng Đảng")
    expect(positions).to_contain_text("Ủy viên Ban Thường trực MTTQ")

    person = User.objects.get(username="tranthithu")
    assert set(person.positions.values_list("organization__short_name", flat=True)) == {
        "ĐU", "MTTQ"}
    assert set(person.positions.values_list("role", flat=True)) == {Role.SPECIALIST}

    own = page_for(person)
    options = own.locator("#acting-select option")
    expect(options).to_have_count(2)
    expect(own.locator("#acting-select")).to_contain_text("Đảng ủy xã Tân Hòa")
    expect(own.locator("#acting-select")).to_contain_text(
        "Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Hòa")
    # Switching organization works from the header.
    own.locator("#acting-select").select_option(label="MTTQ — Ủy ban Mặt trận Tổ quốc Việt Nam "
                                                      "xã Tân Hòa")
    own.get_by_test_id("acting-form").get_by_role("button", name="Đổi").click()
    expect(own.get_by_test_id("acting")).to_contain_text("Ủy ban Mặt trận Tổ quốc Việt Nam")


@pytest.fixture
def seeded_types(transactional_db) -> None:
    """The document types a migration seeds. Browser tests run on a database that is
    emptied after each test, so an earlier browser test may have removed them."""
    from django.apps import apps

    seed = importlib.import_module("vanphong.registers.migrations.0002_seed_document_types").seed
    seed(apps, None)


def test_register_preview_follows_the_template_as_it_is_typed(seeded_types, cast, page_for):
    register = cast.register("UBND", RegisterKind.OUTGOING)
    page = page_for(cast.admin)
    page.goto(f"{page.base_url}/quan-tri/so-dang-ky/{register.pk}/sua/")
    notation = page.get_by_test_id("next-notation")
    expect(notation).to_have_text("01/NQ-UBND")
    page.get_by_label("Loại văn bản để xem thử").select_option(label="Quyết định (QĐ)")
    expect(notation).to_have_text("01/QĐ-UBND")
    page.get_by_label("Mẫu số, ký hiệu", exact=True).fill("{number}/{type}-{org}-TH")
    expect(notation).to_have_text("01/QĐ-UBND-TH")
    page.get_by_label("Mẫu số, ký hiệu", exact=True).fill("{number}/{loai}-{org}")
    expect(page.get_by_test_id("notation-preview")).to_contain_text("chỗ trống không hợp lệ")


@pytest.mark.parametrize("path", [
    "/quan-tri/", "/quan-tri/nguoi-dung/", "/quan-tri/nguoi-dung/them/", "/quan-tri/co-quan/",
    "/quan-tri/so-dang-ky/", "/quan-tri/loai-van-ban/", "/quan-tri/ngay-lam-viec/",
])
def test_administration_pages_fit_a_phone_screen(transactional_db, cast, page_for, path):
    page = page_for(cast.admin, viewport=PHONE)
    page.goto(f"{page.base_url}{path}")
    expect(page.locator("h1")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path} is {width}px wide on a {PHONE['width']}px phone"


def test_admin_adds_an_organization_from_the_list(transactional_db, cast, page_for):
    page = page_for(cast.admin)
    page.goto(f"{page.base_url}/quan-tri/")
    page.get_by_role("link", name="Thêm cơ quan").first.click()
    page.get_by_label("Tên cơ quan, tổ chức", exact=True).fill("Công đoàn cơ sở xã Tân Hòa")
    page.get_by_label("Tên viết tắt", exact=True).fill("CĐ")
    page.get_by_label("Khối", exact=True).select_option(label="MTTQ – đoàn thể")
    page.get_by_label("Mã định danh", exact=True).fill("000.09.31.H41")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("alert").filter(has_text="Đã thêm Công đoàn cơ sở xã Tân Hòa")
           ).to_be_visible()
    from vanphong.organizations.models import Organization

    assert Organization.objects.get(short_name="CĐ").office == cast.office

    # A mistake is named with its field, even when several are wrong at once.
    page.goto(f"{page.base_url}/quan-tri/")
    page.get_by_role("link", name="Thêm cơ quan").first.click()
    page.get_by_label("Tên cơ quan, tổ chức", exact=True).fill("Hội Người cao tuổi xã Tân Hòa")
    page.get_by_label("Tên viết tắt", exact=True).fill("NCT")
    page.get_by_label("Mã định danh", exact=True).fill("000.09")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_test_id("field-errors")).to_contain_text(
        "Mã định danh: Mã định danh gồm đúng 13 ký tự.")
