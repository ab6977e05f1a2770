"""Archive pages: the boxes of each fonds (Party and State kept apart), shelving a dossier,
and the register of use of originals (Sổ sử dụng bản lưu) with its steps."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from vanphong import clock
from vanphong.errors import DomainError, NotAllowed, NotFound
from vanphong.http import AuthedRequest
from vanphong.organizations.models import Organization
from vanphong.organizations.standing import standing_of
from vanphong.records import archive
from vanphong.records.access import get_dossier_for
from vanphong.records.models import Box, DossierState, Loan
from vanphong.records.transfer_views import office_of


@login_required
def boxes(request: AuthedRequest) -> HttpResponse:
    office = office_of(request)
    keeper = office.pk in standing_of(request.user).archivist_offices | standing_of(
        request.user).staff_offices
    if not keeper:
        raise Http404("Chỉ lưu trữ viên và văn phòng xem kho lưu trữ.")
    if request.method == "POST":
        organization = Organization.objects.filter(pk=request.POST.get("organization") or 0,
                                                   office=office).first()
        try:
            if organization is None:
                raise NotFound("Chọn phông.")
            archive.add_box(actor=request.user, organization=organization,
                            number=request.POST.get("number", "")[:20],
                            location=request.POST.get("location", "")[:200])
        except (DomainError, NotAllowed) as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Đã thêm hộp.")
            return redirect("records:boxes")
    organizations = list(Organization.objects.filter(office=office).order_by(
        "archive_stream", "position"))
    fonds = [(o, Box.objects.filter(organization=o).prefetch_related("dossiers"))
             for o in organizations]
    return render(request, "records/boxes.html", {"fonds": fonds,
                                                  "organizations": organizations},
                  status=422 if request.method == "POST" else 200)


@login_required
@require_POST
def dossier_shelve(request: AuthedRequest, dossier_id: Any) -> HttpResponse:
    try:
        dossier = get_dossier_for(request.user, dossier_id)
    except NotFound:
        raise Http404("Không tìm thấy hồ sơ") from None
    box = Box.objects.filter(pk=request.POST.get("box") or 0).first()
    try:
        if box is None:
            raise NotFound("Chọn hộp.")
        archive.shelve(actor=request.user, dossier=dossier, box=box)
    except (DomainError, NotAllowed) as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Đã xếp hồ sơ vào {box}.")
    return redirect("records:dossier", dossier.pk)


@login_required
@require_POST
def loan_request(request: AuthedRequest, dossier_id: Any) -> HttpResponse:
    try:
        dossier = get_dossier_for(request.user, dossier_id)
    except NotFound:
        raise Http404("Không tìm thấy hồ sơ") from None
    try:
        due = dt.date.fromisoformat(request.POST.get("due_back", ""))
    except ValueError:
        messages.error(request, "Hạn trả không hợp lệ.")
        return redirect("records:dossier", dossier.pk)
    try:
        archive.request_loan(actor=request.user, dossier=dossier,
                             purpose=request.POST.get("purpose", "")[:500], due_back=due)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Đã gửi đề nghị mượn bản gốc.")
    return redirect("records:dossier", dossier.pk)


@login_required
def register_of_use(request: AuthedRequest) -> HttpResponse:
    loans = archive.register_of_use(request.user)[:300]
    archivist = standing_of(request.user).archivist_offices
    rows = [(loan, archive.may_decide(request.user, loan),
             loan.dossier.plan.office_id in archivist) for loan in loans]
    return render(request, "records/register_of_use.html", {"rows": rows})


@login_required
@require_POST
def loan_step(request: AuthedRequest, loan_id: int, step: str) -> HttpResponse:
    loan = archive.register_of_use(request.user).filter(pk=loan_id).first()
    if loan is None:
        raise Http404("Không tìm thấy lượt mượn")
    try:
        if step == "duyet":
            archive.decide_loan(actor=request.user, loan=loan, approve=True)
        elif step == "khong-duyet":
            archive.decide_loan(actor=request.user, loan=loan, approve=False,
                                note=request.POST.get("note", "")[:500])
        elif step == "giao":
            archive.lend(actor=request.user, loan=loan)
        elif step == "nhan-lai":
            archive.take_back(actor=request.user, loan=loan,
                              condition=request.POST.get("condition", "")[:300])
        else:
            raise Http404("Không có thao tác này")
    except NotAllowed as error:
        messages.error(request, error.message)
        return redirect("records:register_of_use")
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("records:register_of_use")
    messages.success(request, "Đã cập nhật sổ sử dụng bản lưu.")
    return redirect("records:register_of_use")


def loan_context(request: AuthedRequest, dossier: Any) -> dict[str, Any]:
    """What the dossier page shows of the archive: boxes to shelve into, loans, a request."""
    standing = standing_of(request.user)
    transferred = dossier.state == DossierState.TRANSFERRED
    return {
        "shelf_boxes": list(Box.objects.filter(organization=dossier.plan.organization))
        if transferred and dossier.plan.office_id in standing.archivist_offices else [],
        "loans": Loan.objects.filter(dossier=dossier).select_related("borrower")[:20],
        "may_borrow": transferred,
        "loan_due": clock.today() + dt.timedelta(days=14),
    }
