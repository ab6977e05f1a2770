"""Printouts: Vietnamese dates, the register PDF and the processing slip, read back
with pypdf as a person would read the paper."""

from __future__ import annotations

import datetime as dt
import io
import re
import zoneinfo

import pytest
from pypdf import PdfReader

from vanphong import clock
from vanphong.incoming import actions
from vanphong.incoming.printouts import processing_slip_pdf
from vanphong.printing.dates import long_date, place_and_date, short_date, short_datetime
from vanphong.registers.exports import register_pdf
from vanphong.registers.models import DocumentType, Secrecy, TypeSystem, Urgency

LOCAL = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=LOCAL)


@pytest.fixture
def frozen():
    with clock.frozen_at(NOW):
        yield


# --- Dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [
    (dt.date(2026, 1, 5), "ngày 05 tháng 01 năm 2026"),
    (dt.date(2026, 2, 28), "ngày 28 tháng 02 năm 2026"),
    (dt.date(2026, 3, 9), "ngày 09 tháng 3 năm 2026"),
    (dt.date(2026, 9, 10), "ngày 10 tháng 9 năm 2026"),
    (dt.date(2026, 10, 1), "ngày 01 tháng 10 năm 2026"),
    (dt.date(2026, 12, 31), "ngày 31 tháng 12 năm 2026"),
    # 18:30 UTC on 4 January is already 5 January in Việt Nam.
    (dt.datetime(2026, 1, 4, 18, 30, tzinfo=dt.UTC), "ngày 05 tháng 01 năm 2026"),
    (None, ""),
])
def test_it_writes_long_dates_as_nd30_requires(value, expected):
    assert long_date(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (dt.date(2026, 1, 5), "05/01/2026"),
    (dt.date(2026, 3, 9), "09/03/2026"),
    (dt.date(2026, 11, 20), "20/11/2026"),
    (dt.datetime(2026, 12, 31, 17, 0, tzinfo=dt.UTC), "01/01/2027"),
    (None, ""),
])
def test_it_writes_short_dates_with_two_digit_day_and_month(value, expected):
    assert short_date(value) == expected


def test_it_writes_place_and_time_in_local_time():
    moment = dt.datetime(2026, 2, 1, 2, 15, tzinfo=dt.UTC)
    assert place_and_date("Tân Hòa", moment) == "Tân Hòa, ngày 01 tháng 02 năm 2026"
    assert place_and_date("", dt.date(2026, 5, 1)) == "Ngày 01 tháng 5 năm 2026"
    assert short_datetime(moment) == "09:15 01/02/2026"


# --- Helpers ---------------------------------------------------------------------------


def pdf_pages(data: bytes) -> list[str]:
    """Text of each page, whitespace collapsed, so wrapped lines still match."""
    reader = PdfReader(io.BytesIO(data))
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in reader.pages]


def register(cast, subject: str, *, code: str = "", at: dt.datetime | None = None,
             **extra) -> actions.IncomingDocument:
    fields = actions.IncomingFields(
        issuer=extra.pop("issuer", "Ủy ban nhân dân tỉnh Lâm Đồng"), code=code,
        issued_date=extra.pop("issued_date", dt.date(2026, 1, 20)), subject=subject, **extra,
    )
    [document] = actions.register_incoming(
        actor=cast.vanthu, organizations=[cast.orgs["UBND"]], fields=fields,
        has_paper_original=True, arrival_at=at or NOW,
    )
    return document


# --- Register PDF ----------------------------------------------------------------------


