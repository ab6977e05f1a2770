"""The database triggers that keep the audit table append-only (migrations 0003, 0004).

SQLite: BEFORE UPDATE and BEFORE DELETE row triggers (SQLite has no TRUNCATE: its
`DELETE FROM` without WHERE is refused by the DELETE trigger, which also turns off its
truncate optimisation). PostgreSQL: a BEFORE UPDATE OR DELETE row trigger and a BEFORE
TRUNCATE statement trigger. Django's `flush` empties every table with exactly the
statements refused here, so `lifted()` lets it through on a test database only.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "audit_auditevent"
TRIGGERS = {
    "sqlite": ("audit_no_update", "audit_no_delete"),
    "postgresql": ("audit_no_change", "audit_no_truncate"),
}


def installed_triggers(connection: BaseDatabaseWrapper) -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                           "AND tbl_name = %s", [TABLE])
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass "
                           "AND tgenabled <> 'D' AND NOT tgisinternal", [TABLE])
        return {row[0] for row in cursor.fetchall()}


def missing_triggers(connection: BaseDatabaseWrapper) -> list[str]:
    """The guards this database should have and lacks (none for other vendors)."""
    if not guarded(connection):
        return []
    present = installed_triggers(connection)
    return [name for name in TRIGGERS[connection.vendor] if name not in present]


def guarded(connection: BaseDatabaseWrapper) -> bool:
    """Is there an audit table, on a database whose guards we know?"""
    return (connection.vendor in TRIGGERS
            and TABLE in connection.introspection.table_names())


def is_test_database(connection: BaseDatabaseWrapper) -> bool:
    """Django names its test databases `test_…` (here SQLite's is `test.sqlite3`)."""
    name = Path(str(connection.settings_dict["NAME"])).name
    return name.startswith("test")


@contextlib.contextmanager
def lifted(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Take the guards off for the block and put them back after, even if it fails.

    Only for a test database, where the test runner empties every table between tests.
    Elsewhere nothing is lifted, and emptying the audit table is refused as always."""
    if not (guarded(connection) and is_test_database(connection)):
        yield
        return
    if connection.vendor == "sqlite":
        with _sqlite_lifted(connection):
            yield
    else:
        with _postgres_lifted(connection):
            yield


@contextlib.contextmanager
def _sqlite_lifted(connection: BaseDatabaseWrapper) -> Iterator[None]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                       "AND tbl_name = %s", [TABLE])
        saved = cursor.fetchall()
        for name, _ in saved:
            cursor.execute(f'DROP TRIGGER "{name}"')
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for _, sql in saved:
                cursor.execute(sql)


@contextlib.contextmanager
def _postgres_lifted(connection: BaseDatabaseWrapper) -> Iterator[None]:
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER audit_no_truncate")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER audit_no_truncate")
