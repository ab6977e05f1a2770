"""Outgoing documents: a draft written for one member organization, reviewed along its
organization's chain, signed by someone with authority, numbered and issued by the
clerk, and distributed — inside the installation as incoming documents, outside by
e-mail or on paper. Every step is kept as history.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from vanphong.files.models import StoredFile
from vanphong.incoming.models import IncomingDocument
from vanphong.organizations.models import DocumentStyle, Office, Organization, Unit
from vanphong.registers.models import DocumentType, Register, Secrecy, Urgency

USER = settings.AUTH_USER_MODEL


class Template(models.Model):
    """A drafting template: the body skeleton for one document type in one style.

    The layout (header, signature block, "Nơi nhận") is built by the rules of the style
    (`layout.py`); the template gives the text a drafter starts from. `organization`
    empty = every organization writing in that style.
    """

    style = models.CharField("Thể thức", max_length=10, choices=DocumentStyle.choices)
    organization = models.ForeignKey(
        Organization, models.CASCADE, null=True, blank=True, related_name="templates",
        verbose_name="Riêng cho cơ quan",
    )
    document_type = models.ForeignKey(
        DocumentType, models.CASCADE, related_name="templates", verbose_name="Loại văn bản"
    )
    name = models.CharField("Tên mẫu", max_length=150)
    body = models.TextField(
        "Nội dung mẫu", help_text="Các đoạn cách nhau bằng một dòng trống."
    )
    is_active = models.BooleanField("Đang dùng", default=True)

    class Meta:
        verbose_name = "mẫu văn bản"
        verbose_name_plural = "mẫu văn bản"
        ordering = ["style", "document_type__position", "name"]

    def __str__(self) -> str:
        return self.name


class Correspondent(models.Model):
    """An organization outside the installation the office writes to (address book)."""

    office = models.ForeignKey(Office, models.CASCADE, related_name="correspondents")
    name = models.CharField("Tên cơ quan, tổ chức", max_length=200)
    email = models.EmailField("Thư điện tử", blank=True)
    organ_id = models.CharField("Mã định danh", max_length=13, blank=True)
    address = models.CharField("Địa chỉ", max_length=255, blank=True)
    is_active = models.BooleanField("Đang dùng", default=True)

    class Meta:
        verbose_name = "nơi nhận ngoài"
        verbose_name_plural = "nơi nhận ngoài"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ReviewChain(models.Model):
    """Which reviews a draft needs before the signer, per organization and (optionally)
    document type. The steps always run in the order unit head → leader in charge →
    office format check → signer; a missing chain means signer only."""

    organization = models.ForeignKey(
        Organization, models.CASCADE, related_name="review_chains", verbose_name="Cơ quan"
    )
    document_type = models.ForeignKey(
        DocumentType, models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name="Loại văn bản", help_text="Để trống: áp dụng cho mọi loại còn lại.",
    )
    unit_head = models.BooleanField("Trưởng đơn vị soạn thảo duyệt", default=True)
    leader = models.BooleanField("Lãnh đạo phụ trách cho ý kiến", default=False)
    office_check = models.BooleanField("Văn phòng kiểm tra thể thức", default=True)

    class Meta:
        verbose_name = "quy trình duyệt"
        verbose_name_plural = "quy trình duyệt"
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "document_type"], name="review_chain_unique"
            ),
            models.UniqueConstraint(
                fields=["organization"], condition=Q(document_type__isnull=True),
                name="review_chain_one_default",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization.short_name} — {self.document_type or 'mọi loại'}"


class Capacity(models.TextChoices):
    """Signing capacity (thẩm quyền ký), ND30 Phụ lục I §II.7 and Party practice."""

    DIRECT = "direct", "Ký trực tiếp"
    COLLECTIVE = "tm", "Thay mặt tập thể (TM.)"
    ON_BEHALF = "kt", "Ký thay người đứng đầu (KT.)"
    BY_ORDER = "tl", "Thừa lệnh (TL.)"
    BY_AUTHORITY = "tuq", "Thừa ủy quyền (TUQ.)"


class DelegationKind(models.TextChoices):
    BY_ORDER = "tl", "Thừa lệnh (TL.)"
    BY_AUTHORITY = "tuq", "Thừa ủy quyền (TUQ.)"


class Delegation(models.Model):
    """A recorded delegation letting `delegate` sign TL./TUQ. for the head."""

    organization = models.ForeignKey(
        Organization, models.CASCADE, related_name="delegations", verbose_name="Cơ quan"
    )
    kind = models.CharField("Hình thức", max_length=5, choices=DelegationKind.choices)
    delegate = models.ForeignKey(
        USER, models.PROTECT, related_name="delegations", verbose_name="Người được giao ký"
    )
    document_types = models.ManyToManyField(
        DocumentType, blank=True, related_name="+", verbose_name="Loại văn bản",
        help_text="Để trống: mọi loại văn bản.",
    )
    valid_from = models.DateField("Từ ngày")
    valid_to = models.DateField("Đến ngày")
    basis = models.CharField(
        "Căn cứ", max_length=300, help_text="Văn bản giao ký hoặc ủy quyền (số, ngày, trích yếu)."
    )
    created_by = models.ForeignKey(USER, models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = "giao ký, ủy quyền ký"
        verbose_name_plural = "giao ký, ủy quyền ký"
        ordering = ["organization", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__gte=models.F("valid_from")), name="delegation_dates_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.delegate} ({self.valid_from:%d/%m/%Y}–" \
               f"{self.valid_to:%d/%m/%Y})"


class Status(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    IN_REVIEW = "in_review", "Đang trình duyệt"
    RETURNED = "returned", "Trả lại để sửa"
    SIGNED = "signed", "Đã ký, chờ phát hành"
    ISSUED = "issued", "Đã phát hành"
    RECALLED = "recalled", "Đã thu hồi"
    REPLACED = "replaced", "Đã bị thay thế"
    WITHDRAWN = "withdrawn", "Đã hủy dự thảo"


#: Allowed moves: (from, to) -> the event kinds that may make them.
TRANSITIONS: dict[tuple[str, str], set[str]] = {
    (Status.DRAFT, Status.IN_REVIEW): {"submit"},
    (Status.DRAFT, Status.SIGNED): {"sign"},  # signed on paper, recorded by the clerk
    (Status.RETURNED, Status.IN_REVIEW): {"submit"},
    (Status.IN_REVIEW, Status.IN_REVIEW): {"approve"},
    (Status.IN_REVIEW, Status.RETURNED): {"return"},
    (Status.IN_REVIEW, Status.SIGNED): {"sign"},
    (Status.SIGNED, Status.RETURNED): {"return"},
    (Status.DRAFT, Status.WITHDRAWN): {"withdraw"},
    (Status.IN_REVIEW, Status.WITHDRAWN): {"withdraw"},
    (Status.RETURNED, Status.WITHDRAWN): {"withdraw"},
    (Status.SIGNED, Status.ISSUED): {"issue"},
    (Status.ISSUED, Status.RECALLED): {"recall"},
    (Status.ISSUED, Status.REPLACED): {"replace"},
}

EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)
DONE_STATUSES = (Status.ISSUED, Status.RECALLED, Status.REPLACED)


class FinalState(models.TextChoices):
    """The background production of the final .docx/PDF after issuing."""

    NONE = "", "—"
    PENDING = "pending", "Đang chờ tạo bản phát hành"
    DONE = "done", "Đã tạo bản phát hành"
    FAILED = "failed", "Lỗi khi tạo bản phát hành"


class OutgoingDocument(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    office = models.ForeignKey(Office, models.PROTECT, related_name="outgoing_documents")
    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="outgoing_documents", verbose_name="Cơ quan"
    )
    document_type = models.ForeignKey(
        DocumentType, models.PROTECT, related_name="+", verbose_name="Loại văn bản"
    )
    template = models.ForeignKey(
        Template, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="Mẫu"
    )
    subject = models.CharField("Trích yếu", max_length=500)
    body = models.TextField("Nội dung", blank=True)
    addressees = models.TextField("Kính gửi", blank=True)
    urgency = models.PositiveSmallIntegerField(
        "Độ khẩn", choices=Urgency.choices, default=Urgency.NORMAL
    )
    secrecy = models.PositiveSmallIntegerField(
        "Độ mật", choices=Secrecy.choices, default=Secrecy.NONE
    )
    copies = models.PositiveSmallIntegerField("Số lượng bản", default=1)
    drafting_unit = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="Đơn vị soạn thảo",
    )
    drafter = models.ForeignKey(USER, models.PROTECT, related_name="drafts",
                                verbose_name="Người soạn thảo")
    signer = models.ForeignKey(USER, models.PROTECT, null=True, blank=True,
                               related_name="documents_to_sign", verbose_name="Người ký")
    capacity = models.CharField("Thẩm quyền ký", max_length=10, choices=Capacity.choices,
                                default=Capacity.DIRECT)
    answers = models.ManyToManyField(
        IncomingDocument, blank=True, related_name="replies", verbose_name="Trả lời văn bản đến"
    )
    replaces = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="replaced_by",
        verbose_name="Thay thế văn bản",
    )
    corrects = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="corrections",
        verbose_name="Đính chính văn bản",
    )
    body_file = models.ForeignKey(
        StoredFile, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="Tệp dự thảo",
    )
    version = models.PositiveIntegerField("Phiên bản", default=0)
    status = models.CharField("Trạng thái", max_length=12, choices=Status.choices,
                              default=Status.DRAFT)
    signed_at = models.DateTimeField("Thời điểm ký", null=True, blank=True)
    signed_on_paper = models.BooleanField("Ký trên giấy", default=False)
    register = models.ForeignKey(Register, models.PROTECT, null=True, blank=True,
                                 related_name="outgoing_documents")
    period_key = models.CharField(max_length=30, blank=True)
    series_key = models.CharField(max_length=30, blank=True)
    number = models.PositiveIntegerField("Số", null=True, blank=True)
    code = models.CharField("Số, ký hiệu", max_length=50, blank=True)
    #: `vietnamese.code_key(code)`, as incoming documents keep theirs: what the lists match
    #: a typed code against ("số 12/qđ-ubnd" finds 12/QĐ-UBND).
    code_key = models.CharField(max_length=50, blank=True, db_index=True)
    issued_date = models.DateField("Ngày ban hành", null=True, blank=True)
    issued_at = models.DateTimeField("Thời điểm phát hành", null=True, blank=True)
    issued_by = models.ForeignKey(USER, models.PROTECT, null=True, blank=True, related_name="+",
                                  verbose_name="Văn thư phát hành")
    issued_late = models.BooleanField("Phát hành muộn", default=False)
    paper_copies = models.BooleanField("Phát hành bản giấy", default=False)
    final_state = models.CharField(max_length=10, choices=FinalState.choices, blank=True,
                                   default=FinalState.NONE)
    final_error = models.CharField(max_length=500, blank=True)
    final_docx = models.ForeignKey(StoredFile, models.PROTECT, null=True, blank=True,
                                   related_name="+")
    final_pdf = models.ForeignKey(StoredFile, models.PROTECT, null=True, blank=True,
                                  related_name="+")
    end_note = models.CharField("Lý do thu hồi, thay thế", max_length=500, blank=True)
    created_at = models.DateTimeField("Ngày tạo")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "văn bản đi"
        verbose_name_plural = "văn bản đi"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["register", "period_key", "series_key", "number"],
                condition=Q(number__isnull=False), name="outgoing_number_unique",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in Status]), name="outgoing_status_valid"
            ),
            models.CheckConstraint(condition=Q(urgency__lte=4), name="outgoing_urgency_valid"),
            models.CheckConstraint(condition=Q(secrecy__lte=3), name="outgoing_secrecy_valid"),
        ]
        indexes = [
            models.Index(fields=["organization", "status"]),
            models.Index(fields=["office", "status"]),
            models.Index(fields=["office", "-issued_date"]),
            models.Index(fields=["drafter", "status"]),
        ]

    def __str__(self) -> str:
        return self.code or f"Dự thảo: {self.subject[:60]}"

    @property
    def is_secret(self) -> bool:
        return self.secrecy > Secrecy.NONE

    @property
    def is_urgent(self) -> bool:
        return self.urgency >= Urgency.URGENT

    @property
    def is_letter(self) -> bool:
        """Công văn: no type name printed; subject written "V/v ..."."""
        return self.document_type.name == "Công văn"

    @property
    def written_subject(self) -> str:
        """The subject as written on the document and registered: "V/v …" for a công
        văn (rules.md §1.3 ô 5b), the subject itself otherwise."""
        return f"V/v {self.subject}" if self.is_letter else self.subject

    @property
    def title(self) -> str:
        """What the document is now: "Công văn số 12/UBND-VHXH: V/v …" once numbered,
        "Dự thảo công văn: V/v …" before."""
        kind = self.document_type.name
        if self.code:
            return f"{kind} số {self.code}: {self.written_subject}"
        return f"Dự thảo {kind.lower()}: {self.written_subject}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


class OutgoingAttachment(models.Model):
    """An appendix or enclosure issued with the document."""

    document = models.ForeignKey(OutgoingDocument, models.CASCADE, related_name="attachments")
    stored_file = models.ForeignKey(StoredFile, models.PROTECT, related_name="+")
    filename = models.CharField("Tên tệp", max_length=255)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.filename


class Version(models.Model):
    """One saved state of the draft: its .docx and the text used to compare versions."""

    document = models.ForeignKey(OutgoingDocument, models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    stored_file = models.ForeignKey(StoredFile, models.PROTECT, related_name="+")
    filename = models.CharField(max_length=255)
    text = models.TextField(blank=True)
    author = models.ForeignKey(USER, models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="version_unique"),
        ]

    def __str__(self) -> str:
        return f"Phiên bản {self.number}"


class RecipientKind(models.TextChoices):
    INTERNAL = "internal", "Cơ quan trong văn phòng"
    CORRESPONDENT = "correspondent", "Cơ quan đã biết"
    ADDRESS = "address", "Địa chỉ khác"


class DeliveryState(models.TextChoices):
    WAITING = "waiting", "Chờ phát hành"
    PENDING = "pending", "Đang gửi"
    DELIVERED = "delivered", "Đã gửi"
    FAILED = "failed", "Gửi lỗi"
    PAPER = "paper", "Gửi bản giấy"
    RECALLED = "recalled", "Đã thu hồi"


class Recipient(models.Model):
    """One "Nơi nhận". Internal ones receive an incoming document in their own register;
    those with an e-mail address get the PDF by mail (tracked and retried); the rest
    are sent on paper."""

    document = models.ForeignKey(OutgoingDocument, models.CASCADE, related_name="recipients")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=15, choices=RecipientKind.choices)
    organization = models.ForeignKey(Organization, models.PROTECT, null=True, blank=True,
                                     related_name="+")
    correspondent = models.ForeignKey(Correspondent, models.PROTECT, null=True, blank=True,
                                      related_name="+")
    name = models.CharField("Tên nơi nhận", max_length=200)
    email = models.EmailField("Thư điện tử", blank=True)
    state = models.CharField(max_length=10, choices=DeliveryState.choices,
                             default=DeliveryState.WAITING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    incoming = models.ForeignKey(IncomingDocument, models.SET_NULL, null=True, blank=True,
                                 related_name="+")

    class Meta:
        ordering = ["document", "position", "id"]
        indexes = [
            models.Index(fields=["next_attempt_at"], condition=Q(state="pending"),
                         name="recipient_due_mail"),
        ]

    def __str__(self) -> str:
        return self.name


class ReviewKind(models.TextChoices):
    UNIT_HEAD = "unit_head", "Trưởng đơn vị duyệt"
    LEADER = "leader", "Lãnh đạo phụ trách cho ý kiến"
    OFFICE_CHECK = "office_check", "Văn phòng kiểm tra thể thức"
    SIGN = "sign", "Ký ban hành"


class ReviewState(models.TextChoices):
    WAITING = "waiting", "Chưa đến lượt"
    PENDING = "pending", "Đang chờ"
    APPROVED = "approved", "Đồng ý"
    RETURNED = "returned", "Trả lại"
    SKIPPED = "skipped", "Bỏ qua"
    CANCELLED = "cancelled", "Đã hủy"


class Review(models.Model):
    """One step of one submission round. `reviewer` empty = any office lead or clerk
    (the office format check)."""

    document = models.ForeignKey(OutgoingDocument, models.CASCADE, related_name="reviews")
    round = models.PositiveSmallIntegerField()
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=15, choices=ReviewKind.choices)
    reviewer = models.ForeignKey(USER, models.PROTECT, null=True, blank=True, related_name="+")
    state = models.CharField(max_length=10, choices=ReviewState.choices,
                             default=ReviewState.WAITING)
    decided_by = models.ForeignKey(USER, models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["document", "round", "position"]
        indexes = [models.Index(fields=["reviewer", "state"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_state_display()})"


class Comment(models.Model):
    document = models.ForeignKey(OutgoingDocument, models.CASCADE, related_name="comments")
    author = models.ForeignKey(USER, models.PROTECT, related_name="+")
    at = models.DateTimeField()
    text = models.TextField()
    version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class ReservationState(models.TextChoices):
    RESERVED = "reserved", "Đang giữ"
    USED = "used", "Đã dùng"
    RELEASED = "released", "Đã hủy giữ số"


class NumberReservation(models.Model):
    """A number taken from a register's series ahead of issuing (giữ số). Released
    numbers stay on record with their reason so the series has no silent gap."""

    register = models.ForeignKey(Register, models.PROTECT, related_name="reservations")
    period_key = models.CharField(max_length=30)
    series_key = models.CharField(max_length=30, blank=True)
    number = models.PositiveIntegerField("Số")
    document_type = models.ForeignKey(DocumentType, models.PROTECT, null=True, blank=True,
                                      related_name="+", verbose_name="Loại văn bản")
    secret = models.BooleanField(default=False)
    reason = models.CharField("Lý do giữ số", max_length=300)
    state = models.CharField(max_length=10, choices=ReservationState.choices,
                             default=ReservationState.RESERVED)
    reserved_by = models.ForeignKey(USER, models.PROTECT, related_name="+")
    reserved_at = models.DateTimeField()
    released_reason = models.CharField("Lý do hủy", max_length=300, blank=True)
    document = models.ForeignKey(OutgoingDocument, models.SET_NULL, null=True, blank=True,
                                 related_name="+")

    class Meta:
        ordering = ["register", "period_key", "series_key", "number"]
        constraints = [
            models.UniqueConstraint(fields=["register", "period_key", "series_key", "number"],
                                    name="reservation_unique"),
        ]

    def __str__(self) -> str:
        return f"Giữ số {self.number:02d} — {self.register}"


class EventKind(models.TextChoices):
    CREATE = "create", "Tạo dự thảo"
    EDIT = "edit", "Sửa dự thảo"
    SUBMIT = "submit", "Trình duyệt"
    APPROVE = "approve", "Đồng ý"
    RETURN = "return", "Trả lại"
    SIGN = "sign", "Ký ban hành"
    WITHDRAW = "withdraw", "Hủy dự thảo"
    COMMENT = "comment", "Góp ý"
    ISSUE = "issue", "Cấp số, phát hành"
    FINALIZE = "finalize", "Tạo bản phát hành"
    DELIVER = "deliver", "Gửi văn bản"
    RECALL = "recall", "Thu hồi"
    REPLACE = "replace", "Bị thay thế"
    CORRECT = "correct", "Đính chính"


class OutgoingEvent(models.Model):
    """History of one document; also the outbox of status messages to recipients."""

    document = models.ForeignKey(OutgoingDocument, models.CASCADE, related_name="events")
    at = models.DateTimeField()
    actor = models.ForeignKey(USER, models.PROTECT, null=True, blank=True, related_name="+")
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
    def to_label(self) -> str:
        return Status(self.to_status).label if self.to_status else ""
