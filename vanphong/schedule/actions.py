"""Every write to the weekly schedule and to meetings: each checks `schedule.access`,
changes rows conditionally, and writes one history row and one audit row in its
transaction; people are told through notices."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from vanphong import clock
from vanphong.audit.actions import record_audit
from vanphong.errors import Conflict, Invalid, NotAllowed
from vanphong.files.models import StoredFile
from vanphong.followup.access import may_create_task
from vanphong.followup.actions import TaskSpec, create_tasks
from vanphong.followup.models import Source, Task
from vanphong.notices.actions import notify
from vanphong.organizations.models import Office, Organization, Unit, User
from vanphong.outgoing.access import may_draft
from vanphong.outgoing.actions import DraftFields, RecipientSpec, create_draft
from vanphong.outgoing.forms import document_types_for, templates_for
from vanphong.outgoing.models import OutgoingDocument
from vanphong.printing.dates import long_date
from vanphong.schedule.access import (
    EventAction,
    MeetingAction,
    can_event,
    can_meeting,
    event_approvers,
    may_add_event,
    may_create_meeting,
    may_publish,
)
from vanphong.schedule.conflicts import Conflict as Clash
from vanphong.schedule.conflicts import conflicts_for
from vanphong.schedule.models import (
    TRANSITIONS,
    Attendance,
    Attendee,
    AttendeeRole,
    Conclusion,
    EventState,
    Meeting,
    MeetingDocument,
    MeetingKind,
    MeetingState,
    Room,
    Rsvp,
    ScheduleChange,
    ScheduleEvent,
    WeeklySchedule,
)
from vanphong.schedule.week import iso_week
from vanphong.workdays.dates import week_bounds

MAX_HOURS = 24 * 7


@dataclasses.dataclass(frozen=True)
class EventFields:
    starts_at: dt.datetime
    ends_at: dt.datetime
    content: str
    organization: Organization | None = None  # None: a joint event of the office
    chair: User | None = None
    participants: tuple[User, ...] = ()
    participant_orgs: tuple[Organization, ...] = ()
    participants_text: str = ""
    room: Room | None = None
    venue: str = ""
    preparing_unit: Unit | None = None
    preparing_text: str = ""
    office_contact: User | None = None


def _check(office: Office, fields: EventFields) -> None:
    if not fields.content.strip():
        raise Invalid("Nhập nội dung.", fields={"content": "Bắt buộc."})
    if fields.ends_at <= fields.starts_at:
        raise Invalid("Giờ kết thúc phải sau giờ bắt đầu.", fields={"ends_at": "Sai."})
    if fields.ends_at - fields.starts_at > dt.timedelta(hours=MAX_HOURS):
        raise Invalid("Một sự kiện dài không quá 7 ngày.", fields={"ends_at": "Sai."})
    for org in (fields.organization, *fields.participant_orgs):
        if org is not None and org.office_id != office.pk:
            raise Invalid(f"{org.short_name} không thuộc văn phòng này.")
    if fields.room is not None and (fields.room.office_id != office.pk
                                    or not fields.room.is_active):
        raise Invalid("Phòng họp không dùng được.", fields={"room": "Sai."})
    if fields.room is None and not fields.venue.strip():
        raise Invalid("Chọn phòng họp hoặc ghi địa điểm.", fields={"venue": "Bắt buộc."})


def week_of(office: Office, moment: dt.datetime) -> WeeklySchedule:
    monday = week_bounds(timezone.localdate(moment))[0]
    week, _ = WeeklySchedule.objects.get_or_create(office=office, week_start=monday)
    return week


def _attendees(event: ScheduleEvent, fields: EventFields) -> None:
    event.attendees.filter(rsvp=Rsvp.PENDING, attendance="").delete()
    kept = {(a.role, a.person_id, a.organization_id) for a in event.attendees.all()}
    rows = []
    if fields.chair is not None:
        rows.append(Attendee(event=event, role=AttendeeRole.CHAIR, person=fields.chair))
    rows += [Attendee(event=event, person=p) for p in fields.participants
             if p != fields.chair]
    rows += [Attendee(event=event, organization=o) for o in fields.participant_orgs]
    Attendee.objects.bulk_create(
        r for r in rows if (r.role, r.person_id, r.organization_id) not in kept)


def _history(event: ScheduleEvent, actor: User | None, kind: str, *, from_state: str = "",
             to_state: str = "", note: str = "", **data: Any) -> None:
    ScheduleChange.objects.create(event=event, at=clock.now(), actor=actor, kind=kind,
                                  from_state=from_state, to_state=to_state, note=note, data=data)
    record_audit(actor=actor, action=f"schedule.{kind}", target=event,
                 summary=f"{kind}: {event.content[:150]}", office_id=event.office_id,
                 organization_id=event.organization_id, **data)


def add_event(*, actor: User, office: Office, fields: EventFields
              ) -> tuple[ScheduleEvent, list[Clash]]:
    if not may_add_event(actor, office.pk, fields.organization):
        raise NotAllowed("Chỉ văn phòng hoặc lãnh đạo cơ quan thêm lịch của cơ quan.")
    _check(office, fields)
    with transaction.atomic():
        event = ScheduleEvent.objects.create(
            office=office, schedule=week_of(office, fields.starts_at),
            organization=fields.organization, starts_at=fields.starts_at,
            ends_at=fields.ends_at, content=fields.content.strip(), room=fields.room,
            venue=fields.venue.strip(), preparing_unit=fields.preparing_unit,
            preparing_text=fields.preparing_text.strip(),
            participants_text=fields.participants_text.strip(),
            office_contact=fields.office_contact, created_by=actor, created_at=clock.now(),
        )
        _attendees(event, fields)
        _history(event, actor, "create", to_state=EventState.DRAFT)
    return event, conflicts_for(event)


def update_event(*, actor: User, event: ScheduleEvent, fields: EventFields
                 ) -> tuple[ScheduleEvent, list[Clash]]:
    """An approved event goes back to draft; a published one stays published, is marked
    changed ("Điều chỉnh") and its attendees are told."""
    if not can_event(actor, EventAction.EDIT, event):
        raise NotAllowed
    if fields.organization != event.organization and not may_add_event(
            actor, event.office_id, fields.organization):
        raise NotAllowed
    _check(event.office, fields)
    old_state = event.state
    new_state = EventState.DRAFT if old_state == EventState.APPROVED else old_state
    with transaction.atomic():
        changes: dict[str, Any] = {
            "organization": fields.organization, "starts_at": fields.starts_at,
            "ends_at": fields.ends_at, "content": fields.content.strip(), "room": fields.room,
            "venue": fields.venue.strip(), "preparing_unit": fields.preparing_unit,
            "preparing_text": fields.preparing_text.strip(),
            "participants_text": fields.participants_text.strip(),
            "office_contact": fields.office_contact, "state": new_state,
            "schedule": week_of(event.office, fields.starts_at),
        }
        if old_state == EventState.PUBLISHED:
            changes.update(changed_at=clock.now(), sequence=event.sequence + 1)
        if not ScheduleEvent.objects.filter(pk=event.pk, state=old_state).update(**changes):
            raise Conflict
        event.refresh_from_db()
        _attendees(event, fields)
        _history(event, actor, "edit", from_state=old_state, to_state=new_state)
        if old_state == EventState.PUBLISHED:
            _tell_attendees(event, actor, "schedule.changed",
                            f"Lịch thay đổi: {_when(event)} — {event.content[:150]}")
    return event, conflicts_for(event)


def approve_event(*, actor: User, event: ScheduleEvent) -> ScheduleEvent:
    if not can_event(actor, EventAction.APPROVE, event):
        raise NotAllowed
    _move(event, EventState.APPROVED, approved_by=actor, approved_at=clock.now())
    _history(event, actor, "approve", from_state=EventState.DRAFT,
             to_state=EventState.APPROVED)
    event.refresh_from_db()
    return event


def approve_week(*, actor: User, office: Office, week_start: dt.date) -> int:
    """Approve every draft of the week the user may approve; how many."""
    drafts = ScheduleEvent.objects.filter(office=office, schedule__week_start=week_start,
                                          state=EventState.DRAFT)
    count = 0
    for event in drafts:
        if can_event(actor, EventAction.APPROVE, event):
            with transaction.atomic():
                approve_event(actor=actor, event=event)
            count += 1
    return count


@dataclasses.dataclass(frozen=True)
class Waiting:
    """A draft of the week and the people who may approve it."""

    event: ScheduleEvent
    approvers: list[User]

    @property
    def line(self) -> str:
        owner = self.event.organization.short_name if self.event.organization else "Chung"
        names = ", ".join(p.full_name for p in self.approvers) or "chưa có người duyệt"
        return f"{_when(self.event)} — {self.event.content[:120]} ({owner}; duyệt: {names})"


def waiting_drafts(*, office: Office, week_start: dt.date) -> list[Waiting]:
    """The drafts of the week, which publishing would leave out, with who approves each."""
    drafts = ScheduleEvent.objects.filter(
        office=office, schedule__week_start=week_start, state=EventState.DRAFT,
    ).select_related("organization").order_by("starts_at")
    return [Waiting(event, event_approvers(event)) for event in drafts]


def ask_for_approval(*, actor: User, office: Office, week_start: dt.date) -> list[User]:
    """Tell each approver of the week's drafts, once, which of them wait for him or her;
    the notice opens the week where "Duyệt các sự kiện tôi duyệt được" approves them."""
    if not may_publish(actor, office.pk):
        raise NotAllowed("Chỉ văn phòng đề nghị lãnh đạo duyệt lịch tuần.")
    waiting: dict[int, tuple[User, list[ScheduleEvent]]] = {}
    for item in waiting_drafts(office=office, week_start=week_start):
        for person in item.approvers:
            waiting.setdefault(person.pk, (person, []))[1].append(item.event)
    if not waiting:
        raise Invalid("Tuần này không có sự kiện dự thảo nào chờ duyệt.")
    link = reverse("schedule:week") + f"?tuan={iso_week(week_start)}"
    with transaction.atomic():
        for person, events in waiting.values():
            notify(recipient=person, kind="schedule.approval_asked",
                   title=f"Lịch tuần từ {week_start:%d/%m/%Y}: {len(events)} sự kiện chờ "
                         "đồng chí duyệt",
                   body="\n".join(f"{_when(e)} — {e.content[:150]}" for e in events), link=link)
        record_audit(actor=actor, action="schedule.ask_approval", target=office,
                     summary=f"Đề nghị duyệt lịch tuần từ {week_start:%d/%m/%Y}",
                     office_id=office.pk, people=len(waiting))
    return [person for person, _ in waiting.values()]


def publish_week(*, actor: User, office: Office, week_start: dt.date,
                 leave_out_drafts: bool = False) -> WeeklySchedule:
    """Publish the approved events of a week; a new revision each time; everyone on a
    newly published event is told. Drafts are never left out silently: while some wait
    for approval, publishing is refused (`Conflict`, naming them) unless the office says
    `leave_out_drafts`."""
    if not may_publish(actor, office.pk):
        raise NotAllowed("Chỉ văn phòng công bố lịch công tác tuần.")
    with transaction.atomic():
        week, _ = WeeklySchedule.objects.select_for_update().get_or_create(
            office=office, week_start=week_start)
        approved = list(week.events.filter(state=EventState.APPROVED))
        if not approved:
            raise Invalid("Tuần này chưa có sự kiện nào đã duyệt để công bố.")
        waiting = waiting_drafts(office=office, week_start=week_start)
        if waiting and not leave_out_drafts:
            raise Conflict(f"{len(waiting)} sự kiện chưa được duyệt sẽ không có trong lịch "
                           "công bố: " + "; ".join(w.line for w in waiting) + ".")
        for event in approved:
            _move(event, EventState.PUBLISHED)
            _history(event, actor, "publish", from_state=EventState.APPROVED,
                     to_state=EventState.PUBLISHED)
            _tell_attendees(event, actor, "schedule.published",
                            f"Lịch công tác: {_when(event)} — {event.content[:150]}")
        WeeklySchedule.objects.filter(pk=week.pk).update(
            revision=week.revision + 1, published_at=clock.now(), published_by=actor)
        record_audit(actor=actor, action="schedule.publish_week", target=week,
                     summary=f"Công bố lịch tuần từ {week_start:%d/%m/%Y}",
                     office_id=office.pk, events=len(approved), left_out=len(waiting))
    week.refresh_from_db()
    return week


def cancel_event(*, actor: User, event: ScheduleEvent, reason: str) -> ScheduleEvent:
    if not can_event(actor, EventAction.CANCEL, event):
        raise NotAllowed
    if not reason.strip():
        raise Invalid("Nêu lý do hoãn, hủy.", fields={"reason": "Bắt buộc."})
    old = event.state
    with transaction.atomic():
        _move(event, EventState.CANCELLED, changed_at=clock.now(), sequence=event.sequence + 1)
        _history(event, actor, "cancel", from_state=old, to_state=EventState.CANCELLED,
                 note=reason.strip())
        if old == EventState.PUBLISHED:
            _tell_attendees(event, actor, "schedule.cancelled",
                            f"Hoãn/hủy: {_when(event)} — {event.content[:150]}", reason.strip())
        if hasattr(event, "meeting"):
            Meeting.objects.filter(pk=event.meeting.pk).update(state=MeetingState.CANCELLED)
    event.refresh_from_db()
    return event


def answer_invitation(*, actor: User, event: ScheduleEvent, attend: bool,
                      delegate: str = "") -> Attendee:
    if not can_event(actor, EventAction.RSVP, event):
        raise NotAllowed
    row = event.attendees.filter(person=actor).first()
    assert row is not None
    with transaction.atomic():
        Attendee.objects.filter(pk=row.pk).update(
            rsvp=Rsvp.ACCEPTED if attend else Rsvp.DECLINED, delegate_name=delegate.strip())
        _history(event, actor, "rsvp", note=("Tham dự" if attend else "Vắng")
                 + (f"; cử {delegate.strip()} dự thay" if delegate.strip() else ""))
    row.refresh_from_db()
    return row


def _move(event: ScheduleEvent, new: str, **changes: Any) -> None:
    if (event.state, new) not in TRANSITIONS:
        raise Invalid(f"Không thể chuyển sự kiện từ “{event.get_state_display()}”.")
    if not ScheduleEvent.objects.filter(pk=event.pk, state=event.state).update(state=new,
                                                                               **changes):
        raise Conflict
    event.state = new


def _when(event: ScheduleEvent) -> str:
    start = timezone.localtime(event.starts_at)
    return f"{start:%H:%M} {start:%d/%m/%Y}"


def _tell_attendees(event: ScheduleEvent, actor: User | None, kind: str, title: str,
                    body: str = "") -> None:
    link = reverse("schedule:event", args=[event.pk])
    people = {a.person for a in event.attendees.select_related("person") if a.person}
    for person in people:
        if actor is None or person.pk != actor.pk:
            notify(recipient=person, kind=kind, title=title, body=body or event.place, link=link)


# --- Meetings -------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class MeetingFields:
    title: str
    host: Organization
    organizations: tuple[Organization, ...]  # every organization taking part, host included
    event: EventFields
    kind: str = MeetingKind.MEETING
    agenda: str = ""
    secretary: User | None = None
    guests: tuple[tuple[str, str], ...] = ()  # (name, e-mail) of people outside the office


def create_meeting(*, actor: User, fields: MeetingFields) -> tuple[Meeting, list[Clash]]:
    """A meeting of one organization, or a joint conference of several (its event is then a
    joint event of the office), in the weekly schedule at once."""
    host = fields.host
    if not may_create_meeting(actor, host):
        raise NotAllowed("Chỉ văn phòng hoặc lãnh đạo cơ quan chủ trì tổ chức cuộc họp.")
    if not fields.title.strip():
        raise Invalid("Nhập tên cuộc họp.", fields={"title": "Bắt buộc."})
    organizations = tuple(dict.fromkeys((host, *fields.organizations)))
    joint = len(organizations) > 1
    event_fields = dataclasses.replace(
        fields.event, content=fields.event.content or fields.title,
        organization=None if joint else host)
    with transaction.atomic():
        event, clashes = add_event(actor=actor, office=host.office, fields=event_fields)
        meeting = Meeting.objects.create(
            event=event, title=fields.title.strip(), host=host,
            kind=MeetingKind.CONFERENCE if joint and fields.kind == MeetingKind.MEETING
            else fields.kind,
            agenda=fields.agenda.strip(), secretary=fields.secretary, created_by=actor,
            created_at=clock.now())
        meeting.organizations.set(organizations)
        Attendee.objects.bulk_create(Attendee(event=event, name=name.strip()[:200], email=email)
                                     for name, email in fields.guests if name.strip())
        record_audit(actor=actor, action="meeting.create", target=meeting,
                     summary=f"Tổ chức {meeting.title[:150]}", office_id=host.office_id,
                     organization_id=host.pk)
    return meeting, clashes


def draft_invitation(*, actor: User, meeting: Meeting, signer: User) -> OutgoingDocument:
    """The Giấy mời as a draft of the host's outgoing flow (review, signing, numbering and
    issuing stay there; issuing puts it into each organization's incoming register)."""
    _allow_meeting(actor, MeetingAction.MANAGE, meeting)
    if meeting.invitation_id is not None:
        raise Conflict("Cuộc họp đã có giấy mời.")
    host = meeting.host
    if not may_draft(actor, host):
        raise NotAllowed("Bạn không soạn thảo văn bản cho cơ quan chủ trì.")
    document_type = document_types_for(host).filter(name="Giấy mời").first()
    if document_type is None:
        raise Invalid("Cơ quan chủ trì chưa có loại văn bản Giấy mời.")
    template = templates_for(host).filter(document_type=document_type).first()
    event = meeting.event
    start = timezone.localtime(event.starts_at)
    guests = [a for a in event.attendees.all() if a.email and not a.person_id]
    invited = "; ".join(a.label for a in event.attendees.select_related(
        "person", "organization", "unit") if a.role == AttendeeRole.PARTICIPANT)
    body = (
        f"{host.name} trân trọng kính mời: {invited or event.participants_text or '…'}\n\n"
        f"Tới dự: {meeting.title}.\n\n"
        + (f"Nội dung: {meeting.agenda}\n\n" if meeting.agenda else "")
        + f"Thời gian: {start:%H} giờ {start:%M} phút, {long_date(start.date()).lower()}.\n\n"
        f"Địa điểm: {event.place}.\n\n"
        "Rất mong được đón tiếp./."
    )
    recipients = tuple(RecipientSpec(organization=o) for o in meeting.organizations.all()
                       if o.pk != host.pk)
    recipients += tuple(RecipientSpec(name=a.name, email=a.email) for a in guests)
    fields = DraftFields(document_type=document_type, subject=f"Mời dự {meeting.title}"[:500],
                         body=body, signer=signer, recipients=recipients, template=template)
    with transaction.atomic():
        document = create_draft(actor=actor, organization=host, fields=fields)
        if not Meeting.objects.filter(pk=meeting.pk, invitation__isnull=True).update(
                invitation=document):
            raise Conflict
        record_audit(actor=actor, action="meeting.invitation", target=meeting,
                     summary=f"Soạn giấy mời {meeting.title[:150]}",
                     office_id=host.office_id, organization_id=host.pk,
                     document=str(document.pk))
    meeting.invitation = document
    return document


