"""What records adds to a document's pages: the "Hồ sơ" panel (the dossiers it sits in,
and where it may be filed, suggested dossiers of the file plan first), and the "Đưa vào hồ
sơ" field of the registration and issuing forms, with its suggestions while typing."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from vanphong import clock
from vanphong.incoming.models import IncomingDocument
from vanphong.organizations.models import User
from vanphong.outgoing.models import OutgoingDocument, Status
from vanphong.records.access import fileable_dossiers, filing_choices, visible_dossiers
from vanphong.records.actions import suggest_dossiers, suggest_for
from vanphong.records.models import Dossier
from vanphong.widgets import Node, TreeChoiceField

MAX_CHOICES = 500


def filing_panel(user: User, document: IncomingDocument | OutgoingDocument) -> dict[str, Any]:
    incoming = isinstance(document, IncomingDocument)
    link = {"items__incoming": document} if incoming else {"items__outgoing": document}
    holding = list(visible_dossiers(user).filter(**link).select_related("plan"))
    fileable = not incoming and document.status != Status.ISSUED
    choices = [] if fileable else list(
        filing_choices(user, document.organization_id).exclude(pk__in=[d.pk for d in holding])
        .select_related("plan").order_by("-plan__year", "number")[:200])
    suggested = [d for d in suggest_dossiers(document) if d in choices]
    rest = [d for d in choices if d not in suggested]
    return {"holding": holding, "suggested": suggested, "others": rest,
            "key": ("i" if incoming else "o") + str(document.pk)}


class DossiersField(TreeChoiceField):
    """"Đưa vào hồ sơ": open dossiers the user may file into (this year's and last year's
    plans), grouped by file plan and heading; cleans to the chosen `Dossier` rows, each
    once."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", "Đưa vào hồ sơ")
        kwargs.setdefault("help_text", "Không bắt buộc; có thể đưa vào hồ sơ sau.")
        super().__init__(**kwargs)
        self.queryset: QuerySet[Dossier] = Dossier.objects.none()

    def offer(self, user: User, organization_ids: Iterable[int] | None = None) -> None:
        year = clock.today().year
        queryset = fileable_dossiers(user).filter(plan__year__in=[year, year - 1])
        if organization_ids is not None:
            queryset = queryset.filter(plan__organization_id__in=list(organization_ids))
        self.queryset = queryset.select_related("plan__organization", "heading").order_by(
            "plan__organization__position", "-plan__year", "heading__position", "number")
        self.tree = dossier_tree(self.queryset[:MAX_CHOICES])

    def clean(self, value: Any) -> list[Dossier]:  # type: ignore[override]
        keys = list(dict.fromkeys(super().clean(value)))
        found = {str(d.pk): d for d in self.queryset.filter(pk__in=keys)}
        return [found[k] for k in keys if k in found]


def dossier_tree(dossiers: Iterable[Dossier]) -> list[Node]:
    """File plan ("Danh mục hồ sơ năm 2026 — UBND") → heading → its dossiers."""
    plans: dict[int, tuple[str, dict[int, tuple[str, list[Node]]]]] = {}
    for dossier in dossiers:
        _, headings = plans.setdefault(dossier.plan_id, (str(dossier.plan), {}))
        _, leaves = headings.setdefault(dossier.heading_id, (dossier.heading.title, []))
        leaves.append(Node(f"{dossier.code} {dossier.title[:80]}", value=str(dossier.pk)))
    return [Node(label, children=tuple(Node(title, children=tuple(leaves))
                                       for title, leaves in headings.values()))
            for label, headings in plans.values()]


def registration_suggestions(user: User, subject: str,
                             organization_ids: list[int]) -> list[Dossier]:
    """Suggested dossiers while a document is being registered or issued, among those the
    user may file into."""
    if not subject.strip() or not organization_ids:
        return []
    allowed = set(fileable_dossiers(user).filter(
        plan__organization_id__in=organization_ids).values_list("pk", flat=True))
    return [d for d in suggest_for(subject, organization_ids, clock.today().year, limit=8)
            if d.pk in allowed]
