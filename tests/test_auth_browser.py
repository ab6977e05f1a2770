"""Login security in Chromium (issue 18 §2.4): the lockout message, setting up the TOTP
second factor and logging in with it, and an office policy that requires it."""

from __future__ import annotations

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from vanphong.audit.models import AuditEvent

pytestmark = [pytest.mark.browser]


def code(device: TOTPDevice, ahead: int = 0) -> str:
    """What the person's app shows, computed from the device's key (`ahead` steps later
    for a second code within the same 30 seconds: each code is accepted once)."""
    device.refresh_from_db()
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + ahead)
    return f"{value:06d}"


def submit_password(page: Page, username: str, password: str) -> None:
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def test_after_five_wrong_passwords_the_page_says_when_to_try_again(
    transactional_db, cast, new_page, password
):
    page = new_page()
    for _ in range(4):
        submit_password(page, "chutich", "sai-mat-khau")
        expect(page.get_by_role("alert")).to_contain_text("Tên đăng nhập hoặc mật khẩu không đúng")
    submit_password(page, "chutich", "sai-mat-khau")
    lockout = page.get_by_test_id("lockout")
    expect(lockout).to_contain_text("Đăng nhập tạm dừng vì nhập sai mật khẩu nhiều lần")
    expect(lockout).to_contain_text(
        re.compile(r"thử lại sau\s+\d{2}:\d{2}\s+\(khoảng 5 phút nữa\)"))
    submit_password(page, "chutich", password)  # the right password waits too
    expect(page.get_by_test_id("lockout")).to_be_visible()
    expect(page.get_by_test_id("who")).to_have_count(0)


def test_a_head_sets_up_the_app_then_logs_in_with_password_and_code(
    transactional_db, cast, page_for, new_page, password
):
    page = page_for(cast.chutich)
    page.get_by_role("link", name="Bảo mật tài khoản").click()
    expect(page.get_by_test_id("second-factor")).to_contain_text("Chưa bật")
    page.get_by_role("link", name="Bật xác thực hai bước").click()
    page.get_by_role("button", name="Bắt đầu cài đặt").click()
    qr = page.get_by_test_id("qr")
    expect(qr).to_be_visible()
    assert qr.get_attribute("src").startswith("data:image/svg+xml")
    assert qr.evaluate("img => img.naturalWidth") > 100  # the browser drew the QR image
    device = TOTPDevice.objects.get(user=cast.chutich, confirmed=False)
    secret = page.get_by_test_id("secret").inner_text().replace(" ", "")
    import base64

    assert base64.b32decode(secret + "=" * (-len(secret) % 8)) == device.bin_key
    page.get_by_label("Mã xác thực").fill(code(device))
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_test_id("recovery-codes").locator("li")).to_have_count(10)
    page.get_by_role("link", name="Tiếp tục làm việc").click()
    page.get_by_role("button", name="Đăng xuất").click()

    again = new_page()
    submit_password(again, "chutich", password)
    expect(again.get_by_role("heading", name="Xác thực hai bước")).to_be_visible()
    expect(again.get_by_test_id("who")).to_have_count(0)  # not logged in on the password
    again.get_by_label("Mã xác thực").fill(code(device, ahead=1))
    again.get_by_role("button", name="Xác nhận").click()
    expect(again.get_by_test_id("who")).to_have_text("Lê Văn Nam")
    assert AuditEvent.objects.filter(action="account.second_factor_on",
                                     object_id=str(cast.chutich.pk)).exists()


def test_an_office_requires_it_of_heads_who_set_it_up_at_their_next_login(
    transactional_db, cast, page_for, new_page, password
):
    admin = page_for(cast.admin)
    admin.goto(f"{admin.base_url}/quan-tri/")
    admin.get_by_role("link", name="Xác thực hai bước").first.click()
    admin.get_by_role("link", name="Sửa").click()
    admin.get_by_label("Người đứng đầu, cấp phó các cơ quan").check()
    admin.get_by_role("button", name="Lưu").click()
    expect(admin.get_by_role("alert").filter(has_text="Đã lưu quy định")).to_be_visible()
    expect(admin.get_by_test_id("second-factor-policies")).to_contain_text("Bắt buộc")

    head = new_page()
    submit_password(head, "chutich", password)
    expect(head.get_by_test_id("enrol-required")).to_be_visible()
    head.get_by_role("button", name="Bắt đầu cài đặt").click()
    device = TOTPDevice.objects.get(user=cast.chutich, confirmed=False)
    head.get_by_label("Mã xác thực").fill(code(device))
    head.get_by_role("button", name="Xác nhận").click()
    expect(head.get_by_test_id("recovery-codes").locator("li")).to_have_count(10)
    expect(head.get_by_test_id("who")).to_have_text("Lê Văn Nam")

    admin.goto(f"{admin.base_url}/quan-tri/nguoi-dung/{cast.chutich.pk}/")
    security = admin.get_by_test_id("login-security")
    expect(security).to_contain_text("Đã bật")
    expect(security).to_contain_text("Bắt buộc theo quy định của văn phòng")
    security.get_by_role("button", name="Đặt lại xác thực hai bước").click()
    expect(admin.get_by_role("alert").filter(has_text="Đã đặt lại")).to_be_visible()
    expect(admin.get_by_test_id("login-security")).to_contain_text("Chưa bật")
    assert not TOTPDevice.objects.filter(user=cast.chutich).exists()
