"""Draft .docx of outgoing documents (ND30 state look, HD36 Party look), filling the
number and date, and the PDF made by a real LibreOffice, read back with python-docx and
pypdf as a person would read the paper."""

from __future__ import annotations

import io
import os

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Length, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from pypdf import PdfReader

from vanphong.outgoing.layout import Layout, build_docx, party_heading
from vanphong.outgoing.rendering import (
    RenderingError,
    docx_text,
    docx_to_pdf,
    fill_docx,
    soffice_path,
)

DATE = "ngày 05 tháng 01 năm 2026"

needs_libreoffice = pytest.mark.skipif(
    soffice_path() is None and not os.environ.get("VANPHONG_REQUIRE_LIBREOFFICE"),
    reason="LibreOffice (soffice) is not installed; CI sets VANPHONG_REQUIRE_LIBREOFFICE=1 "
    "so that these tests fail there instead",
)

DECISION = Layout(
    style="state",
    parent_body="",
    organization_name="Ủy ban nhân dân xã Tân Hòa",
    type_name="Quyết định",
    subject="Về việc thành lập Tổ công tác chuyển đổi số",
    body="Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n"
    "Căn cứ đề nghị của Văn phòng HĐND và UBND xã.\n\n"
    + "\n\n".join(f"Điều {n}. " + "Nội dung của điều khoản này. " * 20 for n in (1, 2, 3)),
    recipients=("Như Điều 3", "UBND tỉnh (b/c);"),
    archive_line="Lưu: VT, VP.",
    place="Tân Hòa",
    signing_capacity="TM. Ủy ban nhân dân",
    signer_title="Chủ tịch",
    signer_name="Nguyễn Văn An",
    urgency_label="Thượng khẩn",
    secrecy_label="Mật",
)
LETTER = Layout(
    style="state",
    parent_body="Ủy ban nhân dân tỉnh Lâm Đồng",
    organization_name="Sở Nội vụ",
    type_name="",
    subject="góp ý dự thảo quy chế làm việc",
    body="Sở Nội vụ nhận được dự thảo.\n\nĐề nghị các đơn vị góp ý.",
    addressees=("UBND các xã", "Các phòng chuyên môn"),
    recipients=("Như trên",),
    place="Đà Lạt",
    signing_capacity="KT. Giám đốc",
    signer_title="Phó Giám đốc",
    signer_name="Trần Thị Bình",
)
RESOLUTION = Layout(
    style="party",
    parent_body="Đảng bộ tỉnh Lâm Đồng",
    organization_name="Đảng ủy xã Tân Hòa",
    type_name="Nghị quyết",
    subject="về nhiệm vụ năm 2026",
    body="Hội nghị Ban Chấp hành Đảng bộ xã đã thảo luận.\n\nQuyết nghị thông qua.",
    recipients=("Ban Thường vụ Tỉnh ủy (b/c)", "Các chi bộ trực thuộc"),
    archive_line="Lưu: VP Đảng ủy.",
    place="Tân Hòa",
    signing_capacity="T/M Đảng ủy",
    signer_title="Phó Bí thư",
    signer_name="Lê Văn Cường",
)


def open_docx(content: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(content))


def lines(table: Table, column: int) -> list[str]:
    return [p.text for p in table.rows[0].cells[column].paragraphs if p.text]


def all_paragraphs(document: docx.document.Document) -> list[Paragraph]:
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for cell in table.rows[0].cells:
            paragraphs += cell.paragraphs
    return paragraphs


def run_with(document: docx.document.Document, text: str) -> Run:
    """The run holding exactly `text`, in the body or in a table cell."""
    return next(run for p in all_paragraphs(document) for run in p.runs if run.text == text)


def mm(*lengths: Length | None) -> tuple[float, ...]:
    """Lengths in whole millimetres (Word stores them in twips)."""
    return tuple(round(length.mm) if length is not None else 0 for length in lengths)


def style_of(run: Run) -> tuple[float | None, bool, bool, bool]:
    size = run.font.size.pt if run.font.size else None
    return size, bool(run.font.bold), bool(run.font.italic), bool(run.font.underline)


# --- Layout --------------------------------------------------------------------------


