"""Notices ("Thông báo"): one's own, newest first; marking them read."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import ConfigDict, Field

from vanphong.api.errors import errors
from vanphong.notices import actions
from vanphong.notices.access import get_notification_for, visible_notifications
from vanphong.notices.models import Notification
from vanphong.organizations.models import User

router = Router(tags=["Thông báo"])


class NoticeFilters(Schema):
    model_config = ConfigDict(extra="ignore")

    unread: bool = False
    page: int = Field(1, ge=1, le=10_000)
    page_size: int = Field(30, ge=1, le=100)


class NoticeOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    link: str
    created_at: dt.datetime
    read_at: dt.datetime | None
    mail_state: str


class NoticePage(Schema):
    items: list[NoticeOut]
    count: int
    unread: int
    page: int
    page_size: int


def _user(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined, no-any-return]


def _out(notice: Notification) -> dict[str, Any]:
    return {"id": notice.pk, "kind": notice.kind, "title": notice.title, "body": notice.body,
            "link": notice.link, "created_at": notice.created_at, "read_at": notice.read_at,
            "mail_state": notice.mail_state}


@router.get("/notifications", response={200: NoticePage, **errors(401, 422)},
            summary="Thông báo của người gọi, mới nhất trước")
def list_notifications(request: HttpRequest, filters: Query[NoticeFilters]) -> dict[str, Any]:
    mine = visible_notifications(_user(request))
    notices = mine.filter(read_at__isnull=True) if filters.unread else mine
    start = (filters.page - 1) * filters.page_size
    return {"items": [_out(n) for n in notices[start:start + filters.page_size]],
            "count": notices.count(), "unread": mine.filter(read_at__isnull=True).count(),
            "page": filters.page, "page_size": filters.page_size}


@router.post("/notifications/{int:notice_id}/read", response={200: NoticeOut, **errors(401, 404)},
             summary="Đánh dấu một thông báo là đã đọc")
def read_notification(request: HttpRequest, notice_id: int) -> dict[str, Any]:
    user = _user(request)
    notice = get_notification_for(user, notice_id)
    actions.mark_read(user=user, notice=notice)
    notice.refresh_from_db()
    return _out(notice)
