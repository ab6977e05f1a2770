from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "vanphong.followup"
    verbose_name = "Theo dõi nhiệm vụ"
