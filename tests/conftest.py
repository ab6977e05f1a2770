"""Shared fixtures: the named cast of the demo office and helpers to act as them."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.apps import apps
from django.db import transaction
from django.db.models import Model
from django.test import Client

from tests.imap_server import imap_server  # noqa: F401  (fixture: a real Dovecot)
from tests.mail_server import mail_server  # noqa: F401  (fixture: a real SMTP server)
from vanphong.demo.orgchart import DEMO_PASSWORD, DemoOffice, build_office

SAMPLES = Path(__file__).parent / "samples"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked `slow` (tens of seconds: real servers, subprocesses, OCR) first.

    Runs before pytest-django's own sort (both try first; a conftest's hook is called before
    a plugin's), whose stable sort by kind (database tests, then transactional ones, then the
    rest) keeps this order inside each kind: a slow test starts at the head of its kind
    instead of at the end of the run, where one worker would finish it while the other
    waits (`scripts/run-tests.sh` hands tests out one at a time, `--maxschedchunk 1`)."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_learned_vocabulary():
    """What an office's vocabulary learned in one test (per process) is not used in the next."""
    from vanphong.intake import vocabulary

    vocabulary.forget()


@pytest.fixture(autouse=True)
def _isolated_search(settings, tmp_path):
    """Every test has its own search index."""
    settings.VANPHONG_SEARCH_DIR = str(tmp_path / "search")


@pytest.fixture(autouse=True)
def _isolated_cache(settings, tmp_path):
    """Every test has its own cache, so API request counts start from zero."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": str(tmp_path)}}


@pytest.fixture(autouse=True)
def _isolated_files(settings, tmp_path):
    """Every test stores its files in its own folder."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "files")},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


#: How the `cast` fixture makes the demo office: "restore" (default) its rows, read once per
#: process; "build" calls `build_office()` in every test, the old way, to measure the saving
#: (`bench/test_suite.py`) or to rule the restore out when a test misbehaves.
CAST_MODE = os.environ.get("VANPHONG_TEST_CAST", "restore")
if CAST_MODE not in {"restore", "build"}:
    raise pytest.UsageError(f"VANPHONG_TEST_CAST={CAST_MODE!r}: expected 'restore' or 'build'")


@pytest.fixture
def cast(db) -> DemoOffice:
    """The demo office's organization chart: `cast.vanthu`, `cast.orgs["UBND"]`...

    Fresh rows and fresh objects in every test, as `build_office()` makes them; built for
    real once per test process, then restored from its rows (a third of the set-up time of
    building it in every test: `bench/suite_speed.py`, docs/benchmarks.md)."""
    if CAST_MODE == "build":
        return build_office()
    return _restore_cast(_cast_rows())


class _Rollback(Exception):
    pass


_CAST_ROWS: list[tuple[type[Model], list[dict]]] = []


def _cast_rows() -> list[tuple[type[Model], list[dict]]]:
    """The rows `build_office()` adds, read back once (inside a transaction undone after)."""
    if _CAST_ROWS:
        return _CAST_ROWS
    models = apps.get_models(include_auto_created=True)
    before = {m: set(m._base_manager.values_list("pk", flat=True)) for m in models}
    try:
        with transaction.atomic():
            build_office()
            for model in models:
                fields = [f.attname for f in model._meta.concrete_fields]
                rows = list(model._base_manager.exclude(pk__in=before[model])
                            .order_by("pk").values(*fields))
                if rows:
                    _CAST_ROWS.append((model, rows))
            raise _Rollback
    except _Rollback:
        pass
    return _CAST_ROWS


