from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "vanphong.workdays"
    verbose_name = "Ngày làm việc"
