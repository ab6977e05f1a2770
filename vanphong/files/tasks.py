"""Background work on stored files. Tasks take ids and call one function."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import tempfile
from pathlib import Path

from django.db import transaction
from django_tasks import task
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from vanphong.files.actions import delete_unattached_files, open_stored
from vanphong.files.models import StoredFile

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
    """Record how many pages a stored file has (then fill the page count of documents
    registered without one) and read its text layer for search."""
    from vanphong.incoming.actions import fill_missing_pages

    stored = StoredFile.objects.filter(pk=stored_file_id).first()
    if stored is None:
        return None
    pages = stored.pages
    if pages is None:
        pages = count_pages(stored)
        if pages is not None:
            StoredFile.objects.filter(pk=stored.pk).update(pages=pages)
            fill_missing_pages(stored_file_id=str(stored.pk))
    if not stored.text_source:
        read_text_layer(stored)
    return pages


#: What `text_source` says of a file that has no text layer (a scan: only intake OCRs).
NO_TEXT = "none"


def read_text_layer(stored: StoredFile) -> str:
    """Keep the file's own text (PDF, DOCX; no OCR here) and have search index it."""
    from vanphong.intake.text import read_text
    from vanphong.search.outbox import enqueue_files

    text, source = "", NO_TEXT
    if stored.kind in {"pdf", "docx"}:
        try:
            with tempfile.TemporaryDirectory(prefix="vanphong-text-") as folder:
                path = Path(folder) / f"file.{stored.kind}"
                with open_stored(stored) as stream, open(path, "wb") as out:
                    shutil.copyfileobj(stream, out)
                text = read_text(path, kind=stored.kind).text
                source = stored.kind if text.strip() else NO_TEXT
        except Exception as exc:  # a damaged file must not stop the worker
            logger.warning("Cannot read the text of %s: %s", stored.pk, exc)
    with transaction.atomic():
        changed = StoredFile.objects.filter(pk=stored.pk, text_source="").update(
            text=text, text_source=source
        )
        if changed and text:
            enqueue_files([stored.pk])
    return source


@task()
def delete_abandoned_uploads() -> int:
    """Files kept for a registration form that was never completed, after a day."""
    return delete_unattached_files(older_than=dt.timedelta(days=1))
