"""Form inputs every app shares: dates and times as Vietnamese write them, and the tree
picker of units and people.

Dates. A native `<input type="date">` shows the browser's locale — mm/dd/yyyy and AM/PM
on the English Windows most commune PCs run — so every date, time and month is a text
input in dd/mm/yyyy, 24-hour HH:MM and mm/yyyy. The server reads those first, and ISO
yyyy-mm-dd too (API clients, old bookmarks, what the native pickers used to send).
Query-string filters read their dates with the same `parse_date`.

Tree picker. Checkboxes grouped organization → unit → people, each person with their
title, in a fieldset; `static/js/pickers.js` adds a search box, a "whole group" box and a
count. Without JS it is plain nested checkboxes. Who may be chosen is the caller's rule
(its access or choices code): the picker only shows the tree it is given.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django import forms, template
from django.core.exceptions import ValidationError
from django.forms.utils import from_current_timezone
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

# --- Dates and times ---------------------------------------------------------------

DATE_FORMAT = "%d/%m/%Y"
TIME_FORMAT = "%H:%M"
DATETIME_FORMAT = f"{DATE_FORMAT} {TIME_FORMAT}"
MONTH_FORMAT = "%m/%Y"

DATE_HELP = "Ngày/tháng/năm, ví dụ 05/03/2026"
TIME_HELP = "Giờ:phút theo 24 giờ, ví dụ 14:30"
MONTH_HELP = "Tháng/năm, ví dụ 03/2026"
INVALID_DATE = "Ngày không hợp lệ: nhập theo dạng ngày/tháng/năm, ví dụ 05/03/2026."
INVALID_TIME = "Giờ không hợp lệ: nhập theo dạng giờ:phút (24 giờ), ví dụ 14:30."
INVALID_DATETIME = ("Ngày giờ không hợp lệ: nhập theo dạng ngày/tháng/năm giờ:phút, "
                    "ví dụ 05/03/2026 14:30.")
INVALID_MONTH = "Tháng không hợp lệ: nhập theo dạng tháng/năm, ví dụ 03/2026."

_DMY = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_DMY_COMPACT = re.compile(r"(\d{2})(\d{2})(\d{4})")  # 05032026: a phone's number pad has no "/"
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_TIMES = (
    re.compile(r"(\d{1,2})\s*[:.]\s*(\d{2})(?::(\d{2}))?"),  # 14:30, 14.30, 14:30:00
    re.compile(r"(\d{1,2})\s*[hg]\s*(\d{2})?()", re.IGNORECASE),  # 14h30, 14g30, 14h
    re.compile(r"(\d{2})(\d{2})()"),  # 1430
)
_MY = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{4})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?")


def _day(year: int, month: int, day: int) -> dt.date | None:
    """A real day, or None. Which years make sense is the caller's rule (a register's
    period, the working-day calendar), each with its own message."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """05/03/2026, 5/3/2026, 05-03-2026, 05.03.2026, 05032026 or 2026-03-05; None if it
    is none of them or no real day."""
    text = text.strip()
    if match := _DMY.fullmatch(text) or _DMY_COMPACT.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
        return _day(year, month, day)
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
        return _day(year, month, day)
    return None


def parse_time(text: str) -> dt.time | None:
    """14:30, 14h30, 14h, 14.30, 1430 or 14:30:00, on a 24-hour clock; None otherwise."""
    for pattern in _TIMES:
        if match := pattern.fullmatch(text.strip()):
            hour, minute, second = (int(part or 0) for part in match.groups())
            try:
                return dt.time(hour, minute, second)
            except ValueError:
                return None
    return None


def parse_datetime(text: str) -> dt.datetime | None:
    """A day and a time: "05/03/2026 14:30", or ISO "2026-03-05T14:30"; naive."""
    parts = re.split(r"\s+|T", text.strip(), maxsplit=1)
    if len(parts) != 2:
        return None
    day, time = parse_date(parts[0]), parse_time(parts[1])
    return dt.datetime.combine(day, time) if day and time else None


def parse_month(text: str) -> dt.date | None:
    """03/2026, 3/2026 or ISO 2026-03 (2026-03-05 too): the first day of that month."""
    text = text.strip()
    if match := _MY.fullmatch(text):
        month, year = (int(part) for part in match.groups())
        return _day(year, month, 1)
    if match := _ISO_MONTH.fullmatch(text):
        return _day(int(match[1]), int(match[2]), 1)
    return None


def _text_input_attrs(placeholder: str, help_text: str, inputmode: str) -> dict[str, str]:
    return {"placeholder": placeholder, "title": help_text, "inputmode": inputmode,
            "autocomplete": "off", "spellcheck": "false"}


class DateInput(forms.DateInput):
    """A text box showing dd/mm/yyyy (digits only suffice: 05032026)."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({**_text_input_attrs("dd/mm/yyyy", DATE_HELP, "numeric"),
                          "data-date-input": "", "size": "10", **(attrs or {})},
                         format=DATE_FORMAT)


class TimeInput(forms.TimeInput):
    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({**_text_input_attrs("HH:MM", TIME_HELP, "numeric"),
                          "size": "5", **(attrs or {})}, format=TIME_FORMAT)


