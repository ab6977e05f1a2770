"""Signing authority of collective bodies (chế độ tập thể): the UBND, the Thường trực HĐND,
the Ban Thường trực MTTQ, the Đảng ủy and the đoàn thể sign "TM." / "T/M" their
collective; a State-style deputy adds "KT. <head>". Whether an organization signs so is
its administrator's setting, with công văn exemptable; the drafting form offers only
what the check allows, the check refuses the rest, and the signature block is printed
as the rules write it in the draft .docx and the issued PDF (a real LibreOffice)."""

from __future__ import annotations

import io
import os
import re

import docx
import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tests.conftest import make_pdf
from vanphong.administration.forms import OrganizationForm
from vanphong.errors import Invalid
from vanphong.files.actions import open_stored, store_file
from vanphong.organizations.models import CollectiveSigning, Organization
from vanphong.outgoing import conformity
from vanphong.outgoing.access import pending_review
from vanphong.outgoing.actions import DraftFields, RecipientSpec, create_draft, submit_outgoing
from vanphong.outgoing.issuing import record_signed_on_paper
from vanphong.outgoing.models import Capacity, OutgoingDocument, ReviewKind, Status
from vanphong.outgoing.rendering import soffice_path
from vanphong.registers.models import DocumentType

needs_libreoffice = pytest.mark.skipif(
    soffice_path() is None and not os.environ.get("VANPHONG_REQUIRE_LIBREOFFICE"),
    reason="LibreOffice (soffice) is not installed; CI sets VANPHONG_REQUIRE_LIBREOFFICE=1",
)


def _type(name: str, system: str = "state") -> DocumentType:
    return DocumentType.objects.get(system=system, organization=None, name=name)


