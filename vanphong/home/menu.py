"""The header's menu, asked of each app's gatekeeper (STYLE.md 15): a link is shown exactly
when the page it leads to lets this person in, so no template restates a rule."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.http import HttpRequest

from vanphong.incoming.access import may_register_incoming
from vanphong.intake.access import sees_intake
from vanphong.organizations.access import is_administrator
from vanphong.organizations.acting import may_act_for_whole_office
from vanphong.outgoing.access import may_draft_outgoing
from vanphong.registers.access import sees_registers


@dataclass
class Menu:
    """Each answer is computed when the template first asks for it, once per request."""

    request: HttpRequest

    @property
    def _user(self):  # type: ignore[no-untyped-def]
        return getattr(self.request, "user", None)

    @cached_property
    def register_incoming(self) -> bool:
        return may_register_incoming(self._user)

    @cached_property
    def intake(self) -> bool:
        return sees_intake(self._user)

    @cached_property
    def draft_outgoing(self) -> bool:
        return may_draft_outgoing(self._user)

    @cached_property
    def registers(self) -> bool:
        return sees_registers(self._user)

    @cached_property
    def administration(self) -> bool:
        return is_administrator(self._user)

    @cached_property
    def whole_office(self) -> bool:
        return may_act_for_whole_office(self._user)


def menu(request: HttpRequest) -> dict[str, object]:
    return {"menu": Menu(request)}
