"""The REST API through HTTP (Django's test client runs the whole WSGI stack: middleware,
URL resolution, authentication), with bearer tokens issued to the demo cast."""

from __future__ import annotations

import datetime as dt
import io
import json
import uuid
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from tests.conftest import make_pdf
from vanphong import clock
from vanphong.api.actions import issue_token
from vanphong.api.models import ApiToken, hash_token
from vanphong.audit.models import AuditEvent
from vanphong.incoming.models import IncomingDocument
from vanphong.organizations.models import User
from vanphong.registers.models import RegisterKind

API = "/api/v1"


class ApiClient:
    """A test client that sends `Authorization: Bearer <token>` and speaks JSON."""

    def __init__(self, token: str | None) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.client = Client(headers=headers)

    def get(self, path: str, **params: Any):
        return self.client.get(API + path, params)

    def post(self, path: str, body: Any = None):
        return self.client.post(API + path, json.dumps(body or {}),
                                content_type="application/json")

    def patch(self, path: str, body: Any):
        return self.client.patch(API + path, json.dumps(body), content_type="application/json")

    def upload(self, name: str, data: bytes, content_type: str = "application/pdf"):
        from django.core.files.uploadedfile import SimpleUploadedFile

        return self.client.post(API + "/files",
                                {"file": SimpleUploadedFile(name, data, content_type)})


@pytest.fixture
def api_as(cast):
    """`api_as(user)` returns an ApiClient holding a fresh token of that user."""

    def make(user: User) -> ApiClient:
        _, token = issue_token(actor=None, user=user, name="test")
        return ApiClient(token)

    return make


@pytest.fixture
def clerk(cast, api_as) -> ApiClient:
    return api_as(cast.vanthu)


def fields(**overrides: Any) -> dict[str, Any]:
    body = {
        "issuer": "UBND tỉnh Lâm Đồng", "code": "123/QĐ-UBND",
        "issued_date": (clock.today() - dt.timedelta(days=2)).isoformat(),
        "subject": "Về việc triển khai kế hoạch chuyển đổi số năm 2026",
        "has_paper_original": True,
    }
    return {**body, **overrides}


def register(client: ApiClient, cast, *orgs: str, **overrides: Any) -> dict[str, Any]:
    ids = [cast.orgs[o].pk for o in (orgs or ("UBND",))]
    response = client.post("/incoming", fields(organization_ids=ids, **overrides))
    assert response.status_code == 201, response.content
    return response.json()


