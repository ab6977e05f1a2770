"""Offices, member organizations, units and the people who hold positions in them.

An installation holds one or more offices; an office serves several member
organizations, each with its own head, registers, numbering and seal. People hold
several positions at once (a Bí thư may also chair the HĐND), each with dates.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models, router
from django.db.models import Q
from django.db.models.deletion import Collector, ProtectedError, RestrictedError

from vanphong import clock


class User(AbstractUser):
    """A person who can log in. Their roles come from `Position` rows, never from flags."""

    full_name = models.CharField("Họ và tên", max_length=100)
    phone = models.CharField("Điện thoại", max_length=30, blank=True)

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def has_history(self) -> bool:
        """Does any record name this person: a document, an event, a review, an audit row,
        a file they uploaded...? Those protect them (PROTECT): a person with history is
        deactivated, never deleted. Their own posts, tokens and notices do not count."""
        collector = Collector(using=router.db_for_write(User, instance=self))
        try:
            collector.collect([self])
        except (ProtectedError, RestrictedError):
            return True
        return False


class Office(models.Model):
    """A shared administrative office ("Văn phòng dùng chung", "Cơ quan khối")."""

    name = models.CharField("Tên văn phòng", max_length=200, unique=True)
    short_name = models.CharField("Tên viết tắt", max_length=30)
    place_name = models.CharField(
        "Địa danh", max_length=100, help_text="Dùng khi ghi địa danh, ngày tháng văn bản."
    )
    address = models.CharField("Địa chỉ", max_length=255, blank=True)
    phone = models.CharField("Điện thoại", max_length=30, blank=True)
    email = models.EmailField("Thư điện tử", blank=True)

    class Meta:
        verbose_name = "văn phòng"
        verbose_name_plural = "văn phòng"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Family(models.TextChoices):
    PARTY = "party", "Đảng"
    STATE = "state", "Nhà nước"
    FRONT = "front", "MTTQ – đoàn thể"


class DocumentStyle(models.TextChoices):
    """How an organization lays out and numbers what it issues (rules.md §2.5)."""

    STATE = "state", "Kiểu Nhà nước (NĐ 30/2020)"
    PARTY = "party", "Kiểu Đảng (HD 36-HD/VPTW)"


class CollectiveSigning(models.TextChoices):
    """Whether the organization works under collective leadership (chế độ tập thể), so
    that what it issues is signed "TM." / "T/M" its collective (rules.md §1.3, §2.3).
    Which types a collective body signs that way is not settled by the rules: every type
    by default; "except letters" lets the head sign công văn in their own name."""

    ALL = "all", "Tập thể: mọi văn bản ký thay mặt tập thể (TM.)"
    EXCEPT_LETTERS = "except_letters", "Tập thể, trừ công văn (công văn ký trực tiếp hoặc KT.)"
    NONE = "none", "Thủ trưởng: người đứng đầu ký trực tiếp, cấp phó ký thay (KT.)"


#: The default for a new organization that names its collective leadership: the bodies a
#: commune office serves (Đảng ủy, HĐND, UBND, MTTQ, đoàn thể) all work collectively.
COLLECTIVE_SIGNING_BY_FAMILY = {
    "party": CollectiveSigning.ALL,
    "state": CollectiveSigning.ALL,
    "front": CollectiveSigning.ALL,
}


def default_collective_signing(family: str, collective_name: str) -> str:
    """The family's default, or "thủ trưởng" for an organization without a collective."""
    if not collective_name.strip():
        return CollectiveSigning.NONE
    return COLLECTIVE_SIGNING_BY_FAMILY.get(family, CollectiveSigning.ALL)


class ArchiveStream(models.TextChoices):
    PARTY = "party", "Phông lưu trữ Đảng"
    STATE = "state", "Phông lưu trữ Nhà nước"


organ_id_validator = RegexValidator(
    r"^[A-Z0-9.]{13}$",
    "Mã định danh gồm đúng 13 ký tự: chữ in hoa, chữ số và dấu chấm (ví dụ 000.00.21.H41).",
)


class OrganizationQuerySet(models.QuerySet["Organization"]):
    def active(self) -> OrganizationQuerySet:
        return self.filter(is_active=True)


