"""End-to-end in Chromium (issue 18): a week is never published with drafts silently left
out — the office sees what waits and for whom, asks the heads, each head approves from the
notice; the print page's "In" button works under the CSP; on a phone the week is cards."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from vanphong import clock
from vanphong.schedule import actions
from vanphong.schedule.actions import EventFields
from vanphong.schedule.models import EventState, ScheduleEvent
from vanphong.workdays.dates import Calendar, week_bounds

pytestmark = [pytest.mark.browser]
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def _day() -> dt.date:
    return Calendar.around(clock.today()).add_working_days(clock.today(), 5)


def _iso(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _draft(cast, org: str | None, day: dt.date, hour: int, content: str) -> ScheduleEvent:
    start = dt.datetime.combine(day, dt.time(hour), tzinfo=HANOI)
    fields = EventFields(starts_at=start, ends_at=start + dt.timedelta(hours=1),
                         content=content, organization=cast.orgs[org] if org else None,
                         chair=cast.bithu if org in ("ĐU", "HĐND") else None,
                         participants=(cast.phobithu, cast.chutich),
                         participants_text="Đại diện lãnh đạo các cơ quan, đoàn thể xã",
                         venue="Hội trường UBND xã")
    return actions.add_event(actor=cast.vanthu, office=cast.office, fields=fields)[0]


def test_publishing_warns_asks_the_heads_and_they_approve_from_the_notice(
        transactional_db, cast, page_for):
    day = _day()
    _draft(cast, None, day, 7, "Giao ban khối các cơ quan xã")
    party = _draft(cast, "ĐU", day, 8, "Họp Ban Thường vụ Đảng ủy")
    _draft(cast, "UBND", day, 14, "Giao ban UBND xã")
    lead = page_for(cast.chanhvanphong)
    lead.goto(f"{lead.base_url}/lich-tuan/?tuan={_iso(day)}")
    lead.get_by_test_id("approve-mine").click()
    expect(lead.locator(".alert-success")).to_contain_text("Đã duyệt 1 sự kiện.")
    waiting = lead.get_by_test_id("waiting")
    expect(waiting).to_contain_text("Chờ lãnh đạo cơ quan duyệt (2 sự kiện)")
    expect(waiting).to_contain_text("Họp Ban Thường vụ Đảng ủy")
    expect(waiting).to_contain_text("Hoàng Văn Thắng")  # who approves it

    lead.get_by_test_id("publish").click()  # two drafts would be left out: asked first
    confirm = lead.get_by_test_id("confirm-publish")
    expect(confirm).to_contain_text("2 sự kiện chưa được duyệt sẽ không có trong lịch công bố")
    expect(confirm).to_contain_text("Giao ban UBND xã")
    assert not ScheduleEvent.objects.filter(state=EventState.PUBLISHED).exists()
    confirm.get_by_role("button", name="Đề nghị lãnh đạo duyệt").click()
    expect(lead.locator(".alert-success")).to_contain_text("Đã gửi đề nghị duyệt cho:")

    head = page_for(cast.bithu)
    expect(head.get_by_test_id("unread")).to_have_text("1")
    head.get_by_test_id("bell").click()
    notice = head.locator("[data-kind='schedule.approval_asked']")
    expect(notice).to_contain_text("1 sự kiện chờ đồng chí duyệt")
    notice.get_by_role("button", name="Xem").click()
    head.get_by_test_id("approve-mine").click()
    expect(head.locator(".alert-success")).to_contain_text("Đã duyệt 1 sự kiện.")
    party.refresh_from_db()
    assert party.state == EventState.APPROVED

    lead.goto(f"{lead.base_url}/lich-tuan/?tuan={_iso(day)}")
    expect(lead.get_by_test_id("waiting")).to_contain_text("(1 sự kiện)")
    lead.get_by_test_id("publish").click()
    lead.get_by_test_id("publish-anyway").click()
    expect(lead.locator(".alert-success")).to_contain_text("Đã công bố lịch tuần (lần 1)")
    expect(lead.locator(".alert-warning").first).to_contain_text(
        "1 sự kiện chưa duyệt không có trong lịch đã công bố")


def test_the_print_button_prints_under_the_csp(transactional_db, cast, page_for):
    day = _day()
    event = _draft(cast, None, day, 7, "Giao ban khối các cơ quan xã")
    actions.approve_event(actor=cast.chanhvanphong, event=event)
    actions.publish_week(actor=cast.vanthu, office=cast.office, week_start=week_bounds(day)[0])
    page = page_for(cast.ketoan)
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text)
            if "Content Security Policy" in m.text else None)
    page.add_init_script("window.__printed = 0; window.print = function () "
                         "{ window.__printed += 1; };")
    page.goto(f"{page.base_url}/lich-tuan/{week_bounds(day)[0]:%Y-%m-%d}/in/")
    expect(page.get_by_test_id("print-office")).to_have_text(cast.office.name)
    page.get_by_test_id("print-now").click()
    assert page.evaluate("window.__printed") == 1
    widths = page.evaluate("""() => [...document.querySelectorAll(
        '[data-testid=print-table] thead th')].map(th => th.getBoundingClientRect().width)""")
    assert widths[2] > max(widths[0], widths[1], widths[3])  # the content column is widest
    assert violations == []


def test_the_week_is_cards_on_a_phone(transactional_db, cast, page_for):
    day = _day()
    event = _draft(cast, "ĐU", day, 8, "Hội nghị Ban Chấp hành Đảng bộ xã mở rộng lần thứ ba")
    actions.approve_event(actor=cast.bithu, event=event)
    actions.publish_week(actor=cast.vanthu, office=cast.office, week_start=week_bounds(day)[0])
    phone = page_for(cast.chuyenvien, viewport={"width": 390, "height": 844})
    phone.goto(f"{phone.base_url}/lich-tuan/?tuan={_iso(day)}")
    row = phone.locator(f"[data-event='{event.pk}']")
    expect(row).to_contain_text("Hội nghị Ban Chấp hành Đảng bộ xã")
    labels = row.locator("td").evaluate_all(
        "cells => cells.map(c => getComputedStyle(c, '::before').content)")
    assert '"Nội dung: "' in labels and '"Chủ trì: "' in labels  # each line says what it is
    content = row.locator(".week-content").bounding_box()
    assert content is not None and content["width"] > 300  # a line, not a word per line
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
