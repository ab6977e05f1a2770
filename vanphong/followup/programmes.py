"""Work programmes (chương trình công tác): an organization's plan for a year, a quarter
or a term — items with a planned month, who is responsible, what they produce — turned
into tasks item by item, and reported on ("Báo cáo kết quả thực hiện chương trình").

Each write checks `followup.access`, changes rows conditionally and is audited in its
transaction. An item's status follows its tasks (`actions.sync_item`); postponing and
dropping are decisions, made by hand with a reason.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Sequence

from django.db import transaction
from django.db.models import Count, Max, Q

from vanphong import clock
from vanphong.audit.actions import record_audit
from vanphong.errors import Conflict, Invalid, NotAllowed
from vanphong.followup.access import ProgrammeAction, can_programme, may_edit_programmes
from vanphong.followup.actions import TaskSpec, create_tasks
from vanphong.followup.models import (
    OPEN_STATUSES,
    ItemStatus,
    ProgrammeItem,
    ProgrammeKind,
    ProgrammeState,
    Source,
    Status,
    Task,
    WorkProgramme,
)
from vanphong.organizations.models import Organization, Unit, User


@dataclasses.dataclass(frozen=True)
class ItemFields:
    content: str
    planned_month: dt.date
    responsible_organization: Organization
    responsible_unit: Unit | None = None
    coordination: str = ""
    output: str = ""


def create_programme(*, actor: User, organization: Organization, title: str, year: int,
                     kind: str = ProgrammeKind.YEAR) -> WorkProgramme:
    if not may_edit_programmes(actor, organization):
        raise NotAllowed("Chỉ lãnh đạo cơ quan hoặc văn phòng lập chương trình công tác.")
    if not title.strip():
        raise Invalid("Nhập tên chương trình.", fields={"title": "Bắt buộc."})
    if not 2000 <= year <= 2100:
        raise Invalid("Năm không hợp lệ.", fields={"year": "Sai."})
    with transaction.atomic():
        programme = WorkProgramme.objects.create(
            office_id=organization.office_id, organization=organization, title=title.strip(),
            kind=kind, year=year, created_by=actor, created_at=clock.now(),
        )
        record_audit(actor=actor, action="programme.create", target=programme,
                     summary=f"Lập {programme.title}")
    return programme


def add_item(*, actor: User, programme: WorkProgramme, fields: ItemFields) -> ProgrammeItem:
    _allow(actor, ProgrammeAction.EDIT, programme)
    if not fields.content.strip():
        raise Invalid("Nhập nội dung công việc.", fields={"content": "Bắt buộc."})
    organization = fields.responsible_organization
    if organization.office_id != programme.office_id:
        raise Invalid(f"{organization.short_name} không thuộc văn phòng này.")
    unit = fields.responsible_unit
    if unit is not None and unit.organization_id not in (organization.pk, None):
        raise Invalid(f"Đơn vị {unit.name} không thuộc {organization.short_name}.",
                      fields={"responsible_unit": "Sai."})
    month = fields.planned_month.replace(day=1)
    with transaction.atomic():
        last = programme.items.aggregate(last=Max("position"))["last"] or 0
        item = ProgrammeItem.objects.create(
            programme=programme, position=last + 1, content=fields.content.strip(),
            planned_month=month, responsible_organization=organization, responsible_unit=unit,
            coordination=fields.coordination.strip(), output=fields.output.strip(),
        )
        record_audit(actor=actor, action="programme.item.add", target=programme,
                     summary=f"Thêm mục: {item.content[:150]}", item=item.pk)
    return item


def approve_programme(*, actor: User, programme: WorkProgramme) -> WorkProgramme:
    _allow(actor, ProgrammeAction.APPROVE, programme)
    if not programme.items.exists():
        raise Invalid("Chương trình chưa có nội dung nào.")
    with transaction.atomic():
        if not WorkProgramme.objects.filter(pk=programme.pk, state=ProgrammeState.DRAFT).update(
            state=ProgrammeState.APPROVED, approved_by=actor, approved_at=clock.now()
        ):
            raise Conflict
        record_audit(actor=actor, action="programme.approve", target=programme,
                     summary=f"Duyệt {programme.title}")
    programme.refresh_from_db()
    return programme


def create_tasks_from_item(*, actor: User, item: ProgrammeItem,
                           specs: Sequence[TaskSpec]) -> list[Task]:
    """An approved programme's item becomes one or more tasks of its organization."""
    programme = item.programme
    _allow(actor, ProgrammeAction.VIEW, programme)
    if programme.state != ProgrammeState.APPROVED:
        raise Invalid("Chương trình phải được duyệt trước khi giao nhiệm vụ.")
    if item.status == ItemStatus.DROPPED:
        raise Invalid("Mục này đã quyết định không thực hiện.")
    with transaction.atomic():
        tasks = create_tasks(actor=actor, organization=programme.organization, specs=specs,
                             source=Source.PROGRAMME, item=item)
        ProgrammeItem.objects.filter(pk=item.pk).exclude(status=ItemStatus.DROPPED).update(
            status=ItemStatus.IN_PROGRESS)
        record_audit(actor=actor, action="programme.item.tasks", target=programme,
                     summary=f"Giao {len(tasks)} nhiệm vụ từ mục: {item.content[:120]}",
                     item=item.pk)
    return tasks


