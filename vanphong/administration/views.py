"""Administration pages: offices, organizations, units, people and their positions.

Registers, terms, document types and working days are in `registry_views.py`. Each view
parses input, asks `vanphong.organizations.access` for the object (404 when the user does
not administer it) or for the right to open the page (403), calls one action and renders.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from vanphong import clock
from vanphong.accounts.status import login_security
from vanphong.administration.forms import (
    AdminForm,
    DeactivateForm,
    EndPositionForm,
    OfficeForm,
    OrganizationForm,
    PasswordForm,
    PersonCreateForm,
    PersonForm,
    PositionForm,
    UnitForm,
)
from vanphong.errors import Conflict, Invalid, NotAllowed, NotFound
from vanphong.organizations import access
from vanphong.organizations import actions as org_actions
from vanphong.organizations.models import (
    Office,
    Organization,
    Position,
    Role,
    Unit,
    User,
)
from vanphong.registers import actions as register_actions
from vanphong.registers.models import DocumentType, Register
from vanphong.vietnamese import fold

View = TypeVar("View", bound=Callable[..., HttpResponse])


def admin_page(view: View) -> View:
    """Log-in required; the gatekeeper's refusals become 404 (objects) and 403 (pages);
    a domain error no form caught becomes a message on the same page."""

    @login_required
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as error:
            raise Http404(error.message) from error
        except NotAllowed as error:
            raise PermissionDenied(error.message) from error
        except (Invalid, Conflict) as error:
            messages.error(request, error.message)
            return redirect(_back_to(request))

    return wrapper  # type: ignore[return-value]


def me(request: HttpRequest) -> User:
    """The logged-in user (every view here sits behind `admin_page`'s login check)."""
    return request.user  # type: ignore[return-value]


def _back_to(request: HttpRequest) -> str:
    """The page the user came from, when it is ours; else the administration index."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        return referer
    return reverse("administration:index")


def submit(form: AdminForm, action: Callable[[], Any]) -> Any:
    """Run `action` when the form is valid; None (and errors on the form) otherwise."""
    if not form.is_valid():
        return None
    try:
        return action()
    except (Invalid, Conflict) as error:
        form.add_domain_error(error)
        return None


def form_page(
    request: HttpRequest, form: AdminForm, *, title: str, back: str, submit_label: str = "Lưu",
    sections: list[tuple[str, list[str]]] | None = None, intro: str = "", danger: bool = False,
) -> HttpResponse:
    context = {"form": form, "title": title, "back": back, "submit_label": submit_label,
               "sections": sections, "intro": intro, "danger": danger}
    return render(request, "administration/form_page.html", context)


def form_data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _given(request: HttpRequest, *names: str) -> dict[str, str]:
    """Initial values a link may carry ("?office=3"), only those actually given."""
    return {name: request.GET[name] for name in names if request.GET.get(name)}


# --- Index and offices -------------------------------------------------------------------


def _office_summary(office: Office) -> dict[str, Any]:
    today = clock.today()
    people = Position.objects.active(on=today).filter(office=office, person__is_active=True)
    return {
        "office": office,
        "organizations": office.organizations.filter(is_active=True).count(),
        "units": office.units.filter(is_active=True).count(),
        "people": people.values("person_id").distinct().count(),
        "registers": Register.objects.filter(organization__office=office, is_active=True).count(),
    }


@admin_page
def index(request: HttpRequest) -> HttpResponse:
    access.require_administrator(me(request))
    offices = [_office_summary(o) for o in access.administered_offices(me(request))]
    return render(request, "administration/index.html", {
        "offices": offices, "may_create_office": access.may_create_office(me(request)),
    })


@admin_page
def office_create(request: HttpRequest) -> HttpResponse:
    access.require_office_creator(me(request))
    form = OfficeForm(form_data(request))
    if request.method == "POST":
        office = submit(form, lambda: org_actions.create_office(
            actor=me(request), fields=form.to_fields()))
        if office:
            messages.success(request, f"Đã thêm {office.name}.")
            return redirect("administration:index")
    return form_page(request, form, title="Thêm văn phòng", back="administration:index")


@admin_page
def office_edit(request: HttpRequest, office_id: int) -> HttpResponse:
    office = access.get_office_for_admin(me(request), office_id)
    form = OfficeForm(form_data(request), initial=OfficeForm.initial_for(office))
    if request.method == "POST" and submit(form, lambda: org_actions.update_office(
            actor=me(request), office=office, fields=form.to_fields())):
        messages.success(request, "Đã lưu thông tin văn phòng.")
        return redirect("administration:index")
    return form_page(request, form, title=f"Sửa {office.name}", back="administration:index")


# --- Organizations -------------------------------------------------------------------------


def _heads(organizations: list[Organization]) -> dict[int, list[Position]]:
    leaders: dict[int, list[Position]] = {}
    posts = Position.objects.active(on=clock.today()).filter(
        organization__in=organizations, role__in=[Role.HEAD, Role.DEPUTY]
    ).select_related("person").order_by("role", "start_date")
    for post in posts:
        leaders.setdefault(post.organization_id, []).append(post)  # type: ignore[arg-type]
    return leaders


@admin_page
def organization_list(request: HttpRequest) -> HttpResponse:
    access.require_administrator(me(request))
    organizations = list(access.administered_organizations(me(request)))
    leaders = _heads(organizations)
    rows = [(org, leaders.get(org.pk, [])) for org in organizations]
    return render(request, "administration/organization_list.html", {
        "rows": rows, "several_offices": len({o.office_id for o in organizations}) > 1,
    })


@admin_page
def organization_detail(request: HttpRequest, organization_id: int) -> HttpResponse:
    organization = access.get_organization_for_admin(me(request), organization_id)
    posts = Position.objects.filter(organization=organization).select_related("person", "unit")
    today = clock.today()
    current = list(posts.active(on=today))
    return render(request, "administration/organization_detail.html", {
        "organization": organization,
        "leaders": [p for p in current if p.role in (Role.HEAD, Role.DEPUTY)],
        "staff": [p for p in current if p.role not in (Role.HEAD, Role.DEPUTY)],
        "units": organization.units.all(),
        "registers": organization.registers.all(),
        "terms": organization.terms.all(),
        "own_types": DocumentType.objects.filter(organization=organization),
        "children": organization.children.all(),
    })


@admin_page
def organization_create(request: HttpRequest) -> HttpResponse:
    access.require_administrator(me(request))
    offices = access.administered_offices(me(request))
    if not offices.exists():
        messages.info(request, "Chưa có văn phòng nào; hãy thêm văn phòng trước.")
        return redirect("administration:index")
    form = OrganizationForm(
        form_data(request), offices=offices, creating=True,
        organizations=access.administered_organizations(me(request)),
        initial=_given(request, "office"),
    )
    if request.method == "POST":
        def create() -> Organization:
            action = (register_actions.create_organization_with_registers
                      if form.cleaned_data.get("default_registers")
                      else org_actions.create_organization)
            return action(actor=me(request), office=form.cleaned_data["office"],
                          fields=form.to_fields())

        organization = submit(form, create)
        if organization:
            messages.success(request, f"Đã thêm {organization.name}.")
            return redirect("administration:organization_detail", organization.pk)
    return form_page(request, form, title="Thêm cơ quan, tổ chức",
                     back="administration:organization_list")


@admin_page
def organization_edit(request: HttpRequest, organization_id: int) -> HttpResponse:
    organization = access.get_organization_for_admin(me(request), organization_id)
    others = access.administered_organizations(me(request)).filter(office=organization.office)
    form = OrganizationForm(
        form_data(request), offices=None, organizations=others.exclude(pk=organization.pk),
        creating=False, initial=OrganizationForm.initial_for(organization),
    )
    if request.method == "POST" and submit(form, lambda: org_actions.update_organization(
            actor=me(request), organization=organization, fields=form.to_fields())):
        messages.success(request, f"Đã lưu {organization.name}.")
        return redirect("administration:organization_detail", organization.pk)
    return form_page(request, form, title=f"Sửa {organization.name}",
                     back="administration:organization_list")


# --- Units ----------------------------------------------------------------------------------


@admin_page
def unit_list(request: HttpRequest) -> HttpResponse:
    access.require_administrator(me(request))
    units = access.administered_units(me(request)).order_by(
        "office__name", "organization__position", "organization__name", "name"
    )
    groups: dict[tuple[int, int | None], list[Unit]] = {}
    for unit in units:
        groups.setdefault((unit.office_id, unit.organization_id), []).append(unit)
    return render(request, "administration/unit_list.html", {"groups": list(groups.values())})


def _unit_form(request: HttpRequest, *, creating: bool, initial: dict[str, Any]) -> UnitForm:
    user = me(request)
    return UnitForm(
        form_data(request), offices=access.administered_offices(user) if creating else None,
        organizations=access.administered_organizations(user).filter(is_active=True),
        units=access.administered_units(user).filter(is_active=True), initial=initial,
    )


@admin_page
def unit_create(request: HttpRequest) -> HttpResponse:
    access.require_administrator(me(request))
    initial = _given(request, "organization", "office")
    form = _unit_form(request, creating=True, initial=initial)
    if request.method == "POST":
        unit = submit(form, lambda: org_actions.create_unit(
            actor=me(request), office=form.office(), fields=form.to_fields()))
        if unit:
            messages.success(request, f"Đã thêm đơn vị {unit}.")
            return redirect("administration:unit_list")
    return form_page(request, form, title="Thêm đơn vị", back="administration:unit_list")


@admin_page
def unit_edit(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = access.get_unit_for_admin(me(request), unit_id)
    form = _unit_form(request, creating=False, initial=UnitForm.initial_for(unit))
    form.fields["parent"].queryset = form.fields["parent"].queryset.exclude(  # type: ignore[attr-defined]
        pk=unit.pk
    )
    if request.method == "POST" and submit(form, lambda: org_actions.update_unit(
            actor=me(request), unit=unit, fields=form.to_fields())):
        messages.success(request, f"Đã lưu đơn vị {unit}.")
        return redirect("administration:unit_list")
    return form_page(request, form, title=f"Sửa đơn vị {unit}", back="administration:unit_list")


# --- People ---------------------------------------------------------------------------------


_WORD = re.compile(r"[a-z0-9]+")


def _matches(person: User, words: list[str]) -> bool:
    """Every word typed starts a word of the name, username or e-mail ("hoa" finds
    "Nguyễn Thị Hoa" but not everyone at tanhoa.vn)."""
    known = _WORD.findall(fold(f"{person.full_name} {person.username} {person.email}"))
    return all(any(k.startswith(word) for k in known) for word in words)


@admin_page
def person_list(request: HttpRequest) -> HttpResponse:
    access.require_administrator(me(request))
    query = request.GET.get("q", "")[:100]
    status = request.GET.get("status", "active")
    people = access.administered_people(me(request)).prefetch_related(
        "positions__organization", "positions__unit"
    )
    if status in ("active", "inactive"):
        people = people.filter(is_active=status == "active")
    words = _WORD.findall(fold(query))
    # Offices hold tens or hundreds of people: folding in Python finds "Hoa" for "hòa"
    # on SQLite and PostgreSQL alike, without an unaccent extension.
    found = [p for p in people if _matches(p, words)] if words else list(people)
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    template = "administration/person_list.html"
    if getattr(request, "htmx", False):
        template += "#results"
    return render(request, template, {"page": page, "q": query, "status": status,
                                      "today": clock.today()})


def _position_querysets(user: User) -> dict[str, Any]:
    return {
        "organizations": access.administered_organizations(user).filter(is_active=True),
        "units": access.administered_units(user).filter(is_active=True),
    }


@admin_page
def person_create(request: HttpRequest) -> HttpResponse:
    access.require_administrator(me(request))
    offices = access.administered_offices(me(request))
    querysets = _position_querysets(me(request))
    form = PersonCreateForm(form_data(request), offices=offices, **querysets)
    if request.method == "POST":
        person = submit(form, lambda: org_actions.create_person(
            actor=me(request), office=form.cleaned_data["office"], fields=form.to_fields(),
            password=form.cleaned_data["password1"], first_position=form.position_fields()))
        if person:
            messages.success(request, f"Đã thêm {person.full_name}.")
            return redirect("administration:person_detail", person.pk)
    sections = [
        ("Tài khoản", ["username", "full_name", "email", "phone", "password1", "password2"]),
        ("Chức vụ đầu tiên", ["office", "role", "title", "organization", "unit", "start_date",
                              "end_date"]),
    ]
    return form_page(request, form, title="Thêm người dùng", back="administration:person_list",
                     sections=sections,
                     intro="Mỗi người cần ít nhất một chức vụ; có thể thêm chức vụ kiêm nhiệm "
                           "ở cơ quan khác sau khi tạo.")


@admin_page
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access.get_person_for_admin(me(request), person_id)
    offices = access.administered_office_ids(me(request))
    positions = person.positions.select_related("office", "organization", "unit").order_by(
        "-start_date"
    )
    today = clock.today()
    rows = [(p, p.is_active_on(today), p.office_id in offices) for p in positions]
    return render(request, "administration/person_detail.html", {
        "person": person, "rows": rows, "today": today,
        "may_manage_account": access.may_manage_account(me(request), person),
        "has_history": person.has_history(),
        "login_security": login_security(person),
    })


@admin_page
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access.get_person_for_admin(me(request), person_id)
    access.require_account_manager(me(request), person)
    form = PersonForm(form_data(request), initial=PersonForm.initial_for(person))
    if request.method == "POST" and submit(form, lambda: org_actions.update_person(
            actor=me(request), person=person, fields=form.to_fields())):
        messages.success(request, f"Đã lưu thông tin {person.full_name}.")
        return redirect("administration:person_detail", person.pk)
    return form_page(request, form, title=f"Sửa thông tin {person.full_name}",
                     back="administration:person_list")


@admin_page
def person_password(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access.get_person_for_admin(me(request), person_id)
    access.require_account_manager(me(request), person)
    form = PasswordForm(form_data(request))
    if request.method == "POST" and submit(form, lambda: org_actions.reset_password(
            actor=me(request), person=person, password=form.cleaned_data["password1"])):
        messages.success(request, f"Đã đặt lại mật khẩu cho {person.full_name}. "
                                  "Hãy báo mật khẩu mới cho họ trực tiếp.")
        return redirect("administration:person_detail", person.pk)
    return form_page(request, form, title=f"Đặt lại mật khẩu cho {person.full_name}",
                     back="administration:person_list", submit_label="Đặt lại mật khẩu")


@admin_page
def person_deactivate(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access.get_person_for_admin(me(request), person_id)
    access.require_account_manager(me(request), person)
    form = DeactivateForm(form_data(request))
    if request.method == "POST" and submit(form, lambda: org_actions.set_person_active(
            actor=me(request), person=person, active=False, reason=form.cleaned_data["reason"])):
        messages.success(request, f"Đã ngừng hoạt động tài khoản {person.full_name}.")
        return redirect("administration:person_detail", person.pk)
    return form_page(
        request, form, title=f"Ngừng hoạt động: {person.full_name}", danger=True,
        back="administration:person_list", submit_label="Ngừng hoạt động",
        intro="Người ngừng hoạt động không đăng nhập được và không còn trong các danh sách chọn. "
              "Lịch sử xử lý văn bản của họ được giữ nguyên; có thể cho hoạt động lại.",
    )


@admin_page
@require_POST
def person_reactivate(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access.get_person_for_admin(me(request), person_id)
    org_actions.set_person_active(actor=me(request), person=person, active=True)
    messages.success(request, f"{person.full_name} đã hoạt động lại.")
    return redirect("administration:person_detail", person.pk)


@admin_page
def person_delete(request: HttpRequest, person_id: int) -> HttpResponse:
    """Only for an account with no history; anyone else is offered "Ngừng hoạt động"."""
    person = access.get_person_for_admin(me(request), person_id)
    access.require_account_manager(me(request), person)
    if person.has_history():
        messages.error(request, org_actions.has_history_message(person))
        return redirect("administration:person_detail", person.pk)
    form = DeactivateForm(form_data(request))
    name = person.full_name
    if request.method == "POST" and form.is_valid():
        org_actions.delete_person(actor=me(request), person=person,
                                  reason=form.cleaned_data["reason"])
        messages.success(request, f"Đã xóa người dùng {name}.")
        return redirect("administration:person_list")
    return form_page(
        request, form, title=f"Xóa người dùng {name}", danger=True,
        back="administration:person_list", submit_label="Xóa người dùng",
        intro="Tài khoản này chưa có lịch sử nào trong hệ thống (có thể tạo nhầm) nên xóa được "
              "hẳn, cùng các chức vụ của nó. Người đã làm việc trên hệ thống thì không xóa, "
              "chỉ ngừng hoạt động.",
    )


# --- Positions ------------------------------------------------------------------------------


@admin_page
def position_create(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access.get_person_for_admin(me(request), person_id)
    offices = access.administered_offices(me(request))
    form = PositionForm(form_data(request), offices=offices, **_position_querysets(me(request)))
    if request.method == "POST":
        position = submit(form, lambda: org_actions.add_position(
            actor=me(request), person=person, office=form.cleaned_data["office"],
            fields=form.position_fields()))
        if position:
            messages.success(request, f"Đã giao chức vụ {position.title} cho {person.full_name}.")
            return redirect("administration:person_detail", person.pk)
    return form_page(request, form, title=f"Thêm chức vụ cho {person.full_name}",
                     back="administration:person_list",
                     intro="Một người có thể giữ nhiều chức vụ cùng lúc ở nhiều cơ quan.")


@admin_page
def position_edit(request: HttpRequest, position_id: int) -> HttpResponse:
    position = access.get_position_for_admin(me(request), position_id)
    querysets = _position_querysets(me(request))
    current = Q(pk=position.organization_id) | Q(is_active=True)
    querysets["organizations"] = access.administered_organizations(me(request)).filter(current)
    querysets["units"] = access.administered_units(me(request)).filter(
        Q(pk=position.unit_id) | Q(is_active=True))
    initial = PositionForm.initial_for(position)
    form = PositionForm(form_data(request), offices=None, initial=initial, **querysets)
    if request.method == "POST" and submit(form, lambda: org_actions.update_position(
            actor=me(request), position=position, fields=form.position_fields())):
        messages.success(request, f"Đã lưu chức vụ {position.title}.")
        return redirect("administration:person_detail", position.person_id)
    return form_page(request, form, title=f"Sửa chức vụ của {position.person.full_name}",
                     back="administration:person_list")


@admin_page
def position_end(request: HttpRequest, position_id: int) -> HttpResponse:
    position = access.get_position_for_admin(me(request), position_id)
    form = EndPositionForm(form_data(request))
    if request.method == "POST" and submit(form, lambda: org_actions.end_position(
            actor=me(request), position=position, on=form.cleaned_data["end_date"])):
        messages.success(request, f"Đã kết thúc chức vụ {position.title} của "
                                  f"{position.person.full_name}.")
        return redirect("administration:person_detail", position.person_id)
    return form_page(
        request, form, title=f"Kết thúc chức vụ {position.title} — {position.person.full_name}",
        back="administration:person_list", submit_label="Kết thúc chức vụ", danger=True,
        intro="Người này vẫn giữ chức vụ đến hết ngày đã chọn và thôi từ ngày hôm sau. "
              "Chức vụ không bị xóa: lịch sử vẫn ghi họ đã giữ chức vụ này.",
    )
