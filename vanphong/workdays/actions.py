"""Administrators' per-year working-day overrides: extra days off and weekend days
worked in exchange (hoán đổi ngày làm việc, nghỉ bù), announced by the government each
year and not known to `holidays.VN` in advance."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from vanphong.audit.actions import record_audit
from vanphong.editing import save_validated
from vanphong.errors import Invalid
from vanphong.organizations.models import User
from vanphong.vietnamese import nfc
from vanphong.workdays import access as workday_access
from vanphong.workdays.dates import SATURDAY, statutory_holidays
from vanphong.workdays.models import OverrideKind, WorkdayOverride


def _problem(day: dt.date, kind: str, name: str) -> dict[str, str]:
    if kind not in OverrideKind.values:
        return {"kind": "Loại ngày không hợp lệ."}
    if not name:
        return {"name": "Cần ghi lý do, ví dụ: Nghỉ bù Tết Nguyên đán (Công văn số ...)."}
    existing = WorkdayOverride.objects.filter(date=day).first()
    if existing:
        return {"date": f"Ngày {day:%d/%m/%Y} đã được khai báo: {existing.name}."}
    statutory = day in statutory_holidays(day.year)
    weekend = day.weekday() >= SATURDAY
    if kind == OverrideKind.HOLIDAY and statutory:
        return {"date": f"Ngày {day:%d/%m/%Y} đã là ngày nghỉ lễ theo Bộ luật Lao động."}
    if kind == OverrideKind.HOLIDAY and weekend:
        return {"date": f"Ngày {day:%d/%m/%Y} là ngày nghỉ cuối tuần rồi."}
    if kind == OverrideKind.WORKING_DAY and not (statutory or weekend):
        return {"date": f"Ngày {day:%d/%m/%Y} vốn là ngày làm việc."}
    return {}


@transaction.atomic
def add_workday_override(*, actor: User, day: dt.date, kind: str, name: str) -> WorkdayOverride:
    """Declare a day off (holiday) or a day worked (working) that differs from the rules."""
    workday_access.require_workday_manager(actor)
    name = nfc(name)
    errors = _problem(day, kind, name)
    if errors:
        raise Invalid("Ngày hoán đổi chưa hợp lệ.", fields=errors)
    override = WorkdayOverride(date=day, kind=kind, name=name)
    save_validated(override)
    record_audit(actor=actor, action="workday.add", target=override,
                 summary=f"Khai báo {override}", date=day.isoformat(), kind=kind)
    return override


@transaction.atomic
def remove_workday_override(*, actor: User, override: WorkdayOverride) -> None:
    workday_access.require_workday_manager(actor)
    record_audit(actor=actor, action="workday.remove", target=override,
                 summary=f"Bỏ khai báo {override}", date=override.date.isoformat(),
                 kind=override.kind)
    override.delete()
