"""Keeping the index in step with the database: the outbox and its single writer.

Every write that matters to a document is audited, inside the transaction of the change
(`audit.actions.record_audit`). So the search app listens to audit rows: one about an
incoming or outgoing document (other than a read such as a download) adds a `Pending`
row in that same transaction; so does the files app's announcement that a file's own
text was read (for the documents holding it). After the commit, the background worker
drains the rows into the engine in order. Nothing is lost if the worker dies (the rows
stay), nothing is applied that was rolled back (the rows never existed), and
`manage.py search_reindex` rebuilds everything from the database.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.db.models.signals import post_save

from vanphong.search.documents import INCOMING, OUTGOING, entries_for, key
from vanphong.search.engine import EngineBusy, engine
from vanphong.search.models import Pending

log = logging.getLogger(__name__)

#: Audited objects whose changes change what search shows.
INDEXED = {"incoming.incomingdocument": INCOMING, "outgoing.outgoingdocument": OUTGOING}
#: Audited reads: they change nothing.
READS = ("download", "open_secret", "print_slip", "view", "export")
BATCH = 500
#: Whether this thread's transaction already has a drain waiting for its commit.
_state = threading.local()


def connect() -> None:
    from vanphong.audit.models import AuditEvent
    from vanphong.files.signals import file_text_recorded

    post_save.connect(_audited, sender=AuditEvent, dispatch_uid="search-outbox")
    file_text_recorded.connect(_file_text, dispatch_uid="search-file-text")


def _audited(sender: Any, instance: Any, created: bool, **_: Any) -> None:
    kind = INDEXED.get(instance.object_type)
    if not created or kind is None or instance.action.rpartition(".")[2] in READS:
        return
    enqueue([key(kind, instance.object_id)])


def _file_text(sender: Any, stored_file: Any, text: str, **_: Any) -> None:
    if text:
        enqueue_files([stored_file.pk])


def enqueue(keys: Iterable[str]) -> None:
    """Note documents to (re)index; call inside the transaction of their change."""
    rows = [Pending(key=value) for value in dict.fromkeys(keys)]
    if not rows:
        return
    Pending.objects.bulk_create(rows)
    waiting = any(callback is _drain_soon for _, callback, *_ in connection.run_on_commit)
    if not (waiting and getattr(_state, "waiting", False)):
        _state.waiting = True  # one drain per transaction is enough
        transaction.on_commit(_drain_soon)


def enqueue_files(file_ids: Iterable[uuid.UUID]) -> None:
    """Note the documents that carry these files (their text was read)."""
    from vanphong.incoming.models import IncomingDocument
    from vanphong.outgoing.models import OutgoingDocument

    ids = list(file_ids)
    incoming = IncomingDocument.objects.filter(receipt__attachments__stored_file_id__in=ids)
    outgoing = OutgoingDocument.objects.filter(attachments__stored_file_id__in=ids)
    enqueue(
        [key(INCOMING, pk) for pk in incoming.values_list("pk", flat=True).distinct()]
        + [key(OUTGOING, pk) for pk in outgoing.values_list("pk", flat=True).distinct()]
    )


def _drain_soon() -> None:
    from vanphong.search.tasks import drain_task

    _state.waiting = False
    drain_task.enqueue()


def drain(batch: int = BATCH) -> int:
    """Apply pending changes to the engine, oldest first; returns how many documents.
    Stops early (leaving the rest) when another process holds the engine's writer."""
    done = 0
    while True:
        rows = list(Pending.objects.order_by("id").values_list("id", "key")[:batch])
        if not rows:
            return done
        keys = list(dict.fromkeys(value for _, value in rows))
        entries, gone = entries_for(keys)
        try:
            engine().apply(entries, gone)
        except EngineBusy:
            log.info("search index busy; %d changes wait", len(rows))
            return done
        Pending.objects.filter(id__in=[row_id for row_id, _ in rows]).delete()
        done += len(keys)
