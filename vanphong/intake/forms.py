"""Forms of the intake pages."""

from __future__ import annotations

from typing import Any

from django import forms

from vanphong.files import content
from vanphong.formstyle import BootstrapFormMixin
from vanphong.incoming.forms import MultipleFileField, RegisterForm, choice_field
from vanphong.incoming.models import Channel


class UploadForm(BootstrapFormMixin, forms.Form):
    files = MultipleFileField(  # type: ignore[assignment]
        label="Tệp văn bản",
        required=True,
        help_text="Chọn hoặc kéo thả nhiều tệp cùng lúc: PDF, Word (DOCX, DOC), RTF, ODT, "
        "Excel (XLSX, XLS), ODS, ảnh quét, hoặc tệp nén ZIP, 7z, RAR chứa các tệp đó.",
        error_messages={"required": "Chọn ít nhất một tệp."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["files"].widget.attrs.update(
            {"accept": content.ACCEPT, "data-testid": "intake-files"}
        )

    def clean_files(self) -> list[Any]:
        files = self.cleaned_data.get("files") or []
        if not files:
            raise forms.ValidationError("Chọn ít nhất một tệp.")
        return files


class ConfirmForm(RegisterForm):
    """The registration form, filled from the proposal; the file is the item's own."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["files"]
        choice_field(self, "channel").choices = Channel.choices[:4]


class DiscardForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label="Lý do bỏ", max_length=300)
