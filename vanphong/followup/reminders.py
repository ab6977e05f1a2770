"""Reminders: before the deadline, on the day, when overdue (repeated), and a daily
digest — each sent once, even with several workers sweeping at the same moment.

`send_due_reminders()` is the periodic sweep (every few minutes). For each open task near
or past its deadline it works out which reminder is due today under the policy of the
task's organization (`ReminderPolicy`, the office's default, or `DEFAULT_POLICY`), then
claims it by inserting its `Reminder` key — (task, person, kind, day) is unique, so a
second worker's insert fails and it moves on — and, in the same transaction, writes the
in-app notice (its e-mail is queued after the commit) and one history row. Nothing is sent
on days off or before the policy's hour. The first overdue sweep also writes "Quá hạn"
into the task's history, once per due date (`Task.overdue_noted_for`, a conditional
update).

Who is reminded: the people on the live lead and support rows; for a row given to a unit,
its head; for a row given to an organization, its head. When a task is overdue, the
person who assigned it too (if the policy says so).
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator

from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from vanphong import clock
from vanphong.audit.actions import record_audit
from vanphong.followup.models import (
    OPEN_STATUSES,
    EventKind,
    Reminder,
    ReminderKind,
    ReminderPolicy,
    Task,
    TaskAssignee,
    TaskEvent,
)
from vanphong.incoming.models import AssignmentKind, AssignmentState
from vanphong.notices.actions import notify
from vanphong.organizations.models import Position, Role, User
from vanphong.printing.dates import short_date
from vanphong.workdays.dates import Calendar

#: Used where neither the organization nor the office has saved a policy.
DEFAULT_POLICY = ReminderPolicy()


@dataclasses.dataclass(frozen=True)
class Due:
    kind: str  # ReminderKind
    day: dt.date


class Policies:
    """Every saved policy, read once per sweep."""

    def __init__(self) -> None:
        self.by_org: dict[int, ReminderPolicy] = {}
        self.by_office: dict[int, ReminderPolicy] = {}
        for policy in ReminderPolicy.objects.all():
            if policy.organization_id:
                self.by_org[policy.organization_id] = policy
            else:
                self.by_office[policy.office_id] = policy

    def for_task(self, task: Task) -> ReminderPolicy:
        return (
            self.by_org.get(task.organization_id)
            or self.by_office.get(task.office_id)
            or DEFAULT_POLICY
        )

    def for_office(self, office_id: int) -> ReminderPolicy:
        return self.by_office.get(office_id) or DEFAULT_POLICY

    @property
    def longest_before(self) -> int:
        every = [*self.by_org.values(), *self.by_office.values(), DEFAULT_POLICY]
        return max(p.days_before for p in every)


def policy_for(task: Task) -> ReminderPolicy:
    return Policies().for_task(task)


def due_reminder(task: Task, policy: ReminderPolicy, today: dt.date,
                 calendar: Calendar) -> Due | None:
    """The reminder of this task due today, if any (pure: the table tests call it)."""
    due = task.due_date
    if due > today:
        if policy.days_before and today >= calendar.subtract_working_days(due, policy.days_before):
            return Due(ReminderKind.BEFORE, due)
        return None
    if due == today:
        return Due(ReminderKind.DUE, due) if policy.on_due_day else None
    late = calendar.working_days_between(due, today)  # >= 1 on a working day
    if late < 1:
        return None
    every = policy.overdue_every
    step = 1 if not every else (late - 1) // every * every + 1
    return Due(ReminderKind.OVERDUE, calendar.add_working_days(due, step))


class People:
    """Heads of organizations and units on the day of the sweep, read once."""

    def __init__(self, day: dt.date) -> None:
        self.org_heads: dict[int, set[int]] = collections.defaultdict(set)
        self.unit_heads: dict[int, set[int]] = collections.defaultdict(set)
        positions = Position.objects.active(on=day).filter(
            role__in=[Role.HEAD, Role.UNIT_HEAD], person__is_active=True
        )
        for role, org, unit, person in positions.values_list(
            "role", "organization_id", "unit_id", "person_id"
        ):
            if role == Role.HEAD and org:
                self.org_heads[org].add(person)
            elif role == Role.UNIT_HEAD and unit:
                self.unit_heads[unit].add(person)

    def of_row(self, row: TaskAssignee) -> set[int]:
        if row.person_id:
            return {row.person_id}
        if row.unit_id:
            return set(self.unit_heads.get(row.unit_id, ()))
        return set(self.org_heads.get(row.organization_id, ()))

    def of_task(self, task: Task) -> set[int]:
        people: set[int] = set()
        for row in task.live_rows:  # type: ignore[attr-defined]
            people |= self.of_row(row)
        return people


def _open_tasks(horizon: dt.date) -> Iterable[Task]:
    rows = TaskAssignee.objects.filter(
        state=AssignmentState.ACTIVE, kind__in=[AssignmentKind.LEAD, AssignmentKind.SUPPORT]
    )
    return (
        Task.objects.filter(status__in=OPEN_STATUSES, due_date__lte=horizon)
        .select_related("organization")
        .prefetch_related(Prefetch("assignees", queryset=rows, to_attr="live_rows"))
        .order_by("due_date", "pk")
    )


def send_due_reminders() -> int:
    """The periodic sweep; returns how many notices it wrote (0 when another worker
    already sent them)."""
    now = clock.now()
    today = clock.today()
    calendar = Calendar.around(today)
    if not calendar.is_working_day(today):
        return 0
    time_now = timezone.localtime(now).time()
    policies = Policies()
    people = People(today)
    horizon = calendar.add_working_days(today, policies.longest_before)
    users = {u.pk: u for u in User.objects.filter(is_active=True)}
    sent = 0
    digests: dict[int, list[Task]] = collections.defaultdict(list)
    for task in _open_tasks(horizon):
        policy = policies.for_task(task)
        if time_now < policy.send_after:
            continue
        if task.due_date < today:
            _note_overdue(task)
        due = due_reminder(task, policy, today, calendar)
        if due is None:
            continue
        recipients = people.of_task(task)
        if policy.digest:
            for person in recipients:
                digests[person].append(task)
        if due.kind == ReminderKind.OVERDUE and policy.overdue_to_assigner:
            recipients.add(task.assigned_by_id)
        sent += _remind(task, due, [users[p] for p in sorted(recipients) if p in users], policy)
    for person, tasks in digests.items():
        if person in users:
            sent += _digest(users[person], tasks, today, policies.for_office(tasks[0].office_id))
    return sent


def _claimed(*, task: Task | None, person: User, kind: str, day: dt.date) -> bool:
    try:
        with transaction.atomic():
            Reminder.objects.create(task=task, recipient=person, kind=kind, day=day,
                                    created_at=clock.now())
    except IntegrityError:
        return False
    return True


def _texts(task: Task, due: Due) -> tuple[str, str]:
    deadline = short_date(task.due_date)
    if due.kind == ReminderKind.BEFORE:
        title = f"Sắp đến hạn ({deadline}): {task.title}"
    elif due.kind == ReminderKind.DUE:
        title = f"Đến hạn hôm nay: {task.title}"
    else:
        title = f"Quá hạn từ {deadline}: {task.title}"
    body = (f"Nhiệm vụ do {task.organization.short_name} giao, hạn hoàn thành {deadline}, "
            f"tiến độ {task.progress}%.")
    return title[:300], body


def _remind(task: Task, due: Due, recipients: list[User], policy: ReminderPolicy) -> int:
    title, body = _texts(task, due)
    link = reverse("followup:detail", args=[task.pk])
    with transaction.atomic():
        reached = [
            person for person in recipients
            if _claimed(task=task, person=person, kind=due.kind, day=due.day)
        ]
        for person in reached:
            notify(recipient=person, kind=f"task.{due.kind}", title=title, body=body,
                   link=link, email=policy.email)
        if reached:
            names = ", ".join(p.full_name for p in reached)
            note = f"{ReminderKind(due.kind).label}: đã nhắc {names}"
            TaskEvent.objects.create(task=task, at=clock.now(), actor=None,
                                     kind=EventKind.REMIND, note=note,
                                     data={"reminder": due.kind, "to": [p.pk for p in reached]})
            record_audit(actor=None, action="task.remind", target=task, summary=note[:200])
    return len(reached)


def _note_overdue(task: Task) -> None:
    """Write "Quá hạn" into the history once per due date, whichever worker gets there."""
    with transaction.atomic():
        noted = Task.objects.filter(pk=task.pk, status__in=OPEN_STATUSES).exclude(
            overdue_noted_for=task.due_date
        ).update(overdue_noted_for=task.due_date)
        if noted:
            note = f"Quá hạn (hạn {short_date(task.due_date)})"
            TaskEvent.objects.create(task=task, at=clock.now(), actor=None,
                                     kind=EventKind.OVERDUE, note=note)
            record_audit(actor=None, action="task.overdue", target=task, summary=note)


def _digest(person: User, tasks: list[Task], today: dt.date, policy: ReminderPolicy) -> int:
    """One notice a working day listing the person's tasks that are near or past their
    deadline (those whose organization's policy asks for a digest); mailed when the
    office's policy mails."""
    lines = list(_digest_lines(tasks, today))
    with transaction.atomic():
        if not _claimed(task=None, person=person, kind=ReminderKind.DIGEST, day=today):
            return 0
        overdue = sum(t.due_date < today for t in tasks)
        title = f"Nhắc việc ngày {short_date(today)}: {len(tasks)} nhiệm vụ cần chú ý"
        if overdue:
            title += f" ({overdue} quá hạn)"
        notify(recipient=person, kind="task.digest", title=title, body="\n".join(lines),
               link=reverse("followup:list") + "?state=dang-lam", email=policy.email)
    return 1


def _digest_lines(tasks: list[Task], today: dt.date) -> Iterator[str]:
    for task in sorted({t.pk: t for t in tasks}.values(), key=lambda t: (t.due_date, t.title)):
        state = "quá hạn" if task.due_date < today else "hạn"
        yield f"- {task.title} ({state} {short_date(task.due_date)}, {task.progress}%)"