def share_documents(*, actor: User, meeting: Meeting,
                    files: Sequence[tuple[StoredFile, str]]) -> list[MeetingDocument]:
    """Documents for the participants ahead of the meeting: each person invited is told,
    in the application and by e-mail with a link (never the file itself)."""
    _allow_meeting(actor, MeetingAction.MANAGE, meeting)
    if not files:
        raise Invalid("Chọn tài liệu để gửi.", fields={"files": "Bắt buộc."})
    with transaction.atomic():
        shared = MeetingDocument.objects.bulk_create(
            MeetingDocument(meeting=meeting, stored_file=f, filename=n, shared_by=actor,
                            shared_at=clock.now()) for f, n in files)
        link = reverse("schedule:meeting", args=[meeting.pk])
        names = ", ".join(n for _, n in files)
        for person in _meeting_people(meeting) - {actor}:
            notify(recipient=person, kind="meeting.documents",
                   title=f"Tài liệu {meeting.title[:200]}", body=f"Đã gửi: {names}", link=link)
        record_audit(actor=actor, action="meeting.documents", target=meeting,
                     summary=f"Gửi {len(files)} tài liệu", office_id=meeting.event.office_id,
                     organization_id=meeting.host_id)
    return shared


def _meeting_people(meeting: Meeting) -> set[User]:
    """Everyone to tell: persons invited, the secretary, and the leaders of organizations
    invited as a whole."""
    people = {a.person for a in meeting.event.attendees.select_related("person") if a.person}
    for attendee in meeting.event.attendees.select_related("organization"):
        if attendee.organization and not attendee.person_id:
            people |= set(attendee.organization.leaders())
    if meeting.secretary:
        people.add(meeting.secretary)
    return people


