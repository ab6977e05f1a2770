"""End-to-end in Chromium (issue #6, "done when"): reminders and the overdue mark appear
at the right times (the clock moves, nothing sleeps) and the follow-up table drills down;
the weekly schedule flags a leader booked twice and prints; a joint conference's
conclusions become tasks."""

from __future__ import annotations

import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.conftest import make_pdf
from tests.test_tasks import LEAD
from vanphong import clock
from vanphong.followup import actions
from vanphong.followup.actions import AssigneeSpec, TaskSpec
from vanphong.followup.reminders import send_due_reminders
from vanphong.schedule.models import Meeting, Room
from vanphong.workdays.dates import Calendar

pytestmark = [pytest.mark.browser]
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=HANOI)


def test_reminders_bell_mail_overdue_and_the_follow_up_table(transactional_db, cast, page_for,
                                                             mail_server):
    mail_server.start()
    calendar = Calendar.around(clock.today())
    due = calendar.add_working_days(clock.today(), 10)
    [task] = actions.create_tasks(actor=cast.bithu, organization=cast.orgs["ĐU"], specs=[
        TaskSpec(title="Báo cáo sơ kết công tác dân vận", due_date=due, assignees=(
            AssigneeSpec(LEAD, cast.orgs["UBND"], cast.units["VHXH"], cast.chuyenvien),))])
    worker = page_for(cast.chuyenvien, viewport={"width": 390, "height": 844})  # a phone
    worker.get_by_test_id("bell").click()
    worker.get_by_role("button", name="Đánh dấu đã đọc hết").click()  # the "được giao" notice
    expect(worker.get_by_test_id("unread")).to_have_count(0)
    mail_server.messages.clear()

    before = _at(calendar.subtract_working_days(due, 2), 8)
    with clock.travel_to(before):
        assert send_due_reminders() >= 1
        worker.goto(f"{worker.base_url}/")
        expect(worker.get_by_test_id("unread")).to_have_text("2")  # the reminder, the digest
        worker.get_by_test_id("bell").click()
        notices = worker.get_by_test_id("notices")
        expect(notices).to_contain_text(
            f"Sắp đến hạn ({due:%d/%m/%Y}): Báo cáo sơ kết công tác dân vận")
        notices.locator("[data-kind='task.before']").get_by_role("button", name="Xem").click()
        expect(worker.get_by_test_id("title")).to_have_text("Báo cáo sơ kết công tác dân vận")
        expect(worker.get_by_test_id("unread")).to_have_text("1")
        subjects = [m["Subject"].strip() for m in mail_server.messages
                    if m["To"] == cast.chuyenvien.email]
        assert f"[Một Văn Phòng] Sắp đến hạn ({due:%d/%m/%Y}): Báo cáo sơ kết công tác dân vận" \
            in subjects
        assert send_due_reminders() == 0  # the same morning again: nothing twice

    late = _at(calendar.add_working_days(due, 1), 9)
    with clock.travel_to(late):
        send_due_reminders()
        head = page_for(cast.bithu)
        head.goto(f"{head.base_url}/nhiem-vu/?state=qua-han")
        expect(head.locator(f"[data-task='{task.pk}'] [data-testid=state]")).to_have_text(
            "Quá hạn")
        expect(head.get_by_test_id("unread")).to_be_visible()  # the assigner is told
        head.goto(f"{head.base_url}/nhiem-vu/theo-doi/?theo=co-quan&tu={due:%Y-%m-%d}"
                  f"&den={due:%Y-%m-%d}")
        cell = head.locator(f"[data-group='{cast.orgs['UBND'].pk}'] [data-measure='overdue']")
        expect(cell).to_have_text("1")
        cell.get_by_role("link").click()
        expect(head.get_by_test_id("drill-title")).to_contain_text("Quá hạn chưa xong")
        expect(head.get_by_test_id("task-table")).to_contain_text("Báo cáo sơ kết")
        expect(head.locator("text=1 nhiệm vụ.")).to_be_visible()


def test_the_week_flags_a_leader_booked_twice_and_prints(transactional_db, cast, page_for):
    hall = Room.objects.create(office=cast.office, name="Phòng họp số 1")
    day = Calendar.around(clock.today()).add_working_days(clock.today(), 3)
    clerk = page_for(cast.vanthu)
    for org, start, end, content in [("ĐU", "08:00", "10:00", "Họp Ban Thường vụ Đảng ủy"),
                                     ("HĐND", "09:00", "11:00", "Họp Thường trực HĐND")]:
        clerk.goto(f"{clerk.base_url}/lich-tuan/su-kien/them/")
        form = clerk.get_by_test_id("event-form")
        form.get_by_label("Lịch của").select_option(value=str(cast.orgs[org].pk))
        form.get_by_label("Ngày").fill(day.isoformat())
        form.get_by_label("Từ giờ").fill(start)
        form.get_by_label("Đến giờ").fill(end)
        form.get_by_label("Nội dung").fill(content)
        form.get_by_label("Chủ trì").select_option(value=str(cast.bithu.pk))
        if org == "HĐND":
            form.get_by_label("Phòng họp").select_option(label=hall.name)
        else:
            form.get_by_label("hoặc địa điểm khác").fill("Phòng họp Đảng ủy")
        form.get_by_test_id("save").click()
    expect(clerk.locator(".alert-warning").first).to_contain_text(
        "Trùng lịch: Hoàng Văn Thắng")
    expect(clerk.get_by_test_id("conflict")).to_have_count(2)

    head = page_for(cast.bithu)
    iso = f"{day.isocalendar()[0]}-W{day.isocalendar()[1]:02d}"
    head.goto(f"{head.base_url}/lich-tuan/?tuan={iso}")
    head.get_by_role("button", name="Duyệt các sự kiện tôi duyệt được").click()
    expect(head.locator(".alert-success")).to_contain_text("Đã duyệt 2 sự kiện.")

    clerk.goto(f"{clerk.base_url}/lich-tuan/?tuan={iso}")
    clerk.get_by_test_id("publish").click()
    expect(clerk.locator(".alert-success")).to_contain_text("Đã công bố lịch tuần")
    expect(clerk.get_by_test_id("state").first).to_have_text("Đã công bố")
    with clerk.expect_download() as download:
        clerk.get_by_test_id("pdf").click()
    with open(download.value.path(), "rb") as stream:
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(stream.read())).pages)
    assert "LỊCH CÔNG TÁC TUẦN" in text and "Họp Thường trực HĐND" in text
    clerk.get_by_test_id("print").click()
    expect(clerk.get_by_test_id("print-title")).to_have_text("LỊCH CÔNG TÁC TUẦN")


