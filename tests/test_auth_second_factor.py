"""The TOTP second factor (issue 18 §2.4): enrolment from one's own page, login with
password then code, recovery codes, throttled guessing, the office policy that requires
it (as data, audited), enrolment at login for a required person, an administrator's
reset (audited)."""

from __future__ import annotations

import datetime as dt
import time

from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from vanphong import clock
from vanphong.audit.models import AuditEvent
from vanphong.outgoing.models import Delegation, DelegationKind


def code(device: TOTPDevice, ahead: int = 0) -> str:
    """The code the person's app shows now (`ahead` steps later, for a second login in
    the same 30 seconds: a code is accepted once)."""
    device.refresh_from_db()
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + ahead)
    return f"{value:06d}"


def enrol(client: Client) -> tuple[TOTPDevice, list[str]]:
    """Set up the app from the person's own page, as they would."""
    client.post(reverse("accounts:security_enrol"), {"start": "1"})
    device = TOTPDevice.objects.get(user_id=client.session["_auth_user_id"], confirmed=False)
    response = client.post(reverse("accounts:security_enrol"), {"code": code(device)})
    assert response.status_code == 302
    page = client.get(reverse("accounts:recovery_codes"))
    return device, list(page.context["codes"])


def password_step(username: str, password: str, **extra) -> tuple[Client, object]:
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": password,
                                              **extra})
    return client, response


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_the_enrolment_page_shows_a_qr_image_and_the_key_until_confirmed(cast, client_for):
    client = client_for(cast.chutich)
    client.post(reverse("accounts:security_enrol"), {"start": "1"})
    page = client.get(reverse("accounts:security_enrol")).content.decode()
    assert 'src="data:image/svg+xml' in page
    device = TOTPDevice.objects.get(user=cast.chutich)
    assert not device.confirmed
    import base64

    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    assert key[:4] in page
    client.post(reverse("accounts:security_enrol"), {"code": code(device)})
    assert client.get(reverse("accounts:security_enrol")).status_code == 302  # not shown again
    assert key[:4] not in client.get(reverse("accounts:security")).content.decode()


def test_a_wrong_code_does_not_turn_the_second_factor_on(cast, client_for):
    client = client_for(cast.chutich)
    client.post(reverse("accounts:security_enrol"), {"start": "1"})
    response = client.post(reverse("accounts:security_enrol"), {"code": "000000"})
    assert "Mã xác thực không đúng" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=cast.chutich, confirmed=True).exists()


def test_with_a_second_factor_the_password_alone_does_not_log_in(cast, client_for, password):
    device, _ = enrol(client_for(cast.chutich))
    client, response = password_step("chutich", password)
    assert response.url == reverse("accounts:login_code")
    assert not logged_in(client)
    assert client.get(reverse("home:my_work")).status_code == 302
    response = client.post(reverse("accounts:login_code"), {"code": code(device, ahead=1)})
    assert response.status_code == 302 and logged_in(client)
    assert client.get(reverse("home:my_work")).status_code == 200


def test_the_code_step_goes_where_the_person_was_going(cast, client_for, password):
    device, _ = enrol(client_for(cast.chutich))
    client, _ = password_step("chutich", password, next="/nhiem-vu/")
    response = client.post(reverse("accounts:login_code"), {"code": code(device, ahead=1)})
    assert response.url == "/nhiem-vu/"


def test_a_recovery_code_logs_in_once(cast, client_for, password):
    _, codes = enrol(client_for(cast.chutich))
    assert len(codes) == 10
    client, _ = password_step("chutich", password)
    client.post(reverse("accounts:login_code"), {"code": codes[0].upper()})
    assert logged_in(client)
    again, _ = password_step("chutich", password)
    response = again.post(reverse("accounts:login_code"), {"code": codes[0]})
    assert not logged_in(again)
    assert "Mã xác thực không đúng" in response.content.decode()


def test_guessing_codes_is_slowed_down(cast, client_for, password):
    device, _ = enrol(client_for(cast.chutich))
    client, _ = password_step("chutich", password)
    client.post(reverse("accounts:login_code"), {"code": "111111"})
    client.post(reverse("accounts:login_code"), {"code": "222222"})
    response = client.post(reverse("accounts:login_code"), {"code": code(device, ahead=1)})
    assert "Bạn đã nhập sai nhiều lần; hãy đợi đến" in response.content.decode()
    assert not logged_in(client)


def test_the_code_step_expires(cast, client_for, password):
    device, _ = enrol(client_for(cast.chutich))
    client, _ = password_step("chutich", password)
    with clock.travel_to(clock.now() + dt.timedelta(minutes=6)):
        response = client.post(reverse("accounts:login_code"), {"code": code(device, ahead=1)})
    assert response.url == reverse("login")
    assert not logged_in(client)


