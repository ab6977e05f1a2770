from django.apps import AppConfig


class OutgoingConfig(AppConfig):
    name = "vanphong.outgoing"
    verbose_name = "Văn bản đi"

    def ready(self) -> None:
        from vanphong.files.access import register_holder
        from vanphong.outgoing.access import visible_outgoing
        from vanphong.outgoing.models import OutgoingAttachment, OutgoingDocument, Version

        register_holder(OutgoingDocument, "body_file", "final_docx", "final_pdf",
                        visible=visible_outgoing)
        register_holder(OutgoingAttachment, "stored_file", through="document",
                        visible=visible_outgoing)
        register_holder(Version, "stored_file", through="document", visible=visible_outgoing)
