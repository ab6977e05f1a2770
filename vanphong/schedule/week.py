"""One week of the schedule as people read it: days Monday to Sunday, each split into
morning and afternoon, each event with its chair, participants, place, who prepares and
who follows it for the office; the same rows for the page, the print and the PDF."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from django.db.models import QuerySet
from django.utils import timezone

from vanphong.errors import Invalid
from vanphong.schedule.conflicts import Conflict, week_conflicts
from vanphong.schedule.models import AttendeeRole, EventState, ScheduleEvent
from vanphong.workdays.dates import week_bounds

WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]
NOON = dt.time(12, 0)
#: Weeks people may open; beyond them date arithmetic would overflow (and no office
#: plans that far).
FIRST_YEAR, LAST_YEAR = 1900, 2100


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
    """The Monday of '2026-W48' (ISO week) or of the week of a date; this week when empty.

    Raises `Invalid` (field `week`) for anything else and for a week outside
    FIRST_YEAR–LAST_YEAR, so that no later date arithmetic can overflow."""
    if not value:
        return week_bounds(today)[0]
    try:
        if "W" in value:
            year, week = value.split("-W")
            monday = dt.date.fromisocalendar(int(year), int(week), 1)
        else:
            monday = week_bounds(dt.date.fromisoformat(value))[0]
    except (ValueError, OverflowError):
        raise _bad_week() from None
    if not FIRST_YEAR <= monday.year <= LAST_YEAR:
        raise _bad_week()
    return monday


def _bad_week() -> Invalid:
    return Invalid(f"Tuần không hợp lệ: chọn một tuần từ năm {FIRST_YEAR} đến năm {LAST_YEAR}.",
                   fields={"week": "Tuần không hợp lệ."})


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