def record_attendance(*, actor: User, meeting: Meeting,
                      marks: dict[int, tuple[str, str]]) -> None:
    """Attendance per attendee: (mark, delegate's name)."""
    _allow_meeting(actor, MeetingAction.MANAGE, meeting)
    valid = {a.value for a in Attendance}
    with transaction.atomic():
        for attendee_id, (mark, delegate) in marks.items():
            if mark not in valid:
                raise Invalid("Điểm danh không hợp lệ.")
            Attendee.objects.filter(pk=attendee_id, event=meeting.event).update(
                attendance=mark, delegate_name=delegate.strip())
        if meeting.state == MeetingState.PLANNED:
            Meeting.objects.filter(pk=meeting.pk).update(state=MeetingState.HELD)
        record_audit(actor=actor, action="meeting.attendance", target=meeting,
                     summary="Điểm danh", office_id=meeting.event.office_id,
                     organization_id=meeting.host_id)
    meeting.refresh_from_db()


def record_minutes(*, actor: User, meeting: Meeting, text: str,
                   file: StoredFile | None = None) -> Meeting:
    _allow_meeting(actor, MeetingAction.MANAGE, meeting)
    if not text.strip() and file is None:
        raise Invalid("Nhập nội dung biên bản hoặc tải tệp biên bản.", fields={"text": "Trống."})
    with transaction.atomic():
        changes: dict[str, Any] = {"minutes": text.strip()}
        if file is not None:
            changes["minutes_file"] = file
        if meeting.state == MeetingState.PLANNED:
            changes["state"] = MeetingState.HELD
        Meeting.objects.filter(pk=meeting.pk).update(**changes)
        record_audit(actor=actor, action="meeting.minutes", target=meeting,
                     summary="Ghi biên bản", office_id=meeting.event.office_id,
                     organization_id=meeting.host_id)
    meeting.refresh_from_db()
    return meeting


