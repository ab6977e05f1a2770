"""Task pages: assigning several tasks from an incoming document, the task page and its
actions, refusals and bad input — through the pages, as the demo cast."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.conftest import make_pdf
from tests.test_tasks import resolution, three_tasks
from vanphong import clock
from vanphong.followup.models import ExtensionState, Status, Task

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def _row(i, title, lead, supports=(), **extra):
    data = {f"r{i}-title": title, f"r{i}-lead": lead}
    if supports:
        data[f"r{i}-supports"] = list(supports)
    return data | {f"r{i}-{k}": v for k, v in extra.items()}


def test_a_head_assigns_three_tasks_from_an_incoming_document(cast, client_for):
    document = resolution(cast)
    client = client_for(cast.bithu)
    page = client.get(reverse("incoming:detail", args=[document.pk]))
    assert 'data-testid="make-tasks"' in page.content.decode()
    url = reverse("followup:create") + f"?van-ban-den={document.pk}"
    form = client.get(url)
    assert form.status_code == 200 and document.subject in form.content.decode()
    o, u = cast.orgs, cast.units
    due = (clock.today() + dt.timedelta(days=20)).isoformat()
    data = {"van-ban-den": str(document.pk), "rows": "3", "organization": str(o["ĐU"].pk)}
    data |= _row(0, "Xây dựng kế hoạch", f"u{u['VHXH'].pk}", [f"o{o['MTTQ'].pk}"], due_date=due)
    data |= _row(1, "Tuyên truyền", f"o{o['MTTQ'].pk}", working_days="10")
    data |= _row(2, "Rà soát hạ tầng", f"p{cast.chuyenvien2.pk}-{o['UBND'].pk}", due_date=due)
    response = client.post(reverse("followup:create"), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("incoming:detail", args=[document.pk])
    tasks = Task.objects.filter(source_incoming=document)
    assert tasks.count() == 3
    assert {a.organization.short_name for t in tasks for a in t.assignees.all()} == {"UBND",
                                                                                    "MTTQ"}
    page = client.get(reverse("incoming:detail", args=[document.pk])).content.decode()
    assert "Tuyên truyền" in page and "Rà soát hạ tầng" in page


def test_a_row_without_its_lead_is_refused_and_nothing_is_lost(cast, client_for):
    document = resolution(cast)
    data = {"van-ban-den": str(document.pk), "rows": "3", "organization": str(
        cast.orgs["ĐU"].pk)} | _row(0, "Việc thiếu nơi chủ trì", "", due_date="")
    response = client_for(cast.bithu).post(reverse("followup:create"), data)
    assert response.status_code == 422
    body = response.content.decode()
    assert "Chọn nơi chủ trì." in body and "Việc thiếu nơi chủ trì" in body
    assert not Task.objects.exists()


def test_people_who_may_not_assign_get_no_form(cast, client_for):
    document = resolution(cast)
    url = reverse("followup:create") + f"?van-ban-den={document.pk}"
    assert client_for(cast.chuyenvien).get(url).status_code == 404
    assert client_for(cast.chuyenvien).get(reverse("followup:create")).status_code == 404


def test_an_assignee_reports_progress_and_asks_for_more_time_the_assigner_decides(
    cast, client_for
):
    task = three_tasks(cast, resolution(cast))[0]
    worker = client_for(cast.chuyenvien)
    upload = SimpleUploadedFile("bao-cao.pdf", make_pdf("tiến độ"), "application/pdf")
    response = worker.post(reverse("followup:progress", args=[task.pk]),
                           {"percent": "40", "note": "Đã khảo sát 4/9 thôn",
                            "attachments": upload})
    assert response.status_code == 302
    page = worker.get(reverse("followup:detail", args=[task.pk])).content.decode()
    assert "Đã khảo sát 4/9 thôn" in page and "bao-cao.pdf" in page
    report_file = task.reports.get().files.get()
    download = worker.get(reverse("followup:download", args=[task.pk, report_file.pk]))
    assert download.status_code == 200
    assert client_for(cast.chutichhnd).get(
        reverse("followup:download", args=[task.pk, report_file.pk])).status_code == 404

    wanted = (task.due_date + dt.timedelta(days=10)).isoformat()
    response = worker.post(reverse("followup:request_extension", args=[task.pk]),
                           {"proposed_due_date": wanted, "reason": "Chờ số liệu"})
    assert response.status_code == 302
    refused = worker.post(reverse("followup:decide_extension", args=[task.pk]),
                          {"decision": "approve"})
    assert refused.status_code == 403
    response = client_for(cast.bithu).post(reverse("followup:decide_extension", args=[task.pk]),
                                           {"decision": "approve", "note": ""})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.due_date.isoformat() == wanted
    assert task.extension_requests.get().state == ExtensionState.APPROVED


def test_bad_input_on_the_task_page_gets_a_message_not_a_500(cast, client_for):
    task = three_tasks(cast, resolution(cast))[0]
    worker = client_for(cast.chuyenvien)
    response = worker.post(reverse("followup:progress", args=[task.pk]),
                           {"percent": "140", "note": "x"})
    assert response.status_code == 422
    response = worker.post(reverse("followup:request_extension", args=[task.pk]),
                           {"proposed_due_date": "2020-01-01", "reason": "Muộn"})
    assert response.status_code == 422
    assert "Hạn đề nghị phải sau hạn hiện tại." in response.content.decode()
    task.refresh_from_db()
    assert task.extension_requests.count() == 0
    assert worker.get("/nhiem-vu/not-a-uuid/").status_code == 404
    assert worker.get("/nhiem-vu/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_the_list_shows_overdue_tasks(cast, client_for):
    tasks = three_tasks(cast, resolution(cast))
    first = min(tasks, key=lambda t: t.due_date)
    late = dt.datetime.combine(first.due_date + dt.timedelta(days=1), dt.time(9), HANOI)
    client = client_for(cast.vanthu)
    with clock.frozen_at(late):
        page = client.get(reverse("followup:list"), {"state": "qua-han"}).content.decode()
    assert first.title in page and "Quá hạn" in page
    assert tasks[1].title not in page  # due in 30 days
    done = client.get(reverse("followup:list"), {"state": "xong"}).content.decode()
    assert "Không có nhiệm vụ nào" in done
    assert Status.DONE not in {t.status for t in tasks}


def test_my_work_lists_the_tasks_i_lead_support_or_must_decide(cast, client_for):
    from vanphong.followup import actions

    tasks = three_tasks(cast, resolution(cast))
    actions.request_extension(actor=cast.chuyenvien, task=tasks[0], reason="Chờ số liệu",
                              proposed_due_date=tasks[0].due_date + dt.timedelta(days=5))
    lead = client_for(cast.chuyenvien).get(reverse("home:my_work")).content.decode()
    assert 'data-testid="count-tasks-lead">1<' in lead and tasks[0].title in lead
    support = client_for(cast.chutichmttq).get(reverse("home:my_work")).content.decode()
    assert 'data-testid="count-tasks-support">1<' in support
    head = client_for(cast.bithu).get(reverse("home:my_work")).content.decode()
    assert 'data-testid="count-tasks-extension">1<' in head
    other = client_for(cast.ketoan).get(reverse("home:my_work")).content.decode()
    assert "tasks-lead" not in other


def _selected(page: str, name: str) -> str:
    import re

    select = re.search(rf'<select[^>]*id="id_{name}".*?</select>', page, re.S).group(0)
    return re.search(r'<option value="(\d+)"[^>]*selected', select).group(1)


@pytest.mark.parametrize(("who", "first", "then"), [
    ("chutich", "UBND", "ĐU"),  # Chủ tịch UBND, also Phó Bí thư Đảng ủy
    ("bithu", "ĐU", "HĐND"),  # Bí thư Đảng ủy, also Chủ tịch HĐND
])
def test_task_and_programme_forms_start_from_the_acting_organization(
    cast, client_for, who, first, then
):
    client = client_for(getattr(cast, who))
    for short_name in (first, then):
        if short_name == then:
            client.post(reverse("home:act_for"), {"organization": cast.orgs[then].pk})
        expected = str(cast.orgs[short_name].pk)
        for name in ("followup:create", "followup:programme_create"):
            page = client.get(reverse(name)).content.decode()
            assert _selected(page, "organization") == expected, (name, short_name)