class DateTimeInput(forms.DateTimeInput):
    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({**_text_input_attrs("dd/mm/yyyy HH:MM",
                                              f"{DATE_HELP}, {TIME_HELP.lower()}", "text"),
                          "size": "16", **(attrs or {})}, format=DATETIME_FORMAT)


class MonthInput(forms.DateInput):
    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({**_text_input_attrs("mm/yyyy", MONTH_HELP, "numeric"),
                          "size": "7", **(attrs or {})}, format=MONTH_FORMAT)


class DateField(forms.DateField):
    """A day typed as dd/mm/yyyy (or ISO); a Vietnamese message on the field otherwise."""

    widget: type[forms.Widget] = DateInput
    default_error_messages = {"invalid": INVALID_DATE}

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        parsed = parse_date(str(value))
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


class MonthField(DateField):
    """A month typed as mm/yyyy (or ISO yyyy-mm); cleans to its first day."""

    widget = MonthInput
    default_error_messages = {"invalid": INVALID_MONTH}

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value.replace(day=1)
        parsed = parse_month(str(value))
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


class TimeField(forms.TimeField):
    widget = TimeInput
    default_error_messages = {"invalid": INVALID_TIME}

    def to_python(self, value: Any) -> dt.time | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.time):
            return value
        parsed = parse_time(str(value))
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


class DateTimeField(forms.DateTimeField):
    widget = DateTimeInput
    default_error_messages = {"invalid": INVALID_DATETIME}

    def to_python(self, value: Any) -> dt.datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return from_current_timezone(value)
        parsed = parse_datetime(str(value))
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return from_current_timezone(parsed)


register = template.Library()


@register.simple_tag
def date_input(name: str, value: Any, *, id: str = "", typed: str = "",
               css: str = "form-control") -> SafeString:
    """`{% date_input "tu_ngay" date_from id="tu_ngay" typed=raw_from %}`: a filter's day
    box outside a form, the same as a form's. A day shows as dd/mm/yyyy; without one, what
    was typed shows again (so a wrong day can be corrected)."""
    return DateInput().render(name, value or typed,
                              attrs={"id": id or f"id_{name}", "class": css})


# --- Tree picker -------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Node:
    """One row of a picker: a choice (`value`), a heading (no value), or both (a unit that
    may itself be chosen, with its people under it). `title` is the person's post."""

    label: str
    value: str = ""
    title: str = ""
    children: tuple[Node, ...] = ()

    def values(self) -> Iterator[tuple[str, str]]:
        """(value, label) of this node and every choice under it, depth first."""
        if self.value:
            yield self.value, f"{self.label} — {self.title}" if self.title else self.label
        for child in self.children:
            yield from child.values()


def choices_of(tree: Iterable[Node]) -> list[tuple[str, str]]:
    return [pair for node in tree for pair in node.values()]


class TreePicker(forms.CheckboxSelectMultiple):
    """Checkboxes in a fieldset, nested as the tree the field was given."""

    template_name = "widgets/tree_picker.html"
    # The field's template gives it a <label> (for the search box), not a second fieldset;
    # the help and error ids Django would put on the input describe the picker's fieldset.
    use_fieldset = False

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.tree: Sequence[Node] = ()
        self.legend = ""

    def id_for_label(self, id_: str, index: str | None = None) -> str:
        # The field's visible <label> names the search box; the fieldset has its legend.
        return f"{id_}_search" if id_ and index is None else super().id_for_label(id_, index)

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None,
               renderer: Any = None) -> SafeString:
        chosen = {str(v) for v in self.format_value(value)}
        final = self.build_attrs(self.attrs, attrs)
        base_id = final.get("id") or f"id_{name}"
        counter = iter(range(1_000_000))
        rows = [_row(node, chosen, base_id, counter) for node in self.tree]
        return render_to_string(self.template_name, {
            "name": name, "id": base_id, "legend": self.legend, "rows": rows,
            "count": sum(1 for pair in choices_of(self.tree) if pair[0] in chosen),
            "invalid": "is-invalid" in final.get("class", "").split(),
            "describedby": final.get("aria-describedby", ""),
        })


def _row(node: Node, chosen: set[str], base_id: str, counter: Iterator[int]) -> dict[str, Any]:
    return {"label": node.label, "value": node.value, "title": node.title,
            "checked": node.value in chosen, "id": f"{base_id}_{next(counter)}",
            "children": [_row(child, chosen, base_id, counter) for child in node.children]}


class TreeChoiceField(forms.MultipleChoiceField):
    """A multiple choice shown as a `TreePicker`; set `tree` to offer its nodes."""

    widget = TreePicker

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self._tree: tuple[Node, ...] = ()

    @property
    def tree(self) -> tuple[Node, ...]:
        return self._tree

    @tree.setter
    def tree(self, nodes: Iterable[Node]) -> None:
        self._tree = tuple(nodes)
        self.choices = choices_of(self._tree)
        assert isinstance(self.widget, TreePicker)
        self.widget.tree = self._tree
        self.widget.legend = str(self.label or "")

    def __deepcopy__(self, memo: dict[int, Any]) -> TreeChoiceField:
        result = super().__deepcopy__(memo)
        assert isinstance(result, TreeChoiceField)
        result.tree = self._tree
        return result
