"""Statistics of issued documents for a period: per organization and for the office —
how many were issued, how many of them late, and how many of each type.

The organizations are those whose registers the person may see
(`vanphong.registers.access.visible_registers`), and the documents counted are those
they may see (`vanphong.outgoing.access.visible_outgoing`), so the figures agree with
the registers they can print. The total is the sum of the organizations' rows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter

from django.db.models import Count, Q

from vanphong.organizations.models import Organization, User
from vanphong.outgoing.access import visible_outgoing
from vanphong.outgoing.models import DONE_STATUSES
from vanphong.periods import Period
from vanphong.registers.access import visible_registers
from vanphong.registers.exports import resolve_period


@dataclasses.dataclass(frozen=True)
class Tally:
    """Documents issued in the period (recalled and replaced ones included: they were
    issued), those issued late, and the count per document type name."""

    issued: int = 0
    late: int = 0
    by_type: Counter[str] = dataclasses.field(default_factory=Counter)

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.issued + other.issued, self.late + other.late,
                     self.by_type + other.by_type)

    def count_of(self, type_name: str) -> int:
        return self.by_type.get(type_name, 0)


@dataclasses.dataclass(frozen=True)
class OrganizationTally:
    organization: Organization
    tally: Tally
    type_counts: list[int]  # in the order of `OutgoingStatistics.type_names`


@dataclasses.dataclass(frozen=True)
class OutgoingStatistics:
    period: Period
    rows: list[OrganizationTally]
    total: Tally
    #: Every type issued in the period, most issued first: the columns of the table.
    type_names: list[str]

    @property
    def total_type_counts(self) -> list[int]:
        return [self.total.count_of(name) for name in self.type_names]


def _organizations(user: User) -> list[Organization]:
    ids = visible_registers(user).values("organization_id")
    return list(Organization.objects.filter(pk__in=ids).order_by("office_id", "position", "id"))


def _tallies(user: User, organizations: list[Organization], period: Period) -> dict[int, Tally]:
    counts = (
        visible_outgoing(user)
        .filter(organization__in=organizations, status__in=DONE_STATUSES,
                number__isnull=False, issued_date__gte=period.start,
                issued_date__lte=period.end)
        .order_by()
        .values("organization_id", "document_type__name")
        .annotate(issued=Count("id"), late=Count("id", filter=Q(issued_late=True)))
    )
    tallies: dict[int, Tally] = {}
    for row in counts:
        name = row["document_type__name"]
        one = Tally(row["issued"], row["late"], Counter({name: row["issued"]}))
        tallies[row["organization_id"]] = tallies.get(row["organization_id"], Tally()) + one
    return tallies


def outgoing_statistics(
    *, user: User, date_from: dt.date | None, date_to: dt.date | None
) -> OutgoingStatistics:
    """Per-organization and total figures for the period (no dates = this year).
    Raises Invalid for reversed or impossible dates."""
    period = resolve_period(date_from, date_to)
    organizations = _organizations(user)
    tallies = _tallies(user, organizations, period)
    total = sum(tallies.values(), Tally())
    names = sorted(total.by_type, key=lambda name: (-total.by_type[name], name))
    rows = []
    for organization in organizations:
        tally = tallies.get(organization.pk, Tally())
        rows.append(OrganizationTally(organization, tally, [tally.count_of(n) for n in names]))
    return OutgoingStatistics(period=period, rows=rows, total=total, type_names=names)
