"""Working-day arithmetic: table tests of the pure function, then the calendar with
holidays.VN and administrators' overrides."""

from __future__ import annotations

import datetime as dt

import pytest

from vanphong.workdays.dates import (
    Calendar,
    add_working_days,
    deadline_after,
    is_working_day,
    week_bounds,
    working_days_between,
)
from vanphong.workdays.models import OverrideKind, WorkdayOverride

D = dt.date
NONE: frozenset[dt.date] = frozenset()


@pytest.mark.parametrize(
    ("start", "days", "expected", "why"),
    [
        (D(2026, 11, 16), 1, D(2026, 11, 17), "Monday + 1 is Tuesday"),
        (D(2026, 11, 20), 1, D(2026, 11, 23), "Friday + 1 skips the weekend"),
        (D(2026, 11, 21), 1, D(2026, 11, 23), "Saturday + 1 is Monday"),
        (D(2026, 11, 16), 5, D(2026, 11, 23), "a working week"),
        (D(2026, 11, 16), 0, D(2026, 11, 16), "zero days on a working day is that day"),
        (D(2026, 11, 22), 0, D(2026, 11, 23), "zero days on Sunday moves to Monday"),
    ],
)
def test_add_working_days_without_holidays(start, days, expected, why):
    assert add_working_days(start, days, holidays_=NONE, working=NONE) == expected, why


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(D(2026, 1, 5), -1, holidays_=NONE, working=NONE)


def test_a_holiday_is_skipped_and_a_swapped_saturday_counts():
    holidays = frozenset({D(2026, 11, 17)})
    working = frozenset({D(2026, 11, 21)})
    assert add_working_days(D(2026, 11, 16), 1, holidays_=holidays, working=working) == D(
        2026, 11, 18
    )
    assert add_working_days(D(2026, 11, 20), 1, holidays_=holidays, working=working) == D(
        2026, 11, 21
    )
    assert is_working_day(D(2026, 11, 21), holidays_=holidays, working=working)


@pytest.mark.parametrize(
    ("start", "days", "expected", "why"),
    [
        (D(2026, 2, 13), 1, D(2026, 2, 23), "Friday before Tết 2026 (16–20/2 off) + 1"),
        (D(2026, 2, 12), 3, D(2026, 2, 24), "a deadline that crosses Tết"),
        (D(2027, 2, 3), 1, D(2027, 2, 11), "Tết 2027: 4–10/2 off"),
        (D(2026, 4, 24), 1, D(2026, 4, 28), "Giỗ Tổ on Sunday 26/4 is observed on Monday 27/4"),
        (D(2026, 4, 29), 1, D(2026, 5, 4), "30/4 and 1/5"),
        (D(2026, 8, 21), 1, D(2026, 8, 22), "Saturday 22/8/2026 is a swapped working day"),
        (D(2026, 8, 28), 1, D(2026, 9, 3), "31/8 (swapped day off), 1–2/9 National Day"),
        (D(2026, 12, 31), 1, D(2027, 1, 4), "New Year: 1/1/2027 is a Friday"),
        (D(2025, 12, 25), 10, D(2026, 1, 9), "ten working days across the new year"),
    ],
)
def test_vietnamese_calendar(db, start, days, expected, why):
    assert deadline_after(start, days) == expected, why


def test_administrators_overrides_change_the_result(db):
    monday = D(2026, 3, 9)
    assert deadline_after(D(2026, 3, 6), 1) == monday
    WorkdayOverride.objects.create(date=monday, kind=OverrideKind.HOLIDAY, name="Nghỉ bù (ví dụ)")
    assert deadline_after(D(2026, 3, 6), 1) == D(2026, 3, 10)
    WorkdayOverride.objects.create(
        date=D(2026, 3, 7), kind=OverrideKind.WORKING_DAY, name="Làm bù (ví dụ)"
    )
    assert deadline_after(D(2026, 3, 6), 1) == D(2026, 3, 7)


def test_an_override_can_cancel_a_statutory_swap(db):
    WorkdayOverride.objects.create(
        date=D(2026, 8, 22), kind=OverrideKind.HOLIDAY, name="Không làm bù"
    )
    calendar = Calendar.load(first_year=2026, last_year=2026)
    assert not calendar.is_working_day(D(2026, 8, 22))


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2026, 2, 13), D(2026, 2, 23), 1),
        (D(2026, 11, 16), D(2026, 11, 16), 0),
        (D(2026, 11, 23), D(2026, 11, 16), -5),
    ],
)
def test_working_days_between(db, start, end, expected):
    calendar = Calendar.load(first_year=2026, last_year=2026)
    assert (
        working_days_between(start, end, holidays_=calendar.holidays_, working=calendar.working)
        == expected
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("end", "days", "expected", "why"),
    [
        (D(2026, 11, 26), 2, D(2026, 11, 23), "Thursday − 2 is Monday, over 24/11"),
        (D(2026, 11, 23), 1, D(2026, 11, 20), "Monday − 1 is the Friday before"),
        (D(2026, 2, 23), 2, D(2026, 2, 12), "two working days before the Monday after Tết 2026"),
        (D(2027, 2, 11), 1, D(2027, 2, 3), "Tết 2027: 4–10/2 off"),
        (D(2026, 11, 23), 0, D(2026, 11, 23), "zero days is the day itself"),
    ],
)
def test_subtract_working_days_across_holidays(end, days, expected, why):
    calendar = Calendar.load(first_year=end.year - 1, last_year=end.year)
    assert calendar.subtract_working_days(end, days) == expected, why
    if days:
        assert calendar.add_working_days(expected, days) == end, "the inverse of adding"


@pytest.mark.django_db
def test_week_bounds_and_counting_between():
    assert week_bounds(D(2026, 12, 3)) == (D(2026, 11, 30), D(2026, 12, 6))
    assert week_bounds(D(2026, 12, 6)) == (D(2026, 11, 30), D(2026, 12, 6))
    calendar = Calendar.around(D(2026, 2, 1))
    assert calendar.working_days_between(D(2026, 2, 13), D(2026, 2, 24)) == 2  # Tết between


def test_travel_to_moves_the_clock_for_every_thread():
    import threading
    from zoneinfo import ZoneInfo

    from vanphong import clock

    moment = dt.datetime(2027, 2, 3, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    seen: list[dt.datetime] = []
    with clock.travel_to(moment):
        thread = threading.Thread(target=lambda: seen.append(clock.now()))
        thread.start()
        thread.join()
        assert clock.today() == D(2027, 2, 3)
    assert seen == [moment]
    assert clock.now() != moment
    with pytest.raises(ValueError), clock.travel_to(dt.datetime(2027, 1, 1)):
        pass
