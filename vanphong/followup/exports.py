"""The follow-up table as Excel and PDF ("Báo cáo tình hình thực hiện nhiệm vụ"): the
same `FigureTable` the page shows, so a printout and the screen never differ; and the
items behind a cell as an Excel list."""

from __future__ import annotations

import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Spacer, TableStyle

from vanphong.followup.figures import FigureTable
from vanphong.followup.models import ItemStatus, Task
from vanphong.followup.programmes import ProgrammeReport
from vanphong.printing import pdf

TITLE = "BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ"
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")
_FONT = "Times New Roman"


def _text(value: object) -> object:
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _header(table: FigureTable) -> list[str]:
    return ["STT", table.grouping_label, *(label for _, label in table.measures)]


def _body(table: FigureTable) -> list[list[object]]:
    rows: list[list[object]] = [
        [i, row.label, *(row.counts[key] for key, _ in table.measures)]
        for i, row in enumerate(table.rows, start=1)
    ]
    rows.append(["", "Tổng cộng", *(table.total[key] for key, _ in table.measures)])
    return rows


def figures_xlsx(table: FigureTable, *, office: str) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Theo dõi nhiệm vụ"
    header = _header(table)
    titles = [(office.upper(), Font(name=_FONT, size=12, bold=True)),
              (TITLE, Font(name=_FONT, size=14, bold=True)),
              (f"{table.period.label}; số liệu ngày {table.today:%d/%m/%Y}",
               Font(name=_FONT, size=12, italic=True))]
    for row, (text, font) in enumerate(titles, start=1):
        cell = sheet.cell(row=row, column=1, value=_text(text))
        cell.font, cell.alignment = font, Alignment(horizontal="center")
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(header))
    top = len(titles) + 2
    for column, name in enumerate(header, start=1):
        cell = sheet.cell(row=top, column=column, value=name)
        cell.font, cell.fill, cell.border = Font(name=_FONT, bold=True), _HEADER_FILL, _BOX
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    body = _body(table)
    for offset, values in enumerate(body, start=1):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=top + offset, column=column, value=_text(value))
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text, never a formula
            cell.border = _BOX
            if offset == len(body):
                cell.font = Font(name=_FONT, bold=True)
    for column, width in enumerate([6, 40, *[14] * len(table.measures)], start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(row=top + 1, column=3)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def items_xlsx(tasks: Iterable[Task], *, title: str) -> bytes:
    """The tasks behind one cell, one row each."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Danh sách nhiệm vụ"
    sheet.cell(row=1, column=1, value=_text(title)).font = Font(name=_FONT, bold=True, size=13)
    header = ["STT", "Nhiệm vụ", "Cơ quan giao", "Chủ trì", "Hạn", "Ngày hoàn thành",
              "Tiến độ (%)", "Trạng thái"]
    for column, name in enumerate(header, start=1):
        cell = sheet.cell(row=3, column=column, value=name)
        cell.font, cell.fill, cell.border = Font(name=_FONT, bold=True), _HEADER_FILL, _BOX
    for i, task in enumerate(tasks, start=1):
        lead = next((a.label for a in task.assignees.all() if a.kind == "lead"
                     and a.state in ("active", "done")), "")
        values = [i, task.title, task.organization.short_name, lead, task.due_date,
                  task.completed_on, task.progress, task.state_label]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=3 + i, column=column, value=_text(value))
            if isinstance(value, str):
                cell.data_type = "s"
            if column in (5, 6):
                cell.number_format = "DD/MM/YYYY"
            cell.border = _BOX
    for column, width in enumerate([6, 60, 14, 40, 12, 14, 10, 22], start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def figures_pdf(table: FigureTable, *, office: str, author: str = "") -> bytes:
    """A4 landscape: the office's header, the title, the period, the table with its total
    line, and the place for the office lead's signature."""
    width = pdf.frame_width(pdf.LANDSCAPE)
    measures = len(table.measures)
    widths = [12 * mm, width - 12 * mm - measures * 26 * mm, *[26 * mm] * measures]
    room = [w - 12 for w in widths]  # inside the cell padding
    header = [pdf.wrap_lines(h, room[i], size=10) for i, h in enumerate(_header(table))]
    rows = [[pdf.wrap_lines(v, room[i], size=10) for i, v in enumerate(values)]
            for values in _body(table)]
    grid = LongTable([header, *rows], colWidths=widths, repeatRows=1)
    grid.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), pdf.FONT),
        ("FONTNAME", (0, 0), (-1, 0), pdf.FONT_BOLD),
        ("FONTNAME", (0, -1), (-1, -1), pdf.FONT_BOLD),
        ("FONTSIZE", (0, 0), (-1, -1), 10),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
    ]))
    story = [
        *pdf.organization_header("", office),
        pdf.para(TITLE, "title"),
        pdf.para(f"(Theo {table.grouping_label.lower()}; {table.period.label.lower()}; "
                 f"số liệu ngày {table.today:%d/%m/%Y})", "note"),
        Spacer(1, 5 * mm),
        grid,
        Spacer(1, 8 * mm),
        pdf.signature_block(title="Chánh Văn phòng", width=width),
    ]
    return pdf.build_pdf(story, title=TITLE, subject=table.period.label, author=author,
                         first="landscape")


