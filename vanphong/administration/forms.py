"""Forms of the administration pages. They check the shape of the input (required
fields, dates, choices limited to what the administrator manages) and turn it into the
`*Fields` values the actions take; the business rules live in the actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from vanphong import clock
from vanphong.errors import DomainError
from vanphong.followup.configuration import PolicyFields
from vanphong.formstyle import BootstrapFormMixin
from vanphong.organizations.actions import (
    OfficeFields,
    OrganizationFields,
    PersonFields,
    PositionFields,
    UnitFields,
)
from vanphong.organizations.models import (
    ArchiveStream,
    CollectiveSigning,
    DocumentStyle,
    Family,
    Office,
    Organization,
    Role,
    Unit,
    User,
)
from vanphong.outgoing.configuration import (
    CorrespondentFields,
    DelegationFields,
    ReviewChainFields,
    TemplateFields,
)
from vanphong.outgoing.models import DelegationKind
from vanphong.registers.actions import DocumentTypeFields, RegisterFields, TermFields
from vanphong.registers.models import (
    DocumentType,
    RegisterKind,
    ResetPolicy,
    SecretPolicy,
    TermKind,
    TypeSystem,
)
from vanphong.widgets import DateField, TimeField
from vanphong.workdays.models import OverrideKind

#: Years the working-day calendar can be looked at and overridden for.
FIRST_YEAR, LAST_YEAR = 1990, 2200


def date_field(label: str, *, required: bool = True) -> forms.DateField:
    return DateField(label=label, required=required)


class AdminForm(BootstrapFormMixin, forms.Form):
    """Bootstrap-styled form that also shows an action's domain errors on the fields
    they name."""

    def _mark_invalid(self, name: str) -> None:
        widget = self.fields[name].widget
        if "is-invalid" not in widget.attrs.get("class", ""):
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()

    def add_domain_error(self, error: DomainError) -> None:
        """The action's message on top, and its per-field notes beside the fields."""
        self.add_error(None, error.message)
        for name, message in error.fields.items():
            if name in self.fields and name != "confirm":
                self.add_error(name, message)
                self._mark_invalid(name)


# --- Offices, organizations, units -----------------------------------------------------


class OfficeForm(AdminForm):
    name = forms.CharField(label="Tên văn phòng", max_length=200)
    short_name = forms.CharField(label="Tên viết tắt", max_length=30)
    place_name = forms.CharField(
        label="Địa danh", max_length=100, help_text="Dùng khi ghi địa danh, ngày tháng văn bản."
    )
    address = forms.CharField(label="Địa chỉ", max_length=255, required=False)
    phone = forms.CharField(label="Điện thoại", max_length=30, required=False)
    email = forms.EmailField(label="Thư điện tử", required=False)

    def to_fields(self) -> OfficeFields:
        return OfficeFields(**self.cleaned_data)

    @staticmethod
    def initial_for(office: Office) -> dict[str, Any]:
        return {name: getattr(office, name) for name in OfficeForm.base_fields}


class OfficeChoiceMixin:
    """An office picker, hidden when the administrator manages only one office."""

    fields: dict[str, forms.Field]

    def add_office_field(self, offices: QuerySet[Office]) -> None:
        field = forms.ModelChoiceField(label="Văn phòng", queryset=offices, empty_label=None)
        if len(offices) == 1:
            field.widget = forms.HiddenInput()
            # The form's own initial wins over the field's: a page opened without
            # "?office=" must still carry the only office (else the form fails on a
            # field nobody can see).
            self.initial["office"] = offices[0].pk  # type: ignore[attr-defined]
        self.fields = {"office": field, **self.fields}  # type: ignore[has-type]


