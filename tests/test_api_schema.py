"""Schema-based testing: Schemathesis reads /api/v1/openapi.json, generates requests for
every operation (valid and invalid ones), sends them to the real WSGI application with a
clerk's token, and checks that every answer conforms to the document (status code,
content type, headers, body) and that none is a server error.

Generated ids rarely exist, so about half of the cases are pointed at real documents,
attachments, registers and organizations, to reach the code behind the 404s too.
"""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config._checks import PositiveDataAcceptanceConfig
from schemathesis.specs.openapi.checks import negative_data_rejection

from tests.conftest import make_pdf
from vanphong.api.actions import issue_token
from vanphong.incoming import actions
from vanphong.incoming.models import Attachment
from vanphong.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
# Valid by the schema is not always acceptable: "a PDF, not any bytes", "issued before it
# arrived", "an organization that exists" cannot be written in OpenAPI, and the API
# answers those with 422 and the fields at fault.
schema.config.checks.positive_data_acceptance = PositiveDataAcceptanceConfig(
    expected_statuses=["2xx", "401", "403", "404", "409", "422"]
)
_current: dict[str, str] = {}


@schema.auth(refresh_interval=None)
class ClerkToken:
    """The token of the current test's clerk; Schemathesis leaves it out itself for the
    cases that test a missing or wrong token."""

    def get(self, case, context) -> str:
        return _current.get("token", "vp_not-issued-yet")

    def set(self, case, data: str, context) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@pytest.fixture
def same_connection():
    """Serve the generated requests inside the test's transaction, as Django's test client
    does: without this, the end of each request closes the database connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def unthrottled(settings):
    """Thousands of generated requests, many without a valid token, in a minute: the
    API's rate limits (tested in test_auth_api_limits.py) would soon answer only 429."""
    settings.VANPHONG_API_RATES = {"user": "1000000/min", "anonymous": "1000000/min"}


@pytest.fixture
def world(cast, same_connection, unthrottled) -> dict[str, Any]:
    """A clerk's token and real ids to aim generated requests at."""
    from vanphong.files.actions import store_file

    _, token = issue_token(actor=None, user=cast.vanthu, name="schemathesis")
    _current["token"] = token
    import io

    stored = store_file(actor=cast.vanthu, stream=io.BytesIO(make_pdf("lược đồ")), name="a.pdf")
    fields = actions.IncomingFields(issuer="Sở Nội vụ", code="5/SNV-VP",
                                    issued_date=cast.office.positions.first().start_date,
                                    subject="Về việc rà soát hồ sơ")
    documents = actions.register_incoming(actor=cast.vanthu, organizations=[cast.orgs["UBND"]],
                                          fields=fields, files=[(stored, "a.pdf")])
    return {
        "token": token,
        **_outgoing_world(cast),
        "document_id": str(documents[0].pk),
        "attachment_id": Attachment.objects.get(receipt=documents[0].receipt).pk,
        "register_id": cast.register("UBND").pk,
        "organization_ids": [cast.orgs["UBND"].pk],
        "leader_ids": [cast.chutich.pk],
        "task_id": str(_task(cast).pk),
        **_followup_world(cast),
    }


def _followup_world(cast) -> dict[str, Any]:
    """A programme of the UBND with one item, and a notice of the clerk's."""
    from vanphong import clock
    from vanphong.followup import programmes
    from vanphong.notices.actions import notify

    programme = programmes.create_programme(actor=cast.vanthu, organization=cast.orgs["UBND"],
                                            title="Chương trình kiểm thử", year=2027)
    item = programmes.add_item(actor=cast.vanthu, programme=programme, fields=programmes.ItemFields(
        content="Nội dung kiểm thử", planned_month=clock.today(),
        responsible_organization=cast.orgs["UBND"]))
    notice = notify(recipient=cast.vanthu, kind="test", title="Thông báo kiểm thử")
    return {"programme_id": programme.pk, "item_id": item.pk, "notice_id": notice.pk,
            **_schedule_world(cast)}


