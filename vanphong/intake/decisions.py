"""The clerk's decisions on an intake item: register it (with what was corrected kept),
present what was registered to the leader the suggestion names, or discard it with a
reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from vanphong import clock
from vanphong.audit.actions import record_audit
from vanphong.errors import Conflict, Invalid
from vanphong.files.actions import record_file_text
from vanphong.incoming.actions import IncomingFields, register_incoming, route_incoming
from vanphong.incoming.models import Channel, IncomingDocument
from vanphong.intake.access import Action, allowed_actions
from vanphong.intake.models import Correction, IntakeItem, ItemState, Source
from vanphong.intake.proposal import outcomes
from vanphong.organizations.models import Organization, User

_CHANNELS = {Source.EMAIL: Channel.EMAIL, Source.API: Channel.API}


def _take(item: IntakeItem, to: str, *, actor: User) -> None:
    """Move the item out of the queue, once: a second clerk gets a clear refusal."""
    changed = IntakeItem.objects.filter(
        pk=item.pk, state__in=[ItemState.READY, ItemState.FAILED, ItemState.QUEUED]
    ).update(state=to, decided_by=actor, decided_at=clock.now(), lease_until=None)
    if not changed:
        raise Conflict("Văn bản này vừa được người khác xử lý.")
    item.state = to


def register_item(
    *,
    actor: User,
    item: IntakeItem,
    organizations: Sequence[Organization],
    fields: IncomingFields,
    arrival_at: dt.datetime | None = None,
    has_paper_original: bool = False,
) -> list[IncomingDocument]:
    """Register the item's file as an incoming document of each chosen organization;
    the searchable copy made by OCR, or the PDF made of a Word 97–2003, RTF or ODT file,
    is attached after the untouched original."""
    if Action.REGISTER not in allowed_actions(actor, item):
        raise Invalid("Văn bản này chưa sẵn sàng hoặc đã được xử lý.")
    files = [(item.original, item.filename)]
    if item.searchable is not None:
        files.append((item.searchable, item.searchable.original_name))
    with transaction.atomic():
        _take(item, ItemState.REGISTERED, actor=actor)
        _keep_text(item)
        documents = register_incoming(
            actor=actor,
            organizations=organizations,
            fields=fields,
            files=files,
            channel=_CHANNELS.get(Source(item.source), Channel.UPLOAD),
            has_paper_original=has_paper_original,
            arrival_at=arrival_at or item.received_at,
        )
        item.receipt = documents[0].receipt
        item.save(update_fields=["receipt"])
        _keep_corrections(item, fields, actor)
        record_audit(
            actor=actor,
            action="intake.register",
            target=item,
            summary=f"Vào sổ từ tiếp nhận: {item.filename}",
            documents=[str(d.pk) for d in documents],
        )
    return documents


def presented_to(item: IntakeItem, organization: Organization) -> User | None:
    """Whom "Trình ngay" presents a document of `organization` registered from the item
    to: the leader the routing suggestion names (it names one for its first organization),
    when the document is that organization's and the person still leads it today; else
    the organization's head. The confirmation page says the same name on the button."""
    suggestion = item.suggestion or {}
    first: dict[str, Any] = next(iter(suggestion.get("organizations") or []), {})
    named = (suggestion.get("leader") or {}).get("id")
    today = clock.today()
    if named and first.get("id") == organization.pk:
        leader = organization.leaders(on=today).filter(pk=named).first()
        if leader is not None:
            return leader
    return organization.head(on=today)


def suggested_presentation(item: IntakeItem) -> tuple[Organization, User] | None:
    """(organization, leader) that "Trình ngay" uses for the suggested organization."""
    first: dict[str, Any] = next(iter((item.suggestion or {}).get("organizations") or []), {})
    if not isinstance(first.get("id"), int):
        return None
    organization = Organization.objects.filter(pk=first["id"], office=item.office_id).first()
    if organization is None:
        return None
    leader = presented_to(item, organization)
    return (organization, leader) if leader is not None else None


def present_registered(
    *, actor: User, item: IntakeItem, documents: Sequence[IncomingDocument]
) -> None:
    """Present each document registered from the item to `presented_to`'s leader."""
    for document in documents:
        leader = presented_to(item, document.organization)
        if leader is not None:
            route_incoming(actor=actor, document=document, leaders=[leader])


def _keep_text(item: IntakeItem) -> None:
    """What intake read becomes the original file's text (for search), unless it has one."""
    if item.text and item.original is not None:
        record_file_text(stored=item.original, text=item.text, source=item.text_source)


def _keep_corrections(item: IntakeItem, fields: IncomingFields, actor: User) -> None:
    if not item.proposal:
        return
    final: dict[str, Any] = {
        "issuer": fields.issuer,
        "code": fields.code,
        "issued_date": fields.issued_date,
        "document_type": fields.document_type,
        "subject": fields.subject,
        "signer_name": fields.signer_name,
        "signer_position": fields.signer_position,
        "recipients": fields.recipients,
        "urgency": fields.urgency,
        "secrecy": fields.secrecy,
    }
    now = clock.now()
    Correction.objects.bulk_create(
        Correction(
            item=item,
            field=outcome.field,
            proposed=outcome.proposed,
            confidence=outcome.confidence,
            final=outcome.final,
            changed=outcome.changed,
            text_source=item.text_source,
            decided_by=actor,
            decided_at=now,
        )
        for outcome in outcomes(item.proposal, final)
    )


def discard_item(*, actor: User, item: IntakeItem, reason: str) -> IntakeItem:
    if Action.DISCARD not in allowed_actions(actor, item):
        raise Invalid("Không bỏ được văn bản này.")
    reason = " ".join(reason.split())
    if not reason:
        raise Invalid("Cần ghi lý do bỏ.", fields={"reason": "Bắt buộc."})
    with transaction.atomic():
        _take(item, ItemState.DISCARDED, actor=actor)
        IntakeItem.objects.filter(pk=item.pk).update(discard_reason=reason[:300])
        record_audit(
            actor=actor,
            action="intake.discard",
            target=item,
            summary=f"Bỏ văn bản tiếp nhận {item.filename}: {reason[:200]}",
        )
    item.discard_reason = reason[:300]
    return item
