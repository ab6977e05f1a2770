"""The one source of "now" for business rules.

Deadlines, overdue marks and the demo's year of history all ask this module, so tests
and the demo generator can move time without sleeping or patching Django internals.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Iterator

from django.utils import timezone

_frozen: contextvars.ContextVar[dt.datetime | None] = contextvars.ContextVar(
    "vanphong_clock", default=None
)


#: Set by `travel_to`: seen by every thread (a browser test's live server runs in another).
_travelled: dt.datetime | None = None


def now() -> dt.datetime:
    return _frozen.get() or _travelled or timezone.now()


def today() -> dt.date:
    return timezone.localdate(now())


@contextlib.contextmanager
def frozen_at(moment: dt.datetime) -> Iterator[None]:
    """Make `now()` return `moment` inside the block (aware datetimes only)."""
    if timezone.is_naive(moment):
        raise ValueError("frozen_at needs an aware datetime")
    token = _frozen.set(moment)
    try:
        yield
    finally:
        _frozen.reset(token)


@contextlib.contextmanager
def travel_to(moment: dt.datetime) -> Iterator[None]:
    """Make `now()` return `moment` in every thread of the process inside the block (for
    tests whose server runs in another thread; `frozen_at` stays within one context)."""
    global _travelled
    if timezone.is_naive(moment):
        raise ValueError("travel_to needs an aware datetime")
    previous, _travelled = _travelled, moment
    try:
        yield
    finally:
        _travelled = previous
