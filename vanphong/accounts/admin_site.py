"""The Django admin, when `VANPHONG_DJANGO_ADMIN=1`: superusers only, and only once a
second factor verified their session (django-otp's admin site asks for the code at its
own login too). The models keep their registrations on `admin.site`, whose class
`vanphong/urls.py` swaps for this one."""

from __future__ import annotations

from django.http import HttpRequest
from django_otp.admin import OTPAdminSite


class SecondFactorAdminSite(OTPAdminSite):
    site_header = "Một Văn Phòng — Django admin"

    def has_permission(self, request: HttpRequest) -> bool:
        return bool(super().has_permission(request) and request.user.is_superuser)
