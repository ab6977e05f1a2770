"""Administration of follow-up: reminder policies ("Nhắc việc") of the office and of each
organization. Rules and gatekeeping are in `vanphong.followup.configuration`."""

from __future__ import annotations

import dataclasses

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from vanphong.administration.forms import ReminderPolicyForm
from vanphong.administration.views import admin_page, form_data, form_page, me, submit
from vanphong.followup import configuration as config
from vanphong.followup.reminders import DEFAULT_POLICY
from vanphong.organizations import access


@admin_page
def reminder_policies(request: HttpRequest) -> HttpResponse:
    access.require_administrator(me(request))
    rows = config.policy_rows(me(request))
    defaults = {row.office.pk: row.policy or DEFAULT_POLICY for row in rows
                if row.organization is None}
    return render(request, "administration/reminder_policies.html",
                  {"rows": rows, "defaults": defaults})


@admin_page
def reminder_policy_edit(request: HttpRequest, key: str) -> HttpResponse:
    access.require_administrator(me(request))
    row = config.get_policy_row(me(request), key)
    current = row.policy
    if current is None:
        office_default = config.get_policy_row(me(request), f"office-{row.office.pk}").policy
        current = office_default or DEFAULT_POLICY
    form = ReminderPolicyForm(form_data(request),
                              initial=dataclasses.asdict(config.PolicyFields.of(current)))
    if request.method == "POST":
        saved = submit(form, lambda: config.save_reminder_policy(
            actor=me(request), row=row, fields=form.to_fields()))
        if saved:
            messages.success(request, "Đã lưu chế độ nhắc việc.")
            return redirect("administration:reminder_policies")
    name = row.organization.name if row.organization else f"{row.office.name} (mặc định)"
    return form_page(request, form, title=f"Nhắc việc — {name}",
                     back="administration:reminder_policies",
                     intro="Nhắc người thực hiện trước hạn, vào ngày đến hạn và khi quá hạn; "
                           "chỉ gửi vào ngày làm việc, từ giờ đã đặt. Chế độ của cơ quan áp "
                           "dụng cho nhiệm vụ cơ quan đó giao.")


@admin_page
@require_POST
def reminder_policy_reset(request: HttpRequest, key: str) -> HttpResponse:
    access.require_administrator(me(request))
    row = config.get_policy_row(me(request), key)
    config.reset_reminder_policy(actor=me(request), row=row)
    messages.success(request, "Cơ quan áp dụng chế độ nhắc việc chung của văn phòng.")
    return redirect("administration:reminder_policies")
