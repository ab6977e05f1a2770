"""Handing a task down (issue #6): the leader of an organization given a task passes it to
a unit or a person of that organization ("giao tiếp"), a unit head to a person of the
unit; a part of a task becomes a sub-task with its own deadline, and the parent waits
for it."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_api import api_as  # noqa: F401  (fixture)
from tests.test_tasks import LEAD, SUPPORT
from vanphong import clock
from vanphong.errors import Invalid, NotAllowed
from vanphong.followup import actions
from vanphong.followup.access import visible_tasks
from vanphong.followup.actions import AssigneeSpec, TaskSpec
from vanphong.followup.models import EventKind, Source, TaskAssignee
from vanphong.incoming.models import AssignmentState
from vanphong.notices.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def task(cast):
    """The Party committee gives the People's Committee (as an organization) the lead and
    the Fatherland Front the support."""
    o = cast.orgs
    [made] = actions.create_tasks(actor=cast.bithu, organization=o["ĐU"], specs=[TaskSpec(
        title="Triển khai chuyển đổi số", due_date=clock.today() + dt.timedelta(days=30),
        assignees=(AssigneeSpec(LEAD, o["UBND"]), AssigneeSpec(SUPPORT, o["MTTQ"])))])
    return made


def _row(task, org):
    return task.assignees.get(organization__short_name=org, state=AssignmentState.ACTIVE)


def test_the_chairman_hands_the_lead_to_a_unit_and_its_head_to_a_person(cast, task):
    unit_row = actions.delegate_assignee(actor=cast.chutich, task=task, row=_row(task, "UBND"),
                                         unit=cast.units["VHXH"], note="Phòng VHXH chủ trì")
    assert (unit_row.kind, unit_row.unit, unit_row.person) == (LEAD, cast.units["VHXH"], None)
    assert task.assignees.filter(state=AssignmentState.REASSIGNED).count() == 1
    # the unit head now answers for it, and hands it to a specialist of the unit
    person_row = actions.delegate_assignee(actor=cast.truongphong, task=task, row=unit_row,
                                           person=cast.chuyenvien)
    assert (person_row.unit, person_row.person) == (cast.units["VHXH"], cast.chuyenvien)
    live = TaskAssignee.objects.filter(task=task, kind=LEAD, state=AssignmentState.ACTIVE)
    assert list(live) == [person_row]  # still exactly one live lead
    assert task.events.filter(kind=EventKind.DELEGATE).count() == 2
    assert Notification.objects.filter(recipient=cast.chuyenvien, kind="task.assigned").exists()
    assert task in visible_tasks(cast.chuyenvien)


def test_handing_down_is_refused_outside_ones_part(cast, task):
    with pytest.raises(NotAllowed):  # the Front's head holds the support, not the lead
        actions.delegate_assignee(actor=cast.chutichmttq, task=task, row=_row(task, "UBND"),
                                  person=cast.chuyenvien)
    with pytest.raises(NotAllowed):  # a specialist holds nothing yet
        actions.delegate_assignee(actor=cast.chuyenvien, task=task, row=_row(task, "UBND"),
                                  person=cast.chuyenvien)
    with pytest.raises(Invalid, match="không công tác tại UBND"):
        actions.delegate_assignee(actor=cast.chutich, task=task, row=_row(task, "UBND"),
                                  person=cast.chuyenvienmttq)
    with pytest.raises(Invalid, match="không thuộc"):
        actions.delegate_assignee(actor=cast.chutich, task=task, row=_row(task, "UBND"),
                                  unit=cast.units["BTT"])
    # the Front's head may hand the Front's own (support) part down
    actions.delegate_assignee(actor=cast.chutichmttq, task=task, row=_row(task, "MTTQ"),
                              person=cast.chuyenvienmttq)


def test_a_unit_head_may_not_move_the_task_to_another_unit(cast, task):
    unit_row = actions.delegate_assignee(actor=cast.chutich, task=task, row=_row(task, "UBND"),
                                         unit=cast.units["VHXH"])
    with pytest.raises(Invalid, match="người trong đơn vị"):
        actions.delegate_assignee(actor=cast.truongphong, task=task, row=unit_row,
                                  unit=cast.units["KT"])
    with pytest.raises(Invalid, match="không thuộc Phòng Văn hóa"):
        actions.delegate_assignee(actor=cast.truongphong, task=task, row=unit_row,
                                  person=cast.chuyenvien2)  # of the economic unit


def test_a_subtask_has_an_earlier_deadline_and_holds_the_parent_open(cast, task):
    o, u = cast.orgs, cast.units
    late = TaskSpec(title="Khảo sát hạ tầng", due_date=task.due_date + dt.timedelta(days=1),
                    assignees=(AssigneeSpec(LEAD, o["UBND"], u["KT"]),))
    with pytest.raises(Invalid, match="không được sau hạn"):
        actions.create_subtask(actor=cast.chutich, parent=task, spec=late)
    spec = TaskSpec(title="Khảo sát hạ tầng", due_date=task.due_date - dt.timedelta(days=10),
                    assignees=(AssigneeSpec(LEAD, o["UBND"], u["KT"]),))
    child = actions.create_subtask(actor=cast.chutich, parent=task, spec=spec)
    assert (child.parent, child.source, child.organization) == (task, Source.SUBTASK, o["UBND"])
    assert task.events.filter(kind=EventKind.SUBTASK).exists()
    with pytest.raises(Invalid, match="nhiệm vụ con"):
        actions.complete_task(actor=cast.chutich, task=task, result="Xong")
    actions.complete_task(actor=cast.truongphongkt, task=child, result="Đã khảo sát")
    task.refresh_from_db()
    actions.complete_task(actor=cast.chutich, task=task, result="Xong")
    with pytest.raises(NotAllowed):
        actions.create_subtask(actor=cast.chuyenvien, parent=task, spec=spec)


def test_delegating_and_subtasks_from_the_task_page(cast, task, client_for):
    client = client_for(cast.chutich)
    page = client.get(f"/nhiem-vu/{task.pk}/").content.decode()
    assert 'data-testid="delegate-form"' in page and 'data-testid="subtask-form"' in page
    row = _row(task, "UBND")
    done = client.post(f"/nhiem-vu/{task.pk}/giao-tiep/",
                       {"row": row.pk, "to": f"u{cast.units['VHXH'].pk}", "note": ""},
                       follow=True)
    assert "Đã giao tiếp cho UBND — Phòng Văn hóa – Xã hội." in done.content.decode()
    bad = client.post(f"/nhiem-vu/{task.pk}/nhiem-vu-con/",
                      {"title": "Khảo sát", "lead": f"u{cast.units['KT'].pk}",
                       "due_date": (task.due_date + dt.timedelta(days=3)).isoformat()})
    assert bad.status_code == 422
    assert "không được sau hạn nhiệm vụ" in bad.content.decode()
    made = client.post(f"/nhiem-vu/{task.pk}/nhiem-vu-con/",
                       {"title": "Khảo sát", "lead": f"u{cast.units['KT'].pk}",
                        "due_date": (task.due_date - dt.timedelta(days=3)).isoformat()},
                       follow=True)
    assert "Đã thêm nhiệm vụ con “Khảo sát”." in made.content.decode()
    # a specialist sees no such forms and is refused
    other = client_for(cast.chuyenvienmttq)
    assert other.post(f"/nhiem-vu/{task.pk}/giao-tiep/", {"row": row.pk}).status_code == 404


def test_delegating_and_subtasks_through_the_api(cast, task, api_as):  # noqa: F811
    row = _row(task, "UBND")
    api = api_as(cast.chutich)
    done = api.post(f"/tasks/{task.pk}/delegate",
                    {"assignee_row_id": row.pk, "person_id": cast.chuyenvien.pk})
    assert done.status_code == 200
    assert any(a["person"] == cast.chuyenvien.full_name and a["state"] == "active"
               for a in done.json()["assignees"])
    wrong = api.post(f"/tasks/{task.pk}/delegate", {"assignee_row_id": 999999})
    assert wrong.status_code == 422
    child = api.post(f"/tasks/{task.pk}/subtasks", {
        "title": "Khảo sát", "due_date": (task.due_date - dt.timedelta(days=2)).isoformat(),
        "lead": {"organization_id": cast.orgs["UBND"].pk, "unit_id": cast.units["KT"].pk}})
    assert child.status_code == 201 and child.json()["source"] == "subtask"
    # the specialist holds the lead as a person: nothing further to hand down
    refused = api_as(cast.chuyenvien).post(f"/tasks/{task.pk}/subtasks", {
        "title": "X", "due_date": task.due_date.isoformat(),
        "lead": {"organization_id": cast.orgs["UBND"].pk}})
    assert refused.status_code == 403
