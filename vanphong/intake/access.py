"""Who may see and do what in intake — decided here and only here.

- The office's clerks receive files, see the queue, register, discard and retry.
- Office leads see the queue and the items (to follow the work), without acting.
- Nobody else sees items: until registered, a received file belongs to no organization,
  and it may be secret.
- Reading a file for its header fields (`may_extract`, the API) is open to the staff of
  any office: it registers nothing and keeps nothing.
"""

from __future__ import annotations

import enum
import uuid
from typing import Any

from django.db.models import QuerySet

from vanphong.errors import NotAllowed, NotFound
from vanphong.intake.models import IntakeItem, ItemState
from vanphong.organizations.models import User
from vanphong.organizations.standing import standing_of


class Action(enum.StrEnum):
    VIEW = "view"
    REGISTER = "register"
    DISCARD = "discard"
    RETRY = "retry"


def receiving_offices(user: User) -> frozenset[int]:
    """Offices into whose intake queue the user may put files."""
    return standing_of(user).clerk_offices


def sees_intake(user: User | None) -> bool:
    """The "Tiếp nhận" page and its menu item: the office's clerks and leads."""
    return bool(standing_of(user).staff_offices)


def visible_items(user: User) -> QuerySet[IntakeItem]:
    return IntakeItem.objects.filter(office_id__in=standing_of(user).staff_offices)


def allowed_actions(user: User, item: IntakeItem) -> set[Action]:
    standing = standing_of(user)
    if item.office_id not in standing.staff_offices:
        return set()
    actions = {Action.VIEW}
    if item.office_id in standing.clerk_offices:
        if item.state == ItemState.READY:
            actions |= {Action.REGISTER, Action.DISCARD}
        elif item.state == ItemState.FAILED:
            actions |= {Action.RETRY, Action.REGISTER, Action.DISCARD}
        elif item.state == ItemState.QUEUED:
            actions |= {Action.DISCARD}
    return actions


def may_extract(user: User) -> bool:
    standing = standing_of(user)
    return bool(standing.staff_offices or standing.member_offices)


def get_item_for(user: User, item_id: Any, action: Action = Action.VIEW) -> IntakeItem:
    try:
        pk = uuid.UUID(str(item_id))
    except ValueError:
        raise NotFound() from None
    item = (
        IntakeItem.objects.select_related("original", "office", "preview", "searchable")
        .filter(pk=pk)
        .first()
    )
    if item is None or Action.VIEW not in allowed_actions(user, item):
        raise NotFound()
    if action not in allowed_actions(user, item):
        raise NotAllowed(_refusal(action, item))
    return item


def _refusal(action: Action, item: IntakeItem) -> str:
    if action == Action.REGISTER and item.state in {ItemState.QUEUED, ItemState.WORKING}:
        return "Văn bản đang được đọc; chờ xong rồi vào sổ."
    if item.state in {ItemState.REGISTERED, ItemState.DISCARDED}:
        return "Văn bản này đã được xử lý xong."
    return "Chỉ văn thư của văn phòng được thực hiện thao tác này."
