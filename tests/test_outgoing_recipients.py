"""How an issued document names itself and its recipients: "Nơi nhận" summarises the
"Kính gửi" addressees by "- Như trên;" without listing them again; a công văn keeps its
"V/v …" trích yếu in the incoming registers it is delivered to (rules.md §1.3 ô 5b,
§1.8 column 6); the page title says what the document is now."""

from __future__ import annotations

import io
import os
import re

import docx
import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from vanphong.files.actions import open_stored
from vanphong.incoming.models import IncomingDocument
from vanphong.outgoing.access import pending_review
from vanphong.outgoing.models import OutgoingDocument, ReviewKind, Status
from vanphong.outgoing.rendering import soffice_path
from vanphong.registers.models import DocumentType

needs_libreoffice = pytest.mark.skipif(
    soffice_path() is None and not os.environ.get("VANPHONG_REQUIRE_LIBREOFFICE"),
    reason="LibreOffice (soffice) is not installed; CI sets VANPHONG_REQUIRE_LIBREOFFICE=1",
)
MTTQ = "Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Hòa"
HND = "Hội Nông dân xã Tân Hòa"


def _draft(cast, client_for, **overrides) -> OutgoingDocument:
    data = {
        "organization": cast.orgs["UBND"].pk,
        "document_type": DocumentType.objects.get(system="state", organization=None,
                                                  name="Công văn").pk,
        "subject": "Về việc rà soát hộ nghèo năm 2026",
        "addressees": f"{MTTQ}\n{HND}",
        "body": "Đề nghị các cơ quan phối hợp rà soát.",
        "signer": f"{cast.chutich.pk}:tm", "drafting_unit": cast.units["VHXH"].pk,
        "urgency": "0", "secrecy": "0", "copies": "1",
        "internal": [cast.orgs["MTTQ"].pk, cast.orgs["HND"].pk],
        "others": "Sở Lao động tỉnh Lâm Đồng",
        **overrides,
    }
    response = client_for(cast.chuyenvien).post(reverse("outgoing:new"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return OutgoingDocument.objects.latest("created_at")


def _recipients_cell(document: OutgoingDocument) -> list[str]:
    with open_stored(document.body_file) as handle:
        table = docx.Document(io.BytesIO(handle.read())).tables[-1]
    return [p.text for p in table.rows[0].cells[0].paragraphs if p.text]


def test_recipients_summarised_as_nhu_tren_are_not_listed_again(cast, client_for):
    document = _draft(cast, client_for)
    assert _recipients_cell(document) == [
        "Nơi nhận:", "- Như trên;", "- Sở Lao động tỉnh Lâm Đồng;", "- Lưu: VT, VHXH."]
    # Written by their short name in "Kính gửi", they are still the same recipients.
    short = _draft(cast, client_for, addressees="MTTQ\nHND")
    assert _recipients_cell(short) == [
        "Nơi nhận:", "- Như trên;", "- Sở Lao động tỉnh Lâm Đồng;", "- Lưu: VT, VHXH."]
    # A recipient who is not an addressee stays in the list.
    one = _draft(cast, client_for, addressees=MTTQ)
    assert _recipients_cell(one) == [
        "Nơi nhận:", "- Như trên;", f"- {HND};", "- Sở Lao động tỉnh Lâm Đồng;",
        "- Lưu: VT, VHXH."]


def _issue(cast, client_for, document: OutgoingDocument, capture) -> OutgoingDocument:
    url = lambda name: reverse(f"outgoing:{name}", args=[document.pk])  # noqa: E731
    client_for(cast.chuyenvien).post(url("submit"))
    while (step := pending_review(document)) is not None:
        client_for(step.reviewer or cast.vanthu).post(
            url("sign" if step.kind == ReviewKind.SIGN else "approve"))
    with capture(execute=True):
        response = client_for(cast.vanthu).post(
            url("issue"), {"on": timezone.localdate().isoformat(), "mode": "next"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.status == Status.ISSUED
    return document


@needs_libreoffice
def test_internal_recipients_register_the_letter_with_its_vv_subject(
    cast, client_for, django_capture_on_commit_callbacks
):
    document = _issue(cast, client_for, _draft(cast, client_for),
                      django_capture_on_commit_callbacks)
    assert document.subject == "rà soát hộ nghèo năm 2026"  # "V/v" means "Về việc"
    copies = IncomingDocument.objects.filter(code=document.code)
    assert {c.organization.short_name: c.subject for c in copies} == {
        "MTTQ": "V/v rà soát hộ nghèo năm 2026", "HND": "V/v rà soát hộ nghèo năm 2026"}
    page = client_for(cast.chutichmttq).get(reverse("incoming:list")).content.decode()
    assert "V/v rà soát hộ nghèo năm 2026" in page


def _title(html: str) -> str:
    match = re.search(r"<title>(.*?)</title>", html, re.S)
    assert match is not None
    return " ".join(match.group(1).split())


@needs_libreoffice
def test_the_page_title_says_what_the_document_is_now(
    cast, client_for, django_capture_on_commit_callbacks
):
    document = _draft(cast, client_for)
    detail = reverse("outgoing:detail", args=[document.pk])
    assert _title(client_for(cast.chuyenvien).get(detail).content.decode()) == (
        "Dự thảo công văn: V/v rà soát hộ nghèo năm 2026 — UBND — Một Văn Phòng")
    _issue(cast, client_for, document, django_capture_on_commit_callbacks)
    title = _title(client_for(cast.chuyenvien).get(detail).content.decode())
    assert title == ("Công văn số 01/UBND-VHXH: V/v rà soát hộ nghèo năm 2026 — UBND — "
                     "Một Văn Phòng")
    with open_stored(document.final_pdf) as handle:  # what a browser tab shows for the PDF
        assert PdfReader(io.BytesIO(handle.read())).metadata.title == (
            "Công văn số 01/UBND-VHXH: V/v rà soát hộ nghèo năm 2026")
