"""On an English browser (most commune PCs) dates read dd/mm/yyyy and times 24 h, and
Phối hợp / Để biết are chosen in the tree picker by search and keyboard; the pages pass
axe's WCAG 2.1 AA rules and break no Content-Security-Policy rule."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.browser_checks import check_page
from tests.conftest import make_pdf
from tests.test_dates_and_pickers import _routed
from vanphong import clock
from vanphong.incoming.models import IncomingDocument

pytestmark = [pytest.mark.browser]


def _english(page_for, user):
    """An English browser, as most commune PCs have (axe, the CSP and aria references are
    checked by page_for on every page; `check_page` checks a moment in between)."""
    return page_for(user, locale="en-US")


def test_an_english_browser_shows_and_takes_days_day_first_and_times_on_24_hours(
        transactional_db, cast, page_for):
    page = _english(page_for, cast.vanthu)
    page.goto(f"{page.base_url}/van-ban-den/vao-so/")
    arrival = page.get_by_label("Ngày giờ đến")
    expect(arrival).to_have_attribute("type", "text")
    expect(arrival).to_have_value(re.compile(r"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}$"))
    assert not re.search(r"AM|PM", arrival.input_value())
    issued = page.get_by_label("Ngày văn bản")
    expect(issued).to_have_attribute("placeholder", "dd/mm/yyyy")
    day = clock.today() - dt.timedelta(days=1)
    issued.fill(day.strftime("%d%m%Y"))  # a number pad has no "/"
    issued.blur()
    expect(issued).to_have_value(day.strftime("%d/%m/%Y"))
    page.get_by_label("Ủy ban nhân dân xã Tân Hòa", exact=True).check()
    page.get_by_label("Cơ quan ban hành").fill("Sở Nội vụ tỉnh Lâm Đồng")
    page.get_by_label("Số, ký hiệu").fill("77/SNV-VP")
    page.get_by_label("Trích yếu nội dung").fill("V/v ngày tháng kiểu Việt Nam")
    page.get_by_label("Tệp văn bản").set_input_files(
        {"name": "cv.pdf", "mimeType": "application/pdf", "buffer": make_pdf("77")})
    check_page(page)
    page.get_by_role("button", name="Vào sổ", exact=True).click()
    expect(page.get_by_role("alert").filter(has_text="Đã vào sổ")).to_be_visible()
    assert IncomingDocument.objects.get().issued_date == day


def test_the_leader_picks_phoi_hop_and_de_biet_by_search_and_keyboard(
        transactional_db, cast, page_for):
    doc = _routed(cast)
    page = _english(page_for, cast.chutich)
    page.goto(f"{page.base_url}/van-ban-den/{doc.pk}/")
    form = page.get_by_test_id("instruct-form")
    form.get_by_label("Chủ trì xử lý").select_option(
        label="Trần Văn Bình — Chuyên viên Phòng Văn hóa – Xã hội")
    supports = form.get_by_role("group", name="Phối hợp")
    expect(supports.get_by_text("Lê Văn Nam")).to_have_count(0)  # not the leader himself
    expect(supports.get_by_text("Nguyễn Thị Hoa")).to_have_count(0)  # nor the clerk

    search = form.get_by_label("Phối hợp")  # the visible label names the search box
    search.focus()
    page.keyboard.type("ngoc")  # without diacritics, as people type
    expect(supports.get_by_label(re.compile("^Lê Thị Ngọc"))).to_be_visible()
    expect(supports.get_by_label(re.compile("^Ngô Thị Bích"))).to_be_hidden()
    page.keyboard.press("Enter")  # to the first match, without sending the form
    expect(supports.get_by_label(re.compile("^Lê Thị Ngọc"))).to_be_focused()
    page.keyboard.press("Space")
    expect(supports.get_by_label(re.compile("^Lê Thị Ngọc"))).to_be_checked()
    expect(supports.get_by_text("Đã chọn 1")).to_be_visible()

    for_info = form.get_by_role("group", name="Để biết")
    whole_unit = for_info.get_by_label(re.compile("^Phòng Kinh tế"))
    whole_unit.focus()
    page.keyboard.press("Space")  # a whole unit at once
    expect(for_info.get_by_label(re.compile("^Phan Văn Dũng"))).to_be_checked()
    expect(for_info.get_by_label(re.compile("^Lê Thị Ngọc"))).to_be_checked()
    page.keyboard.press("Space")
    expect(for_info.get_by_text("Chưa chọn")).to_be_visible()
    form.get_by_label("Để biết").fill("pho chu tich")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    expect(for_info.get_by_label(re.compile("^Đỗ Thị Lan"))).to_be_checked()

    due = clock.today() + dt.timedelta(days=10)
    form.get_by_label("Hạn xử lý").fill(due.strftime("%d/%m/%Y"))
    check_page(page)
    form.get_by_role("button", name="Giao xử lý").click()
    expect(page.get_by_test_id("badges")).to_contain_text("Đã phân công")
    assignments = page.get_by_test_id("assignments")
    expect(assignments).to_contain_text("Lê Thị Ngọc")
    expect(assignments).to_contain_text("Đỗ Thị Lan")
    kinds = {(a.kind, a.person_id) for a in doc.assignments.all()}
    assert kinds == {("lead", cast.chuyenvien.pk), ("support", cast.chuyenvien2.pk),
                     ("for_info", cast.phochutich.pk)}
    doc.refresh_from_db()
    assert doc.deadline == due
