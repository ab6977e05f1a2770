"""The notices page ("Thông báo"): one's own notices, newest first; opening one marks it
read and leads to what it is about."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from vanphong.errors import NotFound
from vanphong.http import AuthedRequest
from vanphong.notices import actions
from vanphong.notices.access import get_notification_for, visible_notifications

PAGE_SIZE = 30


@login_required
def notice_list(request: AuthedRequest) -> HttpResponse:
    notices = visible_notifications(request.user)
    unread_only = request.GET.get("chua-doc") == "1"
    if unread_only:
        notices = notices.filter(read_at__isnull=True)
    page = Paginator(notices, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "notices/list.html", {"page": page, "unread_only": unread_only})


@login_required
@require_POST
def notice_open(request: AuthedRequest, notice_id: Any) -> HttpResponse:
    try:
        notice = get_notification_for(request.user, notice_id)
    except NotFound:
        raise Http404("Không tìm thấy thông báo") from None
    actions.mark_read(user=request.user, notice=notice)
    safe = notice.link and url_has_allowed_host_and_scheme(notice.link, allowed_hosts=None)
    return redirect(notice.link if safe else "notices:list")


@login_required
@require_POST
def notice_read_all(request: AuthedRequest) -> HttpResponse:
    count = actions.mark_all_read(user=request.user)
    messages.success(request, f"Đã đánh dấu {count} thông báo là đã đọc.")
    return redirect("notices:list")
