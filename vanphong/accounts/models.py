"""Who must log in with a second factor: a policy per office, edited by its
administrators (the devices themselves are django-otp's TOTP and static-code models)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from vanphong.organizations.models import Office


class SecondFactorPolicy(models.Model):
    """An office without a row requires the second factor of no one (the default)."""

    office = models.OneToOneField(
        Office, models.CASCADE, related_name="second_factor_policy", verbose_name="Văn phòng"
    )
    require_admins = models.BooleanField(
        "Quản trị viên", default=False,
        help_text="Người giữ vai trò quản trị của văn phòng và quản trị toàn hệ thống.",
    )
    require_heads = models.BooleanField(
        "Lãnh đạo cơ quan", default=False,
        help_text="Người đứng đầu và cấp phó của các cơ quan trong văn phòng.",
    )
    require_signers = models.BooleanField(
        "Người được giao ký", default=False,
        help_text="Người được giao ký thừa lệnh (TL.) hoặc thừa ủy quyền (TUQ.), "
        "trong thời gian được giao.",
    )
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "quy định xác thực hai bước"
        verbose_name_plural = "quy định xác thực hai bước"

    def __str__(self) -> str:
        return f"Xác thực hai bước — {self.office}"

    @property
    def requires_anyone(self) -> bool:
        return self.require_admins or self.require_heads or self.require_signers
