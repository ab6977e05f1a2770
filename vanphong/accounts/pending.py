"""A login halfway through: the password was right, the second factor is still to come.

Nothing is logged in yet; the session only remembers who typed the right password, with
which backend, and where they were going, for a few minutes. `finish` logs them in and
marks the session as verified by the device that accepted their code.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_otp
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

from vanphong import clock
from vanphong.organizations.models import User

SESSION_KEY = "vanphong_pending_login"
LIFETIME = dt.timedelta(minutes=5)


def begin(request: HttpRequest, user: User, *, next_url: str) -> None:
    request.session[SESSION_KEY] = {
        "user": user.pk, "backend": user.backend,  # type: ignore[attr-defined]
        "since": clock.now().isoformat(), "next": next_url,
    }


def _state(request: HttpRequest) -> dict[str, Any] | None:
    state = request.session.get(SESSION_KEY)
    if not isinstance(state, dict):
        return None
    if clock.now() - dt.datetime.fromisoformat(state["since"]) > LIFETIME:
        del request.session[SESSION_KEY]
        return None
    return state


def pending_user(request: HttpRequest) -> User | None:
    """Who is halfway through logging in here (None when nobody, or it took too long)."""
    state = _state(request)
    if state is None:
        return None
    return User.objects.filter(pk=state["user"], is_active=True).first()


def _next(request: HttpRequest, state: dict[str, Any]) -> str:
    target = state.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return str(target)
    return resolve_url("home:my_work")


def finish(request: HttpRequest, user: User, device: Any, *, then: str | None = None
           ) -> HttpResponse:
    """Log `user` in, verified by `device`; go where they were going (or to `then`)."""
    state = _state(request) or {}
    target = then or _next(request, state)
    login(request, user, backend=state.get("backend"))
    django_otp.login(request, device)
    request.session.pop(SESSION_KEY, None)
    return redirect(target)
