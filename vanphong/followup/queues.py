"""The tasks waiting for one person, for "Việc của tôi": what they lead or support (to
report on, overdue first), and extension requests waiting for their decision. Read from
the same rows the gatekeeper reads, so the lists agree with `can`."""

from __future__ import annotations

import dataclasses

from django.db.models import Q, QuerySet

from vanphong.followup.models import OPEN_STATUSES, ExtensionState, Task
from vanphong.incoming.models import AssignmentKind, AssignmentState
from vanphong.organizations.models import User
from vanphong.organizations.standing import standing_of

LIMIT = 50


@dataclasses.dataclass
class TaskQueue:
    key: str
    title: str
    tasks: list[Task]
    total: int
    #: The whole queue, in order (its "Xem tất cả" page).
    query: QuerySet[Task] | None = None


def _answering(user: User, kind: str) -> Q:
    """Open tasks whose active row of `kind` falls to the user (named, their unit, or
    their organization when no person is named)."""
    standing = standing_of(user)
    mine = Q(assignees__person_id=standing.user_id)
    if standing.unit_heads:
        mine |= Q(assignees__unit_id__in=standing.unit_heads, assignees__person__isnull=True)
    if standing.leader_orgs:
        mine |= Q(assignees__organization_id__in=standing.leader_orgs,
                  assignees__unit__isnull=True, assignees__person__isnull=True)
    return mine & Q(assignees__kind=kind, assignees__state=AssignmentState.ACTIVE)


def _queue(key: str, title: str, tasks: QuerySet[Task]) -> TaskQueue:
    tasks = tasks.filter(status__in=OPEN_STATUSES).distinct().select_related("organization")
    ordered = tasks.order_by("due_date", "assigned_at")
    return TaskQueue(key, title, list(ordered[:LIMIT]), tasks.count(), ordered)


def task_queues(user: User) -> list[TaskQueue]:
    standing = standing_of(user)
    if standing.user_id is None:
        return []
    deciding = Task.objects.filter(
        extension_requests__state=ExtensionState.PENDING
    ).filter(Q(assigned_by_id=standing.user_id) | Q(organization_id__in=standing.leader_orgs))
    queues = [
        _queue("tasks-lead", "Nhiệm vụ tôi chủ trì", Task.objects.filter(
            _answering(user, AssignmentKind.LEAD))),
        _queue("tasks-support", "Nhiệm vụ tôi phối hợp", Task.objects.filter(
            _answering(user, AssignmentKind.SUPPORT))),
        _queue("tasks-extension", "Đề nghị gia hạn chờ tôi quyết định", deciding),
    ]
    return [q for q in queues if q.total]
