"""Forms of the records pages: shape of the input; the rules live in `records.actions`."""

from __future__ import annotations

from typing import Any

from django import forms

from vanphong.formstyle import BootstrapFormMixin
from vanphong.incoming.forms import choice_field
from vanphong.organizations.models import Organization, User
from vanphong.records.actions import DossierFields
from vanphong.records.models import FilePlan, Numbering, RetentionKind, RetentionRule


class PlanForm(BootstrapFormMixin, forms.Form):
    organization = forms.TypedChoiceField(label="Cơ quan", coerce=int)
    year = forms.IntegerField(label="Năm", min_value=2000, max_value=2100)
    numbering = forms.ChoiceField(label="Đánh số hồ sơ", choices=Numbering.choices)

    def __init__(self, *args: Any, organizations: list[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organizations = {o.pk: o for o in organizations}
        choice_field(self, "organization").choices = [(o.pk, o.name) for o in organizations]


class HeadingForm(BootstrapFormMixin, forms.Form):
    title = forms.CharField(label="Tên đề mục", max_length=300)
    abbreviation = forms.CharField(label="Chữ viết tắt (đề mục lớn)", max_length=20,
                                   required=False)
    parent = forms.TypedChoiceField(label="Thuộc đề mục lớn", coerce=int, required=False,
                                    empty_value=None)

    def __init__(self, *args: Any, plan: FilePlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.big = {h.pk: h for h in plan.headings.filter(parent__isnull=True)}
        choice_field(self, "parent").choices = [("", "— (đây là đề mục lớn)")] + [
            (pk, h.title) for pk, h in self.big.items()]


class DossierForm(BootstrapFormMixin, forms.Form):
    heading = forms.TypedChoiceField(label="Đề mục", coerce=int)
    title = forms.CharField(label="Tiêu đề hồ sơ", max_length=500)
    retention_rule = forms.TypedChoiceField(label="Theo bảng thời hạn bảo quản", coerce=int,
                                            required=False, empty_value=None)
    retention_kind = forms.ChoiceField(label="Thời hạn bảo quản", choices=RetentionKind.choices,
                                       required=False)
    retention_years = forms.IntegerField(label="Số năm", min_value=1, max_value=100,
                                         required=False)
    keeper = forms.TypedChoiceField(label="Người lập hồ sơ", coerce=int)
    note = forms.CharField(label="Ghi chú", max_length=500, required=False)

    def __init__(self, *args: Any, plan: FilePlan, keepers: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.headings = {h.pk: h for h in plan.headings.select_related("parent")}
        choice_field(self, "heading").choices = [
            (pk, f"{h.parent.title} › {h.title}" if h.parent else h.title)
            for pk, h in self.headings.items()]
        self.rules = {r.pk: r for r in RetentionRule.objects.filter(
            table=plan.organization.archive_stream)}
        choice_field(self, "retention_rule").choices = [("", "— tự nhập thời hạn —")] + [
            (pk, f"{r.group_code}. {r.title} — {r.period_label}"
                 + (" (cần đối chiếu)" if r.needs_verification else ""))
            for pk, r in self.rules.items()]
        self.keepers = {u.pk: u for u in keepers}
        choice_field(self, "keeper").choices = [(pk, u.full_name) for pk, u in
                                                self.keepers.items()]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("retention_rule") and not data.get("retention_kind"):
            self.add_error("retention_kind", "Chọn theo bảng hoặc nhập thời hạn bảo quản.")
        if data.get("retention_kind") == RetentionKind.YEARS and not data.get(
                "retention_rule") and not data.get("retention_years"):
            self.add_error("retention_years", "Nhập số năm.")
        return data

    def to_fields(self) -> DossierFields:
        data = self.cleaned_data
        rule = self.rules.get(data["retention_rule"]) if data.get("retention_rule") else None
        kind = rule.kind if rule else data["retention_kind"]
        years = rule.years if rule else data.get("retention_years")
        return DossierFields(heading=self.headings[data["heading"]], title=data["title"],
                             keeper=self.keepers[data["keeper"]], retention_kind=kind,
                             retention_years=years, retention_rule=rule, note=data["note"])


class ReasonForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label="Lý do", max_length=1000)


class CloseForm(BootstrapFormMixin, forms.Form):
    note = forms.CharField(label="Ghi chú khi kết thúc", max_length=1000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
    confirm = forms.BooleanField(label="Vẫn kết thúc hồ sơ (đã kiểm tra các điểm trên)",
                                 required=False)