def add_conclusions(*, actor: User, meeting: Meeting, texts: Sequence[str]) -> list[Conclusion]:
    _allow_meeting(actor, MeetingAction.MANAGE, meeting)
    texts = [t.strip() for t in texts if t.strip()]
    if not texts:
        raise Invalid("Nhập ít nhất một nội dung kết luận.", fields={"texts": "Trống."})
    with transaction.atomic():
        last = meeting.conclusions.aggregate(last=Max("position"))["last"] or 0
        made = Conclusion.objects.bulk_create(
            Conclusion(meeting=meeting, position=last + i, text=t, created_by=actor,
                       created_at=clock.now()) for i, t in enumerate(texts, start=1))
        Meeting.objects.filter(pk=meeting.pk).exclude(state=MeetingState.CANCELLED).update(
            state=MeetingState.CONCLUDED)
        record_audit(actor=actor, action="meeting.conclusions", target=meeting,
                     summary=f"Ghi {len(texts)} kết luận", office_id=meeting.event.office_id,
                     organization_id=meeting.host_id)
    meeting.refresh_from_db()
    return made


def create_tasks_from_conclusion(*, actor: User, conclusion: Conclusion,
                                 organization: Organization,
                                 specs: Sequence[TaskSpec]) -> list[Task]:
    """A conclusion becomes tasks of one organization taking part, given by its leaders."""
    meeting = conclusion.meeting
    _allow_meeting(actor, MeetingAction.VIEW, meeting)
    if not meeting.organizations.filter(pk=organization.pk).exists():
        raise Invalid(f"{organization.short_name} không dự cuộc họp này.")
    if not may_create_task(actor, organization):
        raise NotAllowed("Chỉ lãnh đạo cơ quan dự họp giao nhiệm vụ từ kết luận.")
    with transaction.atomic():
        tasks = create_tasks(actor=actor, organization=organization, specs=specs,
                             source=Source.MEETING)
        conclusion.tasks.add(*tasks)
        record_audit(actor=actor, action="meeting.tasks", target=meeting,
                     summary=f"Giao {len(tasks)} nhiệm vụ từ kết luận", office_id=
                     meeting.event.office_id, organization_id=organization.pk)
    return tasks


def _allow_meeting(actor: User, action: MeetingAction, meeting: Meeting) -> None:
    if not can_meeting(actor, action, meeting):
        raise NotAllowed
