"""Shared fixtures: the named cast of the demo office and helpers to act as them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.test import Client

from vanphong.demo.orgchart import DEMO_PASSWORD, DemoOffice, build_office

SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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


@pytest.fixture
def cast(db) -> DemoOffice:
    """The demo office's organization chart: `cast.vanthu`, `cast.orgs["UBND"]`..."""
    return build_office()


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

