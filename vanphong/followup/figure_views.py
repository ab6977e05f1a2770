"""The follow-up table ("Theo dõi, đôn đốc nhiệm vụ"): figures per organization, unit,
person or assigning organization; each cell drills down to its tasks; Excel and PDF of
the same table. Everything comes from `followup.figures`."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import render

from vanphong.followup import exports, forms
from vanphong.followup.figures import GROUPINGS, MEASURES, drill_down, figures
from vanphong.followup.models import Task
from vanphong.http import AuthedRequest
from vanphong.organizations.acting import current_office
from vanphong.periods import Period
from vanphong.printing import xlsx

PAGE_SIZE = 50
XLSX = xlsx.XLSX


def _office_name(request: AuthedRequest) -> str:
    office = current_office(request)
    return office.name if office else "Một Văn Phòng"


def _query(grouping: str, period: Period, **more: str) -> str:
    return urlencode({"theo": grouping, "tu": period.start.isoformat(),
                      "den": period.end.isoformat(), **more})


@login_required
def figures_page(request: AuthedRequest) -> HttpResponse:
    form = forms.FiguresForm(request.GET or None)
    grouping, period = form.choice()
    table = figures(request.user, grouping=grouping, period=period)
    return render(request, "followup/figures.html", {
        "form": form, "table": table, "query": _query(grouping, period),
        "groupings": [(key, label) for key, (label, _) in GROUPINGS.items()],
    })


@login_required
def figures_xlsx(request: AuthedRequest) -> HttpResponse:
    grouping, period = forms.FiguresForm(request.GET or None).choice()
    table = figures(request.user, grouping=grouping, period=period)
    data = exports.figures_xlsx(table, office=_office_name(request))
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="theo-doi-nhiem-vu.xlsx"'
    return response


@login_required
def figures_pdf(request: AuthedRequest) -> HttpResponse:
    grouping, period = forms.FiguresForm(request.GET or None).choice()
    table = figures(request.user, grouping=grouping, period=period)
    data = exports.figures_pdf(table, office=_office_name(request), author=str(request.user))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="theo-doi-nhiem-vu.pdf"'
    return response


def _cell(request: AuthedRequest) -> tuple[str, Period, int | None, str]:
    grouping, period = forms.FiguresForm(request.GET or None).choice()
    measure = request.GET.get("chi-so", "total")
    raw = request.GET.get("nhom", "")
    if measure not in MEASURES or not (raw == "khong" or raw.isdigit()):
        raise Http404("Không có ô số liệu này")
    return grouping, period, (None if raw == "khong" else int(raw)), measure


def _cell_tasks(request: AuthedRequest) -> tuple[str, QuerySet[Task]]:
    grouping, period, group, measure = _cell(request)
    tasks = drill_down(request.user, grouping=grouping, group=group, measure=measure,
                       period=period).select_related("organization").prefetch_related(
        "assignees__organization", "assignees__unit", "assignees__person",
    ).order_by("due_date", "assigned_at")
    table = figures(request.user, grouping=grouping, period=period)
    label = next((r.label for r in table.rows if r.key == group), "")
    title = f"{MEASURES[measure][0]} — {label} ({period.label.lower()})"
    return title, tasks


@login_required
def drill_page(request: AuthedRequest) -> HttpResponse:
    title, tasks = _cell_tasks(request)
    page = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(request, "followup/figures_items.html",
                  {"title": title, "page": page, "query": query.urlencode()})


@login_required
def drill_xlsx(request: AuthedRequest) -> HttpResponse:
    title, tasks = _cell_tasks(request)
    data = exports.items_xlsx(tasks, title=title)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="danh-sach-nhiem-vu.xlsx"'
    return response

