"""Django's `flush` (empty every table), which the test runner calls between tests.

Emptying a table means DELETE on SQLite and TRUNCATE on PostgreSQL: both refused on the
audit table. On a test database the guards are lifted for the flush and put back after;
any other database is refused up front, and nothing is emptied.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError
from django.core.management.commands import flush
from django.db import DEFAULT_DB_ALIAS, connections

from vanphong.audit.triggers import guarded, is_test_database, lifted


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        if guarded(connection) and not is_test_database(connection):
            raise CommandError(
                "Nhật ký chỉ ghi thêm: không xóa trắng được cơ sở dữ liệu đang dùng (audit log "
                "is append-only). Muốn cài lại từ đầu, hãy tạo một cơ sở dữ liệu mới.")
        with lifted(connection):
            super().handle(**options)
