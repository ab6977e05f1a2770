"""Backing up an installation, consistently, while the office works (`manage.py backup`).

What is saved, into one folder:
- the database, as one consistent snapshot: SQLite's online backup API (`database.sqlite3`),
  or `pg_dump` inside an exported snapshot on PostgreSQL (`database.dump`);
- every stored file that snapshot refers to (`files/`), read through the storage (local
  disk or S3) and checked against the SHA-256 the database keeps for it;
- the secret key, when it is kept in the data folder (`secret_key`);
- `manifest.json`, written last: the row count of every table and the list of files with
  their checksums, all read from the same snapshot, and the checksum of the database copy.
The search index is not saved: it is rebuilt from the database on restore.

Files are content-addressed and never rewritten, so copying them after the snapshot gives
exactly the files the snapshot names (`vanphong/home/restoring.py` reads all of this back).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection, transaction

from vanphong import clock

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
FILES = "files"
KEY_FILE = "secret_key"
_CHUNK = 1024 * 1024

Say = Callable[[str], None]


class BackupError(Exception):
    """A backup or a restore that cannot go on; the message is for the administrator."""


@dataclasses.dataclass
class Snapshot:
    counts: dict[str, int]
    files: list[dict[str, Any]]
    migrations: list[list[str]]


def sha256_stream(stream: IO[bytes]) -> str:
    digest = hashlib.sha256()
    while chunk := stream.read(_CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def sha256_of(path: Path) -> str:
    with path.open("rb") as stream:
        return sha256_stream(stream)


def copy_stream(source: IO[bytes], target: Path) -> str:
    """Copy into `target` (through a temporary name, so a half copy never has its name)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    digest = hashlib.sha256()
    with partial.open("wb") as output:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
            output.write(chunk)
    partial.replace(target)
    return digest.hexdigest()


def inside(folder: Path, name: str) -> Path:
    """`folder/name`, refused when the name would lead out of the folder."""
    path = (folder / name).resolve()
    if not path.is_relative_to(folder.resolve()):
        raise BackupError(f"Tên tệp không hợp lệ trong bản sao lưu: {name}")
    return path


def secret_key_path() -> Path:
    return Path(settings.DATA_DIR) / "secret_key"


def postgres_environment() -> dict[str, str]:
    """The connection of `pg_dump`/`pg_restore`: the one Django uses, through libpq's
    variables (so the password never shows in a process list)."""
    db = connection.settings_dict
    values = {"PGDATABASE": db["NAME"], "PGUSER": db["USER"], "PGPASSWORD": db["PASSWORD"],
              "PGHOST": db["HOST"], "PGPORT": str(db["PORT"] or "")}
    return {**os.environ, **{key: str(value) for key, value in values.items() if value}}


