"""Forms of the task pages: parse and validate input, then hand plain values to actions."""

from __future__ import annotations

from typing import Any

from django import forms

from vanphong import clock
from vanphong.followup.actions import AssigneeSpec, TaskSpec
from vanphong.followup.figures import DEFAULT_GROUPING, GROUPINGS
from vanphong.followup.models import ProgrammeKind
from vanphong.followup.programmes import ItemFields
from vanphong.formstyle import BootstrapFormMixin
from vanphong.incoming.forms import MultipleFileField, choice_field
from vanphong.incoming.models import AssignmentKind
from vanphong.organizations.choices import handler_posts, handling_units, org_tree
from vanphong.organizations.models import Office, Organization, Position, Unit, User
from vanphong.periods import Period
from vanphong.widgets import DateField, MonthField, Node, TreeChoiceField

MAX_ROWS = 20


class Doers:
    """Who can be given a task in an office: its organizations, their units, their people
    who handle work (organizations/choices.py), as choices "o5", "u12", "p34-5" (an
    organization row means its leaders hand it down)."""

    def __init__(self, office: Office) -> None:
        self.office = office
        self.orgs = {f"o{o.pk}": o for o in Organization.objects.active().filter(office=office)}
        units = handling_units(Unit.objects.filter(office=office, is_active=True)
                               .select_related("organization"))
        self.units = {f"u{u.pk}": u for u in units}
        self.posts = list(
            handler_posts(office.pk).select_related("person", "organization", "unit")
            .order_by("organization__position", "person__full_name")
        )
        self.people: dict[str, tuple[User, Organization | None]] = {}
        for post in self.posts:
            self.people.setdefault(self.person_key(post), (post.person, post.organization))

    @staticmethod
    def person_key(post: Position) -> str:
        return f"p{post.person_id}-{post.organization_id or 0}"

    def choices(self) -> list[tuple[str, Any]]:
        orgs = [(k, o.short_name) for k, o in self.orgs.items()]
        units = [(k, f"{u.organization.short_name if u.organization else 'Văn phòng'} — {u.name}")
                 for k, u in self.units.items()]
        people = [(k, f"{p.full_name} ({o.short_name if o else 'Văn phòng'})")
                  for k, (p, o) in self.people.items()]
        return [("Cơ quan", orgs), ("Đơn vị", units), ("Cá nhân", people)]

    def tree(self) -> list[Node]:
        """Organizations (choices themselves) → units → people with their posts."""
        return org_tree(organizations=[*self.orgs.values(), None], units=self.units.values(),
                        posts=self.posts, person_value=self.person_key,
                        unit_value=lambda u: f"u{u.pk}", org_value=lambda o: f"o{o.pk}",
                        office_label=self.office.name)

    def spec(self, kind: str, value: str, owner: Organization) -> AssigneeSpec:
        if value in self.orgs:
            return AssigneeSpec(kind, self.orgs[value])
        if value in self.units:
            unit = self.units[value]
            return AssigneeSpec(kind, unit.organization or owner, unit=unit)
        person, organization = self.people[value]
        return AssigneeSpec(kind, organization or owner, person=person)


class TaskRowForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label="Tên nhiệm vụ", max_length=500, required=False)
    lead = forms.ChoiceField(label="Chủ trì", required=False)
    supports = TreeChoiceField(label="Phối hợp")
    due_date = DateField(label="Hạn hoàn thành", required=False)
    working_days = forms.IntegerField(
        label="hoặc số ngày làm việc", required=False, min_value=1, max_value=365
    )
    description = forms.CharField(
        label="Yêu cầu", required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, doers: Doers, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = doers.choices()
        choice_field(self, "lead").choices = [("", "— chọn —"), *choices]
        supports = self.fields["supports"]
        assert isinstance(supports, TreeChoiceField)
        supports.tree = doers.tree()

    @property
    def is_blank(self) -> bool:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return not (data.get("title") or data.get("lead"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("title") or data.get("lead")):
            return data  # an empty row is skipped
        if not data.get("title"):
            self.add_error("title", "Nhập tên nhiệm vụ.")
        if not data.get("lead"):
            self.add_error("lead", "Chọn nơi chủ trì.")
        if not data.get("due_date") and not data.get("working_days"):
            self.add_error("due_date", "Nhập hạn hoàn thành hoặc số ngày làm việc.")
        if data.get("due_date") and data.get("working_days"):
            self.add_error("working_days", "Chỉ nhập một trong hai: ngày hoặc số ngày làm việc.")
        if data.get("due_date") and data["due_date"] < clock.today():
            self.add_error("due_date", "Hạn hoàn thành không được trước hôm nay.")
        return data

    def spec(self, doers: Doers, owner: Organization) -> TaskSpec:
        data = self.cleaned_data
        assignees = [doers.spec(AssignmentKind.LEAD, data["lead"], owner)]
        assignees += [doers.spec(AssignmentKind.SUPPORT, v, owner)
                      for v in data["supports"] if v != data["lead"]]
        return TaskSpec(
            title=data["title"], description=data["description"], due_date=data["due_date"],
            working_days=data["working_days"], assignees=tuple(assignees),
        )


def acting_first(
    organizations: list[Organization], acting: Organization | None
) -> list[Organization]:
    """The organizations a form offers, the one the user acts for ("Làm việc cho") first:
    the first is the form's default, so work lands where the user is acting."""
    return sorted(organizations, key=lambda o: acting is None or o.pk != acting.pk)


class OwnerForm(BootstrapFormMixin, forms.Form):
    organization = forms.ChoiceField(label="Cơ quan giao nhiệm vụ")

    def __init__(self, *args: Any, organizations: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organizations = {str(o.pk): o for o in organizations}
        choice_field(self, "organization").choices = [
            (k, o.name) for k, o in self.organizations.items()
        ]

    def chosen(self) -> Organization:
        return self.organizations[self.cleaned_data["organization"]]


class ProgressForm(BootstrapFormMixin, forms.Form):
    percent = forms.IntegerField(label="Tiến độ (%)", min_value=0, max_value=100)
    note = forms.CharField(label="Nội dung báo cáo", max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 2}))
    attachments = MultipleFileField(label="Tệp kèm theo", required=False)


class ExtensionForm(BootstrapFormMixin, forms.Form):
    proposed_due_date = DateField(label="Đề nghị gia hạn đến ngày")
    reason = forms.CharField(label="Lý do", max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class DecideForm(BootstrapFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label="Quyết định", choices=[("approve", "Đồng ý gia hạn"), ("refuse", "Không đồng ý")],
        widget=forms.RadioSelect,
    )
    due_date = DateField(label="Hạn mới (để trống: theo đề nghị)", required=False)
    note = forms.CharField(label="Ý kiến", required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class CompleteForm(BootstrapFormMixin, forms.Form):
    result = forms.CharField(label="Kết quả thực hiện", max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 2}))
    documents = forms.MultipleChoiceField(
        label="Văn bản minh chứng", required=False,
        help_text="Văn bản đã phát hành, văn bản đến liên quan (chọn nhiều).")
    attachments = MultipleFileField(label="Tệp minh chứng", required=False)

    def __init__(self, *args: Any, evidence: dict[str, Any] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.evidence = evidence or {}
        choice_field(self, "documents").choices = [
            (key, f"{d.code or '(không số)'} — {d.subject[:90]}")
            for key, d in self.evidence.items()]
        self.fields["documents"].widget.attrs["size"] = min(6, max(2, len(self.evidence)))

    def chosen(self) -> tuple[list[Any], list[Any]]:
        """(incoming, outgoing) documents picked as evidence."""
        keys = self.cleaned_data.get("documents") or []
        incoming = [self.evidence[k] for k in keys if k.startswith("i")]
        outgoing = [self.evidence[k] for k in keys if k.startswith("o")]
        return incoming, outgoing


class ReasonForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label="Lý do", max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))
    due_date = DateField(label="Hạn mới (nếu đổi)", required=False)


