"""Stored files: byte-identical originals shared by every record that refers to them (one
scan registered in three organizations is stored once). A `StoredFile` is one upload:
identical bytes uploaded by people who may not use each other's files get a record each,
over one content-addressed blob in storage."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

#: What `text_source` says of a file that has no text layer of its own (a scan).
NO_TEXT = "none"


class StoredFile(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    sha256 = models.CharField(max_length=64, db_index=True)
    size = models.BigIntegerField()
    content_type = models.CharField(max_length=100)
    kind = models.CharField(max_length=10)
    original_name = models.CharField(max_length=255)
    storage_name = models.CharField(max_length=255)
    pages = models.PositiveIntegerField(null=True, blank=True)
    #: The file's words, for search: its text layer (PDF, DOCX) or what OCR read; empty
    #: until read. `text_source` says which ("" while not read).
    text = models.TextField(blank=True, default="")
    text_source = models.CharField(max_length=10, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    #: Who uploaded it (None: the system). The owner: the only one who may use the file
    #: until something holds it (`files.access`).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "tệp"
        verbose_name_plural = "tệp"

    def __str__(self) -> str:
        return self.original_name
