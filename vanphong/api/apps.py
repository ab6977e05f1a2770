from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "vanphong.api"
    verbose_name = "API"
