"""Request limits of the API (`VANPHONG_API_RATES`), counted in the shared cache over a
sliding window so that every web process sees the same counts:

- "user": requests with a valid token, per person;
- "anonymous": requests without a valid token (missing, mistyped, revoked), per client
  address. Once over it, such requests are refused with 429 before any token is looked
  up, so tokens cannot be guessed at speed.

Over a limit the answer is 429 in the API's error shape, with `Retry-After`.
"""

from __future__ import annotations

import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from vanphong.addresses import client_address

_SECONDS = {"s": 1, "sec": 1, "min": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """"600/min" -> (600, 60)."""
    count, period = rate.split("/", 1)
    return int(count), _SECONDS[period]


class SlidingWindow:
    """At most N events per period per key; the wait until the next one is allowed."""

    def __init__(self, scope: str) -> None:
        self.scope = scope

    def _rate(self) -> tuple[int, int]:
        return parse_rate(settings.VANPHONG_API_RATES[self.scope])

    def _recent(self, key: str, now: float, period: int) -> list[float]:
        return [t for t in cache.get(key, []) if t > now - period]

    def wait(self, ident: str) -> float | None:
        """Seconds until `ident` may go again, or None when it may go now."""
        count, period = self._rate()
        now = time.time()
        recent = self._recent(self._key(ident), now, period)
        if len(recent) < count:
            return None
        return max(1.0, recent[count - 1] + period - now)

    def record(self, ident: str) -> None:
        count, period = self._rate()
        now, key = time.time(), self._key(ident)
        # Newest first, no more than the limit: enough to know when the oldest expires.
        cache.set(key, [now, *self._recent(key, now, period)][:count], period)

    def _key(self, ident: str) -> str:
        return f"vanphong-rate-{self.scope}-{ident}"


class PerUserThrottle(BaseThrottle):
    """ninja's throttle interface over `SlidingWindow("user")`: keyed by the person the
    token belongs to; ninja asks after authentication."""

    def __init__(self) -> None:
        self.window = SlidingWindow("user")
        self._waits = threading.local()  # ninja asks `wait()` right after, same thread

    def allow_request(self, request: HttpRequest) -> bool:
        user = getattr(request, "auth", None)
        if user is None:
            return True
        ident = str(user.pk)
        self._waits.value = self.window.wait(ident)
        if self._waits.value is not None:
            return False
        self.window.record(ident)
        return True

    def wait(self) -> float | None:
        return getattr(self._waits, "value", None)


refused_tokens = SlidingWindow("anonymous")


def refused_wait(request: HttpRequest) -> float | None:
    return refused_tokens.wait(client_address(request))


def note_refused(request: HttpRequest) -> None:
    refused_tokens.record(client_address(request))
