"""Every write about tasks: each checks the gatekeeper's rule, changes the rows
conditionally, and writes one history row and one audit row in its transaction."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from vanphong import clock
from vanphong.audit.actions import record_audit
from vanphong.errors import Conflict, Invalid, NotAllowed
from vanphong.files.models import StoredFile
from vanphong.followup.access import Action, can, may_create_task, my_rows
from vanphong.followup.models import (
    OPEN_STATUSES,
    TRANSITIONS,
    EventKind,
    Evidence,
    ExtensionRequest,
    ExtensionState,
    ItemStatus,
    ProgrammeItem,
    ProgressReport,
    ReportFile,
    Source,
    Status,
    Task,
    TaskAssignee,
    TaskEvent,
)
from vanphong.followup.reminders import People, policy_for
from vanphong.incoming.access import Action as IncomingAction
from vanphong.incoming.access import can as can_incoming
from vanphong.incoming.models import AssignmentKind, AssignmentState, IncomingDocument
from vanphong.notices.actions import notify
from vanphong.organizations.models import Organization, Position, Role, Unit, User
from vanphong.outgoing.access import Action as OutgoingAction
from vanphong.outgoing.access import can as can_outgoing
from vanphong.outgoing.models import OutgoingDocument
from vanphong.outgoing.models import Status as OutgoingStatus
from vanphong.workdays.dates import deadline_after

MAX_TASKS_AT_ONCE = 50


@dataclasses.dataclass(frozen=True)
class AssigneeSpec:
    kind: str  # AssignmentKind: lead, support, for_info
    organization: Organization
    unit: Unit | None = None
    person: User | None = None


@dataclasses.dataclass(frozen=True)
class TaskSpec:
    title: str
    assignees: tuple[AssigneeSpec, ...]
    description: str = ""
    due_date: dt.date | None = None
    working_days: int | None = None  # "trong 10 ngày làm việc": counted from today
    urgency: int = 0


def create_tasks(
    *,
    actor: User,
    organization: Organization,
    specs: Sequence[TaskSpec],
    incoming: IncomingDocument | None = None,
    outgoing: OutgoingDocument | None = None,
    parent: Task | None = None,
    source: str = Source.DIRECT,
    item: ProgrammeItem | None = None,
) -> list[Task]:
    """Assign one or several tasks of `organization` at once (all or none)."""
    if not may_create_task(actor, organization):
        raise NotAllowed("Chỉ lãnh đạo cơ quan hoặc trưởng đơn vị được giao nhiệm vụ.")
    if not specs or len(specs) > MAX_TASKS_AT_ONCE:
        raise Invalid(f"Giao từ 1 đến {MAX_TASKS_AT_ONCE} nhiệm vụ một lần.")
    for spec in specs:
        _check_spec(organization, spec)
    with transaction.atomic():
        return [
            _create(actor, organization, spec, incoming, outgoing, parent, source, item)
            for spec in specs
        ]


def create_tasks_from_incoming(
    *, actor: User, document: IncomingDocument, specs: Sequence[TaskSpec]
) -> list[Task]:
    """A head's instruction on an incoming document (a resolution, a plan) becomes tasks,
    for their own organization's handling and for others of the office."""
    if not can_incoming(actor, IncomingAction.INSTRUCT, document):
        raise NotAllowed("Chỉ lãnh đạo được trình văn bản mới giao nhiệm vụ từ văn bản này.")
    return create_tasks(
        actor=actor, organization=document.organization, specs=specs, incoming=document,
        source=Source.INCOMING,
    )


def create_tasks_from_outgoing(
    *, actor: User, document: OutgoingDocument, specs: Sequence[TaskSpec]
) -> list[Task]:
    """An organization's own issued resolution, plan or conclusion notice becomes tasks —
    given by its leaders (or a unit head for their unit)."""
    if document.status != OutgoingStatus.ISSUED:
        raise Invalid("Chỉ giao nhiệm vụ từ văn bản đã phát hành.")
    if not can_outgoing(actor, OutgoingAction.VIEW, document):
        raise NotAllowed
    return create_tasks(
        actor=actor, organization=document.organization, specs=specs, outgoing=document,
        source=Source.OUTGOING,
    )


