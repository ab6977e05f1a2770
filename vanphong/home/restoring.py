"""Restoring a backup made by `manage.py backup` (`manage.py restore`), e.g. into a fresh
installation after losing a server.

Everything in the backup is checked before anything is replaced: the manifest, the
checksum of the database copy and of every file, and that the backup is not from a newer
version of the program. Then the database is replaced as a whole (SQLite's backup API;
`pg_restore --clean` in one transaction on PostgreSQL), its row counts are compared with
the manifest, the migrations of this version are applied, the files are put back into
the storage, the secret key into the data folder, and the search index is rebuilt.
Stop the web server and the worker first, and start them again after.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.db.migrations.loader import MigrationLoader

from vanphong.audit.actions import record_audit
from vanphong.home.backups import (
    FILES,
    FORMAT,
    MANIFEST,
    BackupError,
    Say,
    copy_stream,
    count_rows,
    inside,
    run_tool,
    secret_key_path,
    sha256_of,
    sha256_stream,
)


def read_manifest(folder: Path) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"Không đọc được {folder / MANIFEST}: bản sao lưu chưa xong hoặc "
                          "không phải bản sao lưu của Một Văn Phòng.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError("Bản sao lưu có định dạng khác phiên bản này đọc được.")
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(f"Bản sao lưu là của CSDL {vendor}, máy này dùng {connection.vendor}: "
                          "hãy khôi phục vào cùng loại cơ sở dữ liệu.")
    return manifest


def _check_backup(folder: Path, manifest: dict[str, Any]) -> None:
    database = inside(folder, manifest["database"]["file"])
    if not database.exists() or sha256_of(database) != manifest["database"]["sha256"]:
        raise BackupError(f"Tệp {database.name} thiếu hoặc đã bị hỏng (SHA-256 khác).")
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    newer = [f"{app}.{name}" for app, name in manifest["migrations"]
             if (app, name) not in known]
    if newer:
        raise BackupError("Bản sao lưu từ phiên bản mới hơn của chương trình (có "
                          f"{', '.join(newer[:3])}): hãy cài phiên bản đó rồi khôi phục.")
    missing = set(manifest["files"]["missing"])
    for entry in manifest["files"]["entries"] if manifest["files"]["copied"] else []:
        if entry["name"] in missing:
            continue
        path = inside(folder / FILES, entry["name"])
        if not path.exists() or sha256_of(path) != entry["sha256"]:
            raise BackupError(f"Tệp {entry['name']} trong bản sao lưu thiếu hoặc đã bị hỏng.")


def _has_data() -> bool:
    from vanphong.organizations.models import User

    try:
        return User.objects.exists()
    except DatabaseError:  # not migrated yet: nothing to lose
        return False


def _load_database(folder: Path, manifest: dict[str, Any]) -> None:
    database = inside(folder, manifest["database"]["file"])
    connection.close()
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as copy:
            copy.backup(connection.connection)
    else:
        run_tool("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction",
                                "--exit-on-error", "--dbname", connection.settings_dict["NAME"],
                                str(database)])
    connection.close()


def _check_counts(manifest: dict[str, Any]) -> None:
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))

        def execute(sql: str) -> list[tuple[Any, ...]]:
            cursor.execute(sql)
            return list(cursor.fetchall())

        for table, expected in manifest["counts"].items():
            if table not in tables:  # a name from the manifest is only used if it exists
                raise BackupError(f"Sau khi khôi phục thiếu bảng {table}.")
            found = count_rows(execute, table)
            if found != expected:
                raise BackupError(f"Sau khi khôi phục, bảng {table} có {found} dòng, bản sao "
                                  f"lưu ghi {expected}: cơ sở dữ liệu không đúng bản sao lưu.")


def _restore_files(folder: Path, manifest: dict[str, Any], say: Say) -> int:
    files, restored, absent = manifest["files"], 0, []
    for entry in files["entries"]:
        name = entry["name"]
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as present:
                if sha256_stream(present) == entry["sha256"]:
                    continue
            default_storage.delete(name)
        source = inside(folder / FILES, name)
        if not files["copied"] or not source.exists():
            absent.append(name)
            continue
        with source.open("rb") as stream:
            if default_storage.save(name, File(stream, name=name)) != name:
                raise BackupError(f"Kho lưu trữ không ghi được tệp {name} đúng tên của nó.")
        restored += 1
    if absent:
        say(f"Cảnh báo: {len(absent)} tệp không có trong bản sao lưu cũng không có trong kho "
            "(ví dụ " + ", ".join(absent[:3]) + ").")
    return restored


def _restore_secret_key(folder: Path, manifest: dict[str, Any], say: Say) -> None:
    saved = manifest["secret_key"]
    if saved["source"] == "environment":
        say("Khóa bí mật của bản sao lưu đặt bằng biến VANPHONG_SECRET_KEY: hãy đặt lại đúng "
            "giá trị đó cho máy này.")
        return
    if saved["source"] != "file":
        return
    if os.environ.get("VANPHONG_SECRET_KEY"):
        say("Máy này đặt khóa bí mật bằng VANPHONG_SECRET_KEY nên giữ khóa đó; khóa trong bản "
            "sao lưu không được dùng (phiên đăng nhập cũ sẽ phải đăng nhập lại).")
        return
    with inside(folder, saved["file"]).open("rb") as stream:
        copy_stream(stream, secret_key_path())
    secret_key_path().chmod(0o600)


def restore(folder: Path, *, replace: bool, say: Say = print) -> None:
    manifest = read_manifest(folder)
    _check_backup(folder, manifest)
    if _has_data() and not replace:
        raise BackupError("Cơ sở dữ liệu của máy này đã có dữ liệu; khôi phục sẽ thay toàn bộ "
                          "dữ liệu đó. Chạy lại với --replace nếu đúng là muốn vậy.")
    _load_database(folder, manifest)
    _check_counts(manifest)
    call_command("migrate", interactive=False, verbosity=0)
    restored = _restore_files(folder, manifest, say)
    _restore_secret_key(folder, manifest, say)
    record_audit(actor=None, action="system.restore",
                 summary=f"Khôi phục từ bản sao lưu tạo lúc {manifest['created_at']}",
                 created_at=manifest["created_at"], files=len(manifest["files"]["entries"]))
    say(f"Đã khôi phục cơ sở dữ liệu và {restored} tệp; đang lập lại chỉ mục tìm kiếm...")
    call_command("search_reindex", restart=True, quiet=True)
