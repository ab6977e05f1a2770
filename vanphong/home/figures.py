"""The office's figures for the dashboard.

Counted from `visible_incoming(user)`, so nobody is shown a count of documents they may
not open. The office's and each organization's figures come from the same grouped
query, so they always add up. (The queues of "Việc của tôi" live with their documents:
`incoming/queues.py`, `outgoing/queues.py`, `followup/queues.py`.)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.db.models import Count, Q

from vanphong import clock
from vanphong.incoming.access import visible_incoming
from vanphong.incoming.models import OPEN_STATUSES, Status
from vanphong.organizations.models import Organization, User
from vanphong.organizations.standing import standing_of


@dataclasses.dataclass
class Figures:
    organization: Organization | None
    received_today: int = 0
    to_route: int = 0
    to_instruct: int = 0
    in_progress: int = 0
    overdue: int = 0
    urgent_open: int = 0
    done_this_month: int = 0
    total_year: int = 0


def _aggregates(today: dt.date) -> dict[str, Count]:
    open_ = Q(status__in=OPEN_STATUSES)
    return {
        "received_today": Count("pk", filter=Q(arrival_at__date=today)),
        "to_route": Count("pk", filter=Q(status=Status.REGISTERED)),
        "to_instruct": Count("pk", filter=Q(status=Status.ROUTED)),
        "in_progress": Count("pk", filter=Q(status__in=[Status.ASSIGNED, Status.IN_PROGRESS])),
        "overdue": Count("pk", filter=open_ & Q(deadline__lt=today)),
        "urgent_open": Count("pk", filter=open_ & Q(urgency__gte=1)),
        "done_this_month": Count(
            "pk", filter=Q(status=Status.DONE, completed_at__date__gte=today.replace(day=1))
        ),
        "total_year": Count("pk", filter=Q(arrival_at__date__gte=today.replace(month=1, day=1))),
    }


def dashboard_figures(user: User) -> tuple[list[Figures], Figures]:
    """Figures per organization the user oversees, and their sum for the office."""
    standing = standing_of(user)
    organizations = Organization.objects.active().filter(
        Q(office_id__in=standing.staff_offices) | Q(pk__in=standing.leader_orgs)
    )
    today = clock.today()
    rows = (
        visible_incoming(user)
        .filter(organization__in=organizations)
        .values("organization_id")
        .annotate(**_aggregates(today))
    )
    by_org: dict[int, dict[str, Any]] = {}
    for row in rows:
        values: dict[str, Any] = dict(row)
        by_org[values.pop("organization_id")] = values
    figures = [Figures(org, **by_org.get(org.pk, {})) for org in organizations]
    total = Figures(None)
    for item in figures:
        for field in dataclasses.fields(Figures)[1:]:
            setattr(total, field.name, getattr(total, field.name) + getattr(item, field.name))
    return figures, total
