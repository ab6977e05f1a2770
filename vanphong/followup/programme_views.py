"""Work programme pages: the list, a new programme, the programme page (items, adding,
approving, postponing or dropping an item, tasks from an item) and its report in Excel
and PDF. Each view parses input, asks the gatekeeper, calls one action, renders."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from vanphong import clock
from vanphong.errors import DomainError, NotAllowed, NotFound
from vanphong.followup import exports, forms, programmes
from vanphong.followup.access import (
    ProgrammeAction,
    can_programme,
    get_programme_for,
    may_create_task,
    may_edit_programmes,
    visible_programmes,
)
from vanphong.followup.models import ProgrammeItem, WorkProgramme
from vanphong.http import AuthedRequest
from vanphong.organizations.models import Organization
from vanphong.organizations.standing import standing_of
from vanphong.printing import xlsx

XLSX = xlsx.XLSX


def _programme(request: AuthedRequest, programme_id: Any,
               action: ProgrammeAction = ProgrammeAction.VIEW) -> WorkProgramme:
    try:
        return get_programme_for(request.user, programme_id, action)
    except NotFound:
        raise Http404("Không tìm thấy chương trình công tác") from None
    except NotAllowed:
        raise Http404("Không tìm thấy chương trình công tác") from None


def _editable_orgs(request: AuthedRequest) -> list[Organization]:
    """Organizations whose programmes the user keeps, the one they act for first."""
    offices = standing_of(request.user).member_offices
    editable = [o for o in Organization.objects.active().filter(office_id__in=offices)
                if may_edit_programmes(request.user, o)]
    return forms.acting_first(editable, request.acting.organization)


@login_required
def programme_list(request: AuthedRequest) -> HttpResponse:
    listed = visible_programmes(request.user).select_related("organization")
    return render(request, "followup/programme_list.html", {
        "programmes": listed, "may_create": bool(_editable_orgs(request)),
    })


@login_required
def programme_create(request: AuthedRequest) -> HttpResponse:
    organizations = _editable_orgs(request)
    if not organizations:
        raise Http404("Bạn không lập chương trình công tác cho cơ quan nào.")
    year = clock.today().year + (1 if clock.today().month >= 11 else 0)
    form = forms.ProgrammeForm(request.POST or None, organizations=organizations,
                               initial={"year": year, "kind": "year",
                                        "organization": organizations[0].pk})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            programme = programmes.create_programme(
                actor=request.user, organization=form.organizations[data["organization"]],
                title=data["title"], year=data["year"], kind=data["kind"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Đã lập chương trình công tác.")
            return redirect("followup:programme", programme.pk)
    return render(request, "followup/programme_form.html", {"form": form},
                  status=422 if request.method == "POST" else 200)


def _page(request: AuthedRequest, programme: WorkProgramme, status: int = 200,
          **forms_given: Any) -> HttpResponse:
    doers = forms.Doers(programme.office)
    report = programmes.programme_report(programme)
    editable = can_programme(request.user, ProgrammeAction.EDIT, programme)
    return render(request, "followup/programme_detail.html", {
        "programme": programme, "report": report, "editable": editable,
        "may_approve": can_programme(request.user, ProgrammeAction.APPROVE, programme),
        "may_assign": programme.state == "approved"
        and may_create_task(request.user, programme.organization),
        "item_form": forms_given.get("item_form") or (forms.ItemForm(doers=doers)
                                                      if editable else None),
        "decide_form": forms_given.get("decide_form") or forms.PostponeForm(),
        "decide_item": forms_given.get("decide_item"),
    }, status=status)


@login_required
def programme_detail(request: AuthedRequest, programme_id: int) -> HttpResponse:
    return _page(request, _programme(request, programme_id))


@login_required
@require_POST
def item_add(request: AuthedRequest, programme_id: int) -> HttpResponse:
    programme = _programme(request, programme_id)
    if not can_programme(request.user, ProgrammeAction.EDIT, programme):
        return _refused(request, programme)
    form = forms.ItemForm(request.POST, doers=forms.Doers(programme.office))
    if form.is_valid():
        try:
            programmes.add_item(actor=request.user, programme=programme, fields=form.to_fields())
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Đã thêm nội dung vào chương trình.")
            return redirect("followup:programme", programme.pk)
    return _page(request, programme, 422, item_form=form)


@login_required
@require_POST
def programme_approve(request: AuthedRequest, programme_id: int) -> HttpResponse:
    programme = _programme(request, programme_id)
    try:
        programmes.approve_programme(actor=request.user, programme=programme)
    except NotAllowed:
        return _refused(request, programme)
    except DomainError as error:
        messages.error(request, error.message)
        return _page(request, programme, 422)
    messages.success(request, "Đã duyệt chương trình công tác.")
    return redirect("followup:programme", programme.pk)


@login_required
@require_POST
def item_decide(request: AuthedRequest, item_id: int) -> HttpResponse:
    item = _item(request, item_id)
    programme = item.programme
    if not can_programme(request.user, ProgrammeAction.EDIT, programme):
        return _refused(request, programme)
    form = forms.PostponeForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "drop":
                programmes.drop_item(actor=request.user, item=item, reason=data["reason"])
            else:
                programmes.postpone_item(actor=request.user, item=item,
                                         to_month=data["to_month"], reason=data["reason"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Đã ghi quyết định với nội dung của chương trình.")
            return redirect("followup:programme", programme.pk)
    return _page(request, programme, 422, decide_form=form, decide_item=item.pk)


def _item(request: AuthedRequest, item_id: int) -> ProgrammeItem:
    item = ProgrammeItem.objects.filter(
        pk=item_id, programme__in=visible_programmes(request.user)
    ).select_related("programme__organization", "programme__office").first()
    if item is None:
        raise Http404("Không tìm thấy nội dung chương trình")
    return item


def _refused(request: AuthedRequest, programme: WorkProgramme) -> HttpResponse:
    messages.error(request, "Bạn không có quyền thực hiện thao tác này với chương trình.")
    return _page(request, programme, 403)


@login_required
def report_xlsx(request: AuthedRequest, programme_id: int) -> HttpResponse:
    report = programmes.programme_report(_programme(request, programme_id))
    response = HttpResponse(exports.programme_xlsx(report), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="chuong-trinh-cong-tac.xlsx"'
    return response


@login_required
def report_pdf(request: AuthedRequest, programme_id: int) -> HttpResponse:
    report = programmes.programme_report(_programme(request, programme_id))
    response = HttpResponse(exports.programme_pdf(report, author=str(request.user)),
                            content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="chuong-trinh-cong-tac.pdf"'
    return response
