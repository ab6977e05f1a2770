"""The "Hồ sơ" panel of a document's page: the dossiers it sits in, and where it may be
filed (suggested dossiers of the file plan first)."""

from __future__ import annotations

from typing import Any

from vanphong.incoming.models import IncomingDocument
from vanphong.organizations.models import User
from vanphong.outgoing.models import OutgoingDocument, Status
from vanphong.records.access import filing_choices, visible_dossiers
from vanphong.records.actions import suggest_dossiers


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