def _check_spec(organization: Organization, spec: TaskSpec) -> None:
    if not spec.title.strip():
        raise Invalid("Nhập tên nhiệm vụ.", fields={"title": "Bắt buộc."})
    if (spec.due_date is None) == (spec.working_days is None):
        raise Invalid("Nhập hạn hoàn thành: một ngày, hoặc số ngày làm việc.",
                      fields={"due_date": "Bắt buộc."})
    if spec.due_date is not None and spec.due_date < clock.today():
        raise Invalid("Hạn hoàn thành không được trước hôm nay.", fields={"due_date": "Sai."})
    if spec.working_days is not None and not 1 <= spec.working_days <= 365:
        raise Invalid("Số ngày làm việc từ 1 đến 365.", fields={"working_days": "Sai."})
    leads = [a for a in spec.assignees if a.kind == AssignmentKind.LEAD]
    if len(leads) != 1:
        raise Invalid("Mỗi nhiệm vụ có đúng một nơi chủ trì.", fields={"assignees": "Sai."})
    for assignee in spec.assignees:
        _check_assignee(organization, assignee)


def _check_assignee(organization: Organization, assignee: AssigneeSpec) -> None:
    where = assignee.organization
    if where.office_id != organization.office_id or not where.is_active:
        raise Invalid(f"{where.short_name} không thuộc văn phòng này.")
    unit = assignee.unit
    if unit is not None and (unit.office_id != where.office_id or unit.organization_id not in (
        where.pk, None
    )):
        raise Invalid(f"Đơn vị {unit.name} không thuộc {where.short_name}.")
    person = assignee.person
    if person is not None:
        posts = Position.objects.active(on=clock.today()).filter(person=person).exclude(
            role=Role.ADMIN
        )
        if not posts.filter(Q(organization=where) | Q(organization__isnull=True,
                                                       office_id=where.office_id)).exists():
            raise Invalid(f"{person.full_name} không công tác tại {where.short_name}.")


def _create(
    actor: User,
    organization: Organization,
    spec: TaskSpec,
    incoming: IncomingDocument | None,
    outgoing: OutgoingDocument | None,
    parent: Task | None,
    source: str,
    item: ProgrammeItem | None = None,
) -> Task:
    now = clock.now()
    due = spec.due_date or deadline_after(clock.today(), spec.working_days or 0)
    task = Task.objects.create(
        office_id=organization.office_id, organization=organization, parent=parent,
        title=spec.title.strip(), description=spec.description.strip(), urgency=spec.urgency,
        source=source, source_incoming=incoming, source_outgoing=outgoing,
        assigned_by=actor, assigned_at=now, due_date=due, due_working_days=spec.working_days,
        original_due_date=due, programme_item=item,
    )
    TaskAssignee.objects.bulk_create(
        TaskAssignee(
            task=task, kind=a.kind, organization=a.organization, unit=a.unit, person=a.person,
            assigned_by=actor, assigned_at=now,
        )
        for a in spec.assignees
    )
    _event(task, actor, EventKind.CREATE, note=spec.description, due=due.isoformat(),
           assignees=[_label(a) for a in spec.assignees])
    _tell(task, _doers(task) - {actor.pk}, "task.assigned",
          f"Được giao nhiệm vụ (hạn {due:%d/%m/%Y}): {task.title}",
          f"{task.organization.short_name} giao. {spec.description}".strip())
    return task


def _label(assignee: AssigneeSpec) -> str:
    parts = [assignee.organization.short_name]
    parts += [assignee.unit.name] if assignee.unit else []
    parts += [assignee.person.full_name] if assignee.person else []
    return f"{AssignmentKind(assignee.kind).label}: {' — '.join(parts)}"


def report_progress(
    *, actor: User, task: Task, percent: int, note: str,
    files: Sequence[tuple[StoredFile, str]] = (),
) -> ProgressReport:
    _allow(actor, Action.PROGRESS, task)
    if not 0 <= percent <= 100:
        raise Invalid("Tiến độ từ 0 đến 100%.", fields={"percent": "Sai."})
    if not note.strip():
        raise Invalid("Nhập nội dung báo cáo tiến độ.", fields={"note": "Bắt buộc."})
    with transaction.atomic():
        report = ProgressReport.objects.create(
            task=task, author=actor, at=clock.now(), percent=percent, note=note.strip()
        )
        ReportFile.objects.bulk_create(
            ReportFile(report=report, stored_file=stored, filename=name) for stored, name in files
        )
        new = Status.IN_PROGRESS if task.status == Status.ASSIGNED else task.status
        _move(task, new, progress=percent)
        _event(task, actor, EventKind.PROGRESS, from_status=Status.ASSIGNED
               if new != task.status else "", note=note, percent=percent, files=len(files))
        task.status, task.progress = new, percent
    return report


