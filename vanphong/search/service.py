"""One search over incoming and outgoing documents, for one user.

The engine is asked within the user's scope — built from the same visibility rules the
pages use (`incoming_visibility`, `outgoing_visibility`) — so no hit, snippet or facet
count comes from a document they may not open. The hits are then read from the database
through the pages' own querysets (a document the index has not yet caught up with is
dropped rather than shown) and highlighted on the text as written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Model
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from vanphong.incoming.access import incoming_visibility
from vanphong.incoming.models import IncomingDocument
from vanphong.incoming.models import Status as IncomingStatus
from vanphong.organizations.models import Organization, User
from vanphong.outgoing.access import outgoing_visibility
from vanphong.outgoing.models import OutgoingDocument
from vanphong.outgoing.models import Status as OutgoingStatus
from vanphong.registers.models import Secrecy, Urgency
from vanphong.search import highlight
from vanphong.search.documents import (
    INCOMING,
    OUTGOING,
    access_token,
    key,
    receipt_texts,
    split_key,
    status_key,
)
from vanphong.search.engine import Clause, Request, Scope, engine
from vanphong.search.text import parse
from vanphong.visibility import Visibility

PER_PAGE = 20
NONE = mark_safe("")
MAX_PAGE = 500
KIND_LABELS = {INCOMING: "Văn bản đến", OUTGOING: "Văn bản đi"}


@dataclasses.dataclass(frozen=True)
class Params:
    text: str = ""
    kinds: tuple[str, ...] = ()
    organizations: tuple[int, ...] = ()
    registers: tuple[int, ...] = ()
    types: tuple[str, ...] = ()
    issuers: tuple[str, ...] = ()
    signers: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    urgencies: tuple[int, ...] = ()
    secrecies: tuple[int, ...] = ()
    years: tuple[int, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE


@dataclasses.dataclass(frozen=True)
class Found:
    kind: str
    document: Any
    url: str
    subject: SafeString
    snippet: SafeString
    score: float


@dataclasses.dataclass(frozen=True)
class Results:
    params: Params
    items: list[Found]
    total: int
    facets: dict[str, list[tuple[str, str, int]]]  # facet -> (value, label, count)
    facets_estimated: bool = False  # counted on a sample of a very broad result

    @property
    def pages(self) -> int:
        return min(MAX_PAGE, -(-self.total // self.params.per_page))


def scope_for(user: User | None) -> Scope:
    """The user's scope in the engine's terms: the access tokens the pages' visibility
    rules grant them (`incoming_visibility`, `outgoing_visibility`)."""
    return _scope(INCOMING, incoming_visibility(user)) | _scope(OUTGOING, outgoing_visibility(user))


def _scope(kind: str, visibility: Visibility) -> Scope:
    return Scope(tokens=frozenset(access_token(kind, token) for token in visibility.tokens()))


def _filters(params: Params) -> tuple[Clause, ...]:
    wanted: dict[str, tuple[int | str, ...]] = {
        "kind": params.kinds,
        "organization": params.organizations,
        "register": params.registers,
        "type": params.types,
        "issuer": params.issuers,
        "signer": params.signers,
        "status": params.statuses,
        "urgency": params.urgencies,
        "secrecy": params.secrecies,
        "year": params.years,
    }
    return tuple(Clause.of(**{name: values}) for name, values in wanted.items() if values)


def search(
    user: User | None, params: Params, *, facets: bool = True, highlights: bool = True
) -> Results:
    query = parse(params.text)
    page = max(1, min(params.page, MAX_PAGE))
    response = engine().search(
        Request(
            query=query,
            scope=scope_for(user),
            filters=_filters(params),
            date_from=params.date_from,
            date_to=params.date_to,
            sort=params.sort,
            offset=(page - 1) * params.per_page,
            limit=params.per_page,
            facets=facets,
        )
    )
    documents = _load(user, [hit.key for hit in response.hits])
    texts = _texts(documents.values()) if highlights else {}
    items = []
    for hit in response.hits:
        document = documents.get(hit.key)
        if document is None:
            continue
        kind, _ = split_key(hit.key)
        items.append(
            Found(
                kind=kind,
                document=document,
                url=_url(kind, document),
                subject=highlight.highlight(document.subject, query) if highlights else NONE,
                snippet=highlight.snippet(texts.get(hit.key, ""), query) if highlights else NONE,
                score=hit.score,
            )
        )
    return Results(
        params=params,
        items=items,
        total=response.total,
        facets=_labelled(response.facets),
        facets_estimated=response.facets_estimated,
    )


def _load(user: User | None, keys: list[str]) -> dict[str, Any]:
    """The hits as model instances, each checked again against the pages' rule (the
    index may not yet know of a change that took a document away from the user)."""
    wanted: dict[str, list[str]] = {INCOMING: [], OUTGOING: []}
    for value in keys:
        kind, pk = split_key(value)
        wanted.setdefault(kind, []).append(pk)
    incoming = list(
        IncomingDocument.objects.filter(pk__in=wanted[INCOMING]).select_related(
            "organization", "document_type", "receipt"
        )
    )
    outgoing = list(
        OutgoingDocument.objects.filter(pk__in=wanted[OUTGOING]).select_related(
            "organization", "document_type", "signer"
        )
    )
    seen_in = incoming_visibility(user).admitted(incoming, IncomingDocument.objects.all())
    seen_out = outgoing_visibility(user).admitted(outgoing, OutgoingDocument.objects.all())
    found: dict[str, Any] = {}
    found.update({key(INCOMING, d.pk): d for d in incoming if d.pk in seen_in})
    found.update({key(OUTGOING, d.pk): d for d in outgoing if d.pk in seen_out})
    return found


def _url(kind: str, document: Model) -> str:
    name = "incoming:detail" if kind == INCOMING else "outgoing:detail"
    return reverse(name, args=[document.pk])


def _texts(documents: Iterable[Any]) -> dict[str, str]:
    """The text each document's snippet is cut from (one query for all)."""
    incoming = [d for d in documents if isinstance(d, IncomingDocument)]
    by_receipt = receipt_texts({d.receipt_id for d in incoming})
    texts = {key(INCOMING, d.pk): by_receipt.get(d.receipt_id, "") for d in incoming}
    for document in documents:
        if isinstance(document, OutgoingDocument):
            texts[key(OUTGOING, document.pk)] = document.body or ""
    return texts


def _labelled(facets: dict[str, list[tuple[str, int]]]) -> dict[str, list[tuple[str, str, int]]]:
    names = {
        str(pk): name
        for pk, name in Organization.objects.values_list("pk", "short_name")
    }
    statuses = {
        **{status_key(INCOMING, k): v for k, v in IncomingStatus.choices},
        **{status_key(OUTGOING, k): v for k, v in OutgoingStatus.choices},
    }
    labels: dict[str, dict[str, str]] = {
        "organization": names,
        "kind": KIND_LABELS,
        "status": {str(k): str(v) for k, v in statuses.items()},
        "urgency": {str(k): str(v) for k, v in Urgency.choices},
        "secrecy": {str(k): str(v) for k, v in Secrecy.choices},
    }
    out = {}
    for name, buckets in facets.items():
        table = labels.get(name, {})
        rows = [(value, table.get(value, value), count) for value, count in buckets]
        if name == "year":
            rows.sort(key=lambda row: row[0], reverse=True)
        out[name] = [row for row in rows if row[0] not in ("", "-")]
    return out
