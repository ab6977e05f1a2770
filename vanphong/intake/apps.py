from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "vanphong.intake"
    verbose_name = "Tiếp nhận tự động"

    def ready(self) -> None:
        from vanphong.files.signals import file_inspected
        from vanphong.intake.file_text import on_file_inspected

        file_inspected.connect(on_file_inspected, dispatch_uid="intake-read-text-layer")
