"""The incoming documents waiting for one person, queue by queue ("Việc của tôi").

Every queue starts from `visible_incoming(user)`, so nobody is shown a document, or a
count, that they may not open. `incoming_queues` gives each queue cut to `LIMIT` with its
total; `incoming_queue` gives one queue whole, for its "Xem tất cả" page — the same
query, so the page and the count never disagree.
"""

from __future__ import annotations

import dataclasses

from django.db.models import F, Q, QuerySet

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

LIMIT = 50


@dataclasses.dataclass(frozen=True)
class QueueQuery:
    """One queue, uncut: what it is called and the documents in it, in order."""

    key: str
    title: str
    hint: str
    documents: QuerySet[IncomingDocument]


@dataclasses.dataclass
class Queue:
    key: str
    title: str
    hint: str
    documents: list[IncomingDocument]
    total: int

    @property
    def hidden(self) -> int:
        return self.total - len(self.documents)


def ordered(documents: QuerySet[IncomingDocument]) -> QuerySet[IncomingDocument]:
    """Returned documents first (latest return first), then urgent, the nearest deadline,
    the oldest arrival."""
    return documents.select_related("organization", "return_event__actor").order_by(
        F("return_event_id").desc(nulls_last=True), "-urgency", "deadline", "arrival_at", "pk"
    )


def _mine(user: User, kind: str) -> Q:
    rows = Assignment.objects.filter(person=user, kind=kind, state=AssignmentState.ACTIVE)
    return Q(pk__in=rows.values("document_id"))


def _unseen_for_info(user: User) -> Q:
    rows = Assignment.objects.filter(
        person=user, kind=AssignmentKind.FOR_INFO, state=AssignmentState.ACTIVE,
        seen_at__isnull=True,
    )
    return Q(pk__in=rows.values("document_id"))


def queue_queries(user: User, *, organization: Organization | None = None) -> list[QueueQuery]:
    """Every incoming queue that applies to the user (empty ones included)."""
    standing = standing_of(user)
    documents = visible_incoming(user).filter(status__in=OPEN_STATUSES)
    if organization is not None:
        documents = documents.filter(organization=organization)
    queues = []
    if standing.staff_offices:
        queues.append(QueueQuery(
            "to_route", "Chờ trình lãnh đạo", "Đã vào sổ, chưa trình (gồm văn bản bị trả lại).",
            documents.filter(status=Status.REGISTERED, office_id__in=standing.staff_offices),
        ))
    routings = Routing.objects.filter(leader=user, is_active=True)
    if standing.leader_orgs or routings.exists():
        queues.append(QueueQuery(
            "to_instruct", "Chờ cho ý kiến chỉ đạo", "Văn bản trình tôi.",
            documents.filter(pk__in=routings.values("document_id"), status=Status.ROUTED),
        ))
    if standing.unit_heads:
        unit_rows = Assignment.objects.filter(
            unit_id__in=standing.unit_heads, person__isnull=True, state=AssignmentState.ACTIVE
        )
        queues.append(QueueQuery(
            "to_reassign", "Chờ giao trong đơn vị",
            "Giao cho đơn vị tôi phụ trách, chưa giao người.",
            documents.filter(pk__in=unit_rows.values("document_id")),
        ))
    queues.append(QueueQuery("lead", "Tôi chủ trì xử lý", "",
                             documents.filter(_mine(user, AssignmentKind.LEAD))))
    queues.append(QueueQuery("support", "Tôi phối hợp", "",
                             documents.filter(_mine(user, AssignmentKind.SUPPORT))))
    queues.append(QueueQuery(
        "for_info", "Để biết (chưa xem)", "Chỉ cần biết: không có hạn, không phải xử lý.",
        visible_incoming(user).filter(_unseen_for_info(user)),
    ))
    if standing.leader_orgs:
        overdue = documents.filter(
            organization_id__in=standing.leader_orgs, deadline__lt=clock.today()
        )
        queues.append(QueueQuery("overdue", "Quá hạn trong cơ quan tôi", "Cần đôn đốc.", overdue))
    return [dataclasses.replace(q, documents=ordered(q.documents)) for q in queues]


def incoming_queues(user: User, *, organization: Organization | None = None) -> list[Queue]:
    """The queues for "Việc của tôi", each cut to `LIMIT` documents with its total."""
    return [
        Queue(q.key, q.title, q.hint, list(q.documents[:LIMIT]), q.documents.count())
        for q in queue_queries(user, organization=organization)
    ]


def incoming_queue(user: User, key: str) -> QueueQuery | None:
    """One queue whole, or None when it does not apply to the user."""
    return next((q for q in queue_queries(user) if q.key == key), None)
