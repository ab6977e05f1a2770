"""Work programmes (issue #6): an organization's annual programme — items by month with
who is responsible — approved by its head, turned into tasks item by item, items following
their tasks, postponed or dropped with a reason, and the report in Excel and PDF."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.test_api import api_as  # noqa: F401  (fixture)
from tests.test_tasks import LEAD
from vanphong import clock
from vanphong.audit.models import AuditEvent
from vanphong.errors import Invalid, NotAllowed, NotFound
from vanphong.followup import actions, programmes
from vanphong.followup.access import (
    ProgrammeAction,
    can_programme,
    get_programme_for,
    visible_programmes,
)
from vanphong.followup.actions import AssigneeSpec, TaskSpec
from vanphong.followup.models import ItemStatus, ProgrammeState, Source
from vanphong.followup.programmes import ItemFields

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(cast):
    made = programmes.create_programme(actor=cast.vanthu, organization=cast.orgs["UBND"],
                                       title="Chương trình công tác năm 2027", year=2027)
    today = clock.today()
    for content, unit, month in [
        ("Xây dựng kế hoạch phát triển kinh tế - xã hội", "KT", today),
        ("Tổ chức Ngày hội Đại đoàn kết", "VHXH", today + dt.timedelta(days=62)),
        ("Sơ kết 6 tháng", None, today + dt.timedelta(days=120)),
    ]:
        programmes.add_item(actor=cast.vanthu, programme=made, fields=ItemFields(
            content=content, planned_month=month, responsible_organization=cast.orgs["UBND"],
            responsible_unit=cast.units[unit] if unit else None, output="Báo cáo"))
    return made


def test_the_head_approves_and_tasks_come_from_an_item(cast, programme):
    item = programme.items.first()
    assert item.planned_month.day == 1
    with pytest.raises(Invalid, match="được duyệt"):
        programmes.create_tasks_from_item(actor=cast.chutich, item=item, specs=[])
    with pytest.raises(NotAllowed):
        programmes.approve_programme(actor=cast.vanthu, programme=programme)  # not a leader
    programmes.approve_programme(actor=cast.phochutich, programme=programme)
    programme.refresh_from_db()
    assert programme.state == ProgrammeState.APPROVED
    spec = TaskSpec(title=item.content, due_date=clock.today() + dt.timedelta(days=20),
                    assignees=(AssigneeSpec(LEAD, cast.orgs["UBND"], cast.units["KT"]),))
    [task] = programmes.create_tasks_from_item(actor=cast.chutich, item=item, specs=[spec])
    assert (task.source, task.programme_item, task.organization) == (
        Source.PROGRAMME, item, cast.orgs["UBND"])
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS
    actions.complete_task(actor=cast.truongphongkt, task=task, result="Đã ban hành kế hoạch")
    item.refresh_from_db()
    assert item.status == ItemStatus.DONE
    task.refresh_from_db()
    actions.reopen_task(actor=cast.chutich, task=task, reason="Bổ sung chỉ tiêu")
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS
    assert AuditEvent.objects.filter(action="programme.approve").count() == 1


def test_items_are_postponed_or_dropped_with_a_reason(cast, programme):
    second, third = list(programme.items.all())[1:]
    with pytest.raises(Invalid, match="sau tháng dự kiến"):
        programmes.postpone_item(actor=cast.vanthu, item=second, to_month=second.planned_month,
                                 reason="x")
    with pytest.raises(Invalid, match="lý do"):
        programmes.drop_item(actor=cast.vanthu, item=third, reason=" ")
    later = second.planned_month + dt.timedelta(days=40)
    moved = programmes.postpone_item(actor=cast.vanthu, item=second, to_month=later,
                                     reason="Trùng lịch bầu cử")
    assert (moved.status, moved.postponed_to, moved.month) == (
        ItemStatus.POSTPONED, later.replace(day=1), later.replace(day=1))
    dropped = programmes.drop_item(actor=cast.vanthu, item=third, reason="Cấp trên đã tổ chức")
    assert dropped.status == ItemStatus.DROPPED and "Cấp trên" in dropped.note
    report = programmes.programme_report(programme)
    assert report.by_status["postponed"] == 1 and report.by_status["dropped"] == 1
    assert report.done_share == 0


@pytest.mark.parametrize(("name", "view", "edit", "approve"), [
    ("vanthu", True, True, False),        # the office keeps every programme
    ("chanhvanphong", True, True, False),
    ("chutich", True, True, True),        # the head
    ("phochutich", True, True, True),     # a deputy
    ("chuyenvien", True, False, False),   # a member of the People's Committee
    ("bithu", False, False, False),       # another organization's head
    ("chutichmttq", False, False, False),
    ("ketoan", False, False, False),
    ("admin", False, False, False),
])
def test_who_sees_keeps_and_approves_a_programme(cast, programme, name, view, edit, approve):
    user = getattr(cast, name)
    assert (programme in visible_programmes(user)) is view
    if not view:
        with pytest.raises(NotFound):
            get_programme_for(user, programme.pk)
        return
    assert can_programme(user, ProgrammeAction.EDIT, programme) is edit
    assert can_programme(user, ProgrammeAction.APPROVE, programme) is approve


def test_the_programme_pages(cast, programme, client_for):
    clerk = client_for(cast.vanthu)
    page = clerk.get(f"/nhiem-vu/chuong-trinh/{programme.pk}/").content.decode()
    assert "Tổ chức Ngày hội Đại đoàn kết" in page and 'data-testid="item-form"' in page
    assert 'data-testid="approve"' not in page
    bad = clerk.post(f"/nhiem-vu/chuong-trinh/{programme.pk}/muc/them/",
                     {"content": "", "planned_month": "2027-13", "responsible": ""})
    assert bad.status_code == 422 and "Tháng không hợp lệ" in bad.content.decode()
    added = clerk.post(f"/nhiem-vu/chuong-trinh/{programme.pk}/muc/them/", {
        "content": "Tổng kết năm", "planned_month": "2027-12",
        "responsible": f"o{cast.orgs['UBND'].pk}"}, follow=True)
    assert "Đã thêm nội dung vào chương trình." in added.content.decode()
    head = client_for(cast.chutich)
    approved = head.post(f"/nhiem-vu/chuong-trinh/{programme.pk}/duyet/", follow=True)
    assert "Đã duyệt chương trình công tác." in approved.content.decode()
    item = programme.items.first()
    form = head.get(f"/nhiem-vu/giao/?muc={item.pk}").content.decode()
    assert "Từ chương trình công tác" in form and item.content in form
    due = (clock.today() + dt.timedelta(days=15)).isoformat()
    done = head.post("/nhiem-vu/giao/", {
        "muc": item.pk, "rows": 1, "organization": cast.orgs["UBND"].pk,
        "r0-title": item.content, "r0-lead": f"u{cast.units['KT'].pk}", "r0-due_date": due,
    })
    assert done.status_code == 302 and done["Location"] == f"/nhiem-vu/chuong-trinh/{programme.pk}/"
    assert item.tasks.count() == 1
    # another organization's head cannot see it, nor give tasks from it
    assert client_for(cast.bithu).get(f"/nhiem-vu/chuong-trinh/{programme.pk}/").status_code \
        == 404
    assert client_for(cast.bithu).get(f"/nhiem-vu/giao/?muc={item.pk}").status_code == 404
    # a member sees the page but may not add
    member = client_for(cast.chuyenvien)
    assert member.post(f"/nhiem-vu/chuong-trinh/{programme.pk}/muc/them/",
                       {"content": "x"}).status_code == 403


def test_the_report_in_excel_and_pdf(cast, programme, client_for):
    client = client_for(cast.vanthu)
    xlsx = client.get(f"/nhiem-vu/chuong-trinh/{programme.pk}/bao-cao.xlsx")
    rows = [[c.value for c in r] for r in load_workbook(io.BytesIO(xlsx.content)).active
            .iter_rows()]
    assert rows[1][0] == "BÁO CÁO KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH CÔNG TÁC"
    assert any(r[1] == "Sơ kết 6 tháng" for r in rows)
    printed = client.get(f"/nhiem-vu/chuong-trinh/{programme.pk}/bao-cao.pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(printed.content)).pages)
    assert "CHƯƠNG TRÌNH CÔNG TÁC" in text and "Tỷ lệ hoàn thành 0%" in text


def test_creating_a_programme_from_the_page(cast, client_for):
    client = client_for(cast.bithu)
    made = client.post("/nhiem-vu/chuong-trinh/them/", {
        "organization": cast.orgs["ĐU"].pk, "title": "Chương trình công tác toàn khóa",
        "kind": "term", "year": "2027"})
    assert made.status_code == 302
    assert client_for(cast.chuyenvien).get("/nhiem-vu/chuong-trinh/them/").status_code == 404


def test_programmes_through_the_api(cast, programme, api_as):  # noqa: F811
    head = api_as(cast.chutich)
    listed = head.get("/programmes").json()
    assert [p["title"] for p in listed] == ["Chương trình công tác năm 2027"]
    added = api_as(cast.vanthu).post(f"/programmes/{programme.pk}/items", {
        "content": "Tổng kết năm", "planned_month": f"{clock.today().year}-12-05",
        "responsible_organization_id": cast.orgs["UBND"].pk})
    assert added.status_code == 201 and len(added.json()["items"]) == 4
    assert api_as(cast.vanthu).post(f"/programmes/{programme.pk}/approve").status_code == 403
    approved = head.post(f"/programmes/{programme.pk}/approve")
    assert approved.status_code == 200 and approved.json()["state"] == "approved"
    item = programme.items.first()
    made = head.post(f"/programme-items/{item.pk}/tasks", {"tasks": [{
        "title": "Lập kế hoạch", "working_days": 10,
        "lead": {"organization_id": cast.orgs["UBND"].pk, "unit_id": cast.units["KT"].pk}}]})
    assert made.status_code == 201 and made.json()[0]["source"] == "programme"
    detail = head.get(f"/programmes/{programme.pk}").json()
    assert detail["items"][0]["status"] == "in_progress" and detail["items"][0]["tasks"] == 1
    assert api_as(cast.bithu).get(f"/programmes/{programme.pk}").status_code == 404
    foreign = api_as(cast.bithu).post(f"/programme-items/{item.pk}/tasks", {"tasks": [{
        "title": "X", "working_days": 5, "lead": {"organization_id": cast.orgs["ĐU"].pk}}]})
    assert foreign.status_code == 404
