"""The background worker's sign of life, read by the home page of those who run the office."""

from __future__ import annotations

from django.db import models


class Heartbeat(models.Model):
    """When a background process last showed it was alive and reached the database."""

    name = models.CharField(max_length=30, primary_key=True)
    beat_at = models.DateTimeField()

    class Meta:
        verbose_name = "tín hiệu tiến trình nền"
        verbose_name_plural = "tín hiệu tiến trình nền"

    def __str__(self) -> str:
        return f"{self.name} {self.beat_at:%d/%m/%Y %H:%M:%S}"
