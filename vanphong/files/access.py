"""Who may use a stored file — the one gatekeeper for a file id that comes from outside.

A file is usable by whoever may see something that holds it: a document, a task, an
intake item, a meeting... A file that nothing holds yet (just uploaded) is usable by its
uploader alone, and only to attach it. Nobody else learns that it exists: a missing file
and a file one may not use get the same answer.

Files lie below the apps that hold them, so each holder type registers here, from its
app's `ready()`, the path from its row to the objects its own gatekeeper shows
(`register_holder`). A relation to StoredFile that no app registered lets nobody in.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any, NamedTuple

from django.db import models
from django.db.models import ForeignObjectRel

from vanphong.errors import Invalid
from vanphong.files.models import StoredFile

#: A holder type's own gatekeeper: the objects `user` may see.
Visible = Callable[[Any], "models.QuerySet[Any]"]


@dataclasses.dataclass(frozen=True)
class Holder:
    model: type[models.Model]
    field: str  # its foreign key to StoredFile
    through: str  # lookup from `model` to what `visible` returns; "" when it is `model`
    visible: Visible | None  # None: holding the file lets nobody use it (a derived copy)

    @property
    def label(self) -> str:
        return relation_label(self.model, self.field)

    def seen(self, user: Any, ids: Collection[uuid.UUID]) -> set[uuid.UUID]:
        """The files among `ids` held by a row of this type that `user` may see."""
        if self.visible is None or not ids:
            return set()
        lookup = f"{self.through}__in" if self.through else "pk__in"
        rows = self.model._base_manager.filter(
            **{f"{self.field}__in": list(ids), lookup: self.visible(user).values("pk")}
        )
        return set(rows.values_list(self.field, flat=True))


_holders: dict[str, Holder] = {}


def relation_label(model: type[models.Model], field: str) -> str:
    return f"{model._meta.label}.{field}"


def register_holder(
    model: type[models.Model], *fields: str, through: str = "", visible: Visible | None
) -> None:
    """Declare that `model` holds files in `fields`; `visible(user)` is the gatekeeper of
    the objects reached from it by `through`. Call it from the app's `ready()`."""
    for field in fields:
        holder = Holder(model=model, field=field, through=through, visible=visible)
        _holders[holder.label] = holder


class Relation(NamedTuple):
    model: type[models.Model]
    field: str
    column: str


def holding_relations() -> list[Relation]:
    """Every foreign key to StoredFile in the project, also those without a reverse name."""
    return [
        Relation(rel.related_model, rel.field.name, rel.field.attname)  # type: ignore[arg-type]
        for rel in StoredFile._meta.get_fields(include_hidden=True)
        if isinstance(rel, ForeignObjectRel)
    ]


def unregistered_relations() -> list[str]:
    """Relations to StoredFile that no app declared (their files are usable by nobody)."""
    labels = (relation_label(r.model, r.field) for r in holding_relations())
    return [label for label in labels if label not in _holders]


def attached_ids(ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    """The files among `ids` that any row of any app refers to."""
    wanted, found = set(ids), set[uuid.UUID]()
    for relation in holding_relations():
        if not wanted - found:
            break
        rows = relation.model._base_manager.filter(
            **{f"{relation.column}__in": list(wanted - found)})
        found |= set(rows.values_list(relation.column, flat=True))
    return found


def usable_ids(user: Any, ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    """The files among `ids` that `user` may attach to something (or read through what
    holds them): held by what they may see, or uploaded by them and not attached yet."""
    wanted = set(ids)
    if not wanted or user is None or not getattr(user, "is_authenticated", False):
        return set()
    usable: set[uuid.UUID] = set()
    for holder in _holders.values():
        if wanted - usable:
            usable |= holder.seen(user, wanted - usable)
    own = set(StoredFile.objects.filter(pk__in=list(wanted - usable), created_by=user)
              .values_list("pk", flat=True))
    return usable | (own - attached_ids(own))


def files_to_attach(user: Any, ids: Sequence[uuid.UUID], *, field: str = "file_ids"
                    ) -> list[StoredFile]:
    """The files `user` sends to be attached, in the order given (each once). A file that
    does not exist and one they may not use are refused alike, naming the ids sent."""
    wanted = list(dict.fromkeys(ids))
    usable = usable_ids(user, wanted)
    refused = [str(i) for i in wanted if i not in usable]
    if refused:
        listed = ", ".join(refused)
        raise Invalid(f"Không tìm thấy tệp: {listed}.",
                      fields={field: f"Không có tệp {listed} (hoặc bạn không được dùng tệp "
                                     "này). Tải tệp lên qua /files rồi gửi mã được trả về."})
    found = StoredFile.objects.in_bulk(wanted)
    return [found[i] for i in wanted]
