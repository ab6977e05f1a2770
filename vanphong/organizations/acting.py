"""The organization a user is acting for in this session, and the office they work in.

People who hold posts in several organizations (a Bí thư chairing the HĐND, the clerk
serving all of them) pick one in the header; lists, forms and dashboards start from it
and the header always shows it. "Whole office" is the empty choice for office staff.

`current_office` is the one answer to "which office is this person working in now", for
every page and API call that works on one office (STYLE.md 14).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import cast

from django.http import HttpRequest

from vanphong import clock
from vanphong.errors import Invalid
from vanphong.organizations.models import Office, Organization, Position, User
from vanphong.organizations.standing import standing_of

SESSION_KEY = "acting_organization_id"


@dataclasses.dataclass(frozen=True)
class Acting:
    organization: Organization | None
    choices: list[Organization]
    titles: dict[int | None, list[str]]

    @property
    def title(self) -> str:
        key = self.organization.pk if self.organization else None
        return ", ".join(self.titles.get(key, []))


def choices_for(user: User) -> list[Organization]:
    standing = standing_of(user)
    org_ids = set(standing.member_orgs)
    orgs = Organization.objects.active().select_related("office")
    if standing.staff_offices or standing.admin_offices:
        return list(orgs.filter(office__in=standing.staff_offices | standing.admin_offices))
    # Where the person leads comes first: that is their default context.
    rank = dict.fromkeys(standing.head_orgs, 0)
    rank.update({org_id: 1 for org_id in standing.deputy_orgs if org_id not in rank})
    return sorted(orgs.filter(pk__in=org_ids), key=lambda o: (rank.get(o.pk, 2), o.position))


def acting_for(request: HttpRequest) -> Acting:
    user = cast(User, request.user)
    choices = choices_for(user)
    titles: dict[int | None, list[str]] = {}
    for position in Position.objects.active(on=clock.today()).filter(person_id=user.pk):
        titles.setdefault(position.organization_id, []).append(position.title)
    organization = _pick(user, choices, request.session.get(SESSION_KEY))
    return Acting(organization=organization, choices=choices, titles=titles)


def may_act_for_whole_office(user: User | None) -> bool:
    """Office staff may work for the whole office ("Toàn văn phòng" in the header)."""
    return bool(standing_of(user).staff_offices)


def _pick(user: User, choices: list[Organization], chosen_id: object) -> Organization | None:
    organization = next((o for o in choices if o.pk == chosen_id), None)
    if organization is None and chosen_id is None and len(choices) == 1:
        organization = choices[0]
    if organization is None and not may_act_for_whole_office(user) and choices:
        # Non-office staff always act for one of their organizations.
        organization = choices[0]
    return organization


def default_organization(user: User) -> Organization | None:
    """What the header shows before the person picks anything (the API has no header)."""
    return _pick(user, choices_for(user), None)


def current_office(
    who: HttpRequest | User, *, among: Iterable[int] | None = None, wanted: int | None = None
) -> Office | None:
    """The office the person works in now, out of `among` (default: every office where
    they hold a post; a caller narrows it to where the work is allowed, e.g. the offices
    whose intake they feed). None when there is none.

    1. `wanted` — the API's `office` parameter — when it is one of them (Invalid if not:
       an office the person does not work in is never chosen, nor said to exist);
    2. otherwise the office of the organization they act for ("làm việc cho": the one
       picked in the header; through the API, the one the header shows by default);
    3. otherwise, with one office, that one; with several, the first created (lowest id).
    """
    request = who if isinstance(who, HttpRequest) else None
    user = cast(User, request.user if request is not None else who)
    offices = frozenset(standing_of(user).member_offices if among is None else among)
    if wanted is not None:
        if wanted not in offices:
            raise Invalid("Bạn không làm việc ở văn phòng này.",
                          fields={"office": f"Không có văn phòng {wanted} trong các văn phòng "
                                  "bạn làm việc."})
        return Office.objects.get(pk=wanted)
    acting = _acting_organization(request, user)
    if acting is not None and acting.office_id in offices:
        return acting.office
    return Office.objects.filter(pk__in=offices).order_by("pk").first()


def _acting_organization(request: HttpRequest | None, user: User) -> Organization | None:
    acting = getattr(request, "acting", None) if request is not None else None
    if acting is not None:
        return cast(Acting, acting).organization
    return default_organization(user)


def choose(request: HttpRequest, organization_id: int | None) -> bool:
    """Switch the acting organization; False when the user may not act for it."""
    user = cast(User, request.user)
    if organization_id is None:
        if not may_act_for_whole_office(user):
            return False
        request.session[SESSION_KEY] = None
        return True
    if organization_id not in {o.pk for o in choices_for(user)}:
        return False
    request.session[SESSION_KEY] = organization_id
    return True
