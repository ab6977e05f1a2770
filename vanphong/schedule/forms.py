"""Forms of the schedule and meeting pages: they check the shape of the input and build
the `*Fields` the actions take; the rules live in the actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils import timezone

from vanphong import clock
from vanphong.formstyle import BootstrapFormMixin
from vanphong.incoming.forms import MultipleFileField, choice_field
from vanphong.organizations.choices import handler_posts, org_tree
from vanphong.organizations.models import Office, Organization, Position, Role, Unit, User
from vanphong.outgoing.forms import parse_addresses
from vanphong.schedule.actions import EventFields, MeetingFields
from vanphong.schedule.models import Attendance, MeetingKind, Room
from vanphong.widgets import DateField, Node, TimeField, TreeChoiceField, choices_of


class People:
    """The office's people, organizations, units and rooms as choices."""

    def __init__(self, office: Office) -> None:
        self.office = office
        posts = Position.objects.active(on=clock.today()).filter(
            office=office, person__is_active=True).exclude(role=Role.ADMIN).select_related(
            "person", "organization").order_by("person__full_name")
        self.people: dict[str, User] = {}
        self.titles: dict[str, list[str]] = {}
        for post in posts:
            key = str(post.person_id)
            self.people[key] = post.person
            self.titles.setdefault(key, []).append(post.title)
        self.orgs = {str(o.pk): o for o in Organization.objects.active().filter(office=office)}
        self.units = {str(u.pk): u for u in Unit.objects.filter(office=office, is_active=True)
                      .select_related("organization")}
        self.rooms = {str(r.pk): r for r in Room.objects.filter(office=office, is_active=True)}

    def person_choices(self) -> list[tuple[str, str]]:
        return [(k, f"{u.full_name} — {', '.join(self.titles[k])}")
                for k, u in self.people.items()]

    def org_choices(self) -> list[tuple[str, str]]:
        return [(k, o.name) for k, o in self.orgs.items()]

    def participant_tree(self, keep: Iterable[str] = ()) -> list[Node]:
        """Who may be invited by name: people who handle work (not the clerk, cashier,
        archivist: organizations/choices.py), under their organization and unit. `keep`:
        people an event being edited already invites, offered (ticked) even when not in
        that list, so saving the edit does not drop them."""
        posts = handler_posts(self.office.pk).select_related("person", "organization", "unit")
        tree = org_tree(organizations=[*self.orgs.values(), None], units=self.units.values(),
                        posts=posts.order_by("organization__position", "pk"),
                        person_value=lambda post: str(post.person_id),
                        office_label=self.office.name)
        offered = {value for value, _ in choices_of(tree)}
        kept = [key for key in dict.fromkeys(keep) if key not in offered and key in self.people]
        if kept:
            tree.append(Node("Đã mời từ trước", children=tuple(
                Node(self.people[key].full_name, value=key, title=", ".join(self.titles[key]))
                for key in kept)))
        return tree

    def org_tree(self) -> list[Node]:
        return [Node(o.name, value=k) for k, o in self.orgs.items()]


def _offer(form: forms.Form, name: str, tree: list[Node]) -> None:
    field = form.fields[name]
    assert isinstance(field, TreeChoiceField)
    field.tree = tree


