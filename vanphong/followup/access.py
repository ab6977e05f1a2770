"""Who may see and do what with tasks — decided here and only here.

- The office's clerks and leads follow up every task of their office.
- The heads and deputies of the assigning organization see its tasks, decide extensions,
  edit, cancel and reopen them; so does whoever assigned the task.
- Assignees see the task: the person named, the head of the unit named, the leaders of
  the organization named (they answer for what their people were given).
- The lead side (lead person, head of the lead unit, leaders of the lead organization)
  reports progress, asks for more time and completes; the support side reports progress;
  a unit or organization named without a person hands the work down (delegate).
- Tasks are created by the leaders of an organization for it, and by a unit head for the
  work of their unit.

Work programmes: seen by the organization's members and the office's staff; drafted and
kept (items, postponing, tasks from items) by its leaders and the office's staff; approved
by its head or deputy.
"""

from __future__ import annotations

import enum

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from vanphong.errors import NotAllowed, NotFound
from vanphong.followup.models import (
    ExtensionState,
    ProgrammeState,
    Task,
    TaskAssignee,
    WorkProgramme,
)
from vanphong.incoming.models import AssignmentKind, AssignmentState
from vanphong.organizations.models import Organization, Unit, User
from vanphong.organizations.standing import Standing, standing_of
from vanphong.visibility import Named, Visibility


class Action(enum.StrEnum):
    VIEW = "view"
    EDIT = "edit"  # also cancel
    DELEGATE = "delegate"  # hand the organization's or unit's row down, add sub-tasks
    PROGRESS = "progress"
    REQUEST_EXTENSION = "request_extension"
    DECIDE_EXTENSION = "decide_extension"
    COMPLETE = "complete"
    REOPEN = "reopen"
    REMIND = "remind"


TASK_SHAPES = (("office_id",), ("organization_id",))


def task_visibility(user: User | None) -> Visibility:
    """The one rule of who sees which tasks (pages, API, figures and exports alike)."""
    standing = standing_of(user)
    uid = standing.user_id
    if uid is None:
        return Visibility(shapes=TASK_SHAPES, clauses=())
    rows = TaskAssignee.objects.filter(state__in=_LIVE)
    mine = Q(person_id=uid)
    if standing.leader_orgs:
        mine |= Q(organization_id__in=standing.leader_orgs)
    if standing.unit_heads:
        mine |= Q(unit_id__in=standing.unit_heads)
    return Visibility(
        shapes=TASK_SHAPES,
        clauses=(
            Visibility.clause(office_id=standing.staff_offices),
            Visibility.clause(organization_id=standing.leader_orgs),
        ),
        named=(
            Named(
                Q(pk__in=rows.filter(mine).values("task_id")),
                frozenset(
                    {f"person={uid}"}
                    | {f"org={o}" for o in standing.leader_orgs}
                    | {f"unit={u}" for u in standing.unit_heads}
                ),
            ),
            Named(Q(assigned_by_id=uid), frozenset({f"assigner={uid}"})),
        ),
    )


_LIVE = (AssignmentState.ACTIVE, AssignmentState.DONE)


def visible_tasks(user: User | None) -> QuerySet[Task]:
    visibility = task_visibility(user)
    if visibility.named is None:
        return Task.objects.none()
    return Task.objects.filter(visibility.q())


def _holds_row(standing: Standing, row: TaskAssignee) -> bool:
    """Does this row fall to the person: named on it, heading its unit, or leading its
    organization (who answers for what their people were given)?"""
    return (
        row.person_id == standing.user_id
        or row.unit_id in standing.unit_heads
        or row.organization_id in standing.leader_orgs
    )


def my_rows(user: User, task: Task, *kinds: str) -> list[TaskAssignee]:
    standing = standing_of(user)
    rows = task.assignees.filter(state=AssignmentState.ACTIVE)
    if kinds:
        rows = rows.filter(kind__in=kinds)
    return [row for row in rows.select_related("organization") if _holds_row(standing, row)]


def _manages(standing: Standing, task: Task) -> bool:
    return task.assigned_by_id == standing.user_id or task.organization_id in standing.leader_orgs


