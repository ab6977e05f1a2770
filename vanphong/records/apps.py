from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "vanphong.records"
    verbose_name = "Hồ sơ, lưu trữ"
