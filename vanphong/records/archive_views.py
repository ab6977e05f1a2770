"""Archive pages: the boxes of each fonds (Party and State kept apart), shelving a dossier,
and the register of use of originals (Sổ sử dụng bản lưu) with its steps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from vanphong import clock
from vanphong.errors import DomainError, Invalid, NotAllowed, NotFound
from vanphong.http import AuthedRequest
from vanphong.organizations.models import Organization
from vanphong.records import archive
from vanphong.records.models import Box, DossierState, Loan
from vanphong.records.steps import dossier_or_404, outcome
from vanphong.records.transfer_views import office_of
from vanphong.widgets import parse_date


@login_required
def boxes(request: AuthedRequest) -> HttpResponse:
    office = office_of(request)
    if not archive.sees_archive(request.user, office.pk):
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
    dossier = dossier_or_404(request, dossier_id)

    def shelve() -> str:
        box = Box.objects.filter(pk=request.POST.get("box") or 0).first()
        if box is None:
            raise NotFound("Chọn hộp.")
        archive.shelve(actor=request.user, dossier=dossier, box=box)
        return f"Đã xếp hồ sơ vào {box}."

    return outcome(request, shelve, then=reverse("records:dossier", args=[dossier.pk]))


@login_required
@require_POST
def loan_request(request: AuthedRequest, dossier_id: Any) -> HttpResponse:
    dossier = dossier_or_404(request, dossier_id)

    def ask() -> str:
        due = parse_date(request.POST.get("due_back", ""))
        if due is None:
            raise Invalid("Hạn trả không hợp lệ: nhập theo dạng ngày/tháng/năm, "
                          "ví dụ 05/03/2026.")
        archive.request_loan(actor=request.user, dossier=dossier,
                             purpose=request.POST.get("purpose", "")[:500], due_back=due)
        return "Đã gửi đề nghị mượn bản gốc."

    return outcome(request, ask, then=reverse("records:dossier", args=[dossier.pk]))


@login_required
def register_of_use(request: AuthedRequest) -> HttpResponse:
    loans = archive.register_of_use(request.user)[:300]
    rows = [(loan, {a.value for a in archive.LoanAction if archive.can_loan(request.user, a, loan)})
            for loan in loans]
    return render(request, "records/register_of_use.html", {"rows": rows})


def _approve(request: AuthedRequest, loan: Loan) -> None:
    archive.decide_loan(actor=request.user, loan=loan, approve=True)


def _refuse(request: AuthedRequest, loan: Loan) -> None:
    archive.decide_loan(actor=request.user, loan=loan, approve=False,
                        note=request.POST.get("note", "")[:500])


def _lend(request: AuthedRequest, loan: Loan) -> None:
    archive.lend(actor=request.user, loan=loan)


def _take_back(request: AuthedRequest, loan: Loan) -> None:
    archive.take_back(actor=request.user, loan=loan,
                      condition=request.POST.get("condition", "")[:300])


LOAN_STEPS: dict[str, Callable[[AuthedRequest, Loan], None]] = {
    "duyet": _approve, "khong-duyet": _refuse, "giao": _lend, "nhan-lai": _take_back}


@login_required
@require_POST
def loan_step(request: AuthedRequest, loan_id: int, step: str) -> HttpResponse:
    loan = archive.register_of_use(request.user).filter(pk=loan_id).first()
    do = LOAN_STEPS.get(step)
    if loan is None or do is None:
        raise Http404("Không tìm thấy lượt mượn hoặc thao tác")

    def run() -> str:
        do(request, loan)
        return "Đã cập nhật sổ sử dụng bản lưu."

    return outcome(request, run, then=reverse("records:register_of_use"))


def loan_context(request: AuthedRequest, dossier: Any) -> dict[str, Any]:
    """What the dossier page shows of the archive: boxes to shelve into, loans, a request."""
    transferred = dossier.state == DossierState.TRANSFERRED
    return {
        "shelf_boxes": list(Box.objects.filter(organization=dossier.plan.organization))
        if transferred and archive.keeps_boxes(request.user, dossier.plan.office_id) else [],
        "loans": Loan.objects.filter(dossier=dossier).select_related("borrower")[:20],
        "may_borrow": archive.may_borrow(request.user, dossier),
        "loan_due": clock.today() + dt.timedelta(days=14),
    }
