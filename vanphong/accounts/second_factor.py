"""The second factor: one TOTP device (an authenticator app) per person, plus a set of
single-use recovery codes (django-otp's static device). Reading and checking codes is
here; writes that change what a person has are in `actions.py`.

A code is checked against one device chosen by its shape (six digits: the app; anything
else: a recovery code). Each device slows down guessing on its own: after n wrong codes
the next check waits 2^(n-1) seconds (django-otp's throttling, kept in the database).
"""

from __future__ import annotations

import base64
import re

import segno
from django.db import transaction
from django.utils import timezone
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from vanphong.errors import Invalid
from vanphong.organizations.models import User

RECOVERY_CODES = 10
APP_DEVICE_NAME = "Ứng dụng xác thực"
RECOVERY_DEVICE_NAME = "Mã dự phòng"
WRONG_CODE = "Mã xác thực không đúng hoặc đã dùng. Hãy nhập mã đang hiện trong ứng dụng."
_SEPARATORS = re.compile(r"[\s-]+")


def app_device(user: User, *, confirmed: bool = True) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("-pk").first()


def is_enabled(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def qr_data_uri(device: TOTPDevice) -> str:
    """The enrolment QR code as an SVG `data:` URI (allowed by the CSP, unlike inline
    SVG styles)."""
    return str(segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2))


def secret_text(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into an app by hand."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def new_recovery_tokens() -> list[str]:
    return [StaticToken.random_token() for _ in range(RECOVERY_CODES)]


def _throttled_message(device: Device) -> str | None:
    allowed, details = device.verify_is_allowed()
    if allowed:
        return None
    until = (details or {}).get("locked_until")
    if until is None:
        return "Bạn đã nhập sai nhiều lần; hãy đợi một lát rồi thử lại."
    return (f"Bạn đã nhập sai nhiều lần; hãy đợi đến "
            f"{timezone.localtime(until):%H:%M:%S} rồi thử lại.")


def check_code(device: Device, code: str) -> None:
    """Check `code` on `device`; Invalid (with the reason) when it is not accepted.

    The check is committed before the refusal is raised, so a wrong code always counts
    toward the device's throttling."""
    with transaction.atomic():
        locked = type(device).objects.select_for_update().get(pk=device.pk)
        refusal = _throttled_message(locked)
        if refusal is None and not locked.verify_token(code):
            refusal = WRONG_CODE
    if refusal:
        raise Invalid(refusal, fields={"code": refusal})


def verify(user: User, code: str) -> Device:
    """The confirmed device of `user` that accepts `code` (an app code or an unused
    recovery code); Invalid otherwise."""
    code = _SEPARATORS.sub("", code or "").lower()
    is_app_code = len(code) == 6 and code.isdigit()
    model = TOTPDevice if is_app_code else StaticDevice
    device = model.objects.filter(user=user, confirmed=True).first()
    if device is None or not code:
        raise Invalid(WRONG_CODE, fields={"code": WRONG_CODE})
    check_code(device, code)
    return device
