"""Stored files: content-addressed, byte-identical originals shared by every record
that refers to them (one scan registered in three organizations is stored once)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class StoredFile(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    sha256 = models.CharField(max_length=64, unique=True)
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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "tệp"
        verbose_name_plural = "tệp"

    def __str__(self) -> str:
        return self.original_name