def test_a_joint_conference_shares_documents_and_its_conclusions_become_tasks(
        transactional_db, cast, page_for, tmp_path):
    Room.objects.create(office=cast.office, name="Hội trường UBND xã")
    day = Calendar.around(clock.today()).add_working_days(clock.today(), 5)
    lead = page_for(cast.chanhvanphong)
    lead.goto(f"{lead.base_url}/hop/them/")
    form = lead.get_by_test_id("meeting-form")
    form.get_by_label("Tên cuộc họp, hội nghị").fill("Hội nghị liên tịch quý II")
    form.get_by_label("Cơ quan chủ trì").select_option(value=str(cast.orgs["ĐU"].pk))
    joint = form.get_by_role("group", name="Các cơ quan cùng tổ chức")
    for org in ("UBND", "MTTQ"):
        joint.get_by_label(cast.orgs[org].name, exact=True).check()
    form.get_by_label("Ngày").fill(day.isoformat())
    form.get_by_label("Từ giờ").fill("08:00")
    form.get_by_label("Đến giờ").fill("11:00")
    form.get_by_label("Phòng họp").select_option(label="Hội trường UBND xã")
    form.get_by_label("Chủ trì", exact=True).select_option(value=str(cast.bithu.pk))
    people = form.get_by_role("group", name="Thành phần (cá nhân)")
    for person in (cast.chutich, cast.chutichmttq, cast.chuyenvienmttq):
        people.get_by_label(re.compile(f"^{person.full_name} —")).check()
    form.get_by_test_id("save").click()
    expect(lead.get_by_test_id("title")).to_have_text("Hội nghị liên tịch quý II")
    meeting = Meeting.objects.get()

    lead.get_by_test_id("invitation-form").get_by_role("button", name="Soạn giấy mời").click()
    expect(lead.locator("body")).to_contain_text("Mời dự Hội nghị liên tịch quý II")
    lead.goto(f"{lead.base_url}/hop/{meeting.pk}/")
    paper = tmp_path / "bao-cao-quy-1.pdf"
    paper.write_bytes(make_pdf("Báo cáo quý I"))
    share = lead.get_by_test_id("share-form")
    share.get_by_label("Tài liệu").set_input_files(str(paper))
    share.get_by_role("button", name="Gửi tài liệu tới thành phần dự").click()
    expect(lead.get_by_test_id("documents")).to_contain_text("bao-cao-quy-1.pdf")

    member = page_for(cast.chuyenvienmttq)
    member.goto(f"{member.base_url}/thong-bao/")
    member.get_by_test_id("notices").get_by_role("button", name="Xem").first.click()
    expect(member.get_by_test_id("documents")).to_contain_text("bao-cao-quy-1.pdf")

    attendance = lead.get_by_test_id("attendance-form")
    attendance.get_by_label("Điểm danh Lê Văn Nam").select_option(label="Có mặt")
    attendance.get_by_label("Điểm danh Vũ Thị Hằng").select_option(label="Có mặt")
    attendance.get_by_role("button", name="Ghi điểm danh").click()
    lead.get_by_test_id("conclusions-form").get_by_label("Kết luận (mỗi dòng một nội dung)").fill(
        "UBND xã xây dựng kế hoạch chuyển đổi số\nMTTQ tổ chức lấy ý kiến nhân dân")
    lead.get_by_role("button", name="Ghi kết luận").click()
    expect(lead.get_by_test_id("conclusions").locator("li")).to_have_count(2)

    head = page_for(cast.chutich)
    head.goto(f"{head.base_url}/hop/{meeting.pk}/")
    head.get_by_test_id("conclusions").get_by_role("link", name="Giao nhiệm vụ").first.click()
    row = head.get_by_test_id("task-row").first
    expect(row.get_by_label("Tên nhiệm vụ")).to_have_value(
        "UBND xã xây dựng kế hoạch chuyển đổi số")
    head.get_by_label("Cơ quan giao nhiệm vụ").select_option(value=str(cast.orgs["UBND"].pk))
    row.get_by_label("Chủ trì").select_option(label="UBND — Phòng Văn hóa – Xã hội")
    row.get_by_label("Hạn hoàn thành").fill((day + dt.timedelta(days=20)).isoformat())
    head.get_by_test_id("assign").click()
    listed = head.get_by_test_id("conclusions")
    expect(listed).to_contain_text("→ UBND xã xây dựng kế hoạch chuyển đổi số")
    listed.get_by_role("link", name="UBND xã xây dựng kế hoạch chuyển đổi số").click()
    expect(head.get_by_test_id("source-meeting")).to_contain_text(
        "Kết luận hội nghị “Hội nghị liên tịch quý II”")
