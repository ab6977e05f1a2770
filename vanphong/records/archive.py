"""The agency archive proper: boxes of each fonds (the Party's and the State's kept apart:
a box belongs to one organization) where the paper of handed-over dossiers is kept, and
loans of originals — requested by a member who may see the dossier, approved by the
organization's head or deputy (or the office lead), lent and taken back by the archivist:
the register of use of originals (Sổ sử dụng bản lưu)."""

from __future__ import annotations

import datetime as dt
import enum

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet

from vanphong import clock
from vanphong.audit.actions import record_audit
from vanphong.errors import Conflict, Invalid, NotAllowed
from vanphong.organizations.models import Organization, User
from vanphong.organizations.standing import standing_of
from vanphong.records.access import visible_dossiers
from vanphong.records.actions import dossier_event
from vanphong.records.models import Box, Dossier, DossierState, Loan, LoanState


class LoanAction(enum.StrEnum):
    DECIDE = "decide"  # approve or refuse (the head or deputy, or the office lead)
    LEND = "lend"  # hand the original over (the archivist)
    TAKE_BACK = "take_back"  # receive it back (the archivist)


def _archivist(user: User, office_id: int) -> bool:
    return office_id in standing_of(user).archivist_offices


def keeps_boxes(user: User, office_id: int) -> bool:
    """Boxes and shelving are the archivist's."""
    return _archivist(user, office_id)


def sees_archive(user: User, office_id: int) -> bool:
    """The archive's boxes are seen by its archivist and the office's staff."""
    standing = standing_of(user)
    return office_id in standing.archivist_offices | standing.staff_offices


def may_borrow(user: User, dossier: Dossier) -> bool:
    """Anyone who may see a handed-over dossier may ask to borrow its original."""
    return (dossier.state == DossierState.TRANSFERRED
            and visible_dossiers(user).filter(pk=dossier.pk).exists())


def can_loan(user: User, action: LoanAction, loan: Loan) -> bool:
    """Who may take each step of a loan, in the loan's present state — decided here only."""
    standing = standing_of(user)
    if standing.user_id is None:
        return False
    plan = loan.dossier.plan
    if action == LoanAction.DECIDE:
        return loan.state == LoanState.REQUESTED and (
            plan.organization_id in standing.leader_orgs or plan.office_id in standing.lead_offices)
    wanted = LoanState.APPROVED if action == LoanAction.LEND else LoanState.LENT
    return loan.state == wanted and plan.office_id in standing.archivist_offices


def add_box(*, actor: User, organization: Organization, number: str, location: str) -> Box:
    if not keeps_boxes(actor, organization.office_id):
        raise NotAllowed("Chỉ lưu trữ viên quản lý kho.")
    if not number.strip() or not location.strip():
        raise Invalid("Nhập số hộp và vị trí.", fields={"number": "Bắt buộc."})
    try:
        with transaction.atomic():
            box = Box.objects.create(office_id=organization.office_id, organization=organization,
                                     number=number.strip(), location=location.strip())
            record_audit(actor=actor, action="archive.box", target=box,
                         summary=f"Hộp {box.number} ({organization.short_name})")
    except IntegrityError:
        raise Invalid(f"Phông {organization.short_name} đã có hộp số {number}.") from None
    return box


def shelve(*, actor: User, dossier: Dossier, box: Box) -> Dossier:
    """Put a handed-over dossier's paper in a box of its own fonds."""
    if not keeps_boxes(actor, dossier.plan.office_id):
        raise NotAllowed("Chỉ lưu trữ viên xếp hồ sơ vào kho.")
    if dossier.state != DossierState.TRANSFERRED:
        raise Invalid("Chỉ xếp vào kho hồ sơ đã nộp lưu.")
    if box.organization_id != dossier.plan.organization_id:
        raise Invalid("Hộp thuộc phông khác: phông của mỗi cơ quan được giữ riêng.")
    with transaction.atomic():
        Dossier.objects.filter(pk=dossier.pk).update(box=box)
        dossier_event(dossier, actor, "shelve", f"Xếp vào {box}")
    dossier.refresh_from_db()
    return dossier


