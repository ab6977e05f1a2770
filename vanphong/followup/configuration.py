"""Administrators set how tasks are chased: the office's default reminder policy and an
organization's own, which replaces it for the tasks that organization assigns."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.db import transaction

from vanphong.audit.actions import record_audit
from vanphong.errors import Invalid, NotFound
from vanphong.followup.models import ReminderPolicy
from vanphong.organizations import access
from vanphong.organizations.models import Office, Organization, User

#: More than a month of working days before a deadline is not a reminder but a plan.
MAX_DAYS = 30


@dataclasses.dataclass(frozen=True)
class PolicyFields:
    days_before: int = 2
    on_due_day: bool = True
    overdue_every: int = 3
    overdue_to_assigner: bool = True
    digest: bool = True
    email: bool = True
    send_after: dt.time = dt.time(7, 30)

    @classmethod
    def of(cls, policy: ReminderPolicy) -> PolicyFields:
        return cls(**{f.name: getattr(policy, f.name) for f in dataclasses.fields(cls)})


@dataclasses.dataclass(frozen=True)
class PolicyRow:
    office: Office
    organization: Organization | None
    policy: ReminderPolicy | None  # None: follows the office's default

    @property
    def key(self) -> str:
        return f"org-{self.organization.pk}" if self.organization else f"office-{self.office.pk}"


def policy_rows(user: User) -> list[PolicyRow]:
    """Every office the user administers: its default, then each active organization."""
    saved = {(p.office_id, p.organization_id): p for p in ReminderPolicy.objects.all()}
    rows = []
    for office in access.administered_offices(user).order_by("name"):
        rows.append(PolicyRow(office, None, saved.get((office.pk, None))))
        for organization in office.organizations.filter(is_active=True).order_by("position"):
            rows.append(PolicyRow(office, organization, saved.get((office.pk, organization.pk))))
    return rows


def get_policy_row(user: User, key: str) -> PolicyRow:
    for row in policy_rows(user):
        if row.key == key:
            return row
    raise NotFound("Không tìm thấy cơ quan hoặc bạn không quản trị cơ quan này.")


def save_reminder_policy(*, actor: User, row: PolicyRow, fields: PolicyFields) -> ReminderPolicy:
    if row.office.pk not in access.administered_office_ids(actor):
        raise NotFound
    for name in ("days_before", "overdue_every"):
        if not 0 <= getattr(fields, name) <= MAX_DAYS:
            raise Invalid(f"Số ngày từ 0 đến {MAX_DAYS}.", fields={name: "Sai."})
    with transaction.atomic():
        policy, _created = ReminderPolicy.objects.update_or_create(
            office=row.office, organization=row.organization,
            defaults=dataclasses.asdict(fields),
        )
        target = row.organization or row.office
        record_audit(actor=actor, action="reminder_policy.save", target=policy,
                     summary=f"Chế độ nhắc việc: {target}", office_id=row.office.pk,
                     organization_id=row.organization.pk if row.organization else None,
                     **{k: str(v) for k, v in dataclasses.asdict(fields).items()})
    return policy


def reset_reminder_policy(*, actor: User, row: PolicyRow) -> None:
    """The organization follows the office's default again."""
    if row.office.pk not in access.administered_office_ids(actor) or row.organization is None:
        raise NotFound
    with transaction.atomic():
        deleted, _ = ReminderPolicy.objects.filter(organization=row.organization).delete()
        if deleted:
            record_audit(actor=actor, action="reminder_policy.reset", target=row.organization,
                         summary=f"{row.organization.short_name} theo chế độ nhắc việc chung",
                         office_id=row.office.pk, organization_id=row.organization.pk)