def request_extension(
    *, actor: User, task: Task, proposed_due_date: dt.date, reason: str
) -> ExtensionRequest:
    _allow(actor, Action.REQUEST_EXTENSION, task)
    if proposed_due_date <= task.due_date:
        raise Invalid("Hạn đề nghị phải sau hạn hiện tại.", fields={"proposed_due_date": "Sai."})
    if not reason.strip():
        raise Invalid("Nêu lý do xin gia hạn.", fields={"reason": "Bắt buộc."})
    with transaction.atomic():
        if task.extension_requests.filter(state=ExtensionState.PENDING).exists():
            raise Conflict("Nhiệm vụ đang có một đề nghị gia hạn chờ duyệt.")
        request = ExtensionRequest.objects.create(
            task=task, requested_by=actor, requested_at=clock.now(),
            proposed_due_date=proposed_due_date, reason=reason.strip(),
        )
        _event(task, actor, EventKind.REQUEST_EXTENSION, note=reason,
               proposed=proposed_due_date.isoformat())
        _tell(task, {task.assigned_by_id} - {actor.pk}, "task.extension",
              f"Đề nghị gia hạn đến {proposed_due_date:%d/%m/%Y}: {task.title}",
              f"{actor.full_name}: {reason.strip()}")
    return request


def decide_extension(
    *, actor: User, task: Task, approve: bool, due_date: dt.date | None = None, note: str = ""
) -> ExtensionRequest:
    """The assigner (or the organization's leaders) approves, possibly with another date,
    or refuses with a reason."""
    _allow(actor, Action.DECIDE_EXTENSION, task)
    request = task.extension_requests.get(state=ExtensionState.PENDING)
    new_due = (due_date or request.proposed_due_date) if approve else None
    if approve and new_due is not None and new_due <= task.due_date:
        raise Invalid("Hạn mới phải sau hạn hiện tại.", fields={"due_date": "Sai."})
    if not approve and not note.strip():
        raise Invalid("Nêu lý do không đồng ý.", fields={"note": "Bắt buộc."})
    with transaction.atomic():
        updated = ExtensionRequest.objects.filter(
            pk=request.pk, state=ExtensionState.PENDING
        ).update(
            state=ExtensionState.APPROVED if approve else ExtensionState.REFUSED,
            decided_by=actor, decided_at=clock.now(), decided_due_date=new_due,
            decision_note=note.strip(),
        )
        if not updated:
            raise Conflict
        if new_due is not None:
            old = task.due_date
            if not Task.objects.filter(pk=task.pk, due_date=old).update(due_date=new_due):
                raise Conflict
            task.due_date = new_due
            _event(task, actor, EventKind.APPROVE_EXTENSION, note=note,
                   old=old.isoformat(), new=new_due.isoformat())
        else:
            _event(task, actor, EventKind.REFUSE_EXTENSION, note=note)
        verdict = f"Đồng ý gia hạn đến {new_due:%d/%m/%Y}" if new_due else "Không đồng ý gia hạn"
        _tell(task, {request.requested_by_id} - {actor.pk}, "task.extension_decided",
              f"{verdict}: {task.title}", note.strip())
    request.refresh_from_db()
    return request


def complete_task(
    *,
    actor: User,
    task: Task,
    result: str,
    incoming: Sequence[IncomingDocument] = (),
    outgoing: Sequence[OutgoingDocument] = (),
    files: Sequence[tuple[StoredFile, str]] = (),
) -> Task:
    """Done, with what shows it: documents of the office and/or files."""
    _allow(actor, Action.COMPLETE, task)
    if not result.strip():
        raise Invalid("Nêu kết quả thực hiện.", fields={"result": "Bắt buộc."})
    if task.subtasks.filter(status__in=OPEN_STATUSES).exists():
        raise Invalid("Còn nhiệm vụ con chưa hoàn thành.")
    with transaction.atomic():
        Evidence.objects.bulk_create(
            [Evidence(task=task, incoming=d) for d in incoming]
            + [Evidence(task=task, outgoing=d) for d in outgoing]
            + [Evidence(task=task, stored_file=f, filename=n) for f, n in files]
        )
        old = task.status
        _move(task, Status.DONE, progress=100, completed_on=clock.today(), result=result.strip())
        task.assignees.filter(state=AssignmentState.ACTIVE).update(state=AssignmentState.DONE)
        _event(task, actor, EventKind.COMPLETE, from_status=old, to_status=Status.DONE,
               note=result, late=clock.today() > task.due_date)
        _tell(task, {task.assigned_by_id} - {actor.pk}, "task.done",
              f"Đã hoàn thành: {task.title}", f"{actor.full_name}: {result.strip()}")
        sync_item(task.programme_item_id)
    task.refresh_from_db()
    return task


