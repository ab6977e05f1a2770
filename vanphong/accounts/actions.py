"""Writes about a person's login security, each recorded in the audit log in the same
transaction: setting up and turning off the second factor, new recovery codes, an
administrator's reset, the office's policy, and a login lockout."""

from __future__ import annotations

import dataclasses
import datetime as dt

from axes.models import AccessAttempt
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from vanphong import clock
from vanphong.accounts import second_factor
from vanphong.accounts.access import second_factor_required
from vanphong.accounts.models import SecondFactorPolicy
from vanphong.audit.actions import record_audit
from vanphong.errors import Invalid, NotAllowed
from vanphong.organizations import access as org_access
from vanphong.organizations.models import Office, User


@transaction.atomic
def start_enrolment(*, user: User) -> TOTPDevice:
    """A new, unconfirmed app device with a fresh key; it works only once confirmed."""
    if second_factor.is_enabled(user):
        raise Invalid("Xác thực hai bước của bạn đã bật.")
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(
        user=user, name=second_factor.APP_DEVICE_NAME, confirmed=False)


def _replace_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=second_factor.RECOVERY_DEVICE_NAME)
    tokens = second_factor.new_recovery_tokens()
    StaticToken.objects.bulk_create(StaticToken(device=device, token=t) for t in tokens)
    return tokens


def confirm_enrolment(*, user: User, code: str) -> tuple[TOTPDevice, list[str]]:
    """Turn the second factor on once the app shows a right code; the new recovery
    codes are returned to be shown once (only they are never stored in clear again)."""
    device = second_factor.app_device(user, confirmed=False)
    if device is None:
        raise Invalid("Hãy bắt đầu lại việc cài đặt xác thực hai bước.")
    second_factor.check_code(device, code)  # its own transaction: a wrong code counts
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        tokens = _replace_recovery_codes(user)
        record_audit(actor=user, action="account.second_factor_on", target=user,
                     summary=f"Bật xác thực hai bước cho {user.full_name}")
    return device, tokens


@transaction.atomic
def renew_recovery_codes(*, user: User) -> list[str]:
    if not second_factor.is_enabled(user):
        raise Invalid("Hãy bật xác thực hai bước trước.")
    tokens = _replace_recovery_codes(user)
    record_audit(actor=user, action="account.recovery_codes", target=user,
                 summary=f"Tạo mã dự phòng mới cho {user.full_name}")
    return tokens


def _remove_devices(person: User) -> int:
    removed, _ = TOTPDevice.objects.filter(user=person).delete()
    StaticDevice.objects.filter(user=person).delete()
    return removed


def turn_off(*, user: User, code: str) -> None:
    """A person turns their own second factor off, proving it with a current code;
    refused while their office requires it."""
    if second_factor_required(user):
        raise NotAllowed("Văn phòng yêu cầu bạn dùng xác thực hai bước; không tắt được.")
    second_factor.verify(user, code)
    with transaction.atomic():
        _remove_devices(user)
        record_audit(actor=user, action="account.second_factor_off", target=user,
                     summary=f"Tắt xác thực hai bước của {user.full_name}")


@transaction.atomic
def reset_second_factor(*, actor: User, person: User) -> None:
    """An administrator removes a person's app and recovery codes (a lost phone); the
    person sets up a new one at their next login if their office requires it."""
    org_access.require_account_manager(actor, person)
    if not _remove_devices(person):
        raise Invalid(f"{person.full_name} chưa bật xác thực hai bước.")
    record_audit(actor=actor, action="person.second_factor_reset", target=person,
                 summary=f"Đặt lại xác thực hai bước của {person.full_name}")


@transaction.atomic
def unlock_login(*, actor: User, person: User) -> None:
    """An administrator lifts the login locks on a person's name (their failed
    attempts are forgotten); locks on an address stay."""
    org_access.require_account_manager(actor, person)
    AccessAttempt.objects.filter(username=person.username).delete()
    record_audit(actor=actor, action="person.login_unlocked", target=person,
                 summary=f"Mở khóa đăng nhập tạm thời của {person.full_name}")


@dataclasses.dataclass(frozen=True, kw_only=True)
class PolicyFields:
    require_admins: bool
    require_heads: bool
    require_signers: bool

    @classmethod
    def of(cls, policy: SecondFactorPolicy | None) -> PolicyFields:
        if policy is None:
            return cls(require_admins=False, require_heads=False, require_signers=False)
        return cls(require_admins=policy.require_admins, require_heads=policy.require_heads,
                   require_signers=policy.require_signers)


@transaction.atomic
def save_policy(*, actor: User, office: Office, fields: PolicyFields) -> SecondFactorPolicy:
    org_access.require_office(actor, office.pk)
    policy = SecondFactorPolicy.objects.select_for_update().filter(office=office).first()
    before = PolicyFields.of(policy)
    policy = policy or SecondFactorPolicy(office=office)
    for name, value in dataclasses.asdict(fields).items():
        setattr(policy, name, value)
    policy.updated_at, policy.updated_by = clock.now(), actor
    policy.save()
    changes = {name: [old, new] for (name, old), new in zip(
        dataclasses.asdict(before).items(), dataclasses.asdict(fields).values(), strict=True)
        if old != new}
    record_audit(actor=actor, action="second_factor.policy", target=policy,
                 office_id=office.pk, summary=f"Sửa quy định xác thực hai bước của {office.name}",
                 changes=changes)
    return policy


def record_lockout(*, username: str, address: str, until: dt.datetime) -> None:
    """One audit row when a login lock starts (not for each refused attempt)."""
    person = User.objects.filter(username=username).first() if username else None
    record_audit(
        actor=None, action="login.locked", target=person,
        summary=f"Tạm khóa đăng nhập “{username[:60]}” từ {address} đến "
                f"{timezone.localtime(until):%H:%M %d/%m/%Y}",
        username=username[:150], address=address, until=until.isoformat(),
    )
