from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from vanphong.notices.access import unread_count


def notices(request: HttpRequest) -> dict[str, Any]:
    """The bell's unread count: one COUNT on the recipient's index, only when a page
    shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notices": SimpleLazyObject(lambda: unread_count(user))}  # type: ignore[arg-type]
