"""Template helpers of the intake pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.forms import BoundField
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag
def proposed_field(
    field: BoundField, confidences: dict[str, float | None], colours: dict[str, int], cls: str
) -> str:
    """A form field with its proposal's colour (matching the page highlight) and
    confidence: high, to check, or not found."""
    name = field.name
    context: dict[str, Any] = {"field": field, "cls": cls, "proposed": name in confidences}
    if name in confidences:
        value = confidences[name]
        context["colour"] = colours[name]
        if value is None:
            context["level"], context["label"] = "none", "Không tìm thấy"
        else:
            context["percent"] = round(value * 100)
            context["level"] = "high" if value >= 0.85 else "check" if value >= 0.6 else "low"
            context["label"] = {
                "high": "Đọc được",
                "check": "Cần kiểm tra",
                "low": "Không chắc",
            }[context["level"]]
    return render_to_string("intake/_proposed_field.html", context)


@register.filter
def proposed_code(proposal: dict[str, Any]) -> str:
    """Number and notation as written (12/QĐ-UBND, 15-NQ/TU) from a stored proposal."""
    from vanphong.intake.proposal import proposed_code as code

    return code(proposal or {})
