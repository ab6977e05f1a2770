from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "vanphong.intake"
    verbose_name = "Tiếp nhận tự động"

    def ready(self) -> None:
        from vanphong.files.access import register_holder
        from vanphong.files.signals import file_inspected
        from vanphong.intake.access import visible_items
        from vanphong.intake.file_text import on_file_inspected
        from vanphong.intake.models import IntakeItem

        register_holder(IntakeItem, "original", "searchable", "preview", visible=visible_items)
        file_inspected.connect(on_file_inspected, dispatch_uid="intake-read-text-layer")
