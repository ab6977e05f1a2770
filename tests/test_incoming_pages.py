"""The incoming pages through the test client: registration, the document page and its
actions, the list, and bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import make_pdf, upload
from vanphong import clock
from vanphong.audit.models import AuditEvent
from vanphong.files.models import StoredFile
from vanphong.incoming.models import IncomingDocument, Receipt, Status


def form_data(cast, **overrides):
    data = {
        "organizations": [cast.orgs["UBND"].pk],
        "arrival_at": timezone.localtime(clock.now()).strftime("%Y-%m-%dT%H:%M"),
        "channel": "upload",
        "issuer": "Sở Nội vụ tỉnh Lâm Đồng",
        "code": "1234/SNV-VP",
        "issued_date": (clock.today() - dt.timedelta(days=2)).isoformat(),
        "document_type": "",
        "subject": "V/v báo cáo công tác cải cách hành chính năm 2026",
        "signer_name": "Trần Văn A",
        "signer_position": "Giám đốc",
        "urgency": "0",
        "secrecy": "0",
        "pages": "2",
    }
    data.update(overrides)
    return data


def test_clerk_registers_for_two_organizations_sharing_one_file(cast, client_for):
    client = client_for(cast.vanthu)
    data = form_data(cast, organizations=[cast.orgs["UBND"].pk, cast.orgs["ĐU"].pk])
    data["files"] = [upload("cv.pdf", make_pdf("cong van 1234"))]
    response = client.post(reverse("incoming:register"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    docs = IncomingDocument.objects.order_by("organization__position")
    assert [(d.organization.short_name, d.arrival_number) for d in docs] == [("ĐU", 1), ("UBND", 1)]
    assert docs[0].receipt_id == docs[1].receipt_id
    assert StoredFile.objects.count() == 1
    page = client.get(response["Location"])
    assert "Sở Nội vụ tỉnh Lâm Đồng" in page.content.decode()


def test_a_rejected_file_leaves_no_record_and_no_file(cast, client_for, settings, tmp_path):
    client = client_for(cast.vanthu)
    data = form_data(cast)
    data["files"] = [
        upload("good.pdf", make_pdf("ok")),
        upload("virus.pdf", b"MZ\x90\x00 not a pdf", "application/pdf"),
    ]
    response = client.post(reverse("incoming:register"), data)
    assert response.status_code == 200
    assert "virus.pdf" in response.content.decode()
    assert IncomingDocument.objects.count() == 0 and Receipt.objects.count() == 0
    assert StoredFile.objects.count() == 0
    files_dir = tmp_path / "files"
    assert not files_dir.exists() or not any(p.is_file() for p in files_dir.rglob("*"))


def test_form_errors_keep_what_was_typed_and_uploaded(cast, client_for):
    client = client_for(cast.vanthu)
    data = form_data(cast, subject="", issued_date="2099-01-01")
    data["files"] = [upload("cv.pdf", make_pdf("giu lai"))]
    response = client.post(reverse("incoming:register"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Sở Nội vụ tỉnh Lâm Đồng" in body and "cv.pdf" in body
    assert "Ngày văn bản không thể sau ngày đến." in body
    kept = response.context["kept"]
    assert len(kept) == 1
    data = form_data(cast)
    data["kept_files"] = [kept[0][0]]
    response = client.post(reverse("incoming:register"), data)
    assert response.status_code == 302
    document = IncomingDocument.objects.get()
    assert document.receipt.attachments.get().filename == "cv.pdf"


def test_duplicate_needs_confirmation(cast, client_for):
    client = client_for(cast.vanthu)
    assert (
        client.post(
            reverse("incoming:register"), form_data(cast, has_paper_original="on")
        ).status_code
        == 302
    )
    again = client.post(
        reverse("incoming:register"),
        form_data(cast, has_paper_original="on", code="Số: 1234 / SNV–VP"),
    )
    assert again.status_code == 200
    assert "Có thể trùng" in again.content.decode()
    assert IncomingDocument.objects.count() == 1
    confirmed = client.post(
        reverse("incoming:register"),
        form_data(cast, has_paper_original="on", confirm_duplicate="on"),
    )
    assert confirmed.status_code == 302
    assert IncomingDocument.objects.count() == 2


def test_register_needs_a_file_or_paper(cast, client_for):
    response = client_for(cast.vanthu).post(reverse("incoming:register"), form_data(cast))
    assert response.status_code == 200
    assert "Đính kèm tệp văn bản hoặc đánh dấu có bản giấy" in response.content.decode()


@pytest.mark.parametrize("who", ["chuyenvien", "chutich", "admin", "ketoan"])
def test_only_clerks_reach_the_registration_form(cast, client_for, who):
    response = client_for(getattr(cast, who)).get(reverse("incoming:register"))
    assert response.status_code == 403


def test_the_whole_flow_through_the_pages(cast, client_for):
    clerk = client_for(cast.vanthu)
    clerk.post(reverse("incoming:register"), form_data(cast, has_paper_original="on", urgency="1"))
    doc = IncomingDocument.objects.get()
    assert (
        clerk.post(
            reverse("incoming:route", args=[doc.pk]), {"leaders": [cast.chutich.pk]}
        ).status_code
        == 302
    )
    head = client_for(cast.chutich)
    page = head.get(reverse("incoming:detail", args=[doc.pk])).content.decode()
    assert "Ý kiến chỉ đạo" in page
    response = head.post(
        reverse("incoming:instruct", args=[doc.pk]),
        {
            "lead": f"u{cast.units['VHXH'].pk}",
            "supports": [f"p{cast.chuyenvien2.pk}"],
            "for_info": [f"p{cast.phochutich.pk}"],
            "working_days": "5",
            "text": "Giao VH-XH",
        },
    )
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.status == Status.ASSIGNED and doc.deadline > clock.today()
    unit_head = client_for(cast.truongphong)
    lead = doc.assignments.get(kind="lead", state="active")
    assert (
        unit_head.post(
            reverse("incoming:reassign", args=[doc.pk]),
            {"assignment": lead.pk, "person": cast.chuyenvien.pk},
        ).status_code
        == 302
    )
    handler = client_for(cast.chuyenvien)
    handler.post(reverse("incoming:progress", args=[doc.pk]), {"text": "Đang tổng hợp"})
    handler.post(
        reverse("incoming:complete", args=[doc.pk]),
        {"result": "Đã báo cáo", "reply_code": "45/BC-UBND"},
    )
    doc.refresh_from_db()
    assert doc.status == Status.DONE and doc.reply_code == "45/BC-UBND"
    kinds = list(doc.events.values_list("kind", flat=True))
    assert kinds == ["register", "route", "instruct", "reassign", "progress", "complete"]
    assert AuditEvent.objects.filter(object_id=str(doc.pk)).count() >= 6


def test_empty_notes_are_refused_with_a_message(cast, client_for):
    clerk = client_for(cast.vanthu)
    clerk.post(reverse("incoming:register"), form_data(cast, has_paper_original="on"))
    doc = IncomingDocument.objects.get()
    clerk.post(reverse("incoming:route", args=[doc.pk]), {"leaders": [cast.chutich.pk]})
    response = client_for(cast.chutich).post(
        reverse("incoming:return", args=[doc.pk]), {"text": ""}
    )
    assert response.status_code == 200
    assert "Nội dung không được để trống" in response.content.decode()
    doc.refresh_from_db()
    assert doc.status == Status.ROUTED


def test_list_filters_and_search(cast, client_for):
    clerk = client_for(cast.vanthu)
    clerk.post(reverse("incoming:register"), form_data(cast, has_paper_original="on"))
    clerk.post(
        reverse("incoming:register"),
        form_data(
            cast,
            has_paper_original="on",
            code="99/QĐ-UBND",
            subject="Quyết định phê duyệt dự toán",
            issuer="UBND tỉnh Lâm Đồng",
        ),
    )
    body = clerk.get(reverse("incoming:list"), {"q": "99/QD"}).content.decode()
    assert "phê duyệt dự toán" in body and "cải cách hành chính" not in body
    body = clerk.get(reverse("incoming:list"), {"q": "ubnd tinh"}).content.decode()
    assert "phê duyệt dự toán" in body
    bad = clerk.get(reverse("incoming:list"), {"date_from": "2026-13-45"})
    assert bad.status_code == 200


def _worst_case_document(cast):
    """A document with everything long: the subject, the issuer, four instructions, a
    re-assignment, five progress notes and the result."""
    from vanphong.incoming import actions

    long_subject = ("V/v triển khai thực hiện các nhiệm vụ, giải pháp trọng tâm về phát triển "
                    "kinh tế – xã hội, bảo đảm quốc phòng, an ninh và xây dựng chính quyền "
                    "số ") * 5
    fields = actions.IncomingFields(
        issuer="Ban Chỉ đạo thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới "
               "tỉnh Lâm Đồng giai đoạn 2021–2025",
        code="1234/BCĐ-NTM", issued_date=clock.today() - dt.timedelta(days=3),
        subject=long_subject[:500], urgency=2, secrecy=0, reply_due=clock.today(),
        signer_name="Nguyễn Văn Thành", signer_position="Phó Trưởng ban Thường trực",
    )
    [doc] = actions.register_incoming(actor=cast.vanthu, organizations=[cast.orgs["UBND"]],
                                      fields=fields, has_paper_original=True)
    actions.route_incoming(actor=cast.vanthu, document=doc,
                           leaders=[cast.chutich, cast.phochutich])
    instruction = ("Giao Phòng Văn hóa – Xã hội chủ trì, phối hợp Phòng Kinh tế và các thôn "
                   "rà soát, tổng hợp số liệu, tham mưu báo cáo đúng hạn; lưu ý bảo đảm chất "
                   "lượng, không để chậm trễ. ") * 4
    for author in (cast.chutich, cast.phochutich, cast.chutich, cast.phochutich):
        actions.instruct_incoming(
            actor=author, document=doc,
            handlers=actions.Handlers(lead_unit=cast.units["VHXH"],
                                      support_people=[cast.chuyenvien2],
                                      for_info=[cast.truongphongkt]),
            deadline=clock.today() + dt.timedelta(days=5), text=instruction,
        )
    unit_row = doc.assignments.get(state="active", kind="lead")
    actions.reassign_incoming(actor=cast.truongphong, document=doc, assignment=unit_row,
                              person=cast.chuyenvien, note=instruction[:300])
    for step in range(5):
        actions.record_progress(actor=cast.chuyenvien, document=doc,
                                note=f"Bước {step + 1}: " + instruction[:350])
    actions.complete_incoming(actor=cast.chuyenvien, document=doc, result=instruction,
                              reply_code="245/BC-UBND")
    return doc


def test_the_processing_slip_fits_one_a4_page_even_for_the_longest_document(cast, client_for):
    import io

    from pypdf import PdfReader

    doc = _worst_case_document(cast)
    response = client_for(cast.vanthu).get(reverse("incoming:slip", args=[doc.pk]))
    assert response.status_code == 200
    pdf = PdfReader(io.BytesIO(response.content))
    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 portrait
    text = " ".join(pdf.pages[0].extract_text().split())
    for expected in ("PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN", "1234/BCĐ-NTM", "245/BC-UBND",
                     "1. Ý kiến của lãnh đạo", "2. Ý kiến của lãnh đạo đơn vị",
                     "3. Ý kiến đề xuất, kết quả"):
        assert expected in text, expected


def _informed(cast):
    """A UBND document led by chuyenvien, sent to truongphongkt for information only,
    whose deadline has passed."""
    from vanphong.incoming import actions

    fields = actions.IncomingFields(issuer="Sở Tư pháp", code="9/STP",
                                    subject="V/v phổ biến pháp luật", issued_date=clock.today())
    [doc] = actions.register_incoming(actor=cast.vanthu, organizations=[cast.orgs["UBND"]],
                                      fields=fields, has_paper_original=True)
    actions.route_incoming(actor=cast.vanthu, document=doc, leaders=[cast.chutich])
    actions.instruct_incoming(
        actor=cast.chutich, document=doc, deadline=clock.today(),
        handlers=actions.Handlers(lead_person=cast.chuyenvien, for_info=[cast.truongphongkt]),
    )
    return doc


def test_for_information_recipients_get_no_deadline_no_overdue_and_no_status(cast, client_for):
    doc = _informed(cast)
    info = doc.assignments.get(kind="for_info")
    assert info.deadline is None and doc.assignments.get(kind="lead").deadline == clock.today()
    client = client_for(cast.truongphongkt)
    later = clock.now() + dt.timedelta(days=3)
    with clock.frozen_at(later):
        work = client.get(reverse("home:my_work")).content.decode()
        queue = work.split('data-queue="for_info"')[1].split("</section>")[0]
        item = queue.split(f'data-doc="{doc.pk}"')[1].split("</li>")[0]
        assert "V/v phổ biến pháp luật" in item and "Để biết" in item
        for absent in ("hạn", "Quá hạn", "Đã phân công", 'data-status='):
            assert absent not in item, absent
        listed = client.get(reverse("incoming:list"), {"organization": ""}).content.decode()
        row = listed.split(f'data-doc="{doc.pk}"')[1].split("</tr>")[0]
        assert "Để biết" in row and "Quá hạn" not in row and "Đã phân công" not in row
        overdue = client.get(reverse("incoming:list"), {"organization": "", "overdue": "on"})
        assert f'data-doc="{doc.pk}"' not in overdue.content.decode()
        # The handler still sees it overdue: it is his work.
        handler = client_for(cast.chuyenvien).get(reverse("incoming:list"),
                                                  {"organization": "", "overdue": "on"})
        assert f'data-doc="{doc.pk}"' in handler.content.decode()
    assert client.post(reverse("incoming:seen", args=[doc.pk])).status_code == 302
    info.refresh_from_db()
    assert info.seen_at is not None
    work = client.get(reverse("home:my_work")).content.decode()
    assert 'data-queue="for_info"' not in work


def test_only_a_for_information_recipient_can_mark_it_seen(cast, client_for):
    doc = _informed(cast)
    client_for(cast.chuyenvien).post(reverse("incoming:seen", args=[doc.pk]))
    assert doc.assignments.get(kind="lead").seen_at is None
    assert client_for(cast.chutichmttq).post(
        reverse("incoming:seen", args=[doc.pk])).status_code == 404


def test_task_reminders_and_figures_leave_out_people_who_only_need_to_know(cast):
    from vanphong.followup.actions import AssigneeSpec, TaskSpec, create_tasks
    from vanphong.followup.figures import figures
    from vanphong.followup.reminders import send_due_reminders
    from vanphong.incoming.models import AssignmentKind
    from vanphong.notices.models import Notification

    ubnd = cast.orgs["UBND"]
    [task] = create_tasks(actor=cast.chutich, organization=ubnd, specs=[TaskSpec(
        title="Rà soát hộ nghèo", due_date=clock.today(),
        assignees=(AssigneeSpec(AssignmentKind.LEAD, ubnd, person=cast.chuyenvien),
                   AssigneeSpec(AssignmentKind.FOR_INFO, ubnd, person=cast.truongphongkt)),
    )])
    late = clock.now() + dt.timedelta(days=7)
    with clock.frozen_at(late.replace(hour=9)):
        send_due_reminders()
        by_person = figures(cast.chutich, grouping="ca-nhan")
    assert Notification.objects.filter(recipient=cast.chuyenvien).exists()
    assert not Notification.objects.filter(recipient=cast.truongphongkt).exists()
    people = [row.label for row in by_person.rows]
    assert "Trần Văn Bình" in " ".join(people) and "Phan Văn Dũng" not in " ".join(people)
    assert task.assignees.get(person=cast.truongphongkt).kind == AssignmentKind.FOR_INFO


def _routed(cast, subject, **extra):
    from vanphong.incoming import actions

    fields = actions.IncomingFields(issuer="Sở Xây dựng", code="3/SXD", subject=subject,
                                    issued_date=clock.today(), **extra)
    [doc] = actions.register_incoming(actor=cast.vanthu, organizations=[cast.orgs["UBND"]],
                                      fields=fields, has_paper_original=True)
    actions.route_incoming(actor=cast.vanthu, document=doc, leaders=[cast.chutich])
    return doc


def test_a_document_returned_to_the_leader_comes_first_until_the_next_step(cast, client_for):
    from vanphong.incoming import actions
    from vanphong.notices.models import Notification

    for number in range(3):
        _routed(cast, f"V/v việc đang chờ chỉ đạo {number}", urgency=2)
    doc = _routed(cast, "V/v cấp phép xây dựng")
    actions.instruct_incoming(actor=cast.chutich, document=doc,
                              handlers=actions.Handlers(lead_person=cast.chuyenvien))
    client_for(cast.chuyenvien).post(reverse("incoming:return", args=[doc.pk]),
                                     {"text": "Không thuộc lĩnh vực Văn hóa – Xã hội"})
    doc.refresh_from_db()
    assert doc.status == Status.ROUTED and doc.return_event.actor == cast.chuyenvien
    notice = Notification.objects.get(recipient=cast.chutich, kind="incoming.returned")
    assert "Trần Văn Bình trả lại văn bản đến số 4" in notice.title
    assert "Không thuộc lĩnh vực" in notice.body
    leader = client_for(cast.chutich)
    queue = leader.get(reverse("home:my_work")).content.decode().split(
        'data-queue="to_instruct"')[1].split("</section>")[0]
    first = queue.split("<li")[1]
    assert "V/v cấp phép xây dựng" in first and "Bị trả lại" in first  # before urgent ones
    assert "Trần Văn Bình" in first and "Không thuộc lĩnh vực" in first
    leader.post(reverse("incoming:instruct", args=[doc.pk]),
                {"lead": f"p{cast.chuyenvien2.pk}", "text": "Giao Phòng Kinh tế"})
    doc.refresh_from_db()
    assert doc.status == Status.ASSIGNED and doc.return_event is None
    assert "Bị trả lại" not in leader.get(
        reverse("incoming:detail", args=[doc.pk])).content.decode()


def test_a_returned_secret_document_tells_only_clerks_who_may_open_it(cast, client_for):
    from vanphong.incoming import actions
    from vanphong.notices.models import Notification
    from vanphong.registers.models import Secrecy

    doc = _routed(cast, "V/v công tác bảo vệ bí mật nhà nước", secrecy=Secrecy.SECRET)
    actions.return_incoming(actor=cast.chutich, document=doc, reason="Chưa đủ hồ sơ")
    told = set(Notification.objects.filter(kind="incoming.returned")
               .values_list("recipient__username", flat=True))
    assert told == {"vanthu"}  # vanthu2 is not named on the secret document


def test_a_whole_queue_is_shown_only_to_whom_it_belongs(cast, client_for):
    _routed(cast, "V/v việc của lãnh đạo")
    url = reverse("home:queue", args=["den", "to_instruct"])
    page = client_for(cast.chutich).get(url)
    assert page.status_code == 200 and "V/v việc của lãnh đạo" in page.content.decode()
    assert client_for(cast.chuyenvien).get(url).status_code == 404
    assert client_for(cast.chutich).get(reverse("home:queue", args=["x", "y"])).status_code == 404
    assert client_for(cast.vanthu).get(
        reverse("home:queue", args=["den", "to_route"])).status_code == 200


def test_a_long_duplicate_warning_says_how_many_and_never_shows_a_secret_one(cast, client_for):
    from vanphong.incoming import actions
    from vanphong.registers.models import Secrecy

    data = form_data(cast, has_paper_original="on")
    fields = actions.IncomingFields(issuer=data["issuer"], code=data["code"],
                                    issued_date=dt.date.fromisoformat(data["issued_date"]),
                                    subject=data["subject"])
    for _ in range(12):
        actions.register_incoming(actor=cast.vanthu, organizations=[cast.orgs["UBND"]],
                                  fields=fields, has_paper_original=True)
    page = client_for(cast.vanthu2).post(reverse("incoming:register"), data).content.decode()
    assert "Có thể trùng" in page and "Hiển thị 10/12 — " in page and "Xem tất cả" in page
    live = client_for(cast.vanthu2).get(reverse("incoming:duplicates"), {
        "code": data["code"], "issuer": data["issuer"], "issued_date": data["issued_date"]})
    assert "Hiển thị 10/12" in live.content.decode()

    secret = actions.IncomingFields(issuer="Công an tỉnh", code="5/CAT-PA03",
                                    issued_date=clock.today(), subject="Tài liệu mật về an ninh",
                                    secrecy=Secrecy.SECRET)
    actions.register_incoming(actor=cast.vanthu, organizations=[cast.orgs["UBND"]],
                              fields=secret, has_paper_original=True)
    live = client_for(cast.vanthu2).get(reverse("incoming:duplicates"), {
        "code": "5/CAT-PA03", "issuer": "Công an tỉnh", "issued_date": clock.today().isoformat()})
    assert "Tài liệu mật" not in live.content.decode()
    answer = client_for(cast.vanthu2).post(reverse("incoming:register"), form_data(
        cast, has_paper_original="on", issuer="Công an tỉnh", code="5/CAT-PA03",
        issued_date=clock.today().isoformat(), subject="Bản sao khác", secrecy="1"))
    assert "Tài liệu mật về an ninh" not in answer.content.decode()
