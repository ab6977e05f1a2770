"""Registers (sổ đăng ký), their numbering policies and counters, and the document types.

A register belongs to one organization and owns a number series. Its policy says when
numbers restart (calendar year, Party term, congress), whether each document type has
its own series, and whether secret documents share the series. Counters hold the last
number given per (register, period, series); see `numbering.py`.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q

from vanphong.organizations.models import Organization


class Urgency(models.IntegerChoices):
    """Độ khẩn, with the edXML `Priority` codes."""

    NORMAL = 0, "Thường"
    URGENT = 1, "Khẩn"
    VERY_URGENT = 2, "Thượng khẩn"
    FLASH = 3, "Hỏa tốc"
    FLASH_TIMED = 4, "Hỏa tốc hẹn giờ"


class Secrecy(models.IntegerChoices):
    NONE = 0, "Thường"
    SECRET = 1, "Mật"
    TOP_SECRET = 2, "Tối mật"
    ABSOLUTE = 3, "Tuyệt mật"


class TypeSystem(models.TextChoices):
    STATE = "state", "Văn bản hành chính (NĐ 30/2020)"
    PARTY = "party", "Văn bản của Đảng"
    LEGAL = "legal", "Văn bản quy phạm pháp luật"
    COPY = "copy", "Bản sao"


class DocumentType(models.Model):
    """A document type (tên loại) with its abbreviation, editable by administrators.

    `organization` empty means the type applies to every organization of its system.
    """

    system = models.CharField("Hệ thống", max_length=10, choices=TypeSystem.choices)
    organization = models.ForeignKey(
        Organization, models.CASCADE, null=True, blank=True, related_name="document_types",
        verbose_name="Riêng cho cơ quan",
    )
    name = models.CharField("Tên loại", max_length=100)
    abbreviation = models.CharField(
        "Viết tắt", max_length=10, blank=True,
        help_text="Để trống nếu loại văn bản không có chữ viết tắt (công văn hành chính).",
    )
    position = models.PositiveSmallIntegerField("Thứ tự", default=0)
    is_active = models.BooleanField("Đang dùng", default=True)

    class Meta:
        verbose_name = "loại văn bản"
        verbose_name_plural = "loại văn bản"
        ordering = ["system", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["system", "organization", "name"], name="doctype_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name


class RegisterKind(models.TextChoices):
    INCOMING = "incoming", "Sổ đăng ký văn bản đến"
    OUTGOING = "outgoing", "Sổ đăng ký văn bản đi"
    SECRET_INCOMING = "secret_incoming", "Sổ đăng ký văn bản đến mật"
    SECRET_OUTGOING = "secret_outgoing", "Sổ đăng ký văn bản đi mật"
    COPIES = "copies", "Sổ đăng ký bản sao"


INCOMING_KINDS = (RegisterKind.INCOMING, RegisterKind.SECRET_INCOMING)


class ResetPolicy(models.TextChoices):
    CALENDAR_YEAR = "year", "Theo năm dương lịch"
    PARTY_TERM = "term", "Theo nhiệm kỳ cấp ủy"
    CONGRESS = "congress", "Theo kỳ đại hội"


class SecretPolicy(models.TextChoices):
    SAME = "same", "Văn bản mật chung dãy số"
    SEPARATE = "separate", "Văn bản mật dãy số riêng"


class Register(models.Model):
    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="registers", verbose_name="Cơ quan"
    )
    kind = models.CharField("Loại sổ", max_length=20, choices=RegisterKind.choices)
    name = models.CharField("Tên sổ", max_length=200)
    reset_policy = models.CharField(
        "Cấp lại số từ 01", max_length=10, choices=ResetPolicy.choices,
        default=ResetPolicy.CALENDAR_YEAR,
    )
    per_type_series = models.BooleanField(
        "Mỗi loại văn bản một dãy số", default=False,
        help_text="Tắt: mọi loại văn bản dùng chung một dãy số.",
    )
    secret_policy = models.CharField(
        "Văn bản mật", max_length=10, choices=SecretPolicy.choices, default=SecretPolicy.SEPARATE
    )
    notation_format = models.CharField(
        "Mẫu số, ký hiệu", max_length=60, blank=True,
        help_text="Dùng cho văn bản đi. Ví dụ {number}/{type}-{org} hoặc {number}-{type}/{org}.",
    )
    notation_format_untyped = models.CharField(
        "Mẫu số, ký hiệu công văn", max_length=60, blank=True,
        help_text="Cho loại không có chữ viết tắt. Ví dụ {number}/{org}-{unit}.",
    )
    position = models.PositiveSmallIntegerField("Thứ tự", default=0)
    is_active = models.BooleanField("Đang dùng", default=True)

    class Meta:
        verbose_name = "sổ đăng ký"
        verbose_name_plural = "sổ đăng ký"
        ordering = ["organization__position", "position", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in RegisterKind]), name="register_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(reset_policy__in=[p.value for p in ResetPolicy]),
                name="register_reset_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.organization.short_name}"

    @property
    def called(self) -> str:
        """The register named in a sentence: "sổ" is put before its name only when the
        name does not already say it ("Sổ đăng ký văn bản đến", never "sổ Sổ đăng ký").
        Capitalize with `capfirst` at the start of a sentence."""
        if self.name[:2].casefold() == "sổ":
            return self.name
        return f"sổ {self.name}"

    @property
    def is_incoming(self) -> bool:
        return self.kind in INCOMING_KINDS

    @property
    def is_secret(self) -> bool:
        return self.kind in (RegisterKind.SECRET_INCOMING, RegisterKind.SECRET_OUTGOING)


class TermKind(models.TextChoices):
    TERM = "term", "Nhiệm kỳ"
    CONGRESS = "congress", "Đại hội"


class Term(models.Model):
    """A Party committee term or a congress, used by registers that restart numbering
    per term (from the day after one congress closes to the close of the next)."""

    organization = models.ForeignKey(
        Organization, models.CASCADE, related_name="terms", verbose_name="Cơ quan"
    )
    kind = models.CharField("Loại", max_length=10, choices=TermKind.choices)
    name = models.CharField("Tên", max_length=100)
    start_date = models.DateField("Từ ngày")
    end_date = models.DateField("Đến ngày", null=True, blank=True)

    class Meta:
        verbose_name = "nhiệm kỳ, đại hội"
        verbose_name_plural = "nhiệm kỳ, đại hội"
        ordering = ["organization", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="term_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def covers(self, day: dt.date) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)


class Counter(models.Model):
    """The last number given in one series. Touched only by `numbering.allocate_number`."""

    register = models.ForeignKey(Register, models.PROTECT, related_name="counters")
    period_key = models.CharField(max_length=30)
    series_key = models.CharField(max_length=30, blank=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["register", "period_key", "series_key"], name="counter_unique_series"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.register} {self.period_key} {self.series_key}: {self.last_number}"
