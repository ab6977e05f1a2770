"""The office's one calendar: the weekly schedule (lịch công tác tuần) of every
organization's leaders and of the office's joint events, rooms, and meetings and joint
conferences with their invitations, documents, attendance, minutes and conclusions.

An event belongs to one organization, or to none (a joint event of the office). People are
matched by user, so a leader holding posts in two organizations is seen double-booked
across them (`conflicts.py`). Published events are what everyone reads; drafts and
approved events are the office's and the leaders' working copy.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from vanphong.files.models import StoredFile
from vanphong.followup.models import Task
from vanphong.organizations.models import Office, Organization, Unit
from vanphong.outgoing.models import OutgoingDocument


class Room(models.Model):
    office = models.ForeignKey(Office, models.PROTECT, related_name="rooms")
    name = models.CharField("Tên phòng", max_length=200)
    capacity = models.PositiveIntegerField("Sức chứa (người)", null=True, blank=True)
    is_active = models.BooleanField("Đang sử dụng", default=True)

    class Meta:
        ordering = ["office", "name"]
        verbose_name = "phòng họp"
        verbose_name_plural = "phòng họp"
        constraints = [models.UniqueConstraint(fields=["office", "name"], name="room_name_once")]

    def __str__(self) -> str:
        return self.name


class WeeklySchedule(models.Model):
    """One week of the office's calendar: its publication and revision ("Điều chỉnh lần N")."""

    office = models.ForeignKey(Office, models.PROTECT, related_name="weeks")
    week_start = models.DateField("Tuần từ thứ Hai")
    revision = models.PositiveSmallIntegerField(default=0)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-week_start"]
        constraints = [
            models.UniqueConstraint(fields=["office", "week_start"], name="one_week_per_office"),
        ]

    def __str__(self) -> str:
        return f"Tuần từ {self.week_start:%d/%m/%Y}"


class EventState(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    APPROVED = "approved", "Đã duyệt"
    PUBLISHED = "published", "Đã công bố"
    CANCELLED = "cancelled", "Hoãn/Hủy"


#: (from, to) -> what moves it; editing an approved event returns it to draft.
TRANSITIONS: dict[tuple[str, str], str] = {
    (EventState.DRAFT, EventState.APPROVED): "approve",
    (EventState.APPROVED, EventState.DRAFT): "edit",
    (EventState.APPROVED, EventState.PUBLISHED): "publish",
    (EventState.DRAFT, EventState.CANCELLED): "cancel",
    (EventState.APPROVED, EventState.CANCELLED): "cancel",
    (EventState.PUBLISHED, EventState.CANCELLED): "cancel",
}


class ScheduleEvent(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    office = models.ForeignKey(Office, models.PROTECT, related_name="events")
    schedule = models.ForeignKey(WeeklySchedule, models.PROTECT, related_name="events")
    organization = models.ForeignKey(
        Organization, models.PROTECT, null=True, blank=True, related_name="events",
        verbose_name="Cơ quan", help_text="Để trống: sự kiện chung của văn phòng (khối).",
    )
    starts_at = models.DateTimeField("Bắt đầu")
    ends_at = models.DateTimeField("Kết thúc")
    content = models.TextField("Nội dung")
    room = models.ForeignKey(Room, models.PROTECT, null=True, blank=True, related_name="events",
                             verbose_name="Phòng họp")
    venue = models.CharField("Địa điểm (ngoài phòng họp)", max_length=300, blank=True)
    preparing_unit = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="Đơn vị chuẩn bị",
    )
    preparing_text = models.CharField("Chuẩn bị (ghi thêm)", max_length=300, blank=True)
    participants_text = models.CharField("Thành phần (ghi thêm)", max_length=500, blank=True)
    office_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="Văn phòng theo dõi",
    )
    state = models.CharField(max_length=10, choices=EventState.choices, default=EventState.DRAFT)
    #: How many times a published event was changed (the iCalendar SEQUENCE).
    sequence = models.PositiveSmallIntegerField(default=0)
    changed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "created_at"]
        verbose_name = "sự kiện"
        verbose_name_plural = "lịch công tác"
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")),
                                   name="event_ends_after_start"),
            models.CheckConstraint(condition=Q(state__in=[s.value for s in EventState]),
                                   name="event_state_known"),
        ]
        indexes = [models.Index(fields=["office", "starts_at"]),
                   models.Index(fields=["room", "starts_at"])]

    def __str__(self) -> str:
        return self.content[:80]

    @property
    def place(self) -> str:
        return self.room.name if self.room else self.venue

    @property
    def week_param(self) -> str:
        """The ISO week of its start ("2026-W48"), as the week page takes it."""
        year, week, _ = timezone.localdate(self.starts_at).isocalendar()
        return f"{year}-W{week:02d}"

    @property
    def chair(self) -> Attendee | None:
        return next((a for a in self.attendees.all() if a.role == AttendeeRole.CHAIR), None)


class AttendeeRole(models.TextChoices):
    CHAIR = "chair", "Chủ trì"
    PARTICIPANT = "participant", "Thành phần"


