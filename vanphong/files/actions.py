"""Storing uploaded files: checked by content and size, content-addressed, never orphaned;
each upload owned by its uploader until something holds it (see `files.access`)."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import logging
import shutil
import tempfile
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction

from vanphong import clock
from vanphong.errors import Invalid
from vanphong.files import content, unpacking
from vanphong.files.access import holding_relations, usable_ids
from vanphong.files.models import StoredFile
from vanphong.files.signals import file_text_recorded

_CHUNK = 1024 * 1024
logger = logging.getLogger(__name__)


class FileRejected(Invalid):
    """An upload we refuse; the message is shown to the user as is."""


class StorageUnavailable(FileRejected):
    """The file store cannot be written (disk full or read-only, folder missing, object
    store unreachable): nothing was kept, and the request may be sent again later."""

    status = 503
    code = "storage_unavailable"
    default_message = (
        "Không ghi được tệp vào kho lưu trữ của hệ thống (ổ đĩa đầy, chỉ đọc hoặc không "
        "truy cập được). Chưa có gì được lưu; hãy báo quản trị viên rồi gửi lại sau."
    )


def _storage_errors() -> tuple[type[Exception], ...]:
    """What a failed write raises: the OS's errors, and those of the S3 client."""
    try:
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:  # pragma: no cover - botocore comes with the S3 backend
        return (OSError,)
    return (OSError, BotoCoreError, ClientError)


#: Per thread: the blobs written inside each open `cleanup_on_failure` block.
_written = threading.local()


@contextlib.contextmanager
def cleanup_on_failure() -> Iterator[None]:
    """Delete files written inside the block if the block fails, so a failed upload
    leaves no orphan file. Wrap it *around* the transaction that records them."""
    names: list[str] = []
    stack = _written.__dict__.setdefault("stack", [])
    stack.append(names)
    try:
        yield
    except BaseException:
        for name in names:
            if not StoredFile.objects.filter(storage_name=name).exists():
                default_storage.delete(name)
        raise
    finally:
        stack.remove(names)


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


ARCHIVE_HERE = (
    "Tệp “{name}” là tệp nén: ở đây chỉ nhận từng tệp; hãy giải nén rồi tải lên các tệp "
    "bên trong (tệp nén được nhận ở Tiếp nhận văn bản và khi vào sổ văn bản đến)."
)


def check_upload(
    *, stream: BinaryIO, name: str, size: int | None = None, archives: bool = False
) -> content.Kind:
    """The kind of an upload by its bytes (`content.sniff`), within the size limit; an
    archive only where `archives` (it is then unpacked by `files_in`)."""
    limit = settings.MAX_UPLOAD_MB * 1024 * 1024
    if size is not None and size > limit:
        raise FileRejected(
            f"Tệp “{name}” quá lớn ({size / 1024 / 1024:.1f} MB); "
            f"tối đa {settings.MAX_UPLOAD_MB} MB."
        )
    try:
        kind = content.sniff(stream)
    except content.UnsupportedContent as exc:
        raise FileRejected(f"Tệp “{name}”: {exc}") from None
    if kind.key in content.ARCHIVE and not archives:
        raise FileRejected(ARCHIVE_HERE.format(name=name))
    return kind


@dataclasses.dataclass(frozen=True)
class Arrived:
    """One file of an upload: the upload itself, or a member of the archive it was."""

    stream: BinaryIO
    name: str
    size: int | None
    archive: str = ""

    def refusal(self, message: str) -> str:
        return f"{message} (trong tệp nén “{self.archive}”)" if self.archive else message


@dataclasses.dataclass
class Received:
    files: list[Arrived]
    #: Members of an archive refused while unpacking, each with its reason.
    refused: list[str]


