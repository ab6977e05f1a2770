"""Intake: files that arrived (upload, bulk, watched folder, e-mail, API) waiting to be read
by the pipeline and confirmed by a clerk, who registers them as incoming documents.

An `IntakeItem` is one received file and the job that reads it. Its state is what users
see (queued, working, ready, failed) and what workers claim: a worker takes an item with a
conditional UPDATE and a lease; a worker killed mid-way leaves an expired lease, and the
periodic sweep queues the item again. Each step stores its result on the item, so a
resumed job skips the steps already done.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from vanphong.files.models import StoredFile
from vanphong.organizations.models import Office


class Source(models.TextChoices):
    UPLOAD = "upload", "Tải lên"
    FOLDER = "folder", "Thư mục theo dõi"
    EMAIL = "email", "Thư điện tử"
    API = "api", "Tích hợp (API)"


class Batch(models.Model):
    """Files received together (one bulk upload, one folder scan, one e-mail): the unit
    of the progress bar."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    office = models.ForeignKey(Office, models.PROTECT, related_name="intake_batches")
    source = models.CharField("Nguồn", max_length=10, choices=Source.choices)
    label = models.CharField("Mô tả", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = "lô tiếp nhận"
        verbose_name_plural = "lô tiếp nhận"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.label or f"{self.get_source_display()} {self.created_at:%d/%m/%Y %H:%M}"


class ItemState(models.TextChoices):
    QUEUED = "queued", "Chờ xử lý"
    WORKING = "working", "Đang đọc"
    READY = "ready", "Chờ xác nhận"
    FAILED = "failed", "Lỗi"
    REGISTERED = "registered", "Đã vào sổ"
    DISCARDED = "discarded", "Đã bỏ"


#: States in which the pipeline has finished with the item.
PROCESSED_STATES = (ItemState.READY, ItemState.REGISTERED, ItemState.DISCARDED)
#: States the clerk's queue shows.
OPEN_STATES = (ItemState.QUEUED, ItemState.WORKING, ItemState.READY, ItemState.FAILED)


class IntakeItem(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    office = models.ForeignKey(Office, models.PROTECT, related_name="intake_items")
    batch = models.ForeignKey(Batch, models.SET_NULL, null=True, blank=True, related_name="items")
    source = models.CharField("Nguồn", max_length=10, choices=Source.choices)
    original = models.ForeignKey(
        StoredFile, models.PROTECT, related_name="intake_items", verbose_name="Tệp gốc"
    )
    filename = models.CharField("Tên tệp", max_length=255)
    sender = models.CharField("Người gửi", max_length=300, blank=True)
    mail_subject = models.CharField("Tiêu đề thư", max_length=500, blank=True)
    received_at = models.DateTimeField("Thời điểm nhận")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )

    # The job.
    state = models.CharField(
        "Trạng thái", max_length=12, choices=ItemState.choices, default=ItemState.QUEUED
    )
    step = models.CharField("Bước", max_length=20, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    lease_until = models.DateTimeField(null=True, blank=True)
    #: Set by each claim: a worker writes to the item only while its token is there.
    lease_token = models.UUIDField(null=True, blank=True, editable=False)
    error = models.TextField("Lỗi", blank=True)
    queued_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    timings = models.JSONField(default=dict, blank=True)

    # Step results.
    page_count = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    text_source = models.CharField(max_length=10, blank=True)
    layout = models.JSONField(default=dict, blank=True)
    searchable = models.ForeignKey(
        StoredFile,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Bản PDF tìm kiếm được",
    )
    preview = models.ForeignKey(StoredFile, models.PROTECT, null=True, blank=True, related_name="+")
    proposal = models.JSONField(default=dict, blank=True)
    duplicates = models.JSONField(default=list, blank=True)
    suggestion = models.JSONField(default=dict, blank=True)
    extracted_at = models.DateTimeField(null=True, blank=True)

    # The clerk's decision.
    receipt = models.ForeignKey(
        "incoming.Receipt", models.PROTECT, null=True, blank=True, related_name="intake_items"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    discard_reason = models.CharField("Lý do bỏ", max_length=300, blank=True)

    class Meta:
        verbose_name = "văn bản tiếp nhận"
        verbose_name_plural = "văn bản tiếp nhận"
        ordering = ["-received_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=[s.value for s in ItemState]), name="intake_state_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["office", "state", "-received_at"]),
            models.Index(fields=["state", "lease_until"]),
        ]

    def __str__(self) -> str:
        return self.filename

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_processed(self) -> bool:
        return self.state in PROCESSED_STATES


class Correction(models.Model):
    """What the pipeline proposed for one field and what the clerk registered: kept for
    every field of every registered item, so accuracy in real use can be measured."""

    item = models.ForeignKey(IntakeItem, models.CASCADE, related_name="corrections")
    field = models.CharField(max_length=30)
    proposed = models.TextField(blank=True)
    confidence = models.FloatField(default=0.0)
    final = models.TextField(blank=True)
    changed = models.BooleanField()
    text_source = models.CharField(max_length=10, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["field", "changed"])]

    def __str__(self) -> str:
        return f"{self.field}: {self.proposed!r} → {self.final!r}"


class Security(models.TextChoices):
    SSL = "ssl", "SSL/TLS"
    STARTTLS = "starttls", "STARTTLS"
    NONE = "none", "Không mã hoá (chỉ mạng nội bộ)"


class Mailbox(models.Model):
    """An IMAP mailbox the office reads documents from."""

    office = models.ForeignKey(Office, models.PROTECT, related_name="mailboxes")
    name = models.CharField("Tên hộp thư", max_length=100)
    host = models.CharField("Máy chủ IMAP", max_length=200)
    port = models.PositiveIntegerField("Cổng", default=993)
    security = models.CharField(
        "Bảo mật", max_length=10, choices=Security.choices, default=Security.SSL
    )
    username = models.CharField("Tài khoản", max_length=200)
    password = models.CharField("Mật khẩu", max_length=200)
    folder = models.CharField("Thư mục", max_length=200, default="INBOX")
    is_active = models.BooleanField("Đang dùng", default=True)
    last_checked_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = "hộp thư nhận văn bản"
        verbose_name_plural = "hộp thư nhận văn bản"
        ordering = ["office", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.username}@{self.host})"

    def unreadable_messages(self) -> list[MailMessage]:
        """The latest messages of this mailbox that could not be read (the mailbox page)."""
        return list(MailMessage.objects.filter(mailbox=self).unreadable())


