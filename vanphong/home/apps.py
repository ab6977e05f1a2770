from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "vanphong.home"
    verbose_name = "Việc của tôi và bảng điều hành"