def can(user: User, action: Action, task: Task) -> bool:
    """May `user` take `action` on a task they can already see?"""
    standing = standing_of(user)
    if standing.user_id is None:
        return False
    if action == Action.VIEW:
        return True
    if action in (Action.EDIT, Action.REOPEN, Action.DECIDE_EXTENSION):
        if action == Action.REOPEN and task.is_open:
            return False
        if action == Action.EDIT and not task.is_open:
            return False
        if action == Action.DECIDE_EXTENSION and not task.extension_requests.filter(
            state=ExtensionState.PENDING
        ).exists():
            return False
        return _manages(standing, task)
    if action == Action.REMIND:
        staff = task.office_id in standing.staff_offices
        return task.is_open and (staff or _manages(standing, task))
    if not task.is_open:
        return False
    lead = bool(my_rows(user, task, AssignmentKind.LEAD))
    if action in (Action.COMPLETE, Action.REQUEST_EXTENSION):
        return lead
    if action == Action.PROGRESS:
        return lead or bool(my_rows(user, task, AssignmentKind.SUPPORT))
    if action == Action.DELEGATE:
        return _manages(standing, task) or any(
            row.person_id is None for row in my_rows(user, task, AssignmentKind.LEAD,
                                                     AssignmentKind.SUPPORT)
        )
    return False


def get_task_for(user: User, task_id: object, action: Action = Action.VIEW) -> Task:
    """The gatekeeper: NotFound when the task does not exist *or* is not visible,
    NotAllowed when it is visible but the action is not permitted now."""
    try:
        task = (
            visible_tasks(user)
            .select_related("organization", "office", "assigned_by", "source_incoming")
            .get(pk=task_id)  # type: ignore[misc]  # any input; bad ids are NotFound
        )
    except (Task.DoesNotExist, ValidationError, ValueError, TypeError):
        raise NotFound from None
    if not can(user, action, task):
        raise NotAllowed
    return task


def allowed_actions(user: User, task: Task) -> set[Action]:
    return {action for action in Action if can(user, action, task)}


def may_create_task(user: User, organization: Organization) -> bool:
    """Leaders assign for their organization; a unit head for the work of their unit."""
    standing = standing_of(user)
    if not organization.is_active:
        return False
    if organization.pk in standing.leader_orgs:
        return True
    return Unit.objects.filter(pk__in=standing.unit_heads, organization=organization).exists()


# --- Work programmes -------------------------------------------------------------------------


class ProgrammeAction(enum.StrEnum):
    VIEW = "view"
    EDIT = "edit"  # add items, postpone or drop them, give tasks from them
    APPROVE = "approve"


PROGRAMME_SHAPES = (("office_id",), ("organization_id",))


def programme_visibility(user: User | None) -> Visibility:
    """Members of the organization and the office's staff see its programmes."""
    standing = standing_of(user)
    if standing.user_id is None:
        return Visibility(shapes=PROGRAMME_SHAPES, clauses=())
    return Visibility(
        shapes=PROGRAMME_SHAPES,
        clauses=(
            Visibility.clause(office_id=standing.staff_offices),
            Visibility.clause(organization_id=standing.member_orgs),
        ),
        named=(),
    )


def visible_programmes(user: User | None) -> QuerySet[WorkProgramme]:
    visibility = programme_visibility(user)
    if visibility.named is None:
        return WorkProgramme.objects.none()
    return WorkProgramme.objects.filter(visibility.q())


def may_edit_programmes(user: User | None, organization: Organization) -> bool:
    """The organization's leaders and the office's staff draft and keep its programme."""
    standing = standing_of(user)
    return organization.is_active and (
        organization.pk in standing.leader_orgs
        or organization.office_id in standing.staff_offices
    )


def can_programme(user: User, action: ProgrammeAction, programme: WorkProgramme) -> bool:
    standing = standing_of(user)
    if standing.user_id is None:
        return False
    if action == ProgrammeAction.VIEW:
        return True
    if action == ProgrammeAction.APPROVE:
        return (programme.state == ProgrammeState.DRAFT
                and programme.organization_id in standing.leader_orgs)
    return may_edit_programmes(user, programme.organization)


def get_programme_for(user: User, programme_id: object,
                      action: ProgrammeAction = ProgrammeAction.VIEW) -> WorkProgramme:
    try:
        pk = int(programme_id)  # type: ignore[call-overload]
        if not 0 < pk < 2**63:
            raise ValueError(pk)
        programme = visible_programmes(user).select_related("organization", "office").get(pk=pk)
    except (WorkProgramme.DoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFound from None
    if not can_programme(user, action, programme):
        raise NotAllowed
    return programme