def _signer_options(client, organization: Organization) -> dict[str, str]:
    """value → label of the "Người ký và thẩm quyền ký" list on the drafting page."""
    html = client.get(reverse("outgoing:new"), {"organization": organization.pk}).content
    select = re.search(r'<select name="signer".*?</select>', html.decode(), re.S)
    assert select is not None
    return dict(re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', select.group()))


def test_the_ubnd_chairman_and_deputy_are_offered_only_tm(cast, client_for):
    options = _signer_options(client_for(cast.chuyenvien), cast.orgs["UBND"])
    assert options == {
        f"{cast.chutich.pk}:tm": "Lê Văn Nam — TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH",
        f"{cast.phochutich.pk}:tm":
            "Đỗ Thị Lan — TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
    }


def test_every_collective_body_of_the_office_signs_for_its_collective(cast, client_for):
    hdnd = _signer_options(client_for(cast.vanthu), cast.orgs["HĐND"])
    assert hdnd == {
        f"{cast.bithu.pk}:tm": "Hoàng Văn Thắng — TM. THƯỜNG TRỰC HĐND / CHỦ TỊCH",
        f"{cast.phochutichhdnd.pk}:tm":
            "Bùi Văn Tài — TM. THƯỜNG TRỰC HĐND / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
    }
    mttq = _signer_options(client_for(cast.vanthu), cast.orgs["MTTQ"])
    assert list(mttq.values()) == ["Vũ Thị Hằng — TM. BAN THƯỜNG TRỰC / CHỦ TỊCH"]
    party = _signer_options(client_for(cast.chuyenviendang), cast.orgs["ĐU"])
    assert set(party.values()) == {  # the Party style: a deputy secretary signs T/M alone
        "Hoàng Văn Thắng — T/M ĐẢNG ỦY / BÍ THƯ", "Nguyễn Văn Long — T/M ĐẢNG ỦY / PHÓ BÍ THƯ",
        "Lê Văn Nam — T/M ĐẢNG ỦY / PHÓ BÍ THƯ"}


def _letter(cast, *, signer, capacity: str, subject: str = "báo cáo biên chế năm 2026"):
    fields = DraftFields(
        document_type=_type("Công văn"), subject=subject, body="Đề nghị các cơ quan báo cáo.",
        signer=signer, capacity=capacity, drafting_unit=cast.units["VHXH"],
        recipients=(RecipientSpec(name="Trường Tiểu học Tân Hòa"),),
    )
    return create_draft(actor=cast.chuyenvien, organization=cast.orgs["UBND"], fields=fields)


@pytest.mark.parametrize(("signer", "capacity", "expected"), [
    ("chutich", Capacity.DIRECT, "“TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH”, không “Ký trực tiếp”"),
    ("phochutich", Capacity.ON_BEHALF,
     "“TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH”, không “Ký thay người đứng đầu"),
])
def test_signing_a_ubnd_letter_in_person_is_refused(cast, signer, capacity, expected):
    document = _letter(cast, signer=getattr(cast, signer), capacity=capacity)
    with pytest.raises(Invalid) as refused:
        submit_outgoing(actor=cast.chuyenvien, document=document)
    assert "Ủy ban nhân dân xã Tân Hòa làm việc theo chế độ tập thể" in refused.value.message
    assert expected in refused.value.message
    assert document.status == Status.DRAFT


def test_the_four_checks_refuse_a_paper_signed_letter_without_tm(cast, client_for):
    """Signed on paper outside the system by the chairman in his own name: not "đúng
    thẩm quyền", so the clerk cannot issue it."""
    scan = make_pdf("Cong van da ky")
    stored = store_file(actor=cast.vanthu, stream=io.BytesIO(scan), name="cv.pdf", size=len(scan))
    fields = DraftFields(
        document_type=_type("Công văn"), subject="kiểm kê tài sản công", signer=cast.chutich,
        capacity=Capacity.DIRECT, drafting_unit=cast.units["KT"],
        recipients=(RecipientSpec(name="Kho bạc Nhà nước"),),
    )
    document = record_signed_on_paper(actor=cast.vanthu, organization=cast.orgs["UBND"],
                                      fields=fields, upload=stored, signed_on=timezone.localdate())
    page = client_for(cast.vanthu).get(reverse("outgoing:detail", args=[document.pk]))
    checks = conformity.issue_checks(document, on=timezone.localdate())
    [authority] = [c for c in checks if c.area == conformity.Area.AUTHORITY]
    assert authority.level == conformity.Level.BLOCK
    assert "chế độ tập thể" in authority.message
    assert authority.message in page.content.decode()
    response = client_for(cast.vanthu).post(reverse("outgoing:issue", args=[document.pk]),
                                            {"on": timezone.localdate().isoformat(),
                                             "mode": "next"})
    assert "Chưa thể phát hành" in response.content.decode()
    document.refresh_from_db()
    assert document.number is None


def _through_review(cast, client_for, document: OutgoingDocument) -> OutgoingDocument:
    url = lambda name: reverse(f"outgoing:{name}", args=[document.pk])  # noqa: E731
    client_for(document.drafter).post(url("submit"))
    while (step := pending_review(document)) is not None:
        client_for(step.reviewer or cast.vanthu).post(
            url("sign" if step.kind == ReviewKind.SIGN else "approve"))
    document.refresh_from_db()
    assert document.status == Status.SIGNED
    return document


def _signature_cell(content: bytes) -> list[str]:
    table = docx.Document(io.BytesIO(content)).tables[-1]
    return [p.text for p in table.rows[0].cells[1].paragraphs if p.text]


def _stored(stored) -> bytes:
    with open_stored(stored) as handle:
        return handle.read()


@needs_libreoffice
def test_a_deputy_signs_a_ubnd_letter_tm_then_kt_in_the_docx_and_the_pdf(
    cast, client_for, django_capture_on_commit_callbacks
):
    document = _letter(cast, signer=cast.phochutich, capacity=Capacity.COLLECTIVE)
    assert _signature_cell(_stored(document.body_file)) == [
        "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Đỗ Thị Lan"]
    _through_review(cast, client_for, document)
    checks = conformity.issue_checks(document, on=timezone.localdate())
    assert [c.message for c in checks if c.area == conformity.Area.AUTHORITY] == [
        "Đúng thẩm quyền: TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Đỗ Thị Lan."]
    with django_capture_on_commit_callbacks(execute=True):
        client_for(cast.vanthu).post(reverse("outgoing:issue", args=[document.pk]),
                                     {"on": timezone.localdate().isoformat(), "mode": "next"})
    document.refresh_from_db()
    assert document.final_pdf is not None, document.final_error
    assert _signature_cell(_stored(document.final_docx))[:3] == [
        "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(_stored(
        document.final_pdf))).pages)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    tm = next(i for i, line in enumerate(lines) if line.endswith("TM. ỦY BAN NHÂN DÂN"))
    assert lines[tm + 1].endswith("KT. CHỦ TỊCH")
    assert any(line.endswith("PHÓ CHỦ TỊCH") for line in lines[tm + 2:tm + 4])


