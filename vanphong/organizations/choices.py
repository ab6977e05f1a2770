"""Who may be picked to handle work — lead, support, for information, attend — and the
tree the pickers show them in: organization → unit → people, each with their post.

The clerk (văn thư), cashier (thủ quỹ), archivist and system administrator register,
keep and pay; they do not handle documents, tasks or meetings, so no picker offers them
(a person who also holds a handling post is offered for that post). The accountant stays:
budget and finance documents are theirs to handle.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from django.db.models import Exists, OuterRef, Q, QuerySet

from vanphong import clock
from vanphong.organizations.models import Organization, Position, PositionQuerySet, Role, Unit
from vanphong.widgets import Node

#: Posts whose holders handle work, in the order a picker lists them.
HANDLER_ROLES = (Role.HEAD, Role.DEPUTY, Role.OFFICE_LEAD, Role.UNIT_HEAD, Role.SPECIALIST,
                 Role.ACCOUNTANT)
_RANK = {role: rank for rank, role in enumerate(HANDLER_ROLES)}


def handler_posts(office_id: int, *, organization_id: int | None = None,
                  on: dt.date | None = None) -> PositionQuerySet:
    """Current handling posts of active people in an office; with `organization_id`, only
    that organization's and the office-wide ones (who serve every organization)."""
    posts = Position.objects.active(on=on or clock.today()).filter(
        office_id=office_id, role__in=HANDLER_ROLES, person__is_active=True)
    if organization_id is not None:
        posts = posts.filter(Q(organization_id=organization_id) | Q(organization__isnull=True))
    return posts


def handling_units(units: QuerySet[Unit], *, on: dt.date | None = None) -> QuerySet[Unit]:
    """Units work may be given to: not one whose people only register, keep or pay (the
    clerks' "Bộ phận Văn thư – Lưu trữ"); a unit with nobody in it yet still counts."""
    posts = Position.objects.active(on=on or clock.today()).filter(unit=OuterRef("pk"))
    return units.exclude(Exists(posts) & ~Exists(posts.filter(role__in=HANDLER_ROLES)))


@dataclasses.dataclass
class _Group:
    label: str
    value: str = ""
    people: dict[str, list[Position]] = dataclasses.field(default_factory=dict)
    units: dict[int, _Group] = dataclasses.field(default_factory=dict)

    def node(self) -> Node:
        people = sorted(self.people.items(), key=lambda item: _person_order(item[1]))
        return Node(self.label, value=self.value, children=(
            *(Node(posts[0].person.full_name, value=key,
                   title=", ".join(dict.fromkeys(p.title for p in posts)))
              for key, posts in people),
            *(unit.node() for unit in self.units.values() if unit.value or unit.people)))


def _person_order(posts: list[Position]) -> tuple[int, str]:
    return min(_RANK.get(Role(p.role), 99) for p in posts), posts[0].person.full_name


def org_tree(*, organizations: Sequence[Organization | None], units: Iterable[Unit],
             posts: Iterable[Position], person_value: Callable[[Position], str],
             unit_value: Callable[[Unit], str] | None = None,
             org_value: Callable[[Organization], str] | None = None,
             office_label: str = "Văn phòng") -> list[Node]:
    """The picker's tree: one heading per organization (None: the office itself), its
    people without a unit first (its leaders), then its units with their people.

    A person is listed once per value, where their first post puts them, with the titles
    of all their posts that share that value. Units and organizations are choices
    themselves when given `unit_value` / `org_value`; otherwise plain headings."""
    groups: dict[int | None, _Group] = {}
    for org in organizations:
        groups[org.pk if org else None] = _Group(
            org.name if org else office_label,
            value=org_value(org) if org and org_value else "")
    for unit in units:
        owner = groups.get(unit.organization_id)
        if owner is not None:
            owner.units[unit.pk] = _Group(unit.name, value=unit_value(unit) if unit_value else "")
    placed: dict[str, list[Position]] = {}
    for post in posts:
        key = person_value(post)
        if key in placed:
            placed[key].append(post)
            continue
        owner = groups.get(post.organization_id)
        if owner is None:
            continue
        target = owner.units.get(post.unit_id) if post.unit_id else None
        placed[key] = (target or owner).people.setdefault(key, [])
        placed[key].append(post)
    return [g.node() for g in groups.values() if g.value or g.people or g.units]
