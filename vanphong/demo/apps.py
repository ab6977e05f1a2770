from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "vanphong.demo"
    verbose_name = "Dữ liệu mẫu"
