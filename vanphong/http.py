"""The request as our middleware leaves it, for type checking logged-in views."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from vanphong.organizations.acting import Acting
    from vanphong.organizations.models import User


class AuthedRequest(HttpRequest):
    """A request behind `login_required`: `user` is a real user, `acting` is set."""

    user: User  # type: ignore[assignment]
    acting: Acting
    htmx: HtmxDetails
