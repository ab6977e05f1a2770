"""The outgoing register ("Sổ đăng ký văn bản đi", rules.md §1.8) on screen, as PDF and
as Excel, and the statistics of issued documents — through the pages, as each person."""

from __future__ import annotations

import datetime as dt
import io
import re
import zoneinfo

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.conftest import make_pdf
from vanphong import clock
from vanphong.audit.models import AuditEvent
from vanphong.files.actions import store_file
from vanphong.outgoing import actions, issuing
from vanphong.outgoing.models import OutgoingDocument
from vanphong.registers.models import DocumentType, RegisterKind, Secrecy, Urgency

LOCAL = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=LOCAL)  # a Tuesday

OUTGOING_COLUMNS = [
    "Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung", "Người ký",
    "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Số lượng bản", "Ngày chuyển", "Ký nhận",
    "Ghi chú",
]


@pytest.fixture(autouse=True)
def frozen():
    with clock.frozen_at(NOW):
        yield


def state_type(name: str) -> DocumentType:
    return DocumentType.objects.get(system="state", organization=None, name=name)


def issue(cast, subject: str, *, org: str = "UBND", type_name: str = "Quyết định",
          signed: dt.date | None = None, on: dt.date | None = None,
          **extra) -> OutgoingDocument:
    """A document signed on paper (its scan uploaded), then numbered and issued by the
    clerk on `on` (default: the signing day)."""
    signed = signed or clock.today()
    scan = store_file(actor=cast.vanthu, stream=io.BytesIO(make_pdf(subject)), name="scan.pdf")
    recipients = extra.pop("recipients", (actions.RecipientSpec(name="Sở Nội vụ tỉnh Lâm Đồng"),))
    fields = actions.DraftFields(
        document_type=extra.pop("document_type", None) or state_type(type_name),
        subject=subject, signer=extra.pop("signer", cast.chutich),
        capacity=extra.pop("capacity", "tm"),
        drafting_unit=cast.units["VHXH"] if org == "UBND" else None,
        recipients=recipients, **extra,
    )
    document = issuing.record_signed_on_paper(
        actor=cast.vanthu, organization=cast.orgs[org], fields=fields, upload=scan,
        signed_on=signed,
    )
    return issuing.issue_outgoing(actor=cast.vanthu, document=document, on=on or signed)


def url(register, kind: str = "detail", query: str = "") -> str:
    path = {"detail": "", "pdf": "in-so.pdf", "xlsx": "xuat-excel.xlsx"}[kind]
    return f"/so-dang-ky/{register.pk}/{path}" + (f"?{query}" if query else "")


