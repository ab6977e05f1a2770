from django.apps import AppConfig


class AdministrationConfig(AppConfig):
    name = "vanphong.administration"
    verbose_name = "Quản trị"