def test_it_prints_the_register_cover_and_rows(cast, frozen):
    decision = DocumentType.objects.get(system=TypeSystem.STATE, name="Quyết định")
    first = register(cast, "Về việc phê duyệt kế hoạch chuyển đổi số năm 2026",
                     code="12/QĐ-UBND", document_type=decision, urgency=Urgency.FLASH,
                     note="Gửi kèm bản giấy")
    register(cast, "Về việc tổ chức Tết Trồng cây", code="45/UBND-VX")
    actions.route_incoming(actor=cast.vanthu, document=first, leaders=[cast.chutich])
    actions.instruct_incoming(actor=cast.chutich, document=first,
                              handlers=actions.Handlers(lead_unit=cast.units["VHXH"]))

    pages = pdf_pages(register_pdf(cast.register("UBND"), user=cast.vanthu,
                                   date_from=None, date_to=None))

    cover, table = pages[0], " ".join(pages[1:])
    for text in ("ỦY BAN NHÂN DÂN XÃ TÂN HÒA", "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN", "Năm: 2026",
                 "Từ ngày 01/01/2026 đến ngày 31/12/2026", "Từ số 1 đến số 2", "Quyển số"):
        assert text in cover
    for heading in ("Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu văn bản",
                    "Ngày tháng văn bản", "Tên loại và trích yếu nội dung",
                    "Đơn vị hoặc người nhận", "Ngày chuyển", "Ký nhận", "Ghi chú"):
        assert heading in table
    for text in ("12/QĐ-UBND", "45/UBND-VX", "Quyết định:", "Tết Trồng cây", "Lê Văn Nam",
                 "Chủ trì: Phòng Văn hóa – Xã hội", "HỎA TỐC", "Gửi kèm bản giấy",
                 "10/03/2026", "20/01/2026"):
        assert text in table, text


def test_it_numbers_pages_from_two_and_repeats_the_header(cast, frozen):
    for number in range(45):
        register(cast, f"Báo cáo tình hình thôn số {number + 1} về công tác dân vận "
                       "và phong trào thi đua yêu nước trong quý I năm 2026")

    pages = pdf_pages(register_pdf(cast.register("UBND"), user=cast.vanthu,
                                   date_from=None, date_to=None))

    assert len(pages) >= 3
    assert not pages[0].startswith("1 ")
    for number, text in enumerate(pages[1:], start=2):
        assert text.startswith(f"{number} "), text[:40]
        assert "Tên loại và trích yếu nội dung" in text
    assert "Từ số 1 đến số 45" in pages[0]
    assert "thôn số 45 " in pages[-1]


def test_it_prints_an_empty_register_with_a_message(cast, frozen):
    pages = pdf_pages(register_pdf(cast.register("HND"), user=cast.vanthu,
                                   date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 1, 31)))
    assert "HỘI NÔNG DÂN XÃ TÂN HÒA" in pages[0]
    assert "Từ số …… đến số ……" in pages[0]
    assert "Không có văn bản nào trong khoảng thời gian này." in pages[1]


def test_it_prints_only_documents_of_the_chosen_days(cast, frozen):
    register(cast, "Văn bản tháng Một", at=dt.datetime(2026, 1, 31, 23, 30, tzinfo=LOCAL))
    register(cast, "Văn bản tháng Hai", at=dt.datetime(2026, 2, 1, 0, 30, tzinfo=LOCAL))

    pages = pdf_pages(register_pdf(cast.register("UBND"), user=cast.vanthu,
                                   date_from=dt.date(2026, 2, 1), date_to=dt.date(2026, 2, 28)))

    table = " ".join(pages[1:])
    assert "Văn bản tháng Hai" in table and "Văn bản tháng Một" not in table
    assert "Từ số 2 đến số 2" in pages[0]


def test_it_keeps_user_text_as_text_in_the_pdf(cast, frozen):
    register(cast, "Về <b>chương trình</b> & kế hoạch <br/> năm 2026")
    table = " ".join(pdf_pages(register_pdf(cast.register("UBND"), user=cast.vanthu,
                                            date_from=None, date_to=None))[1:])
    assert "Về <b>chương trình</b> & kế hoạch <br/> năm 2026" in table


# --- Processing slip -------------------------------------------------------------------