def pdf_text(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


def xlsx_rows(data: bytes) -> tuple[int, list[list[object]]]:
    """(header row number, every row's values)."""
    sheet = load_workbook(io.BytesIO(data)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(i for i, row in enumerate(rows, start=1) if row[0] == "Số, ký hiệu văn bản")
    return header, rows


def table_rows(html: str) -> list[str]:
    body = html[html.index("<tbody>"):html.index("</tbody>")]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in rows]


# --- The register -------------------------------------------------------------------------


def test_outgoing_register_lists_documents_reserved_and_released_numbers_in_order(
    cast, client_for
):
    outgoing = cast.register("UBND", RegisterKind.OUTGOING)
    first = issue(cast, "Ban hành kế hoạch phòng chống thiên tai năm 2026")
    issuing.reserve_number(actor=cast.vanthu, register=outgoing,
                           reason="Quyết định khen thưởng chờ ký")
    released = issuing.reserve_number(actor=cast.vanthu, register=outgoing,
                                      reason="Giấy mời họp giao ban")
    issuing.release_reservation(actor=cast.vanthu, reservation=released, reason="Hoãn họp")
    issue(cast, "Tổ chức ngày hội đại đoàn kết", type_name="Công văn", copies=5)

    html = client_for(cast.chanhvanphong).get(url(outgoing)).content.decode()

    for heading in OUTGOING_COLUMNS:
        assert f">{heading}</th>" in html
    rows = table_rows(html)
    assert len(rows) == 4, rows
    assert rows[0].startswith("01/QĐ-UBND 10/03/2026 Quyết định: Ban hành kế hoạch phòng")
    assert rows[0].endswith("Lê Văn Nam Sở Nội vụ tỉnh Lâm Đồng VT, VHXH 1")
    assert rows[1] == "02 10/03/2026 Số đã giữ: Quyết định khen thưởng chờ ký"
    assert rows[2] == "03 10/03/2026 Số đã hủy: Hoãn họp Giữ số: Giấy mời họp giao ban"
    assert rows[3].startswith("04/UBND-VHXH 10/03/2026 V/v Tổ chức ngày hội đại đoàn kết")
    assert rows[3].endswith("VT, VHXH 5")
    assert "Từ ngày 01/03/2026 đến ngày 31/03/2026: 4 dòng" in html  # this month
    assert "In sổ (PDF)" in html and "Xuất Excel" in html
    assert f'<a href="/van-ban-di/{first.pk}/">01/QĐ-UBND</a>' in html


def test_recalled_replaced_and_late_documents_are_noted(cast, client_for):
    first = issue(cast, "Thành lập tổ công tác cải cách hành chính")
    recalled = issue(cast, "Phân bổ kinh phí sự nghiệp văn hóa")
    late = issue(cast, "Kiện toàn ban chỉ đạo", signed=dt.date(2026, 3, 2), on=NOW.date())
    issuing.recall_outgoing(actor=cast.chutich, document=recalled,
                            reason="Sai đối tượng áp dụng")
    replacement = _replace(cast, first)

    html = client_for(cast.vanthu).get(url(cast.register("UBND", RegisterKind.OUTGOING))).content
    rows = table_rows(html.decode())

    assert [row.split()[0] for row in rows] == ["01/QĐ-UBND", "02/QĐ-UBND", "03/QĐ-UBND",
                                                "04/QĐ-UBND"]
    assert rows[0].endswith("Đã bị thay thế: Thay thế bởi 04/QĐ-UBND")
    assert rows[1].endswith("Đã thu hồi: Sai đối tượng áp dụng")
    assert rows[2].endswith("Phát hành muộn") and late.issued_late
    assert rows[3].endswith("Thay thế văn bản số 01/QĐ-UBND")
    assert replacement.code == "04/QĐ-UBND"


def _replace(cast, earlier: OutgoingDocument) -> OutgoingDocument:
    """A replacement goes through the whole flow: draft, unit head, office check, signer."""
    fields = actions.DraftFields(
        document_type=earlier.document_type, subject=f"{earlier.subject} (thay thế)",
        body="Thay thế Quyết định đã ban hành do sai sót về thành phần.",
        signer=cast.chutich, capacity="tm", drafting_unit=cast.units["VHXH"],
        recipients=(actions.RecipientSpec(name="Sở Nội vụ tỉnh Lâm Đồng"),),
    )
    draft = issuing.start_follow_up(actor=cast.chuyenvien, document=earlier, fields=fields,
                                    kind="replace")
    actions.submit_outgoing(actor=cast.chuyenvien, document=draft)
    actions.approve_outgoing(actor=cast.truongphong, document=draft)
    actions.approve_outgoing(actor=cast.vanthu, document=draft)
    actions.sign_outgoing(actor=cast.chutich, document=draft)
    return issuing.issue_outgoing(actor=cast.vanthu, document=draft)


def test_numbers_skipped_by_a_manual_number_are_listed_as_reserved(cast, client_for):
    scan = store_file(actor=cast.vanthu, stream=io.BytesIO(make_pdf("so tay")), name="tay.pdf")
    document = issuing.record_signed_on_paper(
        actor=cast.vanthu, organization=cast.orgs["UBND"], upload=scan, signed_on=NOW.date(),
        fields=actions.DraftFields(
            document_type=state_type("Quyết định"), subject="Ký ngoài hệ thống, số ghi tay",
            signer=cast.chutich, capacity="tm", drafting_unit=cast.units["VHXH"],
            recipients=(actions.RecipientSpec(name="Sở Nội vụ tỉnh Lâm Đồng"),)),
    )
    issuing.issue_outgoing(actor=cast.vanthu, document=document,
                           choice=issuing.NumberChoice(manual=3))

    rows = table_rows(client_for(cast.vanthu).get(
        url(cast.register("UBND", RegisterKind.OUTGOING))).content.decode())

    assert rows[:2] == ["01 10/03/2026 Số đã giữ: Số bị bỏ qua khi vào số tay 03",
                        "02 10/03/2026 Số đã giữ: Số bị bỏ qua khi vào số tay 03"]
    assert rows[2].startswith("03/QĐ-UBND 10/03/2026 Quyết định: Ký ngoài hệ thống")


def test_it_filters_the_outgoing_register_by_issue_date(cast, client_for):
    issue(cast, "Văn bản tháng Hai", signed=dt.date(2026, 2, 10))
    issue(cast, "Văn bản tháng Ba")
    outgoing = cast.register("UBND", RegisterKind.OUTGOING)

    html = client_for(cast.vanthu).get(
        url(outgoing, query="tu_ngay=01/02/2026&den_ngay=28/02/2026")).content.decode()

    assert "Văn bản tháng Hai" in html and "Văn bản tháng Ba" not in html


def test_the_handover_day_is_the_day_it_was_sent(cast, client_for,
                                                  django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = issue(cast, "Triển khai bầu cử đại biểu HĐND", recipients=(
            actions.RecipientSpec(organization=cast.orgs["MTTQ"]),))
    document.refresh_from_db()
    assert document.final_state == "done"

    rows = table_rows(client_for(cast.vanthu).get(
        url(cast.register("UBND", RegisterKind.OUTGOING))).content.decode())

    assert f" {cast.orgs['MTTQ'].name} VT, VHXH " in rows[0]
    assert rows[0].count("10/03/2026") == 2  # issued, and handed over the same day


# --- Who sees what --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["detail", "pdf", "xlsx"])
@pytest.mark.parametrize(("username", "allowed"), [
    ("vanthu", True), ("chanhvanphong", True), ("chutich", True), ("phochutich", True),
    ("bithu", False), ("chutichmttq", False), ("truongphong", False), ("chuyenvien", False),
    ("ketoan", False),
])
def test_outgoing_register_is_open_to_the_same_people_as_the_incoming_one(
    cast, client_for, username, allowed, kind
):
    issue(cast, "Về việc chuẩn bị bầu cử")
    response = client_for(cast.users[username]).get(
        url(cast.register("UBND", RegisterKind.OUTGOING), kind))
    assert response.status_code == (200 if allowed else 404)


def test_secret_documents_and_reservations_show_only_to_those_allowed(cast, client_for):
    secret_register = cast.register("UBND", RegisterKind.SECRET_OUTGOING)
    document = issue(cast, "Phương án bảo vệ bí mật nhà nước", secrecy=Secrecy.SECRET,
                     signer=cast.phochutich, capacity="tm")
    assert document.register_id == secret_register.pk
    issuing.reserve_number(actor=cast.vanthu, register=secret_register, secret=True,
                           reason="Kế hoạch mật chờ ký")

    def sees(user) -> list[bool]:
        client = client_for(user)
        texts = [client.get(url(secret_register)).content.decode(),
                 pdf_text(client.get(url(secret_register, "pdf")).content),
                 str(xlsx_rows(client.get(url(secret_register, "xlsx")).content)[1])]
        return ["Phương án bảo vệ bí mật" in t and "Kế hoạch mật chờ ký" in t for t in texts]

    assert sees(cast.vanthu) == [True, True, True]
    assert sees(cast.chutich) == [False, False, False]  # head, but not on this document
    page = client_for(cast.phochutich).get(url(secret_register)).content.decode()
    assert "Phương án bảo vệ bí mật" in page  # the signer
    assert "Kế hoạch mật chờ ký" not in page  # secret reservations: the clerks only


# --- Downloads ----------------------------------------------------------------------------


def test_it_prints_the_outgoing_register_as_pdf_and_audits_it(cast, client_for):
    outgoing = cast.register("UBND", RegisterKind.OUTGOING)
    issue(cast, "Ban hành quy chế làm việc", urgency=Urgency.URGENT)
    issuing.reserve_number(actor=cast.vanthu, register=outgoing, reason="Chờ ký")

    response = client_for(cast.phochutich).get(url(outgoing, "pdf"))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="so-di-ubnd-20260101-20261231.pdf"')
    text = pdf_text(response.content)
    for expected in ("SỔ ĐĂNG KÝ VĂN BẢN ĐI", "Từ số 1 đến số 2", "01/QĐ-UBND",
                     "Ban hành quy chế làm việc", "KHẨN", "Số đã giữ: Chờ ký", *OUTGOING_COLUMNS):
        assert expected in text, expected
    event = AuditEvent.objects.get(action="register.export")
    assert event.actor == cast.phochutich and event.object_id == str(outgoing.pk)
    assert event.data == {"format": "pdf", "date_from": "2026-01-01", "date_to": "2026-12-31",
                          "rows": 2}


def test_it_exports_the_outgoing_register_to_excel(cast, client_for):
    outgoing = cast.register("UBND", RegisterKind.OUTGOING)
    issue(cast, "Giao chỉ tiêu thu ngân sách", copies=3)
    released = issuing.reserve_number(actor=cast.vanthu, register=outgoing, reason="Dự phòng")
    issuing.release_reservation(actor=cast.vanthu, reservation=released, reason="Không dùng")

    response = client_for(cast.vanthu).get(url(outgoing, "xlsx"))

    assert response.status_code == 200
    header, rows = xlsx_rows(response.content)
    assert rows[header - 1] == OUTGOING_COLUMNS
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in [row[0] for row in rows[:header]]
    first, second = rows[header], rows[header + 1]
    assert first == ["01/QĐ-UBND", dt.datetime(2026, 3, 10),
                     "Quyết định: Giao chỉ tiêu thu ngân sách", "Lê Văn Nam",
                     "Sở Nội vụ tỉnh Lâm Đồng", "VT, VHXH", 3, None, None, None]
    assert second[:3] == ["02", dt.datetime(2026, 3, 10), "Số đã hủy: Không dùng"]
    assert second[9] == "Giữ số: Dự phòng"
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Sổ đăng ký văn bản đi"
    assert sheet.cell(row=header + 1, column=2).number_format == "DD/MM/YYYY"


def test_the_copies_register_is_still_not_printable(cast, client_for):
    copies = cast.register("UBND", RegisterKind.COPIES)
    client = client_for(cast.vanthu)
    assert "sổ bản sao chưa có trên hệ thống" in client.get(url(copies)).content.decode()
    assert client.get(url(copies, "pdf")).status_code == 400


def test_the_register_list_counts_documents_issued_this_year(cast, client_for):
    issue(cast, "Văn bản năm nay")
    issue(cast, "Văn bản năm nay, thứ hai")
    html = client_for(cast.vanthu).get("/so-dang-ky/").content.decode()
    outgoing = cast.register("UBND", RegisterKind.OUTGOING)
    row = re.search(rf'<tr data-register="{outgoing.pk}">(.*?)</tr>', html, re.S)
    assert row is not None
    cells = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row.group(1))).strip()
    assert cells.endswith(" 2 2 3"), cells


