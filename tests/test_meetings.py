"""Meetings and joint conferences (issue #6): one conference of several organizations
instead of several; its Giấy mời drafted through the outgoing flow and delivered into
the participating organizations' incoming registers; documents shared with participants
(in-app and e-mail link); attendance, minutes; conclusions that become tasks."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import make_pdf
from tests.test_incoming_permissions import EVERYONE
from tests.test_outgoing_flow import review_through
from tests.test_tasks import LEAD
from vanphong import clock
from vanphong.errors import Invalid, NotAllowed, NotFound
from vanphong.files.actions import store_file
from vanphong.followup.actions import AssigneeSpec, TaskSpec
from vanphong.followup.models import Source
from vanphong.incoming.models import IncomingDocument
from vanphong.notices.models import MailState, Notification
from vanphong.outgoing.issuing import issue_outgoing
from vanphong.outgoing.models import FinalState
from vanphong.schedule import actions
from vanphong.schedule.access import MeetingAction, can_meeting, get_meeting_for
from vanphong.schedule.actions import EventFields, MeetingFields
from vanphong.schedule.models import MeetingKind, MeetingState, Room

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
DAY = dt.date(2027, 3, 12)
BEFORE = dt.datetime(2027, 3, 2, 9, 0, tzinfo=HANOI)


def at(hour: int) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(hour), tzinfo=HANOI)


@pytest.fixture
def conference(cast):
    """A joint conference of the Party committee (host), the People's Committee and the
    Fatherland Front, organized by the office lead."""
    hall = Room.objects.create(office=cast.office, name="Hội trường UBND xã")
    fields = MeetingFields(
        title="Hội nghị liên tịch triển khai nhiệm vụ quý II năm 2027",
        host=cast.orgs["ĐU"], organizations=(cast.orgs["UBND"], cast.orgs["MTTQ"]),
        event=EventFields(starts_at=at(8), ends_at=at(11), content="", chair=cast.bithu,
                          participants=(cast.chutich, cast.chutichmttq, cast.chuyenvienmttq),
                          room=hall),
        agenda="1. Đánh giá quý I.\n2. Nhiệm vụ quý II.", secretary=cast.vanthu,
        guests=(("Sở Nội vụ tỉnh", "sonoivu@lamdong.example.vn"),),
    )
    with clock.frozen_at(BEFORE):
        meeting, _ = actions.create_meeting(actor=cast.chanhvanphong, fields=fields)
    return meeting


def test_a_joint_conference_is_one_event_of_the_office(cast, conference):
    event = conference.event
    assert conference.kind == MeetingKind.CONFERENCE
    assert event.organization is None  # a joint event, in the weekly schedule
    assert set(conference.organizations.values_list("short_name", flat=True)) == {
        "ĐU", "UBND", "MTTQ"}
    assert {a.label for a in event.attendees.all()} == {
        "Hoàng Văn Thắng", "Lê Văn Nam", "Vũ Thị Hằng", conference_member(cast),
        "Sở Nội vụ tỉnh"}


def conference_member(cast) -> str:
    return cast.chuyenvienmttq.full_name


def test_the_invitation_goes_through_the_outgoing_flow_into_each_register(
        cast, conference, django_capture_on_commit_callbacks):
    with clock.frozen_at(BEFORE):
        with pytest.raises(NotAllowed):
            actions.draft_invitation(actor=cast.chuyenvienmttq, meeting=conference,
                                     signer=cast.bithu)
        document = actions.draft_invitation(actor=cast.vanthu, meeting=conference,
                                            signer=cast.bithu)
        assert document.document_type.name == "Giấy mời"
        assert document.organization == cast.orgs["ĐU"]
        assert document.subject.startswith("Mời dự Hội nghị liên tịch")
        assert "08 giờ 00 phút" in document.body and "Hội trường UBND xã" in document.body
        recipients = {(r.name, r.email) for r in document.recipients.all()}
        assert ("Sở Nội vụ tỉnh", "sonoivu@lamdong.example.vn") in recipients
        assert {r.organization.short_name for r in document.recipients.all()
                if r.organization} == {"UBND", "MTTQ"}
        with pytest.raises(Exception, match="đã có giấy mời"):
            actions.draft_invitation(actor=cast.vanthu, meeting=conference, signer=cast.bithu)
        review_through(cast, document)
        with django_capture_on_commit_callbacks(execute=True):
            issue_outgoing(actor=cast.vanthu, document=document)
    document.refresh_from_db()
    assert document.final_state == FinalState.DONE, document.final_error
    arrived = IncomingDocument.objects.filter(subject=document.subject)
    assert {d.organization.short_name for d in arrived} == {"UBND", "MTTQ"}


def _pdf(cast, name):
    data = make_pdf("Báo cáo quý I")
    return store_file(actor=cast.vanthu, stream=io.BytesIO(data), name=name, size=len(data))


def test_documents_are_shared_with_a_link_and_outsiders_see_nothing(cast, conference,
                                                                    mail_server, client_for,
                                                                    django_capture_on_commit_callbacks):
    mail_server.start()
    with clock.frozen_at(BEFORE), django_capture_on_commit_callbacks(execute=True):
        actions.share_documents(actor=cast.vanthu, meeting=conference,
                                files=[(_pdf(cast, "bao-cao-quy-1.pdf"), "bao-cao-quy-1.pdf")])
    notice = Notification.objects.get(recipient=cast.chuyenvienmttq, kind="meeting.documents")
    assert notice.link == f"/hop/{conference.pk}/" and notice.mail_state == MailState.SENT
    [mail] = [m for m in mail_server.messages if m["To"] == cast.chuyenvienmttq.email]
    assert f"/hop/{conference.pk}/" in mail.get_content() and not mail.is_multipart()
    member = client_for(cast.chuyenvienmttq)
    page = member.get(f"/hop/{conference.pk}/")
    assert page.status_code == 200 and "bao-cao-quy-1.pdf" in page.content.decode()
    document = conference.documents.get()
    download = member.get(f"/hop/{conference.pk}/tai-lieu/{document.pk}/")
    assert download.status_code == 200
    outsider = client_for(cast.chuyenvien2)  # not invited, no standing in these bodies
    assert outsider.get(f"/hop/{conference.pk}/").status_code == 404
    assert outsider.get(f"/hop/{conference.pk}/tai-lieu/{document.pk}/").status_code == 404
    with pytest.raises(NotFound):
        get_meeting_for(cast.chuyenvien2, conference.pk)


def test_attendance_minutes_and_conclusions_become_tasks(cast, conference):
    attendees = {a.label: a for a in conference.event.attendees.all()}
    actions.record_attendance(actor=cast.vanthu, meeting=conference, marks={
        attendees["Lê Văn Nam"].pk: ("delegated", "Đỗ Thị Lan"),
        attendees["Vũ Thị Hằng"].pk: ("present", ""),
    })
    conference.refresh_from_db()
    assert conference.state == MeetingState.HELD
    with pytest.raises(Invalid):
        actions.record_attendance(actor=cast.vanthu, meeting=conference,
                                  marks={attendees["Vũ Thị Hằng"].pk: ("maybe", "")})
    actions.record_minutes(actor=cast.vanthu, meeting=conference,
                           text="Hội nghị khai mạc lúc 8 giờ ...")
    first, _second = actions.add_conclusions(actor=cast.vanthu, meeting=conference, texts=[
        "UBND xã xây dựng kế hoạch chuyển đổi số", "MTTQ tổ chức lấy ý kiến nhân dân"])
    conference.refresh_from_db()
    assert conference.state == MeetingState.CONCLUDED
    spec = TaskSpec(title=first.text, due_date=clock.today() + dt.timedelta(days=20),
                    assignees=(AssigneeSpec(LEAD, cast.orgs["UBND"], cast.units["VHXH"]),))
    with pytest.raises(NotAllowed):  # the clerk keeps the meeting, leaders give tasks
        actions.create_tasks_from_conclusion(actor=cast.vanthu, conclusion=first,
                                             organization=cast.orgs["UBND"], specs=[spec])
    with pytest.raises(Invalid, match="không dự cuộc họp"):
        actions.create_tasks_from_conclusion(actor=cast.chutichhnd, conclusion=first,
                                             organization=cast.orgs["HND"], specs=[spec])
    [task] = actions.create_tasks_from_conclusion(actor=cast.chutich, conclusion=first,
                                                  organization=cast.orgs["UBND"], specs=[spec])
    assert (task.source, task.organization) == (Source.MEETING, cast.orgs["UBND"])
    assert list(first.tasks.all()) == [task]
    assert can_meeting(cast.chutichmttq, MeetingAction.TASKS, conference)
    assert not can_meeting(cast.chuyenvienmttq, MeetingAction.MANAGE, conference)


def test_the_meeting_pages(cast, conference, client_for):
    office = client_for(cast.chanhvanphong)
    page = office.get(f"/hop/{conference.pk}/").content.decode()
    assert 'data-testid="invitation-form"' in page and 'data-testid="conclusions-form"' in page
    made = office.post(f"/hop/{conference.pk}/ket-luan/",
                       {"texts": "- UBND xây dựng kế hoạch\n- MTTQ lấy ý kiến"}, follow=True)
    assert "Đã ghi 2 kết luận." in made.content.decode()
    empty = office.post(f"/hop/{conference.pk}/ket-luan/", {"texts": " "})
    assert empty.status_code == 422
    conclusion = conference.conclusions.first()
    head = client_for(cast.chutich)
    form = head.get(f"/hop/ket-luan/{conclusion.pk}/giao-nhiem-vu/").content.decode()
    assert "UBND xây dựng kế hoạch" in form
    due = (clock.today() + dt.timedelta(days=10)).isoformat()
    done = head.post(f"/hop/ket-luan/{conclusion.pk}/giao-nhiem-vu/", {
        "rows": 1, "organization": cast.orgs["UBND"].pk, "r0-title": conclusion.text,
        "r0-lead": f"u{cast.units['KT'].pk}", "r0-due_date": due})
    assert done.status_code == 302
    task = conclusion.tasks.get()
    detail = head.get(f"/nhiem-vu/{task.pk}/").content.decode()
    assert 'data-testid="source-meeting"' in detail and conference.title in detail
    assert client_for(cast.ketoan).get(f"/hop/ket-luan/{conclusion.pk}/giao-nhiem-vu/")\
        .status_code == 404
    front = client_for(cast.chutichmttq)  # takes part, but does not keep the ĐU's meeting
    assert front.post(f"/hop/{conference.pk}/giay-moi/",
                      {"signer": cast.bithu.pk}).status_code == 403


def test_creating_a_meeting_from_the_page(cast, client_for):
    client = client_for(cast.bithu)
    form = {"title": "Họp Ban Thường vụ", "kind": "meeting", "host": cast.orgs["ĐU"].pk,
            "day": DAY.isoformat(), "start": "14:00", "end": "16:00", "venue": "Phòng họp Đảng ủy",
            "chair": cast.bithu.pk, "participants": [cast.phobithu.pk],
            "guests": "Ban Tổ chức Huyện ủy <btc@example.vn>"}
    done = client.post("/hop/them/", form)
    assert done.status_code == 302
    bad = client.post("/hop/them/", {**form, "guests": "Ai đó <khong-phai-thu>"})
    assert bad.status_code == 422 and "không hợp lệ" in bad.content.decode()
    assert client_for(cast.chuyenvien).get("/hop/them/").status_code == 404


#: name -> (sees the conference, keeps it, gives tasks from its conclusions)
MEETING_MATRIX = {
    "vanthu": (True, True, False),          # the office, and the secretary
    "vanthu2": (True, True, False),
    "chanhvanphong": (True, True, False),
    "bithu": (True, True, True),            # head of the host
    "phobithu": (True, True, True),
    "chutich": (True, True, True),          # UBND head, also a deputy of the host
    "phochutich": (True, False, True),      # UBND takes part
    "chutichmttq": (True, False, True),     # the Front takes part
    "chuyenvienmttq": (True, False, False),  # invited in person
}


@pytest.mark.parametrize("name", EVERYONE)
def test_who_sees_keeps_and_gives_tasks_from_a_conference(cast, conference, name, client_for):
    actions.add_conclusions(actor=cast.vanthu, meeting=conference, texts=["Kết luận"])
    user = getattr(cast, name)
    sees, keeps, tasks = MEETING_MATRIX.get(name, (False, False, False))
    page = client_for(user).get(f"/hop/{conference.pk}/")
    assert page.status_code == (200 if sees else 404), name
    if not sees:
        with pytest.raises(NotFound):
            get_meeting_for(user, conference.pk)
        return
    meeting = get_meeting_for(user, conference.pk)
    assert can_meeting(user, MeetingAction.MANAGE, meeting) is keeps, name
    assert can_meeting(user, MeetingAction.TASKS, meeting) is tasks, name
    refused = client_for(user).post(f"/hop/{conference.pk}/ket-luan/", {"texts": "Thêm"})
    assert (refused.status_code == 403) is (not keeps), name
