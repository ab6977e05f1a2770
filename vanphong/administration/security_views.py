"""Administration of login security: each office's second-factor policy, and on a
person's page, resetting their second factor (a lost phone) and lifting a login lock.
Rules are in `vanphong.accounts` (`access.py` who must, `actions.py` the audited writes)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from vanphong.accounts import actions
from vanphong.accounts.models import SecondFactorPolicy
from vanphong.administration.forms import AdminForm
from vanphong.administration.views import admin_page, form_data, form_page, me, submit
from vanphong.organizations import access


class SecondFactorPolicyForm(AdminForm):
    require_admins = forms.BooleanField(
        label="Quản trị viên của văn phòng (và quản trị toàn hệ thống)", required=False)
    require_heads = forms.BooleanField(
        label="Người đứng đầu, cấp phó các cơ quan", required=False)
    require_signers = forms.BooleanField(
        label="Người được giao ký thừa lệnh (TL.), thừa ủy quyền (TUQ.)", required=False)

    def to_fields(self) -> actions.PolicyFields:
        return actions.PolicyFields(**self.cleaned_data)


@admin_page
def second_factor_policies(request: HttpRequest) -> HttpResponse:
    access.require_administrator(me(request))
    offices = access.administered_offices(me(request))
    policies = {p.office_id: p for p in SecondFactorPolicy.objects.filter(office__in=offices)}
    rows = [(office, policies.get(office.pk)) for office in offices]
    return render(request, "administration/second_factor_policies.html", {"rows": rows})


@admin_page
def second_factor_policy_edit(request: HttpRequest, office_id: int) -> HttpResponse:
    office = access.get_office_for_admin(me(request), office_id)
    current = SecondFactorPolicy.objects.filter(office=office).first()
    initial = actions.PolicyFields.of(current).__dict__
    form = SecondFactorPolicyForm(form_data(request), initial=initial)
    if request.method == "POST" and submit(form, lambda: actions.save_policy(
            actor=me(request), office=office, fields=form.to_fields())):
        messages.success(request, "Đã lưu quy định xác thực hai bước.")
        return redirect("administration:second_factor_policies")
    return form_page(
        request, form, title=f"Xác thực hai bước — {office.name}",
        back="administration:second_factor_policies",
        intro="Người thuộc diện được chọn phải nhập thêm mã của ứng dụng xác thực mỗi lần "
              "đăng nhập. Ai chưa cài đặt sẽ được hướng dẫn cài đặt ở lần đăng nhập tới "
              "(phiên đang mở không bị ngắt).",
    )


@admin_page
@require_POST
def person_second_factor_reset(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access.get_person_for_admin(me(request), person_id)
    actions.reset_second_factor(actor=me(request), person=person)
    messages.success(request, f"Đã đặt lại xác thực hai bước của {person.full_name}.")
    return redirect("administration:person_detail", person.pk)


@admin_page
@require_POST
def person_login_unlock(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access.get_person_for_admin(me(request), person_id)
    actions.unlock_login(actor=me(request), person=person)
    messages.success(request, f"Đã mở khóa đăng nhập cho {person.full_name}.")
    return redirect("administration:person_detail", person.pk)
