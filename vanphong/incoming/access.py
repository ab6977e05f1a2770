"""Who may see and do what with incoming documents — decided here and only here.

Pages, the API, exports and (later) search all call these functions.

- Office clerks and office leads work on every non-secret document of their office.
- A head or deputy sees every non-secret document of their own organization.
- Anyone sees what is routed or assigned (lead, support, for information) to them; a unit
  head also sees what is assigned to their unit.
- A secret document is visible only to the people named on it, whatever their role.
- Administrators manage the organization chart, not documents.

The rule is `incoming_visibility`; `visible_incoming` applies it in the database and
search applies the same object in its index.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from vanphong.errors import NotAllowed, NotFound
from vanphong.incoming.models import (
    Assignment,
    AssignmentKind,
    AssignmentState,
    IncomingDocument,
    Routing,
    Status,
)
from vanphong.organizations.models import Organization, User
from vanphong.organizations.standing import Standing, standing_of
from vanphong.visibility import Named, Visibility


class Action(enum.StrEnum):
    VIEW = "view"
    CORRECT = "correct"
    ROUTE = "route"
    INSTRUCT = "instruct"
    REASSIGN = "reassign"
    PROGRESS = "progress"
    COMPLETE = "complete"
    RETURN = "return"
    REOPEN = "reopen"
    SHARE_SECRET = "share_secret"  # noqa: S105  (an action name, not a password)
    MARK_SEEN = "mark_seen"


def _involvement(user_id: int, standing: Standing) -> list[Named]:
    """Documents routed or assigned to the person (or to a unit they head).

    Written as uncorrelated `IN (subquery)` so each subquery runs once through its index
    (a semi-join on PostgreSQL); correlated EXISTS made SQLite probe per document.
    """
    routed = Routing.objects.filter(leader_id=user_id).values("document_id")
    assigned = Assignment.objects.filter(person_id=user_id).values("document_id")
    parts = [
        Named(Q(pk__in=routed), frozenset({f"routed={user_id}"})),
        Named(Q(pk__in=assigned), frozenset({f"assigned={user_id}"})),
    ]
    if standing.unit_heads:
        unit = Assignment.objects.filter(unit_id__in=standing.unit_heads).values("document_id")
        parts.append(Named(Q(pk__in=unit), frozenset(f"unit={u}" for u in standing.unit_heads)))
    return parts


#: The fields the clauses of `incoming_visibility` combine (each sorted).
INCOMING_SHAPES = (("office_id", "secrecy"), ("organization_id", "secrecy"))


def incoming_visibility(user: User | None) -> Visibility:
    """The one rule of who sees which incoming documents (pages and search alike)."""
    standing = standing_of(user)
    uid = standing.user_id
    if uid is None:
        return Visibility(shapes=INCOMING_SHAPES, clauses=())
    readers = IncomingDocument.secret_readers.through.objects.filter(user_id=uid)
    return Visibility(
        shapes=INCOMING_SHAPES,
        clauses=(
            Visibility.clause(secrecy={0}, office_id=standing.staff_offices),
            Visibility.clause(secrecy={0}, organization_id=standing.leader_orgs),
        ),
        named=(
            *(Named(Q(secrecy=0) & p.q, p.tokens) for p in _involvement(uid, standing)),
            Named(
                Q(secrecy__gt=0) & Q(pk__in=readers.values("incomingdocument_id")),
                frozenset({f"reader={uid}"}),
            ),
        ),
    )


def incoming_named_tokens(documents: Sequence[IncomingDocument]) -> dict[Any, set[str]]:
    """The tokens of `incoming_visibility`'s named parts each document carries in the
    search index: the same conditions, seen from the document (a few queries for all)."""
    tokens: dict[Any, set[str]] = {d.pk: set() for d in documents}
    ordinary = [d.pk for d in documents if d.secrecy == 0]
    secret = [d.pk for d in documents if d.secrecy > 0]
    for pk, leader in Routing.objects.filter(document_id__in=ordinary).values_list(
        "document_id", "leader_id"
    ):
        tokens[pk].add(f"routed={leader}")
    rows = Assignment.objects.filter(document_id__in=ordinary).values_list(
        "document_id", "person_id", "unit_id"
    )
    for pk, person, unit in rows:
        if person is not None:
            tokens[pk].add(f"assigned={person}")
        if unit is not None:
            tokens[pk].add(f"unit={unit}")
    readers = IncomingDocument.secret_readers.through.objects.filter(
        incomingdocument_id__in=secret
    ).values_list("incomingdocument_id", "user_id")
    for pk, reader in readers:
        tokens[pk].add(f"reader={reader}")
    return tokens


def visible_incoming(user: User | None) -> QuerySet[IncomingDocument]:
    visibility = incoming_visibility(user)
    if visibility.named is None:
        return IncomingDocument.objects.none()
    return IncomingDocument.objects.filter(visibility.q())


def informed_only(user: User | None) -> Q:
    """The documents a person sees only because they were sent them for information
    ("Để biết"): for them a document has no deadline, no overdue and no status to follow,
    only "đã xem" or not. Staff of the office, the organization's leaders, handlers (past
    or present), routed leaders and heads of an assigned unit are more than informed."""
    standing = standing_of(user)
    uid = standing.user_id
    if uid is None:
        return Q(pk__in=[])
    informed = Assignment.objects.filter(
        person_id=uid, kind=AssignmentKind.FOR_INFO, state=AssignmentState.ACTIVE
    )
    handling = Assignment.objects.filter(person_id=uid).exclude(kind=AssignmentKind.FOR_INFO)
    query = (
        Q(pk__in=informed.values("document_id"))
        & ~Q(pk__in=handling.values("document_id"))
        & ~Q(pk__in=Routing.objects.filter(leader_id=uid).values("document_id"))
        & ~Q(office_id__in=standing.staff_offices)
        & ~Q(organization_id__in=standing.leader_orgs)
    )
    if standing.unit_heads:
        units = Assignment.objects.filter(unit_id__in=standing.unit_heads)
        query &= ~Q(pk__in=units.values("document_id"))
    return query


def _active(document: IncomingDocument, user_id: int, kind: str | None = None) -> bool:
    rows = document.assignments.filter(person_id=user_id, state=AssignmentState.ACTIVE)
    if kind:
        rows = rows.filter(kind=kind)
    return rows.exists()


def _is_clerk(standing: Standing, document: IncomingDocument) -> bool:
    return document.office_id in standing.staff_offices


def _is_leader(standing: Standing, document: IncomingDocument, user_id: int) -> bool:
    if document.organization_id in standing.head_orgs:
        return True
    return document.routings.filter(leader_id=user_id, is_active=True).exists()


def _heads_lead_unit(standing: Standing, document: IncomingDocument) -> bool:
    return document.assignments.filter(
        kind=AssignmentKind.LEAD, state=AssignmentState.ACTIVE, unit_id__in=standing.unit_heads
    ).exists()


def _heads_assigned_unit(standing: Standing, document: IncomingDocument) -> bool:
    return (
        document.assignments.filter(state=AssignmentState.ACTIVE, unit_id__in=standing.unit_heads)
        .exclude(kind=AssignmentKind.FOR_INFO)
        .exists()
    )


def can(user: User, action: Action, document: IncomingDocument) -> bool:
    """May `user` take `action` on a document they can already see?"""
    standing = standing_of(user)
    uid = standing.user_id
    if uid is None:
        return False
    status = document.status
    is_open = document.is_open
    match action:
        case Action.VIEW:
            return True
        case Action.CORRECT:
            return _is_clerk(standing, document)
        case Action.ROUTE:
            return _is_clerk(standing, document) and status in (Status.REGISTERED, Status.ROUTED)
        case Action.INSTRUCT:
            return is_open and status != Status.REGISTERED and _is_leader(standing, document, uid)
        case Action.REASSIGN:
            return status in (Status.ASSIGNED, Status.IN_PROGRESS) and _heads_assigned_unit(
                standing, document
            )
        case Action.PROGRESS:
            return status in (Status.ASSIGNED, Status.IN_PROGRESS) and (
                _active(document, uid, AssignmentKind.LEAD)
                or _active(document, uid, AssignmentKind.SUPPORT)
            )
        case Action.COMPLETE:
            return status in (Status.ASSIGNED, Status.IN_PROGRESS) and (
                _active(document, uid, AssignmentKind.LEAD)
            )
        case Action.RETURN:
            if status == Status.ROUTED:
                return _is_leader(standing, document, uid)
            return status in (Status.ASSIGNED, Status.IN_PROGRESS) and (
                _active(document, uid, AssignmentKind.LEAD) or _heads_lead_unit(standing, document)
            )
        case Action.REOPEN:
            return status == Status.DONE and _is_leader(standing, document, uid)
        case Action.MARK_SEEN:
            return _active(document, uid, AssignmentKind.FOR_INFO)
        case Action.SHARE_SECRET:
            return document.is_secret and (
                _is_clerk(standing, document) or _is_leader(standing, document, uid)
            )
    return False


def get_incoming_for(
    user: User, document_id: object, action: Action = Action.VIEW
) -> IncomingDocument:
    """The gatekeeper: the document if `user` may take `action` on it.

    Raises NotFound when it does not exist *or* is not visible, NotAllowed when it is
    visible but the action is not permitted now.
    """
    try:
        document = (
            visible_incoming(user)
            .select_related("organization", "register", "document_type", "receipt", "office")
            .get(pk=document_id)  # type: ignore[misc]  # any input; bad ids are NotFound
        )
    except (IncomingDocument.DoesNotExist, ValidationError, ValueError, TypeError):
        raise NotFound from None
    if not can(user, action, document):
        raise NotAllowed
    return document


def allowed_actions(user: User, document: IncomingDocument) -> set[Action]:
    return {action for action in Action if can(user, action, document)}


def may_register(user: User, organization_id: int, office_id: int) -> bool:
    """Registering incoming documents is the office's clerks' work."""
    return office_id in standing_of(user).clerk_offices


def may_register_incoming(user: User | None) -> bool:
    """Whether the user registers incoming documents at all — a clerk of an office that
    serves some active organization (there is someone to register for): the "Vào sổ văn
    bản đến" page, its menu item and its button on the list."""
    offices = standing_of(user).clerk_offices
    return bool(offices) and Organization.objects.active().filter(office_id__in=offices).exists()
