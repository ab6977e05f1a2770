"""The outgoing API through HTTP, with bearer tokens of the demo cast: the whole flow of a
UBND Quyết định, the refusals (403, 404, 422 with fields), reserved numbers, recall."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import pytest

from tests.test_api import ApiClient, api_as, assert_error  # noqa: F401  (api_as: fixture)
from vanphong import clock
from vanphong.audit.models import AuditEvent
from vanphong.incoming.models import IncomingDocument
from vanphong.organizations.models import Position
from vanphong.registers.models import DocumentType, RegisterKind


def quyet_dinh() -> DocumentType:
    return DocumentType.objects.get(system="state", organization=None, name="Quyết định")


def draft_body(cast, **overrides: Any) -> dict[str, Any]:
    body = {
        "organization_id": cast.orgs["UBND"].pk,
        "document_type_id": quyet_dinh().pk,
        "subject": "Về việc thành lập Ban tổ chức Ngày hội Đại đoàn kết toàn dân tộc",
        "body": "Điều 1. Thành lập Ban tổ chức.\n\nĐiều 2. Quyết định có hiệu lực từ ngày ký.",
        "signer_id": cast.chutich.pk,
        "capacity": "tm",
        "drafting_unit_id": cast.units["VHXH"].pk,
        "recipients": [{"organization_id": cast.orgs["MTTQ"].pk},
                       {"name": "Trường Tiểu học Tân Hòa"}],
    }
    return {**body, **overrides}


def ok(response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.content
    return response.json()


@pytest.fixture
def people(cast, api_as):  # noqa: F811
    """API clients of everyone in the flow, by their demo user name."""
    names = ("chuyenvien", "truongphong", "vanthu", "chutich", "chuyenviendang")
    return {name: api_as(getattr(cast, name)) for name in names}


def create_draft(people, cast, **overrides: Any) -> dict[str, Any]:
    return ok(people["chuyenvien"].post("/outgoing", draft_body(cast, **overrides)), 201)


def signed_document(people, cast) -> str:
    """A draft taken through the UBND chain (unit head, office check) and signed."""
    document_id = create_draft(people, cast)["id"]
    path = f"/outgoing/{document_id}"
    ok(people["chuyenvien"].post(path + "/submit"))
    ok(people["truongphong"].post(path + "/approve", {"comment": "Đồng ý"}))
    ok(people["vanthu"].post(path + "/approve"))
    assert ok(people["chutich"].post(path + "/sign"))["status"] == "signed"
    return document_id


# --- The whole flow --------------------------------------------------------------------


def test_a_quyet_dinh_goes_from_draft_to_issued_and_reaches_mttq(
    cast, people, django_capture_on_commit_callbacks
):
    created = create_draft(people, cast)
    assert created["status"] == "draft" and created["code"] == ""
    assert [v["number"] for v in created["versions"]] == [1]
    path = f"/outgoing/{created['id']}"

    submitted = ok(people["chuyenvien"].post(path + "/submit"))
    assert submitted["status"] == "in_review"
    pending = [(r["kind"], r["state"]) for r in submitted["reviews"]]
    assert pending == [("unit_head", "pending"), ("office_check", "waiting"), ("sign", "waiting")]
    assert "review" in ok(people["truongphong"].get(path))["allowed_actions"]
    ok(people["truongphong"].post(path + "/approve", {"comment": "Đồng ý"}))
    ok(people["vanthu"].post(path + "/approve"))
    assert ok(people["chutich"].post(path + "/sign"))["status"] == "signed"

    before = ok(people["vanthu"].get(path))
    assert {c["area"] for c in before["checks"]} == {"format", "authority", "procedure", "time"}
    assert not [c for c in before["checks"] if c["level"] == "block"]
    assert "issue" in before["allowed_actions"]
    with django_capture_on_commit_callbacks(execute=True):
        issued = ok(people["vanthu"].post(path + "/issue", {}))
    assert issued["status"] == "issued" and issued["code"] == "01/QĐ-UBND"

    shown = ok(people["chuyenvien"].get(path))
    assert shown["code"] == "01/QĐ-UBND" and shown["has_final_pdf"]
    assert shown["final_state"] == "done" and shown["checks"] == []
    progress = {r["name"]: (r["kind"], r["progress"]) for r in shown["recipients"]}
    assert progress[cast.orgs["MTTQ"].name] == ("internal", "Đã vào sổ")
    assert progress["Trường Tiểu học Tân Hòa"] == ("address", "Gửi bản giấy")
    assert IncomingDocument.objects.filter(organization=cast.orgs["MTTQ"],
                                           code="01/QĐ-UBND").exists()
    kinds = [e["kind"] for e in shown["history"]]
    assert kinds[:6] == ["create", "submit", "approve", "approve", "sign", "issue"]


def test_the_final_pdf_downloads_and_the_download_is_audited(
    cast, people, django_capture_on_commit_callbacks
):
    path = f"/outgoing/{signed_document(people, cast)}"
    assert_error(people["vanthu"].get(path + "/final.pdf"), 404, "not_found")
    with django_capture_on_commit_callbacks(execute=True):
        ok(people["vanthu"].post(path + "/issue", {"paper_copies": True}))
    response = people["chuyenvien"].get(path + "/final.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment") and "01-Q%C4%90-UBND.pdf" in disposition
    audit = AuditEvent.objects.get(action="outgoing.download")
    assert audit.actor == cast.chuyenvien


def test_the_list_filters_by_organization_status_text_and_issued_date(cast, people):
    first = signed_document(people, cast)
    ok(people["vanthu"].post(f"/outgoing/{first}/issue", {}))
    second = create_draft(people, cast, subject="Về việc kiểm tra an toàn thực phẩm")["id"]
    clerk = people["vanthu"]
    assert ok(clerk.get("/outgoing"))["count"] == 2
    assert ok(clerk.get("/outgoing", organization_id=cast.orgs["ĐU"].pk))["count"] == 0
    found = ok(clerk.get("/outgoing", q="01/QĐ"))
    assert [item["id"] for item in found["items"]] == [first]
    assert [i["id"] for i in ok(clerk.get("/outgoing", q="thực phẩm"))["items"]] == [second]
    assert ok(clerk.get("/outgoing", status="issued"))["count"] == 1
    today = clock.today()
    assert ok(clerk.get("/outgoing", date_from=today.isoformat()))["count"] == 1
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    assert ok(clerk.get("/outgoing", date_from=tomorrow))["count"] == 0
    pages = [ok(clerk.get("/outgoing", page=n, page_size=1)) for n in (1, 2)]
    assert [len(p["items"]) for p in pages] == [1, 1] and pages[1]["count"] == 2
    assert {p["items"][0]["id"] for p in pages} == {first, second}
    assert_error(clerk.get("/outgoing", date_from=tomorrow, date_to=today.isoformat()),
                 422, "invalid", "date_from")
    assert_error(clerk.get("/outgoing", date_to="0"), 422, "invalid", "date_to")


def test_the_drafter_edits_comments_are_kept_and_a_return_goes_back_to_the_drafter(
    cast, people
):
    path = f"/outgoing/{create_draft(people, cast)['id']}"
    changed = draft_body(cast, subject="Về việc thành lập Ban tổ chức (sửa)", note="Sửa tên")
    del changed["organization_id"]
    response = people["chuyenvien"].client.put(
        "/api/v1" + path, json.dumps(changed), content_type="application/json")
    edited = ok(response)
    assert edited["subject"] == "Về việc thành lập Ban tổ chức (sửa)"
    assert [v["number"] for v in edited["versions"]] == [1, 2]
    ok(people["chuyenvien"].post(path + "/submit"))
    commented = ok(people["truongphong"].post(path + "/comments", {"text": "Bổ sung căn cứ"}))
    assert commented["comments"][0]["text"] == "Bổ sung căn cứ"
    assert_error(people["truongphong"].post(path + "/return", {"reason": ""}),
                 422, "invalid", "reason")
    returned = ok(people["truongphong"].post(path + "/return", {"reason": "Thiếu căn cứ"}))
    assert returned["status"] == "returned"
    assert [r["state"] for r in returned["reviews"]] == ["returned", "cancelled", "cancelled"]
    assert "edit" in ok(people["chuyenvien"].get(path))["allowed_actions"]
    withdrawn = ok(people["chuyenvien"].post(path + "/withdraw", {"reason": "Không cần nữa"}))
    assert withdrawn["status"] == "withdrawn"


def test_the_head_recalls_an_issued_document(cast, people):
    path = f"/outgoing/{signed_document(people, cast)}"
    ok(people["vanthu"].post(path + "/issue", {}))
    assert_error(people["chuyenvien"].post(path + "/recall", {"reason": "Sai"}),
                 403, "not_allowed")
    recalled = ok(people["chutich"].post(path + "/recall", {"reason": "Ban hành nhầm"}))
    assert recalled["status"] == "recalled" and recalled["end_note"] == "Ban hành nhầm"


def test_a_replacement_and_a_correction_start_from_an_issued_document(cast, people):
    path = f"/outgoing/{signed_document(people, cast)}"
    ok(people["vanthu"].post(path + "/issue", {}))
    body = {k: v for k, v in draft_body(cast).items() if k != "organization_id"}
    replacement = ok(people["chuyenvien"].post(path + "/replacement", body), 201)
    assert replacement["status"] == "draft" and replacement["replaces_id"]
    letter = DocumentType.objects.get(system="state", organization=None, name="Công văn")
    correction = ok(people["chuyenvien"].post(
        path + "/correction", {**body, "document_type_id": letter.pk,
                               "subject": "Đính chính Quyết định số 01/QĐ-UBND"}), 201)
    assert correction["corrects_id"]
    draft = replacement["id"]
    assert_error(people["chuyenvien"].post(f"/outgoing/{draft}/replacement", body), 422,
                 "invalid")  # only an issued document is replaced
    assert_error(people["chuyenviendang"].post(path + "/replacement", body), 404, "not_found")


def test_only_a_clerk_resends_a_failed_mail(cast, people):
    from vanphong.outgoing.models import DeliveryState, OutgoingDocument

    path = f"/outgoing/{signed_document(people, cast)}"
    ok(people["vanthu"].post(path + "/issue", {}))
    document = OutgoingDocument.objects.get()
    recipient = document.recipients.create(kind="address", name="Sở Nội vụ",
                                           email="snv@example.vn", state=DeliveryState.FAILED,
                                           attempts=6, last_error="Hết lần thử")
    resend = f"{path}/recipients/{recipient.pk}/resend"
    assert_error(people["chuyenvien"].post(resend), 403, "not_allowed")
    ok(people["vanthu"].post(resend))
    recipient.refresh_from_db()
    assert (recipient.state, recipient.attempts) == (DeliveryState.PENDING, 0)
    assert_error(people["vanthu"].post(resend), 409, "conflict")  # no longer failed
    assert_error(people["vanthu"].post(f"{path}/recipients/999999/resend"), 404, "not_found")


# --- Refusals --------------------------------------------------------------------------


def test_a_specialist_cannot_sign_or_issue(cast, people):
    document_id = create_draft(people, cast)["id"]
    path = f"/outgoing/{document_id}"
    ok(people["chuyenvien"].post(path + "/submit"))
    assert_error(people["chuyenvien"].post(path + "/sign"), 403, "not_allowed")
    assert_error(people["chuyenvien"].post(path + "/approve"), 403, "not_allowed")
    signed = signed_document(people, cast)
    assert_error(people["chuyenvien"].post(f"/outgoing/{signed}/issue", {}), 403, "not_allowed")
    assert_error(people["truongphong"].post(f"/outgoing/{signed}/issue", {}),
                 403, "not_allowed")
    assert ok(people["vanthu"].get(f"/outgoing/{signed}"))["code"] == ""


def test_a_document_the_caller_cannot_see_is_not_found(cast, people):
    path = f"/outgoing/{create_draft(people, cast)['id']}"
    outsider = people["chuyenviendang"]
    assert_error(outsider.get(path), 404, "not_found")
    assert_error(outsider.post(path + "/comments", {"text": "Xem"}), 404, "not_found")
    assert_error(outsider.get(path + "/final.pdf"), 404, "not_found")
    assert_error(people["vanthu"].get(f"/outgoing/{uuid.uuid4()}"), 404, "not_found")
    assert ok(outsider.get("/outgoing"))["count"] == 0


def test_bad_drafts_are_refused_with_the_fields_at_fault(cast, people):
    writer = people["chuyenvien"]
    bad = draft_body(cast, subject="", copies=0, urgency="1",
                     recipients=[{"organization_id": cast.orgs["MTTQ"].pk, "name": "Thừa"},
                                 {"name": "Sở Y tế", "email": "khong-phai-thu"}])
    assert_error(writer.post("/outgoing", bad), 422, "invalid", "subject", "copies", "urgency",
                 "recipients.0", "recipients.1.email")
    missing = draft_body(cast, organization_id=987654, signer_id=987653)
    assert_error(writer.post("/outgoing", missing), 422, "invalid", "organization_id")
    assert_error(writer.post("/outgoing", draft_body(cast, signer_id=987653)),
                 422, "invalid", "signer_id")
    unknown = draft_body(cast, recipients=[{"correspondent_id": 987652}])
    assert_error(writer.post("/outgoing", unknown), 422, "invalid", "recipients.0")
    assert_error(writer.post("/outgoing", draft_body(cast, organization_id=cast.orgs["ĐU"].pk)),
                 403, "not_allowed")
    lonely = create_draft(people, cast, recipients=[])
    assert_error(writer.post(f"/outgoing/{lonely['id']}/submit"), 422, "invalid", "recipients")


def test_issuing_is_refused_with_the_reason_when_the_signer_lost_authority(cast, people):
    path = f"/outgoing/{signed_document(people, cast)}"
    Position.objects.filter(person=cast.chutich).update(
        end_date=clock.today() - dt.timedelta(days=1))
    shown = ok(people["vanthu"].get(path))
    blocked = [c for c in shown["checks"] if c["level"] == "block"]
    assert [c["area"] for c in blocked] == ["authority"]
    error = assert_error(people["vanthu"].post(path + "/issue", {}), 422, "invalid", "authority")
    assert error["fields"]["authority"] == blocked[0]["message"]
    after = ok(people["vanthu"].get(path))
    assert after["status"] == "signed" and after["number"] is None


def test_issue_refuses_both_a_reserved_and_a_manual_number(cast, people):
    path = f"/outgoing/{signed_document(people, cast)}"
    body = {"reservation_id": 1, "manual_number": 5}
    assert_error(people["vanthu"].post(path + "/issue", body), 422, "invalid")
    future = (clock.today() + dt.timedelta(days=3)).isoformat()
    assert_error(people["vanthu"].post(path + "/issue", {"on": future}), 422, "invalid", "on")


# --- Reserved numbers ------------------------------------------------------------------


def test_a_clerk_reserves_a_number_and_issues_with_it_and_releases_another(cast, people):
    register = cast.register("UBND", RegisterKind.OUTGOING)
    clerk = people["vanthu"]
    reservations = f"/registers/{register.pk}/reservations"
    body = {"reason": "Giữ cho quyết định khen thưởng", "document_type_id": quyet_dinh().pk}
    first = ok(clerk.post(reservations, body), 201)
    second = ok(clerk.post(reservations, body), 201)
    assert (first["number"], second["number"], first["state"]) == (1, 2, "reserved")

    path = f"/outgoing/{signed_document(people, cast)}"
    issued = ok(clerk.post(path + "/issue", {"reservation_id": first["id"]}))
    assert issued["code"] == "01/QĐ-UBND"
    released = ok(clerk.post(f"{reservations}/{second['id']}/release", {"reason": "Không dùng"}))
    assert (released["state"], released["released_reason"]) == ("released", "Không dùng")
    assert_error(clerk.post(f"{reservations}/{second['id']}/release", {"reason": "Lần nữa"}),
                 409, "conflict")


def test_only_clerks_reserve_numbers_of_registers_they_see(cast, people):
    register = cast.register("UBND", RegisterKind.OUTGOING)
    body = {"reason": "Giữ số"}
    assert_error(people["chutich"].post(f"/registers/{register.pk}/reservations", body),
                 403, "not_allowed")
    assert_error(people["chuyenvien"].post(f"/registers/{register.pk}/reservations", body),
                 404, "not_found")
    incoming = cast.register("UBND")
    assert_error(people["vanthu"].post(f"/registers/{incoming.pk}/reservations", body),
                 422, "invalid")
    assert_error(people["vanthu"].post(f"/registers/{register.pk}/reservations/999/release",
                                       {"reason": "x"}), 404, "not_found")


def test_outgoing_operations_are_in_the_openapi_document(cast):
    schema = ApiClient(None).get("/openapi.json").json()
    operations = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert {"list_outgoing", "get_outgoing", "create_outgoing", "update_outgoing",
            "submit_outgoing", "approve_outgoing", "return_outgoing", "sign_outgoing",
            "withdraw_outgoing", "comment_outgoing", "issue_outgoing", "recall_outgoing",
            "reserve_number", "release_reservation", "download_final_pdf",
            "replace_outgoing", "correct_outgoing", "resend_recipient"} <= operations
