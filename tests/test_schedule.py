"""The weekly schedule (issue #6): events of each organization's leaders and joint events
of the office, drafted, approved and published; double bookings of a person (who may hold
posts in several organizations) or a room flagged; the print, the PDF and a personal
iCalendar feed; who sees and does what."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from vanphong import clock
from vanphong.audit.models import AuditEvent
from vanphong.errors import Invalid, NotAllowed, NotFound
from vanphong.notices.models import Notification
from vanphong.schedule import actions, ical
from vanphong.schedule.access import EventAction, can_event, get_event_for, visible_events
from vanphong.schedule.actions import EventFields
from vanphong.schedule.conflicts import conflicts_for, week_conflicts
from vanphong.schedule.models import EventState, Room

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = dt.date(2027, 3, 8)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=HANOI)


@pytest.fixture
def room(cast):
    return Room.objects.create(office=cast.office, name="Hội trường UBND xã", capacity=120)


def _event(cast, actor, org, start, end, content, *, chair=None, room=None, people=()):
    fields = EventFields(starts_at=start, ends_at=end, content=content,
                         organization=cast.orgs[org] if org else None, chair=chair,
                         participants=tuple(people), room=room,
                         venue="" if room else "Trụ sở Đảng ủy")
    with clock.frozen_at(at(MONDAY - dt.timedelta(days=3), 9)):
        return actions.add_event(actor=actor, office=cast.office, fields=fields)


def test_a_leader_booked_twice_across_two_organizations_is_flagged(cast, room):
    """The Party secretary also chairs the People's Council: two events an hour apart
    overlap, whichever organization they belong to."""
    party, _ = _event(cast, cast.vanthu, "ĐU", at(MONDAY, 8), at(MONDAY, 10),
                      "Họp Ban Thường vụ Đảng ủy", chair=cast.bithu)
    council, clashes = _event(cast, cast.vanthu, "HĐND", at(MONDAY, 9), at(MONDAY, 11),
                              "Họp Thường trực HĐND", chair=cast.bithu, room=room)
    assert [(c.kind, c.who, c.other) for c in clashes] == [
        ("person", "Hoàng Văn Thắng", party)]
    assert clashes[0].message.startswith("Trùng lịch: Hoàng Văn Thắng — 08:00 08/03")
    assert [c.other for c in conflicts_for(party)] == [council]
    # touching ends do not clash; the room clashes with another event in it
    after, none = _event(cast, cast.vanthu, "UBND", at(MONDAY, 10), at(MONDAY, 11, 30),
                         "Giao ban UBND", chair=cast.bithu)
    assert [c.other for c in none if c.kind == "person"] == [council]
    hall, by_room = _event(cast, cast.vanthu, "MTTQ", at(MONDAY, 10, 30), at(MONDAY, 12),
                           "Hội nghị MTTQ", chair=cast.chutichmttq, room=room)
    assert [(c.kind, c.who) for c in by_room] == [("room", "Hội trường UBND xã")]
    table = week_conflicts([party, council, after, hall])
    assert {c.other for c in table[council.pk]} == {party, after, hall}
    actions.cancel_event(actor=cast.vanthu, event=hall, reason="Hoãn")
    assert all(c.other != hall for c in conflicts_for(council))


def test_draft_approve_publish_and_the_attendees_are_told(cast):
    event, _ = _event(cast, cast.vanthu, "ĐU", at(MONDAY, 8), at(MONDAY, 10),
                      "Hội nghị Ban Chấp hành Đảng bộ", chair=cast.bithu,
                      people=[cast.phobithu])
    assert event.state == EventState.DRAFT
    with pytest.raises(NotAllowed):
        actions.approve_event(actor=cast.chutichmttq, event=event)  # another organization's head
    with pytest.raises(NotAllowed):
        actions.approve_event(actor=cast.vanthu, event=event)  # the clerk keeps, not approves
    actions.approve_event(actor=cast.bithu, event=event)
    with pytest.raises(NotAllowed):
        actions.publish_week(actor=cast.bithu, office=cast.office, week_start=MONDAY)
    week = actions.publish_week(actor=cast.vanthu, office=cast.office, week_start=MONDAY)
    event.refresh_from_db()
    assert (event.state, week.revision) == (EventState.PUBLISHED, 1)
    assert Notification.objects.filter(recipient=cast.phobithu, kind="schedule.published").exists()
    # a published event changed: still published, marked, attendees told
    fields = EventFields(starts_at=at(MONDAY, 14), ends_at=at(MONDAY, 16),
                         content=event.content, organization=cast.orgs["ĐU"], chair=cast.bithu,
                         participants=(cast.phobithu,), venue="Hội trường")
    actions.update_event(actor=cast.vanthu, event=event, fields=fields)
    event.refresh_from_db()
    assert (event.state, event.sequence) == (EventState.PUBLISHED, 1)
    assert event.changed_at is not None
    assert Notification.objects.filter(recipient=cast.phobithu, kind="schedule.changed").exists()
    with pytest.raises(Invalid, match="chưa có sự kiện nào đã duyệt"):
        actions.publish_week(actor=cast.vanthu, office=cast.office, week_start=MONDAY)
    assert set(event.changes.values_list("kind", flat=True)) == {
        "create", "approve", "publish", "edit"}
    assert AuditEvent.objects.filter(action="schedule.publish_week").count() == 1


def test_editing_an_approved_event_returns_it_to_draft(cast):
    event, _ = _event(cast, cast.chutich, "UBND", at(MONDAY, 8), at(MONDAY, 9), "Giao ban",
                      chair=cast.chutich)
    actions.approve_event(actor=cast.phochutich, event=event)
    fields = EventFields(starts_at=at(MONDAY, 8), ends_at=at(MONDAY, 9, 30), content="Giao ban",
                         organization=cast.orgs["UBND"], chair=cast.chutich, venue="UBND")
    event, _ = actions.update_event(actor=cast.chutich, event=event, fields=fields)
    assert event.state == EventState.DRAFT


def test_bad_events_are_refused_with_a_reason(cast):
    with pytest.raises(Invalid, match="sau giờ bắt đầu"):
        _event(cast, cast.vanthu, "ĐU", at(MONDAY, 10), at(MONDAY, 9), "X")
    with pytest.raises(NotAllowed):
        _event(cast, cast.chutichmttq, "ĐU", at(MONDAY, 8), at(MONDAY, 9), "Not theirs")
    with pytest.raises(NotAllowed):
        _event(cast, cast.chutich, None, at(MONDAY, 8), at(MONDAY, 9), "A joint event")


@pytest.mark.parametrize(("name", "draft", "published", "edit", "approve"), [
    ("vanthu", True, True, True, False),
    ("chanhvanphong", True, True, True, False),
    ("bithu", True, True, True, True),     # head of the Party committee
    ("phobithu", True, True, True, True),
    ("chutichmttq", False, True, False, False),
    ("chuyenvien", False, True, False, False),
    ("ketoan", False, True, False, False),
])
def test_who_sees_and_does_what_with_an_event(cast, name, draft, published, edit, approve):
    user = getattr(cast, name)
    event, _ = _event(cast, cast.vanthu, "ĐU", at(MONDAY, 8), at(MONDAY, 9), "Họp chi bộ")
    assert (event in visible_events(user)) is draft
    if draft:
        assert can_event(user, EventAction.EDIT, event) is edit
        assert can_event(user, EventAction.APPROVE, event) is approve
    else:
        with pytest.raises(NotFound):
            get_event_for(user, event.pk)
    actions.approve_event(actor=cast.bithu, event=event)
    actions.publish_week(actor=cast.vanthu, office=cast.office, week_start=MONDAY)
    assert (event in visible_events(user)) is published


def test_joint_events_are_approved_by_the_office_lead(cast):
    event, _ = _event(cast, cast.vanthu, None, at(MONDAY, 8), at(MONDAY, 9),
                      "Giao ban khối", chair=cast.chanhvanphong)
    assert not can_event(cast.bithu, EventAction.APPROVE, event)
    actions.approve_event(actor=cast.chanhvanphong, event=event)


def test_an_attendee_answers_and_the_week_prints(cast, client_for):
    event, _ = _event(cast, cast.vanthu, "ĐU", at(MONDAY, 8), at(MONDAY, 10),
                      "Hội nghị Ban Chấp hành", chair=cast.bithu, people=[cast.chutich])
    actions.approve_event(actor=cast.bithu, event=event)
    actions.publish_week(actor=cast.vanthu, office=cast.office, week_start=MONDAY)
    event.refresh_from_db()
    row = actions.answer_invitation(actor=cast.chutich, event=event, attend=False,
                                    delegate="Đỗ Thị Lan")
    assert (row.rsvp, row.delegate_name) == ("declined", "Đỗ Thị Lan")
    with pytest.raises(NotAllowed):
        actions.answer_invitation(actor=cast.ketoan, event=event, attend=True)
    page = client_for(cast.ketoan).get("/lich-tuan/?tuan=2027-W10").content.decode()
    assert "Hội nghị Ban Chấp hành" in page and "Hoàng Văn Thắng" in page
    printed = client_for(cast.ketoan).get("/lich-tuan/2027-03-08/lich-tuan.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(printed.content)).pages)
    assert "LỊCH CÔNG TÁC TUẦN" in text and "08/03/2027" in text
    assert "Hội nghị Ban Chấp hành" in text


def test_the_draft_print_is_marked_and_only_for_the_office(cast, client_for):
    _event(cast, cast.vanthu, "ĐU", at(MONDAY, 8), at(MONDAY, 9), "Họp dự kiến")
    office = client_for(cast.vanthu).get("/lich-tuan/2027-03-08/lich-tuan.pdf?du-thao=1")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(office.content)).pages)
    assert "(DỰ THẢO)" in text and "Họp dự kiến" in text
    member = client_for(cast.ketoan).get("/lich-tuan/2027-03-08/lich-tuan.pdf?du-thao=1")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(member.content)).pages)
    assert "DỰ THẢO" not in text and "Họp dự kiến" not in text


def test_the_personal_feed_parses_back_and_a_revoked_link_is_gone(cast, client_for):
    event, _ = _event(cast, cast.vanthu, "ĐU", at(MONDAY, 8), at(MONDAY, 10),
                      "Hội nghị Ban Chấp hành", chair=cast.bithu)
    actions.approve_event(actor=cast.bithu, event=event)
    actions.publish_week(actor=cast.vanthu, office=cast.office, week_start=MONDAY)
    with clock.frozen_at(at(MONDAY, 7)):
        key = ical.new_feed(user=cast.bithu)
        client = client_for(cast.ketoan)  # any client: the key is what counts
        client.logout()
        response = client.get(f"/lich/{key}.ics")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        calendar = Calendar.from_ical(response.content)
        [item] = list(calendar.walk("VEVENT"))
        assert str(item["summary"]) == "Hội nghị Ban Chấp hành"
        assert str(item["uid"]) == f"event-{event.pk}@vanphong"
        assert item.decoded("dtstart") == at(MONDAY, 8)
        assert str(calendar["x-wr-calname"]) == "Lịch công tác — Hoàng Văn Thắng"
        event.refresh_from_db()
        actions.cancel_event(actor=cast.vanthu, event=event, reason="Hoãn")
        cancelled = Calendar.from_ical(client.get(f"/lich/{key}.ics").content)
        [item] = list(cancelled.walk("VEVENT"))
        assert (str(item["status"]), int(item["sequence"])) == ("CANCELLED", 1)
        newer = ical.new_feed(user=cast.bithu)
        assert client.get(f"/lich/{key}.ics").status_code == 404
        assert client.get(f"/lich/{newer}.ics").status_code == 200
        ical.revoke_feeds(user=cast.bithu)
        assert client.get(f"/lich/{newer}.ics").status_code == 404
        assert client.get("/lich/khong-co.ics").status_code == 404


def test_the_week_page_adds_an_event_and_shows_the_clash(cast, client_for, room):
    _event(cast, cast.vanthu, "ĐU", at(MONDAY, 8), at(MONDAY, 10), "Họp Ban Thường vụ",
           chair=cast.bithu)
    client = client_for(cast.vanthu)
    form = {"organization": str(cast.orgs["HĐND"].pk), "day": "2027-03-08", "start": "09:00",
            "end": "11:00", "content": "Họp Thường trực HĐND", "chair": str(cast.bithu.pk),
            "room": str(room.pk)}
    done = client.post("/lich-tuan/su-kien/them/", form, follow=True)
    text = done.content.decode()
    assert "Đã thêm vào lịch (dự thảo)." in text
    assert "Trùng lịch: Hoàng Văn Thắng" in text
    week = client.get("/lich-tuan/?tuan=2027-W10").content.decode()
    assert week.count('data-testid="conflict"') == 2
    bad = client.post("/lich-tuan/su-kien/them/", {**form, "end": "08:00", "room": ""})
    assert bad.status_code == 422
    assert "Giờ kết thúc phải sau giờ bắt đầu." in bad.content.decode()
    assert "Chọn phòng họp hoặc ghi địa điểm." in bad.content.decode()
    assert client_for(cast.chuyenvien).get("/lich-tuan/su-kien/them/").status_code == 404


def test_rooms_are_kept_by_administrators(cast, client_for):
    admin = client_for(cast.admin)
    made = admin.post("/quan-tri/phong-hop/them/", {"office": cast.office.pk,
                                                    "name": "Phòng họp số 1", "capacity": "30",
                                                    "is_active": "on"})
    assert made.status_code == 302
    again = admin.post("/quan-tri/phong-hop/them/", {"office": cast.office.pk,
                                                     "name": "Phòng họp số 1"})
    assert "Đã có phòng họp cùng tên." in again.content.decode()
    assert client_for(cast.vanthu).get("/quan-tri/phong-hop/").status_code == 403


def test_todays_published_events_are_on_my_work(cast, client_for):
    event, _ = _event(cast, cast.vanthu, "ĐU", at(MONDAY, 8), at(MONDAY, 10),
                      "Họp Ban Thường vụ", chair=cast.bithu)
    actions.approve_event(actor=cast.bithu, event=event)
    actions.publish_week(actor=cast.vanthu, office=cast.office, week_start=MONDAY)
    with clock.travel_to(at(MONDAY, 7)):
        page = client_for(cast.bithu).get("/").content.decode()
        assert 'data-testid="agenda"' in page and "Họp Ban Thường vụ" in page
        assert 'data-testid="agenda"' not in client_for(cast.ketoan).get("/").content.decode()
