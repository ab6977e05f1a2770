from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "vanphong.intake"
    verbose_name = "Tiếp nhận tự động"
