"""The tasks API: assign from an incoming document, follow through progress, extension
and completion, with the same gatekeeper as the pages (404 unseen, 403 not allowed) and
structured errors for bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import make_pdf
from tests.test_api import ApiClient, api_as, assert_error  # noqa: F401  (fixture)
from tests.test_tasks import resolution
from vanphong import clock

pytestmark = pytest.mark.django_db


def _task(cast, **lead):
    return {"title": "Xây dựng kế hoạch chuyển đổi số",
            "due_date": (clock.today() + dt.timedelta(days=20)).isoformat(),
            "lead": {"organization_id": cast.orgs["UBND"].pk, **lead},
            "supports": [{"organization_id": cast.orgs["MTTQ"].pk}]}


def test_a_head_assigns_from_a_document_and_the_assignee_follows_through(cast, api_as):  # noqa: F811
    document = resolution(cast)
    head, worker = api_as(cast.bithu), api_as(cast.chuyenvien)
    body = {"tasks": [_task(cast, person_id=cast.chuyenvien.pk),
                      {**_task(cast), "title": "Tuyên truyền", "working_days": 10,
                       "due_date": None, "lead": {"organization_id": cast.orgs["MTTQ"].pk},
                       "supports": []}]}
    response = head.post(f"/incoming/{document.pk}/tasks", body)
    assert response.status_code == 201, response.content
    created = response.json()
    assert [t["organization"] for t in created] == ["ĐU", "ĐU"]
    task_id = created[0]["id"]

    listed = worker.get("/tasks", view="chu-tri").json()
    assert [t["id"] for t in listed["items"]] == [task_id]
    upload = worker.upload("bc.pdf", make_pdf("tiến độ")).json()
    response = worker.post(f"/tasks/{task_id}/progress",
                           {"percent": 50, "note": "Đã khảo sát", "file_ids": [upload["id"]]})
    assert response.status_code == 200 and response.json()["progress"] == 50
    wanted = (clock.today() + dt.timedelta(days=30)).isoformat()
    worker.post(f"/tasks/{task_id}/extension-requests",
                {"proposed_due_date": wanted, "reason": "Chờ số liệu"})
    refused = worker.post(f"/tasks/{task_id}/extension-decision", {"approve": True})
    assert refused.status_code == 403
    decided = head.post(f"/tasks/{task_id}/extension-decision", {"approve": True})
    assert decided.json()["due_date"] == wanted
    done = worker.post(f"/tasks/{task_id}/complete", {"result": "Đã ban hành kế hoạch"})
    assert done.json()["status"] == "done"
    detail = head.get(f"/tasks/{task_id}").json()
    assert [e["kind"] for e in detail["events"]] == [
        "create", "progress", "ask_extend", "extend", "complete"]
    assert "reopen" in detail["allowed_actions"]


def test_what_one_may_not_see_is_404_and_bad_input_is_a_structured_422(cast, api_as):  # noqa: F811
    document = resolution(cast)
    head = api_as(cast.bithu)
    created = head.post(f"/incoming/{document.pk}/tasks", {"tasks": [_task(cast)]}).json()
    task_id = created[0]["id"]
    outsider = api_as(cast.chutichhnd)
    assert outsider.get(f"/tasks/{task_id}").status_code == 404
    assert outsider.post(f"/tasks/{task_id}/progress", {"percent": 5, "note": "x"}
                         ).status_code == 404
    assert api_as(cast.chutich).post(f"/incoming/{document.pk}/tasks",
                                     {"tasks": [_task(cast)]}).status_code == 403
    past_due = head.post(f"/incoming/{document.pk}/tasks",
                          {"tasks": [{**_task(cast), "due_date": "2020-01-01"}]})
    assert_error(past_due, 422, "invalid")
    unknown = head.post(f"/incoming/{document.pk}/tasks",
                        {"tasks": [_task(cast, person_id=999_999)]})
    assert_error(unknown, 422, "invalid")
    assert head.post("/tasks", {"organization_id": cast.orgs["ĐU"].pk, "tasks": []}
                     ).status_code == 422
