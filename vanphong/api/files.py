"""Uploading a file before registering the document it belongs to."""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Sequence
from typing import BinaryIO, cast

from django.http import HttpRequest
from ninja import File, Router, Status, UploadedFile

from vanphong.api.errors import errors
from vanphong.api.schemas import StoredFileOut
from vanphong.files.access import files_to_attach
from vanphong.files.actions import cleanup_on_failure, store_file
from vanphong.files.models import StoredFile
from vanphong.organizations.models import User

router = Router(tags=["Tệp"])


def _clean_name(name: str | None) -> str:
    """Keep the name people gave the file, without control characters or folders."""
    text = unicodedata.normalize("NFC", name or "")
    text = "".join(ch for ch in text if unicodedata.category(ch) not in {"Cc", "Cs"})
    text = text.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return text[:255] or "tep-dinh-kem"


@router.post("/files", response={201: StoredFileOut, **errors(400, 401, 413, 422, 503)},
             summary="Tải lên một tệp (PDF, DOCX, DOC, RTF, ODT, XLSX, XLS, ODS, JPEG, PNG, TIFF; "
                     "tệp nén gửi vào /intake/items); dùng mã trả về ở file_ids")
def upload_file(request: HttpRequest, file: File[UploadedFile]) -> Status:
    with cleanup_on_failure():
        stored = store_file(actor=request.auth,  # type: ignore[attr-defined]
                            stream=cast(BinaryIO, file), name=_clean_name(file.name),
                            size=file.size)
    return Status(201, {"id": stored.pk, "original_name": stored.original_name,
                        "size": stored.size, "content_type": stored.content_type,
                        "kind": stored.kind, "sha256": stored.sha256})


def named_files(user: User, ids: Sequence[uuid.UUID], field: str = "file_ids"
                ) -> list[tuple[StoredFile, str]]:
    """The uploaded files a request names, each with its name, for an action to attach
    (only files the caller may use: `files.access`)."""
    return [(f, f.original_name) for f in files_to_attach(user, ids, field=field)]
