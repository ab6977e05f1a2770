"""Records (issue #7, first part): retention rules as data, each organization's yearly file
plan (Danh mục hồ sơ) with its headings, the dossiers (hồ sơ) documents are filed into —
one document may sit in several dossiers without copying a file — and closing a dossier.

Each organization is its own fonds (`Organization.archive_stream` says Party or State);
the office keeps them all. Retention is counted from the year the work ended
(rules.md §3).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from vanphong.incoming.models import IncomingDocument
from vanphong.organizations.models import ArchiveStream, Office, Organization
from vanphong.outgoing.models import OutgoingDocument


class RetentionKind(models.TextChoices):
    PERMANENT = "permanent", "Vĩnh viễn"
    YEARS = "years", "Có thời hạn (năm)"
    UNTIL_SUPERSEDED = "superseded", "Đến khi văn bản hết hiệu lực"
    EQUIPMENT = "equipment", "Theo tuổi thọ thiết bị"


class RetentionRule(models.Model):
    """One row of a retention table (TT 10/2022/TT-BNV for State bodies; the Party's own
    table for Party bodies): editable data, versioned by `valid_from`, and marked where
    the source is uncertain."""

    table = models.CharField("Bảng", max_length=10, choices=ArchiveStream.choices)
    group_code = models.CharField("Nhóm", max_length=10)
    group_title = models.CharField("Tên nhóm", max_length=200)
    title = models.CharField("Tên nhóm hồ sơ, tài liệu", max_length=500)
    kind = models.CharField("Loại thời hạn", max_length=12, choices=RetentionKind.choices)
    years = models.PositiveSmallIntegerField("Số năm", null=True, blank=True)
    legal_basis = models.CharField("Căn cứ", max_length=300)
    valid_from = models.DateField("Áp dụng từ")
    needs_verification = models.BooleanField(
        "Cần đối chiếu văn bản gốc", default=False,
        help_text="Giá trị lấy từ nguồn chưa chắc chắn; đối chiếu bảng thời hạn chính thức.",
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["table", "group_code", "position", "id"]
        verbose_name = "thời hạn bảo quản"
        verbose_name_plural = "bảng thời hạn bảo quản"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=RetentionKind.YEARS, years__gte=1)
                | (~Q(kind=RetentionKind.YEARS) & Q(years__isnull=True)),
                name="retention_years_iff_limited",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.period_label}"

    @property
    def period_label(self) -> str:
        return f"{self.years} năm" if self.kind == RetentionKind.YEARS else \
            self.get_kind_display()


class PlanState(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    APPROVED = "approved", "Đã duyệt"


class Numbering(models.TextChoices):
    CONTINUOUS = "continuous", "Liên tục trong toàn danh mục"
    PER_HEADING = "per_heading", "Bắt đầu lại từ 01 ở mỗi đề mục lớn"


class FilePlan(models.Model):
    """Danh mục hồ sơ: one per organization per year, approved by its head at the start of
    the year."""

    office = models.ForeignKey(Office, models.PROTECT, related_name="file_plans")
    organization = models.ForeignKey(Organization, models.PROTECT, related_name="file_plans",
                                     verbose_name="Cơ quan")
    year = models.PositiveSmallIntegerField("Năm")
    state = models.CharField(max_length=10, choices=PlanState.choices, default=PlanState.DRAFT)
    numbering = models.CharField("Cách đánh số hồ sơ", max_length=12,
                                 choices=Numbering.choices, default=Numbering.CONTINUOUS)
    copied_from = models.ForeignKey("self", models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True,
                                    blank=True, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "organization__position"]
        verbose_name = "danh mục hồ sơ"
        verbose_name_plural = "danh mục hồ sơ"
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="one_plan_a_year"),
        ]

    def __str__(self) -> str:
        return f"Danh mục hồ sơ năm {self.year} — {self.organization.short_name}"


class PlanHeading(models.Model):
    """A big heading (I, II… with an abbreviation used in dossier codes, e.g. "TCCB") or a
    sub-heading (1, 2…) under it."""

    plan = models.ForeignKey(FilePlan, models.CASCADE, related_name="headings")
    parent = models.ForeignKey("self", models.CASCADE, null=True, blank=True,
                               related_name="children")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField("Tên đề mục", max_length=300)
    abbreviation = models.CharField("Chữ viết tắt", max_length=20, blank=True,
                                    help_text="Dùng trong số ký hiệu hồ sơ, ví dụ TCCB.")

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class DossierState(models.TextChoices):
    OPEN = "open", "Đang lập"
    CLOSED = "closed", "Đã kết thúc"
    TRANSFERRED = "transferred", "Đã nộp lưu"
    DISPOSED = "disposed", "Đã tiêu hủy"


class Dossier(models.Model):
    """A hồ sơ: a line of the file plan and the documents filed into it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(FilePlan, models.PROTECT, related_name="dossiers")
    heading = models.ForeignKey(PlanHeading, models.PROTECT, related_name="dossiers")
    number = models.PositiveSmallIntegerField("Số thứ tự")
    code = models.CharField("Số và ký hiệu hồ sơ", max_length=20)
    title = models.CharField("Tiêu đề hồ sơ", max_length=500)
    retention_rule = models.ForeignKey(RetentionRule, models.PROTECT, null=True, blank=True,
                                       related_name="+", verbose_name="Theo bảng thời hạn")
    retention_kind = models.CharField("Thời hạn bảo quản", max_length=12,
                                      choices=RetentionKind.choices)
    retention_years = models.PositiveSmallIntegerField(null=True, blank=True)
    keeper = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="dossiers",
                               verbose_name="Người lập hồ sơ")
    note = models.CharField("Ghi chú", max_length=500, blank=True)
    state = models.CharField(max_length=12, choices=DossierState.choices,
                             default=DossierState.OPEN)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True,
                                  blank=True, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    #: The year the work ended (set at closing): retention and hand-over count from it.
    ended_year = models.PositiveSmallIntegerField("Năm kết thúc công việc", null=True,
                                                  blank=True)
    #: Set at closing: what the closer wrote, and what the review found, one point per
    #: document ({"document": "i<uuid>" | "o<uuid>", "text": …}). The closing record is
    #: built from them for each reader (`actions.closing_record`), never stored whole: its
    #: counts and points cover only the documents that reader may open.
    closing_note = models.TextField("Ghi chú khi kết thúc", blank=True)
    closing_points = models.JSONField(default=list, blank=True)
    box = models.ForeignKey("Box", models.SET_NULL, null=True, blank=True,
                            related_name="dossiers", verbose_name="Hộp (bản giấy)")
    #: A legal hold (inspection, lawsuit, complaint) blocks disposal while it stands.
    hold_reason = models.CharField("Lý do tạm giữ (không tiêu hủy)", max_length=500, blank=True)

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = "hồ sơ"
        verbose_name_plural = "hồ sơ"
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="dossier_code_once"),
            models.CheckConstraint(
                condition=Q(retention_kind=RetentionKind.YEARS, retention_years__gte=1)
                | (~Q(retention_kind=RetentionKind.YEARS) & Q(retention_years__isnull=True)),
                name="dossier_years_iff_limited",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def retention_label(self) -> str:
        if self.retention_kind == RetentionKind.YEARS:
            return f"{self.retention_years} năm"
        return self.get_retention_kind_display()

    @property
    def is_permanent(self) -> bool:
        return self.retention_kind == RetentionKind.PERMANENT


class DossierItem(models.Model):
    """A document filed into a dossier — a link, not a copy: one document may be in
    several dossiers."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="items")
    incoming = models.ForeignKey(IncomingDocument, models.PROTECT, null=True, blank=True,
                                 related_name="dossier_items")
    outgoing = models.ForeignKey(OutgoingDocument, models.PROTECT, null=True, blank=True,
                                 related_name="dossier_items")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    added_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(incoming__isnull=False, outgoing__isnull=True)
                | Q(incoming__isnull=True, outgoing__isnull=False),
                name="dossier_item_is_one_document",
            ),
            models.UniqueConstraint(fields=["dossier", "incoming"], name="incoming_filed_once",
                                    condition=Q(incoming__isnull=False)),
            models.UniqueConstraint(fields=["dossier", "outgoing"], name="outgoing_filed_once",
                                    condition=Q(outgoing__isnull=False)),
        ]

    def __str__(self) -> str:
        return str(self.document)

    @property
    def document(self) -> IncomingDocument | OutgoingDocument:
        document = self.incoming or self.outgoing
        assert document is not None
        return document


class DossierEvent(models.Model):
    """History of one dossier."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="events")
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                              related_name="+")
    kind = models.CharField(max_length=12)
    note = models.TextField(blank=True)
    #: The document a line is about (filed, taken out): shown only to those who may open it.
    incoming = models.ForeignKey(IncomingDocument, models.PROTECT, null=True, blank=True,
                                 related_name="+")
    outgoing = models.ForeignKey(OutgoingDocument, models.PROTECT, null=True, blank=True,
                                 related_name="+")

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.kind}"


