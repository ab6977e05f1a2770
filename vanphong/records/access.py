"""Who may see and do what with file plans and dossiers — decided here only.

- The office's clerks and leads and its archivists see every organization's file plans and
  dossiers; members of an organization see their organization's.
- The office's staff and the organization's leaders draft and keep its file plan (headings,
  dossiers, copying last year's); its head or deputy approves it.
- A dossier is kept (documents filed in or taken out, closed) by its keeper, the office's
  staff and the organization's leaders; a closed dossier is reopened by the office's staff.
  Only documents of the same organization that the person may open are filed.
- Of a dossier's documents a person is shown — on its page and in every print, export,
  package, count and history line — exactly those they may open (`visible_items`, the
  incoming and outgoing gatekeepers' own rule); how many others there are is not shown.
- Its archival package is exported by the office's archivist and staff.
"""

from __future__ import annotations

import enum
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from vanphong.errors import NotAllowed, NotFound
from vanphong.incoming.access import visible_incoming
from vanphong.organizations.models import Organization, User
from vanphong.organizations.standing import standing_of
from vanphong.outgoing.access import visible_outgoing
from vanphong.records.models import (
    ArchivedDossier,
    Dossier,
    DossierEvent,
    DossierItem,
    DossierState,
    FilePlan,
    PlanState,
    Transfer,
    TransferState,
)
from vanphong.visibility import Visibility

SHAPES = (("office_id",), ("organization_id",))


class PlanAction(enum.StrEnum):
    VIEW = "view"
    EDIT = "edit"
    APPROVE = "approve"


class DossierAction(enum.StrEnum):
    VIEW = "view"
    FILE = "file"  # add or take out documents
    CLOSE = "close"
    REOPEN = "reopen"
    EXPORT = "export"  # its archival package


def plan_visibility(user: User | None) -> Visibility:
    standing = standing_of(user)
    if standing.user_id is None:
        return Visibility(shapes=SHAPES, clauses=())
    return Visibility(shapes=SHAPES, clauses=(
        Visibility.clause(office_id=standing.staff_offices | standing.archivist_offices),
        Visibility.clause(organization_id=standing.member_orgs),
    ), named=())


def visible_plans(user: User | None) -> QuerySet[FilePlan]:
    visibility = plan_visibility(user)
    if visibility.named is None:
        return FilePlan.objects.none()
    return FilePlan.objects.filter(visibility.q())


def visible_dossiers(user: User | None) -> QuerySet[Dossier]:
    return Dossier.objects.filter(plan__in=visible_plans(user))


def _in_custody() -> Q:
    """Dossiers in the archive's custody: handed over to it (waiting for its check),
    received, or disposed of."""
    handed = Dossier.objects.filter(transfer_items__transfer__state=TransferState.SUBMITTED)
    return Q(dossier__state__in=[DossierState.TRANSFERRED, DossierState.DISPOSED]) | Q(
        dossier__in=handed.values("pk"))


def visible_items(user: User | None) -> QuerySet[DossierItem]:
    """Filings of the documents the user may see in a dossier: the only documents any
    page, print, export, package or count of a dossier shows them.

    Those they may open (the incoming and outgoing gatekeepers), and — for the office's
    archivist — the non-secret documents of dossiers in the archive's custody (handed
    over for the archivist to check, received, or disposed of): the agency archive keeps
    and appraises them, and packages them whole. A secret document stays with the people
    named on it."""
    rule = Q(incoming__in=visible_incoming(user)) | Q(outgoing__in=visible_outgoing(user))
    archivist_of = standing_of(user).archivist_offices
    if archivist_of:
        rule |= _in_custody() & Q(dossier__plan__office_id__in=archivist_of) & (
            Q(incoming__secrecy=0) | Q(outgoing__secrecy=0))
    return DossierItem.objects.filter(rule)


def visible_history(user: User | None, dossier: Dossier) -> QuerySet[DossierEvent]:
    """The dossier's history without the lines about documents the user may not open."""
    items = visible_items(user).filter(dossier=dossier)
    return dossier.events.filter(
        Q(incoming__isnull=True, outgoing__isnull=True)
        | Q(incoming__in=items.values("incoming_id")) | Q(outgoing__in=items.values("outgoing_id")))


def may_keep_plans(user: User | None, organization: Organization) -> bool:
    standing = standing_of(user)
    return organization.is_active and (organization.office_id in standing.staff_offices
                                       or organization.pk in standing.leader_orgs)


def can_plan(user: User, action: PlanAction, plan: FilePlan) -> bool:
    standing = standing_of(user)
    if standing.user_id is None:
        return False
    if action == PlanAction.VIEW:
        return True
    if action == PlanAction.APPROVE:
        return plan.state == PlanState.DRAFT and plan.organization_id in standing.leader_orgs
    return may_keep_plans(user, plan.organization)


def can_dossier(user: User, action: DossierAction, dossier: Dossier) -> bool:
    standing = standing_of(user)
    if standing.user_id is None:
        return False
    if action == DossierAction.VIEW:
        return True
    if action == DossierAction.EXPORT:
        return keeps_packages(user, dossier.plan.office_id)
    organization = dossier.plan.organization
    keeps = dossier.keeper_id == standing.user_id or may_keep_plans(user, organization)
    if action in (DossierAction.FILE, DossierAction.CLOSE):
        return dossier.state == DossierState.OPEN and keeps
    if action == DossierAction.REOPEN:
        return (dossier.state == DossierState.CLOSED
                and dossier.plan.office_id in standing.staff_offices)
    return False


