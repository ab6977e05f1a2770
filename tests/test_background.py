"""The background worker: real database-backed tasks picked up by `db_worker`."""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command

from tests.conftest import make_pdf, upload
from vanphong import clock
from vanphong.files.actions import store_file
from vanphong.files.models import StoredFile
from vanphong.incoming import actions


def _fields():
    return actions.IncomingFields(issuer="Sở Tài chính", code="77/STC-NS",
                                  issued_date=clock.today(), subject="V/v dự toán")


def test_worker_counts_pages_and_fills_the_page_count(transactional_db, cast, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    pdf = upload("a.pdf", make_pdf("trang"))
    stored = store_file(actor=cast.vanthu, stream=pdf.file, name="a.pdf", size=pdf.size)
    [document] = actions.register_incoming(
        actor=cast.vanthu, organizations=[cast.orgs["UBND"]], fields=_fields(),
        files=[(stored, "a.pdf")],
    )
    document.refresh_from_db()
    assert document.pages is None  # queued, not yet run
    call_command("db_worker", batch=True, queue_name="*", startup_delay=False)
    document.refresh_from_db()
    assert document.pages == 1
    assert StoredFile.objects.get(pk=stored.pk).pages == 1


def test_abandoned_uploads_are_removed_after_a_day(transactional_db, cast, settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from vanphong.files.tasks import delete_abandoned_uploads

    pdf = upload("b.pdf", make_pdf("bo di"))
    kept = store_file(actor=cast.vanthu, stream=pdf.file, name="b.pdf", size=pdf.size)
    path = tmp_path / "files" / kept.storage_name
    assert path.exists()
    later = clock.now() + dt.timedelta(days=2)
    with clock.frozen_at(later):
        delete_abandoned_uploads.enqueue()
        call_command("db_worker", batch=True, queue_name="*", startup_delay=False)
    assert not StoredFile.objects.filter(pk=kept.pk).exists()
    assert not path.exists()
