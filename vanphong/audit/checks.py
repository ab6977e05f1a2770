"""`manage.py check --database default`: the audit table's guards are in place.

A table rebuilt by a later migration (SQLite rebuilds tables for many schema changes)
loses its triggers silently; this check says so instead."""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.db import connections


@checks.register(checks.Tags.database)
def check_audit_triggers(
    app_configs: Any = None, databases: Any = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    from vanphong.audit.triggers import missing_triggers

    problems: list[checks.CheckMessage] = []
    for alias in databases or []:
        missing = missing_triggers(connections[alias])
        if missing:
            problems.append(checks.Error(
                f"Bảng nhật ký thiếu trigger chống sửa, xóa ({', '.join(missing)}): lệnh SQL "
                "trực tiếp sửa, xóa được nhật ký. Báo người phát triển trước khi dùng tiếp.",
                id="audit.E001",
            ))
    return problems
