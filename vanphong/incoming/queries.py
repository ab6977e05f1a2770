"""The list of incoming documents: one question, one answer, for the page and the API.

`IncomingListParams` holds what can be asked; the page's filter form and the API's filter
schema each build one from their input, and `incoming_list` answers it — the same
documents, in the same order, wherever they are asked for. The text is read the way
registration stores it: NFC, the issuer folded (`name_key`: no marks, đ → d, one space),
the code as a `code_key`, spaces separating its parts ("Số: 12 qđ ubnd" finds
12/QĐ-UBND), digits also as the arrival number.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When

from vanphong import clock
from vanphong.errors import Invalid
from vanphong.incoming.access import informed_only, visible_incoming
from vanphong.incoming.models import OPEN_STATUSES, IncomingDocument
from vanphong.organizations.models import User
from vanphong.registers.models import Urgency
from vanphong.vietnamese import code_pattern, name_key, nfc, typed_code, typed_code_key

#: Newest arrival first; the id settles documents of the same minute and number.
ORDER = ("-arrival_at", "-arrival_number", "pk")
#: Arrival numbers are counted per register and year: nine digits are plenty, more is text.
_NUMBER = re.compile(r"\d{1,9}", re.ASCII)


@dataclasses.dataclass(frozen=True)
class IncomingListParams:
    """What a list of incoming documents may be filtered by (None: not filtered).

    `urgency` is one level exactly, `urgent` every level from Khẩn up; `overdue` and
    `returned` keep only those (True) or leave them out (False)."""

    organization_id: int | None = None
    register_id: int | None = None
    status: str | None = None
    urgency: int | None = None
    urgent: bool = False
    overdue: bool | None = None
    returned: bool | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    q: str = ""

    def __post_init__(self) -> None:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise Invalid("“Từ ngày” phải trước hoặc bằng “đến ngày”.",
                          fields={"date_from": "Sau ngày kết thúc."})
        object.__setattr__(self, "q", nfc(self.q or ""))


def text_condition(text: str) -> Q:
    """Documents whose subject, issuer, code or arrival number matches what was typed."""
    text = nfc(text)
    condition = Q(subject__icontains=text) | Q(issuer_key__contains=name_key(text))
    key = typed_code_key(text)
    if key:
        condition |= Q(code_key__contains=key)
    code = typed_code(text)
    if code:  # glued, without its year: the explicit part of the code, as search reads it
        condition |= Q(code_key__regex=code_pattern(code.bares[-1]))
    if _NUMBER.fullmatch(text):
        condition |= Q(arrival_number=int(text))
    return condition


def overdue_for(user: User | None) -> Q:
    """Open documents past their deadline — never those the user only needs to know of
    ("Để biết"): for them a document has no deadline."""
    late = Q(status__in=OPEN_STATUSES, deadline__lt=clock.today())
    return late & ~informed_only(user)


def _exact(params: IncomingListParams) -> dict[str, object]:
    wanted = {
        "organization_id": params.organization_id, "register_id": params.register_id,
        "status": params.status, "urgency": params.urgency,
        "arrival_at__date__gte": params.date_from, "arrival_at__date__lte": params.date_to,
    }
    return {name: value for name, value in wanted.items() if value is not None}


def _either(documents: QuerySet[IncomingDocument], condition: Q,
            wanted: bool | None) -> QuerySet[IncomingDocument]:
    if wanted is None:
        return documents
    return documents.filter(condition) if wanted else documents.exclude(condition)


def incoming_list(user: User | None, params: IncomingListParams) -> QuerySet[IncomingDocument]:
    """The incoming documents `user` may see that match `params`, newest arrival first.

    Each row carries `informed_only` (the user only needs to know of it: no deadline, no
    overdue, no status to follow) for whoever shows it."""
    documents = visible_incoming(user).filter(**_exact(params))
    if params.urgent:
        documents = documents.filter(urgency__gte=Urgency.URGENT)
    documents = _either(documents, overdue_for(user), params.overdue)
    documents = _either(documents, Q(return_event__isnull=False), params.returned)
    if params.q:
        documents = documents.filter(text_condition(params.q))
    informed = Case(When(informed_only(user), then=Value(True)), default=Value(False),
                    output_field=BooleanField())
    return (
        documents.select_related("organization", "document_type", "return_event__actor")
        .annotate(informed_only=informed)
        .order_by(*ORDER)
    )
