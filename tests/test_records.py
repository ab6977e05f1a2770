"""Records (issue #7, first part): retention rules as data, the yearly file plan with its
headings and dossier codes, approval by the head, next year's plan copied from this
year's, documents filed into dossiers (a link, never a copy), closing a dossier with its
list of documents, and who may do what."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.test_api import api_as  # noqa: F401  (fixture)
from tests.test_incoming_permissions import EVERYONE, _register
from tests.test_outgoing_flow import draft, paper_signed
from vanphong import clock
from vanphong.audit.models import AuditEvent
from vanphong.errors import Invalid, NotAllowed, NotFound
from vanphong.outgoing.issuing import issue_outgoing
from vanphong.records import actions
from vanphong.records.access import PlanAction, can_plan, get_plan_for
from vanphong.records.actions import DossierFields
from vanphong.records.models import (
    DossierItem,
    DossierState,
    FilePlan,
    Numbering,
    RetentionKind,
    RetentionRule,
)
from vanphong.records.printouts import contents_rows, disposal_pdf, plan_pdf, transfer_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(cast):
    """The People's Committee's file plan: two big headings, one with a sub-heading."""
    made = actions.create_plan(actor=cast.vanthu, organization=cast.orgs["UBND"],
                               year=clock.today().year)
    general = actions.add_heading(actor=cast.vanthu, plan=made, title="Tổng hợp",
                                  abbreviation="TH")
    staff = actions.add_heading(actor=cast.vanthu, plan=made, title="Tổ chức cán bộ",
                                abbreviation="tccb")
    actions.add_heading(actor=cast.vanthu, plan=made, title="Khen thưởng", parent=staff)
    yearly = RetentionRule.objects.get(title="Kế hoạch, báo cáo năm của cơ quan")
    actions.add_dossier(actor=cast.vanthu, plan=made, fields=DossierFields(
        heading=general, title="Kế hoạch, báo cáo công tác năm của UBND xã", keeper=cast.vanthu,
        retention_kind=yearly.kind, retention_years=yearly.years, retention_rule=yearly))
    actions.add_dossier(actor=cast.vanthu, plan=made, fields=DossierFields(
        heading=staff, title="Hồ sơ bổ nhiệm cán bộ năm", keeper=cast.truongphong,
        retention_kind=RetentionKind.YEARS, retention_years=70))
    return made


def _text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_retention_rules_are_seeded_as_data_needing_verification():
    rules = RetentionRule.objects.all()
    assert rules.filter(table="state").count() >= 25 and rules.filter(table="party").exists()
    assert all(r.needs_verification for r in rules)
    assert RetentionRule.objects.get(title="Sổ đăng ký văn bản đến").period_label == "20 năm"
    assert RetentionRule.objects.get(title="Hồ sơ đại hội Đảng bộ").period_label == "Vĩnh viễn"


def test_dossier_codes_follow_the_big_heading(cast, plan):
    assert [(d.number, d.code) for d in plan.dossiers.order_by("number")] == [
        (1, "01.TH"), (2, "02.TCCB")]
    per_heading = actions.create_plan(actor=cast.vanthu, organization=cast.orgs["MTTQ"],
                                      year=2027, numbering=Numbering.PER_HEADING)
    a = actions.add_heading(actor=cast.vanthu, plan=per_heading, title="A", abbreviation="A")
    b = actions.add_heading(actor=cast.vanthu, plan=per_heading, title="B", abbreviation="B")
    for heading in (a, b, b):
        actions.add_dossier(actor=cast.vanthu, plan=per_heading, fields=DossierFields(
            heading=heading, title="Hồ sơ", keeper=cast.vanthu))
    assert sorted(per_heading.dossiers.values_list("code", flat=True)) == [
        "01.A", "01.B", "02.B"]
    with pytest.raises(Invalid, match="chữ viết tắt"):
        actions.add_heading(actor=cast.vanthu, plan=per_heading, title="C")
    party = RetentionRule.objects.filter(table="party").first()
    with pytest.raises(Invalid, match="bảng thời hạn"):
        actions.add_dossier(actor=cast.vanthu, plan=per_heading, fields=DossierFields(
            heading=a, title="X", keeper=cast.vanthu, retention_kind=party.kind,
            retention_years=party.years, retention_rule=party))
    with pytest.raises(Invalid, match="đã có danh mục"):
        actions.create_plan(actor=cast.vanthu, organization=cast.orgs["MTTQ"], year=2027)


def test_the_head_approves_and_the_plan_prints_with_its_totals(cast, plan):
    with pytest.raises(NotAllowed):
        actions.approve_plan(actor=cast.vanthu, plan=plan)
    with pytest.raises(NotAllowed):
        actions.approve_plan(actor=cast.bithu, plan=plan)  # another organization's head
    actions.approve_plan(actor=cast.chutich, plan=plan)
    plan.refresh_from_db()
    assert plan.approved_by == cast.chutich
    text = _text(plan_pdf(plan))
    assert "DANH MỤC HỒ SƠ" in text and "I. TỔNG HỢP" in text and "01.TH" in text
    assert "có 2 hồ sơ, bao gồm: 1 hồ sơ bảo quản vĩnh viễn; 1 hồ sơ bảo quản có thời hạn" \
        in text.replace("\n", " ")


def test_next_years_plan_is_copied_from_this_years(cast, plan):
    new = actions.copy_plan(actor=cast.vanthu, plan=plan, year=plan.year + 1)
    assert (new.year, new.state, new.copied_from) == (plan.year + 1, "draft", plan)
    assert list(new.dossiers.order_by("number").values_list("code", "title", "keeper")) == list(
        plan.dossiers.order_by("number").values_list("code", "title", "keeper"))
    assert sorted((h.title, h.parent.title if h.parent else "") for h in new.headings.all()) == [
        ("Khen thưởng", "Tổ chức cán bộ"), ("Tổ chức cán bộ", ""), ("Tổng hợp", "")]
    with pytest.raises(Invalid):
        actions.copy_plan(actor=cast.vanthu, plan=plan, year=plan.year + 1)
    assert AuditEvent.objects.filter(action="file_plan.copy").count() == 1


def _issued(cast, subject):
    document = paper_signed(cast, subject=subject)
    issue_outgoing(actor=cast.vanthu, document=document)
    document.refresh_from_db()
    return document


def test_documents_are_filed_as_links_and_a_dossier_closes_with_its_list(cast, plan):
    first, second = plan.dossiers.order_by("number")
    letter = _register(cast, org="UBND", subject="Kế hoạch công tác năm của UBND huyện")
    report = _issued(cast, "Báo cáo công tác năm của UBND xã")
    assert actions.file_documents(actor=cast.vanthu, dossier=first,
                                  documents=[letter, report]) == 2
    assert actions.file_documents(actor=cast.vanthu, dossier=first, documents=[letter]) == 0
    actions.file_documents(actor=cast.truongphong, dossier=second, documents=[letter])
    assert DossierItem.objects.filter(incoming=letter).count() == 2  # one document, two dossiers
    with pytest.raises(Invalid, match="không phải của UBND"):
        actions.file_documents(actor=cast.vanthu, dossier=first,
                               documents=[_register(cast, org="MTTQ", subject="Thư MTTQ")])
    with pytest.raises(Invalid, match="đã phát hành"):
        actions.file_documents(actor=cast.vanthu, dossier=first, documents=[draft(cast)])
    with pytest.raises(NotAllowed):  # keeps nothing in this dossier
        actions.file_documents(actor=cast.chuyenvien2, dossier=first, documents=[letter])
    with pytest.raises(Invalid, match="chưa có văn bản"):
        actions.close_dossier(actor=cast.vanthu, dossier=plan.dossiers.create(
            heading=first.heading, number=9, code="09.TH", title="Trống", keeper=cast.vanthu,
            retention_kind=RetentionKind.PERMANENT))
    closed = actions.close_dossier(actor=cast.vanthu, dossier=first, note="Đã loại bản trùng.",
                                   confirm=True)
    assert closed.state == DossierState.CLOSED
    assert closed.ended_year == clock.today().year
    assert actions.closing_record(closed, actions.contents_for(cast.vanthu, closed)).startswith(
        "Hồ sơ gồm 2 văn bản (1 văn bản đến, 1 văn bản đi)")
    with pytest.raises(NotAllowed):
        actions.file_documents(actor=cast.vanthu, dossier=closed, documents=[letter])
    rows = [r[1] for r in contents_rows(closed, cast.vanthu)[1:]]
    assert set(rows) == {letter.code, report.code}
    with pytest.raises(NotAllowed):
        actions.reopen_dossier(actor=cast.truongphong, dossier=closed, reason="Bổ sung")
    reopened = actions.reopen_dossier(actor=cast.vanthu, dossier=closed, reason="Bổ sung")
    assert reopened.state == DossierState.OPEN
    item = reopened.items.get(outgoing=report)
    with pytest.raises(Invalid, match="lý do"):
        actions.unfile_document(actor=cast.vanthu, dossier=reopened, item=item, reason=" ")
    actions.unfile_document(actor=cast.vanthu, dossier=reopened, item=item, reason="Nhầm hồ sơ")
    assert reopened.items.count() == 1
    assert list(reopened.events.values_list("kind", flat=True)) == [
        "create", "file", "file", "close", "reopen", "unfile"]  # one line per document


def test_filing_is_suggested_from_the_file_plan(cast, plan):
    letter = _register(cast, org="UBND", subject="Về việc bổ nhiệm cán bộ năm nay")
    [suggested] = actions.suggest_dossiers(letter)
    assert suggested.code == "02.TCCB"


#: name -> (sees the UBND plan, keeps it, approves it)
PLAN_MATRIX = {
    "vanthu": (True, True, False), "vanthu2": (True, True, False),
    "chanhvanphong": (True, True, False), "luutru": (True, False, False),
    "chutich": (True, True, True), "phochutich": (True, True, True),
    "truongphong": (True, False, False), "truongphongkt": (True, False, False),
    "chuyenvien": (True, False, False), "chuyenvien2": (True, False, False),
}


@pytest.mark.parametrize("name", EVERYONE)
def test_who_sees_keeps_and_approves_a_file_plan(cast, plan, name, client_for):
    user = getattr(cast, name)
    sees, keeps, approves = PLAN_MATRIX.get(name, (False, False, False))
    assert client_for(user).get(f"/ho-so/danh-muc/{plan.pk}/").status_code == (
        200 if sees else 404), name
    if not sees:
        with pytest.raises(NotFound):
            get_plan_for(user, plan.pk)
        return
    assert can_plan(user, PlanAction.EDIT, plan) is keeps, name
    assert can_plan(user, PlanAction.APPROVE, plan) is approves, name


# --- Pages ---------------------------------------------------------------------------------


def test_a_clerk_builds_a_plan_files_and_closes_through_the_pages(cast, client_for):
    clerk = client_for(cast.vanthu)
    year = clock.today().year
    made = clerk.post("/ho-so/", {"organization": cast.orgs["UBND"].pk, "year": year,
                                  "numbering": "continuous"})
    assert made.status_code == 302
    plan = FilePlan.objects.get(organization=cast.orgs["UBND"], year=year)
    bad = clerk.post(f"/ho-so/danh-muc/{plan.pk}/de-muc/", {"title": "Tổng hợp"})
    assert bad.status_code == 422 and "chữ viết tắt" in bad.content.decode()
    clerk.post(f"/ho-so/danh-muc/{plan.pk}/de-muc/", {"title": "Tổng hợp", "abbreviation": "TH"})
    heading = plan.headings.get()
    missing = clerk.post(f"/ho-so/danh-muc/{plan.pk}/ho-so/", {
        "heading": heading.pk, "title": "Kế hoạch năm", "keeper": cast.vanthu.pk})
    assert missing.status_code == 422
    assert "Chọn theo bảng hoặc nhập thời hạn bảo quản." in missing.content.decode()
    clerk.post(f"/ho-so/danh-muc/{plan.pk}/ho-so/", {
        "heading": heading.pk, "title": "Kế hoạch, báo cáo năm", "keeper": cast.vanthu.pk,
        "retention_kind": "permanent"})
    dossier = plan.dossiers.get()
    letter = _register(cast, org="UBND", subject="Kế hoạch năm của UBND huyện")
    page = clerk.get(f"/ho-so/{dossier.pk}/?q=UBND huyện").content.decode()
    assert f'value="i{letter.pk}"' in page
    filed = clerk.post(f"/ho-so/{dossier.pk}/dua-vao/", {"documents": [f"i{letter.pk}",
                                                                      "ixyz", "o123"]},
                       follow=True)
    assert "Đã đưa 1 văn bản vào hồ sơ." in filed.content.decode()
    closed = clerk.post(f"/ho-so/{dossier.pk}/ket-thuc/", {"note": "", "confirm": "on"},
                        follow=True)
    assert "Chứng từ kết thúc: Hồ sơ gồm 1 văn bản" in closed.content.decode()
    pdf = clerk.get(f"/ho-so/{dossier.pk}/muc-luc.pdf")
    text = _text(pdf.content)
    assert "MỤC LỤC VĂN BẢN" in text and letter.code in text
    printed = clerk.get(f"/ho-so/danh-muc/{plan.pk}/danh-muc.pdf")
    assert "DANH MỤC HỒ SƠ (DỰ THẢO)" in _text(printed.content)
    assert client_for(cast.chuyenvien).post(f"/ho-so/{dossier.pk}/mo-lai/",
                                            {"reason": "x"}).status_code == 403


def test_a_document_is_filed_from_its_own_page(cast, plan, client_for):
    letter = _register(cast, org="UBND", subject="Về việc bổ nhiệm cán bộ năm nay")
    clerk = client_for(cast.vanthu)
    page = clerk.get(f"/van-ban-den/{letter.pk}/").content.decode()
    assert 'data-testid="file-into"' in page and "Gợi ý theo danh mục hồ sơ" in page
    target = plan.dossiers.get(code="02.TCCB")
    done = clerk.post("/ho-so/dua-vao/", {"document": f"i{letter.pk}", "dossier": target.pk},
                      follow=True)
    assert "Đã đưa văn bản vào hồ sơ 02.TCCB." in done.content.decode()
    assert target.items.filter(incoming=letter).exists()
    outsider = client_for(cast.chutichmttq)
    assert outsider.post("/ho-so/dua-vao/", {"document": f"i{letter.pk}",
                                            "dossier": target.pk}).status_code == 404


# --- Transfer to the agency archive ------------------------------------------------------------


@pytest.fixture
def closed(cast, plan):
    """Both UBND dossiers closed in a past year (so they are due for hand-over now)."""
    made = []
    for dossier in plan.dossiers.order_by("number"):
        letter = _register(cast, org="UBND", subject=f"Văn bản của hồ sơ {dossier.code}")
        actions.file_documents(actor=cast.vanthu, dossier=dossier, documents=[letter])
        made.append(actions.close_dossier(actor=cast.vanthu, dossier=dossier, confirm=True))
    from vanphong.records.models import Dossier

    Dossier.objects.filter(pk__in=[d.pk for d in made]).update(
        ended_year=clock.today().year - 1)
    for d in made:
        d.refresh_from_db()
    return made


def test_due_dossiers_are_handed_over_received_and_become_read_only(cast, closed):
    from vanphong.records import transfer
    from vanphong.records.models import TransferState

    due = transfer.awaiting(cast.office.pk)
    assert {d.code for d in due} == {"01.TH", "02.TCCB"}  # permanent and 70 years
    assert transfer.due_date(due[0]).isoformat() == f"{clock.today().year}-12-31"
    with pytest.raises(NotAllowed):
        transfer.create_transfer(actor=cast.chutich, organization=cast.orgs["UBND"],
                                 dossiers=due)
    made = transfer.create_transfer(actor=cast.vanthu, organization=cast.orgs["UBND"],
                                    dossiers=due)
    assert transfer.awaiting(cast.office.pk) == []  # under way: not listed twice
    transfer.submit_transfer(actor=cast.vanthu, transfer=made)
    with pytest.raises(NotAllowed):
        transfer.receive_transfer(actor=cast.vanthu, transfer=made)  # the archivist receives
    received = transfer.receive_transfer(actor=cast.luutru, transfer=made,
                                         condition="Đầy đủ")
    assert received.state == TransferState.RECEIVED
    dossier = closed[0]
    dossier.refresh_from_db()
    assert dossier.state == DossierState.TRANSFERRED
    with pytest.raises(NotAllowed):  # read-only
        actions.file_documents(actor=cast.vanthu, dossier=dossier,
                               documents=[_register(cast, org="UBND", subject="Thêm")])
    with pytest.raises(NotAllowed):
        actions.reopen_dossier(actor=cast.vanthu, dossier=dossier, reason="Sửa")
    with pytest.raises(NotAllowed):
        transfer.correct_dossier(actor=cast.vanthu, dossier=dossier, title="X", note="")
    transfer.correct_dossier(actor=cast.luutru, dossier=dossier,
                             title="Kế hoạch, báo cáo công tác năm", note="Đã chỉnh tiêu đề")
    assert dossier.events.filter(kind="correct").exists()
    assert AuditEvent.objects.filter(action="dossier.correct").exists()
    text = _text(transfer_pdf(received, reader=cast.vanthu))
    assert "MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU" in text and "BIÊN BẢN GIAO NHẬN" in text
    assert "01.TH" in text


def test_a_returned_transfer_is_corrected_and_submitted_again(cast, closed):
    from vanphong.records import transfer
    from vanphong.records.models import TransferState

    made = transfer.create_transfer(actor=cast.vanthu, organization=cast.orgs["UBND"],
                                    dossiers=closed[:1])
    transfer.submit_transfer(actor=cast.vanthu, transfer=made)
    with pytest.raises(Invalid, match="lý do"):
        transfer.return_transfer(actor=cast.luutru, transfer=made, reason="")
    returned = transfer.return_transfer(actor=cast.luutru, transfer=made,
                                        reason="Thiếu mục lục văn bản")
    assert returned.state == TransferState.RETURNED
    assert transfer.submit_transfer(actor=cast.vanthu, transfer=returned).state == \
        TransferState.SUBMITTED


def test_the_head_lets_a_unit_keep_a_dossier_two_more_years_at_most(cast, closed):
    from vanphong.records import transfer

    dossier = closed[0]
    year = dossier.ended_year
    with pytest.raises(NotAllowed):
        transfer.approve_delay(actor=cast.vanthu, dossier=dossier, until_year=year + 2,
                               reason="Còn sử dụng")
    with pytest.raises(Invalid, match="tối đa 2 năm"):
        transfer.approve_delay(actor=cast.chutich, dossier=dossier, until_year=year + 4,
                               reason="Còn sử dụng")
    transfer.approve_delay(actor=cast.chutich, dossier=dossier, until_year=year + 3,
                           reason="Còn sử dụng để giải quyết khiếu nại")
    dossier.refresh_from_db()
    assert transfer.due_year(dossier) == year + 3


def test_keepers_and_clerks_are_reminded_thirty_days_before_once(cast, closed):
    import datetime as dt
    from zoneinfo import ZoneInfo

    from vanphong.notices.models import Notification
    from vanphong.records import transfer

    year = clock.today().year
    early = dt.datetime(year, 11, 30, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with clock.frozen_at(early):
        assert transfer.send_transfer_reminders() == 0
    late = dt.datetime(year, 12, 2, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with clock.frozen_at(late):
        sent = transfer.send_transfer_reminders()
        assert transfer.send_transfer_reminders() == 0
    # two dossiers; people: vanthu (keeper and clerk), vanthu2 (clerk), truongphong (keeper)
    assert sent == 5
    notice = Notification.objects.filter(recipient=cast.truongphong,
                                         kind="records.transfer_due").get()
    assert notice.title == f"Hồ sơ 02.TCCB (UBND) đến hạn nộp lưu trước 31/12/{year}"


def test_transfer_pages(cast, closed, client_for):
    clerk = client_for(cast.vanthu)
    page = clerk.get("/ho-so/nop-luu/").content.decode()
    assert 'data-testid="due-UBND"' in page
    made = clerk.post("/ho-so/nop-luu/", {"organization": cast.orgs["UBND"].pk,
                                          "dossiers": [str(d.pk) for d in closed]})
    assert made.status_code == 302
    transfer_id = int(made["Location"].rstrip("/").split("/")[-1])
    clerk.post(f"/ho-so/nop-luu/{transfer_id}/giao/")
    archivist = client_for(cast.luutru)
    assert 'data-testid="receive-form"' in archivist.get(
        f"/ho-so/nop-luu/{transfer_id}/").content.decode()
    done = archivist.post(f"/ho-so/nop-luu/{transfer_id}/nhan/", {"condition": "Đầy đủ"},
                          follow=True)
    assert "Đã nhận hồ sơ vào lưu trữ cơ quan." in done.content.decode()
    assert clerk.post(f"/ho-so/nop-luu/{transfer_id}/nhan/").status_code == 403
    assert client_for(cast.chuyenvien).get(f"/ho-so/nop-luu/{transfer_id}/").status_code == 404
    dossier_page = archivist.get(f"/ho-so/{closed[0].pk}/").content.decode()
    assert 'data-testid="transferred"' in dossier_page and 'data-testid="correct-form"' in \
        dossier_page


# --- Disposal -------------------------------------------------------------------------------------


@pytest.fixture
def expired(cast, plan):
    """A dossier kept 5 years whose work ended 7 years ago, closed."""
    from vanphong.records.models import Dossier

    heading = plan.headings.get(abbreviation="TH")
    dossier = actions.add_dossier(actor=cast.vanthu, plan=plan, fields=DossierFields(
        heading=heading, title="Sổ cấp phát văn phòng phẩm", keeper=cast.vanthu,
        retention_kind=RetentionKind.YEARS, retention_years=5))
    letter = _register(cast, org="UBND", subject="Phiếu cấp phát văn phòng phẩm")
    actions.file_documents(actor=cast.vanthu, dossier=dossier, documents=[letter])
    actions.close_dossier(actor=cast.vanthu, dossier=dossier, confirm=True)
    Dossier.objects.filter(pk=dossier.pk).update(ended_year=clock.today().year - 7)
    dossier.refresh_from_db()
    return dossier


def test_a_disposal_is_appraised_approved_carried_out_and_leaves_its_record(cast, expired):
    from vanphong.records import disposal
    from vanphong.records.models import DisposalState

    assert disposal.expired(cast.office.pk) == [expired]  # the permanent one never expires
    council = [cast.luutru, cast.chanhvanphong, cast.phochutich]
    with pytest.raises(Invalid, match="ít nhất 3"):
        disposal.propose_disposal(actor=cast.luutru, organization=cast.orgs["UBND"],
                                  dossiers=[expired], council=council[:2])
    with pytest.raises(NotAllowed):
        disposal.propose_disposal(actor=cast.chuyenvien, organization=cast.orgs["UBND"],
                                  dossiers=[expired], council=council)
    made = disposal.propose_disposal(actor=cast.luutru, organization=cast.orgs["UBND"],
                                     dossiers=[expired], council=council)
    with pytest.raises(NotAllowed):
        disposal.approve(actor=cast.chutich, disposal=made)  # not appraised yet
    disposal.vote(actor=cast.luutru, disposal=made, agrees=True)
    disposal.vote(actor=cast.chanhvanphong, disposal=made, agrees=True)
    with pytest.raises(Invalid, match="lý do"):
        disposal.vote(actor=cast.phochutich, disposal=made, agrees=False)
    made = disposal.vote(actor=cast.phochutich, disposal=made, agrees=False,
                         note="Nên giữ thêm một năm")
    assert made.state == DisposalState.APPRAISED  # two of three agree
    with pytest.raises(NotAllowed):
        disposal.vote(actor=cast.ketoan, disposal=made, agrees=True)
    made = disposal.approve(actor=cast.chutich, disposal=made)
    with pytest.raises(NotAllowed):
        disposal.carry_out(actor=cast.vanthu, disposal=made, method="Nghiền")
    done = disposal.carry_out(actor=cast.luutru, disposal=made, method="Nghiền bằng máy hủy")
    expired.refresh_from_db()
    assert (done.state, expired.state) == (DisposalState.DONE, DossierState.DISPOSED)
    assert expired.items.count() == 1  # nothing deleted: the trail stays
    assert expired.events.filter(kind="dispose").exists()
    text = _text(disposal_pdf(done)).replace("\n", " ")
    assert "BIÊN BẢN VỀ VIỆC HỦY TÀI LIỆU HẾT GIÁ TRỊ" in text
    assert "Nghiền bằng máy hủy" in text and expired.code in text


def test_a_legal_hold_blocks_disposal_at_every_step(cast, expired):
    from vanphong.records import disposal

    with pytest.raises(NotAllowed):
        disposal.set_hold(actor=cast.vanthu, dossier=expired, reason="Thanh tra")
    disposal.set_hold(actor=cast.luutru, dossier=expired, reason="Đang thanh tra đất đai")
    assert disposal.expired(cast.office.pk) == []
    with pytest.raises(Invalid, match="chưa hết thời hạn bảo quản, đang tạm giữ"):
        disposal.propose_disposal(actor=cast.luutru, organization=cast.orgs["UBND"],
                                  dossiers=[expired],
                                  council=[cast.luutru, cast.chanhvanphong, cast.phochutich])
    disposal.set_hold(actor=cast.chutich, dossier=expired, reason="")  # lifted by the head
    made = disposal.propose_disposal(actor=cast.luutru, organization=cast.orgs["UBND"],
                                     dossiers=[expired],
                                     council=[cast.luutru, cast.chanhvanphong, cast.phochutich])
    for member in (cast.luutru, cast.chanhvanphong, cast.phochutich):
        made = disposal.vote(actor=member, disposal=made, agrees=True)
    made = disposal.approve(actor=cast.chutich, disposal=made)
    disposal.set_hold(actor=cast.luutru, dossier=expired, reason="Có khiếu nại mới")
    with pytest.raises(Invalid, match="đang tạm giữ"):
        disposal.carry_out(actor=cast.luutru, disposal=made, method="Nghiền")
    expired.refresh_from_db()
    assert expired.state == DossierState.CLOSED


def test_disposal_pages(cast, expired, client_for):
    archivist = client_for(cast.luutru)
    assert 'data-testid="expired-UBND"' in archivist.get("/ho-so/tieu-huy/").content.decode()
    made = archivist.post("/ho-so/tieu-huy/", {
        "organization": cast.orgs["UBND"].pk, "dossiers": [str(expired.pk)],
        "council": [cast.luutru.pk, cast.chanhvanphong.pk, cast.phochutich.pk]})
    assert made.status_code == 302
    disposal_id = int(made["Location"].rstrip("/").split("/")[-1])
    for member in (cast.luutru, cast.chanhvanphong, cast.phochutich):
        client_for(member).post(f"/ho-so/tieu-huy/{disposal_id}/y-kien/", {"agrees": "1"})
    client_for(cast.chutich).post(f"/ho-so/tieu-huy/{disposal_id}/duyet/")
    done = archivist.post(f"/ho-so/tieu-huy/{disposal_id}/thuc-hien/",
                          {"method": "Nghiền bằng máy hủy"}, follow=True)
    assert "Đã ghi nhận tiêu hủy" in done.content.decode()
    assert client_for(cast.chuyenvien).get(f"/ho-so/tieu-huy/{disposal_id}/").status_code == 404
    assert client_for(cast.chuyenvien).post("/ho-so/tieu-huy/", {}).status_code == 404


# --- Archival packages ------------------------------------------------------------------------


def test_an_exported_dossier_imports_into_another_installation_identically(cast, plan):
    import zipfile

    from vanphong.records import package
    from vanphong.records.models import ArchivedDossier

    dossier = plan.dossiers.get(code="01.TH")
    first = _register(cast, org="UBND", subject="Kế hoạch công tác năm của UBND huyện")
    report = _issued(cast, "Báo cáo công tác năm của UBND xã")
    actions.file_documents(actor=cast.vanthu, dossier=dossier, documents=[report, first])
    actions.close_dossier(actor=cast.vanthu, dossier=dossier, confirm=True)
    data = package.export_dossier(actor=cast.vanthu, dossier=dossier)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "goi-ho-so/bagit.txt" in names and "goi-ho-so/manifest-sha256.txt" in names
    assert "goi-ho-so/data/ho-so.xml" in names
    xml = zipfile.ZipFile(io.BytesIO(data)).read("goi-ho-so/data/ho-so.xml").decode()
    assert "<FileNotation>01.TH</FileNotation>" in xml and "<DocTotal>2</DocTotal>" in xml
    assert xml.index(first.subject) < xml.index(report.subject)  # in date order, not filing
    assert package.export_dossier(actor=cast.vanthu, dossier=dossier) == data  # repeatable
    # "another installation": the package is all that travels
    imported = package.import_package(actor=cast.luutru, office=cast.office,
                                      source=io.BytesIO(data))
    assert isinstance(imported, ArchivedDossier)
    assert (imported.file_notation, imported.title, imported.maintenance) == (
        "01.TH", dossier.title, "Vĩnh viễn")
    assert [d.fields["Subject"] for d in imported.documents.all()] == [
        first.subject, report.subject]
    assert imported.documents.first().files.count() == 1
    again = package.export_archived(actor=cast.luutru, dossier=imported)
    assert again == data  # restored exactly: the same bag, byte for byte


def test_a_damaged_or_foreign_package_is_refused(cast, plan):
    import zipfile

    from vanphong.records import package

    with pytest.raises(Invalid, match="không phải gói hồ sơ"):
        package.import_package(actor=cast.luutru, office=cast.office,
                               source=io.BytesIO(b"not a zip"))
    dossier = plan.dossiers.get(code="01.TH")
    actions.file_documents(actor=cast.vanthu, dossier=dossier, documents=[
        _register(cast, org="UBND", subject="Văn bản A")])
    data = package.export_dossier(actor=cast.vanthu, dossier=dossier)
    source = zipfile.ZipFile(io.BytesIO(data))
    tampered = io.BytesIO()
    with zipfile.ZipFile(tampered, "w") as out:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.endswith("ho-so.xml"):
                content = content.replace("Văn bản A".encode(), "Văn bản B".encode())
            out.writestr(info, content)
    with pytest.raises(Invalid, match="không toàn vẹn"):
        package.import_package(actor=cast.luutru, office=cast.office, source=tampered)
    evil = io.BytesIO()
    with zipfile.ZipFile(evil, "w") as out:
        out.writestr("../../thoat.txt", b"x")
    with pytest.raises(Invalid, match="đường dẫn không hợp lệ"):
        package.import_package(actor=cast.luutru, office=cast.office, source=evil)
    with pytest.raises(NotAllowed):
        package.import_package(actor=cast.chuyenvien, office=cast.office,
                               source=io.BytesIO(data))


def test_packages_through_the_pages(cast, plan, client_for):
    from tests.conftest import upload
    from vanphong.records.models import ArchivedDossier

    dossier = plan.dossiers.get(code="01.TH")
    actions.file_documents(actor=cast.vanthu, dossier=dossier, documents=[
        _register(cast, org="UBND", subject="Văn bản A")])
    archivist = client_for(cast.luutru)
    assert 'data-testid="export"' in archivist.get(f"/ho-so/{dossier.pk}/").content.decode()
    exported = archivist.get(f"/ho-so/{dossier.pk}/goi.zip")
    assert exported.status_code == 200 and exported["Content-Type"] == "application/zip"
    assert client_for(cast.chuyenvien).get(f"/ho-so/{dossier.pk}/goi.zip").status_code == 403
    done = archivist.post("/ho-so/goi-ho-so/", {
        "package": upload("goi.zip", exported.content, "application/zip")}, follow=True)
    assert "Đã nhập gói hồ sơ 01.TH" in done.content.decode()
    imported = ArchivedDossier.objects.get()
    again = archivist.get(f"/ho-so/goi-ho-so/{imported.pk}/goi.zip")
    assert again.content == exported.content
    bad = archivist.post("/ho-so/goi-ho-so/", {"package": upload("x.zip", b"PK\x03\x04 hong",
                                                                  "application/zip")})
    assert bad.status_code == 422 and "không phải gói hồ sơ" in bad.content.decode()
    assert client_for(cast.chuyenvien).get("/ho-so/goi-ho-so/").status_code == 404


def test_records_through_the_api(cast, plan, api_as):  # noqa: F811
    clerk = api_as(cast.vanthu)
    listed = clerk.get(f"/file-plans/{plan.pk}").json()
    assert [d["code"] for d in listed["dossiers"]] == ["01.TH", "02.TCCB"]
    dossier = listed["dossiers"][0]["id"]
    letter = _register(cast, org="UBND", subject="Văn bản A")
    filed = clerk.post(f"/dossiers/{dossier}/documents", {"incoming_ids": [str(letter.pk)]})
    assert filed.status_code == 200 and filed.json()["documents"] == 1
    bad = clerk.post(f"/dossiers/{dossier}/documents", {
        "incoming_ids": ["00000000-0000-0000-0000-000000000000"]})
    assert bad.status_code == 422
    closed = clerk.post(f"/dossiers/{dossier}/close", {"note": "", "confirm": True})
    assert closed.status_code == 200 and closed.json()["state"] == "closed"
    assert api_as(cast.chuyenvien).post(f"/dossiers/{dossier}/close", {}).status_code == 403
    package = clerk.client.get(f"/api/v1/dossiers/{dossier}/package")
    assert package.status_code == 200 and package["Content-Type"] == "application/zip"
    assert api_as(cast.chutich).post(f"/file-plans/{plan.pk}/approve").json()["state"] == \
        "approved"
    copied = clerk.post(f"/file-plans/{plan.pk}/copy")
    assert copied.status_code == 201 and copied.json()["year"] == plan.year + 1
    assert api_as(cast.bithu).get(f"/file-plans/{plan.pk}").status_code == 404


# --- The archive: boxes and loans of originals ----------------------------------------------


@pytest.fixture
def in_archive(cast, closed):
    """The UBND dossiers handed over and received."""
    from vanphong.records import transfer

    made = transfer.create_transfer(actor=cast.vanthu, organization=cast.orgs["UBND"],
                                    dossiers=closed)
    transfer.submit_transfer(actor=cast.vanthu, transfer=made)
    transfer.receive_transfer(actor=cast.luutru, transfer=made)
    for dossier in closed:
        dossier.refresh_from_db()
    return closed


def test_boxes_keep_each_fonds_apart(cast, in_archive):
    from vanphong.records import archive

    with pytest.raises(NotAllowed):
        archive.add_box(actor=cast.vanthu, organization=cast.orgs["UBND"], number="1",
                        location="Kho 1")
    ubnd = archive.add_box(actor=cast.luutru, organization=cast.orgs["UBND"], number="1",
                           location="Kho 1, giá 2, tầng 3")
    party = archive.add_box(actor=cast.luutru, organization=cast.orgs["ĐU"], number="1",
                            location="Kho Đảng, giá 1")
    with pytest.raises(Invalid, match="đã có hộp số 1"):
        archive.add_box(actor=cast.luutru, organization=cast.orgs["UBND"], number="1",
                        location="Kho 2")
    with pytest.raises(Invalid, match="phông khác"):
        archive.shelve(actor=cast.luutru, dossier=in_archive[0], box=party)
    shelved = archive.shelve(actor=cast.luutru, dossier=in_archive[0], box=ubnd)
    assert shelved.box == ubnd


def test_an_original_is_lent_with_approval_and_comes_back(cast, in_archive):
    import datetime as dt

    from vanphong.errors import Conflict
    from vanphong.records import archive
    from vanphong.records.models import LoanState

    dossier = in_archive[1]
    due = clock.today() + dt.timedelta(days=10)
    loan = archive.request_loan(actor=cast.truongphong, dossier=dossier,
                                purpose="Tra cứu quyết định bổ nhiệm", due_back=due)
    with pytest.raises(Conflict):
        archive.request_loan(actor=cast.chuyenvien, dossier=dossier, purpose="X", due_back=due)
    with pytest.raises(NotAllowed):
        archive.decide_loan(actor=cast.vanthu, loan=loan, approve=True)
    with pytest.raises(NotAllowed):  # the archivist lends, the head approves
        archive.decide_loan(actor=cast.luutru, loan=loan, approve=True)
    loan = archive.decide_loan(actor=cast.chutich, loan=loan, approve=True)
    with pytest.raises(NotAllowed):
        archive.lend(actor=cast.vanthu, loan=loan)
    loan = archive.lend(actor=cast.luutru, loan=loan)
    with pytest.raises(Invalid, match="tình trạng"):
        archive.take_back(actor=cast.luutru, loan=loan, condition="")
    loan = archive.take_back(actor=cast.luutru, loan=loan, condition="Đầy đủ")
    assert loan.state == LoanState.RETURNED
    assert [r.pk for r in archive.register_of_use(cast.luutru)] == [loan.pk]
    assert [r.pk for r in archive.register_of_use(cast.truongphong)] == [loan.pk]  # their own
    assert list(archive.register_of_use(cast.chuyenvienmttq)) == []
    with pytest.raises(Invalid, match="đã nộp lưu"):
        archive.request_loan(actor=cast.vanthu, dossier=actions.add_dossier(
            actor=cast.vanthu, plan=dossier.plan, fields=DossierFields(
                heading=dossier.heading, title="Mới", keeper=cast.vanthu)),
            purpose="X", due_back=due)


def test_archive_pages(cast, in_archive, client_for):
    import datetime as dt

    from vanphong.records.models import Loan

    archivist = client_for(cast.luutru)
    archivist.post("/ho-so/kho/", {"organization": cast.orgs["UBND"].pk, "number": "7",
                                   "location": "Kho 1"})
    page = archivist.get("/ho-so/kho/").content.decode()
    assert 'data-testid="fonds-UBND"' in page and "Hộp 7 — Kho 1" in page
    dossier = in_archive[0]
    box = cast.orgs["UBND"].archive_boxes.get()
    archivist.post(f"/ho-so/{dossier.pk}/xep-kho/", {"box": box.pk})
    head = client_for(cast.truongphong)
    due = (clock.today() + dt.timedelta(days=5)).isoformat()
    head.post(f"/ho-so/{dossier.pk}/muon/", {"purpose": "Tra cứu", "due_back": due})
    loan = Loan.objects.get()
    client_for(cast.chutich).post(f"/ho-so/so-su-dung/{loan.pk}/duyet/")
    archivist.post(f"/ho-so/so-su-dung/{loan.pk}/giao/")
    archivist.post(f"/ho-so/so-su-dung/{loan.pk}/nhan-lai/", {"condition": "Đầy đủ"})
    loan.refresh_from_db()
    assert loan.state == "returned"
    register = archivist.get("/ho-so/so-su-dung/").content.decode()
    assert "Tra cứu" in register and "Đã trả" in register
    assert client_for(cast.chuyenvien).get("/ho-so/kho/").status_code == 404


def test_records_are_searched_within_what_the_user_may_see(cast, in_archive, client_for):
    from vanphong.records import archive

    box = archive.add_box(actor=cast.luutru, organization=cast.orgs["UBND"], number="3",
                          location="Kho 1, giá 2")
    archive.shelve(actor=cast.luutru, dossier=in_archive[0], box=box)
    archivist = client_for(cast.luutru)
    found = archivist.get("/ho-so/tim/", {"q": "TCCB"}).content.decode()
    assert "02.TCCB" in found and "01.TH" not in found
    by_state = archivist.get("/ho-so/tim/", {"trang-thai": "transferred"}).content.decode()
    assert "01.TH" in by_state and "Hộp 3 — Kho 1, giá 2" in by_state
    assert "01.TH" not in archivist.get("/ho-so/tim/", {"nam": "1999"}).content.decode()
    outsider = client_for(cast.chutichmttq)  # another fonds: nothing of the UBND's
    assert "01.TH" not in outsider.get("/ho-so/tim/").content.decode()
