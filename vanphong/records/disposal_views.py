"""Disposal pages: dossiers past their retention, a disposal list with its council's votes,
the head's approval, the archivist carrying it out, the record as PDF; a legal hold from a
dossier's page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from vanphong import clock
from vanphong.errors import DomainError, NotAllowed, NotFound
from vanphong.http import AuthedRequest
from vanphong.organizations.models import Organization, Position
from vanphong.records import disposal, printouts
from vanphong.records.disposal import DisposalAction, can_disposal
from vanphong.records.models import Disposal, Dossier
from vanphong.records.steps import dossier_or_404, outcome
from vanphong.records.transfer_views import office_of


@login_required
def disposals(request: AuthedRequest) -> HttpResponse:
    office = office_of(request)
    keeps = disposal.keeps_archive(request.user, office.pk)
    due = disposal.expired(office.pk) if keeps else []
    people = {p.person_id: p.person for p in Position.objects.active(on=clock.today()).filter(
        office=office, person__is_active=True).select_related("person")}
    if request.method == "POST":
        if not keeps:
            raise Http404("Bạn không lập danh mục tiêu hủy.")
        organization = Organization.objects.filter(pk=request.POST.get("organization") or 0,
                                                   office=office).first()
        picked = set(request.POST.getlist("dossiers"))
        chosen = [d for d in due if str(d.pk) in picked]
        council = [people[int(pk)] for pk in request.POST.getlist("council")
                   if pk.isdigit() and int(pk) in people]
        try:
            if organization is None:
                raise NotFound("Chọn cơ quan.")
            made = disposal.propose_disposal(actor=request.user, organization=organization,
                                             dossiers=chosen, council=council)
        except (DomainError, NotAllowed) as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Đã lập danh mục tài liệu hết giá trị; chờ hội đồng "
                                      "thẩm định.")
            return redirect("records:disposal", made.pk)
    groups: dict[Organization, list[Dossier]] = {}
    for dossier in due:
        groups.setdefault(dossier.plan.organization, []).append(dossier)
    return render(request, "records/disposals.html", {
        "groups": groups, "keeps": keeps,
        "people": sorted(people.values(), key=lambda u: u.full_name),
        "disposals": disposal.visible_disposals(request.user).select_related("organization"),
    }, status=422 if request.method == "POST" else 200)


def _disposal(request: AuthedRequest, disposal_id: int) -> Disposal:
    try:
        return disposal.get_disposal_for(request.user, disposal_id)
    except NotFound:
        raise Http404("Không tìm thấy danh mục tiêu hủy") from None


def _page(request: AuthedRequest, item: Disposal, status: int = 200) -> HttpResponse:
    return render(request, "records/disposal_detail.html", {
        "disposal": item, "items": item.items.select_related("dossier"),
        "votes": item.votes.select_related("member"), "council": item.council.all(),
        "may_vote": can_disposal(request.user, DisposalAction.VOTE, item),
        "may_approve": can_disposal(request.user, DisposalAction.APPROVE, item),
        "may_carry_out": can_disposal(request.user, DisposalAction.CARRY_OUT, item),
    }, status=status)


@login_required
def disposal_detail(request: AuthedRequest, disposal_id: int) -> HttpResponse:
    return _page(request, _disposal(request, disposal_id))


def _vote(request: AuthedRequest, item: Disposal) -> str:
    disposal.vote(actor=request.user, disposal=item, agrees=request.POST.get("agrees") == "1",
                  note=request.POST.get("note", "")[:2000])
    return "Đã ghi ý kiến thẩm định."


def _approve(request: AuthedRequest, item: Disposal) -> str:
    disposal.approve(actor=request.user, disposal=item)
    return "Đã duyệt tiêu hủy."


def _carry_out(request: AuthedRequest, item: Disposal) -> str:
    disposal.carry_out(actor=request.user, disposal=item,
                       method=request.POST.get("method", "")[:300])
    return "Đã ghi nhận tiêu hủy; biên bản đã được lập."


DISPOSAL_STEPS: dict[str, Callable[[AuthedRequest, Disposal], str]] = {
    "y-kien": _vote, "duyet": _approve, "thuc-hien": _carry_out}


@login_required
@require_POST
def disposal_step(request: AuthedRequest, disposal_id: int, step: str) -> HttpResponse:
    item = _disposal(request, disposal_id)
    do = DISPOSAL_STEPS.get(step)
    if do is None:
        raise Http404("Không có thao tác này")
    return outcome(request, lambda: do(request, item),
                   then=reverse("records:disposal", args=[item.pk]),
                   page=lambda status: _page(request, item, status),
                   refused="Bạn không thể thực hiện thao tác này ở trạng thái "
                           f"“{item.get_state_display()}”.")


@login_required
def disposal_pdf(request: AuthedRequest, disposal_id: int) -> HttpResponse:
    item = _disposal(request, disposal_id)
    response = HttpResponse(printouts.disposal_pdf(item, author=str(request.user)),
                            content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bien-ban-huy-{item.pk}.pdf"'
    return response


@login_required
@require_POST
def dossier_hold(request: AuthedRequest, dossier_id: Any) -> HttpResponse:
    dossier = dossier_or_404(request, dossier_id)

    def hold() -> str:
        disposal.set_hold(actor=request.user, dossier=dossier,
                          reason=request.POST.get("reason", "")[:500])
        return "Đã cập nhật tạm giữ hồ sơ."

    return outcome(request, hold, then=reverse("records:dossier", args=[dossier.pk]))
