"""`manage.py backup` and `manage.py restore`: a round trip into a fresh installation gives
the same rows, the same files byte for byte, the same secret key and a search that works.

On SQLite the fresh installation has its own data folder and database file; on
PostgreSQL its own, new database. The backup is taken from the test database while it is
in use (other connections open), as an office would."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.conftest import make_pdf, upload
from tests.fresh_install import ROOT, fresh_installation
from vanphong import clock
from vanphong.files.actions import store_file
from vanphong.incoming import actions

PASSWORD = "Khoi-phuc-2026"
SUBJECT = "V/v quy hoạch khu dân cư thôn Phú Thịnh"


def _register(cast, code: str, subject: str) -> None:
    pdf = upload(f"{code[:2]}.pdf", make_pdf(subject))
    stored = store_file(actor=cast.vanthu, stream=pdf.file, name="quy-hoach.pdf", size=pdf.size)
    fields = actions.IncomingFields(issuer="Sở Xây dựng", code=code, issued_date=clock.today(),
                                    subject=subject)
    actions.register_incoming(actor=cast.vanthu, organizations=[cast.orgs["UBND"]],
                              fields=fields, files=[(stored, "quy-hoach.pdf")])


def _manage(environment: dict[str, str], *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT,  # noqa: S603
                          env=environment, capture_output=True, text=True, timeout=600)


@contextlib.contextmanager
def empty_database() -> Iterator[str | None]:
    """None on SQLite (the fresh installation makes its own file); on PostgreSQL a new
    database `<name>_restore`, dropped afterwards."""
    if connection.vendor != "postgresql":
        yield None
        return
    import psycopg

    db = connection.settings_dict
    name = db["NAME"].removeprefix("test_") + "_restore"
    admin = psycopg.connect(dbname="postgres", user=db["USER"], password=db["PASSWORD"] or None,
                            host=db["HOST"], port=db["PORT"] or 5432, autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.execute(f'CREATE DATABASE "{name}"')
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    try:
        yield f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _search(url: str, username: str, text: str) -> str:
    with httpx.Client(base_url=url, follow_redirects=True, timeout=60) as client:
        client.get("/dang-nhap/")
        client.post("/dang-nhap/", data={
            "username": username, "password": PASSWORD,
            "csrfmiddlewaretoken": client.cookies["csrftoken"]},
            headers={"Referer": f"{url}/dang-nhap/"})
        return client.get("/tim-kiem/", params={"q": text}).text


@pytest.mark.slow
def test_a_backup_restores_into_a_fresh_installation_identically(
        transactional_db, cast, settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    cast.vanthu.set_password(PASSWORD)
    cast.vanthu.save()
    _register(cast, "45/SXD-QH", SUBJECT)
    _register(cast, "46/SXD-QH", "V/v cấp phép xây dựng nhà văn hóa")
    backup = tmp_path / "sao-luu"
    call_command("backup", str(backup))
    original = json.loads((backup / "manifest.json").read_text())
    assert len(original["files"]["entries"]) == 2 and not original["files"]["missing"]
    with pytest.raises(CommandError, match="đã có dữ liệu"):
        call_command("backup", str(backup))

    checked = tmp_path / "kiem-tra"
    outcomes: dict[str, subprocess.CompletedProcess[str]] = {}

    def restore_then_back_up(environment: dict[str, str]) -> None:
        outcomes["refused"] = _manage(environment, "restore", str(backup))
        outcomes["restore"] = _manage(environment, "restore", str(backup), "--replace")
        outcomes["backup"] = _manage(environment, "backup", str(checked))

    fresh = tmp_path / "may-moi"
    with (empty_database() as database_url,
          fresh_installation(fresh, password="Mat-khau-khac-2026", database_url=database_url,
                             before_start=restore_then_back_up) as url):
        assert outcomes["refused"].returncode != 0
        assert "Chạy lại với --replace" in outcomes["refused"].stderr
        assert outcomes["restore"].returncode == 0, outcomes["restore"].stderr
        assert outcomes["backup"].returncode == 0, outcomes["backup"].stderr
        page = _search(url, "vanthu", "45/SXD-QH")
        assert SUBJECT in page
        assert "cấp phép xây dựng nhà văn hóa" not in page
        assert "cấp phép xây dựng nhà văn hóa" in _search(url, "vanthu", "46/SXD-QH")

    again = json.loads((checked / "manifest.json").read_text())
    assert again["files"]["entries"] == original["files"]["entries"]
    for entry in original["files"]["entries"]:
        assert (fresh / "files" / entry["name"]).read_bytes() == \
            (backup / "files" / entry["name"]).read_bytes()
    assert again["secret_key"]["sha256"] == original["secret_key"]["sha256"]
    assert (fresh / "secret_key").read_text() == Path(settings.DATA_DIR, "secret_key").read_text()
    changed = {table: again["counts"][table] - count
               for table, count in original["counts"].items() if again["counts"][table] != count}
    # The restore itself is logged; the index rebuild notes its run.
    assert changed == {"audit_auditevent": 1, "search_reindexrun": 1}
    assert original["counts"]["incoming_incomingdocument"] == 2
