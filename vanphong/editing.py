"""Helpers every administrative action shares (organizations, registers, working days,
outgoing configuration, mailboxes): apply a form's values and record what changed, save
with the model's own validation, tell whether a row is still referenced."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import QuerySet

from vanphong.errors import Conflict, Invalid
from vanphong.vietnamese import nfc

_SHORT_NAME = re.compile(r"^[^\W_]+$")


def values_of(fields: Any) -> dict[str, Any]:
    """A dataclass's fields as a dict, without `dataclasses.asdict`'s deep copies of
    model instances."""
    return {f.name: getattr(fields, f.name) for f in dataclasses.fields(fields)}


def plain(value: Any) -> Any:
    """A value as the audit log stores it (a row by its key, a date as ISO text)."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def apply_changes(obj: models.Model, values: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Set the given attributes and return {field: [old, new]} for those that changed,
    in a form the audit log can store."""
    changes: dict[str, list[Any]] = {}
    for name, value in values.items():
        old = getattr(obj, name)
        if old != value:
            changes[name] = [plain(old), plain(value)]
            setattr(obj, name, value)
    return changes


def save_validated(obj: models.Model, *, exclude: list[str] | None = None) -> None:
    """Run the model's own validation, then save; a uniqueness race becomes a Conflict.

    The actions check their rules first with clear messages; this is the safety net that
    keeps database errors from reaching the user as a server error."""
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as error:
        fields = {k: " ".join(v) for k, v in error.message_dict.items()}
        raise Invalid("Dữ liệu chưa hợp lệ.", fields=fields) from error
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as error:
        raise Conflict("Dữ liệu trùng với một bản ghi vừa được lưu; hãy tải lại trang.") from error


def is_referenced(obj: models.Model) -> bool:
    """Does any other row point at `obj` (documents, counters, positions...)?"""
    for relation in obj._meta.related_objects:
        related = relation.related_model._base_manager
        if related.filter(**{relation.field.name: obj}).exists():
            return True
    return False


def excluding(rows: QuerySet[Any], obj: models.Model | None) -> QuerySet[Any]:
    """`rows` without `obj` (an existing row being edited); all of them for a new one."""
    return rows.exclude(pk=obj.pk) if obj is not None and obj.pk is not None else rows


def has_same_name(values: Any, name: str) -> bool:
    """Is `name` among `values`, ignoring case? Compared in Python because SQLite's
    case-insensitive matching only folds ASCII letters (Đ, Ă, Ư... would slip through)."""
    key = nfc(name).casefold()
    return any(nfc(value).casefold() == key for value in values)


def clean_short_name(value: str, *, label: str = "Tên viết tắt") -> tuple[str, str | None]:
    """Upper-case a short name used in notations; letters and digits only, because "/"
    and "-" separate the parts of a notation."""
    text = nfc(value).upper()
    if not text:
        return text, f"Cần ghi {label.lower()}."
    if not _SHORT_NAME.match(text):
        return text, f"{label} chỉ gồm chữ cái và chữ số, không có dấu cách, “/” hay “-”."
    return text, None
