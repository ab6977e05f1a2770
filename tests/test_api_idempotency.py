"""A registration whose answer was lost (issue 18 §4.6): the client retries with the same
`Idempotency-Key` and gets the first answer — never a second number, a second draft or a
second task. Through the API, on SQLite and PostgreSQL alike, concurrency included."""

from __future__ import annotations

import json
import threading
import uuid
from typing import Any

import httpx
import pytest
from django.test import Client

from tests.test_api import API, api_as, assert_error, fields  # noqa: F401  (fixture)
from tests.test_api_outgoing import draft_body, signed_document
from tests.test_api_tasks import _task
from vanphong.api.actions import issue_token
from vanphong.api.idempotency import HEADER
from vanphong.api.models import IdempotentRequest
from vanphong.followup.models import Task
from vanphong.incoming.models import IncomingDocument
from vanphong.outgoing.models import NumberReservation, OutgoingDocument
from vanphong.registers.models import RegisterKind

pytestmark = pytest.mark.django_db


class Keyed:
    """An API client that may send an Idempotency-Key."""

    def __init__(self, user) -> None:
        _, token = issue_token(actor=None, user=user, name="thử lại")
        self.client = Client(headers={"Authorization": f"Bearer {token}"})

    def post(self, path: str, body: Any = None, key: str | None = None, raw: str | None = None):
        headers = {HEADER: key} if key is not None else {}
        data = raw if raw is not None else json.dumps(body or {})
        return self.client.post(API + path, data, content_type="application/json",
                                headers=headers)


def _registration(cast, **overrides: Any) -> dict[str, Any]:
    return fields(organization_ids=[cast.orgs["UBND"].pk], allow_duplicate=True, **overrides)


def test_a_retry_after_the_registration_committed_gets_the_first_answer(cast):
    clerk, key = Keyed(cast.vanthu), str(uuid.uuid4())
    first = clerk.post("/incoming", _registration(cast), key)
    assert first.status_code == 201, first.content
    # The answer was lost on the way; the client sends the very same request again.
    again = clerk.post("/incoming", _registration(cast), key)
    assert again.status_code == 201 and again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert IncomingDocument.objects.count() == 1
    assert first.json()["documents"][0]["arrival_number"] == 1
    # Without the key the same body is a new registration with the next number.
    other = clerk.post("/incoming", _registration(cast))
    assert other.json()["documents"][0]["arrival_number"] == 2


def test_the_same_request_written_differently_is_the_same_request(cast):
    clerk, key = Keyed(cast.vanthu), "dang-ky-001"
    body = _registration(cast)
    assert clerk.post("/incoming", body, key).status_code == 201
    reordered = json.dumps(dict(reversed(list(body.items()))), indent=2, ensure_ascii=False)
    assert clerk.post("/incoming", key=key, raw=reordered).status_code == 201
    assert IncomingDocument.objects.count() == 1


def test_the_same_key_with_another_request_is_refused_and_creates_nothing(cast):
    clerk, key = Keyed(cast.vanthu), str(uuid.uuid4())
    assert clerk.post("/incoming", _registration(cast), key).status_code == 201
    changed = clerk.post("/incoming", _registration(cast, subject="Về việc khác hẳn"), key)
    error = assert_error(changed, 422, "idempotency_key_reused", HEADER)
    assert "khóa riêng" in error["message"]
    elsewhere = clerk.post("/outgoing", draft_body(cast), key)  # another operation
    assert_error(elsewhere, 422, "idempotency_key_reused")
    assert IncomingDocument.objects.count() == 1 and not OutgoingDocument.objects.exists()


def test_keys_are_per_person(cast):
    key = "cung-mot-khoa"
    first = Keyed(cast.vanthu).post("/incoming", _registration(cast), key)
    second = Keyed(cast.vanthu2).post("/incoming", _registration(cast), key)
    assert first.status_code == second.status_code == 201
    assert second.json() != first.json() and IncomingDocument.objects.count() == 2


def test_a_refused_request_is_not_remembered(cast):
    clerk, key = Keyed(cast.vanthu), str(uuid.uuid4())
    refused = clerk.post("/incoming", _registration(cast, subject=""), key)
    assert_error(refused, 422, "invalid", "subject")
    assert not IdempotentRequest.objects.exists()
    fixed = clerk.post("/incoming", _registration(cast), key)
    assert fixed.status_code == 201 and "Idempotent-Replayed" not in fixed


def test_a_key_that_is_not_printable_ascii_is_refused(cast):
    clerk = Keyed(cast.vanthu)
    for key in ("", "có dấu", "x" * 256):
        assert_error(clerk.post("/incoming", _registration(cast), key), 422, "invalid", HEADER)
    assert not IncomingDocument.objects.exists()


def test_drafts_tasks_reserved_numbers_and_issuing_are_created_once(cast, api_as):  # noqa: F811
    def twice(client: Keyed, path: str, body: Any, status: int = 201) -> dict[str, Any]:
        key = str(uuid.uuid4())
        first, again = client.post(path, body, key), client.post(path, body, key)
        assert first.status_code == again.status_code == status, first.content
        assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
        return first.json()

    twice(Keyed(cast.chuyenvien), "/outgoing", draft_body(cast))
    assert OutgoingDocument.objects.count() == 1
    twice(Keyed(cast.chutich), "/tasks", {"organization_id": cast.orgs["UBND"].pk,
                                          "tasks": [_task(cast)]})
    assert Task.objects.count() == 1
    register = cast.register("UBND", RegisterKind.OUTGOING)
    twice(Keyed(cast.vanthu), f"/registers/{register.pk}/reservations", {"reason": "Giữ số"})
    assert NumberReservation.objects.count() == 1
    people = {name: api_as(getattr(cast, name))
              for name in ("chuyenvien", "truongphong", "vanthu", "chutich")}
    document_id = signed_document(people, cast)
    issued = twice(Keyed(cast.vanthu), f"/outgoing/{document_id}/issue", {}, status=200)
    assert issued["code"] == "02/QĐ-UBND"  # 01 went to the reservation above


def test_every_call_that_numbers_or_creates_a_document_or_task_takes_the_key(cast):
    schema = Client().get(f"{API}/openapi.json").json()
    keyed = {op["operationId"] for path in schema["paths"].values() for op in path.values()
             if any(p["name"] == HEADER for p in op.get("parameters", []))}
    assert keyed == {
        "create_incoming", "register_item", "create_outgoing", "issue_outgoing",
        "replace_outgoing", "correct_outgoing", "reserve_number", "draft_invitation",
        "create_tasks", "create_tasks_from_incoming", "create_tasks_from_outgoing",
        "create_subtask", "tasks_from_item", "conclusion_tasks",
    }


@pytest.mark.concurrency
def test_two_concurrent_retries_of_one_key_make_one_document(cast, live_server):
    _, token = issue_token(actor=None, user=cast.vanthu, name="đồng thời")
    body, key = _registration(cast), str(uuid.uuid4())
    start, answers, failures = threading.Barrier(2), [], []

    def send() -> None:
        try:
            with httpx.Client(base_url=f"{live_server.url}{API}", timeout=60, headers={
                    "Authorization": f"Bearer {token}", HEADER: key}) as http:
                start.wait()
                answers.append(http.post("/incoming", json=body))
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures
    assert [a.status_code for a in answers] == [201, 201], [a.text for a in answers]
    assert answers[0].json() == answers[1].json()
    assert sorted(a.headers.get("Idempotent-Replayed", "") for a in answers) == ["", "true"]
    assert IncomingDocument.objects.count() == 1