@contextlib.contextmanager
def files_in(*, stream: BinaryIO, name: str, size: int | None = None) -> Iterator[Received]:
    """The files an upload brings: itself, or the members of an archive unpacked within
    the bounds of `unpacking` (each still to pass its own kind check when stored). A
    refused archive (bomb, hostile name, password, broken) raises FileRejected."""
    kind = check_upload(stream=stream, name=name, size=size, archives=True)
    if kind.key not in content.ARCHIVE:
        stream.seek(0)
        yield Received(files=[Arrived(stream=stream, name=name, size=size)], refused=[])
        return
    with tempfile.TemporaryDirectory(prefix="vanphong-archive-") as folder, \
            contextlib.ExitStack() as opened:
        path = Path(folder) / f"archive{kind.extension}"
        _copy_bounded(stream, path, name)
        try:
            unpacked = opened.enter_context(unpacking.unpack(path, name=name))
        except unpacking.ArchiveRefused as refused:
            raise FileRejected(refused.message) from None
        files = [
            Arrived(stream=opened.enter_context(open(m.path, "rb")),
                    name=PurePosixPath(m.name.split(" › ")[-1]).name[:255] or "tep",
                    size=m.size, archive=name)
            for m in unpacked.members
        ]
        yield Received(files=files, refused=unpacked.refused)


def _copy_bounded(stream: BinaryIO, path: Path, name: str) -> None:
    stream.seek(0)
    with open(path, "wb") as out:
        shutil.copyfileobj(stream, out)
    if path.stat().st_size > settings.MAX_UPLOAD_MB * 1024 * 1024:
        raise FileRejected(f"Tệp “{name}” quá lớn; tối đa {settings.MAX_UPLOAD_MB} MB.")


def store_file(*, actor: Any, stream: BinaryIO, name: str, size: int | None = None) -> StoredFile:
    """Check and store one file, owned by `actor` until something holds it.

    Identical bytes are kept once in storage. Their record is reused only when `actor`
    may use it already (the system, `actor=None`, reuses its own); otherwise this upload
    gets a record of its own, so an upload never reveals whose file it duplicates."""
    kind = check_upload(stream=stream, name=name, size=size)
    sha, real_size = _digest(stream)
    if real_size > settings.MAX_UPLOAD_MB * 1024 * 1024:
        raise FileRejected(f"Tệp “{name}” quá lớn; tối đa {settings.MAX_UPLOAD_MB} MB.")
    twins = list(StoredFile.objects.filter(sha256=sha).order_by("created_at", "pk"))
    reusable = _reusable(actor, twins)
    if reusable is not None:
        return reusable
    known = twins[0] if twins else None  # what was read of the same bytes holds for these
    return StoredFile.objects.create(
        sha256=sha, size=real_size, content_type=kind.content_type, kind=kind.key,
        original_name=name[:255], storage_name=_write(stream, _storage_name(sha, kind), real_size),
        created_by=actor, pages=known.pages if known else None,
        text=known.text if known else "", text_source=known.text_source if known else "",
    )


def _reusable(actor: Any, twins: list[StoredFile]) -> StoredFile | None:
    if actor is None:
        return next((twin for twin in twins if twin.created_by_id is None), None)
    usable = usable_ids(actor, [twin.pk for twin in twins])
    return next((twin for twin in twins if twin.pk in usable), None)


def _write(stream: BinaryIO, storage_name: str, size: int) -> str:
    """Put the bytes in storage under their content name, unless they are there whole.
    A write that fails leaves nothing behind and says so (`StorageUnavailable`)."""
    try:
        if default_storage.exists(storage_name) and default_storage.size(storage_name) == size:
            return storage_name
        saved = default_storage.save(storage_name, File(stream, name=storage_name))
    except _storage_errors() as exc:
        logger.error("Cannot write %s to the file storage: %s", storage_name, exc)
        _forget_partial(storage_name)
        raise StorageUnavailable() from None
    for names in getattr(_written, "stack", [])[-1:]:
        names.append(saved)
    return saved


def _forget_partial(storage_name: str) -> None:
    """A write that stopped half-way (disk full) must not pass for the whole file."""
    with contextlib.suppress(*_storage_errors()):
        if not StoredFile.objects.filter(storage_name=storage_name).exists():
            default_storage.delete(storage_name)


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
    for relation in holding_relations():
        refs = relation.model._base_manager.filter(**{f"{relation.column}__isnull": False})
        stale = stale.exclude(pk__in=refs.values(relation.column))
    count = 0
    for stored in stale.iterator():
        with transaction.atomic():
            stored.delete()
            transaction.on_commit(partial(_delete_blob, stored.storage_name))
        count += 1
    return count


def _delete_blob(storage_name: str) -> None:
    """Identical uploads share one blob: it goes with the last record naming it."""
    if not StoredFile.objects.filter(storage_name=storage_name).exists():
        default_storage.delete(storage_name)
