"""A period of days — the one `Period` every figure, register and report counts over."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.utils import timezone

from vanphong import clock
from vanphong.errors import Invalid

#: Years a period may start or end in (beyond them the date arithmetic of registers and
#: reports has no meaning and could overflow).
FIRST_YEAR, LAST_YEAR = 1900, 2999


@dataclasses.dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included."""

    start: dt.date
    end: dt.date

    @classmethod
    def this_year(cls) -> Period:
        return cls.year(clock.today().year)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def resolve(cls, start: dt.date | None, end: dt.date | None, *,
                field: str = "date_from") -> Period:
        """Fill in a missing bound — no dates: this year; one date: up to the end, or from
        the start, of that date's year — and refuse reversed or far dates (`Invalid` on
        `field`)."""
        if start is None and end is None:
            return cls.this_year()
        if start is None:
            start = dt.date(end.year, 1, 1)  # type: ignore[union-attr]
        if end is None:
            end = dt.date(start.year, 12, 31)
        if not all(FIRST_YEAR <= day.year <= LAST_YEAR for day in (start, end)):
            raise Invalid(f"Chọn ngày trong các năm {FIRST_YEAR}–{LAST_YEAR}.",
                          fields={field: "Năm không hợp lệ."})
        if start > end:
            raise Invalid("“Từ ngày” phải trước hoặc bằng “đến ngày”.",
                          fields={field: "Sau ngày kết thúc."})
        return cls(start, end)

    @property
    def label(self) -> str:
        return f"Từ ngày {self.start:%d/%m/%Y} đến ngày {self.end:%d/%m/%Y}"

    @property
    def years(self) -> str:
        first, last = self.start.year, self.end.year
        return str(first) if first == last else f"{first}–{last}"

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """[start, end) as aware datetimes, local midnight to local midnight, so a time
        index is used and what happened late at night stays on its local day."""
        first = dt.datetime.combine(self.start, dt.time.min)
        after = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min)
        return timezone.make_aware(first), timezone.make_aware(after)
