"""Storing uploaded files: checked by content and size, content-addressed, never orphaned."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from collections.abc import Iterator
from functools import partial
from typing import Any, BinaryIO

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction

from vanphong import clock
from vanphong.errors import Invalid
from vanphong.files import content
from vanphong.files.models import StoredFile
from vanphong.files.signals import file_text_recorded

_CHUNK = 1024 * 1024


class FileRejected(Invalid):
    """An upload we refuse; the message is shown to the user as is."""


class _NewFiles:
    def __init__(self) -> None:
        self.names: list[tuple[str, str]] = []


_current: list[_NewFiles] = []


@contextlib.contextmanager
def cleanup_on_failure() -> Iterator[None]:
    """Delete files written inside the block if the block fails, so a failed upload
    leaves no orphan file. Wrap it *around* the transaction that records them."""
    tracker = _NewFiles()
    _current.append(tracker)
    try:
        yield
    except BaseException:
        for sha, name in tracker.names:
            if not StoredFile.objects.filter(sha256=sha).exists():
                default_storage.delete(name)
        raise
    finally:
        _current.remove(tracker)


def _digest(stream: BinaryIO) -> tuple[str, int]:
    stream.seek(0)
    sha, size = hashlib.sha256(), 0
    while chunk := stream.read(_CHUNK):
        sha.update(chunk)
        size += len(chunk)
    stream.seek(0)
    return sha.hexdigest(), size


def _storage_name(sha: str, kind: content.Kind) -> str:
    return f"originals/{sha[:2]}/{sha[2:4]}/{sha}{kind.extension}"


def check_upload(*, stream: BinaryIO, name: str, size: int | None = None) -> content.Kind:
    limit = settings.MAX_UPLOAD_MB * 1024 * 1024
    if size is not None and size > limit:
        raise FileRejected(
            f"Tệp “{name}” quá lớn ({size / 1024 / 1024:.1f} MB); "
            f"tối đa {settings.MAX_UPLOAD_MB} MB."
        )
    try:
        return content.sniff(stream)
    except content.UnsupportedContent as exc:
        raise FileRejected(f"Tệp “{name}”: {exc}") from None


def store_file(*, actor: Any, stream: BinaryIO, name: str, size: int | None = None) -> StoredFile:
    """Check and store one file; an identical file already stored is reused."""
    kind = check_upload(stream=stream, name=name, size=size)
    sha, real_size = _digest(stream)
    if real_size > settings.MAX_UPLOAD_MB * 1024 * 1024:
        raise FileRejected(f"Tệp “{name}” quá lớn; tối đa {settings.MAX_UPLOAD_MB} MB.")
    existing = StoredFile.objects.filter(sha256=sha).first()
    if existing is not None:
        return existing
    storage_name = _storage_name(sha, kind)
    if not default_storage.exists(storage_name):
        saved = default_storage.save(storage_name, File(stream, name=storage_name))
        if _current:
            _current[-1].names.append((sha, saved))
        storage_name = saved
    try:
        with transaction.atomic():
            return StoredFile.objects.create(
                sha256=sha,
                size=real_size,
                content_type=kind.content_type,
                kind=kind.key,
                original_name=name[:255],
                storage_name=storage_name,
                created_by=actor,
            )
    except IntegrityError:
        # Another request stored the same bytes at the same moment.
        return StoredFile.objects.get(sha256=sha)


def open_stored(stored: StoredFile) -> File:
    return default_storage.open(stored.storage_name, "rb")


def record_file_text(*, stored: StoredFile, text: str, source: str) -> bool:
    """Keep the file's own text, unless it has one already, and announce it in the same
    transaction (search re-indexes what holds the file)."""
    with transaction.atomic():
        changed = StoredFile.objects.filter(pk=stored.pk, text_source="").update(
            text=text, text_source=source
        )
        if changed:
            stored.text, stored.text_source = text, source
            file_text_recorded.send(sender=StoredFile, stored_file=stored, text=text)
    return bool(changed)


def delete_unattached_files(*, older_than: dt.timedelta) -> int:
    """Remove files kept for an unfinished form that nobody came back to."""
    cutoff = clock.now() - older_than
    stale = StoredFile.objects.filter(created_at__lt=cutoff)
    # Any record of any app that refers to the file keeps it (incoming attachments,
    # outgoing versions and final copies...): read from the model graph, not a list.
    for relation in StoredFile._meta.related_objects:
        column = relation.field.attname
        refs = relation.related_model._base_manager.filter(**{f"{column}__isnull": False})
        stale = stale.exclude(pk__in=refs.values(column))
    count = 0
    for stored in stale.iterator():
        with transaction.atomic():
            stored.delete()
            transaction.on_commit(partial(default_storage.delete, stored.storage_name))
        count += 1
    return count
