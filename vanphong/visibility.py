"""What a user may see of one kind of document, in a form both the database and the
search engine can apply — so that pages and search follow the same rule, written once
in each kind's access module.

`clauses` name whole groups ("every non-secret document of office 3"): each is a set of
model fields with their allowed values, all of which must hold. The fields a clause may
combine are declared once per kind (`shapes`): the search index stores, for every
document, one access token per shape ("secrecy=0,office_id=3"), and a user's clauses
become the tokens they hold — one term lookup each, however many documents it covers.
`named` picks documents one by one (routed to the person, secret ones they are named
on): each part is a database condition that an index answers, and the tokens the search
index stores on every document it picks ("routed=12") — each access module gives a
document's named tokens beside its rule, and a matrix test holds the two sides equal.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Collection, Sequence
from typing import Any

from django.db.models import Q, QuerySet

Shape = tuple[str, ...]  # model fields, sorted


@dataclasses.dataclass(frozen=True)
class Named:
    """Documents picked one by one: the database condition, and the access tokens of the
    index that pick the same documents."""

    q: Q
    tokens: frozenset[str]


@dataclasses.dataclass(frozen=True)
class Visibility:
    shapes: tuple[Shape, ...]
    clauses: tuple[dict[str, frozenset[int | str]], ...]
    named: tuple[Named, ...] | None = None  # None: nothing at all (no user)

    def __post_init__(self) -> None:
        for clause in self.clauses:
            if tuple(sorted(clause)) not in self.shapes:
                raise ValueError(f"visibility clause over undeclared fields {sorted(clause)}")

    @staticmethod
    def clause(**where: Collection[int | str]) -> dict[str, frozenset[int | str]]:
        return {field: frozenset(values) for field, values in where.items()}

    def q(self) -> Q:
        """The rule as a database condition (nothing when it allows nothing)."""
        condition = self._broad()
        for part in self.named or ():
            condition |= part.q
        return condition

    def tokens(self) -> frozenset[str]:
        """The access tokens the rule grants (see `document_tokens`)."""
        out: set[str] = set()
        for part in self.named or ():
            out |= part.tokens
        for clause in self.clauses:
            fields = sorted(clause)
            for values in itertools.product(*(sorted(clause[f], key=str) for f in fields)):
                out.add(_token(zip(fields, values, strict=True)))
        return frozenset(out)

    def admitted(self, documents: Sequence[Any], queryset: QuerySet[Any]) -> set[Any]:
        """The pks of these loaded documents the rule admits: the clauses are checked on
        their fields, the named parts asked of the database for the others only (a few
        primary-key lookups, whatever the size of the tables)."""
        if self.named is None:
            return set()
        admitted = {d.pk for d in documents if any(_holds(c, d) for c in self.clauses)}
        rest = [d.pk for d in documents if d.pk not in admitted]
        for part in self.named:
            if not rest:
                break
            found = set(queryset.filter(pk__in=rest).filter(part.q).values_list("pk", flat=True))
            admitted |= found
            rest = [pk for pk in rest if pk not in found]
        return admitted

    def _broad(self) -> Q:
        condition = Q(pk__in=[])
        for clause in self.clauses:
            if all(clause.values()):
                lookups = {f"{field}__in": sorted(v, key=str) for field, v in clause.items()}
                condition |= Q(**lookups)
        return condition


def document_tokens(shapes: tuple[Shape, ...], value: Callable[[str], Any]) -> list[str]:
    """The access tokens of one document: one per shape, from its field values (a shape
    with an empty field, such as a draft without a signer, gives none)."""
    out = []
    for shape in shapes:
        values = [value(field) for field in shape]
        if all(v is not None and v != "" for v in values):
            out.append(_token(zip(shape, values, strict=True)))
    return out


def _holds(clause: dict[str, frozenset[int | str]], document: Any) -> bool:
    return all(getattr(document, field) in values for field, values in clause.items())


def _token(pairs: Any) -> str:
    return ",".join(f"{field}={value}" for field, value in pairs)
