"""Searching the records: dossiers of the file plans (open, closed, in the archive, disposed)
and dossiers imported from packages, by number, title, fonds, year and state — only those the
user may see. Each list is cut at `LIMIT` and says so ("Hiển thị 200/350 — Xem tất cả"); its
"Xem tất cả" is the same search, that list whole, page by page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import render

from vanphong.http import AuthedRequest
from vanphong.organizations.models import Organization
from vanphong.records.access import visible_archived, visible_dossiers
from vanphong.records.models import DossierState

LIMIT = 200
PAGE_SIZE = 100
#: `?tat-ca=` names the list shown whole.
WHOLE = ("ho-so", "goi")
NAMES = {"ho-so": "dossiers", "goi": "archived"}


def _found(request: AuthedRequest, q: str, year: str, organization: str,
           state: str) -> dict[str, QuerySet[Any]]:
    dossiers = visible_dossiers(request.user).select_related("plan__organization", "box")
    archived = visible_archived(request.user)
    if q:
        dossiers = dossiers.filter(Q(code__icontains=q) | Q(title__icontains=q))
        archived = archived.filter(Q(file_notation__icontains=q) | Q(title__icontains=q))
    if year.isdigit():
        dossiers = dossiers.filter(plan__year=int(year))
        archived = archived.filter(file_catalog=int(year))
    if organization.isdigit():
        dossiers = dossiers.filter(plan__organization_id=int(organization))
        archived = archived.filter(organization_id=int(organization))
    if state in DossierState.values:
        dossiers = dossiers.filter(state=state)
        archived = archived.none() if state != DossierState.TRANSFERRED else archived
    return {
        "ho-so": dossiers.order_by("-plan__year", "plan__organization__position", "number",
                                   "pk"),
        "goi": archived.order_by("-file_catalog", "file_notation", "pk"),
    }


def _shown(request: AuthedRequest, found: dict[str, QuerySet[Any]]) -> dict[str, Any]:
    """Each list cut at LIMIT with its total, or — `?tat-ca=` — one of them whole, by page."""
    whole = request.GET.get("tat-ca", "")
    params = request.GET.copy()
    for name in ("tat-ca", "trang"):
        params.pop(name, None)
    query = params.urlencode()
    if whole in WHOLE:
        page = Paginator(found[whole], PAGE_SIZE).get_page(request.GET.get("trang"))
        rows = {key: (list(page) if key == whole else []) for key in WHOLE}
        return {"rows": rows, "page": page, "whole": whole, "query": query, "totals": {}}
    rows = {key: list(found[key][:LIMIT]) for key in WHOLE}
    totals = {key: found[key].count() if len(rows[key]) == LIMIT else len(rows[key])
              for key in WHOLE}
    return {"rows": rows, "page": None, "whole": "", "query": query, "totals": totals}


@login_required
def search(request: AuthedRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    year = request.GET.get("nam", "")
    organization = request.GET.get("phong", "")
    state = request.GET.get("trang-thai", "")
    shown = _shown(request, _found(request, q, year, organization, state))
    organizations = Organization.objects.filter(
        pk__in=visible_dossiers(request.user).values("plan__organization_id"))
    return render(request, "records/search.html", {
        "q": q, "year": year, "organization": organization, "state": state,
        "states": DossierState.choices, "organizations": organizations,
        "dossiers": shown["rows"]["ho-so"], "archived": shown["rows"]["goi"],
        "cut": {NAMES[key]: (len(shown["rows"][key]), total)
                for key, total in shown["totals"].items() if total > len(shown["rows"][key])},
        "page": shown["page"], "whole": shown["whole"], "query": shown["query"],
    })