def _schedule_world(cast) -> dict[str, Any]:
    """A meeting of the UBND (and so its event) with one conclusion."""
    import datetime as dt

    from vanphong import clock
    from vanphong.schedule import actions as schedule

    start = clock.now() + dt.timedelta(days=3)
    meeting, _ = schedule.create_meeting(actor=cast.vanthu, fields=schedule.MeetingFields(
        title="Họp kiểm thử", host=cast.orgs["UBND"], organizations=(),
        event=schedule.EventFields(starts_at=start, ends_at=start + dt.timedelta(hours=2),
                                   content="", chair=cast.chutich, venue="Hội trường")))
    [conclusion] = schedule.add_conclusions(actor=cast.vanthu, meeting=meeting,
                                            texts=["Kết luận kiểm thử"])
    from vanphong.records import actions as records

    plan = records.create_plan(actor=cast.vanthu, organization=cast.orgs["UBND"], year=2027)
    heading = records.add_heading(actor=cast.vanthu, plan=plan, title="Tổng hợp",
                                  abbreviation="TH")
    dossier = records.add_dossier(actor=cast.vanthu, plan=plan, fields=records.DossierFields(
        heading=heading, title="Hồ sơ kiểm thử", keeper=cast.vanthu))
    return {"event_id": str(meeting.event.pk), "meeting_id": str(meeting.pk),
            "conclusion_id": conclusion.pk, "plan_id": plan.pk, "dossier_id": str(dossier.pk)}


def _task(cast):
    """A task of the UBND, led by a specialist: the clerk sees it, acts on little of it."""
    import datetime as dt

    from vanphong import clock
    from vanphong.followup.actions import AssigneeSpec, TaskSpec, create_tasks

    spec = TaskSpec(title="Kiểm thử theo lược đồ", due_date=clock.today() + dt.timedelta(days=9),
                    assignees=(AssigneeSpec("lead", cast.orgs["UBND"], person=cast.chuyenvien),))
    return create_tasks(actor=cast.chutich, organization=cast.orgs["UBND"], specs=[spec])[0]


def _outgoing_world(cast) -> dict[str, Any]:
    """A draft with one recipient, and a number reserved in the UBND outgoing register."""
    from vanphong.outgoing.actions import DraftFields, RecipientSpec, create_draft
    from vanphong.outgoing.issuing import reserve_number
    from vanphong.registers.models import DocumentType, RegisterKind

    fields = DraftFields(
        document_type=DocumentType.objects.get(system="state", organization=None,
                                               name="Quyết định"),
        subject="Về việc kiểm thử theo lược đồ", body="Điều 1.", signer=cast.chutich,
        capacity="tm", drafting_unit=cast.units["VHXH"],
        recipients=(RecipientSpec(organization=cast.orgs["MTTQ"]),),
    )
    draft = create_draft(actor=cast.vanthu, organization=cast.orgs["UBND"], fields=fields)
    register = cast.register("UBND", RegisterKind.OUTGOING)
    reservation = reserve_number(actor=cast.vanthu, register=register, reason="Kiểm thử")
    return {"outgoing": {"document_id": str(draft.pk), "register_id": register.pk,
                         "reservation_id": reservation.pk,
                         "organization_id": cast.orgs["UBND"].pk,
                         "document_type_id": fields.document_type.pk}}


def _coin(case) -> bool:
    """A deterministic coin toss per generated case."""
    seed = repr((case.path_parameters, case.query, case.body)).encode()
    return hashlib.sha256(seed).digest()[0] % 2 == 0


def _aim_at_real_objects(case, world: dict[str, Any]) -> None:
    """Point valid cases at real objects; invalid ones stay as generated, so that the
    check that they are refused still means something."""
    if case.meta is None or case.meta.generation.mode.is_negative or not _coin(case):
        return
    outgoing = case.path.startswith(("/api/v1/outgoing", "/api/v1/registers/{register_id}/res"))
    real = {**world, **world["outgoing"]} if outgoing else world
    for name in ("document_id", "attachment_id", "register_id", "reservation_id", "task_id",
                 "programme_id", "item_id", "notice_id", "event_id", "meeting_id",
                 "conclusion_id", "plan_id", "dossier_id"):
        if case.path_parameters and name in case.path_parameters:
            case.path_parameters[name] = real[name]
    if isinstance(case.body, dict):
        for name in ("organization_ids", "leader_ids", "organization_id", "document_type_id"):
            if name in case.body and name in real:
                case.body[name] = real[name]


@schema.parametrize()
@settings(max_examples=25, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_every_answer_conforms_to_the_openapi_document(case, world):
    _aim_at_real_objects(case, world)
    excluded = []
    if case.media_type == "multipart/form-data":
        # Every multipart field travels as text: a generated "object" arrives as the text
        # "{}", a valid string, so accepting it is right. All other checks still apply.
        excluded.append(negative_data_rejection)
    case.call_and_validate(excluded_checks=excluded)
