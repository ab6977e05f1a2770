"""Double bookings: one person (who may hold posts in several organizations) or one room
in two events at the same time. Warnings, never a refusal: the office decides.

Two events clash when each starts before the other ends (touching ends do not clash);
cancelled events are ignored. People are matched by user, so the Party secretary who also
chairs the People's Council is seen booked twice across the two organizations.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q
from django.utils import timezone

from vanphong.schedule.models import Attendee, EventState, ScheduleEvent


@dataclasses.dataclass(frozen=True)
class Conflict:
    kind: str  # "person" | "room"
    who: str  # the person's name or the room's
    other: ScheduleEvent

    @property
    def message(self) -> str:
        local = timezone.localtime(self.other.starts_at)
        what = "Trùng lịch" if self.kind == "person" else "Trùng phòng"
        return f"{what}: {self.who} — {local:%H:%M %d/%m} {self.other.content[:80]}"


def _overlapping(event: ScheduleEvent) -> Q:
    return Q(office_id=event.office_id, starts_at__lt=event.ends_at,
             ends_at__gt=event.starts_at) & ~Q(state=EventState.CANCELLED) & ~Q(pk=event.pk)


def conflicts_for(event: ScheduleEvent) -> list[Conflict]:
    """What this event clashes with (a saved event, its attendees saved)."""
    if event.state == EventState.CANCELLED:
        return []
    others = ScheduleEvent.objects.filter(_overlapping(event)).select_related("room")
    found: list[Conflict] = []
    if event.room_id:
        found += [Conflict("room", o.room.name, o) for o in others if o.room_id == event.room_id
                  and o.room is not None]
    people = set(event.attendees.exclude(person=None).values_list("person_id", flat=True))
    if people:
        clashes = Attendee.objects.filter(event__in=others, person_id__in=people).select_related(
            "person", "event__room")
        found += [Conflict("person", a.person.full_name, a.event) for a in clashes
                  if a.person is not None]
    return sorted(found, key=lambda c: (c.other.starts_at, c.kind, c.who))


def week_conflicts(events: Iterable[ScheduleEvent]) -> dict[object, list[Conflict]]:
    """Every clash among these events, for each of them (one pass, no query per pair)."""
    live = [e for e in events if e.state != EventState.CANCELLED]
    people: dict[object, set[tuple[int, str]]] = defaultdict(set)
    for attendee in Attendee.objects.filter(event__in=live, person__isnull=False).select_related(
        "person"
    ):
        assert attendee.person is not None
        people[attendee.event_id].add((attendee.person_id or 0, attendee.person.full_name))
    out: dict[object, list[Conflict]] = defaultdict(list)
    ordered = sorted(live, key=lambda e: e.starts_at)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if b.starts_at >= a.ends_at:
                break
            if a.room_id and a.room_id == b.room_id and a.room is not None:
                out[a.pk].append(Conflict("room", a.room.name, b))
                out[b.pk].append(Conflict("room", a.room.name, a))
            for _, name in sorted(people[a.pk] & people[b.pk]):
                out[a.pk].append(Conflict("person", name, b))
                out[b.pk].append(Conflict("person", name, a))
    return out
