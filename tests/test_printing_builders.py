"""The shared builders every export uses (issue 18 §3.7): one Excel writer, one bordered
PDF table, one Period — read back as the person who opens the file would."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from vanphong import clock
from vanphong.errors import Invalid
from vanphong.periods import Period
from vanphong.printing import pdf, xlsx


def _read(data: bytes):
    return load_workbook(io.BytesIO(data)).active


def test_text_stays_text_and_dates_are_dates():
    data = xlsx.workbook(xlsx.Sheet(
        name="Thử", columns=xlsx.columns(["Ngày", "Nội dung", "Số"], [12, 40, 8], dates=[0]),
        rows=[[dt.date(2027, 3, 8), '=HYPERLINK("http://x","bấm")', 5],
              [dt.date(2027, 3, 9), "Có ký tự \x07 điều khiển", 6]],
        titles=[xlsx.Title("ỦY BAN NHÂN DÂN XÃ TÂN HÒA", bold=True)]))
    sheet = _read(data)
    assert sheet["A1"].value == "ỦY BAN NHÂN DÂN XÃ TÂN HÒA"
    assert sheet["A1"].alignment.horizontal == "centerContinuous"
    assert [c.value for c in sheet[3]] == ["Ngày", "Nội dung", "Số"]
    formula = sheet["B4"]
    assert formula.data_type == "s" and formula.value.startswith("=HYPERLINK")
    assert sheet["A4"].value == dt.datetime(2027, 3, 8) and sheet["A4"].number_format == \
        "DD/MM/YYYY"
    assert sheet["B5"].value == "Có ký tự  điều khiển"
    assert sheet.freeze_panes == "A4"


def test_widths_and_the_filter_reach_past_column_z():
    names = [f"Cột {i}" for i in range(1, 31)]
    data = xlsx.workbook(xlsx.Sheet(
        name="Rộng", columns=xlsx.columns(names, [10 + i for i in range(30)]),
        rows=[list(range(30))], autofilter=True, frozen_columns=2))
    sheet = _read(data)
    assert sheet.column_dimensions["Z"].width == 35
    assert sheet.column_dimensions["AD"].width == 39
    assert sheet.auto_filter.ref == "A1:AD2"
    assert sheet.freeze_panes == "C2"
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$1:$1"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage


def test_a_totals_line_is_bold():
    data = xlsx.workbook(xlsx.Sheet(
        name="Tổng", columns=xlsx.columns(["Cơ quan", "Số"], [30, 10]),
        rows=[["UBND", 3], ["Tổng cộng", 3]], bold_last=True))
    sheet = _read(data)
    assert not sheet["A2"].font.bold and sheet["A3"].font.bold


def test_the_pdf_grid_wraps_text_and_repeats_its_header():
    rows = [["STT", "Nội dung"]] + [[str(i), "Một dòng khá dài " * 8] for i in range(80)]
    grid = pdf.grid(rows, [15 * 2.83, 120 * 2.83], bold_rows=[len(rows) - 1])
    data = pdf.build_pdf([grid], title="Thử")
    pages = PdfReader(io.BytesIO(data)).pages
    assert len(pages) > 1
    assert all("Nội dung" in page.extract_text() for page in pages)  # header on every page


def test_one_period_for_every_figure():
    with clock.frozen_at(dt.datetime(2027, 3, 8, 9, tzinfo=dt.UTC)):
        year = Period.this_year()
    assert (year.start, year.end) == (dt.date(2027, 1, 1), dt.date(2027, 12, 31))
    assert year.label == "Từ ngày 01/01/2027 đến ngày 31/12/2027"
    assert Period(dt.date(2026, 12, 1), dt.date(2027, 1, 31)).years == "2026–2027"
    start, end = Period(dt.date(2027, 3, 8), dt.date(2027, 3, 8)).bounds()
    assert (end - start) == dt.timedelta(days=1) and start.utcoffset() == dt.timedelta(hours=7)
    assert Period.resolve(dt.date(2027, 5, 1), None).end == dt.date(2027, 12, 31)
    with pytest.raises(Invalid) as reversed_dates:
        Period.resolve(dt.date(2027, 5, 1), dt.date(2027, 4, 1), field="tu")
    assert reversed_dates.value.fields == {"tu": "Sau ngày kết thúc."}
    with pytest.raises(Invalid):
        Period.resolve(dt.date(1, 1, 1), None)
