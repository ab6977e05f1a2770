"""The schedule and meetings through the API (issue #6): the same rules as the pages."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from tests.conftest import make_pdf
from tests.conftest import upload as upload_pdf
from tests.test_api import api_as  # noqa: F401  (fixture)
from vanphong import clock
from vanphong.schedule.models import Room

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2027, 3, 4, 9, 0, tzinfo=HANOI)


def _event(cast, **more):
    return {"starts_at": "2027-03-08T08:00:00+07:00", "ends_at": "2027-03-08T10:00:00+07:00",
            "content": "Họp Ban Thường vụ", "organization_id": cast.orgs["ĐU"].pk,
            "chair_id": cast.bithu.pk, "venue": "Phòng họp Đảng ủy", **more}


def test_a_week_through_the_api(cast, api_as):  # noqa: F811
    clerk, head = api_as(cast.vanthu), api_as(cast.bithu)
    with clock.frozen_at(NOW):
        made = clerk.post("/schedule/events", _event(cast))
        assert made.status_code == 201, made.content
        event = made.json()
        clash = clerk.post("/schedule/events", _event(
            cast, organization_id=cast.orgs["HĐND"].pk, content="Họp Thường trực HĐND",
            starts_at="2027-03-08T09:00:00+07:00", ends_at="2027-03-08T11:00:00+07:00"))
        assert [c["who"] for c in clash.json()["conflicts"]] == ["Hoàng Văn Thắng"]
        assert clerk.post(f"/schedule/events/{event['id']}/approve").status_code == 403
        assert head.post(f"/schedule/events/{event['id']}/approve").json()["state"] == "approved"
        assert head.post("/schedule/weeks/2027-03-08/publish").status_code == 403
        assert clerk.post("/schedule/weeks/2027-03-09/publish").status_code == 422
        # the HĐND draft still waits for its head: publishing says so until told to go on
        assert clerk.post("/schedule/weeks/2027-03-08/publish").status_code == 409
        published = clerk.post("/schedule/weeks/2027-03-08/publish",
                               {"leave_out_drafts": True})
        assert published.status_code == 200
        week = api_as(cast.ketoan).get("/schedule", week="2027-W10").json()
        assert [e["content"] for e in week["events"]] == ["Họp Ban Thường vụ"]
        feed = head.get("/me/calendar.ics")
        assert feed.status_code == 200
        [item] = list(Calendar.from_ical(feed.content).walk("VEVENT"))
        assert str(item["summary"]) == "Họp Ban Thường vụ"
        bad = clerk.post("/schedule/events", _event(cast, ends_at="2027-03-08T07:00:00+07:00"))
        assert bad.status_code == 422
        refused = api_as(cast.chutichmttq).post("/schedule/events", _event(cast))
        assert refused.status_code == 403


def test_a_conference_through_the_api(cast, api_as):  # noqa: F811
    hall = Room.objects.create(office=cast.office, name="Hội trường")
    office = api_as(cast.chanhvanphong)
    with clock.frozen_at(NOW):
        made = office.post("/meetings", {
            "title": "Hội nghị liên tịch quý II", "host_id": cast.orgs["ĐU"].pk,
            "organization_ids": [cast.orgs["UBND"].pk, cast.orgs["MTTQ"].pk],
            "event": {**_event(cast, room_id=hall.pk, venue="", content=""),
                      "participant_ids": [cast.chutich.pk, cast.chutichmttq.pk]},
            "guests": [{"name": "Sở Nội vụ", "email": "snv@example.vn"}]})
        assert made.status_code == 201, made.content
        meeting = made.json()
        assert meeting["kind"] == "conference" and meeting["event"]["organization"] is None
        mid = meeting["id"]
        pdf = upload_pdf("tai-lieu.pdf", make_pdf("Tài liệu"))
        upload = office.client.post("/api/v1/files", {"file": pdf})
        assert upload.status_code == 201, upload.content
        shared = office.post(f"/meetings/{mid}/documents", {"file_ids": [upload.json()["id"]]})
        assert shared.status_code == 200 and len(shared.json()["documents"]) == 1
        concluded = office.post(f"/meetings/{mid}/conclusions",
                                {"texts": ["UBND xây dựng kế hoạch"]})
        conclusion = concluded.json()["conclusions"][0]["id"]
        tasks = api_as(cast.chutich).post(f"/meetings/conclusions/{conclusion}/tasks", {
            "organization_id": cast.orgs["UBND"].pk, "tasks": [{
                "title": "Xây dựng kế hoạch", "working_days": 10,
                "lead": {"organization_id": cast.orgs["UBND"].pk}}]})
        assert tasks.status_code == 201 and tasks.json()[0]["source"] == "meeting"
        invitation = office.post(f"/meetings/{mid}/invitation", {"signer_id": cast.bithu.pk})
        assert invitation.status_code == 201 and invitation.json()["invitation_id"]
        assert api_as(cast.chuyenvien2).get(f"/meetings/{mid}").status_code == 404