# --- Transfer to the agency archive (nộp lưu) ------------------------------------------------


class TransferState(models.TextChoices):
    DRAFT = "draft", "Đang lập"
    SUBMITTED = "submitted", "Đã giao, chờ lưu trữ nhận"
    RECEIVED = "received", "Lưu trữ đã nhận"
    RETURNED = "returned", "Lưu trữ trả lại"


class Transfer(models.Model):
    """One hand-over of an organization's closed dossiers to the agency archive (lưu trữ
    cơ quan / hiện hành): its list (Mục lục hồ sơ, tài liệu nộp lưu) and its record (Biên
    bản giao nhận)."""

    office = models.ForeignKey(Office, models.PROTECT, related_name="transfers")
    organization = models.ForeignKey(Organization, models.PROTECT, related_name="transfers")
    state = models.CharField(max_length=10, choices=TransferState.choices,
                             default=TransferState.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True,
                                     blank=True, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True,
                                    blank=True, related_name="+")
    received_at = models.DateTimeField(null=True, blank=True)
    condition = models.CharField("Tình trạng tài liệu khi giao nhận", max_length=500,
                                 blank=True)
    note = models.TextField("Ghi chú", blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Nộp lưu {self.organization.short_name} {self.created_at:%d/%m/%Y}"


class TransferItem(models.Model):
    transfer = models.ForeignKey(Transfer, models.CASCADE, related_name="items")
    dossier = models.ForeignKey(Dossier, models.PROTECT, related_name="transfer_items")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["transfer", "dossier"],
                                               name="dossier_once_per_transfer")]

    def __str__(self) -> str:
        return str(self.dossier)


