"""The file plan (Danh mục hồ sơ, ND30 Phụ lục V: five columns, big headings I, II…, the
totals at the foot), the list of documents in a dossier (Mục lục văn bản trong hồ sơ:
seven columns), the hand-over list and record and the disposal record, as PDF. What a
print lists of a dossier's documents is what its reader may open (`contents_for`)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from vanphong.incoming.models import IncomingDocument
from vanphong.organizations.models import User
from vanphong.printing import pdf
from vanphong.printing.dates import short_date
from vanphong.records.actions import ROMAN, closing_record, contents_for, document_date
from vanphong.records.models import Disposal, Dossier, FilePlan, RetentionKind, Transfer
from vanphong.records.transfer import document_span

PLAN_HEADER = ["Số và ký hiệu hồ sơ", "Tên đề mục và tiêu đề hồ sơ", "Thời hạn bảo quản",
               "Người lập hồ sơ", "Ghi chú"]
CONTENTS_HEADER = ["STT", "Số, ký hiệu văn bản", "Ngày tháng năm văn bản",
                   "Tên loại và trích yếu nội dung", "Tác giả văn bản", "Tờ số / trang số",
                   "Ghi chú"]


def _grid(rows: list[list[str]], widths: list[float], bold_rows: list[int]) -> Flowable:
    return pdf.grid(rows, widths, size=10, leading=12, bold_rows=bold_rows)


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


def _page_count(document: object) -> int | None:
    """Pages of a document as registered (incoming) or of its issued PDF (outgoing)."""
    if isinstance(document, IncomingDocument):
        return document.pages
    final = getattr(document, "final_pdf", None)
    return final.pages if final is not None else None


def contents_rows(dossier: Dossier, reader: User) -> list[list[str]]:
    """The Mục lục's rows, of the documents the reader may open; "Tờ số / trang số" runs on
    from one to the next while every page count so far is known (then left for the
    archivist to write by hand)."""
    rows = [CONTENTS_HEADER]
    sheet: int | None = 1
    for i, item in enumerate(contents_for(reader, dossier), start=1):
        document = item.document
        kind = document.document_type.name if document.document_type else ""
        author = document.issuer if hasattr(document, "issuer") else document.organization.name
        pages = _page_count(document)
        where = ""
        if sheet is not None and pages:
            where = str(sheet) if pages == 1 else f"{sheet}–{sheet + pages - 1}"
            sheet += pages
        else:
            sheet = None
        rows.append([str(i), document.code or "", short_date(document_date(document)),
                     f"{kind}: {document.subject}" if kind else document.subject,
                     str(author), where, ""])
    return rows


def contents_pdf(dossier: Dossier, *, reader: User) -> bytes:
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
        _grid(contents_rows(dossier, reader), widths, []),
    ]
    record = closing_record(dossier, contents_for(reader, dossier))
    if record:
        story += [Spacer(1, 4 * mm), pdf.para(f"Chứng từ kết thúc: {record}", "body_left")]
    return pdf.build_pdf(story, title=f"Mục lục văn bản — hồ sơ {dossier.code}",
                         author=str(reader))


TRANSFER_HEADER = ["STT", "Số, ký hiệu hồ sơ", "Tiêu đề hồ sơ", "Thời gian tài liệu",
                   "Thời hạn bảo quản", "Số tờ / số trang", "Ghi chú"]


def transfer_rows(transfer: Transfer, reader: User) -> list[list[str]]:
    """One row per dossier; its time span and count of the documents the reader may open."""
    rows = [TRANSFER_HEADER]
    items = transfer.items.select_related("dossier").order_by("dossier__code")
    for i, item in enumerate(items, start=1):
        d = item.dossier
        shown = contents_for(reader, d)
        rows.append([str(i), d.code, d.title, document_span(shown), d.retention_label,
                     f"{len(shown)} văn bản", d.note])
    return rows


def transfer_pdf(transfer: Transfer, *, reader: User) -> bytes:
    """The list (Mục lục hồ sơ, tài liệu nộp lưu) and the record (Biên bản giao nhận), in
    one file of two parts, for the two copies each side keeps."""
    width = pdf.frame_width()
    widths = [10 * mm, 24 * mm, 0.0, 28 * mm, 22 * mm, 20 * mm, 16 * mm]
    widths[2] = width - sum(widths)
    organization = transfer.organization
    rows = transfer_rows(transfer, reader)
    received = transfer.received_at
    story = [
        *pdf.organization_header(organization.parent_body, organization.name),
        pdf.para("MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU", "title"),
        pdf.para(f"Đơn vị nộp lưu: {organization.name}", "note"),
        Spacer(1, 4 * mm),
        _grid(rows, widths, []),
        Spacer(1, 3 * mm),
        pdf.para(f"Mục lục này gồm {len(rows) - 1} hồ sơ.", "body_left"),
        *pdf.next_page("portrait"),
        *pdf.organization_header(organization.parent_body, organization.name),
        pdf.para("BIÊN BẢN GIAO NHẬN TÀI LIỆU", "title"),
        Spacer(1, 4 * mm),
        pdf.para(f"Bên giao: {organization.name} (người giao: "
                 f"{transfer.submitted_by.full_name if transfer.submitted_by else '…'}).",
                 "body_left"),
        pdf.para(f"Bên nhận: Lưu trữ cơ quan — {transfer.office.name} (người nhận: "
                 f"{transfer.received_by.full_name if transfer.received_by else '…'}).",
                 "body_left"),
        pdf.para(f"Thống nhất giao nhận {len(rows) - 1} hồ sơ theo Mục lục hồ sơ, tài liệu nộp "
                 "lưu kèm theo." + (f" Thời điểm nhận: {short_date(received)}." if received
                                    else ""), "body_left"),
        pdf.para(f"Tình trạng tài liệu khi giao nhận: {transfer.condition or '…'}", "body_left"),
        pdf.para("Biên bản lập thành hai bản, mỗi bên giữ một bản.", "body_left"),
        Spacer(1, 6 * mm),
        pdf.side_by_side(
            [pdf.para("ĐẠI DIỆN BÊN GIAO", "signer_title"), pdf.para("(Ký, ghi rõ họ tên)",
                                                                      "note")],
            [pdf.para("ĐẠI DIỆN BÊN NHẬN", "signer_title"), pdf.para("(Ký, ghi rõ họ tên)",
                                                                      "note")],
            width=width, left_share=0.5),
    ]
    return pdf.build_pdf(story, title=f"Nộp lưu — {organization.name}", author=str(reader))


def disposal_pdf(disposal: Disposal, *, author: str = "") -> bytes:
    """The disposal record: what was destroyed, who appraised and approved it, how."""
    width = pdf.frame_width()
    widths = [10 * mm, 24 * mm, 0.0, 28 * mm, 30 * mm]
    widths[2] = width - sum(widths)
    rows = [["STT", "Số, ký hiệu hồ sơ", "Tiêu đề hồ sơ", "Năm kết thúc", "Thời hạn bảo quản"]]
    for i, item in enumerate(disposal.items.select_related("dossier").order_by("dossier__code"),
                             start=1):
        d = item.dossier
        rows.append([str(i), d.code, d.title, str(d.ended_year or ""), d.retention_label])
    organization = disposal.organization
    council = ", ".join(m.full_name for m in disposal.council.all())
    story = [
        *pdf.organization_header(organization.parent_body, organization.name),
        pdf.para("BIÊN BẢN VỀ VIỆC HỦY TÀI LIỆU HẾT GIÁ TRỊ", "title"),
        Spacer(1, 4 * mm),
        pdf.para(f"Hội đồng xác định giá trị tài liệu: {council}.", "body_left"),
        pdf.para(f"Ý kiến thẩm định: {disposal.appraisal or '…'}", "body_left"),
        pdf.para("Người duyệt: " + (f"{disposal.approved_by.full_name}, ngày "
                                    f"{short_date(disposal.approved_at)}"
                                    if disposal.approved_by else "…") + ".", "body_left"),
        pdf.para("Thực hiện: " + (f"{disposal.done_by.full_name}, ngày "
                                  f"{short_date(disposal.done_at)}; phương thức: "
                                  f"{disposal.method}" if disposal.done_by else "…") + ".",
                 "body_left"),
        Spacer(1, 3 * mm),
        _grid(rows, widths, []),
        Spacer(1, 3 * mm),
        pdf.para(f"Tổng số: {len(rows) - 1} hồ sơ.", "body_left"),
    ]
    return pdf.build_pdf(story, title=f"Biên bản hủy tài liệu — {organization.name}",
                         author=author)
