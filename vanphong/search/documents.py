"""What of each kind of document goes into the index, read from the database in batches.

A key is "<kind>:<id>" ("incoming:…", "outgoing:…"). The same functions feed the outbox
(a few keys at a time) and the full reindex (thousands), with a fixed number of queries
per batch.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import timezone

from vanphong.incoming.access import INCOMING_SHAPES, incoming_named_tokens
from vanphong.incoming.models import Attachment, IncomingDocument
from vanphong.outgoing.access import OUTGOING_SHAPES, outgoing_named_tokens
from vanphong.outgoing.models import OutgoingAttachment, OutgoingDocument
from vanphong.search.engine import Entry
from vanphong.vietnamese import code_key
from vanphong.visibility import Shape, document_tokens

INCOMING = "incoming"
OUTGOING = "outgoing"
KINDS = (INCOMING, OUTGOING)
#: Text of one document kept in the index (a long report is searched by its first part).
MAX_CONTENT = 200_000


def status_key(kind: str, status: str) -> str:
    """Statuses are per kind ("withdrawn" means two things): the index keeps both parts."""
    return f"{kind}:{status}"


def access_token(kind: str, token: str) -> str:
    """A visibility token as the index keeps it: both kinds have "office_id=3,secrecy=0"."""
    return f"{kind}:{token}"


def _access(
    kind: str, shapes: tuple[Shape, ...], document: Any, named: Iterable[str]
) -> tuple[str, ...]:
    tokens = document_tokens(shapes, lambda field: getattr(document, field))
    return tuple(access_token(kind, token) for token in [*tokens, *sorted(named)])


def key(kind: str, pk: object) -> str:
    return f"{kind}:{pk}"


def split_key(value: str) -> tuple[str, str]:
    kind, _, pk = value.partition(":")
    return kind, pk


def entries_for(keys: Sequence[str]) -> tuple[list[Entry], list[str]]:
    """The entries of the documents that exist, and the keys of those that do not."""
    wanted: dict[str, list[str]] = defaultdict(list)
    for value in keys:
        kind, pk = split_key(value)
        wanted[kind].append(pk)
    entries = incoming_entries(wanted[INCOMING]) + outgoing_entries(wanted[OUTGOING])
    found = {entry.key for entry in entries}
    return entries, [value for value in keys if value not in found]


def incoming_entries(ids: Iterable[str]) -> list[Entry]:
    documents = list(
        IncomingDocument.objects.filter(pk__in=list(ids)).select_related("document_type")
    )
    texts = receipt_texts({d.receipt_id for d in documents})
    named = incoming_named_tokens(documents)
    return [_incoming(d, texts.get(d.receipt_id, ""), named[d.pk]) for d in documents]


def outgoing_entries(ids: Iterable[str]) -> list[Entry]:
    documents = list(
        OutgoingDocument.objects.filter(pk__in=list(ids)).select_related(
            "document_type", "organization", "signer", "body_file", "final_pdf"
        )
    )
    texts = _outgoing_texts([d.pk for d in documents])
    named = outgoing_named_tokens(documents)
    return [_outgoing(d, texts.get(d.pk, ""), named[d.pk]) for d in documents]


def _incoming(document: IncomingDocument, text: str, named: set[str]) -> Entry:
    type_name = document.document_type.name if document.document_type else ""
    return Entry(
        key=key(INCOMING, document.pk),
        kind=INCOMING,
        office=document.office_id,
        organization=document.organization_id,
        register=document.register_id,
        unit=0,
        secrecy=document.secrecy,
        urgency=document.urgency,
        status=status_key(INCOMING, document.status),
        type=type_name,
        issuer=document.issuer,
        signer=document.signer_name,
        date=document.issued_date,
        access=_access(INCOMING, INCOMING_SHAPES, document, named),
        code=document.code_key or code_key(document.code),
        subject=document.subject,
        meta=" ".join([document.issuer, document.code, type_name, document.signer_name]),
        content=text[:MAX_CONTENT],
    )


def _outgoing(document: OutgoingDocument, text: str, named: set[str]) -> Entry:
    signer = document.signer.full_name if document.signer else ""
    files = {f.pk: f.text for f in (document.body_file, document.final_pdf) if f and f.text}
    content = "\n".join(part for part in (document.body, *files.values(), text) if part)
    return Entry(
        key=key(OUTGOING, document.pk),
        kind=OUTGOING,
        office=document.office_id,
        organization=document.organization_id,
        register=document.register_id or 0,
        unit=document.drafting_unit_id or 0,
        secrecy=document.secrecy,
        urgency=document.urgency,
        status=status_key(OUTGOING, document.status),
        type=document.document_type.name,
        issuer=document.organization.name,
        signer=signer,
        date=document.issued_date or _day(document.created_at),
        access=_access(OUTGOING, OUTGOING_SHAPES, document, named),
        code=code_key(document.code) if document.code else "",
        subject=document.subject,
        meta=" ".join(
            [document.code, document.document_type.name, signer, document.addressees]
        ),
        content=content[:MAX_CONTENT],
    )


def _day(moment: dt.datetime) -> dt.date:
    return timezone.localdate(moment)


def receipt_texts(receipt_ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The text of the files received with each receipt (each file once)."""
    rows = (
        Attachment.objects.filter(receipt_id__in=receipt_ids)
        .exclude(stored_file__text="")
        .order_by("receipt_id", "position", "id")
        .values_list("receipt_id", "stored_file_id", "stored_file__text")
    )
    return _joined(rows)


def _outgoing_texts(document_ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    rows = (
        OutgoingAttachment.objects.filter(document_id__in=document_ids)
        .exclude(stored_file__text="")
        .order_by("document_id", "id")
        .values_list("document_id", "stored_file_id", "stored_file__text")
    )
    return _joined(rows)


def _joined(rows: Iterable[tuple[Any, Any, str]]) -> dict[Any, str]:
    texts: dict[Any, list[str]] = defaultdict(list)
    seen: set[tuple[Any, Any]] = set()
    for owner, file_id, text in rows:
        if (owner, file_id) not in seen:
            seen.add((owner, file_id))
            texts[owner].append(text)
    return {owner: "\n".join(parts) for owner, parts in texts.items()}