def _aware(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


class EventForm(BootstrapFormMixin, forms.Form):
    organization = forms.ChoiceField(label="Lịch của", required=False)
    day = DateField(label="Ngày")
    start = TimeField(label="Từ giờ")
    end = TimeField(label="Đến giờ")
    content = forms.CharField(label="Nội dung", max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))
    chair = forms.ChoiceField(label="Chủ trì", required=False)
    participants = TreeChoiceField(label="Thành phần (cá nhân)")
    participant_orgs = TreeChoiceField(label="Thành phần (cơ quan)")
    participants_text = forms.CharField(label="Thành phần (ghi thêm)", max_length=500,
                                        required=False)
    room = forms.ChoiceField(label="Phòng họp", required=False)
    venue = forms.CharField(label="hoặc địa điểm khác", max_length=300, required=False)
    preparing_unit = forms.ChoiceField(label="Đơn vị chuẩn bị", required=False)
    preparing_text = forms.CharField(label="Chuẩn bị (ghi thêm)", max_length=300,
                                     required=False)
    office_contact = forms.ChoiceField(label="Văn phòng theo dõi", required=False)

    def __init__(self, *args: Any, people: People, organizations: list[Organization],
                 joint_allowed: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = people
        owners = ([("", "Chung của văn phòng (khối)")] if joint_allowed else []) + [
            (str(o.pk), o.name) for o in organizations]
        self.allowed_orgs = {str(o.pk): o for o in organizations}
        choice_field(self, "organization").choices = owners
        persons = people.person_choices()
        choice_field(self, "chair").choices = [("", "—"), *persons]
        _offer(self, "participants",
               people.participant_tree(keep=self.initial.get("participants") or ()))
        _offer(self, "participant_orgs", people.org_tree())
        choice_field(self, "room").choices = [("", "—"), *[(k, r.name) for k, r in
                                                           people.rooms.items()]]
        choice_field(self, "preparing_unit").choices = [("", "—"), *[(k, str(u)) for k, u in
                                                                     people.units.items()]]
        choice_field(self, "office_contact").choices = [("", "—"), *persons]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", "Giờ kết thúc phải sau giờ bắt đầu.")
        if not data.get("room") and not data.get("venue"):
            self.add_error("venue", "Chọn phòng họp hoặc ghi địa điểm.")
        return data

    def to_fields(self) -> EventFields:
        data, p = self.cleaned_data, self.people
        return EventFields(
            starts_at=_aware(data["day"], data["start"]),
            ends_at=_aware(data["day"], data["end"]),
            content=data["content"],
            organization=self.allowed_orgs.get(data["organization"] or ""),
            chair=p.people.get(data["chair"]) if data["chair"] else None,
            participants=tuple(p.people[k] for k in data["participants"]),
            participant_orgs=tuple(p.orgs[k] for k in data["participant_orgs"]),
            participants_text=data["participants_text"],
            room=p.rooms.get(data["room"]) if data["room"] else None,
            venue=data["venue"],
            preparing_unit=p.units.get(data["preparing_unit"]) if data["preparing_unit"]
            else None,
            preparing_text=data["preparing_text"],
            office_contact=p.people.get(data["office_contact"]) if data["office_contact"]
            else None,
        )

    @classmethod
    def initial_for(cls, event: Any) -> dict[str, Any]:
        start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
        attendees = list(event.attendees.all())
        chair = next((a for a in attendees if a.role == "chair"), None)
        return {
            "organization": str(event.organization_id or ""), "day": start.date(),
            "start": start.time(), "end": end.time(), "content": event.content,
            "chair": str(chair.person_id) if chair and chair.person_id else "",
            "participants": [str(a.person_id) for a in attendees
                             if a.role == "participant" and a.person_id],
            "participant_orgs": [str(a.organization_id) for a in attendees
                                 if a.organization_id and not a.person_id],
            "participants_text": event.participants_text,
            "room": str(event.room_id or ""), "venue": event.venue,
            "preparing_unit": str(event.preparing_unit_id or ""),
            "preparing_text": event.preparing_text,
            "office_contact": str(event.office_contact_id or ""),
        }


class ReasonForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label="Lý do", max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class RsvpForm(BootstrapFormMixin, forms.Form):
    attend = forms.TypedChoiceField(label="Trả lời", coerce=lambda v: v == "1",
                                    choices=[("1", "Tham dự"), ("0", "Vắng")],
                                    widget=forms.RadioSelect)
    delegate = forms.CharField(label="Cử người dự thay", max_length=200, required=False)


class MeetingForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label="Tên cuộc họp, hội nghị", max_length=500)
    kind = forms.ChoiceField(label="Loại", choices=MeetingKind.choices)
    host = forms.ChoiceField(label="Cơ quan chủ trì")
    organizations = TreeChoiceField(label="Các cơ quan cùng tổ chức",
                                    help_text="Chọn thêm để tổ chức hội nghị liên "
                                                        "tịch (một hội nghị thay vì nhiều).")
    day = DateField(label="Ngày")
    start = TimeField(label="Từ giờ")
    end = TimeField(label="Đến giờ")
    room = forms.ChoiceField(label="Phòng họp", required=False)
    venue = forms.CharField(label="hoặc địa điểm khác", max_length=300, required=False)
    chair = forms.ChoiceField(label="Chủ trì", required=False)
    participants = TreeChoiceField(label="Thành phần (cá nhân)")
    participant_orgs = TreeChoiceField(label="Thành phần (cơ quan)")
    guests = forms.CharField(label="Khách mời ngoài (mỗi dòng: Tên <thư điện tử>)",
                             required=False, max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 2}))
    agenda = forms.CharField(label="Chương trình, nội dung", required=False, max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 3}))
    secretary = forms.ChoiceField(label="Thư ký", required=False)

    def __init__(self, *args: Any, people: People, hosts: list[Organization],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = people
        self.hosts = {str(o.pk): o for o in hosts}
        choice_field(self, "host").choices = [(k, o.name) for k, o in self.hosts.items()]
        _offer(self, "organizations", people.org_tree())
        _offer(self, "participant_orgs", people.org_tree())
        persons = people.person_choices()
        choice_field(self, "chair").choices = [("", "—"), *persons]
        choice_field(self, "secretary").choices = [("", "—"), *persons]
        _offer(self, "participants", people.participant_tree())
        choice_field(self, "room").choices = [("", "—"), *[(k, r.name) for k, r in
                                                           people.rooms.items()]]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", "Giờ kết thúc phải sau giờ bắt đầu.")
        if not data.get("room") and not data.get("venue"):
            self.add_error("venue", "Chọn phòng họp hoặc ghi địa điểm.")
        specs, errors = parse_addresses(data.get("guests", ""))
        if errors:
            self.add_error("guests", "; ".join(errors))
        data["guest_specs"] = specs
        return data

    def to_fields(self) -> MeetingFields:
        data, p = self.cleaned_data, self.people
        event = EventFields(
            starts_at=_aware(data["day"], data["start"]), ends_at=_aware(data["day"], data["end"]),
            content=data["title"],
            chair=p.people.get(data["chair"]) if data["chair"] else None,
            participants=tuple(p.people[k] for k in data["participants"]),
            participant_orgs=tuple(p.orgs[k] for k in data["participant_orgs"]),
            room=p.rooms.get(data["room"]) if data["room"] else None, venue=data["venue"],
        )
        fields = MeetingFields(
            title=data["title"], host=self.hosts[data["host"]],
            organizations=tuple(p.orgs[k] for k in data["organizations"]), event=event,
            kind=data["kind"], agenda=data["agenda"],
            secretary=p.people.get(data["secretary"]) if data["secretary"] else None,
            guests=tuple((s.name, s.email) for s in data["guest_specs"]),
        )
        return fields


class InvitationForm(BootstrapFormMixin, forms.Form):
    signer = forms.ChoiceField(label="Người ký giấy mời")

    def __init__(self, *args: Any, signers: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.signers = {str(u.pk): u for u in signers}
        choice_field(self, "signer").choices = [(k, u.full_name) for k, u in self.signers.items()]


class ShareForm(BootstrapFormMixin, forms.Form):
    documents = MultipleFileField(label="Tài liệu")


class MinutesForm(BootstrapFormMixin, forms.Form):
    text = forms.CharField(label="Biên bản", required=False, max_length=50_000,
                           widget=forms.Textarea(attrs={"rows": 6}))
    file = forms.FileField(label="hoặc tệp biên bản (bản quét, PDF)", required=False)


class ConclusionsForm(BootstrapFormMixin, forms.Form):
    texts = forms.CharField(label="Kết luận (mỗi dòng một nội dung)", max_length=20_000,
                            widget=forms.Textarea(attrs={"rows": 4}))

    def lines(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.cleaned_data["texts"].splitlines()
                if line.strip(" -•\t")]


ATTENDANCE_CHOICES = Attendance.choices