class Organization(models.Model):
    """A member organization served by the office, with its own registers and seal."""

    office = models.ForeignKey(Office, models.PROTECT, related_name="organizations")
    name = models.CharField("Tên cơ quan, tổ chức", max_length=200)
    short_name = models.CharField(
        "Tên viết tắt", max_length=20, help_text="Dùng trong ký hiệu văn bản, ví dụ ĐU, UBND."
    )
    family = models.CharField("Khối", max_length=10, choices=Family.choices)
    level = models.CharField("Cấp", max_length=50, default="xã")
    parent = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="children",
        verbose_name="Thuộc tổ chức",
    )
    parent_body = models.CharField(
        "Cơ quan chủ quản", max_length=200, blank=True,
        help_text="In phía trên tên cơ quan ban hành, ví dụ ĐẢNG BỘ TỈNH LÂM ĐỒNG.",
    )
    organ_id = models.CharField(
        "Mã định danh", max_length=13, unique=True, validators=[organ_id_validator]
    )
    has_seal = models.BooleanField("Có con dấu riêng", default=True)
    document_style = models.CharField(
        "Thể thức văn bản", max_length=10, choices=DocumentStyle.choices,
        default=DocumentStyle.STATE,
    )
    collective_name = models.CharField(
        "Tập thể lãnh đạo", max_length=100, blank=True,
        help_text="Ghi sau TM. hoặc T/M khi ký thay mặt tập thể, ví dụ ỦY BAN NHÂN DÂN, "
        "BAN THƯỜNG VỤ.",
    )
    collective_signing = models.CharField(
        "Chế độ ký", max_length=15, choices=CollectiveSigning.choices,
        default=CollectiveSigning.NONE,
        help_text="Cơ quan làm việc theo chế độ tập thể (Đảng ủy, HĐND, UBND, MTTQ, đoàn thể) "
        "ký TM. tập thể lãnh đạo; cấp phó ký TM. rồi KT. người đứng đầu.",
    )
    archive_stream = models.CharField(
        "Phông lưu trữ", max_length=10, choices=ArchiveStream.choices, default=ArchiveStream.STATE
    )
    position = models.PositiveSmallIntegerField("Thứ tự", default=0)
    is_active = models.BooleanField("Đang hoạt động", default=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = "cơ quan, tổ chức"
        verbose_name_plural = "cơ quan, tổ chức"
        ordering = ["office", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["office", "short_name"], name="org_short_name_unique"),
            models.CheckConstraint(
                condition=Q(family__in=["party", "state", "front"]), name="org_family_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def leaders(self, *, on: dt.date | None = None) -> models.QuerySet[User]:
        """Head and deputies holding office on the given day, head first."""
        positions = Position.objects.active(on=on).filter(
            organization=self, role__in=[Role.HEAD, Role.DEPUTY]
        )
        return User.objects.filter(positions__in=positions, is_active=True).distinct()

    def head(self, *, on: dt.date | None = None) -> User | None:
        position = (
            Position.objects.active(on=on)
            .filter(organization=self, role=Role.HEAD)
            .select_related("person")
            .first()
        )
        return position.person if position else None


class Unit(models.Model):
    """A unit of an organization, or of the office itself when `organization` is empty
    (e.g. a joint inspection sub-committee serving every member organization)."""

    office = models.ForeignKey(Office, models.PROTECT, related_name="units")
    organization = models.ForeignKey(
        Organization, models.PROTECT, null=True, blank=True, related_name="units",
        verbose_name="Thuộc cơ quan",
        help_text="Để trống nếu là đơn vị của văn phòng, phục vụ mọi cơ quan thành viên.",
    )
    name = models.CharField("Tên đơn vị", max_length=200)
    short_name = models.CharField(
        "Viết tắt", max_length=20, help_text="Dùng trong ký hiệu công văn, ví dụ VP."
    )
    parent = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="children",
        verbose_name="Đơn vị cấp trên",
    )
    is_active = models.BooleanField("Đang hoạt động", default=True)

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        ordering = ["office", "organization__position", "name"]

    def __str__(self) -> str:
        owner = self.organization.short_name if self.organization else self.office.short_name
        return f"{self.name} ({owner})"

    @property
    def serves_whole_office(self) -> bool:
        return self.organization_id is None


class Role(models.TextChoices):
    CLERK = "clerk", "Văn thư"
    OFFICE_LEAD = "office_lead", "Lãnh đạo văn phòng"
    HEAD = "head", "Người đứng đầu"
    DEPUTY = "deputy", "Cấp phó"
    UNIT_HEAD = "unit_head", "Trưởng đơn vị"
    SPECIALIST = "specialist", "Chuyên viên"
    ACCOUNTANT = "accountant", "Kế toán"
    CASHIER = "cashier", "Thủ quỹ"
    ARCHIVIST = "archivist", "Lưu trữ"
    ADMIN = "admin", "Quản trị hệ thống"


#: Roles held for the whole office rather than one organization.
OFFICE_ROLES = frozenset({Role.CLERK, Role.OFFICE_LEAD, Role.ARCHIVIST, Role.ADMIN})
#: Roles that must name the organization they lead.
ORGANIZATION_ROLES = frozenset({Role.HEAD, Role.DEPUTY})


class PositionQuerySet(models.QuerySet["Position"]):
    def active(self, *, on: dt.date | None = None) -> PositionQuerySet:
        day = on or clock.today()
        return self.filter(Q(start_date__lte=day), Q(end_date__isnull=True) | Q(end_date__gte=day))


class Position(models.Model):
    """One post held by one person, for one organization (or the whole office), with dates."""

    person = models.ForeignKey(User, models.CASCADE, related_name="positions", verbose_name="Người")
    office = models.ForeignKey(Office, models.PROTECT, related_name="positions")
    organization = models.ForeignKey(
        Organization, models.PROTECT, null=True, blank=True, related_name="positions",
        verbose_name="Cơ quan", help_text="Để trống nếu giữ vị trí cho toàn văn phòng.",
    )
    unit = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="positions",
        verbose_name="Đơn vị",
    )
    role = models.CharField("Vai trò", max_length=20, choices=Role.choices)
    title = models.CharField("Chức vụ", max_length=150, help_text="Ví dụ: Bí thư Đảng ủy xã.")
    signing_title = models.CharField(
        "Chức danh khi ký", max_length=60, blank=True,
        help_text="In ở chỗ ký văn bản, ví dụ CHỦ TỊCH, PHÓ BÍ THƯ.",
    )
    start_date = models.DateField("Từ ngày")
    end_date = models.DateField("Đến ngày", null=True, blank=True)

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = "chức vụ"
        verbose_name_plural = "chức vụ"
        ordering = ["office", "organization__position", "role", "person__full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="position_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(role__in=[r.value for r in Role]), name="position_role_valid"
            ),
        ]
        indexes = [models.Index(fields=["person", "role"])]

    def __str__(self) -> str:
        return f"{self.person} — {self.title}"

    @property
    def signature_title(self) -> str:
        """The title printed above the signature, in capitals."""
        return (self.signing_title or self.title).upper()

    def is_active_on(self, day: dt.date) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)
