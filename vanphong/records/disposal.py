"""Disposal of dossiers past their retention (tiêu hủy): the list of dossiers whose
retention has run out (counted from the year the work ended), appraised by a council
(every member votes), approved by the organization's head, then carried out by the
archivist — the dossiers are marked disposed and the record keeps the trail; nothing is
deleted. A legal hold (inspection, complaint, lawsuit) keeps a dossier out of every step."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet

from vanphong import clock
from vanphong.audit.actions import record_audit
from vanphong.errors import Conflict, Invalid, NotAllowed, NotFound
from vanphong.organizations.models import Organization, Position, User
from vanphong.organizations.standing import standing_of
from vanphong.records.access import may_hold
from vanphong.records.actions import dossier_event
from vanphong.records.models import (
    Disposal,
    DisposalItem,
    DisposalState,
    DisposalVote,
    Dossier,
    DossierState,
    RetentionKind,
)

ACTIVE = [DisposalState.DRAFT, DisposalState.APPRAISED, DisposalState.APPROVED]


class DisposalAction(enum.StrEnum):
    VIEW = "view"
    VOTE = "vote"
    APPROVE = "approve"
    CARRY_OUT = "carry_out"


def keeps_archive(user: User | None, office_id: int) -> bool:
    standing = standing_of(user)
    return office_id in standing.archivist_offices or office_id in standing.staff_offices


def visible_disposals(user: User | None) -> QuerySet[Disposal]:
    standing = standing_of(user)
    if standing.user_id is None:
        return Disposal.objects.none()
    return Disposal.objects.filter(
        Q(office_id__in=standing.staff_offices | standing.archivist_offices)
        | Q(organization_id__in=standing.leader_orgs) | Q(council=standing.user_id)).distinct()


def can_disposal(user: User, action: DisposalAction, disposal: Disposal) -> bool:
    standing = standing_of(user)
    if standing.user_id is None:
        return False
    if action == DisposalAction.VIEW:
        return True
    if action == DisposalAction.VOTE:
        return (disposal.state == DisposalState.DRAFT
                and disposal.council.filter(pk=standing.user_id).exists())
    if action == DisposalAction.APPROVE:
        return (disposal.state == DisposalState.APPRAISED
                and disposal.organization_id in standing.leader_orgs)
    return (disposal.state == DisposalState.APPROVED
            and disposal.office_id in standing.archivist_offices)


def get_disposal_for(user: User, disposal_id: Any,
                     action: DisposalAction = DisposalAction.VIEW) -> Disposal:
    try:
        pk = int(disposal_id)
        if not 0 < pk < 2**63:
            raise ValueError(pk)
        disposal = visible_disposals(user).select_related("organization").get(pk=pk)
    except (Disposal.DoesNotExist, ValueError, TypeError):
        raise NotFound from None
    if not can_disposal(user, action, disposal):
        raise NotAllowed
    return disposal


def expired(office_id: int, organization: Organization | None = None) -> list[Dossier]:
    """Dossiers whose retention has run out, not held, not in a disposal under way."""
    year = clock.today().year
    pending = DisposalItem.objects.filter(dossier=OuterRef("pk"), disposal__state__in=ACTIVE)
    dossiers = Dossier.objects.filter(
        plan__office_id=office_id, state__in=[DossierState.CLOSED, DossierState.TRANSFERRED],
        retention_kind=RetentionKind.YEARS, ended_year__isnull=False, hold_reason="",
    ).exclude(Exists(pending)).select_related("plan__organization")
    if organization is not None:
        dossiers = dossiers.filter(plan__organization=organization)
    return [d for d in dossiers if (d.ended_year or 0) + (d.retention_years or 0) < year]


def propose_disposal(*, actor: User, organization: Organization, dossiers: Sequence[Dossier],
                     council: Sequence[User]) -> Disposal:
    if not keeps_archive(actor, organization.office_id):
        raise NotAllowed("Chỉ lưu trữ viên hoặc văn phòng lập danh mục tài liệu hết giá trị.")
    if not dossiers:
        raise Invalid("Chọn hồ sơ hết thời hạn bảo quản.", fields={"dossiers": "Trống."})
    if len(set(council)) < 3:
        raise Invalid("Hội đồng xác định giá trị tài liệu cần ít nhất 3 thành viên.",
                      fields={"council": "Thiếu."})
    office_people = set(Position.objects.active(on=clock.today()).filter(
        office_id=organization.office_id).values_list("person_id", flat=True))
    if any(member.pk not in office_people for member in council):
        raise Invalid("Thành viên hội đồng phải công tác tại văn phòng.")
    eligible = {d.pk for d in expired(organization.office_id, organization)}
    for dossier in dossiers:
        if dossier.pk not in eligible:
            raise Invalid(f"Hồ sơ {dossier.code} chưa hết thời hạn bảo quản, đang tạm giữ hoặc "
                          "đã ở danh mục tiêu hủy khác.")
    with transaction.atomic():
        disposal = Disposal.objects.create(office_id=organization.office_id,
                                           organization=organization, created_by=actor,
                                           created_at=clock.now())
        disposal.council.set(council)
        DisposalItem.objects.bulk_create(DisposalItem(disposal=disposal, dossier=d)
                                         for d in dossiers)
        record_audit(actor=actor, action="disposal.propose", target=disposal,
                     summary=f"Lập danh mục tài liệu hết giá trị: {len(dossiers)} hồ sơ")
    return disposal


def vote(*, actor: User, disposal: Disposal, agrees: bool, note: str = "") -> Disposal:
    """A council member's opinion; when every member has voted and most agree, the list is
    appraised; if most disagree it stays a draft for the archivist to revise."""
    if not can_disposal(actor, DisposalAction.VOTE, disposal):
        raise NotAllowed
    if not agrees and not note.strip():
        raise Invalid("Nêu lý do không đồng ý.", fields={"note": "Bắt buộc."})
    with transaction.atomic():
        DisposalVote.objects.update_or_create(
            disposal=disposal, member=actor,
            defaults={"agrees": agrees, "note": note.strip(), "at": clock.now()})
        record_audit(actor=actor, action="disposal.vote", target=disposal,
                     summary="Đồng ý tiêu hủy" if agrees else f"Không đồng ý: {note.strip()}")
        votes = list(disposal.votes.all())
        members = disposal.council.count()
        if len(votes) == members and sum(v.agrees for v in votes) * 2 > members:
            summary = "; ".join(f"{v.member.full_name}: {'đồng ý' if v.agrees else 'không'}"
                                + (f" ({v.note})" if v.note else "") for v in votes)
            Disposal.objects.filter(pk=disposal.pk, state=DisposalState.DRAFT).update(
                state=DisposalState.APPRAISED, appraisal=summary)
    disposal.refresh_from_db()
    return disposal


def approve(*, actor: User, disposal: Disposal) -> Disposal:
    if not can_disposal(actor, DisposalAction.APPROVE, disposal):
        raise NotAllowed("Chỉ người đứng đầu, cấp phó cơ quan duyệt tiêu hủy.")
    with transaction.atomic():
        if not Disposal.objects.filter(pk=disposal.pk, state=DisposalState.APPRAISED).update(
                state=DisposalState.APPROVED, approved_by=actor, approved_at=clock.now()):
            raise Conflict
        record_audit(actor=actor, action="disposal.approve", target=disposal,
                     summary="Duyệt tiêu hủy tài liệu hết giá trị")
    disposal.refresh_from_db()
    return disposal


def carry_out(*, actor: User, disposal: Disposal, method: str) -> Disposal:
    if not can_disposal(actor, DisposalAction.CARRY_OUT, disposal):
        raise NotAllowed("Chỉ lưu trữ viên thực hiện tiêu hủy đã được duyệt.")
    if not method.strip():
        raise Invalid("Ghi phương thức tiêu hủy (ví dụ: nghiền bằng máy hủy tài liệu).",
                      fields={"method": "Bắt buộc."})
    items = list(disposal.items.select_related("dossier"))
    held = [i.dossier.code for i in items if i.dossier.hold_reason]
    if held:
        raise Invalid(f"Hồ sơ đang tạm giữ, không được tiêu hủy: {', '.join(held)}.")
    with transaction.atomic():
        if not Disposal.objects.filter(pk=disposal.pk, state=DisposalState.APPROVED).update(
                state=DisposalState.DONE, done_by=actor, done_at=clock.now(),
                method=method.strip()):
            raise Conflict
        for item in items:
            Dossier.objects.filter(pk=item.dossier_id).update(state=DossierState.DISPOSED)
            dossier_event(item.dossier, actor, "dispose",
                          f"Tiêu hủy theo quyết định duyệt ngày "
                          f"{disposal.approved_at:%d/%m/%Y}; {method.strip()}")
        record_audit(actor=actor, action="disposal.done", target=disposal,
                     summary=f"Tiêu hủy {len(items)} hồ sơ: {method.strip()[:150]}")
    disposal.refresh_from_db()
    return disposal


def set_hold(*, actor: User, dossier: Dossier, reason: str) -> Dossier:
    """Put a legal hold on a dossier (or lift it with an empty reason)."""
    if not may_hold(actor, dossier):
        raise NotAllowed("Chỉ lưu trữ viên hoặc lãnh đạo cơ quan tạm giữ hồ sơ.")
    with transaction.atomic():
        Dossier.objects.filter(pk=dossier.pk).update(hold_reason=reason.strip()[:500])
        dossier_event(dossier, actor, "hold", f"Tạm giữ: {reason.strip()}" if reason.strip()
                      else "Bỏ tạm giữ")
    dossier.refresh_from_db()
    return dossier