class Rsvp(models.TextChoices):
    PENDING = "pending", "Chưa trả lời"
    ACCEPTED = "accepted", "Tham dự"
    DECLINED = "declined", "Vắng"


class Attendance(models.TextChoices):
    UNKNOWN = "", "Chưa điểm danh"
    PRESENT = "present", "Có mặt"
    ABSENT = "absent", "Vắng"
    EXCUSED = "excused", "Vắng có lý do"
    DELEGATED = "delegated", "Cử người dự thay"


class Attendee(models.Model):
    """Who is there: a person of the office, an organization or unit (its leaders decide
    who goes), or a guest by name and e-mail. The chair is an attendee too, so conflicts
    see the chair."""

    event = models.ForeignKey(ScheduleEvent, models.CASCADE, related_name="attendees")
    role = models.CharField(max_length=12, choices=AttendeeRole.choices,
                            default=AttendeeRole.PARTICIPANT)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                               related_name="attendances")
    organization = models.ForeignKey(Organization, models.PROTECT, null=True, blank=True,
                                     related_name="+")
    unit = models.ForeignKey(Unit, models.PROTECT, null=True, blank=True, related_name="+")
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    rsvp = models.CharField(max_length=10, choices=Rsvp.choices, default=Rsvp.PENDING)
    attendance = models.CharField(max_length=10, choices=Attendance.choices, blank=True,
                                  default=Attendance.UNKNOWN)
    delegate_name = models.CharField("Người dự thay", max_length=200, blank=True)

    class Meta:
        ordering = ["role", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(organization__isnull=False)
                | Q(unit__isnull=False) | ~Q(name=""),
                name="attendee_is_someone",
            ),
        ]
        indexes = [models.Index(fields=["person", "event"])]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.person:
            return self.person.full_name
        if self.unit:
            return self.unit.name
        if self.organization:
            return self.organization.name
        return self.name


#: What each kind of change is called in the history.
CHANGE_LABELS = {
    "create": "Thêm vào lịch", "edit": "Sửa", "approve": "Duyệt", "publish": "Công bố",
    "cancel": "Hoãn/hủy", "rsvp": "Trả lời tham dự",
}


class ScheduleChange(models.Model):
    """History of one event: every change, who, when."""

    event = models.ForeignKey(ScheduleEvent, models.CASCADE, related_name="changes")
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                              related_name="+")
    kind = models.CharField(max_length=12)
    from_state = models.CharField(max_length=10, blank=True)
    to_state = models.CharField(max_length=10, blank=True)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.label}"

    @property
    def label(self) -> str:
        return CHANGE_LABELS.get(self.kind, self.kind)


class CalendarFeed(models.Model):
    """A person's private iCalendar link: only a hash of its key is kept (as API tokens)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Lịch của {self.user}"


# --- Meetings and joint conferences ----------------------------------------------------------


class MeetingKind(models.TextChoices):
    MEETING = "meeting", "Cuộc họp"
    CONFERENCE = "conference", "Hội nghị"


class MeetingState(models.TextChoices):
    PLANNED = "planned", "Đang chuẩn bị"
    HELD = "held", "Đã họp"
    CONCLUDED = "concluded", "Đã có kết luận"
    CANCELLED = "cancelled", "Đã hủy"


class Meeting(models.Model):
    """A meeting of one organization, or a joint conference of several (one instead of
    six), in the weekly schedule through its event."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    event = models.OneToOneField(ScheduleEvent, models.PROTECT, related_name="meeting")
    title = models.CharField("Tên cuộc họp, hội nghị", max_length=500)
    kind = models.CharField("Loại", max_length=12, choices=MeetingKind.choices,
                            default=MeetingKind.MEETING)
    host = models.ForeignKey(Organization, models.PROTECT, related_name="hosted_meetings",
                             verbose_name="Cơ quan chủ trì")
    organizations = models.ManyToManyField(Organization, related_name="meetings",
                                           verbose_name="Các cơ quan")
    agenda = models.TextField("Chương trình", blank=True)
    secretary = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True,
                                  blank=True, related_name="+", verbose_name="Thư ký")
    invitation = models.ForeignKey(OutgoingDocument, models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name="Giấy mời")
    state = models.CharField(max_length=10, choices=MeetingState.choices,
                             default=MeetingState.PLANNED)
    minutes = models.TextField("Biên bản", blank=True)
    minutes_file = models.ForeignKey(StoredFile, models.PROTECT, null=True, blank=True,
                                     related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "cuộc họp, hội nghị"
        verbose_name_plural = "cuộc họp, hội nghị"

    def __str__(self) -> str:
        return self.title


class MeetingDocument(models.Model):
    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="documents")
    stored_file = models.ForeignKey(StoredFile, models.PROTECT, related_name="meeting_documents")
    filename = models.CharField(max_length=255)
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    shared_at = models.DateTimeField()

    class Meta:
        ordering = ["shared_at", "id"]

    def __str__(self) -> str:
        return self.filename


class Conclusion(models.Model):
    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="conclusions")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField("Nội dung kết luận")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    tasks = models.ManyToManyField(Task, related_name="conclusions", blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text[:80]
