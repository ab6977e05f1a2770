"""Receiving files into the intake queue: the one door for uploads, bulk uploads, the
watched folder, e-mail and the API.

Preflight happens here (size and real content type, by `files.actions.store_file`):
a refused file raises `FileRejected` with a Vietnamese message and leaves nothing
behind. An archive (.zip, .7z, .rar) is unpacked first (`receive_upload`): each of its
files is received as if sent alone, and the ones refused are named with their reason.
An accepted file is stored once (content-addressed) and becomes a queued `IntakeItem`;
the pipeline is started after the transaction commits.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import partial
from typing import Any, BinaryIO

from django.db import transaction

from vanphong import clock
from vanphong.audit.actions import record_audit
from vanphong.files.actions import FileRejected, cleanup_on_failure, files_in, store_file
from vanphong.intake.models import OPEN_STATES, Batch, IntakeItem, ItemState, Source
from vanphong.organizations.models import Office


def start_batch(*, office: Office, source: str, label: str = "", actor: Any = None) -> Batch:
    return Batch.objects.create(
        office=office, source=source, label=label[:300], created_by=actor, created_at=clock.now()
    )


def receive_file(
    *,
    office: Office,
    stream: BinaryIO,
    name: str,
    source: str = Source.UPLOAD,
    actor: Any = None,
    size: int | None = None,
    sender: str = "",
    mail_subject: str = "",
    batch: Batch | None = None,
    received_at: dt.datetime | None = None,
) -> IntakeItem:
    """Check, store and queue one file. The same bytes already waiting in this office's
    queue are not queued twice: the waiting item is returned instead."""
    with cleanup_on_failure(), transaction.atomic():
        stored = store_file(actor=actor, stream=stream, name=name, size=size)
        waiting = (
            IntakeItem.objects.filter(office=office, original=stored, state__in=OPEN_STATES)
            .order_by("received_at")
            .first()
        )
        if waiting is not None:
            return waiting
        now = clock.now()
        item = IntakeItem.objects.create(
            office=office,
            batch=batch,
            source=source,
            original=stored,
            filename=name[:255],
            sender=sender[:300],
            mail_subject=mail_subject[:500],
            received_at=received_at or now,
            created_by=actor,
            state=ItemState.QUEUED,
            queued_at=now,
        )
        record_audit(
            actor=actor,
            action="intake.receive",
            target=item,
            summary=f"Tiếp nhận tệp {item.filename} ({Source(source).label})",
            office_id=office.pk,
            sender=sender,
        )
        transaction.on_commit(partial(_start, str(item.pk)))
    return item


@dataclasses.dataclass
class Reception:
    """What one upload became: its items (an archive gives one per file) and the
    files refused, each with its reason in Vietnamese."""

    items: list[IntakeItem] = dataclasses.field(default_factory=list)
    refused: list[str] = dataclasses.field(default_factory=list)


def receive_upload(*, stream: BinaryIO, name: str, size: int | None = None,
                   **options: Any) -> Reception:
    """`receive_file` for an upload that may be an archive: every file in it is
    received on its own (same options, same batch). A refused archive as a whole raises
    FileRejected, as a refused single file does."""
    reception = Reception()
    with files_in(stream=stream, name=name, size=size) as received:
        for arrived in received.files:
            try:
                reception.items.append(receive_file(
                    stream=arrived.stream, name=arrived.name, size=arrived.size, **options))
            except FileRejected as error:
                if not arrived.archive:
                    raise
                reception.refused.append(arrived.refusal(error.message))
        reception.refused += received.refused
    if not reception.items:
        why = " ".join(reception.refused) or "tệp nén không chứa tệp nào."
        raise FileRejected(f"Tệp nén “{name}” không có tệp nào nhận được: {why}")
    return reception


def _start(item_id: str) -> None:
    from vanphong.intake.tasks import process_item_task

    process_item_task.enqueue(item_id)
