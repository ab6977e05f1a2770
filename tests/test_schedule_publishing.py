"""Publishing a week when some drafts wait for a head that is not the office (issue 18
§1.5), weeks out of range (§2.9) and the office's header on the printed week (§1.10)."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from tests.test_api import api_as  # noqa: F401  (fixture)
from vanphong import clock
from vanphong.audit.models import AuditEvent
from vanphong.errors import Conflict
from vanphong.notices.models import Notification
from vanphong.schedule import actions
from vanphong.schedule.actions import EventFields
from vanphong.schedule.models import EventState, ScheduleEvent

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = dt.date(2027, 3, 8)
WEEK = "2027-W10"


def at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=HANOI)


def _draft(cast, org: str | None, hour: int, content: str) -> ScheduleEvent:
    fields = EventFields(starts_at=at(MONDAY, hour), ends_at=at(MONDAY, hour + 1),
                         content=content, organization=cast.orgs[org] if org else None,
                         venue="Hội trường")
    with clock.frozen_at(at(MONDAY - dt.timedelta(days=3), 9)):
        return actions.add_event(actor=cast.vanthu, office=cast.office, fields=fields)[0]


@pytest.fixture
def week(cast):
    """A joint event the office lead approves, and drafts only each body's head approves."""
    return {
        "joint": _draft(cast, None, 7, "Giao ban khối"),
        "party": _draft(cast, "ĐU", 8, "Họp Ban Thường vụ Đảng ủy"),
        "council": _draft(cast, "HĐND", 9, "Họp Thường trực HĐND"),
        "people": _draft(cast, "UBND", 14, "Giao ban UBND"),
    }


def test_publishing_refuses_to_leave_drafts_out_silently(cast, week):
    assert actions.approve_week(actor=cast.chanhvanphong, office=cast.office,
                                week_start=MONDAY) == 1
    with pytest.raises(Conflict) as refused:
        actions.publish_week(actor=cast.chanhvanphong, office=cast.office, week_start=MONDAY)
    assert "3 sự kiện chưa được duyệt" in refused.value.message
    week["joint"].refresh_from_db()
    assert week["joint"].state == EventState.APPROVED  # nothing published
    published = actions.publish_week(actor=cast.chanhvanphong, office=cast.office,
                                     week_start=MONDAY, leave_out_drafts=True)
    assert published.revision == 1
    audit = AuditEvent.objects.get(action="schedule.publish_week")
    assert audit.data["left_out"] == 3


def test_what_waits_names_each_draft_and_who_approves_it(cast, week):
    waiting = actions.waiting_drafts(office=cast.office, week_start=MONDAY)
    by_content = {w.event.content: {p.username for p in w.approvers} for w in waiting}
    assert by_content == {
        "Giao ban khối": {"chanhvanphong"},
        "Họp Ban Thường vụ Đảng ủy": {"bithu", "phobithu", "chutich"},
        "Họp Thường trực HĐND": {"bithu", "phochutichhdnd"},
        "Giao ban UBND": {"chutich", "phochutich"},
    }


def test_heads_are_asked_once_each_and_approve_from_the_notice(cast, week, client_for):
    actions.approve_week(actor=cast.chanhvanphong, office=cast.office, week_start=MONDAY)
    asked = actions.ask_for_approval(actor=cast.chanhvanphong, office=cast.office,
                                     week_start=MONDAY)
    assert {p.username for p in asked} == {"bithu", "phobithu", "chutich", "phochutichhdnd",
                                           "phochutich"}
    notice = Notification.objects.get(recipient=cast.bithu, kind="schedule.approval_asked")
    assert "2 sự kiện" in notice.title  # ĐU and HĐND, one notice
    assert notice.link.startswith("/lich-tuan/?tuan=2027-W10")
    head = client_for(cast.bithu)
    page = head.get(notice.link).content.decode()
    assert "Họp Ban Thường vụ Đảng ủy" in page and "Duyệt các sự kiện tôi duyệt được" in page
    head.post("/lich-tuan/2027-03-08/duyet-tat-ca/")
    for key in ("party", "council"):
        week[key].refresh_from_db()
        assert week[key].state == EventState.APPROVED
    assert AuditEvent.objects.filter(action="schedule.ask_approval").count() == 1


