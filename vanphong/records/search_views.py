"""Searching the records: dossiers of the file plans (open, closed, in the archive, disposed)
and dossiers imported from packages, by number, title, fonds, year and state — only those the
user may see."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render

from vanphong.http import AuthedRequest
from vanphong.organizations.models import Organization
from vanphong.records.access import visible_archived, visible_dossiers
from vanphong.records.models import DossierState

LIMIT = 200


@login_required
def search(request: AuthedRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    year = request.GET.get("nam", "")
    organization = request.GET.get("phong", "")
    state = request.GET.get("trang-thai", "")
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
    organizations = Organization.objects.filter(
        pk__in=visible_dossiers(request.user).values("plan__organization_id"))
    return render(request, "records/search.html", {
        "q": q, "year": year, "organization": organization, "state": state,
        "states": DossierState.choices, "organizations": organizations,
        "dossiers": dossiers.order_by("-plan__year", "plan__organization__position",
                                      "number")[:LIMIT],
        "archived": archived[:LIMIT],
    })