def reopen_task(*, actor: User, task: Task, reason: str, due_date: dt.date | None = None) -> Task:
    _allow(actor, Action.REOPEN, task)
    if not reason.strip():
        raise Invalid("Nêu lý do mở lại.", fields={"reason": "Bắt buộc."})
    with transaction.atomic():
        changes: dict[str, Any] = {"completed_on": None}
        if due_date is not None:
            if due_date < clock.today():
                raise Invalid("Hạn mới không được trước hôm nay.", fields={"due_date": "Sai."})
            changes["due_date"] = due_date
        _move(task, Status.IN_PROGRESS, **changes)
        task.assignees.filter(state=AssignmentState.DONE).update(state=AssignmentState.ACTIVE)
        _event(task, actor, EventKind.REOPEN, from_status=Status.DONE,
               to_status=Status.IN_PROGRESS, note=reason)
        sync_item(task.programme_item_id)
    task.refresh_from_db()
    return task


def cancel_task(*, actor: User, task: Task, reason: str) -> Task:
    _allow(actor, Action.EDIT, task)
    if not reason.strip():
        raise Invalid("Nêu lý do hủy nhiệm vụ.", fields={"reason": "Bắt buộc."})
    with transaction.atomic():
        old = task.status
        _move(task, Status.CANCELLED)
        _event(task, actor, EventKind.CANCEL, from_status=old, to_status=Status.CANCELLED,
               note=reason)
        sync_item(task.programme_item_id)
    task.refresh_from_db()
    return task


def delegate_assignee(
    *, actor: User, task: Task, row: TaskAssignee, unit: Unit | None = None,
    person: User | None = None, note: str = "",
) -> TaskAssignee:
    """"Giao tiếp": the leader of an organization given a task hands it to a unit or a
    person of that organization, or a unit head to a person of the unit. The old row is
    kept as "Đã giao lại"; the new one takes its place (same role, same organization)."""
    _allow(actor, Action.DELEGATE, task)
    standing_rows = {r.pk for r in my_rows(actor, task)}
    if row.task_id != task.pk or row.state != AssignmentState.ACTIVE or row.person_id:
        raise Invalid("Chỉ giao tiếp được phần việc đang giao cho cơ quan hoặc đơn vị.")
    if row.pk not in standing_rows and not can(actor, Action.EDIT, task):
        raise NotAllowed("Bạn không phụ trách phần việc này.")
    if unit is None and person is None:
        raise Invalid("Chọn đơn vị hoặc người nhận.", fields={"to": "Bắt buộc."})
    if row.unit_id and unit is not None and unit.pk != row.unit_id:
        raise Invalid("Đơn vị chỉ giao tiếp được cho người trong đơn vị.", fields={"to": "Sai."})
    new_unit = unit or row.unit
    spec = AssigneeSpec(row.kind, row.organization, new_unit, person)
    _check_assignee(task.organization, spec)
    if person is not None and new_unit is not None and not Position.objects.active(
        on=clock.today()
    ).filter(person=person, unit=new_unit).exists():
        raise Invalid(f"{person.full_name} không thuộc {new_unit.name}.", fields={"to": "Sai."})
    with transaction.atomic():
        if not TaskAssignee.objects.filter(pk=row.pk, state=AssignmentState.ACTIVE).update(
            state=AssignmentState.REASSIGNED
        ):
            raise Conflict
        new = TaskAssignee.objects.create(
            task=task, kind=row.kind, organization=row.organization, unit=new_unit,
            person=person, assigned_by=actor, assigned_at=clock.now(),
        )
        before, after = row.label, new.label
        _event(task, actor, EventKind.DELEGATE, note=note or f"{before} → {after}",
               old=before, new=after)
        people = People(clock.today()).of_row(new) - {actor.pk}
        _tell(task, people, "task.assigned",
              f"Được giao nhiệm vụ (hạn {task.due_date:%d/%m/%Y}): {task.title}",
              f"{actor.full_name} giao tiếp. {note.strip()}".strip())
    return new


