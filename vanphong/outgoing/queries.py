"""The list of outgoing documents: one question, one answer, for the page and the API.

`OutgoingListParams` holds what can be asked; the page's filter form and the API's filter
schema each build one, and `outgoing_list` answers it. Text is read as the incoming list
reads it: NFC, the code as a `code_key`, spaces separating its parts ("Số: 12 qđ ubnd" finds
12/QĐ-UBND).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.db.models import Q, QuerySet

from vanphong.errors import Invalid
from vanphong.organizations.models import User
from vanphong.outgoing.access import visible_outgoing
from vanphong.outgoing.models import OutgoingDocument
from vanphong.vietnamese import code_pattern, nfc, typed_code, typed_code_key

#: Newest first (by when the draft was made), the id settling documents of one moment.
ORDER = ("-created_at", "-pk")


@dataclasses.dataclass(frozen=True)
class OutgoingListParams:
    """What a list of outgoing documents may be filtered by (None: not filtered). The
    dates are the issue date; `late` keeps only (True) or leaves out (False) documents
    issued late."""

    organization_id: int | None = None
    status: str | None = None
    document_type_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    late: bool | None = None
    q: str = ""

    def __post_init__(self) -> None:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise Invalid("“Từ ngày” phải trước hoặc bằng “đến ngày”.",
                          fields={"date_from": "Sau ngày kết thúc."})
        object.__setattr__(self, "q", nfc(self.q or ""))


def text_condition(text: str) -> Q:
    """Documents whose subject or code matches what was typed."""
    text = nfc(text)
    condition = Q(subject__icontains=text)
    key = typed_code_key(text)
    if key:
        condition |= Q(code_key__contains=key)
    code = typed_code(text)
    if code:  # glued, without its year: the explicit part of the code, as search reads it
        condition |= Q(code_key__regex=code_pattern(code.bares[-1]))
    return condition


def _exact(params: OutgoingListParams) -> dict[str, object]:
    wanted = {
        "organization_id": params.organization_id, "status": params.status,
        "document_type_id": params.document_type_id, "issued_late": params.late,
        "issued_date__gte": params.date_from, "issued_date__lte": params.date_to,
    }
    return {name: value for name, value in wanted.items() if value is not None}


def outgoing_list(user: User | None, params: OutgoingListParams) -> QuerySet[OutgoingDocument]:
    """The outgoing documents `user` may see that match `params`, newest first."""
    documents = visible_outgoing(user).filter(**_exact(params))
    if params.q:
        documents = documents.filter(text_condition(params.q))
    return documents.select_related("organization", "document_type", "drafter", "signer").order_by(
        *ORDER)
