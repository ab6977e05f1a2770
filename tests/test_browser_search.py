"""End-to-end in Chromium (issue #5): a new user types "quyet dinh 853" or "15-NQ" and gets
the right document first, highlighted; filters by organization and date; exports the list;
and finds a document from the box in the menu bar while typing."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.test_search import register
from vanphong import clock

pytestmark = [pytest.mark.browser]


@pytest.fixture
def library(transactional_db, cast):
    """Documents of two organizations; each registration reaches the index by itself
    (committed, so the outbox's drain runs as in production)."""
    register(cast, "Về việc phê duyệt kế hoạch chuyển đổi số năm 2026", code="853/QĐ-UBND",
             type_name="Quyết định")
    register(cast, "Về việc phê duyệt kế hoạch sử dụng đất", code="854/QĐ-UBND",
             type_name="Quyết định")
    register(cast, "Kế hoạch tổ chức Đại hội Đảng bộ xã", code="15-NQ/ĐU", org="ĐU",
             issuer="Đảng ủy xã Tân Hòa", type_name="Nghị quyết")
    register(cast, "Kế hoạch phòng chống thiên tai năm trước", code="3/KH-UBND",
             days_ago=400, type_name="Kế hoạch")
    register(cast, "Kế hoạch tuyên truyền chuyển đổi số", code="16-KH/ĐU", org="ĐU",
             issuer="Đảng ủy xã Tân Hòa", type_name="Kế hoạch")
    return cast


def _search(page, text):
    box = page.get_by_label("Tìm trong số ký hiệu", exact=False)
    box.fill(text)
    box.press("End")  # a key: the results follow the typing (one request, after a pause)


def test_the_right_document_comes_first_with_highlights(library, page_for):
    page = page_for(library.vanthu)
    page.get_by_role("link", name="Tìm kiếm", exact=True).click()
    _search(page, "quyet dinh 853")
    expect(page.locator(".search-hit").first).to_contain_text("853/QĐ-UBND")
    _search(page, "15-NQ")
    expect(page.get_by_test_id("search-total")).to_have_text("1 văn bản")
    expect(page.locator(".search-hit").first).to_contain_text("15-NQ/ĐU")
    _search(page, "chuyen doi so")
    expect(page.get_by_test_id("search-total")).to_have_text("2 văn bản")
    expect(page.locator(".search-hit").first.locator("mark")).to_have_text("chuyển đổi số")


def test_filters_by_organization_and_date_then_exports_the_list(library, page_for):
    page = page_for(library.vanthu)
    page.goto(f"{page.base_url}/tim-kiem/")
    _search(page, "ke hoach")
    expect(page.get_by_test_id("search-total")).to_have_text("5 văn bản")
    page.locator("[data-facet=organization]").get_by_role("link", name="UBND").click()
    expect(page.get_by_test_id("search-total")).to_have_text("3 văn bản")
    expect(page).to_have_url(re.compile(r"organization=\d+"))
    month_ago = (clock.today() - dt.timedelta(days=30)).isoformat()
    page.get_by_label("Ngày văn bản từ").fill(month_ago)
    page.get_by_label("Ngày văn bản từ").dispatch_event("change")
    expect(page.get_by_test_id("search-total")).to_have_text("2 văn bản")
    expect(page.locator(".search-hit")).to_have_count(2)
    with page.expect_download() as download:
        page.get_by_test_id("search-export").click()
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert sorted(row[3] for row in rows) == ["853/QĐ-UBND", "854/QĐ-UBND"]


def test_the_menu_box_suggests_while_typing(library, page_for):
    page = page_for(library.vanthu)
    page.get_by_label("Tìm văn bản").press_sequentially("853/QĐ", delay=40)
    suggestion = page.locator("#nav-suggestions a").first
    expect(suggestion).to_contain_text("853/QĐ-UBND")
    suggestion.click()
    expect(page.get_by_test_id("subject")).to_have_text(
        "Về việc phê duyệt kế hoạch chuyển đổi số năm 2026"
    )


def test_the_register_form_finds_what_is_already_there_while_typing(library, page_for):
    page = page_for(library.vanthu)
    page.goto(f"{page.base_url}/van-ban-den/vao-so/")
    page.get_by_label("Số, ký hiệu").press_sequentially("854/QĐ", delay=40)
    related = page.get_by_test_id("related")
    expect(related.locator("a").first).to_contain_text("854/QĐ-UBND")
    page.get_by_label("Số, ký hiệu").fill("")
    page.get_by_label("Trích yếu nội dung").press_sequentially("tuyen truyen chuyen doi", delay=20)
    expect(related.locator("a").first).to_contain_text("16-KH/ĐU")