# --- Statistics ---------------------------------------------------------------------------


def stats_rows(html: str) -> dict[str, list[str]]:
    rows = re.findall(r'<tr[^>]*data-org="([^"]+)"[^>]*>(.*?)</tr>', html, re.S)
    return {org: re.findall(r'<td class="text-end">(\d+)</td>', cells) for org, cells in rows}


def test_statistics_count_issued_late_and_by_type_per_organization_and_office(
    cast, client_for
):
    issue(cast, "Quyết định một")
    issue(cast, "Quyết định hai, muộn", signed=dt.date(2026, 3, 2), on=NOW.date())
    issue(cast, "Công văn một", type_name="Công văn")
    issue(cast, "Công văn MTTQ", org="MTTQ", type_name="Công văn", signer=cast.chutichmttq)
    issue(cast, "Năm ngoái", signed=dt.date(2025, 12, 30))

    html = client_for(cast.vanthu).get("/so-dang-ky/thong-ke-van-ban-di/").content.decode()

    headings = re.findall(r'<th scope="col" class="text-end">([^<]+)</th>', html)
    assert headings == ["Đã phát hành", "Phát hành muộn", "Công văn", "Quyết định"]
    rows = stats_rows(html)
    assert rows["UBND"] == ["3", "1", "1", "2"]
    assert rows["MTTQ"] == ["1", "0", "1", "0"]
    assert rows["HND"] == ["0", "0", "0", "0"]
    organizations = [counts for org, counts in rows.items() if org != "total"]
    assert len(organizations) == 8
    assert rows["total"] == [str(sum(int(c[i]) for c in organizations)) for i in range(4)]
    assert rows["total"] == ["4", "1", "2", "2"]


