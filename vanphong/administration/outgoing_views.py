"""Administration pages for outgoing documents: drafting templates, review chains,
signing delegations (TL./TUQ.) and the address book. The gatekeepers and actions are in
`vanphong.outgoing.configuration`; these views parse input, call them and render."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from vanphong import clock
from vanphong.administration.forms import (
    CorrespondentForm,
    DelegationForm,
    EndDelegationForm,
    OutgoingTemplateForm,
    ReviewChainForm,
)
from vanphong.administration.views import admin_page, form_data, form_page, me, submit
from vanphong.organizations import access
from vanphong.organizations.models import Organization, User
from vanphong.outgoing import configuration as config
from vanphong.outgoing.models import Delegation, Template
from vanphong.registers import access as register_access
from vanphong.registers.models import DocumentType, TypeSystem


def _types_for(organization: Organization) -> QuerySet[DocumentType]:
    scope = Q(organization__isnull=True) | Q(organization=organization)
    return DocumentType.objects.filter(scope, system=config.system_of(organization),
                                       is_active=True)


def _anchor(name: str, organization_id: int) -> str:
    return reverse(f"administration:{name}") + f"#org-{organization_id}"


# --- Drafting templates --------------------------------------------------------------------


@admin_page
def template_list(request: HttpRequest) -> HttpResponse:
    access.require_administrator(me(request))
    templates = config.administered_templates(me(request)).order_by(
        "style", "document_type__position", "organization__name", "name")
    rows = [(t, config.may_change_template(me(request), t)) for t in templates]
    return render(request, "administration/outgoing_template_list.html", {"rows": rows})


def _template_form(request: HttpRequest, template: Template | None) -> OutgoingTemplateForm:
    user = me(request)
    types = register_access.visible_document_types(user).filter(
        system__in=[TypeSystem.STATE, TypeSystem.PARTY]).filter(
        Q(is_active=True) | Q(pk=getattr(template, "document_type_id", None)))
    initial = OutgoingTemplateForm.initial_for(template) if template else {}
    return OutgoingTemplateForm(
        form_data(request), types=types.order_by("system", "position", "name"),
        organizations=access.administered_organizations(user).filter(is_active=True),
        shared_allowed=access.administers_every_office(user), initial=initial,
    )


@admin_page
def template_create(request: HttpRequest) -> HttpResponse:
    access.require_administrator(me(request))
    form = _template_form(request, None)
    if request.method == "POST":
        template = submit(form, lambda: config.create_template(actor=me(request),
                                                               fields=form.to_fields()))
        if template:
            messages.success(request, f"Đã thêm mẫu văn bản {template.name}.")
            return redirect("administration:template_list")
    return form_page(request, form, title="Thêm mẫu văn bản", back="administration:template_list",
                     intro="Người soạn thảo chọn mẫu theo loại văn bản; mẫu chỉ hiện với các "
                           "cơ quan ban hành theo đúng thể thức của mẫu.")


@admin_page
def template_edit(request: HttpRequest, template_id: int) -> HttpResponse:
    template = config.get_template_for_admin(me(request), template_id)
    form = _template_form(request, template)
    if request.method == "POST" and submit(form, lambda: config.update_template(
            actor=me(request), template=template, fields=form.to_fields())):
        messages.success(request, f"Đã lưu mẫu văn bản {template.name}.")
        return redirect("administration:template_list")
    return form_page(request, form, title=f"Sửa mẫu {template.name}",
                     back="administration:template_list")


@admin_page
@require_POST
def template_deactivate(request: HttpRequest, template_id: int) -> HttpResponse:
    template = config.get_template_for_admin(me(request), template_id)
    config.deactivate_template(actor=me(request), template=template)
    messages.success(request, f"Đã ngừng dùng mẫu {template.name}; các dự thảo đã soạn "
                              "không bị ảnh hưởng.")
    return redirect("administration:template_list")


# --- Review chains -------------------------------------------------------------------------


@admin_page
def review_chain_list(request: HttpRequest) -> HttpResponse:
    access.require_administrator(me(request))
    chains = config.administered_review_chains(me(request)).order_by(
        "document_type__position", "document_type__name")
    by_organization: dict[int, list] = {}
    for chain in chains:
        by_organization.setdefault(chain.organization_id, []).append(chain)
    organizations = access.administered_organizations(me(request)).filter(is_active=True)
    groups = [(o, by_organization.get(o.pk, [])) for o in organizations]
    return render(request, "administration/review_chain_list.html", {"groups": groups})


@admin_page
def review_chain_create(request: HttpRequest, organization_id: int) -> HttpResponse:
    access.require_administrator(me(request))
    organization = access.get_organization_for_admin(me(request), organization_id)
    form = ReviewChainForm(form_data(request), types=_types_for(organization))
    if request.method == "POST" and submit(form, lambda: config.create_review_chain(
            actor=me(request), organization=organization, fields=form.to_fields())):
        messages.success(request, f"Đã thêm quy trình duyệt của {organization.short_name}.")
        return redirect(_anchor("review_chain_list", organization.pk))
    return form_page(request, form, title=f"Thêm quy trình duyệt — {organization.name}",
                     back="administration:review_chain_list", intro=CHAIN_INTRO)


CHAIN_INTRO = ("Các bước luôn theo thứ tự: trưởng đơn vị soạn thảo → lãnh đạo phụ trách → "
               "văn phòng kiểm tra thể thức → người ký. Mỗi cơ quan có một quy trình mặc định "
               "và có thể có quy trình riêng cho từng loại văn bản.")


@admin_page
def review_chain_edit(request: HttpRequest, chain_id: int) -> HttpResponse:
    chain = config.get_review_chain_for_admin(me(request), chain_id)
    organization = chain.organization
    form = ReviewChainForm(form_data(request), types=_types_for(organization),
                           initial=ReviewChainForm.initial_for(chain))
    if request.method == "POST" and submit(form, lambda: config.update_review_chain(
            actor=me(request), chain=chain, fields=form.to_fields())):
        messages.success(request, f"Đã lưu quy trình duyệt của {organization.short_name}.")
        return redirect(_anchor("review_chain_list", organization.pk))
    return form_page(request, form, title=f"Sửa quy trình duyệt — {chain}",
                     back="administration:review_chain_list", intro=CHAIN_INTRO)


@admin_page
@require_POST
def review_chain_delete(request: HttpRequest, chain_id: int) -> HttpResponse:
    chain = config.get_review_chain_for_admin(me(request), chain_id)
    organization_id, name = chain.organization_id, str(chain)
    config.delete_review_chain(actor=me(request), chain=chain)
    messages.success(request, f"Đã xóa quy trình duyệt {name}.")
    return redirect(_anchor("review_chain_list", organization_id))


# --- Signing delegations -------------------------------------------------------------------


@admin_page
def delegation_list(request: HttpRequest) -> HttpResponse:
    access.require_administrator(me(request))
    today = clock.today()
    delegations = config.administered_delegations(me(request)).order_by("-valid_from", "pk")
    by_organization: dict[int, list] = {}
    for delegation in delegations:
        by_organization.setdefault(delegation.organization_id, []).append(delegation)
    organizations = access.administered_organizations(me(request)).filter(is_active=True)
    groups = [(o, by_organization.get(o.pk, [])) for o in organizations]
    return render(request, "administration/delegation_list.html",
                  {"groups": groups, "today": today})


def _delegation_form(
    request: HttpRequest, organization: Organization, delegation: Delegation | None
) -> DelegationForm:
    people = config.delegate_choices(access.administered_offices(me(request)))
    if delegation is not None:
        people = (people | User.objects.filter(pk=delegation.delegate_id)).distinct()
    initial = (DelegationForm.initial_for(delegation) if delegation
               else {"valid_from": clock.today()})
    return DelegationForm(form_data(request), people=people, types=_types_for(organization),
                          initial=initial)


DELEGATION_INTRO = ("Người được giao ký thừa lệnh (TL.) hoặc thừa ủy quyền (TUQ.) chỉ ký được "
                    "các loại văn bản đã giao, trong thời gian hiệu lực.")


@admin_page
def delegation_create(request: HttpRequest, organization_id: int) -> HttpResponse:
    access.require_administrator(me(request))
    organization = access.get_organization_for_admin(me(request), organization_id)
    form = _delegation_form(request, organization, None)
    if request.method == "POST" and submit(form, lambda: config.create_delegation(
            actor=me(request), organization=organization, fields=form.to_fields())):
        messages.success(request, f"Đã ghi nhận giao ký của {organization.short_name}.")
        return redirect(_anchor("delegation_list", organization.pk))
    return form_page(request, form, title=f"Giao ký, ủy quyền ký — {organization.name}",
                     back="administration:delegation_list", intro=DELEGATION_INTRO)


@admin_page
def delegation_edit(request: HttpRequest, delegation_id: int) -> HttpResponse:
    delegation = config.get_delegation_for_admin(me(request), delegation_id)
    organization = delegation.organization
    form = _delegation_form(request, organization, delegation)
    if request.method == "POST" and submit(form, lambda: config.update_delegation(
            actor=me(request), delegation=delegation, fields=form.to_fields())):
        messages.success(request, f"Đã lưu giao ký của {organization.short_name}.")
        return redirect(_anchor("delegation_list", organization.pk))
    return form_page(request, form, title=f"Sửa giao ký — {organization.name}",
                     back="administration:delegation_list", intro=DELEGATION_INTRO)


@admin_page
def delegation_end(request: HttpRequest, delegation_id: int) -> HttpResponse:
    delegation = config.get_delegation_for_admin(me(request), delegation_id)
    form = EndDelegationForm(form_data(request))
    if request.method == "POST" and submit(form, lambda: config.end_delegation(
            actor=me(request), delegation=delegation, last_day=form.cleaned_data["last_day"])):
        messages.success(request, f"Đã kết thúc giao ký của {delegation.delegate}.")
        return redirect(_anchor("delegation_list", delegation.organization_id))
    return form_page(
        request, form, title=f"Kết thúc sớm: {delegation}", danger=True,
        back="administration:delegation_list", submit_label="Kết thúc giao ký",
        intro="Người được giao vẫn ký được đến hết ngày đã chọn. Giao ký không bị xóa: các "
              "văn bản đã ký theo giao ký này vẫn dẫn căn cứ của nó.",
    )


# --- Address book --------------------------------------------------------------------------


@admin_page
def correspondent_list(request: HttpRequest) -> HttpResponse:
    access.require_administrator(me(request))
    correspondents = config.administered_correspondents(me(request)).select_related("office")
    offices = access.administered_offices(me(request))
    return render(request, "administration/correspondent_list.html", {
        "correspondents": correspondents.order_by("-is_active", "name"),
        "several_offices": offices.count() > 1,
    })


@admin_page
def correspondent_create(request: HttpRequest) -> HttpResponse:
    access.require_administrator(me(request))
    form = CorrespondentForm(form_data(request), offices=access.administered_offices(me(request)))
    if request.method == "POST":
        correspondent = submit(form, lambda: config.create_correspondent(
            actor=me(request), office=form.cleaned_data["office"], fields=form.to_fields()))
        if correspondent:
            messages.success(request, f"Đã thêm {correspondent.name} vào sổ địa chỉ.")
            return redirect("administration:correspondent_list")
    return form_page(request, form, title="Thêm nơi nhận ngoài",
                     back="administration:correspondent_list")


@admin_page
def correspondent_edit(request: HttpRequest, correspondent_id: int) -> HttpResponse:
    correspondent = config.get_correspondent_for_admin(me(request), correspondent_id)
    form = CorrespondentForm(form_data(request), offices=None,
                             initial=CorrespondentForm.initial_for(correspondent))
    if request.method == "POST" and submit(form, lambda: config.update_correspondent(
            actor=me(request), correspondent=correspondent, fields=form.to_fields())):
        messages.success(request, f"Đã lưu {correspondent.name}.")
        return redirect("administration:correspondent_list")
    return form_page(request, form, title=f"Sửa {correspondent.name}",
                     back="administration:correspondent_list")


@admin_page
@require_POST
def correspondent_deactivate(request: HttpRequest, correspondent_id: int) -> HttpResponse:
    correspondent = config.get_correspondent_for_admin(me(request), correspondent_id)
    config.deactivate_correspondent(actor=me(request), correspondent=correspondent)
    messages.success(request, f"Đã ngừng dùng {correspondent.name}; văn bản đã gửi vẫn giữ "
                              "nơi nhận này.")
    return redirect("administration:correspondent_list")
