"""Forms of the outgoing pages: parse and validate input, then hand plain values to actions."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.validators import validate_email
from django.db.models import Q, QuerySet

from vanphong import clock
from vanphong.errors import Invalid
from vanphong.formstyle import BootstrapFormMixin
from vanphong.incoming.access import visible_incoming
from vanphong.incoming.forms import MultipleFileField
from vanphong.incoming.models import OPEN_STATUSES, IncomingDocument
from vanphong.organizations.models import Family, Organization, Unit, User
from vanphong.outgoing.actions import DraftFields, RecipientSpec
from vanphong.outgoing.authority import SignerChoice, check_authority, signer_choices
from vanphong.outgoing.models import (
    Capacity,
    Correspondent,
    NumberReservation,
    OutgoingDocument,
    ReservationState,
    Template,
)
from vanphong.outgoing.queries import OutgoingListParams
from vanphong.records.panel import DossiersField
from vanphong.registers.models import DocumentType, Register, Secrecy, TypeSystem, Urgency
from vanphong.widgets import DateField

MULTI_FIELDS = frozenset({"internal", "correspondents", "answers"})
_ADDRESS = re.compile(r"^(?P<name>[^<]*?)\s*(?:<(?P<email>[^>]+)>)?\s*$")


def document_types_for(organization: Organization) -> QuerySet[DocumentType]:
    """The types an organization issues: Party types for the Party committee, the State
    list for the others."""
    system = TypeSystem.PARTY if organization.family == Family.PARTY else TypeSystem.STATE
    scope = Q(organization__isnull=True) | Q(organization=organization)
    return DocumentType.objects.filter(scope, system=system, is_active=True)


def templates_for(organization: Organization) -> QuerySet[Template]:
    scope = Q(organization__isnull=True) | Q(organization=organization)
    return Template.objects.filter(
        scope, is_active=True, document_type__in=document_types_for(organization)
    ).select_related("document_type")


def signer_label(choice: SignerChoice) -> str:
    """"Lê Văn Nam — TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH": the block the choice will print."""
    if choice.capacity == Capacity.DIRECT:
        return f"{choice.person.full_name} — Ký trực tiếp: {choice.label}"
    return f"{choice.person.full_name} — {choice.label}"


def parse_addresses(text: str) -> tuple[list[RecipientSpec], list[str]]:
    """One recipient per line: "Tên cơ quan" or "Tên cơ quan <email>"."""
    specs, errors = [], []
    for line in text.splitlines():
        line = line.strip().strip(";")
        if not line:
            continue
        match = _ADDRESS.match(line)
        name, email = (match["name"].strip(), (match["email"] or "").strip()) if match else (
            line, "")
        if email:
            try:
                validate_email(email)
            except forms.ValidationError:
                errors.append(f"Địa chỉ thư “{email}” không hợp lệ.")
                continue
        specs.append(RecipientSpec(name=name or email, email=email))
    return specs, errors


class DraftForm(BootstrapFormMixin, forms.Form):
    document_type = forms.ModelChoiceField(
        label="Loại văn bản", queryset=DocumentType.objects.none()
    )
    template = forms.ModelChoiceField(
        label="Mẫu văn bản", queryset=Template.objects.none(), required=False,
        empty_label="— Không dùng mẫu —",
    )
    subject = forms.CharField(
        label="Trích yếu nội dung", max_length=500,
        help_text="Công văn: ghi nội dung, hệ thống tự thêm “V/v”.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    body = forms.CharField(
        label="Nội dung", required=False, widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Mỗi dòng là một đoạn của văn bản. Để trống nếu tải lên tệp dự thảo.",
    )
    upload = forms.FileField(
        label="Hoặc tải lên tệp dự thảo (.docx, PDF)", required=False,
        help_text="Tệp .docx có thể chứa {{ so_ky_hieu }} và {{ ngay_thang }} để văn thư điền "
        "số và ngày khi phát hành.",
    )
    attachments = MultipleFileField(
        label="Phụ lục, tài liệu gửi kèm", required=False,
        help_text="Gửi cùng văn bản tới mọi nơi nhận (PDF, Word, Excel, OpenDocument, RTF, ảnh).",
    )
    addressees = forms.CharField(
        label="Kính gửi", required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Mỗi nơi một dòng (công văn, tờ trình, báo cáo); trong “Nơi nhận” các nơi "
        "này được ghi gọn là “Như trên”.",
    )
    signer = forms.ChoiceField(label="Người ký và thẩm quyền ký")
    drafting_unit = forms.ModelChoiceField(
        label="Đơn vị soạn thảo", queryset=Unit.objects.none(), required=False,
        empty_label="— Không —", help_text="Dùng trong ký hiệu công văn và dòng “Lưu”.",
    )
    urgency = forms.TypedChoiceField(label="Độ khẩn", choices=Urgency.choices[:4], coerce=int,
                                     initial=Urgency.NORMAL)
    secrecy = forms.TypedChoiceField(label="Độ mật", choices=Secrecy.choices, coerce=int,
                                     initial=Secrecy.NONE)
    copies = forms.IntegerField(label="Số lượng bản", min_value=1, max_value=999, initial=1)
    internal = forms.ModelMultipleChoiceField(
        label="Gửi các cơ quan trong văn phòng", queryset=Organization.objects.none(),
        required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Nhận ngay vào sổ văn bản đến của cơ quan, không phải nhập lại.",
    )
    correspondents = forms.ModelMultipleChoiceField(
        label="Gửi các cơ quan ngoài đã biết", queryset=Correspondent.objects.none(),
        required=False, widget=forms.CheckboxSelectMultiple,
    )
    others = forms.CharField(
        label="Nơi nhận khác", required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Mỗi nơi một dòng: “Tên cơ quan” (gửi bản giấy) hoặc "
        "“Tên cơ quan <thu@dia.chi>” (gửi thư điện tử).",
    )
    answers = forms.ModelMultipleChoiceField(
        label="Trả lời văn bản đến", queryset=IncomingDocument.objects.none(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
        help_text="Khi phát hành, các văn bản đến này được đánh dấu đã xử lý xong.",
    )

    signed_on_paper = forms.BooleanField(
        label="Văn bản đã ký trên giấy (ghi nhận để cấp số, phát hành)", required=False,
        help_text="Chỉ văn thư. Tải lên bản chụp đã ký; có thể dùng số đã ghi trên văn bản.",
    )
    signed_on = DateField(label="Ngày ký", required=False)

    def __init__(self, *args: Any, organization: Organization, user: User,
                 clerk: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organization, self.user = organization, user
        if not clerk:
            del self.fields["signed_on_paper"], self.fields["signed_on"]
        self.fields["document_type"].queryset = document_types_for(organization)  # type: ignore[attr-defined]
        self.fields["template"].queryset = templates_for(organization)  # type: ignore[attr-defined]
        self.fields["drafting_unit"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            Q(organization=organization) | Q(organization__isnull=True,
                                             office=organization.office_id),
            is_active=True,
        )
        self.fields["internal"].queryset = Organization.objects.active().filter(  # type: ignore[attr-defined]
            office=organization.office_id).exclude(pk=organization.pk)
        self.fields["correspondents"].queryset = Correspondent.objects.filter(  # type: ignore[attr-defined]
            office=organization.office_id, is_active=True)
        self.fields["answers"].queryset = visible_incoming(user).filter(  # type: ignore[attr-defined]
            organization=organization, status__in=OPEN_STATUSES
        ).order_by("-arrival_at")[:200]
        choices = signer_choices(organization, clock.today())
        self.signers = {f"{c.person.pk}:{c.capacity}": (c.person, c.capacity) for c in choices}
        self.fields["signer"].choices = [("", "— Chọn người ký —")] + [  # type: ignore[attr-defined]
            (f"{c.person.pk}:{c.capacity}", signer_label(c)) for c in choices
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("signer") in self.signers and data.get("document_type"):
            person, capacity = self.signers[data["signer"]]
            authority = check_authority(
                organization=self.organization, document_type=data["document_type"],
                signer=person, capacity=capacity, on=clock.today(),
            )
            if not authority.allowed:
                self.add_error("signer", authority.reason)
        if data.get("signed_on_paper"):
            if not data.get("upload"):
                self.add_error("upload", "Tải lên bản chụp văn bản đã ký.")
            if not data.get("signed_on"):
                self.add_error("signed_on", "Ghi ngày ký.")
        return data

    def clean_others(self) -> list[RecipientSpec]:
        specs, errors = parse_addresses(self.cleaned_data.get("others", ""))
        if errors:
            raise forms.ValidationError(errors)
        return specs

    def draft_fields(self) -> DraftFields:
        data = self.cleaned_data
        person, capacity = self.signers[data["signer"]]
        recipients = (
            [RecipientSpec(organization=org) for org in data["internal"]]
            + [RecipientSpec(correspondent=c) for c in data["correspondents"]]
            + list(data["others"])
        )
        return DraftFields(
            document_type=data["document_type"], subject=data["subject"], body=data["body"],
            addressees=data["addressees"], signer=person, capacity=capacity,
            drafting_unit=data["drafting_unit"], urgency=data["urgency"],
            secrecy=data["secrecy"], copies=data["copies"], recipients=tuple(recipients),
            answers=tuple(data["answers"]), template=data["template"],
        )

    @staticmethod
    def initial_for(document: OutgoingDocument) -> dict[str, Any]:
        recipients = list(document.recipients.all())
        others = "\n".join(
            f"{r.name} <{r.email}>" if r.email else r.name
            for r in recipients if r.organization_id is None and r.correspondent_id is None
        )
        return {
            "document_type": document.document_type_id, "template": document.template_id,
            "subject": document.subject, "body": document.body,
            "addressees": document.addressees,
            "signer": f"{document.signer_id}:{document.capacity}" if document.signer_id else "",
            "drafting_unit": document.drafting_unit_id, "urgency": document.urgency,
            "secrecy": document.secrecy, "copies": document.copies,
            "internal": [r.organization_id for r in recipients if r.organization_id],
            "correspondents": [r.correspondent_id for r in recipients if r.correspondent_id],
            "others": others, "answers": list(document.answers.values_list("pk", flat=True)),
        }


class ReasonForm(BootstrapFormMixin, forms.Form):
    text = forms.CharField(
        label="Nội dung", max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class CommentForm(BootstrapFormMixin, forms.Form):
    text = forms.CharField(label="Ý kiến", max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class SubmitForm(BootstrapFormMixin, forms.Form):
    leader = forms.ModelChoiceField(label="Lãnh đạo phụ trách cho ý kiến",
                                    queryset=User.objects.none(), required=False,
                                    empty_label="— Không qua lãnh đạo phụ trách —")

    def __init__(self, *args: Any, leaders: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = leaders  # type: ignore[attr-defined]


class IssueForm(BootstrapFormMixin, forms.Form):
    MODES = [("next", "Lấy số kế tiếp"), ("reserved", "Dùng số đã giữ"),
             ("manual", "Số đã ghi trên văn bản ký giấy")]
    on = DateField(label="Ngày ban hành")
    mode = forms.ChoiceField(label="Cấp số", choices=MODES, initial="next",
                             widget=forms.RadioSelect)
    reservation = forms.ModelChoiceField(
        label="Số đã giữ", queryset=NumberReservation.objects.none(), required=False,
        empty_label="— Chọn —",
    )
    manual_number = forms.IntegerField(label="Số ghi tay", min_value=1, required=False)
    paper_copies = forms.BooleanField(label="Phát hành kèm bản giấy (in, đóng dấu)",
                                      required=False)
    dossiers = DossiersField()

    def __init__(self, *args: Any, document: OutgoingDocument, user: User, **kwargs: Any
                 ) -> None:
        super().__init__(*args, **kwargs)
        dossiers = self.fields["dossiers"]
        assert isinstance(dossiers, DossiersField)
        dossiers.offer(user, [document.organization_id])
        self.fields["on"].initial = clock.today()
        self.fields["reservation"].queryset = NumberReservation.objects.filter(  # type: ignore[attr-defined]
            register__organization=document.organization_id, state=ReservationState.RESERVED
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("mode") == "reserved" and not data.get("reservation"):
            self.add_error("reservation", "Chọn số đã giữ.")
        if data.get("mode") == "manual" and not data.get("manual_number"):
            self.add_error("manual_number", "Ghi số đã ghi trên văn bản.")
        return data


class ReserveForm(BootstrapFormMixin, forms.Form):
    register = forms.ModelChoiceField(label="Sổ", queryset=Register.objects.none())
    document_type = forms.ModelChoiceField(
        label="Loại văn bản", queryset=DocumentType.objects.none(), required=False,
        empty_label="— (sổ dùng chung) —",
    )
    reason = forms.CharField(label="Lý do giữ số", max_length=300)

    def __init__(self, *args: Any, registers: QuerySet[Register], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["register"].queryset = registers  # type: ignore[attr-defined]
        self.fields["document_type"].queryset = DocumentType.objects.filter(  # type: ignore[attr-defined]
            is_active=True, system__in=[TypeSystem.STATE, TypeSystem.PARTY])


class ListFilterForm(BootstrapFormMixin, forms.Form):
    """The list's filters; `list_params()` is the question `outgoing_list` answers, the
    same one the API's filters ask. Organization and type are any id (the selects offer
    the usual ones): a filter narrows what the user may see, never widens it."""

    from vanphong.outgoing.models import Status as _Status

    organization = forms.IntegerField(label="Cơ quan", required=False, min_value=1,
                                      widget=forms.Select)
    status = forms.ChoiceField(label="Trạng thái", required=False,
                               choices=[("", "Mọi trạng thái"), *_Status.choices])
    q = forms.CharField(label="Tìm", required=False, max_length=200,
                        widget=forms.TextInput(attrs={"placeholder": "Trích yếu hoặc số, ký hiệu"}))
    document_type = forms.IntegerField(label="Loại văn bản", required=False, min_value=1,
                                       widget=forms.Select)
    date_from = DateField(label="Ban hành từ ngày", required=False)
    date_to = DateField(label="đến ngày", required=False)
    late = forms.BooleanField(label="Chỉ phát hành muộn", required=False)

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        types = DocumentType.objects.filter(is_active=True,
                                            system__in=[TypeSystem.STATE, TypeSystem.PARTY])
        self._choices("organization", "Tất cả cơ quan",
                      [(o.pk, o.short_name) for o in organizations])
        self._choices("document_type", "Mọi loại", [(t.pk, str(t)) for t in types])

    def _choices(self, name: str, empty: str, choices: list[tuple[int, str]]) -> None:
        self.fields[name].widget.choices = [("", empty), *choices]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            self._params = OutgoingListParams(
                organization_id=data.get("organization"), status=data.get("status") or None,
                document_type_id=data.get("document_type"), date_from=data.get("date_from"),
                date_to=data.get("date_to"), late=True if data.get("late") else None,
                q=data.get("q") or "",
            )
        except Invalid as error:
            for name in error.fields:
                self.add_error(name if name in self.fields else None, error.message)
        return data

    def list_params(self) -> OutgoingListParams:
        """The question asked; only after `is_valid()` said yes."""
        return self._params