def create_subtask(*, actor: User, parent: Task, spec: TaskSpec) -> Task:
    """A part of a task handed further down, with its own assignees and a deadline no later
    than the parent's; the parent cannot be completed while it is open."""
    _allow(actor, Action.DELEGATE, parent)
    mine = my_rows(actor, parent)
    organization = mine[0].organization if mine else parent.organization
    due = spec.due_date or (deadline_after(clock.today(), spec.working_days)
                            if spec.working_days else None)
    if due is not None and due > parent.due_date:
        raise Invalid(f"Hạn của nhiệm vụ con không được sau hạn nhiệm vụ "
                      f"({parent.due_date:%d/%m/%Y}).", fields={"due_date": "Sai."})
    with transaction.atomic():
        [task] = create_tasks(actor=actor, organization=organization, specs=[spec],
                              parent=parent, source=Source.SUBTASK)
        _event(parent, actor, EventKind.SUBTASK, note=task.title, subtask=str(task.pk))
    return task


def remind_task(*, actor: User, task: Task, note: str = "") -> int:
    """"Đôn đốc": the office or the assigner chases the people doing an open task now;
    returns how many were told."""
    _allow(actor, Action.REMIND, task)
    people = _doers(task) - {actor.pk}
    if not people:
        raise Invalid("Nhiệm vụ chưa có người thực hiện để đôn đốc.")
    with transaction.atomic():
        _event(task, actor, EventKind.REMIND, note=note, to=sorted(people))
        _tell(task, people, "task.remind", f"Đôn đốc nhiệm vụ (hạn {task.due_date:%d/%m/%Y}): "
              f"{task.title}", f"{actor.full_name}: {note.strip()}".rstrip(": "))
    return len(people)


def _doers(task: Task) -> set[int]:
    """The people answering for the live lead and support rows (a row of a unit: its head;
    of an organization: its head)."""
    people = People(clock.today())
    rows = task.assignees.filter(
        state=AssignmentState.ACTIVE, kind__in=[AssignmentKind.LEAD, AssignmentKind.SUPPORT]
    )
    return set().union(*(people.of_row(row) for row in rows))


def _tell(task: Task, people: set[int], kind: str, title: str, body: str = "") -> None:
    """An in-app notice (and e-mail, when the organization's policy says so) to each."""
    email = policy_for(task).email
    link = reverse("followup:detail", args=[task.pk])
    for person in User.objects.filter(pk__in=people, is_active=True):
        notify(recipient=person, kind=kind, title=title, body=body, link=link, email=email)


def sync_item(item_id: int | None) -> None:
    """A programme item follows its tasks: done when every live task is done, in progress
    while one is open (an item postponed or dropped by hand is left as it is)."""
    if item_id is None:
        return
    tasks = Task.objects.filter(programme_item_id=item_id).exclude(status=Status.CANCELLED)
    if not tasks.exists():
        status = ItemStatus.PLANNED
    elif tasks.filter(status__in=OPEN_STATUSES).exists():
        status = ItemStatus.IN_PROGRESS
    else:
        status = ItemStatus.DONE
    ProgrammeItem.objects.filter(
        pk=item_id, status__in=[ItemStatus.PLANNED, ItemStatus.IN_PROGRESS, ItemStatus.DONE]
    ).update(status=status)


def _allow(actor: User, action: Action, task: Task) -> None:
    if not can(actor, action, task):
        raise NotAllowed


def _move(task: Task, new: str, **changes: Any) -> None:
    """Change the status by the table, only if nobody changed it meanwhile."""
    if new != task.status and (task.status, new) not in TRANSITIONS:
        raise Invalid(f"Không thể chuyển nhiệm vụ từ “{task.get_status_display()}”.")
    if not Task.objects.filter(pk=task.pk, status=task.status).update(status=new, **changes):
        raise Conflict


def _event(
    task: Task, actor: User | None, kind: str, *, from_status: str = "", to_status: str = "",
    note: str = "", **data: Any,
) -> TaskEvent:
    event = TaskEvent.objects.create(
        task=task, at=clock.now(), actor=actor, kind=kind, from_status=from_status,
        to_status=to_status, note=note.strip(), data=data,
    )
    record_audit(
        actor=actor, action=f"task.{kind}", target=task,
        summary=f"{EventKind(kind).label}: {task.title[:120]}", **data,
    )
    return event
