"""What an administrator sees in Chromium: the stopped-worker warning on the home page, and
"Ngừng hoạt động" instead of deletion for a person with history."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from vanphong import clock
from vanphong.home import heartbeat
from vanphong.incoming import actions
from vanphong.organizations.models import User

pytestmark = [pytest.mark.browser]


def test_the_administrator_sees_that_background_work_stopped(transactional_db, cast, page_for,
                                                              settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    stopped = dt.datetime(2026, 3, 2, 1, 30, tzinfo=dt.UTC)  # 08:30 in Việt Nam
    with clock.frozen_at(stopped):
        heartbeat.beat()
    with clock.travel_to(stopped + dt.timedelta(minutes=40)):
        page = page_for(cast.admin)
        page.goto(f"{page.base_url}/")
        alert = page.get_by_test_id("worker-alert")
        expect(alert).to_be_visible()
        expect(alert).to_contain_text("Tiến trình nền đã ngừng từ 08:30 ngày 02/03/2026 "
                                      "(40 phút trước)")
        clerk = page_for(cast.vanthu)
        clerk.goto(f"{clerk.base_url}/")
        expect(clerk.get_by_role("heading", name="Việc của tôi")).to_be_visible()
        expect(clerk.get_by_test_id("worker-alert")).to_have_count(0)
    with clock.travel_to(stopped + dt.timedelta(minutes=41)):
        heartbeat.beat()  # the worker is back
        page.reload()
        expect(page.get_by_test_id("worker-alert")).to_have_count(0)


def test_a_person_with_history_is_deactivated_from_their_page(transactional_db, cast, page_for):
    fields = actions.IncomingFields(issuer="Sở Y tế", code="9/SYT", subject="V/v tiêm chủng",
                                    issued_date=clock.today())
    actions.register_incoming(actor=cast.vanthu2, organizations=[cast.orgs["UBND"]],
                              fields=fields, has_paper_original=True)
    page = page_for(cast.admin)
    page.goto(f"{page.base_url}/quan-tri/nguoi-dung/{cast.vanthu2.pk}/")
    expect(page.get_by_test_id("history-note")).to_contain_text(
        "đã có lịch sử trong hệ thống nên không xóa được")
    expect(page.get_by_role("link", name="Xóa người dùng")).to_have_count(0)
    page.get_by_role("link", name="Ngừng hoạt động").click()
    page.get_by_label("Lý do").fill("Chuyển công tác")
    page.get_by_role("button", name="Ngừng hoạt động").click()
    expect(page.get_by_role("alert").filter(
        has_text="Đã ngừng hoạt động tài khoản Trần Thị Mai.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ngừng hoạt động")
    assert not User.objects.get(pk=cast.vanthu2.pk).is_active
