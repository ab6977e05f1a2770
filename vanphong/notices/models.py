"""In-app notices (the bell "Thông báo") and their e-mail copy.

One row is both what the person reads in the application and the outbox entry of its
e-mail: the e-mail is claimed with a conditional UPDATE and a lease (two workers never send
it twice), retried with growing delays, and marked failed after the last attempt.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class MailState(models.TextChoices):
    NONE = "none", "Không gửi thư"
    PENDING = "pending", "Chờ gửi thư"
    SENT = "sent", "Đã gửi thư"
    FAILED = "failed", "Gửi thư lỗi"


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications"
    )
    #: What it is about, for filters and tests ("task.before", "task.overdue", "digest"...).
    kind = models.CharField(max_length=30)
    title = models.CharField("Tiêu đề", max_length=300)
    body = models.TextField("Nội dung", blank=True)
    #: Where it leads, a path inside the application ("/nhiem-vu/…/").
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField("Thời gian")
    read_at = models.DateTimeField("Đã đọc lúc", null=True, blank=True)
    mail_state = models.CharField(max_length=8, choices=MailState.choices, default=MailState.NONE)
    mail_to = models.EmailField(blank=True)
    mail_attempts = models.PositiveSmallIntegerField(default=0)
    mail_next_at = models.DateTimeField(null=True, blank=True)
    mail_sent_at = models.DateTimeField(null=True, blank=True)
    mail_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        constraints = [
            models.CheckConstraint(
                condition=Q(mail_state__in=[s.value for s in MailState]), name="notice_mail_state"
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(
                fields=["mail_next_at"], name="notice_mail_due",
                condition=Q(mail_state=MailState.PENDING),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
