"""The weekly schedule and meetings: read a week, add, approve, cancel and answer events,
publish a week, conflicts, one's iCalendar; meetings with their invitation, documents,
attendance, minutes and conclusions turned into tasks. Gatekeeper: `schedule.access`;
actions: `schedule.actions`."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import ConfigDict, Field

from vanphong import clock
from vanphong.api.errors import errors
from vanphong.api.files import named_files
from vanphong.api.idempotency import idempotent
from vanphong.api.schemas import BodyId, Input, LongText, Required500, Text200, office_query
from vanphong.api.tasks import TaskIn, TaskOut, _one, _out, _specs
from vanphong.errors import Invalid, NotFound
from vanphong.files.access import files_to_attach
from vanphong.organizations.acting import current_office
from vanphong.organizations.models import Office, Organization, Unit, User
from vanphong.schedule import actions, ical
from vanphong.schedule.access import (
    EventAction,
    MeetingAction,
    allowed_event_actions,
    get_event_for,
    get_meeting_for,
    visible_events,
    visible_meetings,
)
from vanphong.schedule.conflicts import Conflict, conflicts_for
from vanphong.schedule.models import Conclusion, Meeting, Room, ScheduleEvent
from vanphong.schedule.week import parse_week

router = Router(tags=["Lịch công tác, cuộc họp"])
EVENT_PATH = "/schedule/events/{uuid:event_id}"
MEETING_PATH = "/meetings/{uuid:meeting_id}"


def _user(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined, no-any-return]


def _office(user: User, wanted: int | None) -> Office:
    """The office whose schedule is meant (`current_office`: the `office` parameter, or
    the default of "làm việc cho")."""
    office = current_office(user, wanted=wanted)
    if office is None:
        raise NotFound("Bạn không thuộc văn phòng nào.")
    return office


class ScheduleWeekFilters(Schema):
    model_config = ConfigDict(extra="ignore")

    week: str = Field("", pattern=r"^(\d{4}-W\d{2}|\d{4}-\d{2}-\d{2})?$",
                      description="Tuần ISO (2026-W48) hoặc một ngày trong tuần.")
    organization: int | None = Field(None, ge=1, le=2**31 - 1)


class ScheduleAttendeeOut(Schema):
    id: int
    role: str
    label: str
    person_id: int | None
    rsvp: str
    attendance: str


class ScheduleConflictOut(Schema):
    kind: str
    who: str
    other_event_id: uuid.UUID
    message: str


class ScheduleEventOut(Schema):
    id: uuid.UUID
    organization: str | None
    starts_at: dt.datetime
    ends_at: dt.datetime
    content: str
    place: str
    state: str
    sequence: int
    attendees: list[ScheduleAttendeeOut]


class ScheduleEventDetail(ScheduleEventOut):
    allowed_actions: list[str]
    conflicts: list[ScheduleConflictOut]


class ScheduleWeekOut(Schema):
    week_start: dt.date
    events: list[ScheduleEventOut]


class ScheduleEventIn(Input):
    starts_at: dt.datetime
    ends_at: dt.datetime
    content: Required500
    organization_id: BodyId | None = Field(None, description="Trống: sự kiện chung của khối.")
    chair_id: BodyId | None = None
    participant_ids: list[BodyId] = Field([], max_length=100)
    participant_organization_ids: list[BodyId] = Field([], max_length=30)
    participants_text: Text200 = ""
    room_id: BodyId | None = None
    venue: Text200 = ""
    preparing_unit_id: BodyId | None = None
    preparing_text: Text200 = ""


class ScheduleReasonIn(Input):
    reason: Required500


class ScheduleRsvpIn(Input):
    attend: bool
    delegate: Text200 = ""


class SchedulePublishIn(Input):
    leave_out_drafts: bool = Field(False, description=(
        "Công bố dù còn sự kiện dự thảo chưa duyệt (chúng không có trong lịch công bố). "
        "Nếu không đặt mà còn dự thảo: 409, thông báo nêu từng sự kiện và người duyệt."))


class ScheduleRoomOut(Schema):
    id: int
    name: str
    capacity: int | None


def _conflict(c: Conflict) -> dict[str, Any]:
    return {"kind": c.kind, "who": c.who, "other_event_id": c.other.pk, "message": c.message}


def _event(event: ScheduleEvent) -> dict[str, Any]:
    return {
        "id": event.pk, "organization": event.organization.short_name if event.organization
        else None, "starts_at": event.starts_at, "ends_at": event.ends_at,
        "content": event.content, "place": event.place, "state": event.state,
        "sequence": event.sequence,
        "attendees": [{"id": a.pk, "role": a.role, "label": a.label, "person_id": a.person_id,
                       "rsvp": a.rsvp, "attendance": a.attendance}
                      for a in event.attendees.all()],
    }


def _event_detail(event: ScheduleEvent, user: User) -> dict[str, Any]:
    return {**_event(event),
            "allowed_actions": sorted(a.value for a in allowed_event_actions(user, event)),
            "conflicts": [_conflict(c) for c in conflicts_for(event)]}


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _fields(payload: ScheduleEventIn) -> actions.EventFields:
    people = User.objects.filter(is_active=True)
    return actions.EventFields(
        starts_at=_aware(payload.starts_at), ends_at=_aware(payload.ends_at),
        content=payload.content,
        organization=_one(Organization.objects.all(), payload.organization_id,
                          "organization_id", "cơ quan"),
        chair=_one(people, payload.chair_id, "chair_id", "người dùng"),
        participants=tuple(_one(people, pk, "participant_ids", "người dùng")
                           for pk in payload.participant_ids),
        participant_orgs=tuple(_one(Organization.objects.all(), pk,
                                    "participant_organization_ids", "cơ quan")
                               for pk in payload.participant_organization_ids),
        participants_text=payload.participants_text,
        room=_one(Room.objects.all(), payload.room_id, "room_id", "phòng họp"),
        venue=payload.venue,
        preparing_unit=_one(Unit.objects.all(), payload.preparing_unit_id, "preparing_unit_id",
                            "đơn vị"),
        preparing_text=payload.preparing_text,
    )


@router.get("/schedule", response={200: ScheduleWeekOut, **errors(401, 404, 422)},
            summary="Lịch công tác một tuần (những sự kiện người gọi được xem)")
def get_week(request: HttpRequest, filters: Query[ScheduleWeekFilters],
             office: int | None = office_query()) -> dict[str, Any]:
    user = _user(request)
    here = _office(user, office)
    monday = parse_week(filters.week, clock.today())
    start = timezone.make_aware(dt.datetime.combine(monday, dt.time()))
    events = visible_events(user).filter(office=here, starts_at__gte=start,
                                         starts_at__lt=start + dt.timedelta(days=7))
    if filters.organization:
        events = events.filter(organization_id=filters.organization)
    events = events.select_related("organization", "room").prefetch_related(
        "attendees__person", "attendees__organization", "attendees__unit")
    return {"week_start": monday, "events": [_event(e) for e in events]}


@router.get("/rooms", response={200: list[ScheduleRoomOut], **errors(401, 404, 422)},
            summary="Phòng họp của văn phòng")
def list_rooms(request: HttpRequest, office: int | None = office_query()) -> list[dict[str, Any]]:
    here = _office(_user(request), office)
    return [{"id": r.pk, "name": r.name, "capacity": r.capacity}
            for r in Room.objects.filter(office=here, is_active=True)]


@router.post("/schedule/events",
             response={201: ScheduleEventDetail, **errors(400, 401, 403, 404, 422)},
             summary="Thêm sự kiện vào lịch (dự thảo); trả về cả cảnh báo trùng lịch")
def add_event(request: HttpRequest, payload: ScheduleEventIn,
              office: int | None = office_query()) -> Status:
    user = _user(request)
    event, _ = actions.add_event(actor=user, office=_office(user, office),
                                 fields=_fields(payload))
    return Status(201, _event_detail(event, user))


@router.get(EVENT_PATH, response={200: ScheduleEventDetail, **errors(401, 404)},
            summary="Một sự kiện, với thao tác được phép và các chỗ trùng lịch")
def get_event(request: HttpRequest, event_id: uuid.UUID) -> dict[str, Any]:
    user = _user(request)
    return _event_detail(get_event_for(user, event_id), user)


@router.put(EVENT_PATH,
            response={200: ScheduleEventDetail, **errors(400, 401, 403, 404, 409, 422)},
            summary="Sửa sự kiện (đã duyệt: về dự thảo; đã công bố: ghi điều chỉnh)")
def update_event(request: HttpRequest, event_id: uuid.UUID,
                 payload: ScheduleEventIn) -> dict[str, Any]:
    user = _user(request)
    event = get_event_for(user, event_id, EventAction.EDIT)
    event, _ = actions.update_event(actor=user, event=event, fields=_fields(payload))
    return _event_detail(event, user)


@router.post(EVENT_PATH + "/approve",
             response={200: ScheduleEventDetail, **errors(400, 401, 403, 404, 409)},
             summary="Duyệt sự kiện")
def approve_event(request: HttpRequest, event_id: uuid.UUID) -> dict[str, Any]:
    user = _user(request)
    event = get_event_for(user, event_id, EventAction.APPROVE)
    return _event_detail(actions.approve_event(actor=user, event=event), user)


@router.post(EVENT_PATH + "/cancel",
             response={200: ScheduleEventDetail, **errors(400, 401, 403, 404, 409, 422)},
             summary="Hoãn, hủy sự kiện")
def cancel_event(request: HttpRequest, event_id: uuid.UUID, payload: ScheduleReasonIn) -> Any:
    user = _user(request)
    event = get_event_for(user, event_id, EventAction.CANCEL)
    return _event_detail(actions.cancel_event(actor=user, event=event, reason=payload.reason),
                         user)


@router.post(EVENT_PATH + "/rsvp",
             response={200: ScheduleEventDetail, **errors(400, 401, 403, 404, 422)},
             summary="Trả lời tham dự (người được mời)")
def rsvp(request: HttpRequest, event_id: uuid.UUID, payload: ScheduleRsvpIn) -> dict[str, Any]:
    user = _user(request)
    event = get_event_for(user, event_id, EventAction.RSVP)
    actions.answer_invitation(actor=user, event=event, attend=payload.attend,
                              delegate=payload.delegate)
    return _event_detail(event, user)


@router.post("/schedule/weeks/{week_start}/publish",
             response={200: ScheduleWeekOut, **errors(400, 401, 403, 404, 409, 422)},
             summary="Công bố lịch tuần (văn phòng): mọi sự kiện đã duyệt của tuần")
def publish_week(request: HttpRequest, week_start: dt.date,
                 payload: SchedulePublishIn | None = None,
                 office: int | None = office_query()) -> dict[str, Any]:
    user = _user(request)
    try:
        monday = parse_week(week_start.isoformat(), clock.today())
    except Invalid:
        raise Invalid("Tuần không hợp lệ.", fields={"week_start": "Tuần không hợp lệ."}) from None
    if monday != week_start:
        raise Invalid("week_start phải là thứ Hai.", fields={"week_start": "Không phải thứ Hai."})
    here = _office(user, office)
    actions.publish_week(actor=user, office=here, week_start=week_start,
                         leave_out_drafts=payload is not None and payload.leave_out_drafts)
    events = ScheduleEvent.objects.filter(office=here, schedule__week_start=week_start)
    return {"week_start": week_start, "events": [_event(e) for e in events]}


@router.get("/me/calendar.ics", response={200: None, **errors(401)},
            summary="Lịch của người gọi dạng iCalendar (RFC 5545)")
def my_calendar(request: HttpRequest) -> HttpResponse:
    return HttpResponse(ical.feed_for(_user(request)), content_type="text/calendar; charset=utf-8")


# --- Meetings ----------------------------------------------------------------------------------


class MeetingGuestIn(Input):
    name: Required500
    email: str = Field("", max_length=254)


class MeetingEventIn(ScheduleEventIn):
    content: Text200 = Field("", description="Trống: lấy tên cuộc họp.")
    organization_id: BodyId | None = Field(None, description="Bỏ qua: theo cơ quan chủ trì.")


class MeetingIn(Input):
    title: Required500
    host_id: BodyId
    organization_ids: list[BodyId] = Field([], max_length=30)
    kind: Literal["meeting", "conference"] = "meeting"
    event: MeetingEventIn
    agenda: LongText = ""
    secretary_id: BodyId | None = None
    guests: list[MeetingGuestIn] = Field([], max_length=100)


class MeetingOut(Schema):
    id: uuid.UUID
    title: str
    kind: str
    host: str
    organizations: list[str]
    state: str
    event: ScheduleEventOut
    invitation_id: uuid.UUID | None
    documents: list[str]
    conclusions: list[dict[str, Any]]
    minutes: str


class MeetingInvitationIn(Input):
    signer_id: BodyId


class MeetingFilesIn(Input):
    file_ids: list[uuid.UUID] = Field(min_length=1, max_length=20)


class MeetingAttendanceMark(Input):
    attendee_id: BodyId
    attendance: Literal["", "present", "absent", "excused", "delegated"]
    delegate_name: Text200 = ""


class MeetingAttendanceIn(Input):
    marks: list[MeetingAttendanceMark] = Field(min_length=1, max_length=200)


class MeetingMinutesIn(Input):
    text: LongText = ""
    file_id: uuid.UUID | None = None


class MeetingConclusionsIn(Input):
    texts: list[Required500] = Field(min_length=1, max_length=50)


class MeetingConclusionTasksIn(Input):
    organization_id: BodyId
    tasks: list[TaskIn] = Field(min_length=1, max_length=50)


def _meeting(meeting: Meeting) -> dict[str, Any]:
    return {
        "id": meeting.pk, "title": meeting.title, "kind": meeting.kind,
        "host": meeting.host.short_name,
        "organizations": [o.short_name for o in meeting.organizations.all()],
        "state": meeting.state, "event": _event(meeting.event),
        "invitation_id": meeting.invitation_id,
        "documents": [d.filename for d in meeting.documents.all()],
        "conclusions": [{"id": c.pk, "text": c.text,
                         "task_ids": [str(t) for t in c.tasks.values_list("pk", flat=True)]}
                        for c in meeting.conclusions.all()],
        "minutes": meeting.minutes,
    }


def _managed(request: HttpRequest, meeting_id: uuid.UUID) -> tuple[User, Meeting]:
    user = _user(request)
    return user, get_meeting_for(user, meeting_id, MeetingAction.MANAGE)


@router.get("/meetings", response={200: list[MeetingOut], **errors(401)},
            summary="Cuộc họp, hội nghị người gọi được xem")
def list_meetings(request: HttpRequest) -> list[dict[str, Any]]:
    meetings = visible_meetings(_user(request)).select_related("event", "host").order_by(
        "-event__starts_at")[:200]
    return [_meeting(m) for m in meetings]


@router.post("/meetings", response={201: MeetingOut, **errors(400, 401, 403, 404, 422)},
             summary="Tổ chức cuộc họp hoặc hội nghị liên tịch (vào lịch tuần)")
def create_meeting(request: HttpRequest, payload: MeetingIn) -> Status:
    user = _user(request)
    organizations = Organization.objects.all()
    fields = actions.MeetingFields(
        title=payload.title,
        host=_one(organizations, payload.host_id, "host_id", "cơ quan"),
        organizations=tuple(_one(organizations, pk, "organization_ids", "cơ quan")
                            for pk in payload.organization_ids),
        event=_fields(payload.event), kind=payload.kind, agenda=payload.agenda,
        secretary=_one(User.objects.filter(is_active=True), payload.secretary_id,
                       "secretary_id", "người dùng"),
        guests=tuple((g.name, g.email) for g in payload.guests),
    )
    meeting, _ = actions.create_meeting(actor=user, fields=fields)
    return Status(201, _meeting(meeting))


@router.get(MEETING_PATH, response={200: MeetingOut, **errors(401, 404)},
            summary="Một cuộc họp")
def get_meeting(request: HttpRequest, meeting_id: uuid.UUID) -> dict[str, Any]:
    return _meeting(get_meeting_for(_user(request), meeting_id))


@router.post(MEETING_PATH + "/invitation",
             response={201: MeetingOut, **errors(400, 401, 403, 404, 409, 422)},
             summary="Soạn giấy mời (văn bản đi dự thảo của cơ quan chủ trì)")
@idempotent
def draft_invitation(request: HttpRequest, meeting_id: uuid.UUID, payload: MeetingInvitationIn
                     ) -> Status:
    user, meeting = _managed(request, meeting_id)
    signer = _one(User.objects.filter(is_active=True), payload.signer_id, "signer_id",
                  "người dùng")
    actions.draft_invitation(actor=user, meeting=meeting, signer=signer)
    return Status(201, _meeting(meeting))


@router.post(MEETING_PATH + "/documents",
             response={200: MeetingOut, **errors(400, 401, 403, 404, 422)},
             summary="Gửi tài liệu tới thành phần dự (tải tệp lên trước qua /files)")
def share_documents(request: HttpRequest, meeting_id: uuid.UUID, payload: MeetingFilesIn) -> Any:
    user, meeting = _managed(request, meeting_id)
    actions.share_documents(actor=user, meeting=meeting,
                            files=named_files(user, payload.file_ids))
    return _meeting(meeting)


@router.post(MEETING_PATH + "/attendance",
             response={200: MeetingOut, **errors(400, 401, 403, 404, 422)},
             summary="Điểm danh")
def attendance(request: HttpRequest, meeting_id: uuid.UUID, payload: MeetingAttendanceIn) -> Any:
    user, meeting = _managed(request, meeting_id)
    known = set(meeting.event.attendees.values_list("pk", flat=True))
    unknown = [m.attendee_id for m in payload.marks if m.attendee_id not in known]
    if unknown:
        raise Invalid("Không có thành phần này trong cuộc họp.",
                      fields={"marks": f"Không có: {unknown}"})
    actions.record_attendance(actor=user, meeting=meeting, marks={
        m.attendee_id: (m.attendance, m.delegate_name) for m in payload.marks})
    return _meeting(meeting)


@router.post(MEETING_PATH + "/minutes",
             response={200: MeetingOut, **errors(400, 401, 403, 404, 422)},
             summary="Biên bản (nội dung và/hoặc tệp)")
def minutes(request: HttpRequest, meeting_id: uuid.UUID, payload: MeetingMinutesIn) -> Any:
    user, meeting = _managed(request, meeting_id)
    file = files_to_attach(user, [payload.file_id], field="file_id")[0] \
        if payload.file_id else None
    return _meeting(actions.record_minutes(actor=user, meeting=meeting, text=payload.text,
                                           file=file))


@router.post(MEETING_PATH + "/conclusions",
             response={200: MeetingOut, **errors(400, 401, 403, 404, 422)},
             summary="Ghi kết luận")
def conclusions(request: HttpRequest, meeting_id: uuid.UUID, payload: MeetingConclusionsIn) -> Any:
    user, meeting = _managed(request, meeting_id)
    actions.add_conclusions(actor=user, meeting=meeting, texts=payload.texts)
    return _meeting(meeting)


@router.post("/meetings/conclusions/{int:conclusion_id}/tasks",
             response={201: list[TaskOut], **errors(400, 401, 403, 404, 422)},
             summary="Giao nhiệm vụ từ một kết luận (lãnh đạo cơ quan dự họp)")
@idempotent
def conclusion_tasks(request: HttpRequest, conclusion_id: int, payload: MeetingConclusionTasksIn
                     ) -> Status:
    user = _user(request)
    conclusion = Conclusion.objects.filter(
        pk=conclusion_id if 0 < conclusion_id < 2**63 else 0,
        meeting__in=visible_meetings(user)).select_related("meeting").first()
    if conclusion is None:
        raise NotFound("Không tìm thấy kết luận.")
    organization = _one(Organization.objects.all(), payload.organization_id, "organization_id",
                        "cơ quan")
    tasks = actions.create_tasks_from_conclusion(actor=user, conclusion=conclusion,
                                                 organization=organization,
                                                 specs=_specs(payload.tasks))
    return Status(201, [_out(t) for t in tasks])
