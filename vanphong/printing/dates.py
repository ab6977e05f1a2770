"""Dates as Vietnamese administrative documents write them (ND30 Phụ lục I §IV.4).

Long form: "ngày 05 tháng 01 năm 2026" — a leading zero for days below 10 and for
months 1 and 2 only (so "tháng 3", never "tháng 03"). Short form for tables and
registers: "05/01/2026". Datetimes are shown in the local time zone first, so a
document received at 23:30 local time is not printed under the next UTC day.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def local_day(value: dt.date | dt.datetime) -> dt.date:
    """The calendar day of `value` in the installation's time zone."""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def day_text(day: int) -> str:
    return f"{day:02d}"


def month_text(month: int) -> str:
    """Months 1 and 2 take a leading zero so "tháng 1" cannot be read as "tháng 10"."""
    return f"{month:02d}" if month < 3 else str(month)


def long_date(value: dt.date | dt.datetime | None) -> str:
    """'ngày 05 tháng 01 năm 2026'; empty for None."""
    if value is None:
        return ""
    day = local_day(value)
    return f"ngày {day_text(day.day)} tháng {month_text(day.month)} năm {day.year}"


def place_and_date(place: str, value: dt.date | dt.datetime) -> str:
    """'Tân Hòa, ngày 05 tháng 01 năm 2026' (ô số 4 of a document)."""
    return f"{place}, {long_date(value)}" if place else long_date(value).capitalize()


def short_date(value: dt.date | dt.datetime | None) -> str:
    """'05/01/2026'; empty for None."""
    if value is None:
        return ""
    return f"{local_day(value):%d/%m/%Y}"


def short_datetime(value: dt.datetime | None) -> str:
    """'14:30 05/01/2026' in local time; empty for None."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{local:%H:%M %d/%m/%Y}"


def blank_date() -> str:
    """The form line a signer fills in by hand."""
    return "ngày …… tháng …… năm ………"
