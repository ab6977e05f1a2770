from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "vanphong.records"
    verbose_name = "Hồ sơ, lưu trữ"

    def ready(self) -> None:
        from vanphong.files.access import register_holder
        from vanphong.records.access import visible_archived
        from vanphong.records.models import ArchivedFile, PdfaCopy

        register_holder(ArchivedFile, "stored_file", "pdfa_file", through="document__dossier",
                        visible=visible_archived)
        # A PDF/A copy is made for packages; its id is never handed out, and holding
        # the original's copy lets nobody use the original.
        register_holder(PdfaCopy, "source", "copy", visible=None)
