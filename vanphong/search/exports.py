"""Search results to Excel: the same search, the same scope, every page up to a limit."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from vanphong.organizations.models import User
from vanphong.printing import xlsx
from vanphong.search.service import KIND_LABELS, Params, search

XLSX = xlsx.XLSX
MAX_ROWS = 5000
_BATCH = 500
HEADERS = ("STT", "Sổ", "Cơ quan", "Số, ký hiệu", "Ngày văn bản", "Cơ quan ban hành",
           "Trích yếu", "Người ký", "Trạng thái", "Độ khẩn", "Độ mật")
WIDTHS = (6, 12, 10, 18, 12, 30, 70, 22, 16, 12, 10)


def results_xlsx(user: User, params: Params) -> tuple[bytes, int]:
    """The workbook, and how many rows it has (at most `MAX_ROWS`)."""
    rows: list[list[Any]] = []

    def found() -> Iterator[list[Any]]:
        page = 1
        while len(rows) < MAX_ROWS:
            batch = Params(**{**params.__dict__, "page": page, "per_page": _BATCH})
            results = search(user, batch, facets=False, highlights=False)
            for item in results.items[:MAX_ROWS - len(rows)]:
                rows.append(_row(len(rows) + 1, item.kind, item.document))
                yield rows[-1]
            if len(results.items) < _BATCH or page * _BATCH >= results.total:
                return
            page += 1

    data = xlsx.workbook(xlsx.Sheet(name="Kết quả tìm kiếm",
                                    columns=xlsx.columns(HEADERS, WIDTHS, dates=[4]),
                                    rows=found(), wrap=False, autofilter=True),
                         title="Kết quả tìm kiếm")
    return data, len(rows)


def _row(number: int, kind: str, document: Any) -> list[Any]:
    incoming = kind == "incoming"
    return [
        number,
        KIND_LABELS[kind],
        document.organization.short_name,
        document.code,
        document.issued_date,
        document.issuer if incoming else document.organization.name,
        document.subject,
        document.signer_name if incoming else str(document.signer or ""),
        document.get_status_display(),
        document.get_urgency_display(),
        document.get_secrecy_display(),
    ]
