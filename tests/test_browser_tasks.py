"""End-to-end in Chromium (issue #6, first part): a head turns an incoming resolution into
three tasks for two organizations; the assignee reports progress with a file and asks for
more time; the head approves; after the deadline passes the task shows overdue."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.conftest import make_pdf
from tests.test_tasks import resolution
from vanphong import clock
from vanphong.followup.models import Task

pytestmark = [pytest.mark.browser]
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def test_a_resolution_becomes_three_tasks_followed_to_an_extension_and_overdue(
    transactional_db, cast, page_for, tmp_path
):
    document = resolution(cast)
    head = page_for(cast.bithu)
    head.goto(f"{head.base_url}/van-ban-den/{document.pk}/")
    head.get_by_test_id("make-tasks").click()
    rows = head.get_by_test_id("task-row")
    expect(rows).to_have_count(3)
    due = (clock.today() + dt.timedelta(days=15)).isoformat()
    plan = [
        ("Xây dựng kế hoạch chuyển đổi số", "Trần Văn Bình (UBND)",
         ["Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Hòa"]),
        ("Tuyên truyền nghị quyết", "MTTQ", []),
        ("Rà soát hạ tầng mạng", "UBND — Phòng Kinh tế", []),
    ]
    for row, (title, lead, supports) in zip(rows.all(), plan, strict=True):
        row.get_by_label("Tên nhiệm vụ").fill(title)
        row.get_by_label("Chủ trì").select_option(label=lead)
        if supports:
            for name in supports:
                row.get_by_role("group", name="Phối hợp").get_by_label(name, exact=True).check()
        row.get_by_label("Hạn hoàn thành").fill(due)
    head.get_by_test_id("assign").click()
    expect(head.get_by_test_id("tasks")).to_contain_text("Tuyên truyền nghị quyết")
    assert Task.objects.filter(source_incoming=document).count() == 3
    task = Task.objects.get(title="Xây dựng kế hoạch chuyển đổi số")

    worker = page_for(cast.chuyenvien)
    worker.goto(f"{worker.base_url}/nhiem-vu/")
    worker.get_by_role("link", name="Xây dựng kế hoạch chuyển đổi số").click()
    form = worker.get_by_test_id("progress-form")
    form.get_by_label("Tiến độ (%)").fill("40")
    form.get_by_label("Nội dung báo cáo").fill("Đã khảo sát 4/9 thôn")
    report = tmp_path / "bao-cao.pdf"
    report.write_bytes(make_pdf("Báo cáo tiến độ"))
    form.get_by_label("Tệp kèm theo").set_input_files(str(report))
    form.get_by_role("button", name="Gửi báo cáo").click()
    expect(worker.get_by_test_id("progress")).to_have_text("40")
    expect(worker.get_by_test_id("report")).to_contain_text("bao-cao.pdf")
    later = (task.due_date + dt.timedelta(days=10)).isoformat()
    ask = worker.get_by_test_id("extension-form")
    ask.get_by_label("Đề nghị gia hạn đến ngày").fill(later)
    ask.get_by_label("Lý do").fill("Chờ số liệu của huyện")
    ask.get_by_role("button", name="Gửi đề nghị").click()
    expect(worker.get_by_test_id("extensions")).to_contain_text("Chờ duyệt")

    head.goto(f"{head.base_url}/nhiem-vu/{task.pk}/")
    decide = head.get_by_test_id("decide-form")
    decide.get_by_label("Đồng ý gia hạn").check()
    decide.get_by_role("button", name="Trả lời").click()
    expect(head.get_by_test_id("due")).to_contain_text("hạn ban đầu")
    task.refresh_from_db()
    assert task.due_date.isoformat() == later

    after = dt.datetime.combine(task.due_date + dt.timedelta(days=1), dt.time(8), HANOI)
    with clock.travel_to(after):
        head.goto(f"{head.base_url}/nhiem-vu/?state=qua-han")
        expect(head.get_by_test_id("task-table")).to_contain_text("Xây dựng kế hoạch")
        expect(head.locator(f"[data-task='{task.pk}'] [data-testid=state]")).to_have_text(
            "Quá hạn"
        )


def _assign_one(page, title: str) -> None:
    row = page.get_by_test_id("task-row").first
    row.get_by_label("Tên nhiệm vụ").fill(title)
    row.get_by_label("Chủ trì").select_option(label="Trần Văn Bình (UBND)")
    row.get_by_label("Hạn hoàn thành").fill((clock.today() + dt.timedelta(days=10)).isoformat())
    page.get_by_test_id("assign").click()
    expect(page.get_by_role("alert").filter(has_text="Đã giao 1 nhiệm vụ")).to_be_visible()


def _act_for(page, organization) -> None:
    page.locator("#acting-select").select_option(
        label=f"{organization.short_name} — {organization.name}")
    page.get_by_test_id("acting-form").get_by_role("button", name="Đổi").click()
    expect(page.get_by_test_id("acting")).to_contain_text(organization.name)


@pytest.mark.parametrize(("who", "first", "then"), [
    ("chutich", "UBND", "ĐU"),  # Chủ tịch UBND, also Phó Bí thư Đảng ủy
    ("bithu", "ĐU", "HĐND"),  # Bí thư Đảng ủy, also Chủ tịch HĐND
])
def test_giao_nhiem_vu_starts_from_the_organization_the_user_acts_for(
    transactional_db, cast, page_for, who, first, then
):
    head = page_for(getattr(cast, who))
    for short_name in (first, then):
        organization = cast.orgs[short_name]
        if short_name == then:
            _act_for(head, organization)
        head.goto(f"{head.base_url}/nhiem-vu/giao/")
        expect(head.get_by_label("Cơ quan giao nhiệm vụ")).to_have_value(str(organization.pk))
        _assign_one(head, f"Nhiệm vụ giao khi làm việc cho {short_name}")
        task = Task.objects.get(title=f"Nhiệm vụ giao khi làm việc cho {short_name}")
        assert task.organization == organization
