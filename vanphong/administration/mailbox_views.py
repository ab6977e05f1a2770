"""Administration pages for the mailboxes documents arrive in by e-mail: list, add, edit,
stop reading, check the connection and read now. The gatekeeper and the actions are in
`vanphong.intake.mail`; these views parse input, call them and render."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from vanphong.administration.forms import AdminForm, OfficeChoiceMixin
from vanphong.administration.views import admin_page, form_data, form_page, me, submit
from vanphong.intake import mail
from vanphong.intake.models import Mailbox, Security
from vanphong.organizations import access
from vanphong.organizations.models import Office

FIELDS = ("name", "host", "port", "security", "username", "folder", "is_active")
INTRO = ("Văn phòng đọc hộp thư này vài phút một lần: mỗi tệp đính kèm là văn bản (PDF, "
         "Word, Excel, OpenDocument, RTF, ảnh chụp; tệp nén được giải nén) vào hàng chờ "
         "tiếp nhận, ghi người gửi; thư đã đọc được đánh dấu "
         "đã xem và không bao giờ đọc lại. Nên dùng một hộp thư riêng cho văn bản đến.")


class MailboxForm(OfficeChoiceMixin, AdminForm):
    name = forms.CharField(label="Tên hộp thư", max_length=100,
                           help_text="Ví dụ: Hộp thư văn thư UBND xã.")
    host = forms.CharField(label="Máy chủ IMAP", max_length=200,
                           help_text="Ví dụ: mail.lamdong.gov.vn hoặc imap.gmail.com.")
    security = forms.ChoiceField(label="Bảo mật", choices=Security.choices,
                                 initial=Security.SSL)
    port = forms.IntegerField(label="Cổng", min_value=1, max_value=65535, initial=993,
                              help_text="SSL/TLS thường là 993; STARTTLS hoặc không mã hoá: 143.",
                              error_messages={"invalid": "Cổng là số từ 1 đến 65535.",
                                              "min_value": "Cổng là số từ 1 đến 65535.",
                                              "max_value": "Cổng là số từ 1 đến 65535."})
    username = forms.CharField(label="Tài khoản", max_length=200,
                               help_text="Thường là địa chỉ thư điện tử.")
    password = forms.CharField(label="Mật khẩu", max_length=200, required=False,
                               widget=forms.PasswordInput(render_value=False,
                                                          attrs={"autocomplete": "new-password"}))
    folder = forms.CharField(label="Thư mục", max_length=200, initial="INBOX",
                             help_text="Thư mục cần đọc; INBOX là hộp thư đến.")
    is_active = forms.BooleanField(label="Đang dùng", required=False, initial=True)

    def __init__(self, *args: Any, offices: QuerySet[Office] | None, editing: bool,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if offices is not None:
            self.add_office_field(offices)
        if editing:
            self.fields["password"].help_text = "Để trống nếu không đổi mật khẩu."

    def to_fields(self) -> mail.MailboxFields:
        data = self.cleaned_data
        return mail.MailboxFields(password=data["password"],
                                  **{name: data[name] for name in FIELDS})

    @staticmethod
    def initial_for(mailbox: Mailbox) -> dict[str, Any]:
        return {name: getattr(mailbox, name) for name in FIELDS}


@admin_page
def mailbox_list(request: HttpRequest) -> HttpResponse:
    access.require_administrator(me(request))
    mailboxes = mail.administered_mailboxes(me(request)).select_related("office")
    return render(request, "administration/mailbox_list.html", {
        "mailboxes": mailboxes.order_by("-is_active", "name"),
        "several_offices": access.administered_offices(me(request)).count() > 1,
    })


@admin_page
def mailbox_create(request: HttpRequest) -> HttpResponse:
    access.require_administrator(me(request))
    form = MailboxForm(form_data(request), offices=access.administered_offices(me(request)),
                       editing=False)
    if request.method == "POST":
        mailbox = submit(form, lambda: mail.create_mailbox(
            actor=me(request), office=form.cleaned_data["office"], fields=form.to_fields()))
        if mailbox:
            messages.success(request, f"Đã thêm hộp thư {mailbox.name}. Hãy bấm “Kiểm tra "
                                      "kết nối” để chắc chắn đăng nhập được.")
            return redirect("administration:mailbox_list")
    return form_page(request, form, title="Thêm hộp thư nhận văn bản",
                     back="administration:mailbox_list", intro=INTRO)


@admin_page
def mailbox_edit(request: HttpRequest, mailbox_id: int) -> HttpResponse:
    mailbox = mail.get_mailbox_for_admin(me(request), mailbox_id)
    form = MailboxForm(form_data(request), offices=None, editing=True,
                       initial=MailboxForm.initial_for(mailbox))
    if request.method == "POST" and submit(form, lambda: mail.update_mailbox(
            actor=me(request), mailbox=mailbox, fields=form.to_fields())):
        messages.success(request, f"Đã lưu hộp thư {mailbox.name}.")
        return redirect("administration:mailbox_list")
    return form_page(request, form, title=f"Sửa hộp thư {mailbox.name}",
                     back="administration:mailbox_list", intro=INTRO)


@admin_page
@require_POST
def mailbox_deactivate(request: HttpRequest, mailbox_id: int) -> HttpResponse:
    mailbox = mail.get_mailbox_for_admin(me(request), mailbox_id)
    mail.deactivate_mailbox(actor=me(request), mailbox=mailbox)
    messages.success(request, f"Đã ngừng đọc hộp thư {mailbox.name}; các văn bản đã nhận "
                              "vẫn giữ nguyên.")
    return redirect("administration:mailbox_list")


@admin_page
@require_POST
def mailbox_check(request: HttpRequest, mailbox_id: int) -> HttpResponse:
    mailbox = mail.get_mailbox_for_admin(me(request), mailbox_id)
    ok, message = mail.check_connection(mailbox)
    (messages.success if ok else messages.error)(request, f"{mailbox.name}: {message}")
    return redirect("administration:mailbox_list")


@admin_page
@require_POST
def mailbox_fetch(request: HttpRequest, mailbox_id: int) -> HttpResponse:
    mailbox = mail.get_mailbox_for_admin(me(request), mailbox_id)
    result = mail.fetch_mailbox_now(actor=me(request), mailbox=mailbox)
    (messages.error if result.error else messages.success)(
        request, f"{mailbox.name}: {result.summary()}")
    return redirect("administration:mailbox_list")