def test_it_lays_out_a_state_decision_as_nd30_requires():
    document = open_docx(build_docx(DECISION))
    section = document.sections[0]
    assert mm(section.page_width, section.page_height) == (210, 297)
    assert mm(section.top_margin, section.bottom_margin) == (20, 20)
    assert mm(section.left_margin, section.right_margin) == (30, 15)
    assert document.styles["Normal"].font.name == "Times New Roman"
    runs = [run for p in all_paragraphs(document) for run in p.runs]
    assert {run.font.name for run in runs} == {None}  # all inherit Times New Roman

    heading = document.tables[0]
    assert lines(heading, 0) == ["ỦY BAN NHÂN DÂN XÃ TÂN HÒA", "Số: {{ so_ky_hieu }}",
                                 "MẬT", "THƯỢNG KHẨN"]
    assert lines(heading, 1) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                 "Độc lập - Tự do - Hạnh phúc", "Tân Hòa, {{ ngay_thang }}"]
    assert style_of(run_with(document, "ỦY BAN NHÂN DÂN XÃ TÂN HÒA")) == (12, True, False, False)
    assert style_of(run_with(document, "{{ so_ky_hieu }}")) == (13, False, False, False)
    assert style_of(run_with(document, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))[:2] == (12, True)
    assert style_of(run_with(document, "Độc lập - Tự do - Hạnh phúc")) == (13, True, False, True)
    assert style_of(run_with(document, "{{ ngay_thang }}")) == (14, False, True, False)

    assert style_of(run_with(document, "QUYẾT ĐỊNH")) == (14, True, False, False)
    subject = run_with(document, "Về việc thành lập Tổ công tác chuyển đổi số")
    assert style_of(subject)[:2] == (14, True)
    assert "V/v" not in docx_text(build_docx(DECISION))


def test_it_writes_the_body_recipients_and_signature_of_a_state_decision():
    document = open_docx(build_docx(DECISION))
    body = next(p for p in document.paragraphs if p.text.startswith("Điều 1."))
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert mm(body.paragraph_format.first_line_indent) == (10,)
    assert body.paragraph_format.space_after == Pt(6)
    assert body.runs[0].font.size == Pt(14)
    texts = [p.text for p in document.paragraphs]
    # Each typed line is a paragraph of its own, as Enter makes one in a word processor.
    assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;" in texts
    assert "Căn cứ đề nghị của Văn phòng HĐND và UBND xã." in texts
    assert not any("\n" in text for text in texts)

    signature = document.tables[1]
    assert lines(signature, 0) == ["Nơi nhận:", "- Như Điều 3;", "- UBND tỉnh (b/c);",
                                   "- Lưu: VT, VP."]
    assert style_of(run_with(document, "Nơi nhận:")) == (12, True, True, False)
    assert style_of(run_with(document, "- Như Điều 3;"))[0] == 11
    assert lines(signature, 1) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"]
    blank = [p for p in signature.rows[0].cells[1].paragraphs if not p.text]
    assert len(blank) == 4  # room for the signature and the seal
    assert style_of(run_with(document, "Nguyễn Văn An"))[:2] == (14, True)


def test_it_numbers_pages_in_the_header_from_page_two():
    section = open_docx(build_docx(DECISION)).sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_it_puts_the_subject_of_a_state_letter_under_the_number():
    document = open_docx(build_docx(LETTER))
    heading = document.tables[0]
    assert lines(heading, 0) == ["ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ",
                                 "Số: {{ so_ky_hieu }}", "V/v góp ý dự thảo quy chế làm việc"]
    assert style_of(run_with(document, "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"))[:2] == (12, False)
    assert style_of(run_with(document, "V/v góp ý dự thảo quy chế làm việc")) == (
        12, False, False, False)
    text = docx_text(build_docx(LETTER))
    assert "Kính gửi:\n- UBND các xã;\n- Các phòng chuyên môn.\nSở Nội vụ" in text
    assert lines(document.tables[1], 0)[-1] == "- Lưu: VT."
    assert lines(document.tables[1], 1) == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Thị Bình"]


