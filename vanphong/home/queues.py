"""The work waiting for one person ("Việc của tôi") and the office's figures.

Every queue starts from `visible_incoming(user)`, so nobody is shown a document, or a
count, that they may not open. The office's and each organization's figures come from the
same grouped query, so they always add up.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet

from vanphong import clock
from vanphong.incoming.access import visible_incoming
from vanphong.incoming.models import (
    OPEN_STATUSES,
    Assignment,
    AssignmentKind,
    AssignmentState,
    IncomingDocument,
    Routing,
    Status,
)
from vanphong.organizations.models import Organization, User
from vanphong.organizations.standing import standing_of

QUEUE_LIMIT = 50


@dataclasses.dataclass
class Queue:
    key: str
    title: str
    hint: str
    documents: list[IncomingDocument]
    total: int


def _ordered(documents: QuerySet[IncomingDocument]) -> QuerySet[IncomingDocument]:
    """Urgent first, then the nearest deadline, then the oldest arrival."""
    return documents.select_related("organization").order_by("-urgency", "deadline", "arrival_at")


def _queue(key: str, title: str, hint: str, documents: QuerySet[IncomingDocument]) -> Queue:
    total = documents.count()
    return Queue(key, title, hint, list(_ordered(documents)[:QUEUE_LIMIT]), total)


def _mine(user: User, kind: str) -> Q:
    rows = Assignment.objects.filter(person=user, kind=kind, state=AssignmentState.ACTIVE)
    return Q(pk__in=rows.values("document_id"))


def queues_for(user: User, *, organization: Organization | None) -> list[Queue]:
    standing = standing_of(user)
    documents = visible_incoming(user).filter(status__in=OPEN_STATUSES)
    if organization is not None:
        documents = documents.filter(organization=organization)
    queues = []
    if standing.staff_offices:
        queues.append(
            _queue(
                "to_route",
                "Chờ trình lãnh đạo",
                "Đã vào sổ, chưa trình (gồm văn bản bị trả lại).",
                documents.filter(status=Status.REGISTERED, office_id__in=standing.staff_offices),
            )
        )
    routed_to_me = Q(
        pk__in=Routing.objects.filter(leader=user, is_active=True).values("document_id")
    )
    if standing.leader_orgs or Routing.objects.filter(leader=user, is_active=True).exists():
        queues.append(
            _queue(
                "to_instruct",
                "Chờ cho ý kiến chỉ đạo",
                "Văn bản trình tôi.",
                documents.filter(routed_to_me, status=Status.ROUTED),
            )
        )
    if standing.unit_heads:
        unit_rows = Assignment.objects.filter(
            unit_id__in=standing.unit_heads, person__isnull=True, state=AssignmentState.ACTIVE
        )
        unit_work = Q(pk__in=unit_rows.values("document_id"))
        queues.append(
            _queue(
                "to_reassign",
                "Chờ giao trong đơn vị",
                "Giao cho đơn vị tôi phụ trách, chưa giao người.",
                documents.filter(unit_work),
            )
        )
    queues.append(
        _queue("lead", "Tôi chủ trì xử lý", "", documents.filter(_mine(user, AssignmentKind.LEAD)))
    )
    queues.append(
        _queue("support", "Tôi phối hợp", "", documents.filter(_mine(user, AssignmentKind.SUPPORT)))
    )
    unseen_rows = Assignment.objects.filter(
        person=user, kind=AssignmentKind.FOR_INFO, seen_at__isnull=True
    )
    unseen = Q(pk__in=unseen_rows.values("document_id"))
    queues.append(
        _queue("for_info", "Để biết (chưa xem)", "", visible_incoming(user).filter(unseen))
    )
    if standing.leader_orgs:
        overdue = documents.filter(
            organization_id__in=standing.leader_orgs, deadline__lt=clock.today()
        )
        queues.append(_queue("overdue", "Quá hạn trong cơ quan tôi", "Cần đôn đốc.", overdue))
    return queues


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
