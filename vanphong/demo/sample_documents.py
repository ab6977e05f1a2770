"""Realistic received documents for the demo's intake queue, the tests and the intake
benchmark: a first page laid out as ND30 (State) or HD36 (Party) prescribe, as a
born-digital PDF (ReportLab, Liberation Serif 2, which has the Vietnamese letters), a Word
file, and scans of it (300 dpi page images, or an image-only PDF) for the OCR path."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

FONT_DIRS = [
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/dejavu"),
]


@dataclasses.dataclass(frozen=True)
class Doc:
    parent: str
    issuer: str
    number: str
    notation: str
    place: str
    day: int
    month: int
    year: int
    type_name: str  # "" for a công văn
    subject: str
    body: tuple[str, ...]
    capacity: str  # "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", ""
    position: str
    signer: str
    recipients: tuple[str, ...] = ("Như trên;",)
    party: bool = False
    urgency: str = ""

    @property
    def issuer_name(self) -> str:
        return " ".join(self.issuer.split())

    @property
    def code(self) -> str:
        return f"{self.number}-{self.notation}" if self.party else f"{self.number}/{self.notation}"

    @property
    def iso_date(self) -> str:
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


DOCS = [
    Doc(
        parent="",
        issuer="ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG",
        number="853",
        notation="QĐ-UBND",
        place="Lâm Đồng",
        day=5,
        month=1,
        year=2026,
        type_name="QUYẾT ĐỊNH",
        subject="Về việc phê duyệt kế hoạch chuyển đổi số năm 2026",
        body=(
            "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
            "Theo đề nghị của Giám đốc Sở Khoa học và Công nghệ.",
        ),
        capacity="TM. ỦY BAN NHÂN DÂN",
        position="CHỦ TỊCH",
        signer="Trần Văn Hiệp",
    ),
    Doc(
        parent="UBND TỈNH LÂM ĐỒNG",
        issuer="SỞ TÀI CHÍNH",
        number="1245",
        notation="STC-NS",
        place="Lâm Đồng",
        day=12,
        month=3,
        year=2026,
        type_name="",
        subject="V/v hướng dẫn lập dự toán ngân sách năm 2027",
        body=(
            "Kính gửi: Ủy ban nhân dân các xã, phường.",
            "Thực hiện Thông tư số 49/2025/TT-BTC của Bộ Tài chính, Sở Tài chính hướng dẫn",
            "lập dự toán ngân sách năm 2027 như sau.",
        ),
        capacity="KT. GIÁM ĐỐC",
        position="PHÓ GIÁM ĐỐC",
        signer="Nguyễn Thị Mai",
        urgency="KHẨN",
    ),
    Doc(
        parent="ĐẢNG BỘ TỈNH LÂM ĐỒNG",
        issuer="TỈNH ỦY",
        number="15",
        notation="NQ/TU",
        place="Lâm Đồng",
        day=20,
        month=1,
        year=2026,
        type_name="NGHỊ QUYẾT",
        subject="về phát triển kinh tế nông nghiệp giai đoạn 2026 - 2030",
        body=(
            "Thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XII, Ban Chấp hành",
            "Đảng bộ tỉnh quyết nghị như sau.",
        ),
        capacity="T/M TỈNH ỦY",
        position="BÍ THƯ",
        signer="Y Thanh Hà Niê Kđăm",
        recipients=("Các huyện ủy, thị ủy,", "Lưu Văn phòng Tỉnh ủy."),
        party=True,
    ),
    Doc(
        parent="HỘI NÔNG DÂN TỈNH LÂM ĐỒNG",
        issuer="BAN THƯỜNG VỤ",
        number="42",
        notation="KH/HNDT",
        place="Lâm Đồng",
        day=2,
        month=2,
        year=2026,
        type_name="KẾ HOẠCH",
        subject="tổ chức Hội thi nhà nông đua tài năm 2026",
        body=("Căn cứ Chương trình công tác năm 2026 của Ban Thường vụ Hội Nông dân tỉnh.",),
        capacity="T/M BAN THƯỜNG VỤ",
        position="CHỦ TỊCH",
        signer="Lê Văn Sơn",
        party=True,
    ),
]


def _fonts() -> tuple[str, str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    names = ("LibSerif", "LibSerif-Bold", "LibSerif-Italic")
    families = [
        ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf"),
        ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf"),
    ]
    for folder, files in zip(FONT_DIRS, families, strict=True):
        if all((folder / f).exists() for f in files):
            break
    else:
        raise RuntimeError("Thiếu phông chữ có dấu tiếng Việt (cài gói fonts-liberation2).")
    for name, file in zip(names, files, strict=True):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    return names


def document_pdf(doc: Doc) -> bytes:
    """The first page of `doc` as a born-digital PDF."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    regular, bold, italic = _fonts()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    width, height = A4
    left_x, right_x = 30 * mm + 37 * mm, 30 * mm + 73 * mm + 46 * mm
    y = height - 20 * mm
    issuer_lines = doc.issuer.split("\n")
    first = doc.parent or issuer_lines.pop(0)
    pdf.setFont(bold if doc.party or not doc.parent else regular, 12)
    pdf.drawCentredString(left_x, y, first)
    pdf.setFont(bold, 12)
    heading = "ĐẢNG CỘNG SẢN VIỆT NAM" if doc.party else "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    if doc.party and doc.parent.startswith("HỘI"):
        heading = "HỘI NÔNG DÂN VIỆT NAM"
    pdf.drawCentredString(right_x, y, heading)
    y -= 6 * mm
    pdf.setFont(bold, 12)
    pdf.drawCentredString(left_x, y, " ".join(issuer_lines))
    if not doc.party:
        pdf.setFont(bold, 13)
        pdf.drawCentredString(right_x, y, "Độc lập - Tự do - Hạnh phúc")
    y -= 8 * mm
    pdf.setFont(regular, 13)
    label = "Số " if doc.party else "Số: "
    pdf.drawCentredString(left_x, y, f"{label}{doc.code}")
    pdf.setFont(italic, 13)
    pdf.drawCentredString(
        right_x, y, f"{doc.place}, ngày {doc.day:02d} tháng {doc.month:02d} năm {doc.year}"
    )
    y -= 7 * mm
    if not doc.type_name:
        pdf.setFont(regular, 12)
        pdf.drawCentredString(left_x, y, doc.subject)
        y -= 7 * mm
    if doc.urgency:
        pdf.setFont(bold, 13)
        pdf.drawString(30 * mm, y, doc.urgency)
        y -= 8 * mm
    if doc.type_name:
        y -= 4 * mm
        pdf.setFont(bold, 14)
        pdf.drawCentredString(width / 2 + 7 * mm, y, doc.type_name)
        y -= 7 * mm
        pdf.drawCentredString(width / 2 + 7 * mm, y, doc.subject)
        y -= 10 * mm
    pdf.setFont(regular, 13)
    for line in doc.body:
        pdf.drawString(30 * mm, y, line)
        y -= 7 * mm
    y -= 8 * mm
    pdf.setFont(bold, 12)
    pdf.drawString(30 * mm, y, "Nơi nhận:")
    pdf.drawCentredString(right_x, y, doc.capacity or doc.position)
    if doc.capacity:
        pdf.drawCentredString(right_x, y - 6 * mm, doc.position)
    pdf.setFont(bold, 13)
    pdf.drawCentredString(right_x, y - 40 * mm, doc.signer)
    pdf.setFont(regular, 11)
    for line in (*doc.recipients, "Lưu: VT."):
        y -= 5 * mm
        pdf.drawString(30 * mm, y, f"- {line}")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def scan_png(doc: Doc) -> bytes:
    """A 300 dpi greyscale scan of the page, as PNG."""
    return _scan(doc, "PNG")


