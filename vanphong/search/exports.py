"""Search results to Excel: the same search, the same scope, every page up to a limit."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from vanphong.organizations.models import User
from vanphong.search.service import KIND_LABELS, Params, search

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 5000
_BATCH = 500
HEADERS = ("STT", "Sổ", "Cơ quan", "Số, ký hiệu", "Ngày văn bản", "Cơ quan ban hành",
           "Trích yếu", "Người ký", "Trạng thái", "Độ khẩn", "Độ mật")
WIDTHS = (6, 12, 10, 18, 12, 30, 70, 22, 16, 12, 10)


def results_xlsx(user: User, params: Params) -> tuple[bytes, int]:
    """The workbook, and how many rows it has (at most `MAX_ROWS`)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Kết quả tìm kiếm")
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    header = []
    for title in HEADERS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    count = 0
    page = 1
    while count < MAX_ROWS:
        batch = Params(**{**params.__dict__, "page": page, "per_page": _BATCH})
        results = search(user, batch, facets=False, highlights=False)
        for found in results.items:
            count += 1
            sheet.append([_cell(sheet, value) for value in _row(count, found.kind, found.document)])
            if count >= MAX_ROWS:
                break
        if len(results.items) < _BATCH or page * _BATCH >= results.total:
            break
        page += 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), count


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


def _cell(sheet: Any, value: Any) -> Any:
    """Text stays text: no control characters, and never read as a formula ("=…")."""
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
    cell.data_type = "s"
    return cell
