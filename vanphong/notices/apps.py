from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "vanphong.notices"
    verbose_name = "Thông báo"
