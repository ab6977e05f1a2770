"""The header and the two busiest forms as people meet them (issue 18 §1.2, §5): the top bar
fits the screens offices have, a keyboard user skips the menu, reaches the scan first and
the submit button soon, lands on an error summary that names the fields after a failed
submit, and "Làm việc cho" changes only when asked to. (axe-core, the CSP and aria
references are checked on every page of every browser test by `page_for`.)"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser_checks import check_page

pytestmark = [pytest.mark.browser]

ERROR_TITLE = re.compile("^Lỗi: ")

FOCUSED = """() => {
  const el = document.activeElement;
  return {tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute("name") || "",
          text: (el.innerText || el.value || "").trim().slice(0, 60),
          testid: el.dataset.testid || ""};
}"""


def _inside_screen(page: Page, locator) -> None:
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    width = page.evaluate("() => document.documentElement.clientWidth")
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, (locator, box, width)


@pytest.mark.parametrize("width", [1280, 1366, 1600])
def test_the_top_bar_fits_a_desktop_screen(transactional_db, cast, page_for, width):
    """The clerk has the most menu items, a long name and "Làm việc cho": nothing runs off
    the screen (the page was ~1,980 px wide at 1280 px) and nothing is white on white."""
    page = page_for(cast.vanthu, viewport={"width": width, "height": 800})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    header = page.get_by_role("navigation", name="Điều hướng chính")
    for part in (header.get_by_role("searchbox", name="Tìm văn bản"),
                 header.get_by_label("Làm việc cho"),
                 header.get_by_role("button", name="Đổi"),
                 header.get_by_test_id("who"),
                 header.get_by_role("button", name="Đăng xuất"),
                 header.get_by_test_id("bell"),
                 header.get_by_role("link", name="Quản trị").or_(
                     header.get_by_role("link", name="Sổ đăng ký")).first,
                 header.get_by_role("link", name="Vào sổ văn bản đến")):
        _inside_screen(page, part)
    # The bell is a drawing, not an emoji that needs an emoji font.
    expect(header.get_by_test_id("bell").locator("svg")).to_have_count(1)


def test_the_top_bar_folds_into_a_menu_on_a_phone(transactional_db, cast, page_for):
    page = page_for(cast.vanthu, viewport={"width": 390, "height": 844})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    header = page.get_by_role("navigation", name="Điều hướng chính")
    _inside_screen(page, header.get_by_test_id("bell"))
    expect(header.get_by_role("button", name="Đăng xuất")).to_be_hidden()
    header.get_by_role("button", name="Mở menu").click()
    for part in (header.get_by_role("searchbox", name="Tìm văn bản"),
                 header.get_by_label("Làm việc cho"),
                 header.get_by_role("button", name="Đăng xuất"),
                 header.get_by_role("link", name="Văn bản đến", exact=True)):
        _inside_screen(page, part)


def _tab_until(page: Page, matches, limit: int) -> list[dict]:
    """Press Tab until the focused element matches; return the elements passed through."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        seen.append(focused)
        if matches(focused):
            return seen
    raise AssertionError(f"not reached in {limit} Tabs: {seen}")


def test_registration_by_keyboard_only(transactional_db, cast, page_for):
    page = page_for(cast.vanthu)
    page.goto(page.base_url + "/van-ban-den/vao-so/")
    # The first Tab offers to skip the menu; Enter lands in the content.
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["text"] == "Bỏ qua đến nội dung chính"
    page.keyboard.press("Enter")
    assert page.evaluate(FOCUSED)["id"] == "main"
    # The scan, shown first, is reached first; then the receiving bodies and the fields.
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["id"] == "id_files"
    passed = _tab_until(page, lambda f: f["text"] == "Vào sổ", 40)
    names = [f["name"] for f in passed]
    assert names.index("organizations") < names.index("issuer") < names.index("subject")
    # Enter on "Vào sổ" with nothing filled in: focus on the summary, the title says so.
    page.keyboard.press("Enter")
    summary = page.get_by_test_id("form-errors")
    expect(summary).to_be_focused()
    expect(page).to_have_title(ERROR_TITLE)
    expect(summary).to_contain_text("Cơ quan nhận")
    expect(summary).to_contain_text("Trích yếu")
    check_page(page)
    # Each field in error is described by its message; the summary's link takes focus there.
    subject = page.get_by_label("Trích yếu")
    expect(subject).to_have_attribute("aria-invalid", "true")
    error = page.locator("#" + subject.get_attribute("aria-describedby").split()[-1])
    expect(error).to_be_visible()
    summary.get_by_role("link", name="Trích yếu").press("Enter")
    expect(subject).to_be_focused()


def test_a_draft_by_keyboard_only(transactional_db, cast, page_for):
    page = page_for(cast.chuyenvien)
    page.goto(page.base_url + "/van-ban-di/soan-thao/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    passed = _tab_until(page, lambda f: f["text"] == "Lưu dự thảo", 45)
    names = [f["name"] for f in passed]
    assert names.index("subject") < names.index("body")
    page.keyboard.press("Enter")
    summary = page.get_by_test_id("form-errors")
    expect(summary).to_be_focused()
    expect(page).to_have_title(ERROR_TITLE)
    expect(summary).to_contain_text("Trích yếu")
    check_page(page)


def test_working_for_changes_only_on_an_explicit_action(transactional_db, cast, page_for):
    """WCAG 3.2.2: an arrow key on "Làm việc cho" must not reload the page acting for
    another body; the "Đổi" button does."""
    page = page_for(cast.chutich)
    banner = page.get_by_test_id("acting").inner_text()
    page.evaluate("() => { window.__stayed = true; }")
    select = page.get_by_label("Làm việc cho")
    before = select.input_value()
    select.focus()
    page.keyboard.press("ArrowDown")
    assert select.input_value() != before  # the key did choose another body…
    page.wait_for_timeout(300)  # …and a reload, were one started, would have begun
    assert page.evaluate("() => window.__stayed === true")
    expect(page.get_by_test_id("acting")).to_have_text(banner)
    page.get_by_role("button", name="Đổi").press("Enter")
    page.wait_for_load_state("load")
    expect(page.get_by_test_id("acting")).not_to_have_text(banner)