def test_turning_it_off_needs_a_current_code_and_is_audited(cast, client_for):
    client = client_for(cast.chuyenvien)
    device, _ = enrol(client)
    client.post(reverse("accounts:security_off"), {"code": "123456"})
    assert TOTPDevice.objects.filter(user=cast.chuyenvien).exists()
    time.sleep(1.1)  # a wrong code makes the next check wait a second
    client.post(reverse("accounts:security_off"), {"code": code(device, ahead=1)})
    assert not TOTPDevice.objects.filter(user=cast.chuyenvien).exists()
    actions = set(AuditEvent.objects.filter(object_id=str(cast.chuyenvien.pk))
                  .values_list("action", flat=True))
    assert {"account.second_factor_on", "account.second_factor_off"} <= actions


# --- The office's policy --------------------------------------------------------------


def require(client: Client, office, **fields) -> None:
    response = client.post(
        reverse("administration:second_factor_policy_edit", args=[office.pk]),
        {name: "on" for name, value in fields.items() if value})
    assert response.status_code == 302


def test_by_default_nobody_is_required_and_the_password_logs_in(cast, password):
    client, response = password_step("chutich", password)
    assert response.url == reverse("home:my_work") and logged_in(client)


def test_administrator_requires_it_for_heads_and_it_is_audited(cast, client_for):
    require(client_for(cast.admin), cast.office, require_heads=True)
    event = AuditEvent.objects.get(action="second_factor.policy")
    assert event.office_id == cast.office.pk
    assert event.data["changes"] == {"require_heads": [False, True]}
    assert event.actor_id == cast.admin.pk


def test_only_an_administrator_sets_the_policy(cast, client_for):
    response = client_for(cast.chutich).post(
        reverse("administration:second_factor_policy_edit", args=[cast.office.pk]),
        {"require_heads": "on"})
    assert response.status_code in (403, 404)
    assert not AuditEvent.objects.filter(action="second_factor.policy").exists()


def test_a_required_head_without_a_device_is_led_to_set_one_up_at_login(
    cast, client_for, password
):
    require(client_for(cast.admin), cast.office, require_heads=True)
    client, response = password_step("chutich", password)
    assert response.url == reverse("accounts:login_enrol")
    assert not logged_in(client)
    page = client.get(reverse("accounts:login_enrol")).content.decode()
    assert "Văn phòng yêu cầu tài khoản của bạn dùng xác thực hai bước" in page
    client.post(reverse("accounts:login_enrol"), {"start": "1"})
    device = TOTPDevice.objects.get(user=cast.chutich, confirmed=False)
    response = client.post(reverse("accounts:login_enrol"), {"code": code(device)})
    assert response.url == reverse("accounts:recovery_codes") and logged_in(client)
    assert len(client.get(response.url).context["codes"]) == 10
    # A clerk is not a head: the password still logs them in.
    _, response = password_step("vanthu", password)
    assert response.url == reverse("home:my_work")


def test_a_required_person_cannot_turn_it_off(cast, client_for):
    client = client_for(cast.admin)
    device, _ = enrol(client)
    require(client, cast.office, require_admins=True)
    response = client.post(reverse("accounts:security_off"), {"code": code(device, ahead=1)},
                           follow=True)
    assert "không tắt được" in response.content.decode()
    assert TOTPDevice.objects.filter(user=cast.admin, confirmed=True).exists()


def test_signers_are_those_holding_a_signing_delegation_today(cast, client_for, password):
    require(client_for(cast.admin), cast.office, require_signers=True)
    _, response = password_step("truongphong", password)
    assert response.url == reverse("home:my_work")
    today = clock.today()
    Delegation.objects.create(
        organization=cast.orgs["UBND"], kind=DelegationKind.BY_ORDER, delegate=cast.truongphong,
        valid_from=today, valid_to=today + dt.timedelta(days=30), basis="Quyết định giao ký",
        created_by=cast.admin, created_at=clock.now())
    _, response = password_step("truongphong", password)
    assert response.url == reverse("accounts:login_enrol")


def test_administrator_resets_a_lost_phone_and_it_is_audited(cast, client_for, password):
    enrol(client_for(cast.chutich))
    admin_client = client_for(cast.admin)
    page = admin_client.get(reverse("administration:person_detail", args=[cast.chutich.pk]))
    assert "Đặt lại xác thực hai bước" in page.content.decode()
    admin_client.post(reverse("administration:person_second_factor_reset",
                              args=[cast.chutich.pk]))
    assert not TOTPDevice.objects.filter(user=cast.chutich).exists()
    event = AuditEvent.objects.get(action="person.second_factor_reset")
    assert event.object_id == str(cast.chutich.pk) and event.actor_id == cast.admin.pk
    _, response = password_step("chutich", password)
    assert response.url == reverse("home:my_work")


def test_a_clerk_cannot_reset_someones_second_factor(cast, client_for):
    enrol(client_for(cast.chutich))
    response = client_for(cast.vanthu).post(
        reverse("administration:person_second_factor_reset", args=[cast.chutich.pk]))
    assert response.status_code in (403, 404)
    assert TOTPDevice.objects.filter(user=cast.chutich, confirmed=True).exists()