def run_tool(name: str, arguments: list[str]) -> None:
    program = shutil.which(name)
    if program is None:
        raise BackupError(f"Không tìm thấy {name}: cài gói postgresql-client cùng phiên bản "
                          "với máy chủ PostgreSQL.")
    done = subprocess.run([program, *arguments], env=postgres_environment(),  # noqa: S603
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{name} không chạy được: {done.stderr.strip()[-2000:]}")


def count_rows(execute: Callable[[str], list[tuple[Any, ...]]], table: str) -> int:
    """Rows of `table`: a name read from the database's own catalogue, quoted."""
    quoted = '"' + table.replace('"', '""') + '"'
    return int(execute(f"SELECT COUNT(*) FROM {quoted}")[0][0])  # noqa: S608


def read_snapshot(execute: Callable[[str], list[tuple[Any, ...]]],
                  tables: list[str]) -> Snapshot:
    counts = {table: count_rows(execute, table) for table in sorted(tables)}
    rows = execute("SELECT storage_name, sha256, size FROM files_storedfile ORDER BY sha256")
    files = [{"name": name, "sha256": sha, "size": size} for name, sha, size in rows]
    migrations = [list(row) for row in execute(
        "SELECT app, name FROM django_migrations ORDER BY app, name")]
    return Snapshot(counts=counts, files=files, migrations=migrations)


def _sqlite_snapshot(target: Path) -> Snapshot:
    connection.ensure_connection()
    with contextlib.closing(sqlite3.connect(target)) as copy:
        # One step (all pages under one read lock): a consistent copy; writers go on (WAL).
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    with contextlib.closing(sqlite3.connect(f"file:{target}?mode=ro", uri=True)) as copy:
        tables = [row[0] for row in copy.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return read_snapshot(lambda sql: copy.execute(sql).fetchall(), tables)


def _postgres_snapshot(target: Path) -> Snapshot:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        [snapshot_id] = cursor.fetchone()
        # pg_dump reads the very snapshot this transaction sees, so the counts and the
        # list of files below describe exactly what it dumped.
        run_tool("pg_dump", ["--format=custom", "--no-owner", f"--snapshot={snapshot_id}",
                             "--file", str(target)])

        def execute(sql: str) -> list[tuple[Any, ...]]:
            cursor.execute(sql)
            return list(cursor.fetchall())

        return read_snapshot(execute, connection.introspection.table_names(cursor))


def _copy_files(folder: Path, files: list[dict[str, Any]], say: Say) -> list[str]:
    missing = []
    for entry in files:
        try:
            source = default_storage.open(entry["name"], "rb")
        except FileNotFoundError:
            missing.append(entry["name"])
            continue
        with source:
            digest = copy_stream(source, inside(folder / FILES, entry["name"]))
        if digest != entry["sha256"]:
            raise BackupError(f"Tệp {entry['name']} trong kho không còn đúng nội dung đã lưu "
                              "(SHA-256 khác): kiểm tra ổ đĩa hoặc kho lưu trữ.")
    if missing:
        say(f"Cảnh báo: {len(missing)} tệp có trong CSDL nhưng không còn trong kho: "
            + ", ".join(missing[:5]))
    return missing


def _save_secret_key(folder: Path) -> dict[str, str]:
    if os.environ.get("VANPHONG_SECRET_KEY"):
        return {"source": "environment"}
    key = secret_key_path()
    if not key.exists():
        return {"source": "none"}
    target = folder / KEY_FILE
    shutil.copyfile(key, target)
    target.chmod(0o600)
    return {"source": "file", "file": KEY_FILE, "sha256": sha256_of(target)}


@contextlib.contextmanager
def _new_folder(folder: Path) -> Iterator[Path]:
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"Thư mục {folder} đã có dữ liệu: hãy chọn một thư mục mới, trống.")
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)  # it holds the secret key and every document
    yield folder


def back_up(folder: Path, *, copy_files: bool = True, say: Say = print) -> dict[str, Any]:
    """Write a complete backup into the new, empty `folder`; returns its manifest."""
    vendor = connection.vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {vendor}.")
    if connection.in_atomic_block:
        raise BackupError("Không sao lưu được bên trong một giao dịch đang mở.")
    with _new_folder(folder):
        started = clock.now()
        database = folder / DATABASE_FILES[vendor]
        snapshot = (_sqlite_snapshot if vendor == "sqlite" else _postgres_snapshot)(database)
        say(f"Đã chép cơ sở dữ liệu ({sum(snapshot.counts.values())} dòng).")
        missing = _copy_files(folder, snapshot.files, say) if copy_files else []
        manifest = {
            "format": FORMAT, "created_at": started.isoformat(),
            "database": {"vendor": vendor, "file": database.name,
                         "sha256": sha256_of(database), "size": database.stat().st_size},
            "counts": snapshot.counts, "migrations": snapshot.migrations,
            "files": {"copied": copy_files, "storage": default_storage.__class__.__name__,
                      "entries": snapshot.files, "missing": missing},
            "secret_key": _save_secret_key(folder),
            "search": "not saved: restore rebuilds the index from the database",
        }
        partial = folder / (MANIFEST + ".partial")
        partial.write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
        partial.replace(folder / MANIFEST)
    return manifest
