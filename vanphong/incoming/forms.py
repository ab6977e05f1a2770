"""Forms of the incoming pages: parse and validate input, then hand plain values to actions."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError

from vanphong import clock
from vanphong.errors import Invalid
from vanphong.files import content
from vanphong.files.access import usable_ids
from vanphong.files.models import StoredFile
from vanphong.formstyle import BootstrapFormMixin
from vanphong.incoming.actions import (
    CORRECTABLE,
    Handlers,
    IncomingFields,
    eligible_people,
    eligible_units,
)
from vanphong.incoming.choices import handler_tree
from vanphong.incoming.models import Channel, IncomingDocument, Status
from vanphong.incoming.queries import IncomingListParams
from vanphong.organizations.choices import handler_posts
from vanphong.organizations.models import Organization, Position, User
from vanphong.organizations.standing import standing_of
from vanphong.records.panel import DossiersField
from vanphong.registers.models import DocumentType, Register, Secrecy, TypeSystem, Urgency
from vanphong.widgets import DateField, DateTimeField, TreeChoiceField
from vanphong.workdays.dates import deadline_after

KEPT_FILE_SALT = "vanphong.kept-file"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


def choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    return cast(forms.ChoiceField, form.fields[name])


def tree_field(form: forms.Form, name: str) -> TreeChoiceField:
    return cast(TreeChoiceField, form.fields[name])


def model_field(form: forms.Form, name: str) -> forms.ModelMultipleChoiceField:
    return cast(forms.ModelMultipleChoiceField, form.fields[name])


def sign_kept_file(stored: StoredFile, user: User) -> str:
    return signing.dumps({"f": str(stored.pk), "u": user.pk}, salt=KEPT_FILE_SALT)


def unsign_kept_files(tokens: list[str], user: User) -> list[StoredFile]:
    """Files this user uploaded earlier in the same form; foreign or stale tokens, and
    files they may no longer use, are ignored."""
    ids = []
    for token in tokens:
        try:
            data = signing.loads(token, salt=KEPT_FILE_SALT, max_age=24 * 3600)
        except signing.BadSignature:
            continue
        if data.get("u") == user.pk:
            ids.append(data["f"])
    usable = usable_ids(user, StoredFile.objects.filter(pk__in=ids).values_list("pk", flat=True))
    found = {str(f.pk): f for f in StoredFile.objects.filter(pk__in=usable)}
    return [found[i] for i in ids if i in found]


def document_type_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for doc_type in DocumentType.objects.filter(is_active=True, organization__isnull=True):
        label = TypeSystem(doc_type.system).label
        groups.setdefault(label, []).append((str(doc_type.pk), str(doc_type)))
    return [("", [("", "— Chọn loại văn bản —")]), *groups.items()]


class DocumentFieldsForm(BootstrapFormMixin, forms.Form):
    """The document's own facts, shared by registration and correction."""

    issuer = forms.CharField(label="Cơ quan ban hành", max_length=200)
    code = forms.CharField(
        label="Số, ký hiệu",
        max_length=50,
        required=False,
        help_text="Ví dụ 123/QĐ-UBND hoặc 15-NQ/TU.",
    )
    issued_date = DateField(label="Ngày văn bản")
    document_type = forms.TypedChoiceField(
        label="Loại văn bản", required=False, coerce=int, empty_value=None
    )
    subject = forms.CharField(
        label="Trích yếu nội dung", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    signer_name = forms.CharField(label="Người ký", max_length=50, required=False)
    signer_position = forms.CharField(label="Chức vụ người ký", max_length=100, required=False)
    reply_due = DateField(label="Hạn trả lời", required=False)
    recipients = forms.CharField(
        label="Nơi nhận (ghi trên văn bản)", max_length=1000, required=False
    )
    pages = forms.IntegerField(label="Số trang", required=False, min_value=1, max_value=9999)
    urgency = forms.TypedChoiceField(
        label="Độ khẩn", choices=Urgency.choices, coerce=int, initial=Urgency.NORMAL
    )
    note = forms.CharField(label="Ghi chú", max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "document_type").choices = document_type_choices()

    def incoming_fields(self, *, secrecy: int = Secrecy.NONE) -> IncomingFields:
        data = self.cleaned_data
        doc_type = DocumentType.objects.filter(pk=data["document_type"]).first()
        return IncomingFields(
            issuer=data["issuer"],
            code=data["code"],
            issued_date=data["issued_date"],
            subject=data["subject"],
            document_type=doc_type,
            signer_name=data["signer_name"],
            signer_position=data["signer_position"],
            reply_due=data["reply_due"],
            recipients=data["recipients"],
            pages=data["pages"],
            urgency=data["urgency"],
            secrecy=secrecy,
            note=data["note"],
        )


class RegisterForm(DocumentFieldsForm):
    """The clerk's fast registration form."""

    field_order = ["organizations", "arrival_at", "channel", "has_paper_original", "files"]

    organizations = forms.ModelMultipleChoiceField(
        label="Cơ quan nhận",
        queryset=Organization.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Chọn ít nhất một cơ quan nhận."},
    )
    arrival_at = DateTimeField(label="Ngày giờ đến")
    channel = forms.ChoiceField(
        label="Hình thức nhận", choices=Channel.choices[:3], initial=Channel.PAPER
    )
    has_paper_original = forms.BooleanField(
        label="Có bản giấy (bản gốc)", required=False, initial=True
    )
    files = MultipleFileField(  # type: ignore[assignment]
        label="Tệp văn bản", required=False,
        help_text="PDF, Word, RTF, ODT, Excel, ODS, ảnh hoặc tệp nén (ZIP, 7z, RAR) chứa các "
        "tệp đó; có thể chọn nhiều tệp."
    )
    secrecy = forms.TypedChoiceField(
        label="Độ mật", choices=Secrecy.choices, coerce=int, initial=Secrecy.NONE
    )
    route_now = forms.BooleanField(label="Trình người đứng đầu ngay sau khi vào sổ", required=False)
    confirm_duplicate = forms.BooleanField(label="Tôi đã kiểm tra, vẫn vào sổ", required=False)
    dossiers = DossiersField()

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offices = standing_of(user).clerk_offices
        receivers = Organization.objects.active().filter(office__in=offices)
        model_field(self, "organizations").queryset = receivers
        dossiers = self.fields["dossiers"]
        assert isinstance(dossiers, DossiersField)
        dossiers.offer(user, receivers.values_list("pk", flat=True))
        self.fields["files"].widget.attrs.update(
            {"data-preview": "file-preview", "accept": content.ACCEPT}
        )
        self.fields["issuer"].widget.attrs.update({"list": "known-issuers", "autocomplete": "off"})
        self.fields["subject"].widget.attrs["placeholder"] = "V/v ..."

    def clean_arrival_at(self) -> dt.datetime:
        value = self.cleaned_data["arrival_at"]
        if value > clock.now() + dt.timedelta(minutes=5):
            raise ValidationError("Ngày giờ đến không thể ở tương lai.")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        issued, arrival = data.get("issued_date"), data.get("arrival_at")
        if issued and arrival and issued > arrival.date():
            self.add_error("issued_date", "Ngày văn bản không thể sau ngày đến.")
        reply_due = data.get("reply_due")
        if issued and reply_due and reply_due < issued:
            self.add_error("reply_due", "Hạn trả lời không thể trước ngày văn bản.")
        receivers = {o.pk for o in data.get("organizations") or []}
        strangers = [d.code for d in data.get("dossiers") or []
                     if receivers and d.plan.organization_id not in receivers]
        if strangers:
            self.add_error("dossiers", "Hồ sơ " + ", ".join(strangers) + " không thuộc cơ quan "
                           "nhận văn bản này.")
        return data


class CorrectForm(DocumentFieldsForm):
    reason = forms.CharField(label="Lý do sửa", max_length=300, required=False)

    @classmethod
    def for_document(cls, document: IncomingDocument) -> CorrectForm:
        names = [n for n in CORRECTABLE if n != "document_type"]
        initial = {name: getattr(document, name) for name in names}
        initial["document_type"] = document.document_type_id
        return cls(initial=initial)


class RouteForm(BootstrapFormMixin, forms.Form):
    leaders = forms.ModelMultipleChoiceField(
        label="Trình lãnh đạo",
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Chọn ít nhất một lãnh đạo."},
    )
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)

    def __init__(self, *args: Any, document: IncomingDocument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        leaders = document.organization.leaders(on=clock.today())
        model_field(self, "leaders").queryset = leaders
        field = model_field(self, "leaders")
        field.label_from_instance = lambda u: _with_title(u, document)  # type: ignore[method-assign,assignment]
        head = document.organization.head(on=clock.today())
        if head and not self.is_bound:
            self.initial["leaders"] = [head.pk]


def _with_title(user: User, document: IncomingDocument) -> str:
    """"Lê Văn Nam — Chủ tịch UBND xã": the posts that make them a handler here."""
    titles = (
        handler_posts(document.office_id, organization_id=document.organization_id)
        .filter(person=user).values_list("title", flat=True)
    )
    return f"{user.full_name} — {', '.join(titles)}" if titles else user.full_name


def people_for(document: IncomingDocument) -> list[User]:
    return list(eligible_people(document))


class InstructForm(BootstrapFormMixin, forms.Form):
    lead = forms.ChoiceField(label="Chủ trì xử lý")
    supports = TreeChoiceField(label="Phối hợp")
    for_info = TreeChoiceField(label="Để biết")
    deadline = DateField(label="Hạn xử lý", required=False)
    working_days = forms.IntegerField(
        label="hoặc số ngày làm việc",
        required=False,
        min_value=0,
        max_value=250,
        help_text="Tính theo ngày làm việc, trừ ngày nghỉ lễ và ngày nghỉ bù.",
    )
    text = forms.CharField(
        label="Ý kiến chỉ đạo",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, document: IncomingDocument, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.document = document
        self.units = {f"u{u.pk}": u for u in eligible_units(document)}
        self.people = {f"p{p.pk}": p for p in people_for(document)}
        unit_choices = [(k, u.name) for k, u in self.units.items()]
        people_choices = [(k, _with_title(p, document)) for k, p in self.people.items()]
        choice_field(self, "lead").choices = [
            ("", "— Chọn —"),
            ("Đơn vị", unit_choices),
            ("Cá nhân", people_choices),
        ]
        tree_field(self, "supports").tree = handler_tree(document, with_units=True,
                                                         leaving_out=user)
        tree_field(self, "for_info").tree = handler_tree(document, with_units=False,
                                                         leaving_out=user)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("deadline") and data.get("working_days") is not None:
            raise ValidationError(
                "Chọn hạn xử lý theo ngày hoặc theo số ngày làm việc, không cả hai."
            )
        if data.get("deadline") and data["deadline"] < clock.today():
            self.add_error("deadline", "Hạn xử lý không thể trước hôm nay.")
        return data

    def handlers(self) -> Handlers:
        data = self.cleaned_data
        lead = data["lead"]
        supports = data["supports"]
        return Handlers(
            lead_person=self.people.get(lead),
            lead_unit=self.units.get(lead),
            support_people=[self.people[k] for k in supports if k in self.people],
            support_units=[self.units[k] for k in supports if k in self.units],
            for_info=[self.people[k] for k in data["for_info"] if k in self.people],
        )

    def chosen_deadline(self) -> dt.date | None:
        data = self.cleaned_data
        if data.get("working_days") is not None:
            return deadline_after(clock.today(), data["working_days"])
        return data.get("deadline")


class ReassignForm(BootstrapFormMixin, forms.Form):
    assignment = forms.TypedChoiceField(label="Phần việc", coerce=int)
    person = forms.TypedChoiceField(label="Giao cho", coerce=int)
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)

    def __init__(self, *args: Any, document: IncomingDocument, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = standing_of(user).unit_heads
        self.assignments = {
            a.pk: a
            for a in document.assignments.filter(state="active", unit_id__in=units)
            .exclude(kind="for_info")
            .select_related("unit", "person")
        }
        choice_field(self, "assignment").choices = [
            (pk, f"{a.get_kind_display()} — {a.handler_label}")
            for pk, a in self.assignments.items()
        ]
        unit_ids = {a.unit_id for a in self.assignments.values() if a.unit_id is not None}
        members = Position.objects.active(on=clock.today()).filter(unit_id__in=unit_ids)
        self.people = {u.pk: u for u in User.objects.filter(positions__in=members).distinct()}
        choice_field(self, "person").choices = [(pk, u.full_name) for pk, u in self.people.items()]


class NoteForm(BootstrapFormMixin, forms.Form):
    """One required text: a progress note, a return reason, a reopen reason."""

    text = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Nội dung không được để trống."},
    )


class CompleteForm(BootstrapFormMixin, forms.Form):
    result = forms.CharField(
        label="Kết quả xử lý",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Ghi kết quả xử lý."},
    )
    reply_code = forms.CharField(
        label="Số, ký hiệu văn bản trả lời (nếu có)", max_length=50, required=False
    )


class ShareForm(BootstrapFormMixin, forms.Form):
    readers = forms.MultipleChoiceField(label="Cho phép xem văn bản mật")

    def __init__(self, *args: Any, document: IncomingDocument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        readers = set(document.secret_readers.values_list("pk", flat=True))
        self.people = {str(p.pk): p for p in people_for(document) if p.pk not in readers}
        choice_field(self, "readers").choices = [(k, p.full_name) for k, p in self.people.items()]


URGENCY_FILTER = [("", "Tất cả"), ("urgent", "Khẩn trở lên"),
                  *((str(value), label) for value, label in Urgency.choices)]


class ListFilterForm(BootstrapFormMixin, forms.Form):
    """The list's filters; `list_params()` is the question `incoming_list` answers, the
    same one the API's filters ask. Organization and register are any id (the select
    offers the user's own): a filter narrows what the user may see, never widens it."""

    q = forms.CharField(label="Tìm", required=False, max_length=200)
    organization = forms.IntegerField(label="Cơ quan", required=False, min_value=1)
    register = forms.IntegerField(label="Sổ", required=False, min_value=1)
    status = forms.ChoiceField(
        label="Trạng thái", required=False, choices=[("", "Tất cả"), *Status.choices]
    )
    urgency = forms.ChoiceField(label="Độ khẩn", required=False, choices=URGENCY_FILTER)
    overdue = forms.BooleanField(label="Chỉ quá hạn", required=False)
    returned = forms.BooleanField(label="Chỉ bị trả lại", required=False)
    date_from = DateField(label="Đến từ ngày", required=False)
    date_to = DateField(label="đến ngày", required=False)

    def __init__(self, *args: Any, organizations: list[Organization],
                 registers: list[Register], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organization_choices = [("", "Tất cả cơ quan")] + [
            (o.pk, o.short_name) for o in organizations
        ]
        self.register_choices = [("", "Mọi sổ")] + [
            (r.pk, f"{r.organization.short_name} — {r.name}") for r in registers
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            self._params = self._build(data)
        except Invalid as error:
            for name in error.fields:
                self.add_error(name if name in self.fields else None, error.message)
        return data

    @staticmethod
    def _build(data: dict[str, Any]) -> IncomingListParams:
        urgency = data.get("urgency") or ""
        return IncomingListParams(
            organization_id=data.get("organization"), register_id=data.get("register"),
            status=data.get("status") or None,
            urgency=int(urgency) if urgency.isdigit() else None, urgent=urgency == "urgent",
            overdue=True if data.get("overdue") else None,
            returned=True if data.get("returned") else None,
            date_from=data.get("date_from"), date_to=data.get("date_to"), q=data.get("q") or "",
        )

    def list_params(self) -> IncomingListParams:
        """The question asked; only after `is_valid()` said yes."""
        return self._params
