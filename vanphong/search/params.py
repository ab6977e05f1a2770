"""Reading a search from a query string (the page, the export and the API share it).

Bad values never fail the search: each is dropped with a Vietnamese message saying so,
and the search runs with the rest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from vanphong.search.documents import KINDS
from vanphong.search.service import MAX_PAGE, Params
from vanphong.widgets import parse_date

MAX_TEXT = 500
MAX_VALUES = 30
SORTS = {"relevance": "Liên quan nhất", "date": "Mới nhất"}


def _list(source: Any, name: str) -> list[str]:
    values = source.getlist(name) if hasattr(source, "getlist") else source.get(name) or []
    if isinstance(values, str):
        values = [values]
    return [str(v).strip() for v in values if str(v).strip()][:MAX_VALUES]


def _ints(source: Any, name: str, label: str, errors: list[str]) -> tuple[int, ...]:
    out = []
    for value in _list(source, name):
        if value.isdigit() and len(value) < 10:
            out.append(int(value))
        else:
            errors.append(f"{label} không hợp lệ: “{value[:30]}”.")
    return tuple(out)


def _date(source: Mapping[str, Any], name: str, label: str, errors: list[str]) -> dt.date | None:
    value = (source.get(name) or "").strip()
    if not value:
        return None
    day = parse_date(value)
    if day is None:
        errors.append(f"{label} không đúng dạng ngày (ngày/tháng/năm): “{value[:30]}”.")
    return day


def read(source: Any, *, per_page: int = 20) -> tuple[Params, list[str]]:
    """Params from a QueryDict (or a dict of lists), and what was wrong with it."""
    errors: list[str] = []
    text = (source.get("q") or "").strip()
    if len(text) > MAX_TEXT:
        errors.append(f"Nội dung tìm dài quá {MAX_TEXT} ký tự, phần sau đã bị bỏ.")
        text = text[:MAX_TEXT]
    sort = source.get("sort") or "relevance"
    if sort not in SORTS:
        errors.append("Cách sắp xếp không hợp lệ; đã sắp theo mức liên quan.")
        sort = "relevance"
    kinds = tuple(k for k in _list(source, "kind") if k in KINDS)
    page_text = source.get("page") or "1"
    page = int(page_text) if page_text.isdigit() and len(page_text) < 6 else 1
    date_from = _date(source, "date_from", "Từ ngày", errors)
    date_to = _date(source, "date_to", "Đến ngày", errors)
    if date_from and date_to and date_from > date_to:
        errors.append("“Từ ngày” sau “Đến ngày”: đã đổi chỗ hai ngày.")
        date_from, date_to = date_to, date_from
    params = Params(
        text=text,
        kinds=kinds,
        organizations=_ints(source, "organization", "Cơ quan", errors),
        registers=_ints(source, "register", "Sổ", errors),
        types=_strings(source, "type"),
        issuers=_strings(source, "issuer"),
        signers=_strings(source, "signer"),
        statuses=_strings(source, "status"),
        urgencies=_ints(source, "urgency", "Độ khẩn", errors),
        secrecies=_ints(source, "secrecy", "Độ mật", errors),
        years=_ints(source, "year", "Năm", errors),
        date_from=date_from,
        date_to=date_to,
        sort=sort,
        page=min(page, MAX_PAGE),
        per_page=per_page,
    )
    return params, errors


def _strings(source: Any, name: str) -> tuple[str, ...]:
    return tuple(value[:200] for value in _list(source, name))


def chosen(params: Params) -> dict[str, Sequence[str]]:
    """The filters in effect, as strings (to tick the facets)."""
    return {
        "kind": params.kinds,
        "organization": [str(v) for v in params.organizations],
        "type": params.types,
        "year": [str(v) for v in params.years],
        "issuer": params.issuers,
        "status": params.statuses,
        "urgency": [str(v) for v in params.urgencies],
        "secrecy": [str(v) for v in params.secrecies],
    }
