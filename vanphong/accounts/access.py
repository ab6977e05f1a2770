"""Who must log in with a second factor — decided here and only here.

An office's `SecondFactorPolicy` may require it of its administrators (superusers
count as administrators of every office), of the heads and deputies of its
organizations, and of the people holding a signing delegation (TL., TUQ.) valid today
for one of its organizations. A person with posts in several offices is bound by each.
The requirement is enforced at login: a required person without a device is led to set
one up before they get in.
"""

from __future__ import annotations

from django.db.models import Q

from vanphong import clock
from vanphong.accounts.models import SecondFactorPolicy
from vanphong.organizations.models import Organization, User
from vanphong.organizations.standing import standing_of
from vanphong.outgoing.models import Delegation


def _signs_for_office(user: User, office_id: int) -> bool:
    today = clock.today()
    return Delegation.objects.filter(
        delegate=user, organization__office_id=office_id, valid_from__lte=today,
        valid_to__gte=today,
    ).exists()


def _bound_by(user: User, policy: SecondFactorPolicy) -> bool:
    standing = standing_of(user)
    if policy.require_admins and standing.administers(policy.office_id):
        return True
    if policy.require_heads and Organization.objects.filter(
            pk__in=standing.leader_orgs, office_id=policy.office_id).exists():
        return True
    return policy.require_signers and _signs_for_office(user, policy.office_id)


def second_factor_required(user: User) -> bool:
    if standing_of(user).user_id is None:
        return False
    policies = SecondFactorPolicy.objects.filter(
        Q(require_admins=True) | Q(require_heads=True) | Q(require_signers=True)
    )
    return any(_bound_by(user, policy) for policy in policies)
