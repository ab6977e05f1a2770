"""Passwords (issue 18 §2.4): common passwords and passwords like the person's own name
or e-mail are refused, in Vietnamese; the demo password still passes for the cast."""

from __future__ import annotations

import html

from django.contrib.auth import password_validation
from django.test import Client
from django.urls import reverse

from vanphong.demo.orgchart import DEMO_PASSWORD


def reset_password(client: Client, person, password: str):
    return client.post(reverse("administration:person_password", args=[person.pk]),
                       {"password1": password, "password2": password})


def test_a_common_password_is_refused_in_vietnamese(cast, client_for, password):
    response = reset_password(client_for(cast.admin), cast.ketoan, "password")
    assert response.status_code == 200
    assert "Mật khẩu này quá phổ biến." in html.unescape(response.content.decode())
    assert Client().login(username="ketoan", password=password)


def test_a_password_like_the_persons_name_or_email_is_refused(cast, client_for):
    admin = client_for(cast.admin)
    response = reset_password(admin, cast.chutich, "chutich2026")
    assert "Mật khẩu quá giống với Tên đăng nhập." in html.unescape(response.content.decode())
    response = reset_password(admin, cast.chutich, "tanhoa.vn")
    assert "Mật khẩu quá giống với" in html.unescape(response.content.decode())


def test_a_new_account_with_a_common_password_is_not_created(cast, client_for):
    response = client_for(cast.admin).post(reverse("administration:person_create"), {
        "username": "nguyenvanb", "full_name": "Nguyễn Văn B", "password1": "iloveyou",
        "password2": "iloveyou", "office": cast.office.pk, "role": "specialist",
        "title": "Chuyên viên", "organization": cast.orgs["UBND"].pk,
        "start_date": "2026-01-05",
    })
    assert "Mật khẩu này quá phổ biến." in html.unescape(response.content.decode())
    from vanphong.organizations.models import User

    assert not User.objects.filter(username="nguyenvanb").exists()


def test_the_demo_password_passes_for_every_member_of_the_cast(cast):
    for person in cast.users.values():
        password_validation.validate_password(DEMO_PASSWORD, person)
