"""The own text of every stored file, not only of intake's: when the files app announces
that it inspected a file, its text layer (PDF, Word, RTF, OpenDocument, spreadsheets) is
read with intake's reader and recorded for search. No OCR here: only the intake pipeline
reads scans."""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

from vanphong.files import content
from vanphong.files.actions import open_stored, record_file_text
from vanphong.files.models import NO_TEXT, StoredFile
from vanphong.intake.text import read_text

logger = logging.getLogger(__name__)
#: Kinds with a text of their own.
READABLE = {"pdf", "docx"} | content.WORD_PROCESSOR | content.SPREADSHEET


def read_text_layer(stored: StoredFile) -> str:
    """Record the file's own text once (`NO_TEXT` for a scan); returns its source."""
    if stored.text_source:
        return stored.text_source
    text, source = "", NO_TEXT
    if stored.kind in READABLE:
        try:
            with tempfile.TemporaryDirectory(prefix="vanphong-text-") as folder:
                path = Path(folder) / f"file.{stored.kind}"
                with open_stored(stored) as stream, open(path, "wb") as out:
                    shutil.copyfileobj(stream, out)
                text = read_text(path, kind=stored.kind).text
                source = stored.kind if text.strip() else NO_TEXT
        except Exception as exc:  # a damaged file must not stop the worker
            logger.warning("Cannot read the text of %s: %s", stored.pk, exc)
    record_file_text(stored=stored, text=text, source=source)
    return source


def on_file_inspected(sender: Any, stored_file: StoredFile, **_: Any) -> None:
    read_text_layer(stored_file)
