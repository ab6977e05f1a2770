"""Who may see and do what with the weekly schedule and meetings — decided here only.

Schedule events:
- Published (and later cancelled) events are read by every member of the office.
- Drafts and approved events are the working copy of the office's staff (clerks, office
  leads), of the leaders of the event's organization, and of whoever entered them.
- The office's staff and an organization's leaders add and edit its events; the staff
  add joint events of the office.
- An organization's head or deputy approves its events; an office lead approves joint ones.
- The office's staff publish a week and cancel events.

Meetings: seen by the office's staff, the leaders of every organization taking part, the
secretary and every person invited; kept (documents, attendance, minutes, conclusions) by
the staff, the host's leaders and the secretary; conclusions become tasks of an
organization taking part, given by its leaders (`followup.access.may_create_task`).
"""

from __future__ import annotations

import enum
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from vanphong import clock
from vanphong.errors import NotAllowed, NotFound
from vanphong.organizations.models import Organization, Position, Role, User
from vanphong.organizations.standing import standing_of
from vanphong.schedule.models import EventState, Meeting, MeetingState, ScheduleEvent
from vanphong.visibility import Named, Visibility

EVENT_SHAPES = (("office_id", "state"), ("organization_id", "state"), ("office_id",))
SHOWN = (EventState.PUBLISHED, EventState.CANCELLED)
WORKING = (EventState.DRAFT, EventState.APPROVED, EventState.PUBLISHED, EventState.CANCELLED)


class EventAction(enum.StrEnum):
    VIEW = "view"
    EDIT = "edit"
    APPROVE = "approve"
    CANCEL = "cancel"
    RSVP = "rsvp"


def event_visibility(user: User | None) -> Visibility:
    standing = standing_of(user)
    if standing.user_id is None:
        return Visibility(shapes=EVENT_SHAPES, clauses=())
    return Visibility(
        shapes=EVENT_SHAPES,
        clauses=(
            Visibility.clause(office_id=standing.member_offices, state=SHOWN),
            Visibility.clause(office_id=standing.staff_offices),
            Visibility.clause(organization_id=standing.leader_orgs, state=WORKING),
        ),
        named=(Named(Q(created_by_id=standing.user_id), frozenset()),),
    )


def visible_events(user: User | None) -> QuerySet[ScheduleEvent]:
    visibility = event_visibility(user)
    if visibility.named is None:
        return ScheduleEvent.objects.none()
    return ScheduleEvent.objects.filter(visibility.q())


def may_add_event(user: User | None, office_id: int, organization: Organization | None) -> bool:
    standing = standing_of(user)
    if office_id in standing.staff_offices:
        return True
    return organization is not None and organization.pk in standing.leader_orgs


def may_publish(user: User | None, office_id: int) -> bool:
    return office_id in standing_of(user).staff_offices


def can_event(user: User, action: EventAction, event: ScheduleEvent) -> bool:
    standing = standing_of(user)
    if standing.user_id is None:
        return False
    if action == EventAction.VIEW:
        return True
    if action == EventAction.RSVP:
        return event.state == EventState.PUBLISHED and event.attendees.filter(
            person_id=standing.user_id).exists()
    if event.state == EventState.CANCELLED:
        return False
    if action == EventAction.EDIT:
        return may_add_event(user, event.office_id, event.organization)
    if action == EventAction.APPROVE:
        if event.state != EventState.DRAFT:
            return False
        if event.organization_id is None:
            return event.office_id in standing.lead_offices
        return event.organization_id in standing.leader_orgs
    if action == EventAction.CANCEL:
        return may_publish(user, event.office_id) or (
            event.organization_id in standing.leader_orgs)
    return False


def event_approvers(event: ScheduleEvent) -> list[User]:
    """The people who may approve this draft today: the same rule as `can_event`'s
    APPROVE (an office lead for a joint event, the organization's head or deputy)."""
    if event.state != EventState.DRAFT:
        return []
    positions = Position.objects.active(on=clock.today()).filter(person__is_active=True)
    if event.organization_id is None:
        positions = positions.filter(role=Role.OFFICE_LEAD, office_id=event.office_id)
    else:
        positions = positions.filter(role__in=[Role.HEAD, Role.DEPUTY],
                                     organization_id=event.organization_id)
    people = {p.person_id: p.person for p in positions.select_related("person")}
    return sorted(people.values(), key=lambda person: person.full_name)


def get_event_for(user: User, event_id: Any, action: EventAction = EventAction.VIEW
                  ) -> ScheduleEvent:
    try:
        event = visible_events(user).select_related("organization", "room", "office").get(
            pk=event_id)
    except (ScheduleEvent.DoesNotExist, ValidationError, ValueError, TypeError):
        raise NotFound from None
    if not can_event(user, action, event):
        raise NotAllowed
    return event


def allowed_event_actions(user: User, event: ScheduleEvent) -> set[EventAction]:
    return {a for a in EventAction if can_event(user, a, event)}


# --- Meetings --------------------------------------------------------------------------------


class MeetingAction(enum.StrEnum):
    VIEW = "view"
    MANAGE = "manage"  # documents, attendance, minutes, conclusions, invitation
    TASKS = "tasks"  # conclusions -> tasks


def visible_meetings(user: User | None) -> QuerySet[Meeting]:
    standing = standing_of(user)
    if standing.user_id is None:
        return Meeting.objects.none()
    uid = standing.user_id
    rule = (
        Q(event__office_id__in=standing.staff_offices)
        | Q(pk__in=Meeting.objects.filter(organizations__in=standing.leader_orgs).values("pk"))
        | Q(secretary_id=uid)
        | Q(created_by_id=uid)
        | Q(event__in=ScheduleEvent.objects.filter(attendees__person_id=uid).values("pk"))
    )
    return Meeting.objects.filter(rule)


def may_create_meeting(user: User | None, host: Organization) -> bool:
    standing = standing_of(user)
    return host.is_active and (host.office_id in standing.staff_offices
                               or host.pk in standing.leader_orgs)


def can_meeting(user: User, action: MeetingAction, meeting: Meeting) -> bool:
    standing = standing_of(user)
    if standing.user_id is None:
        return False
    if action == MeetingAction.VIEW:
        return True
    if meeting.state == MeetingState.CANCELLED:
        return False
    if action == MeetingAction.MANAGE:
        return (meeting.event.office_id in standing.staff_offices
                or meeting.host_id in standing.leader_orgs
                or meeting.secretary_id == standing.user_id)
    if action == MeetingAction.TASKS:
        return meeting.conclusions.exists() and bool(
            set(meeting.organizations.values_list("pk", flat=True)) & standing.leader_orgs)
    return False


def get_meeting_for(user: User, meeting_id: Any,
                    action: MeetingAction = MeetingAction.VIEW) -> Meeting:
    try:
        meeting = visible_meetings(user).select_related(
            "event__office", "event__room", "host", "invitation", "secretary").get(pk=meeting_id)
    except (Meeting.DoesNotExist, ValidationError, ValueError, TypeError):
        raise NotFound from None
    if not can_meeting(user, action, meeting):
        raise NotAllowed
    return meeting


def allowed_meeting_actions(user: User, meeting: Meeting) -> set[MeetingAction]:
    return {a for a in MeetingAction if can_meeting(user, a, meeting)}