class MailMessageQuerySet(models.QuerySet["MailMessage"]):
    def unreadable(self, limit: int = 20) -> MailMessageQuerySet:
        """The latest messages that could not be read, with their reasons: what the
        mailbox page shows the administrator and the intake queue the clerks."""
        return self.exclude(error="").select_related("mailbox").order_by("-read_at")[:limit]


class MailMessage(models.Model):
    """One message read from a mailbox. The unique key makes a message processed once,
    whatever the number of workers and however often the mailbox is read."""

    mailbox = models.ForeignKey(Mailbox, models.CASCADE, related_name="messages")
    uidvalidity = models.BigIntegerField()
    uid = models.BigIntegerField()
    message_id = models.CharField(max_length=300, blank=True)
    sender = models.CharField(max_length=300, blank=True)
    subject = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField()
    attachments = models.PositiveSmallIntegerField(default=0)
    note = models.CharField(max_length=300, blank=True)
    #: Why the message could not be read (too deep, too many parts, too large, broken):
    #: such a message is recorded so that the mailbox moves on, and flagged on the server.
    error = models.CharField("Lý do không đọc được", max_length=300, blank=True)

    objects = MailMessageQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["mailbox", "uidvalidity", "uid"], name="mail_message_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.sender}: {self.subject}"


class RoutingModel(models.Model):
    """A routing model trained on an office's registered documents. `data` holds the
    learned vocabulary and coefficients as a NumPy .npz archive of plain arrays, read
    with allow_pickle=False: the database never holds code (no pickle)."""

    office = models.ForeignKey(Office, models.CASCADE, related_name="routing_models")
    trained_at = models.DateTimeField()
    decisions = models.PositiveIntegerField("Số quyết định đã học")
    accuracy = models.FloatField("Độ chính xác (kiểm tra chéo)", null=True, blank=True)
    data = models.BinaryField()

    class Meta:
        ordering = ["-trained_at"]

    def __str__(self) -> str:
        return f"{self.office} {self.trained_at:%d/%m/%Y %H:%M}"