class TransferDelay(models.Model):
    """A dossier kept by the unit beyond its hand-over year, with the head's approval
    (at most 2 more years)."""

    dossier = models.OneToOneField(Dossier, models.CASCADE, related_name="delay")
    until_year = models.PositiveSmallIntegerField("Giữ lại đến hết năm")
    reason = models.TextField("Lý do")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    approved_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Giữ lại đến {self.until_year}"


class TransferReminder(models.Model):
    """The key that sends each "due for hand-over" reminder once (dossier, person, year)."""

    dossier = models.ForeignKey(Dossier, models.CASCADE, related_name="+")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    due_year = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["dossier", "recipient", "due_year"],
                                               name="transfer_reminder_once")]

    def __str__(self) -> str:
        return f"Nhắc nộp lưu {self.due_year}"


# --- Disposal (tiêu hủy) -------------------------------------------------------------------------


class DisposalState(models.TextChoices):
    DRAFT = "draft", "Đang lập danh mục"
    APPRAISED = "appraised", "Hội đồng đã thẩm định"
    APPROVED = "approved", "Đã được duyệt tiêu hủy"
    DONE = "done", "Đã tiêu hủy"


class Disposal(models.Model):
    """A list of dossiers past their retention, appraised by a council, approved by the
    head, then destroyed — with the record (biên bản) that keeps the trail."""

    office = models.ForeignKey(Office, models.PROTECT, related_name="disposals")
    organization = models.ForeignKey(Organization, models.PROTECT, related_name="disposals")
    state = models.CharField(max_length=10, choices=DisposalState.choices,
                             default=DisposalState.DRAFT)
    council = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+",
                                     verbose_name="Hội đồng xác định giá trị tài liệu")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    appraisal = models.TextField("Ý kiến thẩm định", blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True,
                                    blank=True, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True,
                                blank=True, related_name="+")
    done_at = models.DateTimeField(null=True, blank=True)
    method = models.CharField("Phương thức tiêu hủy", max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Tiêu hủy tài liệu {self.organization.short_name} {self.created_at:%d/%m/%Y}"


class DisposalVote(models.Model):
    disposal = models.ForeignKey(Disposal, models.CASCADE, related_name="votes")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    agrees = models.BooleanField()
    note = models.TextField(blank=True)
    at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["disposal", "member"],
                                               name="one_vote_per_member")]

    def __str__(self) -> str:
        return f"{self.member}: {'đồng ý' if self.agrees else 'không đồng ý'}"


class DisposalItem(models.Model):
    disposal = models.ForeignKey(Disposal, models.CASCADE, related_name="items")
    dossier = models.ForeignKey(Dossier, models.PROTECT, related_name="disposal_items")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["disposal", "dossier"],
                                               name="dossier_once_per_disposal")]

    def __str__(self) -> str:
        return str(self.dossier)


# --- Archival packages received from another installation ------------------------------------


