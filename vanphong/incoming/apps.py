from django.apps import AppConfig


class IncomingConfig(AppConfig):
    name = "vanphong.incoming"
    verbose_name = "Văn bản đến"