def test_it_lays_out_a_party_resolution_as_hd36_requires():
    document = open_docx(build_docx(RESOLUTION))
    heading, signature = document.tables
    assert lines(heading, 0) == ["ĐẢNG BỘ TỈNH LÂM ĐỒNG", "ĐẢNG ỦY XÃ TÂN HÒA", "*",
                                 "Số {{ so_ky_hieu }}"]
    assert lines(heading, 1) == ["ĐẢNG CỘNG SẢN VIỆT NAM", "Tân Hòa, {{ ngay_thang }}"]
    assert style_of(run_with(document, "ĐẢNG CỘNG SẢN VIỆT NAM")) == (15, True, False, True)
    assert style_of(run_with(document, "ĐẢNG BỘ TỈNH LÂM ĐỒNG")) == (14, False, False, False)
    assert style_of(run_with(document, "ĐẢNG ỦY XÃ TÂN HÒA")) == (14, True, False, False)
    assert style_of(run_with(document, "{{ so_ky_hieu }}"))[0] == 14
    assert style_of(run_with(document, "NGHỊ QUYẾT")) == (16, True, False, False)
    assert style_of(run_with(document, "Nơi nhận:"))[3]  # underlined
    assert lines(signature, 0)[-1] == "- Lưu: VP Đảng ủy."
    assert lines(signature, 1) == ["T/M ĐẢNG ỦY", "PHÓ BÍ THƯ", "Lê Văn Cường"]
    assert "V/v" not in docx_text(build_docx(RESOLUTION))


def test_it_writes_the_subject_of_a_party_letter_in_italics_under_the_number():
    letter = Layout(style="party", parent_body="Đảng bộ tỉnh Lâm Đồng",
                    organization_name="Đảng ủy xã Tân Hòa", type_name="",
                    subject="triển khai Nghị quyết", body="Thực hiện...")
    document = open_docx(build_docx(letter))
    assert lines(document.tables[0], 0)[-1] == "V/v triển khai Nghị quyết"
    assert style_of(run_with(document, "V/v triển khai Nghị quyết")) == (12, False, True, False)


@pytest.mark.parametrize(("parent_body", "heading"), [
    ("Đảng bộ tỉnh Lâm Đồng", "ĐẢNG CỘNG SẢN VIỆT NAM"),
    ("", "ĐẢNG CỘNG SẢN VIỆT NAM"),
    ("Tỉnh đoàn Lâm Đồng", "ĐOÀN TNCS HỒ CHÍ MINH"),
    ("Đoàn xã Tân Hòa", "ĐOÀN TNCS HỒ CHÍ MINH"),
    ("Hội Nông dân tỉnh Lâm Đồng", "HỘI NÔNG DÂN VIỆT NAM"),
])
def test_party_like_mass_organisations_print_their_own_heading(parent_body, heading):
    layout = Layout(style="party", parent_body=parent_body,
                    organization_name="Ban Chấp hành xã Tân Hòa", type_name="Kế hoạch",
                    subject="", body="")
    assert party_heading(layout) == heading
    assert lines(open_docx(build_docx(layout)).tables[0], 1)[0] == heading


# --- Filling the placeholders -----------------------------------------------------------


def test_it_fills_the_number_and_the_date():
    filled = fill_docx(build_docx(DECISION), number="12/QĐ-UBND", date_text=DATE)
    heading = open_docx(filled).tables[0]
    assert lines(heading, 0)[1] == "Số: 12/QĐ-UBND"
    assert lines(heading, 1)[2] == f"Tân Hòa, {DATE}"
    assert "{{" not in docx_text(filled)


def test_it_fills_placeholders_in_an_uploaded_docx_even_split_across_runs():
    uploaded = docx.Document()
    uploaded.add_paragraph("Số: {{ so_ky_hieu }}")
    paragraph = uploaded.add_paragraph("Hà Nội, ")
    for piece in ("{{ ngay", "_thang }}", "."):  # Word splits runs at edits and spellcheck
        paragraph.add_run(piece).bold = piece == "_thang }}"
    uploaded.add_paragraph("Ký hiệu có ký tự lạ: A & B <C>")
    content = io.BytesIO()
    uploaded.save(content)
    filled = fill_docx(content.getvalue(), number="15-NQ/ĐU", date_text=DATE)
    assert docx_text(filled) == (
        f"Số: 15-NQ/ĐU\nHà Nội, {DATE}.\nKý hiệu có ký tự lạ: A & B <C>")


def test_it_escapes_markup_in_the_number():
    filled = fill_docx(build_docx(LETTER), number="7/A&B<1>", date_text=DATE)
    assert "Số: 7/A&B<1>" in docx_text(filled)


def test_a_docx_without_placeholders_keeps_its_text():
    uploaded = docx.Document()
    uploaded.add_paragraph("Văn bản không có chỗ điền.")
    table = uploaded.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Ô trái"
    table.rows[0].cells[1].text = "Ô phải"
    content = io.BytesIO()
    uploaded.save(content)
    filled = fill_docx(content.getvalue(), number="1", date_text=DATE)
    assert docx_text(filled) == docx_text(content.getvalue()) == (
        "Văn bản không có chỗ điền.\nÔ trái\nÔ phải")


