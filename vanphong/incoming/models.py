"""Incoming documents: receipt, registration per organization, routing, instruction,
handling, with every step kept as history.

One `Receipt` is what arrived (files, paper original, channel). It is registered once
per member organization it is addressed to: one `IncomingDocument` each, with its own
register and arrival number, all sharing the receipt's files.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from vanphong import clock
from vanphong.files.models import StoredFile
from vanphong.organizations.models import Office, Organization, Unit
from vanphong.registers.models import DocumentType, Register, Secrecy, Urgency


class Channel(models.TextChoices):
    PAPER = "paper", "Bản giấy"
    UPLOAD = "upload", "Tệp điện tử"
    EMAIL = "email", "Thư điện tử"
    API = "api", "Tích hợp (API)"
    INTERNAL = "internal", "Nội bộ văn phòng"


class Receipt(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    office = models.ForeignKey(Office, models.PROTECT, related_name="receipts")
    channel = models.CharField("Hình thức nhận", max_length=10, choices=Channel.choices)
    has_paper_original = models.BooleanField("Có bản giấy", default=False)
    received_at = models.DateTimeField("Thời điểm nhận")
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="Người nhận"
    )

    class Meta:
        verbose_name = "lần tiếp nhận"
        verbose_name_plural = "lần tiếp nhận"

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.received_at:%d/%m/%Y %H:%M}"


class Attachment(models.Model):
    receipt = models.ForeignKey(Receipt, models.CASCADE, related_name="attachments")
    stored_file = models.ForeignKey(StoredFile, models.PROTECT, related_name="attachments")
    filename = models.CharField("Tên tệp", max_length=255)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.filename


class Status(models.TextChoices):
    """Processing state; `EDXML_CODES` gives the QCVN 102 status code reported to senders."""

    REGISTERED = "registered", "Đã vào sổ"
    ROUTED = "routed", "Chờ chỉ đạo"
    ASSIGNED = "assigned", "Đã phân công"
    IN_PROGRESS = "in_progress", "Đang xử lý"
    DONE = "done", "Hoàn thành"
    WITHDRAWN = "withdrawn", "Bị thu hồi"


EDXML_CODES = {
    Status.REGISTERED: "03",
    Status.ROUTED: "03",
    Status.ASSIGNED: "04",
    Status.IN_PROGRESS: "05",
    Status.DONE: "06",
    Status.WITHDRAWN: "13",
}

#: Allowed moves: (from, to) -> the event kinds that may make them.
TRANSITIONS: dict[tuple[str, str], set[str]] = {
    (Status.REGISTERED, Status.ROUTED): {"route"},
    (Status.ROUTED, Status.ROUTED): {"route"},
    (Status.ROUTED, Status.ASSIGNED): {"instruct"},
    (Status.ROUTED, Status.REGISTERED): {"return"},
    (Status.ASSIGNED, Status.ASSIGNED): {"reassign", "instruct"},
    (Status.ASSIGNED, Status.IN_PROGRESS): {"progress"},
    (Status.ASSIGNED, Status.DONE): {"complete"},
    (Status.ASSIGNED, Status.ROUTED): {"return"},
    (Status.IN_PROGRESS, Status.IN_PROGRESS): {"progress", "reassign", "instruct"},
    (Status.IN_PROGRESS, Status.DONE): {"complete"},
    (Status.IN_PROGRESS, Status.ROUTED): {"return"},
    (Status.DONE, Status.IN_PROGRESS): {"reopen"},
}
OPEN_STATUSES = (Status.REGISTERED, Status.ROUTED, Status.ASSIGNED, Status.IN_PROGRESS)
# Answered by an outgoing document of the same office: closes from any open state.
for _open in OPEN_STATUSES:
    TRANSITIONS.setdefault((_open, Status.DONE), set()).add("reply")
# The sender recalled the document (rules.md §1.6): from any state but withdrawn.
for _any in (*OPEN_STATUSES, Status.DONE):
    TRANSITIONS[(_any, Status.WITHDRAWN)] = {"withdraw"}


class IncomingDocument(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    office = models.ForeignKey(Office, models.PROTECT, related_name="incoming_documents")
    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="incoming_documents", verbose_name="Cơ quan"
    )
    register = models.ForeignKey(Register, models.PROTECT, related_name="incoming_documents")
    receipt = models.ForeignKey(Receipt, models.PROTECT, related_name="documents")
    period_key = models.CharField(max_length=30)
    series_key = models.CharField(max_length=30, blank=True)
    arrival_number = models.PositiveIntegerField("Số đến")
    arrival_at = models.DateTimeField("Ngày đến")
    issuer = models.CharField("Cơ quan ban hành", max_length=200)
    issuer_key = models.CharField(max_length=200, blank=True)
    code = models.CharField("Số, ký hiệu", max_length=50, blank=True)
    code_number = models.CharField("Số", max_length=11, blank=True)
    code_notation = models.CharField("Ký hiệu", max_length=30, blank=True)
    code_key = models.CharField(max_length=50, blank=True, db_index=True)
    issued_date = models.DateField("Ngày văn bản")
    document_type = models.ForeignKey(
        DocumentType, models.PROTECT, null=True, blank=True, verbose_name="Loại văn bản"
    )
    subject = models.CharField("Trích yếu", max_length=500)
    signer_name = models.CharField("Người ký", max_length=50, blank=True)
    signer_position = models.CharField("Chức vụ người ký", max_length=100, blank=True)
    reply_due = models.DateField("Hạn trả lời", null=True, blank=True)
    recipients = models.CharField("Nơi nhận", max_length=1000, blank=True)
    pages = models.PositiveIntegerField("Số trang", null=True, blank=True)
    urgency = models.PositiveSmallIntegerField(
        "Độ khẩn", choices=Urgency.choices, default=Urgency.NORMAL
    )
    secrecy = models.PositiveSmallIntegerField(
        "Độ mật", choices=Secrecy.choices, default=Secrecy.NONE
    )
    note = models.CharField("Ghi chú", max_length=500, blank=True)
    status = models.CharField(
        "Trạng thái", max_length=12, choices=Status.choices, default=Status.REGISTERED
    )
    deadline = models.DateField("Hạn xử lý", null=True, blank=True)
    handed_over_at = models.DateTimeField("Ngày chuyển", null=True, blank=True)
    completed_at = models.DateTimeField("Ngày hoàn thành", null=True, blank=True)
    result = models.TextField("Kết quả xử lý", blank=True)
    reply_code = models.CharField("Số, ký hiệu văn bản trả lời", max_length=50, blank=True)
    #: The "Trả lại" that sent the document back to where it is now; cleared by the next
    #: step forward, so a returned document stands out until someone acts on it.
    return_event = models.ForeignKey(
        "IncomingEvent",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Lần trả lại",
    )
    secret_readers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="secret_incoming",
        verbose_name="Người được xem văn bản mật",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="Người vào sổ"
    )
    created_at = models.DateTimeField("Thời điểm vào sổ")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "văn bản đến"
        verbose_name_plural = "văn bản đến"
        ordering = ["-arrival_at", "-arrival_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["register", "period_key", "series_key", "arrival_number"],
                name="incoming_number_unique",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in Status]), name="incoming_status_valid"
            ),
            models.CheckConstraint(condition=Q(urgency__lte=4), name="incoming_urgency_valid"),
            models.CheckConstraint(condition=Q(secrecy__lte=3), name="incoming_secrecy_valid"),
        ]
        indexes = [
            models.Index(fields=["organization", "status"]),
            models.Index(fields=["office", "-arrival_at"]),
            models.Index(
                fields=["deadline"], condition=~Q(status="done"), name="incoming_open_deadline"
            ),
            models.Index(fields=["issuer_key", "issued_date"]),
        ]

    def __str__(self) -> str:
        return f"Số đến {self.arrival_number} — {self.code or self.subject[:40]}"

    @property
    def edxml_status(self) -> str:
        return EDXML_CODES[Status(self.status)]

    @property
    def is_urgent(self) -> bool:
        return self.urgency >= Urgency.URGENT

    @property
    def is_secret(self) -> bool:
        return self.secrecy > Secrecy.NONE

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: dt.date | None = None) -> bool:
        day = today or clock.today()
        return self.is_open and self.deadline is not None and self.deadline < day

    def reply_overdue(self, today: dt.date | None = None) -> bool:
        day = today or clock.today()
        return self.is_open and self.reply_due is not None and self.reply_due < day


class Routing(models.Model):
    """The clerk presented the document to this leader."""

    document = models.ForeignKey(IncomingDocument, models.CASCADE, related_name="routings")
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="routings")
    routed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    routed_at = models.DateTimeField()
    is_active = models.BooleanField(default=True)

    class Meta:
        indexes = [models.Index(fields=["leader", "is_active"])]

    def __str__(self) -> str:
        return f"Trình {self.leader} lúc {self.routed_at:%d/%m/%Y %H:%M}"


class AssignmentKind(models.TextChoices):
    LEAD = "lead", "Chủ trì"
    SUPPORT = "support", "Phối hợp"
    FOR_INFO = "for_info", "Để biết"


class AssignmentState(models.TextChoices):
    ACTIVE = "active", "Đang giao"
    REASSIGNED = "reassigned", "Đã giao lại"
    RETURNED = "returned", "Đã trả lại"
    DONE = "done", "Đã xong"
    WITHDRAWN = "withdrawn", "Đã thu hồi"


class Assignment(models.Model):
    """One handler (a person, or a unit whose head will pick a person) of a document."""

    document = models.ForeignKey(IncomingDocument, models.CASCADE, related_name="assignments")
    kind = models.CharField("Vai trò", max_length=10, choices=AssignmentKind.choices)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="incoming_assignments",
        verbose_name="Người xử lý",
    )
    unit = models.ForeignKey(
        Unit,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="incoming_assignments",
        verbose_name="Đơn vị xử lý",
    )
    deadline = models.DateField("Hạn xử lý", null=True, blank=True)
    state = models.CharField(
        max_length=12, choices=AssignmentState.choices, default=AssignmentState.ACTIVE
    )
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField()
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["assigned_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(unit__isnull=False),
                name="assignment_has_handler",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "state"]),
            models.Index(fields=["unit", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.handler_label}"

    @property
    def handler_label(self) -> str:
        if self.person and self.unit:
            return f"{self.person} ({self.unit.name})"
        return str(self.person or self.unit.name)  # type: ignore[union-attr]


class Instruction(models.Model):
    """A leader's decision (bút phê): the text, with the assignments it created."""

    document = models.ForeignKey(IncomingDocument, models.CASCADE, related_name="instructions")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    text = models.TextField("Ý kiến chỉ đạo", blank=True)
    deadline = models.DateField("Hạn xử lý", null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:60]}"


class EventKind(models.TextChoices):
    REGISTER = "register", "Vào sổ"
    ROUTE = "route", "Trình lãnh đạo"
    INSTRUCT = "instruct", "Cho ý kiến chỉ đạo"
    REASSIGN = "reassign", "Giao lại trong đơn vị"
    PROGRESS = "progress", "Cập nhật tiến độ"
    COMPLETE = "complete", "Hoàn thành"
    RETURN = "return", "Trả lại"
    REOPEN = "reopen", "Mở lại"
    CORRECT = "correct", "Sửa thông tin"
    SHARE = "share", "Chia sẻ"
    REPLY = "reply", "Đã trả lời bằng văn bản đi"
    WITHDRAW = "withdraw", "Nơi gửi thu hồi văn bản"


class IncomingEvent(models.Model):
    """History of one document: who, when, what, note. Also the outbox from which
    status messages to senders (edXML) will be produced."""

    document = models.ForeignKey(IncomingDocument, models.CASCADE, related_name="events")
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=EventKind.choices)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12, blank=True)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.get_kind_display()}"

    @property
    def from_label(self) -> str:
        return Status(self.from_status).label if self.from_status else ""

    @property
    def to_label(self) -> str:
        return Status(self.to_status).label if self.to_status else ""
