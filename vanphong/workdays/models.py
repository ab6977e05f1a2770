from django.db import models


class OverrideKind(models.TextChoices):
    HOLIDAY = "holiday", "Ngày nghỉ"
    WORKING_DAY = "working", "Ngày làm việc (làm bù)"


class WorkdayOverride(models.Model):
    """A day the government moved: an extra day off, or a weekend day worked in exchange.

    `holidays.VN` knows the statutory holidays; each year's swaps (hoán đổi ngày làm
    việc, nghỉ bù) are announced late and entered here by administrators.
    """

    date = models.DateField("Ngày", unique=True)
    kind = models.CharField("Loại", max_length=10, choices=OverrideKind.choices)
    name = models.CharField("Lý do", max_length=200)

    class Meta:
        verbose_name = "ngày hoán đổi"
        verbose_name_plural = "ngày hoán đổi"
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["holiday", "working"]), name="override_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.get_kind_display()}: {self.name}"
