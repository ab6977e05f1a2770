"""Turning incoming documents into the API's output shapes (plain dicts that match
`schemas.IncomingListItem` and `schemas.IncomingDetail`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from vanphong.incoming.access import allowed_actions, informed_only
from vanphong.incoming.models import EventKind, IncomingDocument, Status
from vanphong.organizations.models import Organization, User

LIST_RELATED = ("organization", "document_type", "return_event__actor")


def person(user: User) -> dict[str, Any]:
    return {"id": user.pk, "full_name": str(user)}


def organization_ref(organization: Organization) -> dict[str, Any]:
    return {"id": organization.pk, "short_name": organization.short_name,
            "name": organization.name}


def list_item(document: IncomingDocument, *, today: dt.date) -> dict[str, Any]:
    doc_type = document.document_type
    return {
        "id": document.pk,
        "organization": organization_ref(document.organization),
        "register_id": document.register_id,
        "arrival_number": document.arrival_number,
        "arrival_at": document.arrival_at,
        "issuer": document.issuer,
        "code": document.code,
        "code_number": document.code_number,
        "code_notation": document.code_notation,
        "issued_date": document.issued_date,
        "document_type": {"id": doc_type.pk, "name": doc_type.name,
                          "abbreviation": doc_type.abbreviation} if doc_type else None,
        "subject": document.subject,
        "urgency": document.urgency,
        "secrecy": document.secrecy,
        "status": document.status,
        "status_label": Status(document.status).label,
        "edxml_status": document.edxml_status,
        "deadline": document.deadline,
        "reply_due": document.reply_due,
        # Nothing is ever overdue for whoever only needs to know (as on the pages).
        "is_overdue": document.is_overdue(today) and not getattr(document, "informed_only", False),
        "returned": _returned(document),
    }


def _returned(document: IncomingDocument) -> dict[str, Any] | None:
    """The "bị trả lại" mark: who sent the document back, when and why (the pages' note)."""
    event = document.return_event
    if event is None:
        return None
    return {"by": person(event.actor), "at": event.at, "reason": event.note}


def list_items(documents: QuerySet[IncomingDocument], *, today: dt.date) -> list[dict[str, Any]]:
    return [list_item(d, today=today) for d in documents.select_related(*LIST_RELATED)]


def _attachments(document: IncomingDocument) -> list[dict[str, Any]]:
    rows = document.receipt.attachments.select_related("stored_file")
    return [{"id": a.pk, "filename": a.filename, "size": a.stored_file.size,
             "content_type": a.stored_file.content_type, "file_id": a.stored_file_id}
            for a in rows]


def _routings(document: IncomingDocument) -> list[dict[str, Any]]:
    rows = document.routings.select_related("leader", "routed_by").order_by("routed_at", "id")
    return [{"leader": person(r.leader), "routed_by": person(r.routed_by),
             "routed_at": r.routed_at, "is_active": r.is_active} for r in rows]


def _assignments(document: IncomingDocument) -> list[dict[str, Any]]:
    rows = document.assignments.select_related("person", "unit", "assigned_by")
    return [{"id": a.pk, "kind": a.kind, "person": person(a.person) if a.person else None,
             "unit_id": a.unit_id, "unit_name": a.unit.name if a.unit else None,
             "deadline": a.deadline, "state": a.state, "assigned_by": person(a.assigned_by),
             "assigned_at": a.assigned_at, "seen_at": a.seen_at} for a in rows]


def _instructions(document: IncomingDocument) -> list[dict[str, Any]]:
    rows = document.instructions.select_related("author")
    return [{"author": person(i.author), "text": i.text, "deadline": i.deadline,
             "created_at": i.created_at} for i in rows]


def _history(document: IncomingDocument) -> list[dict[str, Any]]:
    rows = document.events.select_related("actor")
    return [{"id": e.pk, "at": e.at, "actor": person(e.actor), "kind": e.kind,
             "kind_label": EventKind(e.kind).label, "from_status": e.from_status or None,
             "to_status": e.to_status or None, "note": e.note, "data": e.data} for e in rows]


def detail(document: IncomingDocument, *, user: User, today: dt.date) -> dict[str, Any]:
    receipt, register = document.receipt, document.register
    document.informed_only = IncomingDocument.objects.filter(  # type: ignore[attr-defined]
        informed_only(user), pk=document.pk).exists()
    return {
        **list_item(document, today=today),
        "register_name": register.name,
        "register_kind": register.kind,
        "receipt": {"id": receipt.pk, "channel": receipt.channel,
                    "has_paper_original": receipt.has_paper_original,
                    "received_at": receipt.received_at, "received_by": person(receipt.received_by)},
        "signer_name": document.signer_name,
        "signer_position": document.signer_position,
        "recipients": document.recipients,
        "pages": document.pages,
        "note": document.note,
        "handed_over_at": document.handed_over_at,
        "completed_at": document.completed_at,
        "result": document.result,
        "reply_code": document.reply_code,
        "created_by": person(document.created_by),
        "created_at": document.created_at,
        "attachments": _attachments(document),
        "routings": _routings(document),
        "instructions": _instructions(document),
        "assignments": _assignments(document),
        "history": _history(document),
        "allowed_actions": sorted(a.value for a in allowed_actions(user, document)),
    }
