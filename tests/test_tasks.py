"""Tasks (issue #6): created from a head's instruction on an incoming document, followed
through progress, extension, completion and reopening — every change in the history and
the audit; who sees and does what, as a matrix over the demo cast."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import make_pdf
from tests.test_incoming_permissions import EVERYONE, _register
from vanphong import clock
from vanphong.audit.models import AuditEvent
from vanphong.errors import Conflict, Invalid, NotAllowed, NotFound
from vanphong.files.actions import store_file
from vanphong.followup import actions
from vanphong.followup.access import Action, allowed_actions, get_task_for, visible_tasks
from vanphong.followup.actions import AssigneeSpec, TaskSpec
from vanphong.followup.models import EventKind, ExtensionState, Source, Status, Task
from vanphong.incoming import actions as incoming_actions
from vanphong.incoming.models import AssignmentKind

pytestmark = pytest.mark.django_db
LEAD, SUPPORT = AssignmentKind.LEAD, AssignmentKind.SUPPORT
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def resolution(cast):
    """A resolution of the Party committee, routed to its secretary."""
    document = _register(cast, org="ĐU", subject="Nghị quyết về chuyển đổi số năm 2027")
    incoming_actions.route_incoming(actor=cast.vanthu, document=document, leaders=[cast.bithu])
    return document


def three_tasks(cast, document):
    o, u = cast.orgs, cast.units
    return actions.create_tasks_from_incoming(
        actor=cast.bithu,
        document=document,
        specs=[
            TaskSpec(
                title="Xây dựng kế hoạch chuyển đổi số của xã",
                assignees=(
                    AssigneeSpec(LEAD, o["UBND"], u["VHXH"], cast.chuyenvien),
                    AssigneeSpec(SUPPORT, o["MTTQ"]),
                ),
                working_days=10,
            ),
            TaskSpec(
                title="Tuyên truyền nghị quyết trong nhân dân",
                assignees=(AssigneeSpec(LEAD, o["MTTQ"], person=cast.chuyenvienmttq),),
                due_date=clock.today() + dt.timedelta(days=30),
            ),
            TaskSpec(
                title="Rà soát hạ tầng mạng các thôn",
                assignees=(AssigneeSpec(LEAD, o["UBND"], u["KT"]),),
                due_date=clock.today() + dt.timedelta(days=20),
            ),
        ],
    )


def pdf(cast, name="bao-cao.pdf"):
    data = make_pdf("Báo cáo tiến độ")
    return store_file(actor=cast.chuyenvien, stream=io.BytesIO(data), name=name, size=len(data))


def test_a_head_turns_an_incoming_resolution_into_three_tasks_for_two_organizations(cast):
    document = resolution(cast)
    tasks = three_tasks(cast, document)
    assert len(tasks) == 3
    assert {t.source for t in tasks} == {Source.INCOMING}
    assert {t.source_incoming_id for t in tasks} == {document.pk}
    assert {t.organization.short_name for t in tasks} == {"ĐU"}  # the assigning organization
    doers = {a.organization.short_name for t in tasks for a in t.assignees.all()}
    assert doers == {"UBND", "MTTQ"}
    for task in tasks:
        assert task.assignees.filter(kind=LEAD).count() == 1
        assert list(task.events.values_list("kind", flat=True)) == [EventKind.CREATE]
        assert AuditEvent.objects.filter(object_id=str(task.pk), action="task.create").exists()
    assert tasks[0].due_working_days == 10 and tasks[0].due_date > clock.today()


def test_only_a_leader_the_document_reached_may_turn_it_into_tasks(cast):
    document = resolution(cast)
    with pytest.raises(NotAllowed):
        actions.create_tasks_from_incoming(actor=cast.chutich, document=document, specs=[])


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"assignees": ()}, "đúng một nơi chủ trì"),
        ({"title": "  "}, "tên nhiệm vụ"),
        ({"due_date": dt.date(2020, 1, 1)}, "trước hôm nay"),
        ({"due_date": None}, "hạn hoàn thành"),
        ({"person": "chuyenviendang"}, "không công tác tại UBND"),
    ],
)
def test_a_task_that_cannot_be_followed_up_is_refused_with_a_reason(cast, spec, message):
    person = getattr(cast, spec.pop("person", "chuyenvien"))
    fields = {
        "title": "Báo cáo số liệu", "due_date": clock.today() + dt.timedelta(days=5),
        "assignees": (AssigneeSpec(LEAD, cast.orgs["UBND"], person=person),),
    }
    fields.update(spec)
    with pytest.raises(Invalid, match=message):
        actions.create_tasks(actor=cast.chutich, organization=cast.orgs["UBND"],
                             specs=[TaskSpec(**fields)])
    assert not Task.objects.exists()


def test_a_deadline_in_working_days_skips_tet(cast):
    """Counted by the one working-day calendar: 5 working days from 3/2/2027 cross Tết."""
    with clock.frozen_at(dt.datetime(2027, 2, 3, 9, tzinfo=HANOI)):
        [task] = actions.create_tasks(
            actor=cast.chutich, organization=cast.orgs["UBND"],
            specs=[TaskSpec(title="Báo cáo nhanh", working_days=5,
                            assignees=(AssigneeSpec(LEAD, cast.orgs["UBND"],
                                                    person=cast.chuyenvien),))],
        )
    assert task.due_date == dt.date(2027, 2, 17)
    assert task.due_working_days == 5


def test_progress_extension_and_completion_are_kept_in_the_history(cast):
    task = three_tasks(cast, resolution(cast))[0]
    report = actions.report_progress(actor=cast.chuyenvien, task=task, percent=40,
                                     note="Đã khảo sát 4/9 thôn", files=[(pdf(cast), "bc.pdf")])
    task.refresh_from_db()
    assert (task.status, task.progress, report.files.count()) == (Status.IN_PROGRESS, 40, 1)

    old_due = task.due_date
    wanted = old_due + dt.timedelta(days=14)
    actions.request_extension(actor=cast.chuyenvien, task=task, proposed_due_date=wanted,
                              reason="Chờ số liệu của huyện")
    with pytest.raises(Conflict):
        actions.request_extension(actor=cast.chuyenvien, task=task, proposed_due_date=wanted,
                                  reason="Lần nữa")
    with pytest.raises(NotAllowed):  # only the assigner's side decides
        actions.decide_extension(actor=cast.chuyenvien, task=task, approve=True)
    decided = actions.decide_extension(actor=cast.bithu, task=task, approve=True)
    task.refresh_from_db()
    assert decided.state == ExtensionState.APPROVED
    assert (task.due_date, task.original_due_date) == (wanted, old_due)

    actions.complete_task(actor=cast.chuyenvien, task=task, result="Kế hoạch đã ban hành",
                          files=[(pdf(cast, "kh.pdf"), "kh.pdf")])
    task.refresh_from_db()
    assert task.status == Status.DONE and task.completed_on == clock.today()
    assert task.evidence.count() == 1 and not task.done_late
    actions.reopen_task(actor=cast.bithu, task=task, reason="Thiếu phụ lục kinh phí")
    task.refresh_from_db()
    assert task.status == Status.IN_PROGRESS and task.completed_on is None
    kinds = list(task.events.values_list("kind", flat=True))
    assert kinds == [EventKind.CREATE, EventKind.PROGRESS, EventKind.REQUEST_EXTENSION,
                     EventKind.APPROVE_EXTENSION, EventKind.COMPLETE, EventKind.REOPEN]
    assert AuditEvent.objects.filter(object_id=str(task.pk)).count() == len(kinds)


def test_a_refusal_needs_a_reason_and_keeps_the_deadline(cast):
    task = three_tasks(cast, resolution(cast))[0]
    due = task.due_date
    actions.request_extension(actor=cast.chuyenvien, task=task,
                              proposed_due_date=due + dt.timedelta(days=3), reason="Bận")
    with pytest.raises(Invalid):
        actions.decide_extension(actor=cast.bithu, task=task, approve=False)
    actions.decide_extension(actor=cast.bithu, task=task, approve=False, note="Việc gấp")
    task.refresh_from_db()
    assert task.due_date == due
    assert task.extension_requests.get().state == ExtensionState.REFUSED


def test_overdue_is_automatic_and_late_completion_is_marked(cast):
    task = three_tasks(cast, resolution(cast))[1]
    later = dt.datetime.combine(task.due_date + dt.timedelta(days=1), dt.time(9), HANOI)
    assert not task.is_overdue
    with clock.frozen_at(later):
        assert task.is_overdue and task.state_label == "Quá hạn"
        actions.complete_task(actor=cast.chuyenvienmttq, task=task, result="Đã tuyên truyền")
    task.refresh_from_db()
    assert task.done_late and task.state_label == "Hoàn thành (trễ hạn)"


def test_a_task_with_open_subtasks_cannot_be_completed(cast):
    parent = three_tasks(cast, resolution(cast))[0]
    actions.create_tasks(
        actor=cast.chutich, organization=cast.orgs["UBND"], parent=parent, source=Source.SUBTASK,
        specs=[TaskSpec(title="Khảo sát thôn 1", due_date=parent.due_date,
                        assignees=(AssigneeSpec(LEAD, cast.orgs["UBND"],
                                                person=cast.chuyenvien2),))],
    )
    with pytest.raises(Invalid, match="nhiệm vụ con"):
        actions.complete_task(actor=cast.chuyenvien, task=parent, result="Xong")


# --- who sees and does what: the first task of `three_tasks` (ĐU assigns; UBND's VHXH
# unit leads through chuyenvien; MTTQ supports as an organization) ---

SEES = {"vanthu", "vanthu2", "chanhvanphong", "bithu", "phobithu", "chutich", "phochutich",
        "truongphong", "chuyenvien", "chutichmttq"}
ACTS = {
    "bithu": {Action.VIEW, Action.EDIT, Action.DELEGATE, Action.REMIND},
    "phobithu": {Action.VIEW, Action.EDIT, Action.DELEGATE, Action.REMIND},
    "vanthu": {Action.VIEW, Action.REMIND},
    "vanthu2": {Action.VIEW, Action.REMIND},
    "chanhvanphong": {Action.VIEW, Action.REMIND},
    # chutich is also a deputy secretary of the ĐU: he manages it and answers for UBND's part
    "chutich": {Action.VIEW, Action.EDIT, Action.DELEGATE, Action.REMIND, Action.PROGRESS,
                Action.COMPLETE, Action.REQUEST_EXTENSION},
    "phochutich": {Action.VIEW, Action.PROGRESS, Action.COMPLETE, Action.REQUEST_EXTENSION},
    "truongphong": {Action.VIEW, Action.PROGRESS, Action.COMPLETE, Action.REQUEST_EXTENSION},
    "chuyenvien": {Action.VIEW, Action.PROGRESS, Action.COMPLETE, Action.REQUEST_EXTENSION},
    "chutichmttq": {Action.VIEW, Action.PROGRESS, Action.DELEGATE},
}


@pytest.mark.parametrize("who", EVERYONE)
def test_who_sees_and_does_what_with_a_task(cast, who):
    task = three_tasks(cast, resolution(cast))[0]
    user = getattr(cast, who)
    assert (task in visible_tasks(user)) == (who in SEES)
    if who not in SEES:
        with pytest.raises(NotFound):
            get_task_for(user, task.pk)
        return
    assert allowed_actions(user, task) == ACTS[who]
    for action in set(Action) - ACTS[who]:
        with pytest.raises(NotAllowed):
            get_task_for(user, task.pk, action)
