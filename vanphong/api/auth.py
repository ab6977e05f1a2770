"""Bearer-token authentication: `Authorization: Bearer vp_...`.

Only the token's hash is stored. A token works while it is not revoked and its user
is active; anything else is refused with the same 401, so a caller cannot tell a
revoked token from a mistyped one. An address that sends too many requests without a
valid token is refused with 429 before any token is looked up (`throttling.py`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja.errors import Throttled
from ninja.security import HttpBearer

from vanphong import clock
from vanphong.api.models import TOKEN_PREFIX, ApiToken, hash_token
from vanphong.api.throttling import note_refused, refused_wait
from vanphong.organizations.models import User

#: `last_used_at` is refreshed at most this often, so that a busy client does not turn
#: every read into a write (which would queue behind registrations on SQLite).
LAST_USED_PRECISION = dt.timedelta(minutes=1)
_MAX_TOKEN_LENGTH = 200


class BearerToken(HttpBearer):
    def __call__(self, request: HttpRequest) -> Any:
        wait = refused_wait(request)
        if wait is not None:
            raise Throttled(wait=int(wait) + 1)
        user = super().__call__(request)
        if user is None:
            note_refused(request)
        return user

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        token = token.strip()
        if not token.startswith(TOKEN_PREFIX) or len(token) > _MAX_TOKEN_LENGTH:
            return None
        row = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=hash_token(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if row is None:
            return None
        _touch(row)
        return row.user


def _touch(row: ApiToken) -> None:
    now = clock.now()
    if row.last_used_at is None or now - row.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
