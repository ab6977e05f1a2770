"""The audit log is append-only for raw SQL too (UPDATE, DELETE, TRUNCATE refused on both
databases), and a person it names is deactivated, never deleted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse

from tests.conftest import make_pdf, upload
from tests.fresh_install import ROOT, _environment
from vanphong import clock
from vanphong.audit.models import AuditEvent
from vanphong.files.actions import store_file
from vanphong.incoming import actions as incoming_actions
from vanphong.organizations.models import Role, User

NEW_PASSWORD = "Tan-Hoa-2026-moi"


def _register(cast, code: str = "2/SYT") -> AuditEvent:
    fields = incoming_actions.IncomingFields(
        issuer="Sở Y tế", code=code, subject="V/v tiêm chủng", issued_date=clock.today())
    incoming_actions.register_incoming(actor=cast.vanthu, organizations=[cast.orgs["UBND"]],
                                       fields=fields, has_paper_original=True)
    return AuditEvent.objects.filter(action="incoming.register").latest("id")


def _refused(sql: str, params: list[object] | None = None) -> str:
    with pytest.raises(DatabaseError) as error, transaction.atomic(), connection.cursor() as c:
        c.execute(sql, params)
    return str(error.value)


def test_raw_sql_cannot_update_delete_or_empty_the_audit_log(cast):
    event = _register(cast)
    before = AuditEvent.objects.count()
    assert "append-only" in _refused("UPDATE audit_auditevent SET summary = 'x' WHERE id = %s",
                                     [event.pk])
    assert "append-only" in _refused("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    # SQLite's truncate is a DELETE without WHERE; PostgreSQL has TRUNCATE besides.
    assert "append-only" in _refused("DELETE FROM audit_auditevent")
    if connection.vendor == "postgresql":
        # Check the test transaction's deferred foreign keys now, or PostgreSQL refuses
        # TRUNCATE for having "pending trigger events" before our trigger is reached.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        assert "append-only" in _refused("TRUNCATE audit_auditevent")
        assert "append-only" in _refused("TRUNCATE audit_auditevent CASCADE")
    assert AuditEvent.objects.count() == before
    assert AuditEvent.objects.get(pk=event.pk).summary == event.summary


def test_the_test_runners_flush_empties_the_log_and_puts_its_guards_back(transactional_db,
                                                                          cast):
    _register(cast)
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEvent.objects.exists()
    assert not User.objects.exists()
    from vanphong.demo.orgchart import build_office

    event = _register(build_office(), code="3/SYT")
    assert "append-only" in _refused("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    call_command("check", databases=["default"])  # the trigger check passes


def test_the_database_check_reports_a_lost_guard(db):
    """A later migration that rebuilds the table (SQLite does for many changes) would drop
    its triggers silently; the start-up check says so. (Rolled back with the test.)"""
    lost = "audit_no_delete" if connection.vendor == "sqlite" else "audit_no_truncate"
    call_command("check", databases=["default"])
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER {lost}" if connection.vendor == "sqlite"
                       else f"DROP TRIGGER {lost} ON audit_auditevent")
    with pytest.raises(SystemCheckError, match=f"thiếu trigger chống sửa, xóa \\({lost}\\)"):
        call_command("check", databases=["default"])


@pytest.mark.slow
@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_flush_on_a_real_installation_leaves_the_log_alone(tmp_path):
    """Outside a test database nothing lifts the guards: `manage.py flush` is refused."""
    environment = {**_environment(tmp_path), "VANPHONG_TASKS": "database"}

    def manage(*arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT,  # noqa: S603
                              env=environment, capture_output=True, text=True, timeout=600)

    assert manage("migrate", "--noinput").returncode == 0
    write = ("from vanphong.audit.actions import record_audit; "
             "record_audit(actor=None, action='system.test', summary='x')")
    assert manage("shell", "-c", write).returncode == 0
    flushed = manage("flush", "--noinput")
    assert flushed.returncode != 0
    assert "Nhật ký chỉ ghi thêm: không xóa trắng được" in flushed.stderr
    count = manage("shell", "-c", "from vanphong.audit.models import AuditEvent; "
                                  "print(AuditEvent.objects.count())")
    assert count.stdout.strip().splitlines()[-1] == "1"
    assert Path(tmp_path / "vanphong.sqlite3").exists()


# --- People with history are deactivated, never deleted ---------------------------------


def test_deleting_a_person_whom_only_the_log_names_is_refused_before_any_sql(cast,
                                                                            client_for):
    """The administrator's only trace is an audit row: it protects them (it used to be
    nulled, which the append-only trigger refused with a database error)."""
    client_for(cast.admin).post(
        reverse("administration:person_edit", args=[cast.ketoan.pk]),
        {"username": "ketoan", "full_name": "Đặng Thị Thảo", "email": "", "phone": "0905"})
    assert AuditEvent.objects.filter(actor=cast.admin, action="person.update").exists()
    with pytest.raises(ProtectedError):
        cast.admin.delete()
    assert User.objects.filter(pk=cast.admin.pk).exists()


def test_a_person_whose_only_trace_is_an_uploaded_file_is_kept(cast):
    pdf = upload("a.pdf", make_pdf("tep"))
    store_file(actor=cast.ketoan, stream=pdf.file, name="a.pdf", size=pdf.size)
    assert cast.ketoan.has_history()
    with pytest.raises(ProtectedError):
        cast.ketoan.delete()


@pytest.fixture
def admin_client(cast, client_for) -> Client:
    return client_for(cast.admin)


def _person_page(client: Client, person: User) -> str:
    return client.get(reverse("administration:person_detail", args=[person.pk])).content.decode()


def test_the_page_offers_deactivation_not_deletion_for_a_person_with_history(cast, admin_client):
    _register(cast)
    page = _person_page(admin_client, cast.vanthu)
    assert "Ngừng hoạt động" in page
    assert "Xóa người dùng" not in page
    assert "đã có lịch sử trong hệ thống nên không xóa được" in page
    delete_url = reverse("administration:person_delete", args=[cast.vanthu.pk])
    response = admin_client.post(delete_url, {"reason": "Tạo nhầm"}, follow=True)
    assert "Không xóa được Nguyễn Thị Hoa: người này đã có lịch sử" in response.content.decode()
    assert "“Ngừng hoạt động”" in response.content.decode()
    assert User.objects.filter(pk=cast.vanthu.pk).exists()
    assert not AuditEvent.objects.filter(action="person.delete").exists()

    response = admin_client.post(
        reverse("administration:person_deactivate", args=[cast.vanthu.pk]),
        {"reason": "Nghỉ hưu"}, follow=True)
    assert "Đã ngừng hoạt động tài khoản Nguyễn Thị Hoa." in response.content.decode()
    cast.vanthu.refresh_from_db()
    assert not cast.vanthu.is_active
    assert AuditEvent.objects.filter(actor=cast.vanthu).exists()  # the history still names her


def test_a_person_created_by_mistake_can_be_deleted(cast, admin_client):
    response = admin_client.post(reverse("administration:person_create"), {
        "username": "nhamlan", "full_name": "Tạo Nhầm", "email": "", "phone": "",
        "password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "office": cast.office.pk,
        "role": Role.SPECIALIST, "title": "Chuyên viên", "organization": cast.orgs["UBND"].pk,
        "unit": "", "start_date": "2026-01-05", "end_date": ""})
    assert response.status_code == 302
    person = User.objects.get(username="nhamlan")
    page = _person_page(admin_client, person)
    assert "Xóa người dùng" in page
    delete_url = reverse("administration:person_delete", args=[person.pk])
    assert "chưa có lịch sử nào" in admin_client.get(delete_url).content.decode()
    response = admin_client.post(delete_url, {"reason": "Tạo nhầm"}, follow=True)
    assert "Đã xóa người dùng Tạo Nhầm." in response.content.decode()
    assert not User.objects.filter(username="nhamlan").exists()
    event = AuditEvent.objects.get(action="person.delete")
    assert (event.actor, event.object_id, event.data["reason"]) == (
        cast.admin, str(person.pk), "Tạo nhầm")


def test_only_an_administrator_of_the_person_reaches_the_delete_page(cast, client_for):
    delete_url = reverse("administration:person_delete", args=[cast.chuyenvien2.pk])
    assert client_for(cast.vanthu).post(delete_url).status_code == 404
    assert client_for(cast.chutich).get(delete_url).status_code == 404
    assert User.objects.filter(pk=cast.chuyenvien2.pk).exists()
