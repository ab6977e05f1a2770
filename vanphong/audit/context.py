"""Where the current request comes from, for audit rows written deep inside actions."""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
from collections.abc import Iterator

from django.http import HttpRequest

from vanphong.addresses import client_address


@dataclasses.dataclass(frozen=True)
class Origin:
    address: str | None = None
    user_agent: str = ""
    channel: str = "system"


_origin: contextvars.ContextVar[Origin] = contextvars.ContextVar(
    "vanphong_origin",
    default=Origin(),  # noqa: B039  (Origin is a frozen dataclass)
)


def current_origin() -> Origin:
    return _origin.get()


def origin_of(request: HttpRequest) -> Origin:
    address = client_address(request) or None
    channel = "api" if request.path.startswith("/api/") else "web"
    return Origin(
        address=address, user_agent=request.META.get("HTTP_USER_AGENT", "")[:300], channel=channel
    )


@contextlib.contextmanager
def request_origin(request: HttpRequest) -> Iterator[None]:
    token = _origin.set(origin_of(request))
    try:
        yield
    finally:
        _origin.reset(token)


@contextlib.contextmanager
def command_origin(name: str) -> Iterator[None]:
    """Mark writes made by a management command or background job."""
    token = _origin.set(Origin(address=None, user_agent=name, channel="command"))
    try:
        yield
    finally:
        _origin.reset(token)
