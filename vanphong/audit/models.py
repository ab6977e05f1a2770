"""The append-only audit log: every state change and every file download.

Rows are never updated or deleted: the model refuses it, and database triggers refuse
UPDATE, DELETE and TRUNCATE for raw SQL too (see `triggers.py`). A person named as actor
cannot be deleted (PROTECT): people with history are deactivated instead.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class AppendOnlyError(Exception):
    pass


class AuditQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Nhật ký chỉ được ghi thêm, không được sửa.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Nhật ký chỉ được ghi thêm, không được xóa.")


class AuditEvent(models.Model):
    at = models.DateTimeField("Thời điểm", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField("Người thực hiện", max_length=150, blank=True)
    action = models.CharField("Hành động", max_length=60, db_index=True)
    object_type = models.CharField("Loại đối tượng", max_length=60, blank=True)
    object_id = models.CharField("Mã đối tượng", max_length=64, blank=True)
    office_id = models.BigIntegerField(null=True, blank=True)
    organization_id = models.BigIntegerField(null=True, blank=True)
    address = models.GenericIPAddressField("Địa chỉ IP", null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    channel = models.CharField("Kênh", max_length=10, default="web")
    summary = models.CharField("Nội dung", max_length=300, blank=True)
    data = models.JSONField(default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = "sự kiện nhật ký"
        verbose_name_plural = "nhật ký"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Nhật ký chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Nhật ký chỉ được ghi thêm, không được xóa.")
