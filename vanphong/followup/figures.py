"""Follow-up figures ("Theo dõi, đôn đốc"): one source for every table, drill-down and
export, so an organization's figures and the office's always agree.

Each task is counted once, through its one lead row (a database constraint keeps exactly
one live lead per task), grouped by the lead organization, unit or person, or by the
organization that assigned it. A task belongs to the period when its due date falls in it,
or when it was due before the period and is still not done (carried over, overdue).
Cancelled tasks are not counted. The measures split every counted task exactly once:

- on time / late: done, on or before / after the due date;
- overdue: not done, past its due date;
- in progress: not done, not yet due ("due this week" is a part of it, shown beside).

Rows are computed from the tasks the user may see (`visible_tasks`): the office sees every
task, a leader their organization's, a person their own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

from django.db.models import Count, F, Q, QuerySet

from vanphong import clock
from vanphong.followup.access import visible_tasks
from vanphong.followup.models import OPEN_STATUSES, Status, Task, TaskAssignee
from vanphong.incoming.models import AssignmentKind, AssignmentState
from vanphong.organizations.models import Organization, Unit, User
from vanphong.periods import Period
from vanphong.workdays.dates import week_bounds

#: measure -> (label, condition on a lead row, given today and the week's Sunday)
MEASURES: dict[str, tuple[str, Callable[[dt.date, dt.date], Q]]] = {
    "total": ("Tổng số", lambda today, sunday: Q()),
    "on_time": ("Hoàn thành đúng hạn", lambda today, sunday: Q(
        task__status=Status.DONE, task__completed_on__lte=F("task__due_date"))),
    "late": ("Hoàn thành quá hạn", lambda today, sunday: Q(
        task__status=Status.DONE, task__completed_on__gt=F("task__due_date"))),
    "overdue": ("Quá hạn chưa xong", lambda today, sunday: Q(
        task__status__in=OPEN_STATUSES, task__due_date__lt=today)),
    "in_progress": ("Đang thực hiện trong hạn", lambda today, sunday: Q(
        task__status__in=OPEN_STATUSES, task__due_date__gte=today)),
    "this_week": ("Đến hạn tuần này", lambda today, sunday: Q(
        task__status__in=OPEN_STATUSES, task__due_date__gte=today,
        task__due_date__lte=sunday)),
}

#: grouping -> (label, field of the lead row)
GROUPINGS: dict[str, tuple[str, str]] = {
    "co-quan": ("Cơ quan chủ trì", "organization_id"),
    "don-vi": ("Đơn vị chủ trì", "unit_id"),
    "ca-nhan": ("Người chủ trì", "person_id"),
    "co-quan-giao": ("Cơ quan giao", "task__organization_id"),
}
DEFAULT_GROUPING = "co-quan"


@dataclasses.dataclass
class FigureRow:
    key: int | None  # the group's id; None: "Chưa giao đơn vị/người"
    label: str
    counts: dict[str, int]

    @property
    def cells(self) -> list[tuple[str, int]]:
        """(measure, count) in the order of MEASURES, for templates."""
        return [(key, self.counts[key]) for key in MEASURES]


@dataclasses.dataclass
class FigureTable:
    grouping: str
    period: Period
    rows: list[FigureRow]
    total: dict[str, int]
    today: dt.date

    @property
    def grouping_label(self) -> str:
        return GROUPINGS[self.grouping][0]

    @property
    def total_cells(self) -> list[tuple[str, int]]:
        return [(key, self.total[key]) for key in MEASURES]

    @property
    def measures(self) -> list[tuple[str, str]]:
        return [(key, label) for key, (label, _) in MEASURES.items()]


def lead_rows(user: User, period: Period) -> QuerySet[TaskAssignee]:
    """The one lead row of each task the user sees, counted in the period."""
    in_period = Q(task__due_date__gte=period.start, task__due_date__lte=period.end)
    carried = Q(task__due_date__lt=period.start, task__status__in=OPEN_STATUSES)
    return TaskAssignee.objects.filter(
        in_period | carried,
        kind=AssignmentKind.LEAD,
        state__in=[AssignmentState.ACTIVE, AssignmentState.DONE],
        task__in=visible_tasks(user),
    ).exclude(task__status=Status.CANCELLED)


def _conditions(today: dt.date) -> dict[str, Q]:
    sunday = week_bounds(today)[1]
    return {key: condition(today, sunday) for key, (_, condition) in MEASURES.items()}


def figures(user: User, *, grouping: str = DEFAULT_GROUPING,
            period: Period | None = None) -> FigureTable:
    """One grouped count (one query) over the lead rows; the total is the sum of the rows."""
    period = period or Period.this_year()
    today = clock.today()
    field = GROUPINGS[grouping][1]
    counts = (
        lead_rows(user, period).values(field)
        .annotate(**{key: Count("pk", filter=q) for key, q in _conditions(today).items()})
        .order_by(field)
    )
    names = _names(grouping, [row[field] for row in counts])
    rows = [
        FigureRow(key=row[field], label=names.get(row[field], _none_label(grouping)),
                  counts={key: row[key] for key in MEASURES})
        for row in counts
    ]
    rows.sort(key=lambda r: (r.key is None, r.label))
    total = {key: sum(r.counts[key] for r in rows) for key in MEASURES}
    return FigureTable(grouping=grouping, period=period, rows=rows, total=total, today=today)


def _none_label(grouping: str) -> str:
    return {"don-vi": "Không qua đơn vị", "ca-nhan": "Chưa giao người cụ thể"}.get(grouping, "—")


def _names(grouping: str, keys: list[int | None]) -> dict[int | None, str]:
    ids = [k for k in keys if k is not None]
    if grouping in ("co-quan", "co-quan-giao"):
        return {o.pk: o.name for o in Organization.objects.filter(pk__in=ids)}
    if grouping == "don-vi":
        return {u.pk: str(u) for u in Unit.objects.filter(pk__in=ids).select_related(
            "organization", "office")}
    return {u.pk: u.full_name for u in User.objects.filter(pk__in=ids)}


def drill_down(user: User, *, grouping: str, group: int | None, measure: str,
               period: Period | None = None) -> QuerySet[Task]:
    """The tasks behind one cell: the same rows, the same condition — as many as the cell."""
    period = period or Period.this_year()
    field = GROUPINGS[grouping][1]
    rows = lead_rows(user, period).filter(_conditions(clock.today())[measure])
    rows = rows.filter(**{f"{field}__isnull": True}) if group is None else rows.filter(
        **{field: group})
    return Task.objects.filter(pk__in=rows.values("task_id"))