def assert_error(response, status: int, code: str, *field_names: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    assert set(field_names) <= set(error["fields"]), error
    return error


# --- Tokens and authentication -----------------------------------------------------------


def test_issue_token_command_prints_a_token_that_works_and_stores_only_its_hash(cast):
    out, err = io.StringIO(), io.StringIO()
    call_command("issue_token", "vanthu", "--name", "hệ thống một cửa", stdout=out, stderr=err)
    token = out.getvalue().strip()
    assert token.startswith("vp_") and "Authorization: Bearer" in err.getvalue()
    row = ApiToken.objects.get(user=cast.vanthu)
    assert row.name == "hệ thống một cửa" and row.key_hash == hash_token(token)
    assert token not in {row.key_hash, row.name}
    assert ApiClient(token).get("/organizations").status_code == 200
    assert AuditEvent.objects.filter(action="api.issue_token", object_id=str(row.pk)).exists()


def test_issue_token_command_refuses_unknown_and_inactive_users(cast):
    with pytest.raises(CommandError, match="Không có người dùng"):
        call_command("issue_token", "khongco", stdout=io.StringIO(), stderr=io.StringIO())
    User.objects.filter(pk=cast.ketoan.pk).update(is_active=False)
    with pytest.raises(CommandError, match="ngừng hoạt động"):
        call_command("issue_token", "ketoan", stdout=io.StringIO(), stderr=io.StringIO())
    assert not ApiToken.objects.exists()


def test_it_refuses_a_request_without_token(cast):
    response = ApiClient(None).get("/incoming")
    error = assert_error(response, 401, "unauthenticated")
    assert "Authorization: Bearer" in error["message"]
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("header", ["Bearer vp_khongphaima", "Bearer ", "Token abc", "Bearer x"])
def test_it_refuses_a_wrong_token(cast, header):
    response = Client(headers={"Authorization": header}).get(API + "/incoming")
    assert_error(response, 401, "unauthenticated")


def test_it_refuses_a_revoked_token(cast, api_as):
    client = api_as(cast.vanthu)
    assert client.get("/incoming").status_code == 200
    call_command("revoke_tokens", "vanthu", stdout=io.StringIO())
    assert_error(client.get("/incoming"), 401, "unauthenticated")
    assert ApiToken.objects.get(user=cast.vanthu).revoked_at is not None


def test_it_refuses_the_token_of_an_inactive_user(cast, api_as):
    client = api_as(cast.chuyenvien)
    User.objects.filter(pk=cast.chuyenvien.pk).update(is_active=False)
    assert_error(client.get("/organizations"), 401, "unauthenticated")


def test_it_records_when_a_token_was_last_used(cast, clerk):
    assert ApiToken.objects.get().last_used_at is None
    clerk.get("/organizations")
    assert ApiToken.objects.get().last_used_at is not None


# --- The OpenAPI document and the error shape -----------------------------------------


def test_openapi_document_is_public_and_describes_bearer_auth(cast):
    response = Client().get(API + "/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["components"]["securitySchemes"]["BearerToken"]["scheme"] == "bearer"
    operations = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert {"create_incoming", "list_incoming", "get_incoming", "route_document",
            "instruct_document", "record_progress", "complete_document", "return_document",
            "list_registers", "export_register"} <= operations
    assert Client().get(API + "/docs").status_code == 404  # no Swagger page from a CDN


def test_unknown_paths_and_wrong_methods_answer_in_the_error_shape(cast, clerk):
    assert_error(clerk.get("/khong-co"), 404, "not_found")
    assert_error(clerk.get("/incoming/not-a-uuid"), 404, "not_found")
    assert_error(clerk.get("/incoming/a%0Ab/share"), 404, "not_found")
    response = clerk.client.delete(API + "/incoming")
    assert_error(response, 405, "method_not_allowed")
    assert "GET" in response["Allow"] and "POST" in response["Allow"]


def test_malformed_json_is_a_structured_400(cast, clerk):
    response = clerk.client.post(API + "/incoming", "{không phải json",
                                 content_type="application/json")
    assert_error(response, 400, "bad_request")


def test_invalid_fields_are_reported_by_name_in_vietnamese(cast, clerk):
    response = clerk.post("/incoming", fields(
        organization_ids=["x"], issued_date="31/12/2026", urgency=9, subject="",
        thừa="?", arrival_at="2026-01-01T08:00:00",
    ))
    error = assert_error(response, 422, "invalid", "organization_ids.0", "issued_date",
                         "urgency", "subject", "thừa", "arrival_at")
    assert error["fields"]["urgency"] == "Phải nhỏ hơn hoặc bằng 4."
    assert error["fields"]["thừa"] == "Trường này không được hỗ trợ."
    assert "múi giờ" in error["fields"]["arrival_at"]


def test_unknown_query_parameters_are_refused_not_ignored(cast, clerk):
    error = assert_error(clerk.get("/incoming", organisation_id=1), 422, "invalid",
                         "organisation_id")
    assert error["fields"]["organisation_id"] == "Trường này không được hỗ trợ."


def test_json_numbers_and_booleans_must_be_real_ones(cast, clerk):
    response = clerk.post("/incoming", fields(organization_ids=[str(cast.orgs["UBND"].pk)],
                                              has_paper_original="true", urgency=True))
    assert_error(response, 422, "invalid", "organization_ids.0", "has_paper_original",
                 "urgency")


def test_an_oversized_body_is_a_structured_413(cast, clerk):
    response = clerk.post("/incoming", fields(note="x" * (11 * 1024 * 1024)))
    assert_error(response, 413, "too_large")


def test_no_operation_answers_500_to_bodies_of_the_wrong_shape(cast, clerk):
    """Every JSON operation of the OpenAPI document, fed a list, a string, a number or
    null instead of an object, answers with a structured 4xx."""
    document = register(clerk, cast)["documents"][0]
    paths = Client().get(API + "/openapi.json").json()["paths"]
    for template, operations in paths.items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" not in content:
                continue
            path = _filled(template.removeprefix(API), operation, document["id"])
            for body in ("[]", '"văn bản"', "null", "42", "[1, 2]"):
                response = clerk.client.generic(method.upper(), API + path, body,
                                                content_type="application/json")
                assert 400 <= response.status_code < 500, (method, path, body, response.content)
                code = response.json()["error"]["code"]
                assert code in {"invalid", "bad_request"}, (method, path)


def _filled(template: str, operation: dict, document_id: str) -> str:
    """The path with every parameter set to a value of its declared type (a real document
    for {document_id}, so that the body is what gets refused)."""
    path = template.replace("{document_id}", document_id)
    for parameter in operation.get("parameters", []):
        if parameter["in"] != "path" or "{" + parameter["name"] + "}" not in path:
            continue
        schema = parameter.get("schema", {})
        value = {"uuid": str(uuid.uuid4()), "date": "2027-03-08"}.get(
            schema.get("format", ""), "1" if schema.get("type") == "integer" else "x")
        path = path.replace("{" + parameter["name"] + "}", value)
    return path


def test_control_characters_are_refused_before_reaching_the_database(cast, clerk):
    org = cast.orgs["UBND"].pk
    response = clerk.post("/incoming", fields(organization_ids=[org], subject="Trích\x00yếu"))
    assert_error(response, 422, "invalid", "subject")
    assert_error(clerk.get("/incoming", q="a\x00b"), 422, "invalid", "q")


# --- Organizations, document types, files ------------------------------------------------


def test_clerk_sees_every_organization_with_leaders_units_and_people(cast, clerk):
    response = clerk.get("/organizations")
    assert response.status_code == 200
    by_name = {o["short_name"]: o for o in response.json()}
    assert set(by_name) == set(cast.orgs)
    ubnd = by_name["UBND"]
    assert {p["id"] for p in ubnd["leaders"]} == {cast.chutich.pk, cast.phochutich.pk}
    units = {u["short_name"]: u for u in ubnd["units"]}
    assert units["VHXH"]["organization_id"] == cast.orgs["UBND"].pk
    assert units["VT"]["organization_id"] is None  # the office's own unit serves everyone
    assert "BXDĐ" not in units
    people = {p["id"] for p in ubnd["people"]}
    assert {cast.chuyenvien.pk, cast.truongphong.pk, cast.vanthu.pk} <= people
    assert cast.admin.pk not in people and cast.chuyenviendang.pk not in people


def test_specialist_sees_only_their_own_organization(cast, api_as):
    response = api_as(cast.chuyenvien).get("/organizations")
    assert [o["short_name"] for o in response.json()] == ["UBND"]


def test_it_lists_document_types_by_system(cast, clerk):
    party = clerk.get("/document-types", system="party").json()
    assert party and all(t["system"] == "party" for t in party)
    assert any(t["name"] == "Nghị quyết" and t["abbreviation"] == "NQ" for t in party)
    assert_error(clerk.get("/document-types", system="khac"), 422, "invalid", "system")


def test_it_stores_an_uploaded_pdf_once(cast, clerk):
    data = make_pdf("Công văn số 1")
    first = clerk.upload("cong-van.pdf", data)
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["kind"] == "pdf" and body["size"] == len(data)
    assert body["original_name"] == "cong-van.pdf"
    assert clerk.upload("ban-sao.pdf", data).json()["id"] == body["id"]


def test_it_refuses_a_file_that_is_not_a_document(cast, clerk):
    response = clerk.upload("virus.pdf", b"MZ\x90\x00 not a pdf at all")
    error = assert_error(response, 422, "invalid")
    assert "virus.pdf" in error["message"]
    assert_error(clerk.client.post(API + "/files", {}), 422, "invalid", "file")


def test_it_says_an_image_is_too_large_rather_than_not_a_document(cast, clerk):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (20000, 10000)).save(buffer, "PNG")  # 200 million pixels in a few KB
    error = assert_error(clerk.upload("ban-do.png", buffer.getvalue(), "image/png"), 422,
                         "invalid")
    assert "Ảnh quá lớn" in error["message"] and "không phải" not in error["message"]


# --- Registering ---------------------------------------------------------------------------


def test_clerk_registers_one_receipt_for_two_organizations_with_a_file(cast, clerk):
    file_id = clerk.upload("qd.pdf", make_pdf("QD 123")).json()["id"]
    created = register(clerk, cast, "UBND", "ĐU", file_ids=[file_id], has_paper_original=False,
                       urgency=1)
    documents = {d["organization"]["short_name"]: d for d in created["documents"]}
    assert set(documents) == {"UBND", "ĐU"}
    assert [d["arrival_number"] for d in documents.values()] == [1, 1]
    ubnd = documents["UBND"]
    assert ubnd["code"] == "123/QĐ-UBND" and ubnd["code_number"] == "123"
    assert ubnd["status"] == "registered" and ubnd["edxml_status"] == "03"
    assert ubnd["register_id"] == cast.register("UBND").pk
    detail = clerk.get(f"/incoming/{ubnd['id']}").json()
    assert detail["receipt"]["id"] == created["receipt_id"]
    assert detail["receipt"]["channel"] == "api"
    assert [a["filename"] for a in detail["attachments"]] == ["qd.pdf"]
    assert [e["kind"] for e in detail["history"]] == ["register"]


def test_a_duplicate_is_refused_with_the_matches_unless_allowed(cast, clerk):
    first = register(clerk, cast)["documents"][0]
    response = clerk.post("/incoming", fields(organization_ids=[cast.orgs["UBND"].pk],
                                              code="Số: 123 / QĐ – UBND"))
    error = assert_error(response, 409, "duplicate")
    assert [d["id"] for d in error["duplicates"]] == [first["id"]]
    assert error["hidden_duplicates"] == 0
    again = register(clerk, cast, allow_duplicate=True)
    assert again["documents"][0]["arrival_number"] == 2


def test_a_duplicate_the_clerk_may_not_see_is_counted_but_not_described(cast, clerk, api_as):
    secret = register(clerk, cast, secrecy=1)["documents"][0]
    assert secret["secrecy"] == 1
    other = api_as(cast.vanthu2)
    response = other.post("/incoming", fields(organization_ids=[cast.orgs["UBND"].pk]))
    error = assert_error(response, 409, "duplicate")
    assert error["duplicates"] == [] and error["hidden_duplicates"] == 1


def test_specialist_cannot_register(cast, api_as):
    response = api_as(cast.chuyenvien).post(
        "/incoming", fields(organization_ids=[cast.orgs["UBND"].pk]))
    assert_error(response, 403, "not_allowed")
    assert not IncomingDocument.objects.exists()


def test_registration_needs_a_file_or_a_paper_original(cast, clerk):
    response = clerk.post("/incoming", fields(organization_ids=[cast.orgs["UBND"].pk],
                                              has_paper_original=False))
    assert_error(response, 422, "invalid", "files")


def test_registration_names_unknown_organizations_files_and_types(cast, clerk):
    response = clerk.post("/incoming", fields(
        organization_ids=[cast.orgs["UBND"].pk, 987654],
    ))
    error = assert_error(response, 422, "invalid", "organization_ids")
    assert "987654" in error["fields"]["organization_ids"]
    body = fields(organization_ids=[cast.orgs["UBND"].pk],
                  file_ids=["6f1c2a52-3e53-4c1e-9d36-0a4a7f0c0b11"])
    assert_error(clerk.post("/incoming", body), 422, "invalid", "file_ids")
    body = fields(organization_ids=[cast.orgs["UBND"].pk], document_type_id=99999)
    assert_error(clerk.post("/incoming", body), 422, "invalid", "document_type_id")


def test_registration_checks_dates_against_the_arrival(cast, clerk):
    tomorrow = clock.today() + dt.timedelta(days=1)
    response = clerk.post("/incoming", fields(organization_ids=[cast.orgs["UBND"].pk],
                                              issued_date=tomorrow.isoformat()))
    assert_error(response, 422, "invalid", "issued_date")
    response = clerk.post("/incoming", fields(organization_ids=[cast.orgs["UBND"].pk],
                                              arrival_at="2999-01-01T08:00:00+07:00"))
    assert_error(response, 422, "invalid", "arrival_at")


def test_a_chosen_register_must_belong_to_the_organization(cast, clerk):
    wrong = cast.register("ĐU").pk
    response = clerk.post("/incoming", fields(organization_ids=[cast.orgs["UBND"].pk],
                                              register_ids=[wrong]))
    assert_error(response, 422, "invalid", "register_ids")
    outgoing = cast.register("UBND", RegisterKind.OUTGOING).pk
    response = clerk.post("/incoming", fields(organization_ids=[cast.orgs["UBND"].pk],
                                              register_ids=[outgoing]))
    assert_error(response, 422, "invalid")
    assert not IncomingDocument.objects.exists()


# --- Listing and reading -------------------------------------------------------------------


def test_it_lists_with_filters_and_pages(cast, clerk):
    for i in range(3):
        register(clerk, cast, code=f"{i + 1}/TB-UBND", subject=f"Thông báo lịch họp số {i + 1}",
                 urgency=i)
    register(clerk, cast, "ĐU", issuer="Ban Tổ chức Tỉnh ủy", code="7-HD/BTCTU",
             subject="Hướng dẫn công tác đảng viên")
    everything = clerk.get("/incoming").json()
    assert everything["count"] == 4 and len(everything["items"]) == 4
    assert set(everything["items"][0]) >= {"id", "arrival_number", "subject", "status"}
    assert "history" not in everything["items"][0]  # list fields only
    ubnd = cast.orgs["UBND"].pk
    assert clerk.get("/incoming", organization_id=ubnd).json()["count"] == 3
    assert clerk.get("/incoming", urgency=2).json()["count"] == 1
    assert clerk.get("/incoming", q="đảng viên").json()["count"] == 1
    assert clerk.get("/incoming", q="ban to chuc").json()["count"] == 1  # issuer, folded
    assert clerk.get("/incoming", q="2/TB").json()["count"] == 1
    assert clerk.get("/incoming", status="routed").json()["count"] == 0
    page = clerk.get("/incoming", page=2, page_size=3).json()
    assert page["count"] == 4 and len(page["items"]) == 1
    today = clock.today().isoformat()
    assert clerk.get("/incoming", date_from=today, date_to=today).json()["count"] == 4
    error = assert_error(clerk.get("/incoming", date_from=today, date_to="2000-01-01"), 422,
                         "invalid", "date_from")
    assert "Từ ngày" in error["message"]
    assert_error(clerk.get("/incoming", page=0, page_size=500), 422, "invalid", "page",
                 "page_size")
    # a number is not a day (pydantic would read it as seconds since 1970)
    for path in ("/incoming", "/search", "/tasks/figures"):
        for wrong in ("3.7488441803419247e-236", "1700000000", "5/3/2026"):
            error = assert_error(clerk.get(path, date_from=wrong), 422, "invalid", "date_from")
            assert "năm-tháng-ngày" in error["fields"]["date_from"], error


def test_it_lists_only_overdue_documents_when_asked(cast, clerk, api_as):
    doc = register(clerk, cast)["documents"][0]
    register(clerk, cast, code="2/TB-UBND", subject="Khác")
    clerk.post(f"/incoming/{doc['id']}/route", {"leader_ids": [cast.chutich.pk]})
    api_as(cast.chutich).post(f"/incoming/{doc['id']}/instruct", {
        "lead_person_id": cast.chuyenvien.pk, "deadline": clock.today().isoformat()})
    later = clock.now() + dt.timedelta(days=3)
    with clock.frozen_at(later):
        overdue = clerk.get("/incoming", overdue="true").json()
        assert [d["id"] for d in overdue["items"]] == [doc["id"]]
        assert overdue["items"][0]["is_overdue"] is True
        assert clerk.get("/incoming", overdue="false").json()["count"] == 1


def test_people_of_another_organization_do_not_see_its_documents(cast, clerk, api_as):
    doc = register(clerk, cast)["documents"][0]
    mttq = api_as(cast.chutichmttq)
    assert mttq.get("/incoming").json()["count"] == 0
    missing = mttq.get("/incoming/00000000-0000-4000-8000-000000000000")
    invisible = mttq.get(f"/incoming/{doc['id']}")
    assert_error(invisible, 404, "not_found")
    assert invisible.json() == missing.json()  # missing and invisible look the same
    assert_error(mttq.post(f"/incoming/{doc['id']}/route", {"leader_ids": [cast.chutich.pk]}),
                 404, "not_found")


def test_opening_a_secret_document_is_audited(cast, clerk, api_as):
    doc = register(clerk, cast, secrecy=2)["documents"][0]
    assert_error(api_as(cast.chutich).get(f"/incoming/{doc['id']}"), 404, "not_found")
    response = clerk.get(f"/incoming/{doc['id']}")
    assert response.status_code == 200
    assert response.json()["register_kind"] == RegisterKind.SECRET_INCOMING
    assert AuditEvent.objects.filter(action="incoming.open_secret", object_id=doc["id"]).exists()
    shared = clerk.post(f"/incoming/{doc['id']}/share", {"reader_ids": [cast.chutich.pk]})
    assert shared.status_code == 200, shared.content
    assert api_as(cast.chutich).get(f"/incoming/{doc['id']}").status_code == 200


def test_downloading_an_attachment_returns_the_original_and_is_audited(cast, clerk, api_as):
    data = make_pdf("Bản gốc")
    file_id = clerk.upload("ban-goc.pdf", data).json()["id"]
    doc = register(clerk, cast, file_ids=[file_id])["documents"][0]
    attachment = clerk.get(f"/incoming/{doc['id']}").json()["attachments"][0]
    response = clerk.client.get(f"{API}/incoming/{doc['id']}/files/{attachment['id']}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == data
    assert "ban-goc.pdf" in response["Content-Disposition"]
    assert AuditEvent.objects.filter(action="incoming.download", object_id=doc["id"]).exists()
    other = register(clerk, cast, "ĐU", code="9/TB-ĐU")["documents"][0]
    assert_error(clerk.get(f"/incoming/{other['id']}/files/{attachment['id']}"), 404,
                 "not_found")
    assert_error(api_as(cast.chutichmttq).get(
        f"/incoming/{doc['id']}/files/{attachment['id']}"), 404, "not_found")


# --- Processing through the API ---------------------------------------------------------


def test_a_document_travels_from_clerk_to_leader_to_unit_to_specialist(cast, clerk, api_as):
    doc_id = register(clerk, cast)["documents"][0]["id"]
    path = f"/incoming/{doc_id}"
    routed = clerk.post(path + "/route", {"leader_ids": [cast.chutich.pk], "note": "Kính trình"})
    assert routed.status_code == 200, routed.content
    assert routed.json()["status"] == "routed"
    assert routed.json()["routings"][0]["leader"]["id"] == cast.chutich.pk
    chutich = api_as(cast.chutich)
    assert "instruct" in chutich.get(path).json()["allowed_actions"]
    deadline = (clock.today() + dt.timedelta(days=7)).isoformat()
    instructed = chutich.post(path + "/instruct", {
        "lead_unit_id": cast.units["VHXH"].pk, "for_info_ids": [cast.phochutich.pk],
        "deadline": deadline, "text": "Giao Phòng VH-XH tham mưu"})
    assert instructed.status_code == 200, instructed.content
    body = instructed.json()
    assert body["status"] == "assigned" and body["edxml_status"] == "04"
    assert body["deadline"] == deadline
    assert body["instructions"][0]["text"] == "Giao Phòng VH-XH tham mưu"
    lead = next(a for a in body["assignments"] if a["kind"] == "lead")
    truongphong = api_as(cast.truongphong)
    reassigned = truongphong.post(path + "/reassign", {
        "assignment_id": lead["id"], "person_id": cast.chuyenvien.pk})
    assert reassigned.status_code == 200, reassigned.content
    chuyenvien = api_as(cast.chuyenvien)
    progressed = chuyenvien.post(path + "/progress", {"note": "Đang dự thảo báo cáo"})
    assert progressed.json()["status"] == "in_progress"
    completed = chuyenvien.post(path + "/complete", {"result": "Đã báo cáo",
                                                      "reply_code": "45/BC-UBND"})
    assert completed.json()["status"] == "done" and completed.json()["reply_code"] == "45/BC-UBND"
    reopened = chutich.post(path + "/reopen", {"reason": "Cần bổ sung số liệu"})
    assert reopened.json()["status"] == "in_progress"
    returned = chuyenvien.post(path + "/return", {"reason": "Không thuộc thẩm quyền phòng"})
    assert returned.json()["status"] == "routed"
    history = clerk.get(path).json()["history"]
    assert [e["kind"] for e in history] == [
        "register", "route", "instruct", "reassign", "progress", "complete", "reopen", "return"]
    assert history[1]["actor"]["id"] == cast.vanthu.pk
    assert history[2]["from_status"] == "routed" and history[2]["to_status"] == "assigned"


def test_a_leader_returns_a_routed_document_to_the_clerk(cast, clerk, api_as):
    doc_id = register(clerk, cast)["documents"][0]["id"]
    clerk.post(f"/incoming/{doc_id}/route", {"leader_ids": [cast.chutich.pk]})
    response = api_as(cast.chutich).post(f"/incoming/{doc_id}/return", {"reason": "Sai cơ quan"})
    assert response.json()["status"] == "registered"
    assert_error(api_as(cast.chutich).post(f"/incoming/{doc_id}/return", {"reason": ""}), 422,
                 "invalid", "reason")


def test_a_returned_document_carries_who_returned_it_when_and_why(cast, clerk, api_as):
    doc_id = register(clerk, cast)["documents"][0]["id"]
    assert clerk.get(f"/incoming/{doc_id}").json()["returned"] is None
    clerk.post(f"/incoming/{doc_id}/route", {"leader_ids": [cast.chutich.pk]})
    api_as(cast.chutich).post(f"/incoming/{doc_id}/return", {"reason": "Sai cơ quan"})
    returned = clerk.get(f"/incoming/{doc_id}").json()["returned"]
    assert returned["by"] == {"id": cast.chutich.pk, "full_name": cast.chutich.full_name}
    assert returned["reason"] == "Sai cơ quan" and returned["at"]
    listed = clerk.get("/incoming", returned="true").json()["items"]
    assert [d["id"] for d in listed] == [doc_id] and listed[0]["returned"] == returned
    clerk.post(f"/incoming/{doc_id}/route", {"leader_ids": [cast.chutich.pk]})
    assert clerk.get(f"/incoming/{doc_id}").json()["returned"] is None  # acted on: mark gone
    assert clerk.get("/incoming", returned="true").json()["count"] == 0
    schema = Client().get(API + "/openapi.json").json()["components"]["schemas"]
    assert set(schema["ReturnedOut"]["properties"]) == {"by", "at", "reason"}


def test_specialist_cannot_act_on_a_document_that_is_not_theirs(cast, clerk, api_as):
    doc_id = register(clerk, cast)["documents"][0]["id"]
    clerk.post(f"/incoming/{doc_id}/route", {"leader_ids": [cast.chutich.pk]})
    api_as(cast.chutich).post(f"/incoming/{doc_id}/instruct", {
        "lead_person_id": cast.chuyenvien2.pk, "for_info_ids": [cast.chuyenvien.pk]})
    for_info = api_as(cast.chuyenvien)  # sees it, for information only
    assert for_info.get(f"/incoming/{doc_id}").status_code == 200
    assert_error(for_info.post(f"/incoming/{doc_id}/progress", {"note": "Tôi làm"}), 403,
                 "not_allowed")
    assert_error(for_info.post(f"/incoming/{doc_id}/complete", {"result": "Xong"}), 403,
                 "not_allowed")
    stranger = api_as(cast.chuyenviendang)  # not involved at all
    assert_error(stranger.post(f"/incoming/{doc_id}/progress", {"note": "Tôi làm"}), 404,
                 "not_found")
    assert IncomingDocument.objects.get(pk=doc_id).status == "assigned"


def test_it_refuses_steps_out_of_order_or_to_the_wrong_people(cast, clerk, api_as):
    doc_id = register(clerk, cast)["documents"][0]["id"]
    path = f"/incoming/{doc_id}"
    error = assert_error(clerk.post(path + "/route", {"leader_ids": [cast.chuyenvien.pk]}), 422,
                         "invalid", "leaders")
    assert "không phải lãnh đạo" in error["message"]
    assert_error(clerk.post(path + "/route", {"leader_ids": [999999]}), 422, "invalid",
                 "leader_ids")
    assert_error(api_as(cast.chutich).post(path + "/instruct", {
        "lead_person_id": cast.chuyenvien.pk}), 403, "not_allowed")  # not routed yet
    clerk.post(path + "/route", {"leader_ids": [cast.chutich.pk]})
    chutich = api_as(cast.chutich)
    assert_error(chutich.post(path + "/instruct", {}), 422, "invalid", "lead")
    assert_error(chutich.post(path + "/instruct", {"lead_person_id": cast.chuyenviendang.pk}),
                 422, "invalid", "handlers")
    assert_error(chutich.post(path + "/instruct", {"lead_unit_id": 424242}), 422, "invalid",
                 "lead_unit_id")


def test_clerk_corrects_metadata_and_the_history_keeps_old_and_new(cast, clerk, api_as):
    doc = register(clerk, cast, pages=3)["documents"][0]
    path = f"/incoming/{doc['id']}"
    response = clerk.patch(path, {"subject": "Về việc chuyển đổi số (sửa)", "pages": None,
                                  "reason": "Gõ nhầm"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["subject"] == "Về việc chuyển đổi số (sửa)" and body["pages"] is None
    event = body["history"][-1]
    assert event["kind"] == "correct" and event["note"] == "Gõ nhầm"
    assert event["data"]["changes"]["pages"] == ["3", ""]
    assert_error(clerk.patch(path, {"subject": None}), 422, "invalid", "subject")
    assert_error(clerk.patch(path, {"secrecy": 3}), 422, "invalid", "secrecy")
    assert_error(api_as(cast.chutich).patch(path, {"subject": "Khác"}), 403, "not_allowed")
    unchanged = clerk.patch(path, {"subject": "Về việc chuyển đổi số (sửa)"})
    assert unchanged.status_code == 200 and len(unchanged.json()["history"]) == 2


# --- Registers -------------------------------------------------------------------------------


def test_registers_show_the_next_number(cast, clerk):
    before = {r["id"]: r for r in clerk.get("/registers").json()}
    ubnd = cast.register("UBND").pk
    assert before[ubnd]["next_number"] == 1 and before[ubnd]["kind"] == "incoming"
    register(clerk, cast)
    after = {r["id"]: r for r in clerk.get("/registers").json()}
    assert after[ubnd]["next_number"] == 2


def test_a_specialist_sees_no_register(cast, api_as):
    client = api_as(cast.chuyenvien)
    assert client.get("/registers").json() == []
    response = client.get(f"/registers/{cast.register('UBND').pk}/export")
    assert_error(response, 404, "not_found")


def test_it_exports_a_register_to_excel_and_pdf(cast, clerk):
    register(clerk, cast)
    ubnd = cast.register("UBND").pk
    xlsx = clerk.get(f"/registers/{ubnd}/export", format="xlsx")
    assert xlsx.status_code == 200, xlsx.content
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert xlsx.content[:2] == b"PK" and ".xlsx" in xlsx["Content-Disposition"]
    pdf = clerk.get(f"/registers/{ubnd}/export", format="pdf",
                    date_from=clock.today().isoformat())
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert_error(clerk.get(f"/registers/{ubnd}/export", format="doc"), 422, "invalid",
                 "format")
    assert_error(clerk.get(f"/registers/{ubnd}/export", date_to="9999-12-31"), 422, "invalid",
                 "date_to")
    outgoing = cast.register("UBND", RegisterKind.OUTGOING).pk
    empty = clerk.get(f"/registers/{outgoing}/export", format="pdf")
    assert empty.status_code == 200 and empty.content.startswith(b"%PDF")
