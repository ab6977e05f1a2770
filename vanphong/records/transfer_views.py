"""Hand-over pages: dossiers due for the agency archive and the transfers (list, one
transfer with submit / receive / return and its PDF), and on a dossier's page the head's
approval to keep it longer and the archivist's corrections."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from vanphong.errors import DomainError, NotFound
from vanphong.http import AuthedRequest
from vanphong.organizations.acting import current_office
from vanphong.organizations.models import Office, Organization
from vanphong.records import printouts, transfer
from vanphong.records.access import (
    TransferAction,
    can_transfer,
    get_transfer_for,
    may_transfer,
    visible_transfers,
)
from vanphong.records.models import Dossier, Transfer
from vanphong.records.steps import dossier_or_404, outcome


def office_of(request: AuthedRequest) -> Office:
    """The office whose records the pages work on: `current_office` ("làm việc cho")."""
    office = current_office(request)
    if office is None:
        raise Http404("Bạn không thuộc văn phòng nào.")
    return office


@login_required
def transfers(request: AuthedRequest) -> HttpResponse:
    office = office_of(request)
    staff = may_transfer(request.user, office.pk)
    due = transfer.awaiting(office.pk) if staff else []
    if request.method == "POST":
        if not staff:
            raise Http404("Bạn không lập danh mục nộp lưu.")
        organization = Organization.objects.filter(
            pk=request.POST.get("organization") or 0, office=office).first()
        chosen = [d for d in due if str(d.pk) in set(request.POST.getlist("dossiers"))
                  and organization and d.plan.organization_id == organization.pk]
        if organization is None:
            messages.error(request, "Chọn cơ quan nộp lưu.")
        else:
            try:
                made = transfer.create_transfer(actor=request.user, organization=organization,
                                                dossiers=chosen)
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, f"Đã lập danh mục nộp lưu {len(chosen)} hồ sơ.")
                return redirect("records:transfer", made.pk)
    groups: dict[Organization, list[tuple[Dossier, Any]]] = {}
    for dossier in due:
        groups.setdefault(dossier.plan.organization, []).append(
            (dossier, transfer.due_date(dossier)))
    return render(request, "records/transfers.html", {
        "groups": groups, "staff": staff,
        "transfers": visible_transfers(request.user).select_related("organization")[:100],
    }, status=422 if request.method == "POST" else 200)


def _transfer(request: AuthedRequest, transfer_id: int) -> Transfer:
    try:
        return get_transfer_for(request.user, transfer_id)
    except NotFound:
        raise Http404("Không tìm thấy danh mục nộp lưu") from None


def _page(request: AuthedRequest, item: Transfer, status: int = 200) -> HttpResponse:
    return render(request, "records/transfer_detail.html", {
        "transfer": item, "rows": printouts.transfer_rows(item, request.user)[1:],
        "items": item.items.select_related("dossier").order_by("dossier__code"),
        "may_edit": can_transfer(request.user, TransferAction.EDIT, item),
        "may_receive": can_transfer(request.user, TransferAction.RECEIVE, item),
    }, status=status)


@login_required
def transfer_detail(request: AuthedRequest, transfer_id: int) -> HttpResponse:
    return _page(request, _transfer(request, transfer_id))


def _submit(request: AuthedRequest, item: Transfer) -> str:
    transfer.submit_transfer(actor=request.user, transfer=item)
    return "Đã giao hồ sơ nộp lưu; lưu trữ viên được báo để nhận."


def _receive(request: AuthedRequest, item: Transfer) -> str:
    transfer.receive_transfer(actor=request.user, transfer=item,
                              condition=request.POST.get("condition", "")[:500])
    return "Đã nhận hồ sơ vào lưu trữ cơ quan."


def _return(request: AuthedRequest, item: Transfer) -> str:
    transfer.return_transfer(actor=request.user, transfer=item,
                             reason=request.POST.get("reason", "")[:1000])
    return "Đã trả lại danh mục nộp lưu."


TRANSFER_STEPS: dict[str, Callable[[AuthedRequest, Transfer], str]] = {
    "giao": _submit, "nhan": _receive, "tra-lai": _return}


@login_required
@require_POST
def transfer_step(request: AuthedRequest, transfer_id: int, step: str) -> HttpResponse:
    item = _transfer(request, transfer_id)
    do = TRANSFER_STEPS.get(step)
    if do is None:
        raise Http404("Không có thao tác này")
    return outcome(request, lambda: do(request, item),
                   then=reverse("records:transfer", args=[item.pk]),
                   page=lambda status: _page(request, item, status),
                   refused="Bạn không thể thực hiện thao tác này với danh mục nộp lưu ở "
                           f"trạng thái “{item.get_state_display()}”.")


@login_required
def transfer_pdf(request: AuthedRequest, transfer_id: int) -> HttpResponse:
    item = _transfer(request, transfer_id)
    response = HttpResponse(printouts.transfer_pdf(item, reader=request.user),
                            content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="nop-luu-{item.pk}.pdf"'
    return response


@login_required
@require_POST
def dossier_delay(request: AuthedRequest, dossier_id: Any) -> HttpResponse:
    dossier = dossier_or_404(request, dossier_id)
    raw = request.POST.get("until_year", "")

    def delay() -> str:
        transfer.approve_delay(actor=request.user, dossier=dossier,
                               until_year=int(raw) if raw.isdigit() else 0,
                               reason=request.POST.get("reason", "")[:1000])
        return "Đã cho phép giữ lại hồ sơ."

    return outcome(request, delay, then=reverse("records:dossier", args=[dossier.pk]))


@login_required
@require_POST
def dossier_correct(request: AuthedRequest, dossier_id: Any) -> HttpResponse:
    dossier = dossier_or_404(request, dossier_id)

    def correct() -> str:
        transfer.correct_dossier(actor=request.user, dossier=dossier,
                                 title=request.POST.get("title", "")[:500],
                                 note=request.POST.get("note", "")[:500])
        return "Đã sửa thông tin hồ sơ (được ghi vào lịch sử)."

    return outcome(request, correct, then=reverse("records:dossier", args=[dossier.pk]))