def postpone_item(*, actor: User, item: ProgrammeItem, to_month: dt.date,
                  reason: str) -> ProgrammeItem:
    _allow(actor, ProgrammeAction.EDIT, item.programme)
    month = to_month.replace(day=1)
    if month <= item.month:
        raise Invalid("Tháng mới phải sau tháng dự kiến.", fields={"to_month": "Sai."})
    return _decide(actor, item, ItemStatus.POSTPONED, reason, postponed_to=month)


def drop_item(*, actor: User, item: ProgrammeItem, reason: str) -> ProgrammeItem:
    _allow(actor, ProgrammeAction.EDIT, item.programme)
    if item.tasks.filter(status__in=OPEN_STATUSES).exists():
        raise Invalid("Mục còn nhiệm vụ đang thực hiện: hủy các nhiệm vụ đó trước.")
    return _decide(actor, item, ItemStatus.DROPPED, reason)


def _decide(actor: User, item: ProgrammeItem, status: str, reason: str,
            **changes: object) -> ProgrammeItem:
    if not reason.strip():
        raise Invalid("Nêu lý do.", fields={"reason": "Bắt buộc."})
    with transaction.atomic():
        note = f"{item.note}\n{reason.strip()}".strip()
        if not ProgrammeItem.objects.filter(pk=item.pk, status=item.status).update(
            status=status, note=note, **changes
        ):
            raise Conflict
        record_audit(actor=actor, action=f"programme.item.{status}", target=item.programme,
                     summary=f"{ItemStatus(status).label}: {item.content[:120]}",
                     item=item.pk, reason=reason.strip())
    item.refresh_from_db()
    return item


def _allow(actor: User, action: ProgrammeAction, programme: WorkProgramme) -> None:
    if not can_programme(actor, action, programme):
        raise NotAllowed


# --- The report ------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ItemLine:
    item: ProgrammeItem
    tasks: int
    done: int
    overdue: int

    @property
    def late(self) -> bool:
        """Past its month and not done (nor postponed beyond today, nor dropped)."""
        today = clock.today()
        month_end = (self.item.month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return (self.item.status in (ItemStatus.PLANNED, ItemStatus.IN_PROGRESS)
                and month_end <= today)


@dataclasses.dataclass(frozen=True)
class ProgrammeReport:
    programme: WorkProgramme
    lines: list[ItemLine]
    by_status: dict[str, int]

    @property
    def done_share(self) -> int:
        counted = sum(v for k, v in self.by_status.items() if k != ItemStatus.DROPPED)
        return round(100 * self.by_status.get(ItemStatus.DONE, 0) / counted) if counted else 0


def programme_report(programme: WorkProgramme) -> ProgrammeReport:
    today = clock.today()
    items = programme.items.select_related("responsible_organization", "responsible_unit")
    counts = items.annotate(
        n_tasks=Count("tasks", filter=~Q(tasks__status=Status.CANCELLED)),
        n_done=Count("tasks", filter=Q(tasks__status=Status.DONE)),
        n_overdue=Count("tasks", filter=Q(tasks__status__in=OPEN_STATUSES,
                                          tasks__due_date__lt=today)),
    )
    lines = [ItemLine(i, i.n_tasks, i.n_done, i.n_overdue) for i in counts]  # type: ignore[attr-defined]
    by_status = Counter(line.item.status for line in lines)
    return ProgrammeReport(programme, lines,
                           {s.value: by_status.get(s.value, 0) for s in ItemStatus})
