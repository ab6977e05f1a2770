"""The outgoing pages through the test client: drafting from a template, the review
buttons, the four checks and issuing, versions, reservations, and bad input."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from tests.conftest import make_pdf, upload
from vanphong.incoming.models import IncomingDocument
from vanphong.outgoing.models import (
    NumberReservation,
    OutgoingDocument,
    ReservationState,
    Status,
    Template,
)
from vanphong.registers.models import DocumentType


def _type(system: str, name: str) -> DocumentType:
    return DocumentType.objects.get(system=system, organization=None, name=name)


def draft_data(cast, **overrides):
    data = {
        "organization": cast.orgs["UBND"].pk,
        "document_type": _type("state", "Quyết định").pk,
        "subject": "Về việc thành lập Tổ công tác chuyển đổi số xã Tân Hòa",
        "body": "Điều 1. Thành lập Tổ công tác.\n\nĐiều 2. Quyết định có hiệu lực từ ngày ký.",
        "signer": f"{cast.chutich.pk}:tm",
        "drafting_unit": cast.units["VHXH"].pk,
        "urgency": "0",
        "secrecy": "0",
        "copies": "3",
        "internal": [cast.orgs["MTTQ"].pk],
        "others": "Sở Nội vụ tỉnh Lâm Đồng <snv@example.vn>\nTrường Tiểu học Tân Hòa",
    }
    data.update(overrides)
    return data


def test_specialist_drafts_from_a_template(cast, client_for):
    client = client_for(cast.chuyenvien)
    page = client.get(reverse("outgoing:new"))
    assert page.status_code == 200
    assert "Soạn thảo văn bản đi" in page.content.decode()
    template = Template.objects.get(name="Quyết định cá biệt (mẫu 1.2)")
    data = draft_data(cast, template=template.pk, use_template="1", body="")
    filled = client.post(reverse("outgoing:new"), data).content.decode()
    assert "Điều 3. Văn phòng" in filled  # the template's body, ready to edit
    assert "Về việc thành lập Tổ công tác" in filled  # what was typed is kept
    assert OutgoingDocument.objects.count() == 0
    response = client.post(reverse("outgoing:new"), draft_data(cast))
    document = OutgoingDocument.objects.get()
    assert response.status_code == 302
    assert document.status == Status.DRAFT
    assert document.versions.count() == 1
    assert [r.name for r in document.recipients.all()] == [
        cast.orgs["MTTQ"].name, "Sở Nội vụ tỉnh Lâm Đồng", "Trường Tiểu học Tân Hòa"
    ]
    assert document.recipients.get(name__startswith="Sở").email == "snv@example.vn"


def test_bad_draft_input_is_explained_and_kept(cast, client_for):
    client = client_for(cast.chuyenvien)
    data = draft_data(cast, subject="", others="Sở X <khong-phai-thu>")
    page = client.post(reverse("outgoing:new"), data)
    html = page.content.decode()
    assert page.status_code == 200
    assert "không hợp lệ" in html
    assert "Điều 1. Thành lập Tổ công tác." in html
    assert OutgoingDocument.objects.count() == 0


def test_people_without_a_post_cannot_draft(cast, client_for):
    assert client_for(cast.ketoan).get(reverse("outgoing:new")).status_code == 403


def test_review_sign_and_issue_through_the_pages(
    cast, client_for, django_capture_on_commit_callbacks
):
    appendix = upload("phu-luc.pdf", make_pdf("Phu luc danh sach thanh vien"))
    client_for(cast.chuyenvien).post(reverse("outgoing:new"),
                                     draft_data(cast, attachments=[appendix]))
    document = OutgoingDocument.objects.get()
    url = lambda name: reverse(f"outgoing:{name}", args=[document.pk])  # noqa: E731
    assert client_for(cast.chuyenvien).post(url("submit")).status_code == 302
    # Not the signer's turn yet: refused with the reason, nothing changes.
    early = client_for(cast.chutich).post(url("sign"))
    assert early.status_code == 403
    client_for(cast.truongphong).post(url("approve"), {"text": "Đồng ý nội dung"})
    client_for(cast.vanthu).post(url("approve"))
    page = client_for(cast.chutich).get(url("detail")).content.decode()
    assert "Ký ban hành" in page
    client_for(cast.chutich).post(url("sign"))
    clerk_page = client_for(cast.vanthu).get(url("detail")).content.decode()
    assert "Kiểm tra “4 đúng”" in clerk_page
    assert "Số: 01/QĐ-UBND" in clerk_page
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(cast.vanthu).post(url("issue"), {
            "on": timezone.localdate(document.created_at).isoformat(), "mode": "next",
        })
    assert response.status_code == 302
    document.refresh_from_db()
    assert (document.status, document.code) == (Status.ISSUED, "01/QĐ-UBND")
    detail = client_for(cast.chuyenvien).get(url("detail")).content.decode()
    assert "Đã vào sổ" in detail  # MTTQ's copy
    assert "Gửi bản giấy" in detail
    pdf = client_for(cast.chuyenvien).get(reverse("outgoing:final", args=[document.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.getvalue().startswith(b"%PDF")
    copy = IncomingDocument.objects.get(organization=cast.orgs["MTTQ"], code="01/QĐ-UBND")
    names = [a.filename for a in copy.receipt.attachments.all()]
    assert names == ["01-QĐ-UBND.pdf", "phu-luc.pdf"]  # the issued copy, then the appendix


def test_versions_are_kept_and_compared(cast, client_for):
    client = client_for(cast.chuyenvien)
    client.post(reverse("outgoing:new"), draft_data(cast))
    document = OutgoingDocument.objects.get()
    changed = draft_data(cast, body="Điều 1. Thành lập Tổ công tác gồm 5 thành viên.\n\n"
                         "Điều 2. Quyết định có hiệu lực từ ngày ký.")
    client.post(reverse("outgoing:edit", args=[document.pk]), {**changed, "note": "Sửa Điều 1"})
    assert document.versions.count() == 2
    diff = client.get(reverse("outgoing:compare", args=[document.pk])).content.decode()
    diff = diff.replace("&nbsp;", " ")
    assert "5 thành viên" in diff
    file = client.get(reverse("outgoing:version", args=[document.pk, 1]))
    assert file.status_code == 200
    assert file.getvalue()[:2] == b"PK"  # a real .docx


def test_clerk_reserves_and_releases_a_number(cast, client_for):
    client = client_for(cast.vanthu)
    register = cast.register("UBND", "outgoing")
    client.post(reverse("outgoing:reservations"),
                {"register": register.pk, "reason": "Giữ cho quyết định khen thưởng"})
    reservation = NumberReservation.objects.get()
    assert reservation.number == 1
    refused = client.post(reverse("outgoing:release", args=[reservation.pk]), {"reason": ""})
    assert refused.status_code == 302
    reservation.refresh_from_db()
    assert reservation.state == ReservationState.RESERVED
    client.post(reverse("outgoing:release", args=[reservation.pk]),
                {"reason": "Không ban hành nữa"})
    reservation.refresh_from_db()
    assert (reservation.state, reservation.released_reason) == (
        ReservationState.RELEASED, "Không ban hành nữa")
    assert client_for(cast.chuyenvien).get(reverse("outgoing:reservations")).status_code == 403


def test_outgoing_list_shows_what_waits_for_me(cast, client_for):
    client_for(cast.chuyenvien).post(reverse("outgoing:new"), draft_data(cast))
    document = OutgoingDocument.objects.get()
    client_for(cast.chuyenvien).post(reverse("outgoing:submit", args=[document.pk]))
    page = client_for(cast.truongphong).get(reverse("outgoing:list")).content.decode()
    assert "Dự thảo chờ tôi cho ý kiến (1)" in page
    other = client_for(cast.chutichmttq).get(reverse("outgoing:list")).content.decode()
    assert "chờ tôi" not in other
    assert client_for(cast.chutichmttq).get(
        reverse("outgoing:detail", args=[document.pk])).status_code == 404


def test_outgoing_list_filters_by_type_date_and_late_issue(cast, client_for):
    import datetime as dt

    from vanphong import clock
    from vanphong.outgoing import actions, issuing
    from vanphong.outgoing.actions import DraftFields, RecipientSpec

    def issued(type_name: str, subject: str, *, late: bool) -> OutgoingDocument:
        fields = DraftFields(document_type=_type("state", type_name), subject=subject,
                             body="Nội dung.", signer=cast.chutich, capacity="tm",
                             drafting_unit=cast.units["VHXH"],
                             recipients=(RecipientSpec(organization=cast.orgs["MTTQ"]),))
        signed_day = clock.today() - dt.timedelta(days=10)
        moment = clock.now() - dt.timedelta(days=10)
        with clock.frozen_at(moment):
            document = actions.create_draft(actor=cast.chuyenvien,
                                            organization=cast.orgs["UBND"], fields=fields)
            actions.submit_outgoing(actor=cast.chuyenvien, document=document)
            actions.approve_outgoing(actor=cast.truongphong, document=document)
            actions.approve_outgoing(actor=cast.vanthu, document=document)
            actions.sign_outgoing(actor=cast.chutich, document=document)
        on = clock.today() if late else signed_day
        issuing.issue_outgoing(actor=cast.vanthu, document=document, on=on)
        return document

    issued("Quyết định", "Quyết định đúng hạn", late=False)
    issued("Công văn", "Công văn phát hành muộn", late=True)
    client = client_for(cast.vanthu)
    url = reverse("outgoing:list")
    late = client.get(url, {"late": "on"}).content.decode()
    assert "Công văn phát hành muộn" in late and "Quyết định đúng hạn" not in late
    decisions = client.get(url, {"document_type": _type("state", "Quyết định").pk}).content
    assert "Quyết định đúng hạn" in decisions.decode()
    assert "Công văn phát hành muộn" not in decisions.decode()
    recent = client.get(url, {"date_from": clock.today().isoformat()}).content.decode()
    assert "Công văn phát hành muộn" in recent and "Quyết định đúng hạn" not in recent


def test_an_uploaded_word_draft_that_unpacks_to_gigabytes_is_refused_with_its_reason(
        cast, client_for):
    """A small .docx whose parts inflate past every bound (a "zip bomb") is refused before
    python-docx loads it: the draft page says why and keeps what was typed (issue 18)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.test_intake_pipeline import docx_bomb

    bomb = SimpleUploadedFile("du-thao.docx", docx_bomb(300), content_type=(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
    page = client_for(cast.chuyenvien).post(reverse("outgoing:new"),
                                            draft_data(cast, body="", upload=bomb))
    html = page.content.decode()
    assert page.status_code in (200, 422)
    assert "Tệp Word bung ra quá lớn" in html
    assert "thành lập Tổ công tác chuyển đổi số" in html
    assert OutgoingDocument.objects.count() == 0
