"""The organization a user is acting for in this session.

People who hold posts in several organizations (a Bí thư chairing the HĐND, the clerk
serving all of them) pick one in the header; lists, forms and dashboards start from it
and the header always shows it. "Whole office" is the empty choice for office staff.
"""

from __future__ import annotations

import dataclasses
from typing import cast

from django.http import HttpRequest

from vanphong import clock
from vanphong.organizations.models import Organization, Position, User
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
    chosen_id = request.session.get(SESSION_KEY)
    organization = next((o for o in choices if o.pk == chosen_id), None)
    if organization is None and chosen_id is None and len(choices) == 1:
        organization = choices[0]
    if organization is None and not standing_of(user).staff_offices and choices:
        # Non-office staff always act for one of their organizations.
        organization = choices[0]
    return Acting(organization=organization, choices=choices, titles=titles)


def choose(request: HttpRequest, organization_id: int | None) -> bool:
    """Switch the acting organization; False when the user may not act for it."""
    user = cast(User, request.user)
    if organization_id is None:
        if not standing_of(user).staff_offices:
            return False
        request.session[SESSION_KEY] = None
        return True
    if organization_id not in {o.pk for o in choices_for(user)}:
        return False
    request.session[SESSION_KEY] = organization_id
    return True
