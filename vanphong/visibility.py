"""What a user may see of one kind of document, in a form both the database and the
search engine can apply — so that pages and search follow the same rule, written once
in each kind's access module.

`clauses` name whole groups ("every non-secret document of office 3"): each is a set of
model fields with their allowed values, all of which must hold. `named` picks documents
one by one (routed to the person, secret ones they are named on), as conditions each of
which an index can answer; the search engine gets those documents as a list of ids, and
only the ones no clause already covers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from typing import Any

from django.db.models import Q, QuerySet


@dataclasses.dataclass(frozen=True)
class Visibility:
    clauses: tuple[dict[str, frozenset[int | str]], ...]
    named: tuple[Q, ...] | None = None  # None: nothing at all (no user)

    @staticmethod
    def clause(**where: Collection[int | str]) -> dict[str, frozenset[int | str]]:
        return {field: frozenset(values) for field, values in where.items()}

    def q(self) -> Q:
        """The rule as a database condition (nothing when it allows nothing)."""
        condition = self._broad()
        for part in self.named or ():
            condition |= part
        return condition

    def named_ids(self, documents: QuerySet[Any]) -> list[str]:
        """The ids of the documents visible one by one and not through a clause."""
        broad, ids = self._broad(), set[Any]()
        for part in self.named or ():  # one query per part: each has its index
            ids.update(documents.filter(part).exclude(broad).values_list("pk", flat=True))
        return sorted(str(pk) for pk in ids)

    def _broad(self) -> Q:
        condition = Q(pk__in=[])
        for clause in self.clauses:
            if all(clause.values()):
                lookups = {f"{field}__in": sorted(v, key=str) for field, v in clause.items()}
                condition |= Q(**lookups)
        return condition
