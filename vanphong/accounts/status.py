"""What an administrator sees of a person's login security on their page."""

from __future__ import annotations

import dataclasses
import datetime as dt

from vanphong.accounts import second_factor
from vanphong.accounts.access import second_factor_required
from vanphong.accounts.lockout import username_locked_until
from vanphong.organizations.models import User


@dataclasses.dataclass(frozen=True)
class LoginSecurity:
    second_factor: bool
    required: bool
    locked_until: dt.datetime | None


def login_security(person: User) -> LoginSecurity:
    return LoginSecurity(
        second_factor=second_factor.is_enabled(person),
        required=second_factor_required(person),
        locked_until=username_locked_until(person.username),
    )