def get_plan_for(user: User, plan_id: Any, action: PlanAction = PlanAction.VIEW) -> FilePlan:
    try:
        pk = int(plan_id)
        if not 0 < pk < 2**63:
            raise ValueError(pk)
        plan = visible_plans(user).select_related("organization", "office").get(pk=pk)
    except (FilePlan.DoesNotExist, ValueError, TypeError):
        raise NotFound from None
    if not can_plan(user, action, plan):
        raise NotAllowed
    return plan


def get_dossier_for(user: User, dossier_id: Any,
                    action: DossierAction = DossierAction.VIEW) -> Dossier:
    try:
        dossier = visible_dossiers(user).select_related(
            "plan__organization", "plan__office", "heading", "keeper").get(pk=dossier_id)
    except (Dossier.DoesNotExist, ValidationError, ValueError, TypeError):
        raise NotFound from None
    if not can_dossier(user, action, dossier):
        raise NotAllowed
    return dossier


def allowed_plan_actions(user: User, plan: FilePlan) -> set[PlanAction]:
    return {a for a in PlanAction if can_plan(user, a, plan)}


def allowed_dossier_actions(user: User, dossier: Dossier) -> set[DossierAction]:
    return {a for a in DossierAction if can_dossier(user, a, dossier)}


def fileable_dossiers(user: User | None) -> QuerySet[Dossier]:
    """Open dossiers of every organization the user may file into — the rule of
    `can_dossier(FILE)` as a query: its keeper, the office's staff, the organization's
    leaders (of an active organization)."""
    standing = standing_of(user)
    if standing.user_id is None:
        return Dossier.objects.none()
    active = Q(plan__organization__is_active=True)
    return visible_dossiers(user).filter(state=DossierState.OPEN).filter(
        Q(keeper_id=standing.user_id)
        | (active & Q(plan__office_id__in=standing.staff_offices))
        | (active & Q(plan__organization_id__in=standing.leader_orgs)))


def filing_choices(user: User, organization_id: int) -> QuerySet[Dossier]:
    """Open dossiers of an organization the user may file into."""
    return fileable_dossiers(user).filter(plan__organization_id=organization_id)


# --- Transfers ---------------------------------------------------------------------------------


class TransferAction(enum.StrEnum):
    VIEW = "view"
    EDIT = "edit"  # build and submit (the office)
    RECEIVE = "receive"  # receive or return (the archivist)


def visible_transfers(user: User | None) -> QuerySet[Transfer]:
    standing = standing_of(user)
    if standing.user_id is None:
        return Transfer.objects.none()
    return Transfer.objects.filter(
        Q(office_id__in=standing.staff_offices | standing.archivist_offices)
        | Q(organization_id__in=standing.leader_orgs))


def may_transfer(user: User | None, office_id: int) -> bool:
    return office_id in standing_of(user).staff_offices


def is_archivist(user: User | None, office_id: int) -> bool:
    return office_id in standing_of(user).archivist_offices


def can_transfer(user: User, action: TransferAction, transfer: Transfer) -> bool:
    if standing_of(user).user_id is None:
        return False
    if action == TransferAction.VIEW:
        return True
    if action == TransferAction.EDIT:
        return (transfer.state in (TransferState.DRAFT, TransferState.RETURNED)
                and may_transfer(user, transfer.office_id))
    return transfer.state == TransferState.SUBMITTED and is_archivist(user, transfer.office_id)


def get_transfer_for(user: User, transfer_id: Any,
                     action: TransferAction = TransferAction.VIEW) -> Transfer:
    try:
        pk = int(transfer_id)
        if not 0 < pk < 2**63:
            raise ValueError(pk)
        transfer = visible_transfers(user).select_related("organization", "office").get(pk=pk)
    except (Transfer.DoesNotExist, ValueError, TypeError):
        raise NotFound from None
    if not can_transfer(user, action, transfer):
        raise NotAllowed
    return transfer


def may_approve_delay(user: User | None, dossier: Dossier) -> bool:
    return dossier.plan.organization_id in standing_of(user).leader_orgs


def may_correct(user: User | None, dossier: Dossier) -> bool:
    """Metadata of a dossier in the archive are corrected by the archivist (audited)."""
    return dossier.state == DossierState.TRANSFERRED and is_archivist(user, dossier.plan.office_id)


# --- Packages, legal holds -----------------------------------------------------------------


def keeps_packages(user: User | None, office_id: int) -> bool:
    """Archival packages are exported and imported by the office's archivist and staff."""
    standing = standing_of(user)
    return office_id in standing.archivist_offices | standing.staff_offices


def visible_archived(user: User | None) -> QuerySet[ArchivedDossier]:
    """Dossiers imported from packages: seen by those who keep packages."""
    standing = standing_of(user)
    return ArchivedDossier.objects.filter(
        office_id__in=standing.archivist_offices | standing.staff_offices)


def may_hold(user: User | None, dossier: Dossier) -> bool:
    """A legal hold is put or lifted by the archivist or the organization's leaders."""
    standing = standing_of(user)
    return (dossier.plan.office_id in standing.archivist_offices
            or dossier.plan.organization_id in standing.leader_orgs)
