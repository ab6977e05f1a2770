"""Login lockout (issue 18 §2.4): failures lock a name at an address, a name from
anywhere and an address for any name, each at its own limit; the lock grows; the
lockout page says in Vietnamese when to try again; the Django admin is not served."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.test import Client
from django.urls import clear_url_caches, reverse
from django.utils import timezone

from vanphong import clock
from vanphong.audit.models import AuditEvent

OFFICE_NAT = "203.0.113.7"
WRONG = "khong-dung-mat-khau"


def attempt(client: Client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def fail(client: Client, username: str, times: int) -> None:
    for _ in range(times):
        attempt(client, username, WRONG)


def test_thirty_wrong_passwords_then_the_right_one_does_not_log_in(cast, password):
    client = Client(REMOTE_ADDR=OFFICE_NAT)
    fail(client, "chutich", 30)
    response = attempt(client, "chutich", password)
    assert response.status_code == 429
    assert not logged_in(client)


def test_the_fifth_failure_locks_and_the_page_says_when_to_try_again(cast, password):
    client = Client(REMOTE_ADDR=OFFICE_NAT)
    fail(client, "chutich", 4)
    assert attempt(client, "chutich", password).status_code == 302  # four typos are fine
    client = Client(REMOTE_ADDR=OFFICE_NAT)
    fail(client, "chutich", 4)
    response = attempt(client, "chutich", WRONG)
    assert response.status_code == 429
    text = response.content.decode()
    last = AccessAttempt.objects.get(username="chutich").attempt_time
    until = timezone.localtime(last + dt.timedelta(minutes=5))
    assert "Đăng nhập tạm dừng vì nhập sai mật khẩu nhiều lần" in text
    assert f"{until:%H:%M}" in text
    assert "khoảng 5 phút nữa" in text


def test_one_persons_typos_do_not_lock_out_a_colleague_behind_the_same_address(cast, password):
    fail(Client(REMOTE_ADDR=OFFICE_NAT), "chuyenvien", 8)
    colleague = Client(REMOTE_ADDR=OFFICE_NAT)
    assert attempt(colleague, "vanthu", password).status_code == 302
    assert attempt(Client(REMOTE_ADDR=OFFICE_NAT), "chuyenvien", password).status_code == 429


def test_an_address_trying_many_names_is_locked_for_every_name(cast, password):
    client = Client(REMOTE_ADDR="198.51.100.20")
    for number in range(30):
        attempt(client, f"khach{number}", WRONG)
    assert attempt(client, "vanthu", password).status_code == 429
    assert attempt(Client(REMOTE_ADDR=OFFICE_NAT), "vanthu", password).status_code == 302


def test_a_name_tried_from_many_addresses_is_locked_everywhere(cast, password):
    for number in range(5):
        fail(Client(REMOTE_ADDR=f"198.51.100.{number + 1}"), "chutich", 4)
    assert attempt(Client(REMOTE_ADDR=OFFICE_NAT), "chutich", password).status_code == 429


def test_the_lock_doubles_with_each_failure_after_it_ends(cast, password):
    client = Client(REMOTE_ADDR=OFFICE_NAT)
    fail(client, "chutich", 5)
    start = clock.now()
    with clock.travel_to(start + dt.timedelta(minutes=6)):
        assert attempt(client, "chutich", WRONG).status_code == 429  # the 6th: ten minutes
    with clock.travel_to(start + dt.timedelta(minutes=15)):
        assert attempt(client, "chutich", password).status_code == 429
    with clock.travel_to(start + dt.timedelta(minutes=17)):
        assert attempt(client, "chutich", password).status_code == 302


def test_attempts_while_locked_are_refused_without_lengthening_the_lock(cast, password):
    client = Client(REMOTE_ADDR=OFFICE_NAT)
    fail(client, "chutich", 5)
    start = clock.now()
    with clock.travel_to(start + dt.timedelta(minutes=3)):
        fail(client, "chutich", 10)
    with clock.travel_to(start + dt.timedelta(minutes=6)):
        assert attempt(client, "chutich", password).status_code == 302


def test_logging_in_forgets_the_persons_own_typos(cast, password):
    client = Client(REMOTE_ADDR=OFFICE_NAT)
    fail(client, "chutich", 4)
    assert attempt(client, "chutich", password).status_code == 302
    other = Client(REMOTE_ADDR=OFFICE_NAT)
    fail(other, "chutich", 4)
    assert attempt(other, "chutich", password).status_code == 302


def test_a_lock_is_written_once_to_the_audit_log(cast):
    fail(Client(REMOTE_ADDR=OFFICE_NAT), "chutich", 12)
    events = AuditEvent.objects.filter(action="login.locked")
    assert events.count() == 1
    event = events.get()
    assert event.object_id == str(cast.chutich.pk)
    assert event.data["address"] == OFFICE_NAT
    assert "chutich" in event.summary


def test_forwarded_address_is_believed_only_from_a_trusted_proxy(cast, password, settings):
    import ipaddress

    forged = Client(REMOTE_ADDR=OFFICE_NAT)
    for number in range(6):  # a client rotating a forged header is still one address
        forged.post(reverse("login"), {"username": "chutich", "password": WRONG},
                    HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    assert attempt(Client(REMOTE_ADDR=OFFICE_NAT), "chutich", password).status_code == 429

    settings.VANPHONG_TRUSTED_PROXIES = [ipaddress.ip_network("10.0.0.1/32")]
    proxy = Client(REMOTE_ADDR="10.0.0.1")
    for _ in range(5):
        proxy.post(reverse("login"), {"username": "vanthu", "password": WRONG},
                   HTTP_X_FORWARDED_FOR="198.51.100.9")
    other_client = proxy.post(reverse("login"), {"username": "vanthu", "password": password},
                              HTTP_X_FORWARDED_FOR="198.51.100.10")
    assert other_client.status_code == 302
    # The audit log records the person's address, not the proxy's.
    event = AuditEvent.objects.get(action="login.locked", data__username="vanthu")
    assert event.address == "198.51.100.9"


def test_administrator_sees_and_lifts_a_login_lock(cast, client_for, password):
    fail(Client(REMOTE_ADDR=OFFICE_NAT), "chuyenvien", 5)
    admin_client = client_for(cast.admin)
    page = admin_client.get(reverse("administration:person_detail", args=[cast.chuyenvien.pk]))
    assert "Đăng nhập đang tạm khóa" in page.content.decode()
    response = admin_client.post(
        reverse("administration:person_login_unlock", args=[cast.chuyenvien.pk]))
    assert response.status_code == 302
    assert attempt(Client(REMOTE_ADDR=OFFICE_NAT), "chuyenvien", password).status_code == 302
    assert AuditEvent.objects.filter(action="person.login_unlocked",
                                     object_id=str(cast.chuyenvien.pk)).exists()


def test_a_clerk_cannot_lift_a_login_lock(cast, client_for):
    fail(Client(REMOTE_ADDR=OFFICE_NAT), "chuyenvien", 5)
    response = client_for(cast.vanthu).post(
        reverse("administration:person_login_unlock", args=[cast.chuyenvien.pk]))
    assert response.status_code in (403, 404)
    assert attempt(Client(REMOTE_ADDR=OFFICE_NAT), "chuyenvien", WRONG).status_code == 429


# --- The Django admin ---------------------------------------------------------------------


def test_django_admin_is_not_served_by_default(cast, client_for):
    assert client_for(cast.admin).get("/django-admin/").status_code == 404
    assert Client().get("/django-admin/login/").status_code == 404


@pytest.fixture
def django_admin_on(settings):
    import vanphong.urls

    site_class = admin.site.__class__
    settings.VANPHONG_DJANGO_ADMIN = True
    importlib.reload(vanphong.urls)
    clear_url_caches()
    yield
    settings.VANPHONG_DJANGO_ADMIN = False
    admin.site.__class__ = site_class
    importlib.reload(vanphong.urls)
    clear_url_caches()


def test_django_admin_when_turned_on_needs_a_superuser_verified_by_a_second_factor(
    cast, client_for, django_admin_on, password
):
    from django_otp.oath import totp

    from vanphong.accounts import actions
    from vanphong.organizations.models import User

    # A password-only session of the superuser is not enough.
    assert client_for(cast.admin).get("/django-admin/").status_code == 302
    device = actions.start_enrolment(user=cast.admin)
    actions.confirm_enrolment(user=cast.admin, code=f"{totp(device.bin_key):06d}")
    device.refresh_from_db()
    client = Client()
    attempt(client, "admin", password)
    client.post(reverse("accounts:login_code"),
                {"code": f"{totp(device.bin_key, drift=device.drift + 1):06d}"})
    assert client.get("/django-admin/").status_code == 200
    # Staff without superuser rights stay out, verified or not.
    User.objects.filter(pk=cast.chutich.pk).update(is_staff=True)
    assert client_for(cast.chutich).get("/django-admin/").status_code == 302
