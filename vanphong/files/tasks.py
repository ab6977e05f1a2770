"""Background work on stored files. Tasks take ids and call one function."""

from __future__ import annotations

import datetime as dt
import logging

from django_tasks import task
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from vanphong.files.actions import delete_unattached_files, open_stored
from vanphong.files.models import StoredFile
from vanphong.files.signals import file_inspected

logger = logging.getLogger(__name__)


def count_pages(stored: StoredFile) -> int | None:
    if stored.kind == "pdf":
        try:
            with open_stored(stored) as stream:
                return len(PdfReader(stream).pages)
        except (PdfReadError, OSError, ValueError) as exc:
            logger.warning("Cannot count pages of %s: %s", stored.pk, exc)
            return None
    if stored.kind in {"jpeg", "png", "tiff"}:
        return 1
    return None


@task()
def inspect_stored_file(stored_file_id: str) -> int | None:
    """Record how many pages a stored file has, then announce `file_inspected` (the
    apps above fill the page count of their documents and read the file's text)."""
    stored = StoredFile.objects.filter(pk=stored_file_id).first()
    if stored is None:
        return None
    if stored.pages is None:
        pages = count_pages(stored)
        if pages is not None:
            StoredFile.objects.filter(pk=stored.pk).update(pages=pages)
            stored.pages = pages
    file_inspected.send(sender=StoredFile, stored_file=stored)
    return stored.pages


@task()
def delete_abandoned_uploads() -> int:
    """Files kept for a registration form that was never completed, after a day."""
    return delete_unattached_files(older_than=dt.timedelta(days=1))
