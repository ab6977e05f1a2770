"""Who may declare working-day overrides — decided here only. They apply to the whole
installation (the government announces them for everyone at once), so superusers and any
office administrator manage them."""

from __future__ import annotations

from vanphong.errors import NotAllowed, NotFound
from vanphong.organizations.access import is_administrator, parse_pk
from vanphong.organizations.models import User
from vanphong.workdays.models import WorkdayOverride


def may_manage_workdays(user: User | None) -> bool:
    return is_administrator(user)


def require_workday_manager(user: User | None) -> None:
    if not may_manage_workdays(user):
        raise NotAllowed("Chỉ quản trị viên được khai báo ngày hoán đổi.")


def get_workday_override_for_admin(user: User | None, override_id: int | str) -> WorkdayOverride:
    missing = NotFound("Không tìm thấy ngày hoán đổi hoặc bạn không có quyền sửa.")
    if not may_manage_workdays(user):
        raise missing
    try:
        return WorkdayOverride.objects.get(pk=parse_pk(override_id))
    except (WorkdayOverride.DoesNotExist, ValueError):
        raise missing from None