def test_the_week_page_warns_before_publishing_and_lists_what_is_left_out(cast, week,
                                                                          client_for):
    office = client_for(cast.chanhvanphong)
    office.post("/lich-tuan/2027-03-08/duyet-tat-ca/")
    page = office.get(f"/lich-tuan/?tuan={WEEK}").content.decode()
    assert 'data-testid="waiting"' in page
    assert "Họp Ban Thường vụ Đảng ủy" in page and "Hoàng Văn Thắng" in page
    first = office.post("/lich-tuan/2027-03-08/cong-bo/")
    assert first.status_code == 409
    text = first.content.decode()
    assert "3 sự kiện chưa được duyệt sẽ không có trong lịch công bố" in text
    assert "Giao ban UBND" in text and 'name="leave_out_drafts"' in text
    assert ScheduleEvent.objects.filter(state=EventState.PUBLISHED).count() == 0
    done = office.post("/lich-tuan/2027-03-08/cong-bo/", {"leave_out_drafts": "1"},
                       follow=True)
    assert "Đã công bố lịch tuần (lần 1)" in done.content.decode()
    assert "3 sự kiện chưa duyệt không có trong lịch" in done.content.decode()


def test_the_api_publishes_past_drafts_only_when_asked(cast, week, api_as):  # noqa: F811
    office = api_as(cast.chanhvanphong)
    with clock.frozen_at(at(MONDAY - dt.timedelta(days=2), 9)):
        office.post(f"/schedule/events/{week['joint'].pk}/approve")
        refused = office.post("/schedule/weeks/2027-03-08/publish")
        assert refused.status_code == 409
        error = refused.json()["error"]
        assert error["code"] == "conflict" and "3 sự kiện" in error["message"]
        published = office.post("/schedule/weeks/2027-03-08/publish",
                                {"leave_out_drafts": True})
        assert published.status_code == 200
        states = {e["content"]: e["state"] for e in published.json()["events"]}
        assert states["Giao ban khối"] == "published"
        assert states["Giao ban UBND"] == "draft"


@pytest.mark.parametrize("week_value", ["0001-01-01", "9999-12-31", "0001-W01", "9999-W52",
                                        "2027-W60", "abc"])
def test_a_week_out_of_range_is_a_clear_400(cast, client_for, week_value):
    response = client_for(cast.vanthu).get(f"/lich-tuan/?tuan={week_value}")
    assert response.status_code == 400
    assert "Tuần không hợp lệ" in response.content.decode()


@pytest.mark.parametrize("path", ["/lich-tuan/0001-01-01/in/", "/lich-tuan/9999-12-31/in/",
                                  "/lich-tuan/9999-12-27/lich-tuan.pdf"])
def test_printing_a_week_out_of_range_is_a_clear_4xx(cast, client_for, path):
    response = client_for(cast.vanthu).get(path)
    assert 400 <= response.status_code < 500
    assert "Tuần không hợp lệ" in response.content.decode()


@pytest.mark.parametrize("week_value", ["0001-01-01", "9999-12-31", "9999-W52"])
def test_the_api_answers_a_week_out_of_range_with_422(cast, api_as, week_value):  # noqa: F811
    response = api_as(cast.vanthu).get("/schedule", week=week_value)
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"week": "Tuần không hợp lệ."}
    publish = api_as(cast.vanthu).post("/schedule/weeks/9999-12-27/publish")
    assert publish.json()["error"]["fields"] == {"week_start": "Tuần không hợp lệ."}
    assert publish.status_code == 422


def test_the_printed_week_names_the_office_once(cast, week, client_for):
    actions.approve_week(actor=cast.chanhvanphong, office=cast.office, week_start=MONDAY)
    actions.publish_week(actor=cast.chanhvanphong, office=cast.office, week_start=MONDAY,
                         leave_out_drafts=True)
    printed = client_for(cast.ketoan).get("/lich-tuan/2027-03-08/lich-tuan.pdf")
    text = PdfReader(io.BytesIO(printed.content)).pages[0].extract_text()
    lines = [line.strip() for line in text.splitlines()]
    header = lines.index(cast.office.name.upper())
    assert lines[header + 1] == "LỊCH CÔNG TÁC TUẦN"
    page = client_for(cast.ketoan).get("/lich-tuan/2027-03-08/in/").content.decode()
    assert page.count(">VĂN PHÒNG<") == 0
    assert cast.office.name in page


def test_the_approvers_named_are_exactly_those_the_gatekeeper_lets_approve(cast, week):
    from vanphong.schedule.access import EventAction, can_event, event_approvers

    for event in week.values():
        named = {p.pk for p in event_approvers(event)}
        for person in cast.users.values():
            assert (person.pk in named) is can_event(person, EventAction.APPROVE, event), (
                person.username, event.content)
