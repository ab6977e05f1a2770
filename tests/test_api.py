"""The REST API through HTTP (Django's test client runs the whole WSGI stack: middleware,
URL resolution, authentication), with bearer tokens issued to the demo cast."""

from __future__ import annotations

import datetime as dt
import io
import json
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


def test_control_characters_are_refused_before_reaching_the_database(cast, clerk):
    org = cast.orgs["UBND"].pk
    response = clerk.post("/incoming", fields(organization_ids=[org], subject="Trích\x00yếu"))
    assert_error(response, 422, "invalid", "subject")
    assert_error(clerk.get("/incoming", q="a\x00b"), 422, "invalid", "q")
