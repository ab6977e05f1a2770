from django.apps import AppConfig


class OutgoingConfig(AppConfig):
    name = "vanphong.outgoing"
    verbose_name = "Văn bản đi"
