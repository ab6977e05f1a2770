"""Who may see and do what with outgoing documents — decided here and only here.

- Anyone holding a post in an organization (or an office clerk or lead) may draft for it.
- The drafter, the signer and every reviewer see the document, secret or not.
- Office clerks and leads see every non-secret document of their office; clerks also
  see secret ones, since they number and issue them.
- Heads and deputies see their organization's non-secret documents; members of an
  organization see what it has issued; a unit head sees the drafts of their unit.
- Reviewing is for the person named on the pending step (any office clerk or lead for
  the office format check); signing for the signer named on the draft; numbering and
  issuing for the office's clerks; recalling for the head, the signer or the office lead.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from vanphong.errors import NotAllowed, NotFound
from vanphong.organizations.models import Organization, User
from vanphong.organizations.standing import Standing, standing_of
from vanphong.outgoing.models import (
    DONE_STATUSES,
    EDITABLE_STATUSES,
    OutgoingDocument,
    Review,
    ReviewKind,
    ReviewState,
    Status,
)
from vanphong.registers.models import Register, RegisterKind
from vanphong.visibility import Named, Visibility


class Action(enum.StrEnum):
    VIEW = "view"
    EDIT = "edit"
    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    COMMENT = "comment"
    REVIEW = "review"
    SIGN = "sign"
    RETURN = "return"
    ISSUE = "issue"
    RECALL = "recall"


#: The fields the clauses of `outgoing_visibility` combine (each sorted).
OUTGOING_SHAPES = (
    ("office_id", "secrecy"),
    ("organization_id", "secrecy"),
    ("drafting_unit_id", "secrecy"),
    ("organization_id", "secrecy", "status"),
    ("drafter_id",),
    ("signer_id",),
)


def outgoing_visibility(user: User | None) -> Visibility:
    """The one rule of who sees which outgoing documents (pages and search alike)."""
    standing = standing_of(user)
    uid = standing.user_id
    if uid is None:
        return Visibility(shapes=OUTGOING_SHAPES, clauses=())
    reviewed = Review.objects.filter(reviewer_id=uid).values("document_id")
    return Visibility(
        shapes=OUTGOING_SHAPES,
        clauses=(
            Visibility.clause(secrecy={0}, office_id=standing.staff_offices),
            Visibility.clause(secrecy={0}, organization_id=standing.leader_orgs),
            Visibility.clause(secrecy={0}, drafting_unit_id=standing.unit_heads),
            Visibility.clause(
                secrecy={0}, organization_id=standing.member_orgs, status=DONE_STATUSES
            ),
            Visibility.clause(secrecy={1, 2, 3}, office_id=standing.clerk_offices),
            Visibility.clause(drafter_id={uid}),
            Visibility.clause(signer_id={uid}),
        ),
        named=(Named(Q(pk__in=reviewed), frozenset({f"reviewer={uid}"})),),
    )


def outgoing_named_tokens(documents: Sequence[OutgoingDocument]) -> dict[Any, set[str]]:
    """The tokens of `outgoing_visibility`'s named parts each document carries in the
    search index: the same conditions, seen from the document."""
    tokens: dict[Any, set[str]] = {d.pk: set() for d in documents}
    rows = Review.objects.filter(
        document_id__in=[d.pk for d in documents], reviewer_id__isnull=False
    ).values_list("document_id", "reviewer_id")
    for pk, reviewer in rows:
        tokens[pk].add(f"reviewer={reviewer}")
    return tokens


def visible_outgoing(user: User | None) -> QuerySet[OutgoingDocument]:
    visibility = outgoing_visibility(user)
    if visibility.named is None:
        return OutgoingDocument.objects.none()
    return OutgoingDocument.objects.filter(visibility.q())


def may_draft(user: User, organization: Organization) -> bool:
    standing = standing_of(user)
    return organization.is_active and (
        organization.pk in standing.member_orgs
        or organization.office_id in standing.staff_offices
    )


def drafting_organizations(user: User | None) -> QuerySet[Organization]:
    standing = standing_of(user)
    return Organization.objects.active().filter(
        Q(pk__in=standing.member_orgs) | Q(office_id__in=standing.staff_offices)
    )


def may_draft_outgoing(user: User | None) -> bool:
    """Whether the user drafts for some organization: "Soạn thảo" in the menu and lists."""
    return standing_of(user).user_id is not None and drafting_organizations(user).exists()


def numbering_registers(user: User | None) -> QuerySet[Register]:
    """The outgoing registers whose numbers the user takes and reserves: the active ones of
    the offices they are a clerk of."""
    return Register.objects.filter(
        organization__office__in=standing_of(user).clerk_offices, is_active=True,
        kind__in=[RegisterKind.OUTGOING, RegisterKind.SECRET_OUTGOING],
    ).select_related("organization")


def may_reserve_numbers(user: User | None) -> bool:
    """The "Giữ số" page, its button and menu item: a clerk keeping some register."""
    return numbering_registers(user).exists()


def may_number(user: User, office_id: int) -> bool:
    """Taking, reserving and releasing numbers is the office clerks' work."""
    return office_id in standing_of(user).clerk_offices


