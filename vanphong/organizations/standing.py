"""What a user holds today: the roles behind every permission decision.

Computed once per request from active `Position` rows and cached on the user object,
so the gatekeepers of every object type read the same facts.
"""

from __future__ import annotations

import dataclasses

from vanphong import clock
from vanphong.organizations.models import Position, Role, User

_CACHE_ATTR = "_vanphong_standing"


@dataclasses.dataclass(frozen=True)
class Standing:
    user_id: int | None
    is_superuser: bool = False
    clerk_offices: frozenset[int] = frozenset()
    lead_offices: frozenset[int] = frozenset()
    archivist_offices: frozenset[int] = frozenset()
    admin_offices: frozenset[int] = frozenset()
    head_orgs: frozenset[int] = frozenset()
    deputy_orgs: frozenset[int] = frozenset()
    unit_heads: frozenset[int] = frozenset()
    member_orgs: frozenset[int] = frozenset()
    member_offices: frozenset[int] = frozenset()

    @property
    def leader_orgs(self) -> frozenset[int]:
        return self.head_orgs | self.deputy_orgs

    @property
    def staff_offices(self) -> frozenset[int]:
        """Offices whose whole (non-secret) flow of documents this person works on."""
        return self.clerk_offices | self.lead_offices

    def administers(self, office_id: int) -> bool:
        return self.is_superuser or office_id in self.admin_offices


def _collect(positions: list[Position], role: str, attr: str) -> frozenset[int]:
    return frozenset(getattr(p, attr) for p in positions if p.role == role and getattr(p, attr))


def standing_of(user: User | None) -> Standing:
    if user is None or not user.is_authenticated or not user.is_active:
        return Standing(user_id=None)
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    positions = list(Position.objects.active(on=clock.today()).filter(person=user))
    standing = Standing(
        user_id=user.pk,
        is_superuser=user.is_superuser,
        clerk_offices=_collect(positions, Role.CLERK, "office_id"),
        lead_offices=_collect(positions, Role.OFFICE_LEAD, "office_id"),
        archivist_offices=_collect(positions, Role.ARCHIVIST, "office_id"),
        admin_offices=_collect(positions, Role.ADMIN, "office_id"),
        head_orgs=_collect(positions, Role.HEAD, "organization_id"),
        deputy_orgs=_collect(positions, Role.DEPUTY, "organization_id"),
        unit_heads=_collect(positions, Role.UNIT_HEAD, "unit_id"),
        member_orgs=frozenset(p.organization_id for p in positions if p.organization_id),
        member_offices=frozenset(p.office_id for p in positions),
    )
    setattr(user, _CACHE_ATTR, standing)
    return standing


def forget_standing(user: User) -> None:
    """Drop the cached standing, e.g. after positions change within one request."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)