def _organization_data(organization: Organization, **changes: object) -> dict[str, object]:
    """The organization's edit form as the administrator finds it, with `changes`."""
    data = {k: ("on" if v is True else v) for k, v in
            OrganizationForm.initial_for(organization).items() if v not in (None, False)}
    return {**data, "parent": organization.parent_id or "", **changes}


def _edit_signing(client, organization: Organization, value: str):
    return client.post(reverse("administration:organization_edit", args=[organization.pk]),
                       _organization_data(organization, collective_signing=value))


def test_the_administrator_may_let_the_head_sign_letters_in_person(cast, client_for):
    ubnd = cast.orgs["UBND"]
    admin = client_for(cast.admin)
    response = _edit_signing(admin, ubnd, CollectiveSigning.EXCEPT_LETTERS)
    assert response.status_code == 302, response.content.decode()[:3000]
    ubnd.refresh_from_db()
    assert ubnd.collective_signing == CollectiveSigning.EXCEPT_LETTERS
    detail = admin.get(reverse("administration:organization_detail", args=[ubnd.pk]))
    assert "Tập thể, trừ công văn" in detail.content.decode()
    options = _signer_options(client_for(cast.chuyenvien), ubnd)
    assert options[f"{cast.chutich.pk}:direct"] == "Lê Văn Nam — Ký trực tiếp: CHỦ TỊCH"
    letter = _letter(cast, signer=cast.chutich, capacity=Capacity.DIRECT)
    submit_outgoing(actor=cast.chuyenvien, document=letter)  # allowed now
    decision = create_draft(actor=cast.chuyenvien, organization=ubnd, fields=DraftFields(
        document_type=_type("Quyết định"), subject="Về việc khen thưởng", body="Điều 1.",
        signer=cast.chutich, capacity=Capacity.DIRECT,
        recipients=(RecipientSpec(name="Trường Tiểu học Tân Hòa"),)))
    with pytest.raises(Invalid, match="chế độ tập thể"):
        submit_outgoing(actor=cast.chuyenvien, document=decision)  # a decision still TM.


def test_a_head_led_body_signs_directly_and_refuses_tm(cast, client_for):
    ubnd = cast.orgs["UBND"]
    assert _edit_signing(client_for(cast.admin), ubnd, CollectiveSigning.NONE).status_code == 302
    ubnd.refresh_from_db()
    options = _signer_options(client_for(cast.chuyenvien), ubnd)
    assert options[f"{cast.chutich.pk}:direct"] == "Lê Văn Nam — Ký trực tiếp: CHỦ TỊCH"
    assert options[f"{cast.phochutich.pk}:kt"] == "Đỗ Thị Lan — KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    letter = _letter(cast, signer=cast.chutich, capacity=Capacity.COLLECTIVE)
    with pytest.raises(Invalid, match="không ký thay mặt tập thể"):
        submit_outgoing(actor=cast.chuyenvien, document=letter)


def test_a_collective_body_needs_the_name_of_its_collective(cast, client_for):
    hccb = cast.orgs["HCCB"]
    data = _organization_data(hccb, collective_name="", collective_signing=CollectiveSigning.ALL)
    response = client_for(cast.admin).post(
        reverse("administration:organization_edit", args=[hccb.pk]), data)
    assert "cần ghi tên tập thể lãnh đạo" in response.content.decode()
    hccb.refresh_from_db()
    assert hccb.collective_name == "BAN CHẤP HÀNH"


def test_a_new_organization_takes_the_default_of_its_family(cast, client_for):
    admin = client_for(cast.admin)
    base = {"office": cast.office.pk, "family": "front", "level": "xã",
            "archive_stream": "state", "position": 9, "is_active": "on", "has_seal": "on"}
    admin.post(reverse("administration:organization_create"), {
        **base, "name": "Công đoàn cơ sở xã Tân Hòa", "short_name": "CĐ",
        "organ_id": "000.09.31.H41", "collective_name": "Ban Chấp hành"})
    admin.post(reverse("administration:organization_create"), {
        **base, "name": "Tổ công tác", "short_name": "TCT", "organ_id": "000.10.31.H41"})
    union = Organization.objects.get(short_name="CĐ")
    team = Organization.objects.get(short_name="TCT")
    assert (union.collective_name, union.collective_signing) == (
        "BAN CHẤP HÀNH", CollectiveSigning.ALL)
    assert team.collective_signing == CollectiveSigning.NONE
