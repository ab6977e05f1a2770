"""The search engine behind a small facade.

The rest of the product speaks to search only through these types: what a document looks
like to the engine (`Entry`), what is asked (`Request`, with the user's `Scope` and the
filters) and what comes back (`Response`). The engine in use is chosen by the setting
`VANPHONG_SEARCH_ENGINE`; today there is one, Tantivy embedded in the process
(`tantivy_engine.py`), chosen by measurement (docs/benchmarks.md, "Search"). A PostgreSQL
or distributed engine for a province fits behind the same facade.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from django.conf import settings

from vanphong.search.text import Query

#: Facets shown beside the results, in this order.
FACETS = ("organization", "kind", "type", "year", "issuer", "status", "urgency", "secrecy")


@dataclasses.dataclass(frozen=True)
class Entry:
    """One document as the engine stores it. `key` is "<kind>:<id>"."""

    key: str
    kind: str
    office: int
    organization: int
    register: int
    unit: int
    secrecy: int
    urgency: int
    status: str
    type: str
    issuer: str
    signer: str
    date: dt.date
    access: tuple[str, ...]  # "<kind>:<token>" for each visibility shape (see visibility.py)
    code: str  # code_key: "853/QD/UBND"
    subject: str
    meta: str  # issuer, code, type, signer, addressees: what identifies the document
    content: str


@dataclasses.dataclass(frozen=True)
class Clause:
    """Documents whose every named field has one of the given values."""

    where: tuple[tuple[str, frozenset[int | str]], ...]

    @classmethod
    def of(cls, **where: Iterable[int | str]) -> Clause:
        return cls(tuple((name, frozenset(values)) for name, values in sorted(where.items())))

    @property
    def empty(self) -> bool:
        return any(not values for _, values in self.where)


@dataclasses.dataclass(frozen=True)
class Scope:
    """What a user may open: the documents holding one of these access tokens."""

    tokens: frozenset[str] = frozenset()

    def __or__(self, other: Scope) -> Scope:
        return Scope(self.tokens | other.tokens)


@dataclasses.dataclass(frozen=True)
class Request:
    query: Query
    scope: Scope
    filters: tuple[Clause, ...] = ()  # all must hold
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = "relevance"  # or "date" (newest first)
    offset: int = 0
    limit: int = 20
    facets: bool = False


@dataclasses.dataclass(frozen=True)
class Hit:
    key: str
    score: float


@dataclasses.dataclass(frozen=True)
class Response:
    hits: list[Hit]
    total: int
    facets: dict[str, list[tuple[str, int]]]
    #: The facet counts were estimated from a sample of the hits (very broad queries).
    facets_estimated: bool = False


class Engine(Protocol):
    def apply(self, upserts: Sequence[Entry], deletes: Sequence[str]) -> None:
        """Replace or add `upserts`, remove `deletes` (keys), durably, in one commit."""

    def bulk(self) -> AbstractContextManager[Callable[[Sequence[Entry]], None]]:
        """A writer for many batches in a row: each call adds (or replaces) and commits."""

    def search(self, request: Request) -> Response: ...

    def clear(self) -> None:
        """Remove everything (before a full reindex)."""

    def count(self) -> int: ...


class EngineBusy(RuntimeError):
    """Another process is writing to the index; try again later."""


def search_dir() -> Path:
    return Path(settings.VANPHONG_SEARCH_DIR)


def engine() -> Engine:
    return _engine(str(search_dir()))


@functools.cache
def _engine(path: str) -> Engine:
    from vanphong.search.tantivy_engine import TantivyEngine

    return TantivyEngine(Path(path))
