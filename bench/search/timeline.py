"""The corpus's calendar: working days from 2015 to the last day, weighted so that
recent years hold more documents, and how Vietnamese documents write dates and periods."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Callable

import holidays

START = dt.date(2015, 1, 1)
GROWTH = 1.12  # each year holds this many times the documents of the year before


def viet_date(day: dt.date) -> str:
    """"ngày 05 tháng 01 năm 2026": leading zero for days below 10 and months 1–2."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


class Timeline:
    """Working days from shortly before START to `until`, weighted: more recent years
    heavier, December busier, February (Tết) and Fridays quieter."""

    def __init__(self, until: dt.date) -> None:
        first = START - dt.timedelta(days=60)
        off = holidays.country_holidays("VN", years=range(first.year, until.year + 1))
        self.days = [d for d in (first + dt.timedelta(n) for n in range((until - first).days + 1))
                     if d.weekday() < 5 and d not in off]
        self.start = bisect.bisect_left(self.days, START)
        month = {12: 1.25, 1: 1.1, 2: 0.75, 7: 0.9, 8: 0.9}
        weekday = (1.15, 1.0, 1.0, 1.0, 0.9)
        weights = [GROWTH ** (d.year - START.year) * month.get(d.month, 1.0) * weekday[d.weekday()]
                   for d in self.days[self.start:]]
        self.cumulative = list(itertools.accumulate(weights))
        self.total = self.cumulative[-1]
        self.viet = [viet_date(d) for d in self.days]
        self.short = [f"{d:%d/%m/%Y}" for d in self.days]

    def place(self, share: float) -> tuple[int, float]:
        """The working day at this share of the weighted timeline, and how far into it."""
        target = share * self.total
        k = min(bisect.bisect_right(self.cumulative, target), len(self.cumulative) - 1)
        low = self.cumulative[k - 1] if k else 0.0
        frac = (target - low) / (self.cumulative[k] - low)
        return self.start + k, min(max(frac, 0.0), 0.999)


def roman(number: int) -> str:
    return ("I", "II", "III", "IV")[max(1, min(4, number)) - 1]


def past_period(day: dt.date, rand: Callable[[], float]) -> str:
    """A period just ended, as a report names it: "quý II năm 2024", "năm 2023"..."""
    draw = rand()
    quarter = (day.month - 1) // 3 + 1
    if day.month <= 2:
        return f"năm {day.year - 1}" if draw < 0.6 else f"quý IV năm {day.year - 1}"
    if 6 <= day.month <= 8 and draw < 0.5:
        return f"6 tháng đầu năm {day.year}"
    if 9 <= day.month <= 10 and draw < 0.5:
        return f"9 tháng đầu năm {day.year}"
    if day.month >= 11 and draw < 0.6:
        return f"năm {day.year}"
    if draw < 0.75:
        return f"quý {roman(quarter - 1)} năm {day.year}" if quarter > 1 else \
            f"quý IV năm {day.year - 1}"
    last = day.replace(day=1) - dt.timedelta(days=1)
    return f"tháng {last.month}/{last.year}"


STEMS = ("Canh", "Tân", "Nhâm", "Quý", "Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ")
BRANCHES = ("Thân", "Dậu", "Tuất", "Hợi", "Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi")


def lunar(year: int) -> str:
    """2026 -> "Bính Ngọ"."""
    return f"{STEMS[year % 10]} {BRANCHES[year % 12]}"