class OrganizationForm(OfficeChoiceMixin, AdminForm):
    name = forms.CharField(label="Tên cơ quan, tổ chức", max_length=200)
    short_name = forms.CharField(
        label="Tên viết tắt", max_length=20, help_text="Dùng trong ký hiệu văn bản, ví dụ ĐU, UBND."
    )
    family = forms.ChoiceField(label="Khối", choices=Family.choices)
    level = forms.CharField(label="Cấp", max_length=50, initial="xã")
    parent = forms.ModelChoiceField(
        label="Thuộc tổ chức", queryset=Organization.objects.none(), required=False,
        empty_label="— Không —",
    )
    parent_body = forms.CharField(
        label="Cơ quan chủ quản", max_length=200, required=False,
        help_text="In phía trên tên cơ quan ban hành, ví dụ ĐẢNG BỘ TỈNH LÂM ĐỒNG.",
    )
    organ_id = forms.CharField(
        label="Mã định danh", max_length=13, min_length=13,
        help_text="Đúng 13 ký tự, ví dụ 000.03.31.H41.",
        error_messages={"min_length": "Mã định danh gồm đúng 13 ký tự.",
                        "max_length": "Mã định danh gồm đúng 13 ký tự."},
    )
    has_seal = forms.BooleanField(label="Có con dấu riêng", required=False, initial=True)
    document_style = forms.ChoiceField(
        label="Thể thức văn bản", choices=[("", "— Theo khối —"), *DocumentStyle.choices],
        required=False, help_text="Để trống: Đảng theo kiểu Đảng, các khối khác kiểu Nhà nước.",
    )
    collective_name = forms.CharField(
        label="Tập thể lãnh đạo", max_length=100, required=False,
        help_text="Ghi sau TM. hoặc T/M khi ký thay mặt tập thể, ví dụ ỦY BAN NHÂN DÂN.",
    )
    collective_signing = forms.ChoiceField(
        label="Chế độ ký", choices=[("", "— Theo khối —"), *CollectiveSigning.choices],
        required=False,
        help_text="Để trống: cơ quan có tập thể lãnh đạo làm việc theo chế độ tập thể (mọi văn "
        "bản ký TM.; cấp phó ký TM. rồi KT. người đứng đầu), cơ quan không có thì theo chế "
        "độ thủ trưởng.",
    )
    archive_stream = forms.ChoiceField(label="Phông lưu trữ", choices=ArchiveStream.choices)
    position = forms.IntegerField(label="Thứ tự", min_value=0, max_value=32000, initial=0)
    is_active = forms.BooleanField(label="Đang hoạt động", required=False, initial=True)

    def __init__(
        self, *args: Any, offices: QuerySet[Office] | None, organizations: QuerySet[Organization],
        creating: bool, **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = organizations  # type: ignore[attr-defined]
        if creating:
            assert offices is not None
            self.add_office_field(offices)
            self.fields["default_registers"] = forms.BooleanField(
                label="Tạo sẵn các sổ đăng ký theo khối (đến, đi, mật, bản sao)",
                required=False, initial=True,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
            )

    def to_fields(self) -> OrganizationFields:
        data = {k: v for k, v in self.cleaned_data.items()
                if k not in ("office", "default_registers")}
        if not data.get("document_style"):
            party = data.get("family") == Family.PARTY
            data["document_style"] = DocumentStyle.PARTY if party else DocumentStyle.STATE
        return OrganizationFields(**data)

    @staticmethod
    def initial_for(organization: Organization) -> dict[str, Any]:
        names = [n for n in OrganizationForm.base_fields if n != "parent"]
        return {**{n: getattr(organization, n) for n in names}, "parent": organization.parent_id}


class UnitForm(OfficeChoiceMixin, AdminForm):
    organization = forms.ModelChoiceField(
        label="Thuộc cơ quan", queryset=Organization.objects.none(), required=False,
        empty_label="— Đơn vị của văn phòng (phục vụ mọi cơ quan) —",
    )
    name = forms.CharField(label="Tên đơn vị", max_length=200)
    short_name = forms.CharField(
        label="Viết tắt", max_length=20, help_text="Dùng trong ký hiệu công văn, ví dụ VP."
    )
    parent = forms.ModelChoiceField(
        label="Đơn vị cấp trên", queryset=Unit.objects.none(), required=False,
        empty_label="— Không —",
    )
    is_active = forms.BooleanField(label="Đang hoạt động", required=False, initial=True)

    def __init__(
        self, *args: Any, offices: QuerySet[Office] | None, organizations: QuerySet[Organization],
        units: QuerySet[Unit], **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]
        self.fields["parent"].queryset = units  # type: ignore[attr-defined]
        if offices is not None:
            self.add_office_field(offices)

    def to_fields(self) -> UnitFields:
        data = {k: v for k, v in self.cleaned_data.items() if k != "office"}
        return UnitFields(**data)

    def office(self) -> Office:
        """The office of a new unit (the action checks its organization belongs to it)."""
        office: Office = self.cleaned_data["office"]
        return office

    @staticmethod
    def initial_for(unit: Unit) -> dict[str, Any]:
        return {"organization": unit.organization_id, "name": unit.name,
                "short_name": unit.short_name, "parent": unit.parent_id,
                "is_active": unit.is_active}


# --- People and positions ----------------------------------------------------------------


class PersonForm(AdminForm):
    username = forms.CharField(label="Tên đăng nhập", max_length=150)
    full_name = forms.CharField(label="Họ và tên", max_length=100)
    email = forms.EmailField(label="Thư điện tử", required=False)
    phone = forms.CharField(label="Điện thoại", max_length=30, required=False)

    def to_fields(self) -> PersonFields:
        return PersonFields(**{n: self.cleaned_data[n] for n in PersonForm.base_fields})

    @staticmethod
    def initial_for(person: Any) -> dict[str, Any]:
        return {n: getattr(person, n) for n in PersonForm.base_fields}


class PasswordForm(AdminForm):
    password1 = forms.CharField(
        label="Mật khẩu", strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Ít nhất 8 ký tự, không toàn chữ số, không giống tên đăng nhập, "
                  "không phải mật khẩu phổ biến.",
    )
    password2 = forms.CharField(
        label="Nhập lại mật khẩu", strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", "Hai lần nhập mật khẩu không khớp.")
        return data


class PositionForm(OfficeChoiceMixin, AdminForm):
    role = forms.ChoiceField(label="Vai trò", choices=Role.choices)
    title = forms.CharField(label="Chức danh", max_length=150,
                            help_text="Ví dụ: Chuyên viên Phòng Văn hóa – Xã hội.")
    signing_title = forms.CharField(
        label="Chức danh khi ký", max_length=60, required=False,
        help_text="In ở chỗ ký văn bản, ví dụ CHỦ TỊCH, PHÓ BÍ THƯ.",
    )
    organization = forms.ModelChoiceField(
        label="Cơ quan", queryset=Organization.objects.none(), required=False,
        empty_label="— Toàn văn phòng —",
        help_text="Bắt buộc với người đứng đầu, cấp phó; để trống với văn thư, lãnh đạo "
                  "văn phòng, lưu trữ, quản trị.",
    )
    unit = forms.ModelChoiceField(
        label="Đơn vị", queryset=Unit.objects.none(), required=False, empty_label="— Không —"
    )
    start_date = date_field("Từ ngày")
    end_date = date_field("Đến ngày", required=False)

    def __init__(
        self, *args: Any, offices: QuerySet[Office] | None, organizations: QuerySet[Organization],
        units: QuerySet[Unit], **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["start_date"].initial = clock.today()
        if offices is not None:
            self.add_office_field(offices)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "Ngày kết thúc không thể trước ngày bắt đầu.")
        return data

    def position_fields(self) -> PositionFields:
        data = self.cleaned_data
        return PositionFields(
            role=data["role"], title=data["title"], start_date=data["start_date"],
            organization=data.get("organization"), unit=data.get("unit"),
            end_date=data.get("end_date"), signing_title=data.get("signing_title") or "",
        )

    @staticmethod
    def initial_for(position: Any) -> dict[str, Any]:
        return {"role": position.role, "title": position.title,
                "signing_title": position.signing_title,
                "organization": position.organization_id, "unit": position.unit_id,
                "start_date": position.start_date, "end_date": position.end_date}


class PersonCreateForm(PersonForm, PasswordForm, PositionForm):
    """A new account with its password and first post (which ties it to an office)."""

    field_order = ["username", "full_name", "email", "phone", "password1", "password2"]


class EndPositionForm(AdminForm):
    end_date = date_field("Ngày cuối cùng giữ chức vụ")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["end_date"].initial = clock.today()


class DeactivateForm(AdminForm):
    reason = forms.CharField(label="Lý do", max_length=300, required=False)


# --- Registers, terms, document types ------------------------------------------------------


class RegisterForm(AdminForm):
    kind = forms.ChoiceField(label="Loại sổ", choices=RegisterKind.choices)
    name = forms.CharField(label="Tên sổ", max_length=200)
    reset_policy = forms.ChoiceField(label="Cấp lại số từ 01", choices=ResetPolicy.choices)
    per_type_series = forms.BooleanField(
        label="Mỗi loại văn bản một dãy số", required=False,
        help_text="Tắt: mọi loại văn bản dùng chung một dãy số (thường dùng cho văn bản "
                  "hành chính); bật: như văn bản của Đảng.",
    )
    secret_policy = forms.ChoiceField(label="Văn bản mật", choices=SecretPolicy.choices)
    notation_format = forms.CharField(
        label="Mẫu số, ký hiệu", max_length=60, required=False,
        help_text="Ví dụ {number}/{type}-{org} (Nhà nước) hoặc {number}-{type}/{org} (Đảng).",
    )
    notation_format_untyped = forms.CharField(
        label="Mẫu số, ký hiệu công văn", max_length=60, required=False,
        help_text="Cho loại không có chữ viết tắt. Ví dụ {number}/{org}-{unit}.",
    )
    position = forms.IntegerField(label="Thứ tự", min_value=0, max_value=32000, initial=0)
    is_active = forms.BooleanField(label="Đang dùng", required=False, initial=True)
    confirm = forms.BooleanField(
        label="Tôi đã hiểu: dãy số sẽ bắt đầu lại hoặc bị tách; lưu thay đổi.", required=False
    )

    def to_fields(self) -> RegisterFields:
        data = {k: v for k, v in self.cleaned_data.items() if k != "confirm"}
        return RegisterFields(**data)

    @staticmethod
    def initial_for(register: Any) -> dict[str, Any]:
        names = [n for n in RegisterForm.base_fields if n != "confirm"]
        return {n: getattr(register, n) for n in names}


class PreviewForm(forms.Form):
    """What the live notation preview is shown for (never saved)."""

    preview_type = forms.ModelChoiceField(
        label="Loại văn bản để xem thử", queryset=DocumentType.objects.none(), required=False,
        empty_label="— Không có chữ viết tắt (công văn) —",
    )
    preview_unit = forms.CharField(label="Đơn vị soạn thảo", max_length=20, required=False)

    def __init__(self, *args: Any, types: QuerySet[DocumentType], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["preview_type"].queryset = types  # type: ignore[attr-defined]
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = f"{css} form-control-sm"


class TermForm(AdminForm):
    kind = forms.ChoiceField(label="Loại", choices=TermKind.choices)
    name = forms.CharField(label="Tên", max_length=100,
                           help_text="Ví dụ: Nhiệm kỳ 2025–2030; Đại hội lần thứ I.")
    start_date = date_field("Từ ngày")
    end_date = date_field("Đến ngày", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "Ngày kết thúc không thể trước ngày bắt đầu.")
        return data

    def to_fields(self) -> TermFields:
        return TermFields(**self.cleaned_data)

    @staticmethod
    def initial_for(term: Any) -> dict[str, Any]:
        return {n: getattr(term, n) for n in TermForm.base_fields}


class DocumentTypeForm(AdminForm):
    system = forms.ChoiceField(label="Hệ thống", choices=TypeSystem.choices)
    name = forms.CharField(label="Tên loại", max_length=100)
    abbreviation = forms.CharField(
        label="Viết tắt", max_length=10, required=False,
        help_text="Để trống nếu loại văn bản không có chữ viết tắt (công văn hành chính).",
    )
    position = forms.IntegerField(label="Thứ tự", min_value=0, max_value=32000, initial=0)
    is_active = forms.BooleanField(label="Đang dùng", required=False, initial=True)
    confirm = forms.BooleanField(
        label="Tôi đã hiểu: loại văn bản này sẽ bắt đầu dãy số mới; lưu thay đổi.",
        required=False,
    )

    def __init__(
        self, *args: Any, organizations: QuerySet[Organization] | None = None,
        shared_allowed: bool = False, **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["organization"] = forms.ModelChoiceField(
                label="Áp dụng cho", queryset=organizations, required=not shared_allowed,
                empty_label="— Danh mục chung (mọi cơ quan) —" if shared_allowed else None,
                widget=forms.Select(attrs={"class": "form-select"}),
            )

    def to_fields(self) -> DocumentTypeFields:
        names = ("system", "name", "abbreviation", "position", "is_active")
        return DocumentTypeFields(**{n: self.cleaned_data[n] for n in names})

    @staticmethod
    def initial_for(document_type: Any) -> dict[str, Any]:
        names = ("system", "name", "abbreviation", "position", "is_active")
        return {n: getattr(document_type, n) for n in names}


# --- Working days --------------------------------------------------------------------------


class WorkdayOverrideForm(AdminForm):
    date = date_field("Ngày")
    kind = forms.ChoiceField(label="Loại", choices=OverrideKind.choices)
    name = forms.CharField(label="Lý do", max_length=200,
                           help_text="Ví dụ: Nghỉ bù Tết Nguyên đán theo Thông báo số ...")

    def clean_date(self) -> Any:
        day = self.cleaned_data["date"]
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise forms.ValidationError(f"Năm phải từ {FIRST_YEAR} đến {LAST_YEAR}.")
        return day


def year_in_range(value: object, default: int) -> int:
    """A year from the query string; out-of-range or garbage falls back to `default`."""
    try:
        year = int(str(value))
    except ValueError:
        return default
    return year if FIRST_YEAR <= year <= LAST_YEAR else default


# --- Outgoing documents: templates, review chains, delegations, address book ---------------


class OutgoingTemplateForm(AdminForm):
    name = forms.CharField(label="Tên mẫu", max_length=150)
    style = forms.ChoiceField(label="Thể thức", choices=DocumentStyle.choices)
    document_type = forms.ModelChoiceField(label="Loại văn bản",
                                           queryset=DocumentType.objects.none())
    body = forms.CharField(
        label="Nội dung mẫu", widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Các đoạn cách nhau bằng một dòng trống. Phần đầu (quốc hiệu, tên cơ quan, "
                  "số, ngày) và chữ ký, nơi nhận được tạo tự động theo thể thức.",
    )
    is_active = forms.BooleanField(label="Đang dùng", required=False, initial=True)

    def __init__(
        self, *args: Any, types: QuerySet[DocumentType], organizations: QuerySet[Organization],
        shared_allowed: bool, **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document_type"].queryset = types  # type: ignore[attr-defined]
        self.fields["organization"] = forms.ModelChoiceField(
            label="Riêng cho cơ quan", queryset=organizations, required=not shared_allowed,
            empty_label="— Dùng chung cho mọi cơ quan cùng thể thức —" if shared_allowed
            else None, widget=forms.Select(attrs={"class": "form-select"}),
        )
        self.order_fields(["name", "style", "document_type", "organization"])

    def to_fields(self) -> TemplateFields:
        data = self.cleaned_data
        return TemplateFields(name=data["name"], style=data["style"],
                              document_type=data["document_type"],
                              organization=data.get("organization"), body=data["body"],
                              is_active=data["is_active"])

    @staticmethod
    def initial_for(template: Any) -> dict[str, Any]:
        return {"name": template.name, "style": template.style,
                "document_type": template.document_type_id,
                "organization": template.organization_id, "body": template.body,
                "is_active": template.is_active}


class ReviewChainForm(AdminForm):
    document_type = forms.ModelChoiceField(
        label="Loại văn bản", queryset=DocumentType.objects.none(), required=False,
        empty_label="— Mặc định: mọi loại chưa có quy trình riêng —",
    )
    unit_head = forms.BooleanField(label="Trưởng đơn vị soạn thảo duyệt", required=False,
                                   initial=True)
    leader = forms.BooleanField(label="Lãnh đạo phụ trách cho ý kiến", required=False)
    office_check = forms.BooleanField(label="Văn phòng kiểm tra thể thức", required=False,
                                      initial=True)

    def __init__(self, *args: Any, types: QuerySet[DocumentType], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document_type"].queryset = types  # type: ignore[attr-defined]

    def to_fields(self) -> ReviewChainFields:
        return ReviewChainFields(**self.cleaned_data)

    @staticmethod
    def initial_for(chain: Any) -> dict[str, Any]:
        return {"document_type": chain.document_type_id, "unit_head": chain.unit_head,
                "leader": chain.leader, "office_check": chain.office_check}


class DelegationForm(AdminForm):
    kind = forms.ChoiceField(label="Hình thức", choices=DelegationKind.choices)
    delegate = forms.ModelChoiceField(label="Người được giao ký", queryset=User.objects.none())
    document_types = forms.ModelMultipleChoiceField(
        label="Loại văn bản", queryset=DocumentType.objects.none(), required=False,
        help_text="Để trống: mọi loại văn bản. Giữ Ctrl để chọn nhiều loại.",
        error_messages={"invalid_choice": "Loại văn bản đã chọn không có trong danh sách."},
    )
    valid_from = date_field("Hiệu lực từ ngày")
    valid_to = date_field("Đến hết ngày")
    basis = forms.CharField(
        label="Căn cứ", max_length=300,
        help_text="Văn bản giao ký hoặc ủy quyền (số, ngày, trích yếu), ví dụ Quyết định số "
                  "12/QĐ-UBND ngày 05/01/2026 về việc giao ký thừa lệnh.",
    )

    def __init__(
        self, *args: Any, people: QuerySet[User], types: QuerySet[DocumentType], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["delegate"].queryset = people  # type: ignore[attr-defined]
        self.fields["document_types"].queryset = types  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", "Ngày hết hiệu lực không thể trước ngày bắt đầu.")
        return data

    def to_fields(self) -> DelegationFields:
        data = self.cleaned_data
        return DelegationFields(kind=data["kind"], delegate=data["delegate"],
                                valid_from=data["valid_from"], valid_to=data["valid_to"],
                                basis=data["basis"], document_types=list(data["document_types"]))

    @staticmethod
    def initial_for(delegation: Any) -> dict[str, Any]:
        return {"kind": delegation.kind, "delegate": delegation.delegate_id,
                "document_types": [t.pk for t in delegation.document_types.all()],
                "valid_from": delegation.valid_from, "valid_to": delegation.valid_to,
                "basis": delegation.basis}


class EndDelegationForm(AdminForm):
    last_day = date_field("Ngày cuối cùng được ký")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["last_day"].initial = clock.today()


class CorrespondentForm(OfficeChoiceMixin, AdminForm):
    name = forms.CharField(label="Tên cơ quan, tổ chức", max_length=200)
    email = forms.EmailField(label="Thư điện tử", required=False,
                             error_messages={"invalid": "Địa chỉ thư điện tử không hợp lệ."},
                             help_text="Văn bản phát hành được gửi tự động tới địa chỉ này.")
    organ_id = forms.CharField(
        label="Mã định danh", max_length=13, min_length=13, required=False,
        help_text="Nếu có: đúng 13 ký tự, ví dụ 000.00.31.H41.",
        error_messages={"min_length": "Mã định danh gồm đúng 13 ký tự.",
                        "max_length": "Mã định danh gồm đúng 13 ký tự."},
    )
    address = forms.CharField(label="Địa chỉ", max_length=255, required=False)
    is_active = forms.BooleanField(label="Đang dùng", required=False, initial=True)

    def __init__(self, *args: Any, offices: QuerySet[Office] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if offices is not None:
            self.add_office_field(offices)

    def to_fields(self) -> CorrespondentFields:
        names = ("name", "email", "organ_id", "address", "is_active")
        return CorrespondentFields(**{n: self.cleaned_data[n] for n in names})

    @staticmethod
    def initial_for(correspondent: Any) -> dict[str, Any]:
        names = ("name", "email", "organ_id", "address", "is_active")
        return {n: getattr(correspondent, n) for n in names}


# --- Reminders --------------------------------------------------------------------------


class ReminderPolicyForm(AdminForm):
    days_before = forms.IntegerField(
        label="Nhắc trước hạn (ngày làm việc)", min_value=0, max_value=30,
        help_text="0: không nhắc trước hạn.",
    )
    on_due_day = forms.BooleanField(label="Nhắc vào ngày đến hạn", required=False)
    overdue_every = forms.IntegerField(
        label="Nhắc lại khi quá hạn, mỗi (ngày làm việc)", min_value=0, max_value=30,
        help_text="0: chỉ nhắc một lần vào ngày đầu quá hạn.",
    )
    overdue_to_assigner = forms.BooleanField(label="Báo người giao khi quá hạn", required=False)
    digest = forms.BooleanField(
        label="Gửi bản tổng hợp việc cần chú ý mỗi sáng ngày làm việc", required=False
    )
    email = forms.BooleanField(label="Gửi cả thư điện tử (ngoài thông báo trên hệ thống)",
                               required=False)
    send_after = TimeField(label="Gửi từ giờ")

    def to_fields(self) -> PolicyFields:
        return PolicyFields(**self.cleaned_data)


class RoomForm(AdminForm):
    office = forms.ModelChoiceField(label="Văn phòng", queryset=Office.objects.none())
    name = forms.CharField(label="Tên phòng", max_length=200)
    capacity = forms.IntegerField(label="Sức chứa (người)", min_value=1, max_value=10_000,
                                  required=False)
    is_active = forms.BooleanField(label="Đang sử dụng", required=False, initial=True)

    def __init__(self, *args: Any, offices: QuerySet[Office], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices  # type: ignore[attr-defined]
