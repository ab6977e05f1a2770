"""The follow-up table as Excel and PDF ("Báo cáo tình hình thực hiện nhiệm vụ"): the
same `FigureTable` the page shows, so a printout and the screen never differ; and the
items behind a cell as an Excel list."""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from vanphong.followup.figures import FigureTable
from vanphong.followup.models import ItemStatus, Task
from vanphong.followup.programmes import ProgrammeReport
from vanphong.printing import pdf, xlsx

TITLE = "BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ"
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
    header = _header(table)
    return xlsx.workbook(xlsx.Sheet(
        name="Theo dõi nhiệm vụ",
        columns=xlsx.columns(header, [6, 40, *[14] * len(table.measures)]),
        titles=[xlsx.Title(office.upper(), bold=True), xlsx.Title(TITLE, 14, bold=True),
                xlsx.Title(f"{table.period.label}; số liệu ngày {table.today:%d/%m/%Y}",
                           italic=True)],
        rows=_body(table), bold_last=True, frozen_columns=2, wrap=False), title=TITLE)


def items_xlsx(tasks: Iterable[Task], *, title: str) -> bytes:
    """The tasks behind one cell, one row each."""
    header = ["STT", "Nhiệm vụ", "Cơ quan giao", "Chủ trì", "Hạn", "Ngày hoàn thành",
              "Tiến độ (%)", "Trạng thái"]

    def rows() -> Iterable[list[object]]:
        for i, task in enumerate(tasks, start=1):
            lead = next((a.label for a in task.assignees.all() if a.kind == "lead"
                         and a.state in ("active", "done")), "")
            yield [i, task.title, task.organization.short_name, lead, task.due_date,
                   task.completed_on, task.progress, task.state_label]

    return xlsx.workbook(xlsx.Sheet(
        name="Danh sách nhiệm vụ",
        columns=xlsx.columns(header, [6, 60, 14, 40, 12, 14, 10, 22], dates=[4, 5]),
        titles=[xlsx.Title(title, 13, bold=True)], rows=rows(), autofilter=True), title=title)


def figures_pdf(table: FigureTable, *, office: str, author: str = "") -> bytes:
    """A4 landscape: the office's header, the title, the period, the table with its total
    line, and the place for the office lead's signature."""
    width = pdf.frame_width(pdf.LANDSCAPE)
    measures = len(table.measures)
    widths = [12 * mm, width - 12 * mm - measures * 26 * mm, *[26 * mm] * measures]
    grid = pdf.grid([_header(table), *_body(table)], widths, padding=6,
                    bold_rows=[len(table.rows) + 1], valign="MIDDLE",
                    extra=[("ALIGN", (2, 1), (-1, -1), "RIGHT"),
                           ("ALIGN", (0, 1), (0, -1), "CENTER")])
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
    programme = report.programme
    return xlsx.workbook(xlsx.Sheet(
        name="Chương trình công tác",
        columns=xlsx.columns(_REPORT_HEADER, [6, 50, 12, 24, 20, 16, 12, 18, 30]),
        titles=[xlsx.Title(programme.organization.name.upper(), bold=True),
                xlsx.Title(REPORT_TITLE, 14, bold=True),
                xlsx.Title(programme.title, italic=True), xlsx.Title(_summary(report), 11)],
        rows=_report_rows(report)), title=f"{REPORT_TITLE} — {programme.title}")


def programme_pdf(report: ProgrammeReport, *, author: str = "") -> bytes:
    programme = report.programme
    width = pdf.frame_width(pdf.LANDSCAPE)
    others = [10 * mm, 0.0, 20 * mm, 32 * mm, 28 * mm, 24 * mm, 20 * mm, 26 * mm, 30 * mm]
    widths = [w or width - sum(others) for w in others]  # the content takes what is left
    rows = _report_rows(report) or [["", "Chương trình chưa có nội dung.", *[""] * 7]]
    grid = pdf.grid([_REPORT_HEADER, *rows], widths, size=9, leading=11, padding=6)
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