class RemindForm(BootstrapFormMixin, forms.Form):
    note = forms.CharField(label="Lời nhắn", max_length=1000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ListFilterForm(BootstrapFormMixin, forms.Form):
    VIEWS = [("", "Tất cả nhiệm vụ tôi được xem"), ("chu-tri", "Tôi chủ trì"),
             ("phoi-hop", "Tôi phối hợp"), ("toi-giao", "Tôi giao")]
    STATES = [("", "Mọi trạng thái"), ("dang-lam", "Đang thực hiện (chưa xong)"),
              ("qua-han", "Quá hạn"), ("tuan-nay", "Đến hạn tuần này"),
              ("xong", "Hoàn thành"), ("huy", "Đã hủy")]
    view = forms.ChoiceField(label="Nhiệm vụ", choices=VIEWS, required=False)
    state = forms.ChoiceField(label="Trạng thái", choices=STATES, required=False)
    organization = forms.TypedChoiceField(label="Cơ quan giao", required=False, coerce=int,
                                          empty_value=None)
    q = forms.CharField(label="Tìm", required=False, max_length=100)

    def __init__(self, *args: Any, organizations: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "organization").choices = [("", "Mọi cơ quan")] + [
            (o.pk, o.short_name) for o in organizations
        ]


def rows_wanted(value: str | None, default: int = 3) -> int:
    try:
        return max(1, min(MAX_ROWS, int(value or default)))
    except ValueError:
        return default


class FiguresForm(BootstrapFormMixin, forms.Form):
    """The follow-up table's choices: grouping and period (this year by default)."""

    theo = forms.ChoiceField(label="Theo", required=False,
                             choices=[(key, label) for key, (label, _) in GROUPINGS.items()])
    tu = DateField(label="Từ ngày", required=False)
    den = DateField(label="Đến ngày", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("tu"), data.get("den")
        if start and end and start > end:
            raise forms.ValidationError("“Từ ngày” phải trước “Đến ngày”.")
        return data

    def choice(self) -> tuple[str, Period]:
        """The grouping and period asked for; the defaults when the input is bad."""
        year = Period.this_year()
        if not self.is_valid():
            return DEFAULT_GROUPING, year
        data = self.cleaned_data
        return (data.get("theo") or DEFAULT_GROUPING,
                Period(data.get("tu") or year.start, data.get("den") or year.end))


class DelegateForm(BootstrapFormMixin, forms.Form):
    """Hand one's organization's or unit's part of a task down: which part, to whom."""

    row = forms.TypedChoiceField(label="Phần việc", coerce=int)
    to = forms.ChoiceField(label="Giao cho")
    note = forms.CharField(label="Ý kiến", max_length=1000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, rows: list[Any] | None = None, doers: Doers | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = {r.pk: r for r in rows or []}
        self.doers = doers
        choice_field(self, "row").choices = [(r.pk, f"{r.get_kind_display()}: {r.label}")
                                             for r in self.rows.values()]
        orgs = {r.organization_id for r in self.rows.values()}
        choices: list[tuple[str, str]] = []
        if doers is not None:
            choices += [(k, f"{u.organization.short_name if u.organization else 'Văn phòng'} — "
                            f"{u.name}") for k, u in doers.units.items()
                        if u.organization_id in orgs]
            choices += [(k, f"{p.full_name} ({o.short_name if o else 'Văn phòng'})")
                        for k, (p, o) in doers.people.items() if o is not None and o.pk in orgs]
        choice_field(self, "to").choices = [("", "— chọn —"), *choices]

    def target(self) -> tuple[Any, Unit | None, User | None]:
        assert self.doers is not None
        row = self.rows[self.cleaned_data["row"]]
        value = self.cleaned_data["to"]
        if value in self.doers.units:
            return row, self.doers.units[value], None
        return row, None, self.doers.people[value][0]


class SubtaskForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label="Tên nhiệm vụ con", max_length=500)
    lead = forms.ChoiceField(label="Chủ trì")
    due_date = DateField(label="Hạn hoàn thành")
    description = forms.CharField(label="Yêu cầu", required=False, max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, doers: Doers | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.doers = doers
        choice_field(self, "lead").choices = [("", "— chọn —"),
                                              *(doers.choices() if doers else [])]

    def spec(self, owner: Organization) -> TaskSpec:
        assert self.doers is not None
        data = self.cleaned_data
        return TaskSpec(title=data["title"], description=data["description"],
                        due_date=data["due_date"],
                        assignees=(self.doers.spec(AssignmentKind.LEAD, data["lead"], owner),))


class ProgrammeForm(BootstrapFormMixin, forms.Form):
    organization = forms.TypedChoiceField(label="Cơ quan", coerce=int)
    title = forms.CharField(label="Tên chương trình", max_length=300)
    kind = forms.ChoiceField(label="Loại", choices=ProgrammeKind.choices)
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)

    def __init__(self, *args: Any, organizations: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organizations = {o.pk: o for o in organizations}
        choice_field(self, "organization").choices = [(o.pk, o.name) for o in organizations]


class ItemForm(BootstrapFormMixin, forms.Form):
    content = forms.CharField(label="Nội dung công việc", max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 2}))
    planned_month = MonthField(label="Tháng dự kiến")
    responsible = forms.ChoiceField(label="Cơ quan, đơn vị chủ trì")
    coordination = forms.CharField(label="Phối hợp", max_length=300, required=False)
    output = forms.CharField(label="Sản phẩm", max_length=200, required=False,
                             help_text="Ví dụ: Nghị quyết, Báo cáo, Kế hoạch.")

    def __init__(self, *args: Any, doers: Doers | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.doers = doers
        choices: list[tuple[str, str]] = []
        if doers is not None:
            choices += [(k, o.name) for k, o in doers.orgs.items()]
            choices += [(k, f"{u.organization.short_name} — {u.name}")
                        for k, u in doers.units.items() if u.organization]
        choice_field(self, "responsible").choices = [("", "— chọn —"), *choices]

    def to_fields(self) -> ItemFields:
        assert self.doers is not None
        data = self.cleaned_data
        value = data["responsible"]
        unit = self.doers.units.get(value)
        organization = unit.organization if unit and unit.organization else self.doers.orgs[value]
        return ItemFields(content=data["content"], planned_month=data["planned_month"],
                          responsible_organization=organization, responsible_unit=unit,
                          coordination=data["coordination"], output=data["output"])


class PostponeForm(BootstrapFormMixin, forms.Form):
    to_month = MonthField(label="Lùi đến tháng", required=False)
    reason = forms.CharField(label="Lý do", max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))
    decision = forms.ChoiceField(choices=[("postpone", "Lùi thời gian"),
                                          ("drop", "Không thực hiện")],
                                 widget=forms.RadioSelect, initial="postpone", label="Quyết định")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "postpone" and not data.get("to_month"):
            self.add_error("to_month", "Chọn tháng mới.")
        return data
