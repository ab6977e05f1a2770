"""Every write to file plans and dossiers: each checks `records.access`, changes rows in
one transaction with a history row (dossiers) and an audit row."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from vanphong import clock
from vanphong.audit.actions import record_audit
from vanphong.errors import Conflict, Invalid, NotAllowed
from vanphong.incoming.access import Action as IncomingAction
from vanphong.incoming.access import can as can_incoming
from vanphong.incoming.models import IncomingDocument
from vanphong.organizations.models import Organization, Position, User
from vanphong.outgoing.access import Action as OutgoingAction
from vanphong.outgoing.access import can as can_outgoing
from vanphong.outgoing.models import OutgoingDocument
from vanphong.outgoing.models import Status as OutgoingStatus
from vanphong.records.access import (
    DossierAction,
    PlanAction,
    can_dossier,
    can_plan,
    may_keep_plans,
    visible_items,
)
from vanphong.records.models import (
    Dossier,
    DossierEvent,
    DossierItem,
    DossierState,
    FilePlan,
    Numbering,
    PlanHeading,
    PlanState,
    RetentionKind,
    RetentionRule,
)
from vanphong.search.text import indexed

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
         "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"]
Document = IncomingDocument | OutgoingDocument


@dataclasses.dataclass(frozen=True)
class DossierFields:
    heading: PlanHeading
    title: str
    keeper: User
    retention_kind: str = RetentionKind.YEARS
    retention_years: int | None = 10
    retention_rule: RetentionRule | None = None
    note: str = ""


def create_plan(*, actor: User, organization: Organization, year: int,
                numbering: str = Numbering.CONTINUOUS) -> FilePlan:
    if not may_keep_plans(actor, organization):
        raise NotAllowed("Chỉ văn phòng hoặc lãnh đạo cơ quan lập danh mục hồ sơ.")
    if not 2000 <= year <= 2100:
        raise Invalid("Năm không hợp lệ.", fields={"year": "Sai."})
    try:
        with transaction.atomic():
            plan = FilePlan.objects.create(
                office_id=organization.office_id, organization=organization, year=year,
                numbering=numbering, created_by=actor, created_at=clock.now())
            record_audit(actor=actor, action="file_plan.create", target=plan,
                         summary=f"Lập danh mục hồ sơ năm {year}")
    except IntegrityError:
        raise Invalid(f"{organization.short_name} đã có danh mục hồ sơ năm {year}.",
                      fields={"year": "Đã có."}) from None
    return plan


def add_heading(*, actor: User, plan: FilePlan, title: str, abbreviation: str = "",
                parent: PlanHeading | None = None) -> PlanHeading:
    _allow_plan(actor, PlanAction.EDIT, plan)
    if not title.strip():
        raise Invalid("Nhập tên đề mục.", fields={"title": "Bắt buộc."})
    abbreviation = abbreviation.strip().upper()
    if parent is None and not re.fullmatch(r"[A-ZĐ0-9]{1,20}", abbreviation):
        raise Invalid("Đề mục lớn cần chữ viết tắt (chữ in hoa, chữ số), ví dụ TCCB.",
                      fields={"abbreviation": "Sai."})
    if parent is not None and (parent.plan_id != plan.pk or parent.parent_id is not None):
        raise Invalid("Đề mục nhỏ phải nằm trong một đề mục lớn của danh mục này.")
    with transaction.atomic():
        last = plan.headings.filter(parent=parent).aggregate(m=Max("position"))["m"] or 0
        heading = PlanHeading.objects.create(plan=plan, parent=parent, position=last + 1,
                                             title=title.strip(), abbreviation=abbreviation)
        record_audit(actor=actor, action="file_plan.heading", target=plan,
                     summary=f"Thêm đề mục {heading.title[:150]}")
    return heading


def _big(heading: PlanHeading) -> PlanHeading:
    return heading.parent if heading.parent_id and heading.parent else heading


def add_dossier(*, actor: User, plan: FilePlan, fields: DossierFields) -> Dossier:
    _allow_plan(actor, PlanAction.EDIT, plan)
    _check_dossier(plan, fields)
    with transaction.atomic():
        locked = FilePlan.objects.select_for_update().get(pk=plan.pk)
        big = _big(fields.heading)
        siblings = locked.dossiers.all() if locked.numbering == Numbering.CONTINUOUS else \
            locked.dossiers.filter(Q(heading=big) | Q(heading__parent=big))
        number = (siblings.aggregate(m=Max("number"))["m"] or 0) + 1
        dossier = Dossier.objects.create(
            plan=locked, heading=fields.heading, number=number,
            code=f"{number:02d}.{big.abbreviation}", title=fields.title.strip(),
            retention_rule=fields.retention_rule, retention_kind=fields.retention_kind,
            retention_years=fields.retention_years if fields.retention_kind ==
            RetentionKind.YEARS else None,
            keeper=fields.keeper, note=fields.note.strip())
        dossier_event(dossier, actor, "create", f"{dossier.code} {dossier.title}")
    return dossier


def _check_dossier(plan: FilePlan, fields: DossierFields) -> None:
    if fields.heading.plan_id != plan.pk:
        raise Invalid("Đề mục không thuộc danh mục này.", fields={"heading": "Sai."})
    if not fields.title.strip():
        raise Invalid("Nhập tiêu đề hồ sơ.", fields={"title": "Bắt buộc."})
    if fields.retention_kind == RetentionKind.YEARS and not (
            fields.retention_years and 1 <= fields.retention_years <= 100):
        raise Invalid("Thời hạn bảo quản từ 1 đến 100 năm, hoặc Vĩnh viễn.",
                      fields={"retention_years": "Sai."})
    rule = fields.retention_rule
    if rule is not None and rule.table != plan.organization.archive_stream:
        raise Invalid("Cơ quan này dùng bảng thời hạn bảo quản khác.",
                      fields={"retention_rule": "Sai bảng."})
    if not Position.objects.active(on=clock.today()).filter(
            person=fields.keeper, office_id=plan.office_id).exists():
        raise Invalid(f"{fields.keeper.full_name} không công tác tại văn phòng.",
                      fields={"keeper": "Sai."})


def approve_plan(*, actor: User, plan: FilePlan) -> FilePlan:
    _allow_plan(actor, PlanAction.APPROVE, plan)
    if not plan.dossiers.exists():
        raise Invalid("Danh mục chưa có hồ sơ nào.")
    with transaction.atomic():
        if not FilePlan.objects.filter(pk=plan.pk, state=PlanState.DRAFT).update(
                state=PlanState.APPROVED, approved_by=actor, approved_at=clock.now()):
            raise Conflict
        record_audit(actor=actor, action="file_plan.approve", target=plan,
                     summary=f"Duyệt danh mục hồ sơ năm {plan.year}")
    plan.refresh_from_db()
    return plan


def copy_plan(*, actor: User, plan: FilePlan, year: int) -> FilePlan:
    """Next year's file plan from this one: the same headings and dossiers (titles,
    retention, keepers still in office), new numbers, in draft."""
    _allow_plan(actor, PlanAction.EDIT, plan)
    with transaction.atomic():
        new = create_plan(actor=actor, organization=plan.organization, year=year,
                          numbering=plan.numbering)
        FilePlan.objects.filter(pk=new.pk).update(copied_from=plan)
        headings: dict[int, PlanHeading] = {}
        # big headings first, then their sub-headings (the order of NULLs differs by database)
        for heading in [*plan.headings.filter(parent__isnull=True).order_by("position"),
                        *plan.headings.filter(parent__isnull=False).order_by("position")]:
            parent = headings[heading.parent_id] if heading.parent_id else None
            headings[heading.pk] = PlanHeading.objects.create(
                plan=new, parent=parent, position=heading.position, title=heading.title,
                abbreviation=heading.abbreviation)
        active = set(Position.objects.active(on=clock.today()).filter(
            office_id=plan.office_id).values_list("person_id", flat=True))
        for dossier in plan.dossiers.order_by("number"):
            Dossier.objects.create(
                plan=new, heading=headings[dossier.heading_id], number=dossier.number,
                code=dossier.code, title=dossier.title, retention_rule=dossier.retention_rule,
                retention_kind=dossier.retention_kind, retention_years=dossier.retention_years,
                keeper=dossier.keeper if dossier.keeper_id in active else actor,
                note=dossier.note)
        record_audit(actor=actor, action="file_plan.copy", target=new,
                     summary=f"Lập danh mục năm {year} từ danh mục năm {plan.year}",
                     source=plan.pk)
    new.refresh_from_db()
    return new


# --- Filing -------------------------------------------------------------------------------


def _organization_of(document: Document) -> int:
    return document.organization_id


def _may_open(actor: User, document: Document) -> bool:
    if isinstance(document, IncomingDocument):
        return can_incoming(actor, IncomingAction.VIEW, document)
    return can_outgoing(actor, OutgoingAction.VIEW, document)


def file_documents(*, actor: User, dossier: Dossier, documents: Sequence[Document]) -> int:
    """File documents of the dossier's organization into it (a link: a document may sit in
    several dossiers); returns how many were new to it."""
    _allow_dossier(actor, DossierAction.FILE, dossier)
    if not documents:
        raise Invalid("Chọn văn bản để đưa vào hồ sơ.", fields={"documents": "Trống."})
    for document in documents:
        if _organization_of(document) != dossier.plan.organization_id:
            raise Invalid(f"Văn bản {document.code or document.subject[:40]} không phải của "
                          f"{dossier.plan.organization.short_name}.")
        if not _may_open(actor, document):
            raise NotAllowed("Bạn không được xem một trong các văn bản này.")
        if isinstance(document, OutgoingDocument) and document.status != OutgoingStatus.ISSUED:
            raise Invalid("Chỉ đưa vào hồ sơ văn bản đi đã phát hành.")
    added = 0
    with transaction.atomic():
        for document in documents:
            if DossierItem.objects.filter(dossier=dossier, **_link(document)).exists():
                continue
            DossierItem.objects.create(dossier=dossier, added_by=actor, added_at=clock.now(),
                                       **_link(document))
            _history(dossier, actor, "file", f"Đưa văn bản {_label(document)} vào hồ sơ",
                     about=document)
            added += 1
        if added:
            _audit(dossier, actor, "file", f"Đưa {added} văn bản vào hồ sơ")
    return added


def _link(document: Document) -> dict[str, Document]:
    return {"incoming": document} if isinstance(document, IncomingDocument) else {
        "outgoing": document}


def _label(document: Document) -> str:
    return str(document.code or document.subject[:60])


def unfile_document(*, actor: User, dossier: Dossier, item: DossierItem, reason: str) -> None:
    _allow_dossier(actor, DossierAction.FILE, dossier)
    if item.dossier_id != dossier.pk:
        raise Invalid("Văn bản không nằm trong hồ sơ này.")
    if not reason.strip():
        raise Invalid("Nêu lý do rút văn bản khỏi hồ sơ.", fields={"reason": "Bắt buộc."})
    with transaction.atomic():
        document = item.document
        item.delete()
        dossier_event(dossier, actor, "unfile",
                      f"Rút văn bản {_label(document)}: {reason.strip()}", about=document)


def document_date(document: Document) -> dt.date | None:
    if isinstance(document, IncomingDocument):
        return document.issued_date or timezone.localdate(document.arrival_at)
    return document.issued_date or (timezone.localdate(document.issued_at)
                                    if document.issued_at else None)


def _in_order(items: QuerySet[DossierItem]) -> list[DossierItem]:
    found = list(items.select_related(
        "incoming__document_type", "outgoing__document_type", "outgoing__organization",
        "outgoing__signer"))
    return sorted(found, key=lambda i: (str(document_date(i.document) or ""), i.added_at))


def contents(dossier: Dossier) -> list[DossierItem]:
    """Every document of the dossier in chronological order — for the actions that work on
    the whole dossier (closing, PDF/A copies); never shown to a person as such."""
    return _in_order(dossier.items.all())


def contents_for(reader: User, dossier: Dossier) -> list[DossierItem]:
    """The dossier's documents the reader may see (`access.visible_items`), in
    chronological order (Mục lục văn bản trong hồ sơ): what its page, prints, packages and
    counts show that reader."""
    return _in_order(visible_items(reader).filter(dossier=dossier))


def item_key(item: DossierItem) -> str:
    """"i<uuid>" / "o<uuid>": the document of a filing, as pages and closing points name it."""
    return f"i{item.incoming_id}" if item.incoming_id else f"o{item.outgoing_id}"


def review_points(items: Sequence[DossierItem]) -> list[tuple[str, str]]:
    """What to check before closing a dossier (ND30 Điều 30: the work is finished and the
    documents complete), as (document key, point): documents still being handled, an
    issued document without its issued file, a received one with neither a file nor a
    paper original."""
    found = []
    for item in items:
        document = item.document
        label = document.code or document.subject[:60]
        if isinstance(document, IncomingDocument):
            if document.is_open:
                found.append((item_key(item), f"Văn bản đến {label} còn đang xử lý "
                              f"({document.get_status_display().lower()})."))
            receipt = document.receipt
            if not receipt.has_paper_original and not receipt.attachments.exists():
                found.append((item_key(item),
                              f"Văn bản đến {label} không có tệp, cũng không có bản giấy."))
        elif document.final_pdf_id is None:
            found.append((item_key(item), f"Văn bản đi {label} chưa có bản phát hành (PDF)."))
    return found


def closing_review(dossier: Dossier, items: Sequence[DossierItem] | None = None) -> list[str]:
    """The points of `review_points` over `items` (by default every document)."""
    return [text for _, text in review_points(contents(dossier) if items is None else items)]


def close_dossier(*, actor: User, dossier: Dossier, note: str = "",
                  confirm: bool = False) -> Dossier:
    """Kết thúc hồ sơ: it must hold documents; what `closing_review` finds among the
    documents the closer may open must be looked at and confirmed; every point found is
    kept with its document for the closing record (`closing_record`); the year the work
    ended is the year of its latest document."""
    _allow_dossier(actor, DossierAction.CLOSE, dossier)
    items = contents(dossier)
    if not items:
        raise Invalid("Hồ sơ chưa có văn bản nào: chưa thể kết thúc.")
    points = review_points(items)
    shown = {item_key(i) for i in contents_for(actor, dossier)}
    seen = [text for key, text in points if key in shown]
    if seen and not confirm:
        raise Invalid("Hồ sơ còn điểm cần kiểm tra: " + " ".join(seen)
                      + " Nếu đã kiểm tra, đánh dấu “Vẫn kết thúc hồ sơ”.",
                      fields={"confirm": "Cần xác nhận."})
    dates = [d for d in (document_date(i.document) for i in items) if d is not None]
    ended = max(dates).year if dates else clock.today().year
    with transaction.atomic():
        if not Dossier.objects.filter(pk=dossier.pk, state=DossierState.OPEN).update(
                state=DossierState.CLOSED, closed_by=actor, closed_at=clock.now(),
                ended_year=ended, closing_note=note.strip(),
                closing_points=[{"document": key, "text": text} for key, text in points]):
            raise Conflict
        dossier_event(dossier, actor, "close", "Kết thúc hồ sơ" + (
            f": {note.strip()}" if note.strip() else "."))
        transaction.on_commit(partial(_prepare_pdfa, str(dossier.pk)))
    dossier.refresh_from_db()
    return dossier


def closing_record(dossier: Dossier, shown: Sequence[DossierItem]) -> str:
    """The closing record (chứng từ kết thúc) of a closed dossier as the reader of `shown`
    (`contents_for`) sees it: the documents they may open counted, the points about them
    only; "" while the dossier is open."""
    if dossier.closed_at is None:
        return ""
    incoming = sum(1 for i in shown if i.incoming_id)
    keys = {item_key(i) for i in shown}
    points = [p["text"] for p in dossier.closing_points if p.get("document") in keys]
    note = dossier.closing_note.strip()
    return (f"Hồ sơ gồm {len(shown)} văn bản ({incoming} văn bản đến, "
            f"{len(shown) - incoming} văn bản đi); thời hạn bảo quản {dossier.retention_label}"
            f"; năm kết thúc công việc {dossier.ended_year}." + (f" {note}" if note else "")
            + (" Kết thúc khi còn: " + " ".join(points) if points else ""))


def reopen_dossier(*, actor: User, dossier: Dossier, reason: str) -> Dossier:
    _allow_dossier(actor, DossierAction.REOPEN, dossier)
    if not reason.strip():
        raise Invalid("Nêu lý do mở lại hồ sơ.", fields={"reason": "Bắt buộc."})
    with transaction.atomic():
        if not Dossier.objects.filter(pk=dossier.pk, state=DossierState.CLOSED).update(
                state=DossierState.OPEN, closed_by=None, closed_at=None, ended_year=None,
                closing_note="", closing_points=[]):
            raise Conflict
        dossier_event(dossier, actor, "reopen", reason.strip())
    dossier.refresh_from_db()
    return dossier


def suggest_dossiers(document: Document, *, limit: int = 5) -> list[Dossier]:
    """Open dossiers of the document's organization in its year whose titles share the most
    words with its subject (filing suggested from the file plan)."""
    year = (document_date(document) or clock.today()).year
    return suggest_for(document.subject, [_organization_of(document)], year, limit=limit)


def suggest_for(subject: str, organization_ids: Sequence[int], year: int, *,
                limit: int = 5) -> list[Dossier]:
    """Open dossiers of these organizations that year, those whose title shares the most
    words (at least two) with the subject first — also used while registering."""
    open_ones = Dossier.objects.filter(
        plan__organization_id__in=organization_ids, plan__year=year,
        state=DossierState.OPEN).select_related("plan__organization")
    words = set(indexed(subject)[1].split())
    scored = [(len(words & set(indexed(d.title)[1].split())), d) for d in open_ones]
    scored.sort(key=lambda pair: (-pair[0], pair[1].plan.organization_id, pair[1].number))
    return [d for score, d in scored if score >= 2][:limit]


def file_registered(*, actor: User, documents: Sequence[Document],
                    dossiers: Sequence[Dossier]) -> int:
    """Filing at registration: each chosen dossier takes the just-registered document of its
    own organization (one registration may create a document in several organizations).
    A dossier of an organization that did not receive the document is refused."""
    by_organization = {_organization_of(d): d for d in documents}
    added = 0
    for dossier in dossiers:
        document = by_organization.get(dossier.plan.organization_id)
        if document is None:
            raise Invalid(f"Hồ sơ {dossier.code} thuộc {dossier.plan.organization.short_name}, "
                          "cơ quan này không có văn bản vừa vào sổ.",
                          fields={"dossiers": "Chọn hồ sơ của cơ quan nhận văn bản."})
        added += file_documents(actor=actor, dossier=dossier, documents=[document])
    return added


def _prepare_pdfa(dossier_id: str) -> None:
    from vanphong.records.tasks import prepare_pdfa_task

    prepare_pdfa_task.enqueue(dossier_id)


def _history(dossier: Dossier, actor: User | None, kind: str, note: str,
             about: Document | None = None) -> None:
    DossierEvent.objects.create(dossier=dossier, at=clock.now(), actor=actor, kind=kind,
                                note=note, **(_link(about) if about is not None else {}))


def dossier_event(dossier: Dossier, actor: User | None, kind: str, note: str,
                  about: Document | None = None) -> None:
    """A line of the dossier's history (about one document, if given: then shown only to
    those who may open it) and its audit row."""
    _history(dossier, actor, kind, note, about)
    _audit(dossier, actor, kind, note)


def _audit(dossier: Dossier, actor: User | None, kind: str, note: str) -> None:
    record_audit(actor=actor, action=f"dossier.{kind}", target=dossier,
                 summary=f"{dossier.code}: {note[:150]}",
                 office_id=dossier.plan.office_id,
                 organization_id=dossier.plan.organization_id)


def _allow_plan(actor: User, action: PlanAction, plan: FilePlan) -> None:
    if not can_plan(actor, action, plan):
        raise NotAllowed


def _allow_dossier(actor: User, action: DossierAction, dossier: Dossier) -> None:
    if not can_dossier(actor, action, dossier):
        raise NotAllowed
