"""The search outbox and the reindex checkpoint.

A change to a document writes a `Pending` row in the same transaction (see outbox.py), so
the index can never miss one: a single writer drains the rows into the engine after the
commit, and deletes them only once the engine has committed them too. A crash in between
replays them, which is harmless (an entry is replaced by key).
"""

from __future__ import annotations

from django.db import models


class Pending(models.Model):
    id = models.BigAutoField(primary_key=True)
    key = models.CharField(max_length=60)  # "<kind>:<id>"
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "chờ cập nhật chỉ mục"
        verbose_name_plural = "chờ cập nhật chỉ mục"

    def __str__(self) -> str:
        return self.key


class ReindexRun(models.Model):
    """A full reindex: where it is (per kind, the last id done), so that it can resume."""

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    kind = models.CharField(max_length=20, blank=True)  # the kind being indexed now
    after = models.CharField(max_length=60, blank=True)  # the last id done in that kind
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "lần lập lại chỉ mục"
        verbose_name_plural = "lần lập lại chỉ mục"

    def __str__(self) -> str:
        return f"Lập lại chỉ mục {self.started_at:%d/%m/%Y %H:%M}"
