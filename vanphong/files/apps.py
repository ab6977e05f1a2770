from django.apps import AppConfig


class FilesConfig(AppConfig):
    name = "vanphong.files"
    verbose_name = "Tệp lưu trữ"
