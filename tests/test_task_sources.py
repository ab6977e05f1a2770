"""Tasks from an organization's own issued document (a decision, a resolution, a
conclusion notice: one document → many tasks), and completion shown by linked documents
(issue #6)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_api import api_as  # noqa: F401  (fixture)
from tests.test_outgoing_flow import draft, paper_signed
from tests.test_tasks import LEAD
from vanphong import clock
from vanphong.errors import Invalid, NotAllowed
from vanphong.followup import actions
from vanphong.followup.actions import AssigneeSpec, TaskSpec
from vanphong.followup.models import Evidence, Source, Status
from vanphong.outgoing.issuing import issue_outgoing

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision(cast):
    """A decision of the People's Committee, signed on paper and issued."""
    document = paper_signed(cast, subject="Quyết định ban hành kế hoạch chuyển đổi số")
    issue_outgoing(actor=cast.vanthu, document=document)
    document.refresh_from_db()
    return document


def _spec(cast, title="Triển khai kế hoạch chuyển đổi số"):
    return TaskSpec(title=title, due_date=clock.today() + dt.timedelta(days=20), assignees=(
        AssigneeSpec(LEAD, cast.orgs["UBND"], cast.units["VHXH"], cast.chuyenvien),))


def test_an_issued_decision_becomes_tasks_of_its_organization(cast, decision):
    tasks = actions.create_tasks_from_outgoing(actor=cast.chutich, document=decision, specs=[
        _spec(cast), _spec(cast, "Tập huấn kỹ năng số cho cán bộ")])
    assert {(t.source, t.source_outgoing, t.organization.short_name) for t in tasks} == {
        (Source.OUTGOING, decision, "UBND")}
    with pytest.raises(NotAllowed):  # a specialist gives no tasks
        actions.create_tasks_from_outgoing(actor=cast.chuyenvien, document=decision,
                                           specs=[_spec(cast)])
    unissued = draft(cast)
    with pytest.raises(Invalid, match="đã phát hành"):
        actions.create_tasks_from_outgoing(actor=cast.chutich, document=unissued,
                                           specs=[_spec(cast)])


def test_tasks_from_the_outgoing_page(cast, decision, client_for):
    head = client_for(cast.chutich)
    page = head.get(f"/van-ban-di/{decision.pk}/").content.decode()
    assert 'data-testid="make-tasks"' in page
    form = head.get(f"/nhiem-vu/giao/?van-ban-di={decision.pk}").content.decode()
    assert "Từ văn bản đi" in form and decision.subject in form
    done = head.post("/nhiem-vu/giao/", {
        "van-ban-di": decision.pk, "rows": 1, "organization": cast.orgs["UBND"].pk,
        "r0-title": "Triển khai kế hoạch", "r0-lead": f"u{cast.units['VHXH'].pk}",
        "r0-due_date": (clock.today() + dt.timedelta(days=10)).isoformat()})
    assert done.status_code == 302 and done["Location"] == f"/van-ban-di/{decision.pk}/"
    assert "Triển khai kế hoạch" in head.get(f"/van-ban-di/{decision.pk}/").content.decode()
    task = decision.tasks.get()
    assert 'data-testid="source-outgoing"' in head.get(f"/nhiem-vu/{task.pk}/").content.decode()
    # the clerk sees the document but gives no tasks; a draft cannot be a source
    assert client_for(cast.vanthu).get(f"/nhiem-vu/giao/?van-ban-di={decision.pk}") \
        .status_code == 404
    assert head.get(f"/nhiem-vu/giao/?van-ban-di={draft(cast).pk}").status_code == 404


def test_completion_is_shown_by_a_linked_document(cast, decision, client_for):
    [task] = actions.create_tasks(actor=cast.chutich, organization=cast.orgs["UBND"],
                                  specs=[_spec(cast)])
    report = paper_signed(cast, subject="Báo cáo kết quả triển khai chuyển đổi số")
    issue_outgoing(actor=cast.vanthu, document=report)
    doer = client_for(cast.chuyenvien)
    page = doer.get(f"/nhiem-vu/{task.pk}/").content.decode()
    assert "Báo cáo kết quả triển khai chuyển đổi số" in page  # offered as evidence
    done = doer.post(f"/nhiem-vu/{task.pk}/hoan-thanh/", {
        "result": "Đã triển khai xong", "documents": [f"o{report.pk}"]}, follow=True)
    assert "Đã báo cáo hoàn thành nhiệm vụ." in done.content.decode()
    task.refresh_from_db()
    assert task.status == Status.DONE
    assert [e.outgoing for e in Evidence.objects.filter(task=task)] == [report]
    assert 'data-testid="evidence"' in done.content.decode()


def test_sources_and_evidence_through_the_api(cast, decision, api_as):  # noqa: F811
    head = api_as(cast.chutich)
    made = head.post(f"/outgoing/{decision.pk}/tasks", {"tasks": [{
        "title": "Triển khai kế hoạch", "working_days": 10,
        "lead": {"organization_id": cast.orgs["UBND"].pk, "person_id": cast.chuyenvien.pk}}]})
    assert made.status_code == 201 and made.json()[0]["source"] == "outgoing"
    task_id = made.json()[0]["id"]
    doer = api_as(cast.chuyenvien)
    bad = doer.post(f"/tasks/{task_id}/complete", {
        "result": "Xong", "outgoing_ids": ["00000000-0000-0000-0000-000000000000"]})
    assert bad.status_code == 422 and "outgoing_ids" in bad.json()["error"]["fields"]
    done = doer.post(f"/tasks/{task_id}/complete", {"result": "Xong",
                                                    "outgoing_ids": [str(decision.pk)]})
    assert done.status_code == 200 and done.json()["status"] == "done"
    assert api_as(cast.vanthu).post(f"/outgoing/{decision.pk}/tasks", {"tasks": [{
        "title": "X", "working_days": 5, "lead": {"organization_id": cast.orgs["UBND"].pk}}]}
    ).status_code == 403