def test_statistics_follow_the_dates_and_the_viewer(cast, client_for):
    issue(cast, "Quyết định tháng Hai", signed=dt.date(2026, 2, 10))
    issue(cast, "Quyết định tháng Ba")
    issue(cast, "Công văn MTTQ", org="MTTQ", type_name="Công văn", signer=cast.chutichmttq)

    february = stats_rows(client_for(cast.vanthu).get(
        "/so-dang-ky/thong-ke-van-ban-di/?tu_ngay=2026-02-01&den_ngay=2026-02-28"
    ).content.decode())
    leader = stats_rows(client_for(cast.chutich).get(
        "/so-dang-ky/thong-ke-van-ban-di/").content.decode())

    assert february["UBND"] == ["1", "0", "1"] and february["total"] == ["1", "0", "1"]
    assert set(leader) == {"ĐU", "UBND", "total"}  # only the organizations he leads
    assert leader["UBND"][:2] == ["2", "0"] and leader["total"][:2] == ["2", "0"]


def test_statistics_explain_bad_dates_and_people_without_registers(cast, client_for):
    bad = client_for(cast.vanthu).get("/so-dang-ky/thong-ke-van-ban-di/?tu_ngay=31/02/2026")
    assert bad.status_code == 400
    assert "không phải ngày hợp lệ" in bad.content.decode()
    none = client_for(cast.ketoan).get("/so-dang-ky/thong-ke-van-ban-di/").content.decode()
    assert "Bạn chưa được xem sổ đăng ký nào" in none