def scan_jpeg(doc: Doc) -> bytes:
    return _scan(doc, "JPEG")


def _scan(doc: Doc, fmt: str) -> bytes:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(document_pdf(doc))
    image = pdf[0].render(scale=300 / 72, grayscale=True).to_pil()
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, dpi=(300, 300), **({"quality": 85} if fmt == "JPEG" else {}))
    return buffer.getvalue()


def scanned_pdf(doc: Doc) -> bytes:
    """An image-only PDF, as a scanner makes (no text layer)."""
    from PIL import Image

    image = Image.open(io.BytesIO(scan_jpeg(doc)))
    buffer = io.BytesIO()
    image.save(buffer, format="PDF", resolution=300)
    return buffer.getvalue()


def document_docx(doc: Doc) -> bytes:
    """The same document as a Word file with the usual two-column header table."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    parent = f"{doc.parent}\n" if doc.parent else ""
    left.text = f"{parent}{doc.issuer}\n{'Số ' if doc.party else 'Số: '}{doc.code}"
    heading = "ĐẢNG CỘNG SẢN VIỆT NAM" if doc.party else "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    right.text = (
        f"{heading}\n{'' if doc.party else 'Độc lập - Tự do - Hạnh phúc'}\n"
        f"{doc.place}, ngày {doc.day:02d} tháng {doc.month:02d} năm {doc.year}"
    )
    if not doc.type_name:
        left.add_paragraph(doc.subject)
    if doc.urgency:
        document.add_paragraph(doc.urgency)
    if doc.type_name:
        document.add_paragraph(doc.type_name)
        document.add_paragraph(doc.subject)
    for line in doc.body:
        document.add_paragraph(line)
    sign = document.add_table(rows=1, cols=2)
    sign.rows[0].cells[0].text = "Nơi nhận:\n" + "\n".join(f"- {r}" for r in doc.recipients)
    sign.rows[0].cells[1].text = "\n".join(
        x for x in (doc.capacity, doc.position, "", "", doc.signer) if x is not None
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
