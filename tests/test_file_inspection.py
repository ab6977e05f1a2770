"""What the worker learns of a stored file (its pages, its own text) reaches the documents
that hold it through their own actions; the files app announces, the apps above subscribe."""

from __future__ import annotations

import ast
import datetime as dt
import io
from pathlib import Path

from tests.conftest import make_pdf
from tests.test_api import api_as  # noqa: F401  (fixture)
from vanphong import clock
from vanphong.audit.models import AuditEvent
from vanphong.files.actions import store_file
from vanphong.incoming import actions
from vanphong.incoming.models import IncomingEvent

FILES_APP = Path(__file__).parents[1] / "vanphong" / "files"
#: What the files app may import of the project: itself and the floors below it.
FLOORS_BELOW = ("vanphong.files", "vanphong.errors", "vanphong.clock")


def _register_without_pages(cast, pdf: bytes):
    stored = store_file(actor=cast.vanthu, stream=io.BytesIO(pdf), name="ke-hoach.pdf",
                        size=len(pdf))
    [document] = actions.register_incoming(
        actor=cast.vanthu, organizations=[cast.orgs["UBND"]],
        fields=actions.IncomingFields(
            issuer="Sở Nội vụ", code="15/KH-SNV", subject="Kế hoạch cải cách hành chính",
            issued_date=clock.today() - dt.timedelta(days=1),
        ),
        files=[(stored, "ke-hoach.pdf")],
    )
    return document


def test_counted_pages_are_a_recorded_change_of_the_document(
    cast, api_as, django_capture_on_commit_callbacks  # noqa: F811
):
    with django_capture_on_commit_callbacks(execute=True):  # the worker runs on commit
        document = _register_without_pages(cast, make_pdf("Ke hoach cai cach"))
    body = api_as(cast.vanthu).get(f"/incoming/{document.pk}").json()
    assert body["pages"] == 1
    assert [e["kind"] for e in body["history"]] == ["register", "correct"]
    assert "đếm tự động" in body["history"][1]["note"]
    event = IncomingEvent.objects.get(document=document, kind="correct")
    assert event.data["changes"] == {"pages": ["", "1"]}
    assert event.actor == cast.vanthu  # who registered it without a count
    audit = AuditEvent.objects.get(action="incoming.correct", object_id=str(document.pk))
    assert audit.data["changes"] == {"pages": ["", "1"]}


def test_a_count_the_clerk_typed_meanwhile_is_kept(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        document = _register_without_pages(cast, make_pdf("Dem trang"))
    actions.correct_incoming(actor=cast.vanthu, document=document, fields=actions.IncomingFields(
        issuer=document.issuer, code=document.code, issued_date=document.issued_date,
        subject=document.subject, pages=3))
    for callback in callbacks:
        callback()
    document.refresh_from_db()
    assert document.pages == 3
    assert list(document.events.values_list("kind", flat=True)) == ["register", "correct"]


def _project_imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {name for name in names if name.startswith("vanphong")}


def test_the_files_app_imports_no_app_above_it():
    """Lower floors never import upper ones (also inside functions): files announce an
    event and incoming, intake and search subscribe."""
    upward = {
        f"{path.name}: {name}"
        for path in FILES_APP.glob("*.py")
        for name in _project_imports(path)
        if not name.startswith(FLOORS_BELOW)
    }
    assert upward == set()