# --- Work programme report -------------------------------------------------------------------

REPORT_TITLE = "BÁO CÁO KẾT QUẢ THỰC HIỆN CHƯƠNG TRÌNH CÔNG TÁC"
_REPORT_HEADER = ["STT", "Nội dung công việc", "Tháng", "Chủ trì", "Phối hợp", "Sản phẩm",
                  "Nhiệm vụ (xong/tổng)", "Kết quả", "Ghi chú"]


def _report_rows(report: ProgrammeReport) -> list[list[str]]:
    rows = []
    for i, line in enumerate(report.lines, start=1):
        item = line.item
        who = item.responsible_organization.short_name + (
            f" — {item.responsible_unit.name}" if item.responsible_unit else "")
        month = f"{item.month:%m/%Y}" + (
            f" (dự kiến {item.planned_month:%m/%Y})" if item.postponed_to else "")
        status = item.get_status_display() + (" — chậm" if line.late else "")
        rows.append([str(i), item.content, month, who, item.coordination, item.output,
                     f"{line.done}/{line.tasks}", status, item.note])
    return rows


def _summary(report: ProgrammeReport) -> str:
    parts = [f"{label.lower()}: {report.by_status[value]}" for value, label in ItemStatus.choices]
    return (f"Tổng số {len(report.lines)} nội dung; " + "; ".join(parts)
            + f". Tỷ lệ hoàn thành {report.done_share}%.")


def programme_xlsx(report: ProgrammeReport) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Chương trình công tác"
    programme = report.programme
    for row, (text, font) in enumerate([
        (programme.organization.name.upper(), Font(name=_FONT, size=12, bold=True)),
        (REPORT_TITLE, Font(name=_FONT, size=14, bold=True)),
        (programme.title, Font(name=_FONT, size=12, italic=True)),
        (_summary(report), Font(name=_FONT, size=11)),
    ], start=1):
        sheet.cell(row=row, column=1, value=_text(text)).font = font
        sheet.merge_cells(start_row=row, start_column=1, end_row=row,
                          end_column=len(_REPORT_HEADER))
    top = 6
    for column, name in enumerate(_REPORT_HEADER, start=1):
        cell = sheet.cell(row=top, column=column, value=name)
        cell.font, cell.fill, cell.border = Font(name=_FONT, bold=True), _HEADER_FILL, _BOX
        cell.alignment = Alignment(wrap_text=True, horizontal="center")
    for offset, values in enumerate(_report_rows(report), start=1):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=top + offset, column=column, value=_text(value))
            cell.data_type = "s"
            cell.border, cell.alignment = _BOX, Alignment(wrap_text=True, vertical="top")
    for column, width in enumerate([6, 50, 12, 24, 20, 16, 12, 18, 30], start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def programme_pdf(report: ProgrammeReport, *, author: str = "") -> bytes:
    programme = report.programme
    width = pdf.frame_width(pdf.LANDSCAPE)
    others = [10 * mm, 0.0, 20 * mm, 32 * mm, 28 * mm, 24 * mm, 20 * mm, 26 * mm, 30 * mm]
    widths = [w or width - sum(others) for w in others]  # the content takes what is left
    room = [w - 12 for w in widths]
    header = [pdf.wrap_lines(h, room[i], size=9) for i, h in enumerate(_REPORT_HEADER)]
    rows = [[pdf.wrap_lines(v, room[i], size=9) for i, v in enumerate(values)]
            for values in _report_rows(report)]
    if not rows:
        rows = [["", "Chương trình chưa có nội dung.", *[""] * 7]]
    grid = LongTable([header, *rows], colWidths=widths, repeatRows=1)
    grid.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), pdf.FONT),
        ("FONTNAME", (0, 0), (-1, 0), pdf.FONT_BOLD),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("LEADING", (0, 0), (-1, -1), 11),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
    ]))
    story = [
        *pdf.organization_header("", programme.organization.name),
        pdf.para(REPORT_TITLE, "title"),
        pdf.para(programme.title, "note"),
        Spacer(1, 3 * mm),
        pdf.para(_summary(report), "small"),
        Spacer(1, 3 * mm),
        grid,
    ]
    return pdf.build_pdf(story, title=f"{REPORT_TITLE} — {programme.title}", author=author,
                         first="landscape")
