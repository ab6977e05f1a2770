from __future__ import annotations

from django import forms

from vanphong.formstyle import BootstrapFormMixin


class CodeForm(BootstrapFormMixin, forms.Form):
    code = forms.CharField(
        label="Mã xác thực", max_length=40, strip=True,
        error_messages={"required": "Hãy nhập mã xác thực."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True,
                                      "inputmode": "text", "spellcheck": "false"}),
        help_text="Sáu chữ số đang hiện trong ứng dụng xác thực, hoặc một mã dự phòng.",
    )
