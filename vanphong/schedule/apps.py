from django.apps import AppConfig


class ScheduleConfig(AppConfig):
    name = "vanphong.schedule"
    verbose_name = "Lịch công tác và cuộc họp"
