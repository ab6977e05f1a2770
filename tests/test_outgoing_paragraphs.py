"""What the drafter types stays laid out as typed: each body line a paragraph, each
"Kính gửi" line one addressee, in the draft .docx and in the issued PDF (a real
LibreOffice); the format check refuses a layout that lost them, and a template's "[…]"
placeholders are filled where the product knows them and refused where it does not."""

from __future__ import annotations

import io
import itertools
import os

import docx
import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tests.conftest import upload
from vanphong.files.actions import open_stored
from vanphong.outgoing import conformity
from vanphong.outgoing.access import pending_review
from vanphong.outgoing.models import OutgoingDocument, ReviewKind, Status, Template
from vanphong.outgoing.rendering import soffice_path
from vanphong.registers.models import DocumentType

needs_libreoffice = pytest.mark.skipif(
    soffice_path() is None and not os.environ.get("VANPHONG_REQUIRE_LIBREOFFICE"),
    reason="LibreOffice (soffice) is not installed; CI sets VANPHONG_REQUIRE_LIBREOFFICE=1",
)

ADDRESSEES = "Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Hòa\n  Hội   Nông dân xã Tân Hòa  "
PARAGRAPHS = [
    "Thực hiện Kế hoạch số 15/KH-UBND ngày 02/3/2026 của Ủy ban nhân dân xã về chuyển đổi số.",
    "Ủy ban nhân dân xã đề nghị các cơ quan rà soát danh sách cán bộ phụ trách chuyển đổi số.",
    "Văn bản gửi về Văn phòng trước ngày 20/3/2026 để tổng hợp./.",
]


def _type(name: str, system: str = "state") -> DocumentType:
    return DocumentType.objects.get(system=system, organization=None, name=name)


def _letter_data(cast, **overrides) -> dict:
    data = {
        "organization": cast.orgs["UBND"].pk,
        "document_type": _type("Công văn").pk,
        "subject": "rà soát cán bộ phụ trách chuyển đổi số",
        "addressees": ADDRESSEES,
        # Typed as in a text box: Enter between paragraphs, stray spaces inside lines.
        "body": "\r\n".join(p.replace(" xã ", "  xã ") for p in PARAGRAPHS),
        "signer": f"{cast.chutich.pk}:tm",
        "drafting_unit": cast.units["VHXH"].pk,
        "urgency": "0", "secrecy": "0", "copies": "1",
        "internal": [cast.orgs["MTTQ"].pk, cast.orgs["HND"].pk],
    }
    data.update(overrides)
    return data


def _draft(cast, client_for, **overrides) -> OutgoingDocument:
    response = client_for(cast.chuyenvien).post(reverse("outgoing:new"),
                                                _letter_data(cast, **overrides))
    assert response.status_code == 302, response.content.decode()[:2000]
    return OutgoingDocument.objects.latest("created_at")


def _signed(cast, client_for, document: OutgoingDocument) -> OutgoingDocument:
    """Through the review pages: each pending step approves, the signer signs."""
    url = lambda name: reverse(f"outgoing:{name}", args=[document.pk])  # noqa: E731
    client_for(cast.chuyenvien).post(url("submit"))
    while (step := pending_review(document)) is not None:
        actor = step.reviewer or cast.vanthu
        client_for(actor).post(url("sign" if step.kind == ReviewKind.SIGN else "approve"))
    document.refresh_from_db()
    assert document.status == Status.SIGNED
    return document


def _stored_bytes(stored) -> bytes:
    with open_stored(stored) as handle:
        return handle.read()


def _body_paragraphs(content: bytes) -> list[str]:
    """The paragraphs outside the heading and signature tables."""
    return [p.text for p in docx.Document(io.BytesIO(content)).paragraphs if p.text.strip()]


def _format_blocks(document: OutgoingDocument) -> list[str]:
    checks = conformity.issue_checks(document, on=timezone.localdate())
    return [c.message for c in checks
            if c.area == conformity.Area.FORMAT and c.level == conformity.Level.BLOCK]


def test_draft_keeps_the_typed_lines_as_paragraphs_and_addressees(cast, client_for):
    document = _draft(cast, client_for)
    assert document.body.split("\n") == PARAGRAPHS  # spaces tidied inside each line only
    assert document.addressees.split("\n") == [
        "Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Hòa", "Hội Nông dân xã Tân Hòa"]
    paragraphs = _body_paragraphs(_stored_bytes(document.body_file))
    assert paragraphs == [
        "Kính gửi:",
        "- Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Hòa;",
        "- Hội Nông dân xã Tân Hòa.",
        *PARAGRAPHS,
    ]
    page = client_for(cast.chuyenvien).get(reverse("outgoing:detail", args=[document.pk]))
    html = page.content.decode()
    for paragraph in PARAGRAPHS:
        assert f'<p class="mb-1">{paragraph}</p>' in html


