"""The outgoing work waiting for one person: drafts to review, to sign, to issue, or
returned to their drafter. Read straight from the indexed review and status columns, so
the lists agree with the gatekeeper's `can` without testing each document."""

from __future__ import annotations

import dataclasses

from django.db.models import Q, QuerySet

from vanphong.organizations.models import User
from vanphong.organizations.standing import standing_of
from vanphong.outgoing.models import OutgoingDocument, Review, ReviewKind, ReviewState, Status

LIMIT = 50


@dataclasses.dataclass
class OutgoingQueue:
    key: str
    title: str
    documents: list[OutgoingDocument]
    total: int
    #: The whole queue, in order (its "Xem tất cả" page).
    query: QuerySet[OutgoingDocument] | None = None


def _pending(**filters: object) -> QuerySet[Review]:
    return Review.objects.filter(state=ReviewState.PENDING, **filters)


def _queue(key: str, title: str, documents: QuerySet[OutgoingDocument]) -> OutgoingQueue:
    documents = documents.select_related("organization", "document_type").order_by(
        "-urgency", "updated_at"
    )
    return OutgoingQueue(key, title, list(documents[:LIMIT]), documents.count(), documents)


def outgoing_queues(user: User) -> list[OutgoingQueue]:
    standing = standing_of(user)
    uid = standing.user_id
    if uid is None:
        return []
    in_review = OutgoingDocument.objects.filter(status=Status.IN_REVIEW)
    to_review = _pending(reviewer_id=uid).exclude(kind=ReviewKind.SIGN)
    office_checks = _pending(reviewer__isnull=True, document__office_id__in=standing.staff_offices)
    queues = [
        _queue("review", "Dự thảo chờ tôi cho ý kiến",
               in_review.filter(Q(pk__in=to_review.values("document_id"))
                                | Q(pk__in=office_checks.values("document_id")))),
        _queue("sign", "Văn bản chờ tôi ký",
               in_review.filter(pk__in=_pending(reviewer_id=uid, kind=ReviewKind.SIGN)
                                .values("document_id"))),
        _queue("issue", "Văn bản đã ký chờ cấp số, phát hành",
               OutgoingDocument.objects.filter(status=Status.SIGNED,
                                               office_id__in=standing.clerk_offices)),
        _queue("returned", "Dự thảo bị trả lại cho tôi sửa",
               OutgoingDocument.objects.filter(status=Status.RETURNED, drafter_id=uid)),
    ]
    return [q for q in queues if q.total]
