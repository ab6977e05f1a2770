"""One week of the schedule as people read it: days Monday to Sunday, each split into
morning and afternoon, each event with its chair, participants, place, who prepares and
who follows it for the office; the same rows for the page, the print and the PDF."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from django.db.models import QuerySet
from django.utils import timezone

from vanphong.schedule.conflicts import Conflict, week_conflicts
from vanphong.schedule.models import AttendeeRole, EventState, ScheduleEvent
from vanphong.workdays.dates import week_bounds

WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]
NOON = dt.time(12, 0)


@dataclasses.dataclass(frozen=True)
class EventLine:
    event: ScheduleEvent
    time: str
    chair: str
    participants: str
    place: str
    preparing: str
    follow: str
    conflicts: list[Conflict]

    @property
    def cancelled(self) -> bool:
        return self.event.state == EventState.CANCELLED


@dataclasses.dataclass(frozen=True)
class Day:
    day: dt.date
    morning: list[EventLine]
    afternoon: list[EventLine]

    @property
    def label(self) -> str:
        return f"{WEEKDAYS[self.day.weekday()]}, {self.day:%d/%m}"

    @property
    def empty(self) -> bool:
        return not self.morning and not self.afternoon


def parse_week(value: str | None, today: dt.date) -> dt.date:
    """'2026-W48' (ISO week) or a date inside the week; this week when empty or bad."""
    if value:
        try:
            if "W" in value:
                year, week = value.split("-W")
                return dt.date.fromisocalendar(int(year), int(week), 1)
            return week_bounds(dt.date.fromisoformat(value))[0]
        except ValueError:
            pass
    return week_bounds(today)[0]


def iso_week(monday: dt.date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def _line(event: ScheduleEvent, clashes: list[Conflict]) -> EventLine:
    start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    attendees = list(event.attendees.all())
    chair = next((a.label for a in attendees if a.role == AttendeeRole.CHAIR), "")
    others = [a.label for a in attendees if a.role == AttendeeRole.PARTICIPANT]
    if event.participants_text:
        others.append(event.participants_text)
    preparing = ", ".join(x for x in [event.preparing_unit.name if event.preparing_unit else "",
                                      event.preparing_text] if x)
    return EventLine(
        event=event, time=f"{start:%H:%M}–{end:%H:%M}" if start.date() == end.date()
        else f"{start:%H:%M} – {end:%H:%M %d/%m}",
        chair=chair, participants="; ".join(others), place=event.place, preparing=preparing,
        follow=event.office_contact.full_name if event.office_contact else "",
        conflicts=clashes,
    )


def week_days(events: QuerySet[ScheduleEvent] | Sequence[ScheduleEvent],
              monday: dt.date) -> list[Day]:
    loaded = list(events)
    clashes = week_conflicts(loaded)
    days = []
    for offset in range(7):
        day = monday + dt.timedelta(days=offset)
        todays = [e for e in loaded if timezone.localtime(e.starts_at).date() == day]
        lines = [_line(e, clashes.get(e.pk, [])) for e in todays]
        days.append(Day(
            day=day,
            morning=[ln for ln in lines if timezone.localtime(ln.event.starts_at).time() < NOON],
            afternoon=[ln for ln in lines
                       if timezone.localtime(ln.event.starts_at).time() >= NOON],
        ))
    return days
