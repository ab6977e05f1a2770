from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "vanphong.followup"
    verbose_name = "Theo dõi nhiệm vụ"

    def ready(self) -> None:
        from vanphong.files.access import register_holder
        from vanphong.followup.access import visible_tasks
        from vanphong.followup.models import Evidence, ReportFile

        register_holder(ReportFile, "stored_file", through="report__task", visible=visible_tasks)
        register_holder(Evidence, "stored_file", through="task", visible=visible_tasks)
