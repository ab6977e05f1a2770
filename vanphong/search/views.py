"""The search page, its suggestions while typing, and the export of the results."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from vanphong.audit.actions import record_audit
from vanphong.http import AuthedRequest
from vanphong.search import exports, params
from vanphong.search.service import KIND_LABELS, search

FACET_TITLES = {
    "kind": "Loại sổ",
    "organization": "Cơ quan",
    "type": "Loại văn bản",
    "year": "Năm",
    "issuer": "Cơ quan ban hành",
    "status": "Trạng thái",
    "urgency": "Độ khẩn",
    "secrecy": "Độ mật",
}
SUGGESTIONS = 8


@login_required
@require_GET
def page(request: AuthedRequest) -> HttpResponse:
    wanted, errors = params.read(request.GET)
    searched = bool(request.GET)
    results = search(request.user, wanted) if searched else None
    chosen = params.chosen(wanted)
    facets = []
    if results is not None:
        for name, title in FACET_TITLES.items():
            rows = [
                {
                    "value": value,
                    "label": label,
                    "count": count,
                    "on": value in chosen.get(name, ()),
                    "url": _toggled(request, name, value),
                }
                for value, label, count in results.facets.get(name, [])
            ]
            if rows:
                facets.append({"name": name, "title": title, "rows": rows})
    context = {
        "params": wanted,
        "errors": errors,
        "results": results,
        "facets": facets,
        "sorts": params.SORTS,
        "kinds": KIND_LABELS,
        "hidden": [(name, value) for name, values in chosen.items() for value in values],
        "query": _without(request, "page"),
    }
    template = "search/page.html#results" if request.htmx else "search/page.html"
    return render(request, template, context)


@login_required
@require_GET
def suggestions(request: AuthedRequest) -> HttpResponse:
    """The first few documents for what is being typed (the main box, the register form)."""
    # The register form sends its code and subject: the code alone finds a duplicate best.
    text = next((request.GET.get(n, "").strip() for n in ("q", "code", "subject")
                 if request.GET.get(n, "").strip()), "")
    wanted, _ = params.read({"q": text[: params.MAX_TEXT]}, per_page=SUGGESTIONS)
    results = search(request.user, wanted, facets=False) if len(text) >= 2 else None
    context = {"results": results, "text": text, "more": urlencode({"q": text})}
    return render(request, "search/suggestions.html", context)


@login_required
@require_GET
def export(request: AuthedRequest) -> HttpResponse:
    wanted, _ = params.read(request.GET)
    data, count = exports.results_xlsx(request.user, wanted)
    record_audit(
        actor=request.user, action="search.export", summary=f"Xuất {count} kết quả tìm kiếm",
        query=wanted.text, count=count,
    )
    response = HttpResponse(data, content_type=exports.XLSX)
    response["Content-Disposition"] = 'attachment; filename="ket-qua-tim-kiem.xlsx"'
    return response


def _without(request: AuthedRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _toggled(request: AuthedRequest, name: str, value: Any) -> str:
    """The query string with this facet value added, or removed if it was on."""
    query = request.GET.copy()
    query.pop("page", None)
    values = query.getlist(name)
    if str(value) in values:
        values.remove(str(value))
    else:
        values.append(str(value))
    query.setlist(name, values)
    return query.urlencode()