def _restore_cast(rows: list[tuple[type[Model], list[dict]]]) -> DemoOffice:
    from django.core.management.color import no_style
    from django.db import connection

    from vanphong.organizations.models import Office, Organization, Unit, User
    from vanphong.outgoing.defaults import seed_templates
    from vanphong.outgoing.models import Template
    from vanphong.registers.defaults import seed_document_types
    from vanphong.registers.models import DocumentType

    with transaction.atomic():  # foreign keys are checked at its end, in any order
        if not DocumentType.objects.filter(organization=None).exists():
            # A transactional test flushed the migrations' rows: seed them as build_office does.
            seed_document_types(DocumentType)
            seed_templates(Template, DocumentType)
        for model, values in rows:
            model._base_manager.bulk_create([model(**v) for v in values])
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [m for m, _ in rows]):
                cursor.execute(statement)
    ids = {model: [v["id"] for v in values] for model, values in rows}
    office = Office.objects.get(pk=ids[Office][0])
    orgs = Organization.objects.filter(pk__in=ids[Organization]).order_by("pk")
    units = Unit.objects.filter(pk__in=ids[Unit]).order_by("pk")
    users = User.objects.filter(pk__in=ids[User]).order_by("pk")
    return DemoOffice(office=office, orgs={o.short_name: o for o in orgs},
                      units={u.short_name: u for u in units},
                      users={u.username: u for u in users})


@pytest.fixture
def client_for(client):
    """`client_for(user)` returns a test client logged in as that user."""

    def login(user) -> Client:
        c = Client()
        c.force_login(user)
        return c

    return login


@pytest.fixture
def password() -> str:
    return DEMO_PASSWORD


def sample_bytes(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def upload(name: str, content: bytes | None = None, content_type: str = "application/pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = content if content is not None else sample_bytes(name)
    return SimpleUploadedFile(name, data, content_type=content_type)


def make_pdf(text: str = "Văn bản mẫu") -> bytes:
    """A small real PDF (one page) made with ReportLab, different for each text."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 720, text.encode("ascii", "replace").decode())
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()



# --- Browser tests -------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Skipped when Chromium is missing, unless
    VANPHONG_REQUIRE_BROWSER=1 (CI), where a missing browser fails the run."""
    import os
    import shutil

    if not shutil.which(CHROMIUM):
        if os.environ.get("VANPHONG_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required (VANPHONG_REQUIRE_BROWSER=1) but missing")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def open_context(browser, live_server):
    """`open_context()` opens a browser context whose pages are checked when the test ends:
    axe-core (WCAG 2.1 A/AA), the CSP and aria references, on every page the test visited
    (tests/browser_checks.py). 0 problems allowed. VANPHONG_BROWSER_CHECKS=0 leaves the
    checks out (run-tests.sh does in its PostgreSQL pass: pages do not depend on the
    database, and the SQLite pass has checked them)."""
    from tests.browser_checks import PageChecks

    opened = []

    def open_one(*, viewport=None, locale="vi-VN"):
        context = browser.new_context(
            locale=locale, timezone_id="Asia/Ho_Chi_Minh", accept_downloads=True,
            viewport=viewport or {"width": 1366, "height": 900},
            # No colour transitions (Bootstrap honours it): axe measures a hovered button's
            # final colours, not a frame half-way through its fade.
            reduced_motion="reduce",
        )
        context.set_default_timeout(15000)
        checks = PageChecks(live_server.url)
        checks.attach(context)
        opened.append((context, checks))
        return context

    yield open_one
    problems = []
    for context, checks in opened:
        if os.environ.get("VANPHONG_BROWSER_CHECKS", "1") != "0":
            problems += checks.problems(context)
        context.close()
    assert not problems, "Trang có lỗi truy cập hoặc CSP:\n" + "\n".join(problems)


@pytest.fixture
def new_page(open_context, live_server):
    """`new_page()`: a browser page on the login page, not logged in."""

    def open_page(**options):
        page = open_context(**options).new_page()
        page.goto(f"{live_server.url}/dang-nhap/")
        page.base_url = live_server.url  # type: ignore[attr-defined]
        return page

    return open_page


@pytest.fixture
def page_for(new_page, live_server, password):
    """`page_for(user)` opens a new browser context and logs in through the login page."""

    def open_as(user, *, viewport=None, locale="vi-VN"):
        page = new_page(viewport=viewport, locale=locale)
        page.get_by_label("Tên đăng nhập").fill(user.username)
        page.get_by_label("Mật khẩu").fill(password)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(f"{live_server.url}/**")
        return page

    return open_as
