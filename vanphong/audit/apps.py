from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "vanphong.audit"
    verbose_name = "Nhật ký"

    def ready(self) -> None:
        from vanphong.audit import checks  # noqa: F401  (registers the trigger check)
