"""When things happen in the demo's year: office hours on working days, never after
"now".

Every moment is drawn from the office's working hours (07:30–11:30, 13:30–17:00) on
working days of `vanphong.workdays` (holidays and overrides applied). The last day of
the history is special: it is cut at the given moment, and if it is a day off a duty
clerk still registers urgent arrivals in the morning.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random

from django.utils import timezone

from vanphong.workdays.dates import Calendar, working_days_between

MORNING = (dt.time(7, 30), dt.time(11, 30))
AFTERNOON = (dt.time(13, 30), dt.time(17, 0))
DUTY = (dt.time(8, 0), dt.time(11, 0))
MINUTE = dt.timedelta(minutes=1)

Interval = tuple[dt.datetime, dt.datetime]


class Beyond(Exception):
    """The next step would fall after the end of the history: the document stops here."""


class Timeline:
    def __init__(self, *, calendar: Calendar, start: dt.date, until: dt.date,
                 cutoff: dt.datetime, rng: random.Random) -> None:
        self.calendar, self.until, self.cutoff, self.rng = calendar, until, cutoff, rng
        self.tz = timezone.get_current_timezone()
        days = [start + dt.timedelta(days=n) for n in range((until - start).days)]
        #: Working days of the history, ending with `until` whatever kind of day it is.
        self.days = [day for day in days if calendar.is_working_day(day)] + [until]

    def _at(self, day: dt.date, time: dt.time) -> dt.datetime:
        return dt.datetime.combine(day, time, tzinfo=self.tz)

    def intervals(self, day: dt.date, *, duty: bool = False) -> list[Interval]:
        """The day's working hours, cut at `cutoff` on the last day. With `duty`, a last
        day off still has the duty clerk's morning (for arrivals only)."""
        if self.calendar.is_working_day(day):
            spans = [MORNING, AFTERNOON]
        elif day == self.until and duty:
            spans = [DUTY]
        else:
            return []
        result = [(self._at(day, a), self._at(day, b)) for a, b in spans]
        if day != self.until:
            return result
        clipped = [(a, min(b, self.cutoff)) for a, b in result if a < self.cutoff]
        if not clipped and duty:
            # Before opening time on the last day: arrivals come in the early hours.
            early = max(self._at(day, dt.time(0, 0)), self.cutoff - dt.timedelta(hours=1))
            clipped = [(early, self.cutoff)]
        return clipped

    def _pick(self, spans: list[Interval]) -> dt.datetime | None:
        lengths = [(b - a).total_seconds() for a, b in spans]
        total = sum(lengths)
        if total < 60:
            return None
        offset = self.rng.uniform(0, total)
        for (a, _), length in zip(spans, lengths, strict=True):
            if offset <= length:
                return (a + dt.timedelta(seconds=offset)).replace(microsecond=0)
            offset -= length
        return spans[-1][1].replace(microsecond=0)

    def arrival_on(self, day: dt.date) -> dt.datetime:
        moment = self._pick(self.intervals(day, duty=True))
        # Only a history cut in the first minute of a day leaves no room at all.
        return moment or self.cutoff.replace(microsecond=0)

    def moment_on(self, day: dt.date, *, after: dt.datetime | None = None) -> dt.datetime | None:
        spans = self.intervals(day)
        if after is not None:
            spans = [(max(a, after + MINUTE), b) for a, b in spans if b > after + MINUTE]
        return self._pick(spans)

    def working_day_after(self, day: dt.date, count: int) -> dt.date:
        return self.calendar.add_working_days(day, count)

    def gap(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]; negative when `end` is earlier."""
        return working_days_between(start, end, holidays_=self.calendar.holidays_,
                                    working=self.calendar.working)

    def age(self, day: dt.date) -> int:
        """Working days between `day` and the last day of the history."""
        return len(self.days) - 1 - bisect.bisect_left(self.days, day)

    def between(self, after: dt.datetime, bound: dt.datetime) -> dt.datetime | None:
        """A working-hours moment in (after, bound], or None when there is no room."""
        spans: list[Interval] = []
        day = timezone.localtime(after, self.tz).date()
        last = timezone.localtime(bound, self.tz).date()
        while day <= last:
            for a, b in self.intervals(day):
                a, b = max(a, after + MINUTE), min(b, bound)
                if b > a:
                    spans.append((a, b))
            day += dt.timedelta(days=1)
        return self._pick(spans)

    def later(self, after: dt.datetime, *, days: int = 0, quick: bool = False) -> dt.datetime:
        """The next moment: minutes later when `quick`, else later the same day or on
        the `days`-th working day after. Squeezed before the cutoff when needed;
        raises Beyond when no time is left."""
        moment = self._natural(after, days=days, quick=quick)
        if moment is None or moment > self.cutoff:
            moment = self.between(after, self.cutoff)
        if moment is None:
            raise Beyond
        return moment

    def _natural(self, after: dt.datetime, *, days: int, quick: bool) -> dt.datetime | None:
        local = timezone.localtime(after, self.tz)
        if quick or days == 0:
            reach = self.rng.randint(5, 40) if quick else self.rng.randint(20, 180)
            window_end = after + dt.timedelta(minutes=reach)
            spans = [(max(a, after + MINUTE), min(b, window_end))
                     for a, b in self.intervals(local.date())]
            same_day = self._pick([(a, b) for a, b in spans if b > a])
            if same_day is not None:
                return same_day
            days = 1
        return self.moment_on(self.working_day_after(local.date(), days))

    def on_day(self, after: dt.datetime, day: dt.date) -> dt.datetime:
        """A moment on `day` (after `after`), squeezed before the cutoff when needed."""
        moment = self.moment_on(day, after=after)
        if moment is None or moment > self.cutoff:
            moment = self.between(after, self.cutoff)
        if moment is None:
            raise Beyond
        return moment
