"""Tasks (nhiệm vụ): what a head or the office asks to be done, by whom and by when,
followed up to the end — created from an instruction on an incoming document, a
resolution, a meeting's conclusions, a work-programme item, or directly.

A task belongs to the organization that assigns it; its assignees may sit in other
organizations (a joint task of the Party committee and the People's Committee). It has
exactly one lead row at any time, so every figure counts each task once. Overdue is never
stored: it is an open task whose due date has passed (`Task.is_overdue`).
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from vanphong import clock
from vanphong.files.models import StoredFile
from vanphong.incoming.models import AssignmentKind, AssignmentState, IncomingDocument
from vanphong.organizations.models import Office, Organization, Unit
from vanphong.outgoing.models import OutgoingDocument
from vanphong.registers.models import Urgency


class Status(models.TextChoices):
    ASSIGNED = "assigned", "Đã giao"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    DONE = "done", "Hoàn thành"
    CANCELLED = "cancelled", "Đã hủy"


OPEN_STATUSES = (Status.ASSIGNED, Status.IN_PROGRESS)

#: (from, to) -> the event that makes the change; nothing else moves a task.
TRANSITIONS: dict[tuple[str, str], str] = {
    (Status.ASSIGNED, Status.IN_PROGRESS): "progress",
    (Status.ASSIGNED, Status.DONE): "complete",
    (Status.IN_PROGRESS, Status.DONE): "complete",
    (Status.DONE, Status.IN_PROGRESS): "reopen",
    (Status.ASSIGNED, Status.CANCELLED): "cancel",
    (Status.IN_PROGRESS, Status.CANCELLED): "cancel",
}


class Source(models.TextChoices):
    DIRECT = "direct", "Giao trực tiếp"
    INCOMING = "incoming", "Văn bản đến"
    OUTGOING = "outgoing", "Văn bản đi (nghị quyết, kết luận)"
    MEETING = "meeting", "Kết luận cuộc họp"
    PROGRAMME = "programme", "Chương trình công tác"
    SUBTASK = "subtask", "Nhiệm vụ con"


class Task(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    office = models.ForeignKey(Office, models.PROTECT, related_name="tasks")
    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="tasks", verbose_name="Cơ quan giao"
    )
    parent = models.ForeignKey(
        "self", models.CASCADE, null=True, blank=True, related_name="subtasks",
        verbose_name="Nhiệm vụ cha",
    )
    title = models.CharField("Tên nhiệm vụ", max_length=500)
    description = models.TextField("Nội dung, yêu cầu", blank=True)
    urgency = models.PositiveSmallIntegerField(
        "Độ khẩn", choices=Urgency.choices, default=Urgency.NORMAL
    )
    source = models.CharField("Nguồn", max_length=10, choices=Source.choices)
    source_incoming = models.ForeignKey(
        IncomingDocument, models.PROTECT, null=True, blank=True, related_name="tasks",
        verbose_name="Văn bản đến",
    )
    source_outgoing = models.ForeignKey(
        OutgoingDocument, models.PROTECT, null=True, blank=True, related_name="tasks",
        verbose_name="Văn bản đi",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="tasks_assigned",
        verbose_name="Người giao",
    )
    assigned_at = models.DateTimeField("Ngày giao")
    due_date = models.DateField("Hạn hoàn thành")
    due_working_days = models.PositiveSmallIntegerField("Số ngày làm việc", null=True, blank=True)
    original_due_date = models.DateField("Hạn ban đầu")
    status = models.CharField(
        "Trạng thái", max_length=12, choices=Status.choices, default=Status.ASSIGNED
    )
    progress = models.PositiveSmallIntegerField("Tiến độ (%)", default=0)
    completed_on = models.DateField("Ngày hoàn thành", null=True, blank=True)
    result = models.TextField("Kết quả", blank=True)
    programme_item = models.ForeignKey(
        "ProgrammeItem", models.PROTECT, null=True, blank=True, related_name="tasks",
        verbose_name="Mục chương trình công tác",
    )
    #: The due date whose passing is already in the history ("Quá hạn" written once).
    overdue_noted_for = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["due_date", "assigned_at"]
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in Status]), name="task_status_known"
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="task_progress_le_100"),
            models.CheckConstraint(
                condition=Q(status=Status.DONE, completed_on__isnull=False)
                | (~Q(status=Status.DONE) & Q(completed_on__isnull=True)),
                name="task_completed_on_iff_done",
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "status"]),
            models.Index(fields=["office", "due_date"]),
            models.Index(
                fields=["due_date"], name="task_open_due",
                condition=Q(status__in=[s.value for s in OPEN_STATUSES]),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_date < clock.today()

    @property
    def done_late(self) -> bool:
        return self.completed_on is not None and self.completed_on > self.due_date

    @property
    def state_label(self) -> str:
        """The status as a user reads it: "Quá hạn" counts before "Đang thực hiện"."""
        if self.is_overdue:
            return "Quá hạn"
        if self.done_late:
            return "Hoàn thành (trễ hạn)"
        return self.get_status_display()


class TaskAssignee(models.Model):
    """Who does the work: an organization (its head hands it down), a unit, or a person —
    in the assigning organization or another one of the office."""

    task = models.ForeignKey(Task, models.CASCADE, related_name="assignees")
    kind = models.CharField("Vai trò", max_length=10, choices=AssignmentKind.choices)
    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="task_rows", verbose_name="Cơ quan"
    )
    unit = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="task_rows",
        verbose_name="Đơn vị",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
        related_name="task_rows", verbose_name="Người thực hiện",
    )
    state = models.CharField(
        max_length=12, choices=AssignmentState.choices, default=AssignmentState.ACTIVE
    )
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField()

    class Meta:
        ordering = ["kind", "assigned_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["task"], name="task_one_lead",
                condition=Q(kind=AssignmentKind.LEAD)
                & Q(state__in=[AssignmentState.ACTIVE, AssignmentState.DONE]),
            ),
        ]
        indexes = [
            models.Index(fields=["person", "state"]),
            models.Index(fields=["unit", "state"]),
            models.Index(fields=["organization", "kind", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.label}"

    @property
    def label(self) -> str:
        parts = [self.organization.short_name]
        if self.unit:
            parts.append(self.unit.name)
        if self.person:
            parts.append(self.person.full_name)
        return " — ".join(parts)


class EventKind(models.TextChoices):
    CREATE = "create", "Giao nhiệm vụ"
    DELEGATE = "delegate", "Giao tiếp"
    SUBTASK = "subtask", "Thêm nhiệm vụ con"
    EDIT = "edit", "Sửa nhiệm vụ"
    PROGRESS = "progress", "Báo cáo tiến độ"
    REQUEST_EXTENSION = "ask_extend", "Xin gia hạn"
    APPROVE_EXTENSION = "extend", "Đồng ý gia hạn"
    REFUSE_EXTENSION = "refuse_ext", "Không đồng ý gia hạn"
    COMPLETE = "complete", "Hoàn thành"
    REOPEN = "reopen", "Mở lại"
    CANCEL = "cancel", "Hủy nhiệm vụ"
    REMIND = "remind", "Đôn đốc"
    OVERDUE = "overdue", "Quá hạn"


class TaskEvent(models.Model):
    """History of one task: every change, who made it (none: the system), when, and why."""

    task = models.ForeignKey(Task, models.CASCADE, related_name="events")
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=12, choices=EventKind.choices)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12, blank=True)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.get_kind_display()}"


class ProgressReport(models.Model):
    task = models.ForeignKey(Task, models.CASCADE, related_name="reports")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    at = models.DateTimeField()
    percent = models.PositiveSmallIntegerField("Tiến độ (%)")
    note = models.TextField("Nội dung báo cáo")

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(percent__lte=100), name="report_percent_le_100"),
        ]

    def __str__(self) -> str:
        return f"{self.percent}% {self.at:%d/%m/%Y}"


class ReportFile(models.Model):
    report = models.ForeignKey(ProgressReport, models.CASCADE, related_name="files")
    stored_file = models.ForeignKey(StoredFile, models.PROTECT, related_name="task_reports")
    filename = models.CharField("Tên tệp", max_length=255)

    def __str__(self) -> str:
        return self.filename


class Evidence(models.Model):
    """What shows the task done: a document of the office (incoming or outgoing) or a file."""

    task = models.ForeignKey(Task, models.CASCADE, related_name="evidence")
    incoming = models.ForeignKey(
        IncomingDocument, models.PROTECT, null=True, blank=True, related_name="+"
    )
    outgoing = models.ForeignKey(
        OutgoingDocument, models.PROTECT, null=True, blank=True, related_name="+"
    )
    stored_file = models.ForeignKey(
        StoredFile, models.PROTECT, null=True, blank=True, related_name="task_evidence"
    )
    filename = models.CharField(max_length=255, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(incoming__isnull=False, outgoing__isnull=True, stored_file__isnull=True)
                    | Q(incoming__isnull=True, outgoing__isnull=False, stored_file__isnull=True)
                    | Q(incoming__isnull=True, outgoing__isnull=True, stored_file__isnull=False)
                ),
                name="evidence_is_one_thing",
            ),
        ]

    def __str__(self) -> str:
        return self.filename or str(self.incoming or self.outgoing)


class ExtensionState(models.TextChoices):
    PENDING = "pending", "Chờ duyệt"
    APPROVED = "approved", "Đồng ý"
    REFUSED = "refused", "Không đồng ý"


class ExtensionRequest(models.Model):
    task = models.ForeignKey(Task, models.CASCADE, related_name="extension_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    proposed_due_date = models.DateField("Hạn đề nghị")
    reason = models.TextField("Lý do")
    state = models.CharField(
        max_length=10, choices=ExtensionState.choices, default=ExtensionState.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_due_date = models.DateField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["requested_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["task"], name="one_pending_extension",
                condition=Q(state=ExtensionState.PENDING),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_state_display()}: {self.proposed_due_date:%d/%m/%Y}"


# --- Reminders ---------------------------------------------------------------------------


class ReminderPolicy(models.Model):
    """How an organization's tasks are chased (the office's row, with no organization, is
    the default). Office practice, not law: so it is data, edited by administrators."""

    office = models.ForeignKey(Office, models.CASCADE, related_name="reminder_policies")
    organization = models.OneToOneField(
        Organization, models.CASCADE, null=True, blank=True, related_name="reminder_policy",
        verbose_name="Cơ quan",
    )
    days_before = models.PositiveSmallIntegerField(
        "Nhắc trước hạn (ngày làm việc)", default=2, help_text="0: không nhắc trước hạn."
    )
    on_due_day = models.BooleanField("Nhắc vào ngày đến hạn", default=True)
    overdue_every = models.PositiveSmallIntegerField(
        "Nhắc quá hạn mỗi (ngày làm việc)", default=3,
        help_text="0: chỉ nhắc một lần vào ngày đầu quá hạn.",
    )
    overdue_to_assigner = models.BooleanField("Báo người giao khi quá hạn", default=True)
    digest = models.BooleanField("Gửi bản tổng hợp hằng ngày", default=True)
    email = models.BooleanField("Gửi cả thư điện tử", default=True)
    send_after = models.TimeField("Gửi từ giờ", default=dt.time(7, 30))

    class Meta:
        verbose_name = "chế độ nhắc việc"
        verbose_name_plural = "chế độ nhắc việc"
        constraints = [
            models.UniqueConstraint(
                fields=["office"], name="one_office_reminder_policy",
                condition=Q(organization__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"Nhắc việc: {self.organization or self.office}"


class ReminderKind(models.TextChoices):
    BEFORE = "before", "Sắp đến hạn"
    DUE = "due", "Đến hạn hôm nay"
    OVERDUE = "overdue", "Quá hạn"
    DIGEST = "digest", "Tổng hợp hằng ngày"


class Reminder(models.Model):
    """The key that makes a reminder go out once: (task, person, kind, day) is inserted
    before anything is sent, and a second worker's insert fails. `day` is the due date for
    "before" and "due" (one per deadline: an extension arms new ones), the scheduled day
    for "overdue", the sending day for the digest."""

    task = models.ForeignKey(Task, models.CASCADE, null=True, blank=True, related_name="reminders")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=ReminderKind.choices)
    day = models.DateField()
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["task", "recipient", "kind", "day"], name="reminder_once",
                condition=Q(task__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["recipient", "kind", "day"], name="digest_once",
                condition=Q(task__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.day:%d/%m/%Y}"


# --- Work programmes -----------------------------------------------------------------------


class ProgrammeKind(models.TextChoices):
    YEAR = "year", "Năm"
    TERM = "term", "Nhiệm kỳ"
    QUARTER = "quarter", "Quý"


class ProgrammeState(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    APPROVED = "approved", "Đã duyệt"


class WorkProgramme(models.Model):
    """An organization's work programme (chương trình công tác) for a year, a quarter or a
    term: the items it plans, month by month, and who is responsible for each."""

    office = models.ForeignKey(Office, models.PROTECT, related_name="programmes")
    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="programmes", verbose_name="Cơ quan"
    )
    title = models.CharField("Tên chương trình", max_length=300)
    kind = models.CharField("Loại", max_length=8, choices=ProgrammeKind.choices,
                            default=ProgrammeKind.YEAR)
    year = models.PositiveSmallIntegerField("Năm")
    state = models.CharField(max_length=8, choices=ProgrammeState.choices,
                             default=ProgrammeState.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "organization__position", "title"]
        verbose_name = "chương trình công tác"
        verbose_name_plural = "chương trình công tác"

    def __str__(self) -> str:
        return self.title


class ItemStatus(models.TextChoices):
    PLANNED = "planned", "Chưa triển khai"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    DONE = "done", "Hoàn thành"
    POSTPONED = "postponed", "Lùi thời gian"
    DROPPED = "dropped", "Không thực hiện"


class ProgrammeItem(models.Model):
    programme = models.ForeignKey(WorkProgramme, models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(default=0)
    content = models.TextField("Nội dung công việc")
    planned_month = models.DateField("Tháng dự kiến")  # always the first of the month
    responsible_organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="+", verbose_name="Cơ quan chủ trì"
    )
    responsible_unit = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="Đơn vị chủ trì",
    )
    coordination = models.CharField("Phối hợp", max_length=300, blank=True)
    output = models.CharField("Sản phẩm", max_length=200, blank=True)
    status = models.CharField(max_length=12, choices=ItemStatus.choices,
                              default=ItemStatus.PLANNED)
    postponed_to = models.DateField("Lùi đến tháng", null=True, blank=True)
    note = models.TextField("Ghi chú", blank=True)

    class Meta:
        ordering = ["planned_month", "position", "id"]

    def __str__(self) -> str:
        return self.content[:80]

    @property
    def month(self) -> dt.date:
        return self.postponed_to or self.planned_month
