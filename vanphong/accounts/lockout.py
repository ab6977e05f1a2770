"""Login lockout with a growing delay, on top of django-axes.

Axes records each failed login (name, address) in the database and refuses logins while
locked. What a lock is, is decided here: each failure counts toward three locks
(`AXES_LOCKOUT_PARAMETERS`) — this name from this address, this name from anywhere,
this address for any name — each with its own limit (`LOGIN_FAILURE_LIMITS`). Reaching
a limit locks for `LOGIN_LOCK_MINUTES` after the last failure; every further failure
after the lock ends doubles the lock, up to a day. Failures are remembered for a day
(`AXES_COOLOFF_TIME`); a successful login forgets the person's own failures. Attempts
made while locked are refused without checking the password and do not count.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Max, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from vanphong import clock
from vanphong.accounts.actions import record_lockout

#: Past this many doublings the lock is the longest anyway.
_MAX_DOUBLINGS = 20


class LockoutBackend(AxesStandaloneBackend):
    """Axes' check before any password is compared. A call without a request comes from
    code (the test client, a command), not from a login form, and is not checked."""

    def authenticate(self, request: HttpRequest | None, username: str | None = None,
                     password: str | None = None, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def lock_length(failures: int, limit: int) -> dt.timedelta | None:
    """How long `failures` lock for, counted from the last one (None: not locked)."""
    if failures < limit:
        return None
    longest: dt.timedelta = settings.AXES_COOLOFF_TIME
    doublings = failures - limit
    if doublings > _MAX_DOUBLINGS:
        return longest
    return min(dt.timedelta(minutes=settings.LOGIN_LOCK_MINUTES * 2**doublings), longest)


def _until(failures: int, last: dt.datetime | None, limit: int, now: dt.datetime
           ) -> dt.datetime | None:
    length = lock_length(failures, limit)
    if length is None or last is None or last + length <= now:
        return None
    return last + length


def username_locked_until(username: str) -> dt.datetime | None:
    """Until when logging in as `username` is locked, from some address or from all
    (the locks of an address, whatever the name, are not shown here)."""
    now = clock.now()
    pair_limit, account_limit, _ = settings.LOGIN_FAILURE_LIMITS
    rows = AccessAttempt.objects.filter(
        username=username, attempt_time__gte=now - settings.AXES_COOLOFF_TIME)
    per_address = rows.values("ip_address").annotate(
        failures=Sum("failures_since_start"), last=Max("attempt_time"))
    total = rows.aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    locks = [_until(r["failures"], r["last"], pair_limit, now) for r in per_address]
    locks.append(_until(total["failures"] or 0, total["last"], account_limit, now))
    return max((lock for lock in locks if lock), default=None)


def _stamp(request: HttpRequest) -> None:
    # Axes stamps requests with Django's clock; ours can be moved by tests.
    request.axes_attempt_time = clock.now()  # type: ignore[attr-defined]


class LockoutHandler(AxesDatabaseHandler):
    def locked_until(self, request: HttpRequest, credentials: dict[str, Any] | None = None
                     ) -> dt.datetime | None:
        now, locks = clock.now(), []
        groups = self.get_user_attempts(request, credentials)
        for attempts, limit in zip(groups, settings.LOGIN_FAILURE_LIMITS, strict=True):
            row = attempts.aggregate(failures=Sum("failures_since_start"),
                                     last=Max("attempt_time"))
            locks.append(_until(row["failures"] or 0, row["last"], limit, now))
        return max((lock for lock in locks if lock), default=None)

    def is_allowed(self, request: HttpRequest, credentials: dict[str, Any] | None = None
                   ) -> bool:
        _stamp(request)
        return super().is_allowed(request, credentials)

    def is_locked(self, request: HttpRequest, credentials: dict[str, Any] | None = None
                  ) -> bool:
        return self.locked_until(request, credentials) is not None

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None
                     ) -> int:
        # Axes locks when this reaches AXES_FAILURE_LIMIT: report exactly that while one
        # of our locks holds, so its own flow (refusal, signal, lockout page) follows.
        locked = self.is_locked(request, credentials)
        return int(settings.AXES_FAILURE_LIMIT) if locked else 0

    def user_login_failed(self, sender: Any, credentials: dict[str, Any],
                          request: HttpRequest | None = None, **kwargs: Any) -> None:
        if request is None:
            return super().user_login_failed(sender, credentials, request, **kwargs)
        _stamp(request)
        was_locked = request.axes_locked_out  # type: ignore[attr-defined]
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request.axes_locked_out and not was_locked:  # type: ignore[attr-defined]
            record_lockout(username=get_client_username(request, credentials) or "",
                           address=request.axes_ip_address,  # type: ignore[attr-defined]
                           until=self.locked_until(request, credentials) or clock.now())
        return None

    def user_logged_in(self, sender: Any, request: HttpRequest, user: Any, **kwargs: Any
                       ) -> None:
        _stamp(request)
        super().user_logged_in(sender, request, user, **kwargs)
        # Whoever gets in is forgiven their own earlier typos, from any address.
        AccessAttempt.objects.filter(username=user.get_username()).delete()


def _when(until: dt.datetime) -> dict[str, Any]:
    local = timezone.localtime(until)
    minutes = max(1, math.ceil((until - clock.now()).total_seconds() / 60))
    wait = f"khoảng {minutes} phút nữa" if minutes < 90 else \
        f"khoảng {math.ceil(minutes / 60)} giờ nữa"
    same_day = local.date() == timezone.localdate(clock.now())
    return {"locked_until": local, "locked_same_day": same_day, "locked_wait": wait}


def lockout_response(request: HttpRequest, original_response: HttpResponse | None = None,
                     credentials: dict[str, Any] | None = None) -> HttpResponse:
    """The login page again, saying until when logging in is paused (429)."""
    handler = AxesProxyHandler.get_implementation()
    until = handler.locked_until(request, credentials) or clock.now()  # type: ignore[attr-defined]
    username = get_client_username(request, credentials) or ""
    form = AuthenticationForm(request, initial={"username": username})
    context = {"form": form, "next": request.POST.get("next", ""), **_when(until)}
    return render(request, "registration/login.html", context,
                  status=settings.AXES_HTTP_RESPONSE_CODE)
