"""Search over the documents the caller may open: `GET /search` (issue #5)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import ConfigDict, Field

from vanphong.api.errors import errors
from vanphong.api.schemas import PlausibleDay
from vanphong.errors import Invalid
from vanphong.organizations.models import User
from vanphong.search.service import MAX_PAGE, Params, search

router = Router(tags=["Tìm kiếm"])
Id = Annotated[int, Field(ge=1, le=2**31 - 1)]
Level = Annotated[int, Field(ge=0, le=4)]
Year = Annotated[int, Field(ge=1900, le=2200)]
Text = Annotated[str, Field(max_length=200)]


class SearchFilters(Schema):
    model_config = ConfigDict(extra="ignore")

    q: str = Field("", max_length=500, description="Số ký hiệu, từ trong trích yếu, nội dung "
                   "(có dấu hoặc không dấu); cụm trong ngoặc kép là một cụm từ.")
    kind: list[Literal["incoming", "outgoing"]] = Field([], max_length=2)
    organization: list[Id] = Field([], max_length=30, description="Mã cơ quan.")
    register_id: list[Id] = Field([], max_length=30, description="Mã sổ đăng ký.")
    type: list[Text] = Field([], max_length=30, description="Tên loại văn bản.")
    issuer: list[Text] = Field([], max_length=30, description="Cơ quan ban hành (đúng như ghi).")
    signer: list[Text] = Field([], max_length=30)
    status: list[Text] = Field([], max_length=30, description="Dạng 'incoming:done'.")
    urgency: list[Level] = Field([], max_length=5)
    secrecy: list[Level] = Field([], max_length=4)
    year: list[Year] = Field([], max_length=30)
    date_from: PlausibleDay | None = Field(None, description="Ngày văn bản, từ ngày.")
    date_to: PlausibleDay | None = Field(None, description="Ngày văn bản, đến ngày.")
    sort: Literal["relevance", "date"] = "relevance"
    facets: bool = True
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int = Field(20, ge=1, le=100)


class SearchHit(Schema):
    kind: str
    id: str
    code: str
    subject: str
    subject_html: str = Field(description="Trích yếu, phần khớp trong <mark>.")
    snippet_html: str = Field(description="Đoạn nội dung khớp nhất, phần khớp trong <mark>.")
    organization: str
    issuer: str
    issued_date: dt.date | None
    status: str
    url: str
    score: float


class FacetValue(Schema):
    value: str
    label: str
    count: int


class SearchPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[SearchHit]
    facets: dict[str, list[FacetValue]]
    facets_estimated: bool = Field(
        False, description="Số đếm của bộ lọc được ước tính trên một phần kết quả (khi kết "
        "quả rất nhiều); số kết quả `count` luôn chính xác."
    )


@router.get("/search", response={200: SearchPage, **errors(401, 422)},
            summary="Tìm văn bản đến và đi người gọi được xem")
def search_documents(request: HttpRequest, filters: Query[SearchFilters]) -> dict[str, Any]:
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        raise Invalid("“Từ ngày” phải trước hoặc bằng “đến ngày”.",
                      fields={"date_from": "Sau ngày kết thúc."})
    params = Params(
        text=filters.q, kinds=tuple(filters.kind), organizations=tuple(filters.organization),
        registers=tuple(filters.register_id), types=tuple(filters.type),
        issuers=tuple(filters.issuer), signers=tuple(filters.signer),
        statuses=tuple(filters.status), urgencies=tuple(filters.urgency),
        secrecies=tuple(filters.secrecy), years=tuple(filters.year),
        date_from=filters.date_from, date_to=filters.date_to, sort=filters.sort,
        page=filters.page, per_page=filters.page_size,
    )
    user: User = request.auth  # type: ignore[attr-defined]
    results = search(user, params, facets=filters.facets)
    return {
        "count": results.total,
        "page": filters.page,
        "page_size": filters.page_size,
        "items": [_hit(found) for found in results.items],
        "facets": {
            name: [{"value": v, "label": label, "count": n} for v, label, n in rows]
            for name, rows in results.facets.items()
        },
        "facets_estimated": results.facets_estimated,
    }


def _hit(found: Any) -> dict[str, Any]:
    document = found.document
    incoming = found.kind == "incoming"
    return {
        "kind": found.kind,
        "id": str(document.pk),
        "code": document.code,
        "subject": document.subject,
        "subject_html": str(found.subject),
        "snippet_html": str(found.snippet),
        "organization": document.organization.short_name,
        "issuer": document.issuer if incoming else document.organization.name,
        "issued_date": document.issued_date,
        "status": document.status,
        "url": found.url,
        "score": round(found.score, 4),
    }