def pending_review(document: OutgoingDocument) -> Review | None:
    return document.reviews.filter(state=ReviewState.PENDING).first()


def _may_take(standing: Standing, review: Review | None, document: OutgoingDocument) -> bool:
    if review is None or review.kind == ReviewKind.SIGN:
        return False
    if review.reviewer_id is None:  # the office format check: any clerk or office lead
        return document.office_id in standing.staff_offices
    return review.reviewer_id == standing.user_id


def _may_sign(standing: Standing, review: Review | None) -> bool:
    return (
        review is not None and review.kind == ReviewKind.SIGN
        and review.reviewer_id == standing.user_id
    )


def _is_involved(standing: Standing, document: OutgoingDocument) -> bool:
    uid = standing.user_id
    return (
        document.drafter_id == uid
        or document.signer_id == uid
        or document.office_id in standing.staff_offices
        or document.organization_id in standing.leader_orgs
        or document.drafting_unit_id in standing.unit_heads
        or document.reviews.filter(reviewer_id=uid).exists()
    )


def can(user: User, action: Action, document: OutgoingDocument) -> bool:
    """May `user` take `action` on a document they can already see?"""
    standing = standing_of(user)
    uid = standing.user_id
    if uid is None:
        return False
    status = document.status
    is_drafter = document.drafter_id == uid
    match action:
        case Action.VIEW:
            return True
        case Action.EDIT | Action.SUBMIT:
            return is_drafter and status in EDITABLE_STATUSES
        case Action.WITHDRAW:
            return is_drafter and status in (*EDITABLE_STATUSES, Status.IN_REVIEW)
        case Action.COMMENT:
            live = status not in (*DONE_STATUSES, Status.WITHDRAWN)
            return live and _is_involved(standing, document)
        case Action.REVIEW:
            return status == Status.IN_REVIEW and _may_take(
                standing, pending_review(document), document
            )
        case Action.SIGN:
            return status == Status.IN_REVIEW and _may_sign(standing, pending_review(document))
        case Action.RETURN:
            if status == Status.SIGNED:
                return document.office_id in standing.clerk_offices
            review = pending_review(document)
            return status == Status.IN_REVIEW and (
                _may_take(standing, review, document) or _may_sign(standing, review)
            )
        case Action.ISSUE:
            return status == Status.SIGNED and document.office_id in standing.clerk_offices
        case Action.RECALL:
            return status == Status.ISSUED and (
                document.organization_id in standing.head_orgs
                or document.signer_id == uid
                or document.office_id in standing.lead_offices
            )
    return False


def get_outgoing_for(
    user: User, document_id: object, action: Action = Action.VIEW
) -> OutgoingDocument:
    """The gatekeeper: the document if `user` may take `action` on it.

    NotFound when it does not exist *or* is not visible; NotAllowed when visible but the
    action is not permitted now."""
    try:
        document = (
            visible_outgoing(user)
            .select_related("organization", "document_type", "office", "drafter", "signer",
                            "register", "drafting_unit")
            .get(pk=document_id)  # type: ignore[misc]  # any input; bad ids are NotFound
        )
    except (OutgoingDocument.DoesNotExist, ValidationError, ValueError, TypeError):
        raise NotFound from None
    if not can(user, action, document):
        raise NotAllowed
    return document


def allowed_actions(user: User, document: OutgoingDocument) -> set[Action]:
    return {action for action in Action if can(user, action, document)}
