"""Administration pages for the numbering data: registers (with a live preview of the
next number and notation), Party terms and congresses, the document-type list, and the
per-year working-day overrides."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import holidays
from django.contrib import messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from vanphong import clock
from vanphong.administration.forms import (
    AdminForm,
    DocumentTypeForm,
    PreviewForm,
    RegisterForm,
    TermForm,
    WorkdayOverrideForm,
    year_in_range,
)
from vanphong.administration.views import admin_page, form_data, form_page, me, submit
from vanphong.errors import Conflict, Invalid
from vanphong.organizations import access
from vanphong.organizations.models import Family, Organization
from vanphong.registers import access as register_access
from vanphong.registers import actions as reg_actions
from vanphong.registers.models import (
    DocumentType,
    Register,
    RegisterKind,
    ResetPolicy,
    SecretPolicy,
    TermKind,
    TypeSystem,
)
from vanphong.workdays import access as workday_access
from vanphong.workdays import actions as day_actions
from vanphong.workdays.dates import statutory_holidays
from vanphong.workdays.models import OverrideKind, WorkdayOverride


def submit_confirmable(form: AdminForm, action: Callable[[], Any]) -> tuple[Any, str]:
    """Like `submit`, but a change that needs confirming returns its warning instead."""
    if not form.is_valid():
        return None, ""
    try:
        return action(), ""
    except reg_actions.NeedsConfirmation as warning:
        return None, warning.message
    except (Invalid, Conflict) as error:
        form.add_domain_error(error)
        return None, ""


# --- Registers ---------------------------------------------------------------------------


def types_for(organization: Organization, kind: str) -> QuerySet[DocumentType]:
    """The document types a register of this organization numbers."""
    if kind == RegisterKind.COPIES:
        system = TypeSystem.COPY
    elif organization.family == Family.PARTY:
        system = TypeSystem.PARTY
    else:
        system = TypeSystem.STATE
    scope = Q(organization__isnull=True) | Q(organization=organization)
    return DocumentType.objects.filter(scope, system=system, is_active=True)


def _draft(organization: Organization, register: Register | None, data: Mapping[str, Any] | None):
    """The register as the form currently describes it (unsaved), for the preview."""
    draft = copy.copy(register) if register else Register(organization=organization)
    if data is None:
        return draft
    choices = {"kind": RegisterKind.values, "reset_policy": ResetPolicy.values,
               "secret_policy": SecretPolicy.values}
    for name, allowed in choices.items():
        if data.get(name) in allowed:
            setattr(draft, name, data[name])
    draft.per_type_series = bool(data.get("per_type_series"))
    for name in ("notation_format", "notation_format_untyped"):
        if name in data:
            setattr(draft, name, str(data[name])[:60].strip())
    return draft


def _preview_context(
    organization: Organization, register: Register | None, data: Mapping[str, Any] | None
) -> dict[str, Any]:
    draft = _draft(organization, register, data)
    types = types_for(organization, draft.kind or RegisterKind.OUTGOING)
    default_type = types.exclude(abbreviation="").first()
    bound = data is not None and "preview_type" in data
    chooser = PreviewForm(data if bound else None, types=types,
                          initial={"preview_type": default_type})
    chosen, unit = default_type, ""
    if chooser.is_bound and chooser.is_valid():
        chosen, unit = chooser.cleaned_data["preview_type"], chooser.cleaned_data["preview_unit"]
    units = organization.units.filter(is_active=True).values_list("short_name", flat=True)
    unit = (unit or units.first() or "VP").upper()
    preview = reg_actions.preview_notation(draft, on=clock.today(), document_type=chosen,
                                           unit=unit)
    return {"preview": preview, "preview_form": chooser, "draft": draft, "preview_unit": unit,
            "preview_type": chosen}


@admin_page
def register_list(request: HttpRequest) -> HttpResponse:
    access.require_administrator(me(request))
    organizations = access.administered_organizations(me(request)).prefetch_related("registers")
    chosen = request.GET.get("organization", "")
    if chosen.isdigit():
        organizations = organizations.filter(pk=int(chosen))
    today = clock.today()
    groups = []
    for organization in organizations:
        rows = [(r, reg_actions.numbers_in_current_period(r, on=today))
                for r in organization.registers.all()]
        groups.append((organization, rows))
    return render(request, "administration/register_list.html", {"groups": groups})


def _register_page(
    request: HttpRequest, organization: Organization, register: Register | None
) -> HttpResponse:
    initial = RegisterForm.initial_for(register) if register else {"name": "", "position": 0}
    form = RegisterForm(form_data(request), initial=initial)
    warning = ""
    if request.method == "POST" and "preview" not in request.POST:
        saved, warning = submit_confirmable(form, lambda: _save_register(
            request, organization, register, form))
        if saved:
            messages.success(request, f"Đã lưu {saved.name} của {organization.short_name}.")
            return redirect(reverse("administration:register_list")
                            + f"?organization={organization.pk}")
    data = request.POST if request.method == "POST" else None
    context = {"form": form, "organization": organization, "register": register,
               "warning": warning, **_preview_context(organization, register, data)}
    return render(request, "administration/register_form.html", context)


def _save_register(
    request: HttpRequest, organization: Organization, register: Register | None, form: RegisterForm
) -> Register:
    fields = form.to_fields()
    if register is None:
        return reg_actions.create_register(actor=me(request), organization=organization,
                                           fields=fields)
    return reg_actions.update_register(actor=me(request), register=register, fields=fields,
                                       confirm=form.cleaned_data["confirm"])


@admin_page
def register_create(request: HttpRequest, organization_id: int) -> HttpResponse:
    organization = access.get_organization_for_admin(me(request), organization_id)
    return _register_page(request, organization, None)


@admin_page
def register_edit(request: HttpRequest, register_id: int) -> HttpResponse:
    register = register_access.get_register_for_admin(me(request), register_id)
    return _register_page(request, register.organization, register)


@admin_page
@require_GET
def register_preview(request: HttpRequest, organization_id: int) -> HttpResponse:
    """The preview fragment, refreshed by htmx while the administrator types."""
    organization = access.get_organization_for_admin(me(request), organization_id)
    register = None
    if request.GET.get("register"):
        register = register_access.get_register_for_admin(me(request), request.GET["register"])
        if register.organization_id != organization.pk:
            register = None
    context = {"organization": organization, "register": register,
               **_preview_context(organization, register, request.GET)}
    return render(request, "administration/register_form.html#preview", context)


@admin_page
@require_POST
def register_remove(request: HttpRequest, register_id: int) -> HttpResponse:
    register = register_access.get_register_for_admin(me(request), register_id)
    outcome = reg_actions.remove_register(actor=me(request), register=register)
    if outcome == "deleted":
        messages.success(request, f"Đã xóa {register.name}.")
    else:
        messages.warning(request, f"{register.name} đã có số hoặc văn bản nên không xóa được; "
                                  "đã chuyển sang ngừng dùng.")
    return redirect(reverse("administration:register_list")
                    + f"?organization={register.organization_id}")


# --- Terms ---------------------------------------------------------------------------------


@admin_page
def term_list(request: HttpRequest) -> HttpResponse:
    access.require_administrator(me(request))
    organizations = access.administered_organizations(me(request)).prefetch_related("terms")
    uses_terms = Register.objects.filter(
        reset_policy__in=[ResetPolicy.PARTY_TERM, ResetPolicy.CONGRESS], is_active=True
    ).values_list("organization_id", flat=True)
    return render(request, "administration/term_list.html", {
        "organizations": organizations, "uses_terms": set(uses_terms), "today": clock.today(),
    })


@admin_page
def term_create(request: HttpRequest, organization_id: int) -> HttpResponse:
    organization = access.get_organization_for_admin(me(request), organization_id)
    form = TermForm(form_data(request), initial={"kind": TermKind.TERM})
    if request.method == "POST":
        term = submit(form, lambda: reg_actions.create_term(
            actor=me(request), organization=organization, fields=form.to_fields()))
        if term:
            messages.success(request, f"Đã thêm {term.name} của {organization.short_name}.")
            return redirect("administration:term_list")
    return form_page(request, form, title=f"Thêm nhiệm kỳ, đại hội — {organization.name}",
                     back="administration:term_list",
                     intro="Nhiệm kỳ tính từ ngày sau ngày bế mạc đại hội khóa trước đến ngày "
                           "bế mạc đại hội khóa sau; đại hội tính từ phiên trù bị đến bế mạc.")


@admin_page
def term_edit(request: HttpRequest, term_id: int) -> HttpResponse:
    term = register_access.get_term_for_admin(me(request), term_id)
    form = TermForm(form_data(request), initial=TermForm.initial_for(term))
    if request.method == "POST" and submit(form, lambda: reg_actions.update_term(
            actor=me(request), term=term, fields=form.to_fields())):
        messages.success(request, f"Đã lưu {term.name}.")
        return redirect("administration:term_list")
    return form_page(request, form, title=f"Sửa {term.name} — {term.organization.name}",
                     back="administration:term_list")


@admin_page
@require_POST
def term_delete(request: HttpRequest, term_id: int) -> HttpResponse:
    term = register_access.get_term_for_admin(me(request), term_id)
    name = term.name
    reg_actions.delete_term(actor=me(request), term=term)
    messages.success(request, f"Đã xóa {name}.")
    return redirect("administration:term_list")


# --- Document types ------------------------------------------------------------------------


@admin_page
def document_type_list(request: HttpRequest) -> HttpResponse:
    access.require_administrator(me(request))
    system = request.GET.get("system", "")
    types = register_access.visible_document_types(me(request)).order_by(
        "system", "organization__name", "position", "name"
    )
    if system in TypeSystem.values:
        types = types.filter(system=system)
    shared = access.administers_every_office(me(request))
    rows = [(t, t.organization_id is not None or shared) for t in types]
    return render(request, "administration/document_type_list.html", {
        "rows": rows, "systems": TypeSystem.choices, "system": system, "shared": shared,
    })


@admin_page
def document_type_create(request: HttpRequest) -> HttpResponse:
    access.require_administrator(me(request))
    shared = access.administers_every_office(me(request))
    organizations = access.administered_organizations(me(request)).filter(is_active=True)
    form = DocumentTypeForm(form_data(request), organizations=organizations, shared_allowed=shared,
                            initial={"system": request.GET.get("system", TypeSystem.STATE)})
    del form.fields["confirm"]
    if request.method == "POST":
        created = submit(form, lambda: reg_actions.create_document_type(
            actor=me(request), organization=form.cleaned_data.get("organization"),
            fields=form.to_fields()))
        if created:
            messages.success(request, f"Đã thêm loại văn bản {created}.")
            return redirect(reverse("administration:document_type_list")
                            + f"?system={created.system}")
    return form_page(request, form, title="Thêm loại văn bản",
                     back="administration:document_type_list")


@admin_page
def document_type_edit(request: HttpRequest, type_id: int) -> HttpResponse:
    document_type = register_access.get_document_type_for_admin(me(request), type_id)
    form = DocumentTypeForm(form_data(request), initial=DocumentTypeForm.initial_for(document_type))
    warning = ""
    if request.method == "POST":
        saved, warning = submit_confirmable(form, lambda: reg_actions.update_document_type(
            actor=me(request), document_type=document_type, fields=form.to_fields(),
            confirm=form.cleaned_data.get("confirm", False)))
        if saved:
            messages.success(request, f"Đã lưu loại văn bản {saved}.")
            return redirect(reverse("administration:document_type_list")
                            + f"?system={saved.system}")
    if not warning:
        # The confirmation box only appears once there is something to confirm.
        form.fields.pop("confirm")
    owner = document_type.organization.name if document_type.organization else "danh mục chung"
    return form_page(request, form, title=f"Sửa loại văn bản {document_type.name} ({owner})",
                     back="administration:document_type_list", intro=warning,
                     danger=bool(warning))


@admin_page
@require_POST
def document_type_remove(request: HttpRequest, type_id: int) -> HttpResponse:
    document_type = register_access.get_document_type_for_admin(me(request), type_id)
    outcome = reg_actions.remove_document_type(actor=me(request), document_type=document_type)
    if outcome == "deleted":
        messages.success(request, f"Đã xóa loại văn bản {document_type.name}.")
    else:
        messages.warning(request, f"Loại văn bản {document_type.name} đã được dùng nên không "
                                  "xóa được; đã chuyển sang ngừng dùng.")
    return redirect(reverse("administration:document_type_list")
                    + f"?system={document_type.system}")


# --- Working days --------------------------------------------------------------------------


def _holiday_rows(year: int) -> list[tuple[dt.date, str]]:
    names = holidays.country_holidays("VN", years=year, language="vi")
    return [(day, names.get(day, "")) for day in sorted(statutory_holidays(year))]


@admin_page
def workdays(request: HttpRequest) -> HttpResponse:
    workday_access.require_workday_manager(me(request))
    year = year_in_range(request.GET.get("nam", ""), clock.today().year)
    form = WorkdayOverrideForm(form_data(request), initial={"kind": OverrideKind.WORKING_DAY})
    if request.method == "POST":
        override = submit(form, lambda: day_actions.add_workday_override(
            actor=me(request), day=form.cleaned_data["date"], kind=form.cleaned_data["kind"],
            name=form.cleaned_data["name"]))
        if override:
            messages.success(request, f"Đã khai báo {override}.")
            return redirect(reverse("administration:workdays") + f"?nam={override.date.year}")
    return render(request, "administration/workdays.html", {
        "year": year, "form": form, "statutory": _holiday_rows(year),
        "overrides": WorkdayOverride.objects.filter(date__year=year),
    })


@admin_page
@require_POST
def workday_remove(request: HttpRequest, override_id: int) -> HttpResponse:
    override = workday_access.get_workday_override_for_admin(me(request), override_id)
    year = override.date.year
    day_actions.remove_workday_override(actor=me(request), override=override)
    messages.success(request, "Đã bỏ ngày hoán đổi.")
    return redirect(reverse("administration:workdays") + f"?nam={year}")
