"""Who sees which notices: each person their own, nobody else's (administrators
included: a notice may name a secret document's task)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from vanphong.errors import NotFound
from vanphong.notices.models import Notification
from vanphong.organizations.models import User


def visible_notifications(user: User | None) -> QuerySet[Notification]:
    if user is None or not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient_id=user.pk)


def get_notification_for(user: User, notification_id: Any) -> Notification:
    """NotFound for a notice that does not exist or is someone else's."""
    try:
        pk = int(notification_id)
        if not 0 < pk < 2**63:
            raise ValueError(pk)
        return visible_notifications(user).get(pk=pk)
    except (Notification.DoesNotExist, ValidationError, ValueError, TypeError):
        raise NotFound from None


def unread_count(user: User | None) -> int:
    return visible_notifications(user).filter(read_at__isnull=True).count()