def test_it_prints_a_blank_slip_for_a_new_document(cast, frozen):
    document = register(cast, "Về việc kiểm tra an toàn thực phẩm", code="88/SYT-ATTP",
                        issuer="Sở Y tế tỉnh Lâm Đồng", urgency=Urgency.URGENT,
                        reply_due=dt.date(2026, 3, 20))
    text = " ".join(pdf_pages(processing_slip_pdf(document)))
    for expected in ("ỦY BAN NHÂN DÂN XÃ TÂN HÒA", "PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN",
                     "Số đến: 1", "Ngày đến: 09:00 10/03/2026", "Số, ký hiệu: 88/SYT-ATTP",
                     "Ngày văn bản: 20/01/2026", "Cơ quan ban hành: Sở Y tế tỉnh Lâm Đồng",
                     "Trích yếu: Về việc kiểm tra an toàn thực phẩm", "Độ khẩn: Khẩn", "KHẨN",
                     "Hạn trả lời: 20/03/2026", "1. Ý kiến của lãnh đạo cơ quan, tổ chức",
                     "2. Ý kiến của lãnh đạo đơn vị", "3. Ý kiến đề xuất, kết quả của người "
                     "giải quyết", "(Ký, ghi rõ họ tên)", "Ngày …… tháng …… năm"):
        assert expected in text, expected


def test_it_prints_the_instruction_reassignment_and_result_on_the_slip(cast, frozen):
    document = register(cast, "Về việc tổ chức ngày hội văn hóa các dân tộc",
                        code="30/SVHTTDL-VH", secrecy=Secrecy.NONE)
    actions.route_incoming(actor=cast.vanthu, document=document, leaders=[cast.chutich])
    actions.instruct_incoming(
        actor=cast.chutich, document=document, deadline=dt.date(2026, 3, 25),
        handlers=actions.Handlers(lead_unit=cast.units["VHXH"], support_people=[cast.chuyenvien2],
                                  for_info=[cast.phochutich]),
        text="Giao Phòng Văn hóa – Xã hội tham mưu kế hoạch tổ chức",
    )
    lead = document.assignments.get(kind="lead")
    actions.reassign_incoming(actor=cast.truongphong, document=document, assignment=lead,
                              person=cast.chuyenvien, note="Đồng chí Bình dự thảo kế hoạch")
    actions.record_progress(actor=cast.chuyenvien, document=document,
                            note="Đề xuất tổ chức vào ngày 19/4")
    actions.complete_incoming(actor=cast.chuyenvien, document=document,
                              result="Đã trình kế hoạch tổ chức", reply_code="55/KH-UBND")

    text = " ".join(pdf_pages(processing_slip_pdf(document)))

    for expected in ("Trình: Lê Văn Nam", "Giao Phòng Văn hóa – Xã hội tham mưu kế hoạch",
                     "Chủ trì: Phòng Văn hóa – Xã hội", "Phối hợp: Lê Thị Ngọc",
                     "Để biết: Đỗ Thị Lan", "Hạn xử lý: 25/03/2026",
                     "CHỦ TỊCH UBND XÃ",
                     "Tân Hòa, ngày 10 tháng 3 năm 2026", "Giao: Trần Văn Bình",
                     "Đồng chí Bình dự thảo kế hoạch", "Ngô Thị Bích",
                     "TRƯỞNG PHÒNG VĂN HÓA – XÃ HỘI", "Đề xuất, tiến độ: Đề xuất tổ chức vào",
                     "(Trần Văn Bình, Chuyên viên Phòng Văn hóa – Xã hội — 09:00 10/03/2026)",
                     "Kết quả: Đã trình kế hoạch tổ chức", "Văn bản trả lời: 55/KH-UBND",
                     "CHUYÊN VIÊN PHÒNG VĂN HÓA – XÃ HỘI", "Trần Văn Bình"):
        assert expected in text, expected
    assert "(Ký, ghi rõ họ tên)" not in text