@needs_libreoffice
def test_the_issued_pdf_keeps_the_paragraphs_and_the_addressee_list(
    cast, client_for, django_capture_on_commit_callbacks
):
    document = _signed(cast, client_for, _draft(cast, client_for))
    assert _format_blocks(document) == []
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(cast.vanthu).post(
            reverse("outgoing:issue", args=[document.pk]),
            {"on": timezone.localdate().isoformat(), "mode": "next"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.final_docx is not None and document.final_pdf is not None
    assert _body_paragraphs(_stored_bytes(document.final_docx))[3:] == PARAGRAPHS
    text = "\n".join(page.extract_text() for page in
                     PdfReader(io.BytesIO(_stored_bytes(document.final_pdf))).pages)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    start = lines.index("Kính gửi:")
    assert lines[start + 1:start + 3] == ["- Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Hòa;",
                                          "- Hội Nông dân xã Tân Hòa."]
    for first, second in itertools.pairwise(PARAGRAPHS):
        joint = f"{first.split()[-1]} {second.split()[0]}"
        assert not any(joint in line for line in lines)  # one ends its line...
        assert any(line.startswith(" ".join(second.split()[:3])) for line in lines)  # ...


def test_several_addressees_on_one_line_are_refused_by_the_format_check(cast, client_for):
    document = _signed(cast, client_for, _draft(
        cast, client_for,
        addressees="Ủy ban MTTQ Việt Nam xã Tân Hòa; Hội Nông dân xã Tân Hòa"))
    [problem] = _format_blocks(document)
    assert "“Kính gửi” ghi nhiều nơi trên một dòng" in problem
    response = client_for(cast.vanthu).post(reverse("outgoing:issue", args=[document.pk]),
                                            {"on": timezone.localdate().isoformat(),
                                             "mode": "next"})
    assert "Chưa thể phát hành" in response.content.decode()
    document.refresh_from_db()
    assert document.status == Status.SIGNED and document.number is None


def _merged_docx(*texts: str) -> bytes:
    """A .docx as a drafter's word processor may save it: whatever paragraphs given."""
    document = docx.Document()
    for text in texts:
        document.add_paragraph(text)
    content = io.BytesIO()
    document.save(content)
    return content.getvalue()


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_a_draft_whose_paragraphs_ran_into_one_is_refused(cast, client_for):
    """The typed paragraphs are in the file, but as one huge paragraph."""
    merged = upload("du-thao.docx", _merged_docx("Kính gửi: Hội Nông dân xã Tân Hòa.",
                                                 " ".join(PARAGRAPHS)), DOCX)
    document = _signed(cast, client_for, _draft(cast, client_for, upload=merged,
                                    addressees="Hội Nông dân xã Tân Hòa"))
    [problem] = _format_blocks(document)
    assert problem.startswith("Các đoạn bị dồn thành một đoạn (“Thực hiện Kế hoạch số 15")


def test_numbered_items_run_into_one_paragraph_are_refused(cast, client_for):
    """An uploaded file, no typed body: the headings "1." and "2." sit in one paragraph."""
    merged = upload("du-thao.docx", _merged_docx(
        "Kính gửi: Hội Nông dân xã Tân Hòa.",
        "Ủy ban nhân dân xã đề nghị như sau: 1. Rà soát danh sách cán bộ. 2. Gửi báo cáo "
        "trước ngày 20/3/2026."), DOCX)
    document = _signed(cast, client_for, _draft(cast, client_for, upload=merged, body="",
                                    addressees="Hội Nông dân xã Tân Hòa"))
    [problem] = _format_blocks(document)
    assert "Các đoạn bị dồn thành một đoạn" in problem
    one_item = upload("du-thao.docx", _merged_docx(
        "Kính gửi: Hội Nông dân xã Tân Hòa.", "Số lượng: 3. Trong đó có 2 cán bộ nữ."), DOCX)
    fine = _signed(cast, client_for, _draft(cast, client_for, upload=one_item, body="",
                                addressees="Hội Nông dân xã Tân Hòa"))
    assert _format_blocks(fine) == []


def test_template_placeholders_the_product_knows_are_filled(cast, client_for):
    template = Template.objects.get(name="Công văn hành chính (mẫu 1.5)")
    assert "[tên cơ quan]" in template.body
    page = client_for(cast.chuyenvien).post(reverse("outgoing:new"), _letter_data(
        cast, template=template.pk, use_template="1", body="")).content.decode()
    assert "[tên cơ quan]" not in page
    assert "Thực hiện …, Ủy ban nhân dân xã Tân Hòa đề nghị … như sau:" in page


def test_a_placeholder_left_in_the_text_blocks_issuing(cast, client_for):
    template = Template.objects.get(name="Thông báo (mẫu 1.4)")
    body = template.body.replace("…", "lịch tiếp công dân tháng 4")
    document = _signed(cast, client_for, _draft(
        cast, client_for, document_type=_type("Thông báo").pk, template=template.pk, body=body,
        addressees=""))
    assert "[Tên cơ quan]" not in document.body  # the product knows this one
    assert document.body.startswith("[Nội dung thông báo] lịch tiếp công dân")
    [problem] = _format_blocks(document)
    assert problem == ("Văn bản còn chỗ chưa điền [Nội dung thông báo]: thay bằng nội dung "
                       "cụ thể.")
    response = client_for(cast.vanthu).post(reverse("outgoing:issue", args=[document.pk]),
                                            {"on": timezone.localdate().isoformat(),
                                             "mode": "next"})
    assert "[Nội dung thông báo]" in response.content.decode()
    document.refresh_from_db()
    assert document.status == Status.SIGNED