def test_user_text_that_looks_like_a_template_survives_filling():
    layout = Layout(
        style="state", parent_body="", organization_name="UBND xã Tân Hòa",
        type_name="Thông báo", subject="Cú pháp {{ mẫu }} và {% lệnh %}",
        body="Giữ nguyên {{ so_ky_hieu }}, {%p if %}, {# chú thích #} và 100%}.\n"
        "Dòng kết thúc bằng {\n{% dòng sau %}\n\nĐoạn cuối {",
        recipients=("Ban {{ X }}",), signer_name="Người {#",
    )
    text = docx_text(fill_docx(build_docx(layout), number="3/TB-UBND", date_text=DATE))
    assert "Số: 3/TB-UBND" in text
    assert "Cú pháp { { mẫu }} và { % lệnh %}" in text
    assert "Giữ nguyên { { so_ky_hieu }}, { %p if %}, { # chú thích #} và 100%}." in text
    assert "Dòng kết thúc bằng { \n{ % dòng sau %}" in text
    assert "- Ban { { X }};" in text
    assert "Người { #" in text


def test_an_unknown_placeholder_in_an_uploaded_docx_is_refused_in_vietnamese():
    uploaded = docx.Document()
    uploaded.add_paragraph("Kính gửi {{ ten_co_quan }}, số {{ so_ky_hieu }}")
    content = io.BytesIO()
    uploaded.save(content)
    with pytest.raises(RenderingError, match="chỗ điền không hợp lệ"):
        fill_docx(content.getvalue(), number="1", date_text=DATE)


@pytest.mark.parametrize("content", [b"", b"not a word file", b"PK\x03\x04broken zip"])
def test_a_damaged_file_is_refused_in_vietnamese(content):
    for convert in (lambda: fill_docx(content, number="1", date_text=DATE),
                    lambda: docx_text(content), lambda: docx_to_pdf(content)):
        with pytest.raises(RenderingError, match=r"Không đọc được tệp \.docx") as caught:
            convert()
        assert caught.value.status == 422


def test_a_missing_libreoffice_is_reported_in_vietnamese(settings):
    settings.VANPHONG_SOFFICE = "/khong/co/soffice"
    assert soffice_path() is None
    with pytest.raises(RenderingError, match="chưa cài LibreOffice"):
        docx_to_pdf(build_docx(LETTER))


# --- PDF with LibreOffice --------------------------------------------------------------


def pdf_fonts(reader: PdfReader) -> set[str]:
    return {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }


@needs_libreoffice
def test_it_converts_a_filled_state_decision_to_pdf():
    filled = fill_docx(build_docx(DECISION), number="12/QĐ-UBND", date_text=DATE)
    reader = PdfReader(io.BytesIO(docx_to_pdf(filled)))
    first = reader.pages[0].extract_text()
    assert "Số: 12/QĐ-UBND" in first
    assert f"Tân Hòa, {DATE}" in first
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first.splitlines()  # on one line
    assert "ỦY BAN NHÂN DÂN XÃ TÂN HÒA" in first.splitlines()
    assert not first.startswith("1")  # no page number on page 1
    assert len(reader.pages) == 2
    assert reader.pages[1].extract_text().startswith("2")
    assert "Nguyễn Văn An" in reader.pages[1].extract_text()
    # Every Vietnamese letter comes from the embedded Liberation Serif, none borrowed.
    assert pdf_fonts(reader) <= {"LiberationSerif", "LiberationSerif-Bold",
                                 "LiberationSerif-Italic", "LiberationSerif-BoldItalic"}


@needs_libreoffice
def test_it_converts_a_filled_party_resolution_to_pdf():
    filled = fill_docx(build_docx(RESOLUTION), number="15-NQ/ĐU", date_text=DATE)
    reader = PdfReader(io.BytesIO(docx_to_pdf(filled)))
    text = reader.pages[0].extract_text()
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "Số 15-NQ/ĐU" in text
    assert f"Tân Hòa, {DATE}" in text
    assert "T/M ĐẢNG ỦY" in text


@needs_libreoffice
def test_a_conversion_that_takes_too_long_is_stopped():
    with pytest.raises(RenderingError, match="quá lâu"):
        docx_to_pdf(build_docx(LETTER), timeout=0.05)
