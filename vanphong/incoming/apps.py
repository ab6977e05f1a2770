from typing import Any

from django.apps import AppConfig


class IncomingConfig(AppConfig):
    name = "vanphong.incoming"
    verbose_name = "Văn bản đến"

    def ready(self) -> None:
        from vanphong.files.access import register_holder
        from vanphong.files.signals import file_inspected
        from vanphong.incoming.access import visible_incoming
        from vanphong.incoming.models import Attachment

        register_holder(Attachment, "stored_file", through="receipt__documents",
                        visible=visible_incoming)
        file_inspected.connect(_fill_missing_pages, dispatch_uid="incoming-fill-pages")


def _fill_missing_pages(sender: Any, stored_file: Any, **_: Any) -> None:
    from vanphong.incoming.actions import fill_missing_pages

    fill_missing_pages(stored_file=stored_file)
