"""The one Excel writer: every workbook the product gives out (registers, search results,
follow-up figures and lists, work programme reports) is written here, so the cell rules
hold everywhere:

- text stays text: control characters Excel rejects are dropped, and a value that starts
  with "=" is stored as a string, never read as a formula (formula injection);
- dates are real date cells shown dd/mm/yyyy;
- title lines are centred across the table (without merged cells, so the sheet can be
  streamed row by row and a long list never sits in memory);
- widths, the frozen header, the autofilter and an A4 landscape page fitted to its width
  work for any number of columns (past column Z too).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FONT = "Times New Roman"
DATE_FORMAT = "DD/MM/YYYY"
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")


@dataclasses.dataclass(frozen=True)
class Title:
    """A line above the table (the organization, the title, the period…)."""

    text: str
    size: int = 12
    bold: bool = False
    italic: bool = False


@dataclasses.dataclass(frozen=True)
class Column:
    name: str
    width: float = 12
    date: bool = False  # values are dates: shown dd/mm/yyyy


@dataclasses.dataclass
class Sheet:
    """One worksheet: title lines, a bordered header row, then one row per value list."""

    name: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[object]]
    titles: Sequence[Title] = ()
    bold_last: bool = False  # a totals line at the foot
    frozen_columns: int = 0  # columns kept in view when scrolling right
    autofilter: bool = False
    wrap: bool = True
    landscape: bool = True


def text(value: object) -> object:
    """A value as a cell takes it: strings without the control characters Excel refuses."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def workbook(sheet: Sheet, *, title: str = "") -> bytes:
    """The workbook of one sheet, as bytes (streamed: rows are written as they come)."""
    book = Workbook(write_only=True)
    book.properties.creator = "Một Văn Phòng"
    if title:
        book.properties.title = title
    worksheet = book.create_sheet(sheet.name[:31])
    _write(worksheet, sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write(worksheet: Any, sheet: Sheet) -> None:
    width = len(sheet.columns)
    for index, column in enumerate(sheet.columns, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = column.width
    header_row = len(sheet.titles) + (2 if sheet.titles else 1)
    # A streamed sheet writes its view and page set-up before the first row.
    worksheet.freeze_panes = f"{get_column_letter(sheet.frozen_columns + 1)}{header_row + 1}"
    worksheet.print_title_rows = f"{header_row}:{header_row}"
    _page(worksheet, landscape=sheet.landscape)
    for line in sheet.titles:
        worksheet.append(_title_row(worksheet, line, width))
    if sheet.titles:
        worksheet.append([])
    worksheet.append([_header_cell(worksheet, c.name) for c in sheet.columns])
    last = header_row
    rows = iter(sheet.rows)
    current = next(rows, None)
    while current is not None:
        following = next(rows, None)
        bold = sheet.bold_last and following is None
        worksheet.append([_cell(worksheet, value, column, wrap=sheet.wrap, bold=bold)
                          for value, column in zip(current, sheet.columns, strict=True)])
        last += 1
        current = following
    if sheet.autofilter:
        worksheet.auto_filter.ref = f"A{header_row}:{get_column_letter(width)}{last}"


def _title_row(worksheet: Any, line: Title, width: int) -> list[WriteOnlyCell]:
    # "centerContinuous" centres the text over the empty cells to its right: a merged
    # look that the streaming writer allows.
    align = Alignment(horizontal="centerContinuous")
    first = WriteOnlyCell(worksheet, value=text(line.text))
    first.data_type = "s"
    first.font = Font(name=FONT, size=line.size, bold=line.bold, italic=line.italic)
    first.alignment = align
    rest = []
    for _ in range(width - 1):
        cell = WriteOnlyCell(worksheet, value=None)
        cell.alignment = align
        rest.append(cell)
    return [first, *rest]


def _header_cell(worksheet: Any, name: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(worksheet, value=text(name))
    cell.data_type = "s"
    cell.font, cell.fill, cell.border = Font(name=FONT, bold=True), _HEADER_FILL, _BOX
    cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    return cell


def _cell(worksheet: Any, value: object, column: Column, *, wrap: bool,
          bold: bool) -> WriteOnlyCell:
    cell = WriteOnlyCell(worksheet, value=text(value))
    if isinstance(value, str):
        cell.data_type = "s"  # "=HYPERLINK(…)" typed by someone stays text
    if column.date or isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
    cell.border = _BOX
    cell.font = Font(name=FONT, bold=bold)
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _page(worksheet: Any, *, landscape: bool) -> None:
    worksheet.page_setup.orientation = "landscape" if landscape else "portrait"
    worksheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    worksheet.page_setup.fitToWidth, worksheet.page_setup.fitToHeight = 1, 0
    worksheet.sheet_properties.pageSetUpPr.fitToPage = True


def columns(names: Sequence[str], widths: Sequence[float],
            dates: Sequence[int] = ()) -> list[Column]:
    """Columns from parallel lists (0-based `dates`)."""
    return [Column(name, width, index in dates)
            for index, (name, width) in enumerate(zip(names, widths, strict=True))]
