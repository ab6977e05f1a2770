from __future__ import annotations

from typing import Any

from django.db import models

from vanphong import clock
from vanphong.audit.context import current_origin
from vanphong.audit.models import AuditEvent


def record_audit(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    summary: str = "",
    office_id: int | None = None,
    organization_id: int | None = None,
    **data: Any,
) -> AuditEvent:
    """Write one audit row. Call it inside the transaction of the change it records."""
    origin = current_origin()
    if target is not None:
        organization_id = organization_id or getattr(target, "organization_id", None)
        office_id = office_id or getattr(target, "office_id", None)
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        at=clock.now(),
        actor=actor if authenticated else None,
        actor_name=str(actor) if authenticated else "",
        action=action,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        office_id=office_id,
        organization_id=organization_id,
        address=origin.address,
        user_agent=origin.user_agent,
        channel=origin.channel,
        summary=summary[:300],
        data=data,
    )