class ArchivedDossier(models.Model):
    """A dossier imported from an archival package (from another installation, or this
    one's own export): its description exactly as packaged, its documents and their files.
    Read-only; exporting it again gives the same package."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    office = models.ForeignKey(Office, models.PROTECT, related_name="archived_dossiers")
    organization = models.ForeignKey(Organization, models.PROTECT, null=True, blank=True,
                                     related_name="archived_dossiers",
                                     verbose_name="Phông (nếu là cơ quan của văn phòng)")
    organ_id = models.CharField("Mã định danh cơ quan", max_length=13, blank=True)
    organ_name = models.CharField("Cơ quan lập hồ sơ", max_length=200)
    file_catalog = models.PositiveSmallIntegerField("Năm hình thành hồ sơ")
    file_notation = models.CharField("Số và ký hiệu hồ sơ", max_length=20)
    title = models.CharField("Tiêu đề hồ sơ", max_length=500)
    maintenance = models.CharField("Thời hạn bảo quản", max_length=30)
    rights = models.CharField("Chế độ sử dụng", max_length=30, blank=True)
    creator = models.CharField("Người lập hồ sơ", max_length=50, blank=True)
    language = models.CharField("Ngôn ngữ", max_length=50, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    description = models.CharField("Ghi chú", max_length=500, blank=True)
    bag_info = models.JSONField(default=dict)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    imported_at = models.DateTimeField()

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.file_notation} {self.title}"


class ArchivedDocument(models.Model):
    dossier = models.ForeignKey(ArchivedDossier, models.CASCADE, related_name="documents")
    ordinal = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10)  # incoming / outgoing
    fields = models.JSONField(default=dict)  # the §1.9 fields as packaged, tag -> text

    class Meta:
        ordering = ["ordinal"]

    def __str__(self) -> str:
        return f"{self.ordinal}. {self.fields.get('Subject', '')}"


class ArchivedFile(models.Model):
    document = models.ForeignKey(ArchivedDocument, models.CASCADE, related_name="files")
    stored_file = models.ForeignKey("files.StoredFile", models.PROTECT, related_name="+")
    name = models.CharField(max_length=255)
    path = models.CharField(max_length=300)  # inside the package, under data/
    #: Its PDF/A copy as packaged: the same path when the original is PDF/A itself, empty
    #: when none was made (`pdfa_note` says why).
    pdfa_file = models.ForeignKey("files.StoredFile", models.PROTECT, null=True, blank=True,
                                  related_name="+")
    pdfa_path = models.CharField(max_length=300, blank=True, default="")
    pdfa_note = models.CharField(max_length=300, blank=True, default="")

    class Meta:
        ordering = ["id"]  # as packaged

    def __str__(self) -> str:
        return self.name


class PdfaCopy(models.Model):
    """The PDF/A-2b copy of one stored file, made once (by Ghostscript or LibreOffice) and
    kept, so a dossier packaged twice gives the same bytes. `copy` is the file itself when it
    is PDF/A already; empty when it cannot be converted, `note` saying why."""

    source = models.OneToOneField("files.StoredFile", models.CASCADE, related_name="pdfa_copy")
    copy = models.ForeignKey("files.StoredFile", models.PROTECT, null=True, blank=True,
                             related_name="+")
    conformance = models.CharField(max_length=10, blank=True, default="")  # e.g. "2B"
    note = models.CharField(max_length=300, blank=True, default="")
    made_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"PDF/A {self.conformance or '—'} của {self.source_id}"


# --- The archive: where paper is kept, and loans of originals ------------------------------------


class Box(models.Model):
    """A box (hộp) of a fonds on a shelf: where the paper of handed-over dossiers is kept."""

    office = models.ForeignKey(Office, models.PROTECT, related_name="archive_boxes")
    organization = models.ForeignKey(Organization, models.PROTECT, related_name="archive_boxes",
                                     verbose_name="Phông")
    number = models.CharField("Số hộp", max_length=20)
    location = models.CharField("Vị trí (kho, giá, tầng)", max_length=200)

    class Meta:
        ordering = ["organization", "number"]
        constraints = [models.UniqueConstraint(fields=["organization", "number"],
                                               name="box_number_once_per_fonds")]

    def __str__(self) -> str:
        return f"Hộp {self.number} — {self.location}"


class LoanState(models.TextChoices):
    REQUESTED = "requested", "Chờ duyệt"
    APPROVED = "approved", "Đã duyệt, chờ nhận"
    REFUSED = "refused", "Không duyệt"
    LENT = "lent", "Đang mượn"
    RETURNED = "returned", "Đã trả"


class Loan(models.Model):
    """One line of the register of use of originals (Sổ sử dụng bản lưu): who borrowed which
    dossier, why, approved by whom, lent and returned when."""

    dossier = models.ForeignKey(Dossier, models.PROTECT, related_name="loans")
    borrower = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    purpose = models.CharField("Mục đích sử dụng", max_length=500)
    due_back = models.DateField("Hạn trả")
    state = models.CharField(max_length=10, choices=LoanState.choices,
                             default=LoanState.REQUESTED)
    requested_at = models.DateTimeField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True,
                                   blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(max_length=500, blank=True)
    lent_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True,
                                blank=True, related_name="+")
    lent_at = models.DateTimeField(null=True, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True,
                                    blank=True, related_name="+")
    condition = models.CharField("Tình trạng khi trả", max_length=300, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier"], name="one_open_loan_per_dossier",
                condition=Q(state__in=["requested", "approved", "lent"])),
        ]

    def __str__(self) -> str:
        return f"{self.borrower} mượn {self.dossier.code}"