def request_loan(*, actor: User, dossier: Dossier, purpose: str, due_back: dt.date) -> Loan:
    if dossier.state != DossierState.TRANSFERRED:
        raise Invalid("Chỉ mượn bản gốc của hồ sơ đã nộp lưu.")
    if not may_borrow(actor, dossier):
        raise NotAllowed("Bạn không được xem hồ sơ này.")
    if not purpose.strip():
        raise Invalid("Nêu mục đích sử dụng.", fields={"purpose": "Bắt buộc."})
    if not clock.today() <= due_back <= clock.today() + dt.timedelta(days=90):
        raise Invalid("Hạn trả trong vòng 90 ngày.", fields={"due_back": "Sai."})
    try:
        with transaction.atomic():
            loan = Loan.objects.create(dossier=dossier, borrower=actor, purpose=purpose.strip(),
                                       due_back=due_back, requested_at=clock.now())
            dossier_event(dossier, actor, "loan", f"Đề nghị mượn: {purpose.strip()}")
    except IntegrityError:
        raise Conflict("Hồ sơ đang được mượn hoặc có đề nghị mượn chờ duyệt.") from None
    return loan


def decide_loan(*, actor: User, loan: Loan, approve: bool, note: str = "") -> Loan:
    if not can_loan(actor, LoanAction.DECIDE, loan):
        raise NotAllowed("Chỉ lãnh đạo cơ quan hoặc lãnh đạo văn phòng duyệt đề nghị mượn đang "
                         "chờ duyệt.")
    if not approve and not note.strip():
        raise Invalid("Nêu lý do không duyệt.", fields={"note": "Bắt buộc."})
    state = LoanState.APPROVED if approve else LoanState.REFUSED
    return _move(loan, LoanState.REQUESTED, state, actor, "duyệt" if approve else "không duyệt",
                 decided_by=actor, decided_at=clock.now(), decision_note=note.strip())


def lend(*, actor: User, loan: Loan) -> Loan:
    if not can_loan(actor, LoanAction.LEND, loan):
        raise NotAllowed("Chỉ lưu trữ viên giao bản gốc của đề nghị đã được duyệt.")
    return _move(loan, LoanState.APPROVED, LoanState.LENT, actor, "giao bản gốc",
                 lent_by=actor, lent_at=clock.now())


def take_back(*, actor: User, loan: Loan, condition: str) -> Loan:
    if not can_loan(actor, LoanAction.TAKE_BACK, loan):
        raise NotAllowed("Chỉ lưu trữ viên nhận lại bản gốc đang cho mượn.")
    if not condition.strip():
        raise Invalid("Ghi tình trạng hồ sơ khi nhận lại.", fields={"condition": "Bắt buộc."})
    return _move(loan, LoanState.LENT, LoanState.RETURNED, actor, "nhận lại bản gốc",
                 returned_at=clock.now(), received_by=actor, condition=condition.strip())


def _move(loan: Loan, old: str, new: str, actor: User, what: str, **changes: object) -> Loan:
    with transaction.atomic():
        if not Loan.objects.filter(pk=loan.pk, state=old).update(state=new, **changes):
            raise Conflict
        dossier_event(loan.dossier, actor, "loan", f"Mượn bản gốc ({loan.borrower}): {what}")
        record_audit(actor=actor, action=f"archive.loan.{new}", target=loan,
                     summary=f"{loan.dossier.code}: {what}",
                     office_id=loan.dossier.plan.office_id,
                     organization_id=loan.dossier.plan.organization_id)
    loan.refresh_from_db()
    return loan


def register_of_use(user: User) -> QuerySet[Loan]:
    """Sổ sử dụng bản lưu: every loan of the offices the user keeps the archive of or leads,
    and the user's own."""
    standing = standing_of(user)
    offices = standing.archivist_offices | standing.staff_offices
    return Loan.objects.filter(
        Q(dossier__plan__office_id__in=offices) | Q(borrower_id=standing.user_id)
        | Q(dossier__plan__organization_id__in=standing.leader_orgs)
    ).select_related("dossier__plan__organization", "borrower", "decided_by", "lent_by")
