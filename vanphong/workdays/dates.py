"""Working-day arithmetic in one place.

`add_working_days` and `is_working_day` are pure: they take the sets of extra holidays
and extra working days as arguments and are table-tested. `Calendar.load()` builds those
sets from `holidays.VN` and the administrators' overrides.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools

import holidays

SATURDAY = 5


def is_working_day(
    day: dt.date, *, holidays_: frozenset[dt.date], working: frozenset[dt.date]
) -> bool:
    if day in working:
        return True
    if day in holidays_:
        return False
    return day.weekday() < SATURDAY


def add_working_days(
    start: dt.date, days: int, *, holidays_: frozenset[dt.date], working: frozenset[dt.date]
) -> dt.date:
    """The `days`-th working day after `start` (start itself not counted).

    With `days == 0` the result is `start` when it is a working day, otherwise the next
    working day: a period ending on a day off ends on the next working day.
    """
    if days < 0:
        raise ValueError("days must be >= 0")
    day = start
    if days == 0:
        while not is_working_day(day, holidays_=holidays_, working=working):
            day += dt.timedelta(days=1)
        return day
    remaining = days
    while remaining:
        day += dt.timedelta(days=1)
        if is_working_day(day, holidays_=holidays_, working=working):
            remaining -= 1
    return day


def subtract_working_days(
    end: dt.date, days: int, *, holidays_: frozenset[dt.date], working: frozenset[dt.date]
) -> dt.date:
    """The `days`-th working day before `end` (end itself not counted): when to remind
    "two working days before" a deadline."""
    if days < 0:
        raise ValueError("days must be >= 0")
    day, remaining = end, days
    while remaining:
        day -= dt.timedelta(days=1)
        if is_working_day(day, holidays_=holidays_, working=working):
            remaining -= 1
    return day


def week_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the week of `day`."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def working_days_between(
    start: dt.date, end: dt.date, *, holidays_: frozenset[dt.date], working: frozenset[dt.date]
) -> int:
    """Working days in (start, end]; negative when end is before start."""
    if end < start:
        return -working_days_between(end, start, holidays_=holidays_, working=working)
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += is_working_day(day, holidays_=holidays_, working=working)
    return count


@functools.lru_cache(maxsize=64)
def _statutory(year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    calendar = holidays.country_holidays("VN", years=year)
    worked = frozenset(d for d in calendar.weekend_workdays if d.year == year)
    return frozenset(calendar.keys()), worked


def statutory_holidays(year: int) -> frozenset[dt.date]:
    """Vietnamese public holidays of one year, observed and substituted days included."""
    return _statutory(year)[0]


def statutory_working_weekends(year: int) -> frozenset[dt.date]:
    """Weekend days the government made working days in exchange for a day off."""
    return _statutory(year)[1]


@dataclasses.dataclass(frozen=True)
class Calendar:
    holidays_: frozenset[dt.date]
    working: frozenset[dt.date]

    @classmethod
    def load(cls, *, first_year: int, last_year: int) -> Calendar:
        from vanphong.workdays.models import OverrideKind, WorkdayOverride

        days: set[dt.date] = set()
        working: set[dt.date] = set()
        for year in range(first_year, last_year + 1):
            days |= statutory_holidays(year)
            working |= statutory_working_weekends(year)
        overrides = WorkdayOverride.objects.filter(
            date__year__gte=first_year, date__year__lte=last_year
        )
        for override in overrides:
            if override.kind == OverrideKind.HOLIDAY:
                days.add(override.date)
                working.discard(override.date)
            else:
                working.add(override.date)
                days.discard(override.date)
        return cls(holidays_=frozenset(days), working=frozenset(working))

    def is_working_day(self, day: dt.date) -> bool:
        return is_working_day(day, holidays_=self.holidays_, working=self.working)

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        return add_working_days(start, days, holidays_=self.holidays_, working=self.working)

    def subtract_working_days(self, end: dt.date, days: int) -> dt.date:
        return subtract_working_days(end, days, holidays_=self.holidays_, working=self.working)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        return working_days_between(start, end, holidays_=self.holidays_, working=self.working)

    @classmethod
    def around(cls, day: dt.date, *, years_before: int = 1, years_after: int = 1) -> Calendar:
        """One calendar for the work of a request or a sweep (one read of the overrides)."""
        return cls.load(first_year=day.year - years_before, last_year=day.year + years_after)


def deadline_after(start: dt.date, days: int) -> dt.date:
    """Deadline `days` working days after `start`, with holidays and overrides applied."""
    # Sixty days a year is the most a deadline of `days` can skip over.
    span_years = days // 150 + 1
    calendar = Calendar.load(first_year=start.year, last_year=start.year + span_years)
    return calendar.add_working_days(start, days)


def next_working_day(day: dt.date) -> dt.date:
    return deadline_after(day, 1)
