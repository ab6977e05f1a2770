"""Filing at registration (issue #7): the clerk chooses the dossiers on the incoming
registration form and on the issuing form, helped by suggestions from the file plan; each
dossier takes the document of its own organization, in the same transaction."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.test_incoming_pages import form_data
from tests.test_incoming_permissions import _register
from tests.test_outgoing_flow import draft, review_through
from tests.test_records import plan  # noqa: F401  (fixture)
from vanphong.incoming.models import IncomingDocument
from vanphong.records import actions
from vanphong.records.actions import DossierFields
from vanphong.records.models import DossierItem

pytestmark = pytest.mark.django_db


def _dossier(plan, code):  # noqa: F811
    return plan.dossiers.get(code=code)


def test_a_clerk_files_a_registered_document_from_the_registration_form(
        cast, plan, client_for):  # noqa: F811
    clerk = client_for(cast.vanthu)
    staff = _dossier(plan, "02.TCCB")
    form = clerk.get(reverse("incoming:register")).content.decode()
    assert "Đưa vào hồ sơ" in form and "02.TCCB" in form
    data = form_data(cast, organizations=[cast.orgs["UBND"].pk, cast.orgs["ĐU"].pk],
                     subject="V/v bổ nhiệm cán bộ năm 2026", dossiers=[str(staff.pk)],
                     has_paper_original="on")
    response = clerk.post(reverse("incoming:register"), data, follow=True)
    assert response.redirect_chain, re.findall(r'role="alert">([^<]+)', response.content.decode())
    assert "Đã đưa vào 1 hồ sơ" in response.content.decode()
    ubnd = IncomingDocument.objects.get(organization=cast.orgs["UBND"])
    party = IncomingDocument.objects.get(organization=cast.orgs["ĐU"])
    assert list(DossierItem.objects.values_list("dossier__code", "incoming")) == [
        ("02.TCCB", ubnd.pk)]
    assert not DossierItem.objects.filter(incoming=party).exists()
    assert staff.events.filter(kind="file").count() == 1


def test_a_dossier_of_an_organization_that_did_not_receive_it_registers_nothing(
        cast, plan, client_for):  # noqa: F811
    clerk = client_for(cast.vanthu)
    data = form_data(cast, organizations=[cast.orgs["ĐU"].pk],
                     dossiers=[str(_dossier(plan, "01.TH").pk)])
    response = clerk.post(reverse("incoming:register"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "không thuộc cơ quan nhận văn bản này" in page
    assert "V/v báo cáo công tác cải cách hành chính" in page  # what was typed is kept
    assert not IncomingDocument.objects.exists() and not DossierItem.objects.exists()


def test_a_dossier_the_user_may_not_file_into_is_not_offered_nor_taken(
        cast, plan, client_for):  # noqa: F811
    own = _dossier(plan, "01.TH")
    other = actions.create_plan(actor=cast.vanthu, organization=cast.orgs["MTTQ"],
                                year=plan.year)
    heading = actions.add_heading(actor=cast.vanthu, plan=other, title="Tổng hợp",
                                  abbreviation="TH")
    foreign = actions.add_dossier(actor=cast.vanthu, plan=other, fields=DossierFields(
        heading=heading, title="Hồ sơ MTTQ", keeper=cast.vanthu))
    # The UBND's head keeps UBND dossiers, not MTTQ's: the issuing form offers only the
    # document's own organization's dossiers.
    document = review_through(cast, draft(cast))
    page = client_for(cast.vanthu).get(reverse("outgoing:detail", args=[document.pk]))
    text = page.content.decode()
    assert own.code in text and "Hồ sơ MTTQ" not in text
    response = client_for(cast.vanthu).post(reverse("outgoing:issue", args=[document.pk]), {
        "on": timezone.localdate(document.created_at).isoformat(), "mode": "next",
        "dossiers": [str(foreign.pk)]})
    assert response.status_code == 200  # refused with the form, nothing issued
    document.refresh_from_db()
    assert document.code == "" and not DossierItem.objects.exists()


def test_issuing_files_the_document_in_the_same_step(cast, plan, client_for,  # noqa: F811
                                                     django_capture_on_commit_callbacks):
    document = review_through(cast, draft(cast, subject="Kế hoạch công tác năm của UBND xã"))
    clerk = client_for(cast.vanthu)
    suggested = clerk.get(reverse("records:suggest"), {
        "organization": document.organization_id, "subject": document.subject}).content.decode()
    yearly = _dossier(plan, "01.TH")
    assert f'value="{yearly.pk}"' in suggested and "02.TCCB" not in suggested
    with django_capture_on_commit_callbacks(execute=True):
        response = clerk.post(reverse("outgoing:issue", args=[document.pk]), {
            "on": timezone.localdate(document.created_at).isoformat(), "mode": "next",
            "dossiers": [str(yearly.pk)]}, follow=True)
    assert "Đã đưa vào 1 hồ sơ" in response.content.decode()
    assert list(DossierItem.objects.values_list("dossier__code", "outgoing")) == [
        ("01.TH", document.pk)]


def test_suggestions_while_registering_stay_within_what_the_user_may_file(
        cast, plan, client_for):  # noqa: F811
    query = {"organizations": [cast.orgs["UBND"].pk], "subject": "Bổ nhiệm cán bộ năm nay"}
    clerk = client_for(cast.vanthu).get(reverse("records:suggest"), query).content.decode()
    assert "02.TCCB" in clerk
    chosen = {**query, "dossiers": [str(_dossier(plan, "02.TCCB").pk)]}
    assert "02.TCCB" not in client_for(cast.vanthu).get(reverse("records:suggest"),
                                                        chosen).content.decode()
    outsider = client_for(cast.chutichmttq).get(reverse("records:suggest"), query)
    assert outsider.status_code == 200 and "02.TCCB" not in outsider.content.decode()


def test_closing_reviews_open_work_and_missing_files_and_numbers_the_sheets(
        cast, plan, client_for):  # noqa: F811
    from vanphong.errors import Invalid
    from vanphong.incoming import actions as incoming_actions
    from vanphong.records.models import DossierState
    from vanphong.records.printouts import contents_rows

    dossier = _dossier(plan, "01.TH")
    done = _register(cast, subject="Báo cáo năm đã xử lý xong")
    done.pages = 3
    done.save(update_fields=["pages"])
    incoming_actions.route_incoming(actor=cast.vanthu, document=done, leaders=[cast.chutich])
    incoming_actions.instruct_incoming(
        actor=cast.chutich, document=done, text="Giao đồng chí Bình xử lý",
        handlers=incoming_actions.Handlers(lead_person=cast.chuyenvien))
    incoming_actions.complete_incoming(actor=cast.chuyenvien, document=done, result="Đã xử lý")
    pending = _register(cast, subject="Kế hoạch năm đang xử lý")
    pending.pages = 2
    pending.save(update_fields=["pages"])
    actions.file_documents(actor=cast.vanthu, dossier=dossier, documents=[done, pending])
    assert actions.closing_review(dossier) == [
        f"Văn bản đến {pending.code} còn đang xử lý (đã vào sổ)."]
    page = client_for(cast.vanthu).get(f"/ho-so/{dossier.pk}/").content.decode()
    assert 'data-testid="closing-review"' in page and "Vẫn kết thúc hồ sơ" in page
    with pytest.raises(Invalid, match="còn điểm cần kiểm tra"):
        actions.close_dossier(actor=cast.vanthu, dossier=dossier)
    dossier.refresh_from_db()
    assert dossier.state == DossierState.OPEN
    refused = client_for(cast.vanthu).post(f"/ho-so/{dossier.pk}/ket-thuc/", {"note": ""})
    assert refused.status_code == 422
    closed = actions.close_dossier(actor=cast.vanthu, dossier=dossier, confirm=True)
    record = actions.closing_record(closed, actions.contents_for(cast.vanthu, closed))
    assert f"Kết thúc khi còn: Văn bản đến {pending.code} còn đang xử lý" in record
    rows = contents_rows(closed, cast.vanthu)[1:]
    assert [r[5] for r in rows] == ["1–3", "4–5"]  # the sheets run on from one to the next
