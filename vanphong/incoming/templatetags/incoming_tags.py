from __future__ import annotations

import datetime as dt

from django import template

from vanphong import clock
from vanphong.incoming.models import IncomingDocument

register = template.Library()

STATUS_CLASSES = {
    "registered": "text-bg-secondary",
    "routed": "text-bg-warning",
    "assigned": "text-bg-info",
    "in_progress": "text-bg-primary",
    "done": "text-bg-success",
    "withdrawn": "text-bg-dark",
}


@register.inclusion_tag("incoming/_badges.html")
def doc_badges(document: IncomingDocument, today: dt.date | None = None) -> dict:
    """Status, urgency, secrecy, overdue and "returned" marks, the same on every screen."""
    day = today or clock.today()
    return {
        "doc": document,
        "returned": document.return_event_id is not None,
        "status_class": STATUS_CLASSES.get(document.status, "text-bg-light"),
        "overdue": document.is_overdue(day),
        "reply_overdue": document.reply_overdue(day),
    }


@register.filter
def vn_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    return value.strftime("%d/%m/%Y")
