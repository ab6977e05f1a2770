from django.apps import AppConfig


class ScheduleConfig(AppConfig):
    name = "vanphong.schedule"
    verbose_name = "Lịch công tác và cuộc họp"

    def ready(self) -> None:
        from vanphong.files.access import register_holder
        from vanphong.schedule.access import visible_meetings
        from vanphong.schedule.models import Meeting, MeetingDocument

        register_holder(Meeting, "minutes_file", visible=visible_meetings)
        register_holder(MeetingDocument, "stored_file", through="meeting",
                        visible=visible_meetings)
