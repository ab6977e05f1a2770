"""The file plan (Danh mục hồ sơ, ND30 Phụ lục V: five columns, big headings I, II…, the
totals at the foot) and the list of documents in a dossier (Mục lục văn bản trong hồ sơ:
seven columns), as PDF."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Spacer, TableStyle

from vanphong.printing import pdf
from vanphong.printing.dates import short_date
from vanphong.records.actions import ROMAN, contents, document_date
from vanphong.records.models import Dossier, FilePlan, RetentionKind

PLAN_HEADER = ["Số và ký hiệu hồ sơ", "Tên đề mục và tiêu đề hồ sơ", "Thời hạn bảo quản",
               "Người lập hồ sơ", "Ghi chú"]
CONTENTS_HEADER = ["STT", "Số, ký hiệu văn bản", "Ngày tháng năm văn bản",
                   "Tên loại và trích yếu nội dung", "Tác giả văn bản", "Tờ số / trang số",
                   "Ghi chú"]


def _grid(rows: list[list[str]], widths: list[float], bold_rows: list[int]) -> LongTable:
    room = [w - 10 for w in widths]
    cells = [[pdf.wrap_lines(v, room[i], size=10) for i, v in enumerate(row)] for row in rows]
    table = LongTable(cells, colWidths=widths, repeatRows=1)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), pdf.FONT),
        ("FONTNAME", (0, 0), (-1, 0), pdf.FONT_BOLD),
        ("FONTSIZE", (0, 0), (-1, -1), 10),
        ("LEADING", (0, 0), (-1, -1), 12),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
    ]
    style += [("FONTNAME", (0, r), (-1, r), pdf.FONT_BOLD) for r in bold_rows]
    table.setStyle(TableStyle(style))
    return table


def plan_rows(plan: FilePlan) -> tuple[list[list[str]], list[int]]:
    rows: list[list[str]] = [PLAN_HEADER]
    bold: list[int] = []
    dossiers = list(plan.dossiers.select_related("keeper").order_by("number"))
    big = plan.headings.filter(parent__isnull=True).order_by("position")
    for i, heading in enumerate(big):
        bold.append(len(rows))
        rows.append(["", f"{ROMAN[i] if i < len(ROMAN) else i + 1}. {heading.title.upper()}",
                     "", "", ""])
        for d in (d for d in dossiers if d.heading_id == heading.pk):
            rows.append(_line(d))
        for j, child in enumerate(heading.children.order_by("position"), start=1):
            rows.append(["", f"{j}. {child.title}", "", "", ""])
            for d in (d for d in dossiers if d.heading_id == child.pk):
                rows.append(_line(d))
    return rows, bold


def _line(dossier: Dossier) -> list[str]:
    return [dossier.code, dossier.title, dossier.retention_label, dossier.keeper.full_name,
            dossier.note]


def plan_totals(plan: FilePlan) -> tuple[int, int, int]:
    dossiers = plan.dossiers.all()
    permanent = dossiers.filter(retention_kind=RetentionKind.PERMANENT).count()
    total = dossiers.count()
    return total, permanent, total - permanent


def plan_pdf(plan: FilePlan, *, author: str = "") -> bytes:
    width = pdf.frame_width()
    widths = [25 * mm, 0.0, 25 * mm, 30 * mm, 20 * mm]
    widths[1] = width - sum(widths)
    rows, bold = plan_rows(plan)
    total, permanent, limited = plan_totals(plan)
    organization = plan.organization
    state = "" if plan.state == "approved" else " (DỰ THẢO)"
    story = [
        *pdf.organization_header(organization.parent_body, organization.name),
        pdf.para(f"DANH MỤC HỒ SƠ{state}", "title"),
        pdf.para(f"Năm {plan.year}", "note"),
        Spacer(1, 4 * mm),
        _grid(rows, widths, bold),
        Spacer(1, 4 * mm),
        pdf.para(f"Bản danh mục hồ sơ này có {total} hồ sơ, bao gồm: {permanent} hồ sơ "
                 f"bảo quản vĩnh viễn; {limited} hồ sơ bảo quản có thời hạn.", "body_left"),
        Spacer(1, 6 * mm),
        pdf.signature_block(title="Người đứng đầu cơ quan", width=width,
                            name=plan.approved_by.full_name if plan.approved_by else ""),
    ]
    return pdf.build_pdf(story, title=f"Danh mục hồ sơ năm {plan.year} — {organization.name}",
                         author=author)


def contents_rows(dossier: Dossier) -> list[list[str]]:
    rows = [CONTENTS_HEADER]
    for i, item in enumerate(contents(dossier), start=1):
        document = item.document
        kind = document.document_type.name if document.document_type else ""
        author = document.issuer if hasattr(document, "issuer") else document.organization.name
        rows.append([str(i), document.code or "", short_date(document_date(document)),
                     f"{kind}: {document.subject}" if kind else document.subject,
                     str(author), "", ""])
    return rows


def contents_pdf(dossier: Dossier, *, author: str = "") -> bytes:
    width = pdf.frame_width()
    widths = [10 * mm, 28 * mm, 22 * mm, 0.0, 30 * mm, 14 * mm, 14 * mm]
    widths[3] = width - sum(widths)
    organization = dossier.plan.organization
    story = [
        *pdf.organization_header(organization.parent_body, organization.name),
        pdf.para("MỤC LỤC VĂN BẢN", "title"),
        pdf.para(f"Hồ sơ số {dossier.code}: {dossier.title}", "note"),
        pdf.para(f"Thời hạn bảo quản: {dossier.retention_label}", "note"),
        Spacer(1, 4 * mm),
        _grid(contents_rows(dossier), widths, []),
    ]
    if dossier.closing_note:
        story += [Spacer(1, 4 * mm), pdf.para(f"Chứng từ kết thúc: {dossier.closing_note}",
                                              "body_left")]
    return pdf.build_pdf(story, title=f"Mục lục văn bản — hồ sơ {dossier.code}", author=author)
