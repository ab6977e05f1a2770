"""Administration of follow-up and the schedule: reminder policies ("Nhắc việc") of the
office and of each organization, and meeting rooms. Rules and gatekeeping are in
`vanphong.followup.configuration` and `vanphong.schedule.configuration`."""

from __future__ import annotations

import dataclasses

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from vanphong.administration.forms import ReminderPolicyForm, RoomForm
from vanphong.administration.views import admin_page, form_data, form_page, me, submit
from vanphong.followup import configuration as config
from vanphong.followup.reminders import DEFAULT_POLICY
from vanphong.organizations import access
from vanphong.organizations.acting import current_office
from vanphong.schedule import configuration as rooms


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


# --- Meeting rooms -----------------------------------------------------------------------------


@admin_page
def room_list(request: HttpRequest) -> HttpResponse:
    access.require_administrator(me(request))
    return render(request, "administration/room_list.html",
                  {"rooms": rooms.administered_rooms(me(request))})


@admin_page
def room_edit(request: HttpRequest, room_id: int | None = None) -> HttpResponse:
    access.require_administrator(me(request))
    room = rooms.get_room_for_admin(me(request), room_id) if room_id else None
    offices = access.administered_offices(me(request))
    if room is not None:
        initial = {"office": room.office, "name": room.name, "capacity": room.capacity,
                   "is_active": room.is_active}
    else:
        here = current_office(request, among=offices.values_list("pk", flat=True))
        initial = {"office": here, "is_active": True}
    form = RoomForm(form_data(request), offices=offices, initial=initial)
    if request.method == "POST":
        saved = submit(form, lambda: rooms.save_room(
            actor=me(request), office=form.cleaned_data["office"], name=form.cleaned_data["name"],
            capacity=form.cleaned_data["capacity"], is_active=form.cleaned_data["is_active"],
            room=room))
        if saved:
            messages.success(request, f"Đã lưu phòng họp {saved.name}.")
            return redirect("administration:room_list")
    return form_page(request, form, title="Sửa phòng họp" if room else "Thêm phòng họp",
                     back="administration:room_list",
                     intro="Lịch tuần cảnh báo khi một phòng họp được xếp hai sự kiện cùng giờ.")
