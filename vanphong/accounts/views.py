"""Logging in (password, then the second factor when the person has one or must have
one) and a person's own "Bảo mật tài khoản" page. Rules are in `access.py` and
`second_factor.py`, writes in `actions.py`."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import django_otp
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from vanphong.accounts import actions, pending, second_factor
from vanphong.accounts.access import second_factor_required
from vanphong.accounts.forms import CodeForm
from vanphong.errors import Invalid, NotAllowed
from vanphong.organizations.models import User

#: Recovery codes just made, shown once by `recovery_codes` and then forgotten.
NEW_CODES_KEY = "vanphong_new_recovery_codes"


class LoginView(auth_views.LoginView):
    """The password step. A person with a second factor, or required to have one, is
    not logged in yet: they go on to the code (or to setting up their app)."""

    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        if second_factor.is_enabled(user):
            step = "accounts:login_code"
        elif second_factor_required(user):
            step = "accounts:login_enrol"
        else:
            return super().form_valid(form)
        pending.begin(self.request, user, next_url=self.get_redirect_url())
        return redirect(step)


def _login_step(view: Callable[[HttpRequest, User], HttpResponse]
                ) -> Callable[[HttpRequest], HttpResponse]:
    """A step after the password: needs someone halfway through logging in."""

    @sensitive_post_parameters()
    @never_cache
    @functools.wraps(view)
    def wrapper(request: HttpRequest) -> HttpResponse:
        user = pending.pending_user(request)
        if user is None:
            messages.info(request, "Phiên đăng nhập đã hết hạn; hãy nhập lại mật khẩu.")
            return redirect("login")
        return view(request, user)

    return wrapper


def _data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


@_login_step
def login_code(request: HttpRequest, user: User) -> HttpResponse:
    form = CodeForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            device = second_factor.verify(user, form.cleaned_data["code"])
        except Invalid as error:
            form.add_error("code", error.message)
        else:
            return pending.finish(request, user, device)
    return render(request, "accounts/login_code.html", {"form": form, "person": user})


@_login_step
def login_enrol(request: HttpRequest, user: User) -> HttpResponse:
    if second_factor.is_enabled(user):
        return redirect("accounts:login_code")
    return _enrol(request, user, during_login=True)


def _enrol(request: HttpRequest, user: User, *, during_login: bool) -> HttpResponse:
    """Show the QR code and key of a new app device, and confirm it with a code."""
    if request.method == "POST" and "start" in request.POST:
        actions.start_enrolment(user=user)
        return redirect(request.path)
    device = second_factor.app_device(user, confirmed=False)
    form = CodeForm(_data(request) if device else None)
    if device is not None and request.method == "POST" and form.is_valid():
        try:
            device, codes = actions.confirm_enrolment(user=user, code=form.cleaned_data["code"])
        except Invalid as error:
            form.add_error("code", error.message)
        else:
            request.session[NEW_CODES_KEY] = codes
            then = reverse("accounts:recovery_codes")
            if during_login:
                return pending.finish(request, user, device, then=then)
            django_otp.login(request, device)
            return redirect(then)
    return render(request, "accounts/enrol.html", {
        "device": device, "form": form, "during_login": during_login,
        "required": second_factor_required(user),
        "qr": second_factor.qr_data_uri(device) if device else "",
        "secret": second_factor.secret_text(device) if device else "",
    })


# --- The person's own page -------------------------------------------------------------


def _me(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@login_required
def security(request: HttpRequest) -> HttpResponse:
    user = _me(request)
    return render(request, "accounts/security.html", {
        "enabled": second_factor.is_enabled(user), "required": second_factor_required(user),
        "codes_left": second_factor.recovery_codes_left(user), "off_form": CodeForm(),
    })


@login_required
@sensitive_post_parameters()
def security_enrol(request: HttpRequest) -> HttpResponse:
    if second_factor.is_enabled(_me(request)):
        return redirect("accounts:security")
    return _enrol(request, _me(request), during_login=False)


@login_required
@never_cache
def recovery_codes(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        try:
            request.session[NEW_CODES_KEY] = actions.renew_recovery_codes(user=_me(request))
        except Invalid as error:
            messages.error(request, error.message)
            return redirect("accounts:security")
        return redirect("accounts:recovery_codes")
    codes = request.session.pop(NEW_CODES_KEY, None)
    if not codes:
        return redirect("accounts:security")
    return render(request, "accounts/recovery_codes.html", {"codes": codes})


@login_required
@require_POST
@sensitive_post_parameters()
def security_off(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST)
    try:
        if not form.is_valid():
            raise Invalid("Hãy nhập mã xác thực để tắt xác thực hai bước.")
        actions.turn_off(user=_me(request), code=form.cleaned_data["code"])
    except (Invalid, NotAllowed) as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Đã tắt xác thực hai bước.")
    return redirect("accounts:security")
