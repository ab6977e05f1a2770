"""Register pages, PDF and Excel downloads, through the test client as each person."""

from __future__ import annotations

import datetime as dt
import io
import re
import zoneinfo

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from vanphong import clock
from vanphong.audit.models import AuditEvent
from vanphong.incoming import actions
from vanphong.registers.models import RegisterKind, Secrecy, Urgency

LOCAL = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=LOCAL)


@pytest.fixture(autouse=True)
def frozen(request):
    """Tests run on 10/03/2026, except browser tests: the live server runs in another
    thread, which does not see a frozen clock."""
    if request.node.get_closest_marker("browser"):
        yield
        return
    with clock.frozen_at(NOW):
        yield


def register(cast, subject: str, *, org: str = "UBND", at: dt.datetime | None = None,
             **extra) -> actions.IncomingDocument:
    fields = actions.IncomingFields(
        issuer=extra.pop("issuer", "Ủy ban nhân dân tỉnh Lâm Đồng"),
        code=extra.pop("code", ""), issued_date=extra.pop("issued_date", dt.date(2026, 1, 15)),
        subject=subject, **extra,
    )
    [document] = actions.register_incoming(
        actor=cast.vanthu, organizations=[cast.orgs[org]], fields=fields,
        has_paper_original=True, arrival_at=at or clock.now(),
    )
    return document


def url(register, kind: str = "detail", query: str = "") -> str:
    path = {"detail": "", "pdf": "in-so.pdf", "xlsx": "xuat-excel.xlsx"}[kind]
    return f"/so-dang-ky/{register.pk}/{path}" + (f"?{query}" if query else "")


def pdf_text(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


def xlsx_text(data: bytes) -> str:
    sheet = load_workbook(io.BytesIO(data)).active
    return " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)


def page_text(response) -> str:
    return response.content.decode()


# --- Who may see which register ---------------------------------------------------------

MATRIX = [
    ("vanthu", True), ("vanthu2", True), ("chanhvanphong", True), ("chutich", True),
    ("phochutich", True), ("bithu", False), ("phobithu", False), ("chutichmttq", False),
    ("truongphong", False), ("chuyenvien", False), ("ketoan", False), ("thuquy", False),
    ("luutru", False), ("admin", False),
]


@pytest.mark.parametrize("kind", ["detail", "pdf", "xlsx"])
@pytest.mark.parametrize(("username", "allowed"), MATRIX)
def test_it_lets_only_office_staff_and_ubnd_leaders_open_ubnd_register(
    cast, client_for, username, allowed, kind
):
    register(cast, "Về việc chuẩn bị bầu cử")
    response = client_for(cast.users[username]).get(url(cast.register("UBND"), kind))
    assert response.status_code == (200 if allowed else 404)


def test_bithu_sees_the_registers_of_the_organizations_he_heads(cast, client_for):
    client = client_for(cast.bithu)
    assert client.get(url(cast.register("ĐU"))).status_code == 200
    assert client.get(url(cast.register("HĐND"))).status_code == 200
    assert client.get(url(cast.register("UBND"))).status_code == 404


def test_it_answers_not_found_for_a_register_that_does_not_exist(cast, client_for):
    client = client_for(cast.vanthu)
    assert client.get("/so-dang-ky/999999/").status_code == 404
    assert client.get("/so-dang-ky/99999999999999999999999/in-so.pdf").status_code == 404


def test_it_sends_anonymous_visitors_to_the_login_page(cast, client):
    response = client.get(url(cast.register("UBND"), "xlsx"))
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


# --- The list ---------------------------------------------------------------------------


def row_of(html: str, register) -> str:
    match = re.search(rf'<tr data-register="{register.pk}">(.*?)</tr>', html, re.S)
    assert match, f"no row for {register}"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1)))


def test_it_lists_every_register_of_the_office_for_the_clerk(cast, client_for):
    html = page_text(client_for(cast.vanthu).get("/so-dang-ky/"))
    for short in ("ĐU", "HĐND", "UBND", "MTTQ", "HND", "HPN", "ĐTN", "HCCB"):
        assert f'data-testid="org-{short}"' in html
    assert html.index('data-testid="org-ĐU"') < html.index('data-testid="org-UBND"')


def test_it_lists_only_their_own_registers_for_a_leader(cast, client_for):
    html = page_text(client_for(cast.chutich).get("/so-dang-ky/"))
    assert 'data-testid="org-UBND"' in html and 'data-testid="org-ĐU"' in html
    assert 'data-testid="org-MTTQ"' not in html and 'data-testid="org-HĐND"' not in html


def test_it_tells_people_without_registers_so(cast, client_for):
    html = page_text(client_for(cast.ketoan).get("/so-dang-ky/"))
    assert "Bạn chưa được xem sổ đăng ký nào" in html
    assert "data-register=" not in html


def test_it_shows_counts_last_and_next_numbers_and_policy(cast, client_for):
    register(cast, "Văn bản thứ nhất")
    register(cast, "Văn bản thứ hai")
    register(cast, "Văn bản năm trước", at=dt.datetime(2025, 12, 30, 9, 0, tzinfo=LOCAL),
             issued_date=dt.date(2025, 12, 29))

    html = page_text(client_for(cast.vanthu).get("/so-dang-ky/"))

    row = row_of(html, cast.register("UBND"))
    assert "Số bắt đầu lại từ 01 theo năm dương lịch" in row
    assert "mọi loại văn bản chung một dãy số" in row
    assert re.search(r"Sổ đăng ký văn bản đến .* 2 2 3 $", row), row
    party_outgoing = row_of(html, cast.register("ĐU", RegisterKind.OUTGOING))
    assert "theo nhiệm kỳ cấp ủy" in party_outgoing
    assert "mỗi loại văn bản một dãy số" in party_outgoing
    assert "Chưa cấp số Theo từng loại văn bản" in party_outgoing


def test_it_counts_only_secret_documents_the_viewer_is_named_on(cast, client_for):
    register(cast, "Văn bản mật", secrecy=Secrecy.SECRET)
    secret_register = cast.register("UBND", RegisterKind.SECRET_INCOMING)
    assert " 1 1 2 " in row_of(page_text(client_for(cast.vanthu).get("/so-dang-ky/")),
                               secret_register)
    assert " 0 1 2 " in row_of(page_text(client_for(cast.vanthu2).get("/so-dang-ky/")),
                               secret_register)


# --- One register -----------------------------------------------------------------------


def test_it_shows_the_ten_columns_with_links_to_each_document(cast, client_for):
    document = register(cast, "Về việc phòng chống thiên tai", code="77/UBND-NN",
                        urgency=Urgency.VERY_URGENT, note="Bản chụp")
    actions.route_incoming(actor=cast.vanthu, document=document, leaders=[cast.chutich])

    html = page_text(client_for(cast.chanhvanphong).get(url(cast.register("UBND"))))

    for heading in ("Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu văn bản", "Ngày tháng văn bản",
                    "Tên loại và trích yếu nội dung", "Đơn vị hoặc người nhận", "Ngày chuyển",
                    "Ký nhận", "Ghi chú"):
        assert f">{heading}</th>" in html
    assert f'href="/van-ban-den/{document.pk}/"' in html
    for text in ("10/03/2026", "77/UBND-NN", "Về việc phòng chống thiên tai", "Lê Văn Nam",
                 "THƯỢNG KHẨN; Bản chụp", "15/01/2026", "In sổ (PDF)", "Xuất Excel",
                 "Từ ngày 01/03/2026 đến ngày 31/03/2026: 1 văn bản."):
        assert text in html, text


def test_it_filters_rows_by_arrival_dates(cast, client_for):
    register(cast, "Văn bản tháng Một", at=dt.datetime(2026, 1, 20, 9, 0, tzinfo=LOCAL))
    register(cast, "Văn bản tháng Hai", at=dt.datetime(2026, 2, 20, 9, 0, tzinfo=LOCAL))
    client = client_for(cast.vanthu)

    query = "tu_ngay=01/02/2026&den_ngay=28/02/2026"  # typed by hand, not from a picker
    html = page_text(client.get(url(cast.register("UBND"), query=query)))

    assert "Văn bản tháng Hai" in html and "Văn bản tháng Một" not in html
    assert "tu_ngay=2026-02-01&amp;den_ngay=2026-02-28" in html  # download links keep the range


def test_it_pages_long_registers(cast, client_for):
    for number in range(1, 53):
        register(cast, f"Văn bản thứ {number:02d} của quý")
    client = client_for(cast.vanthu)

    first = page_text(client.get(url(cast.register("UBND"), query="trang=1")))
    second = page_text(client.get(url(cast.register("UBND"), query="trang=2")))

    assert "Văn bản thứ 50 của quý" in first and "Văn bản thứ 51 của quý" not in first
    assert "Văn bản thứ 51 của quý" in second and "Trang 2/2" in second


def test_it_opens_on_this_month_where_todays_entries_are(cast, client_for):
    register(cast, "Văn bản đến hồi tháng Một", at=dt.datetime(2026, 1, 20, 9, 0, tzinfo=LOCAL))
    for number in range(1, 53):
        register(cast, f"Văn bản đầu tháng Ba {number:02d}",
                 at=dt.datetime(2026, 3, 2, 8, 0, tzinfo=LOCAL))
    register(cast, "Văn bản đến sáng nay")
    client = client_for(cast.vanthu)

    opened = page_text(client.get(url(cast.register("UBND"))))

    assert "Từ ngày 01/03/2026 đến ngày 31/03/2026: 53 văn bản." in opened
    assert "Văn bản đến sáng nay" in opened and "Trang 2/2" in opened
    assert "hồi tháng Một" not in opened
    assert 'value="01/03/2026"' in opened and 'value="31/03/2026"' in opened
    # A range typed by hand starts at its beginning, and the year is still one query away.
    year = page_text(client.get(url(cast.register("UBND"), query="tu_ngay=01/01/2026")))
    assert "hồi tháng Một" in year and "Trang 1/2" in year


@pytest.mark.parametrize(("query", "message"), [
    ("tu_ngay=abc", "Từ ngày “abc” không phải ngày hợp lệ"),
    ("den_ngay=2026-02-30", "Đến ngày “2026-02-30” không phải ngày hợp lệ"),
    ("tu_ngay=31/13/2026", "không phải ngày hợp lệ"),
    ("tu_ngay=2026-03-01&den_ngay=2026-02-01", "“Từ ngày” phải trước hoặc bằng “đến ngày”"),
    ("tu_ngay=0001-01-01", "Chọn ngày trong các năm 1900–2999"),
    ("den_ngay=9999-12-31", "Chọn ngày trong các năm 1900–2999"),
])
@pytest.mark.parametrize("kind", ["detail", "pdf", "xlsx"])
def test_it_explains_bad_dates_instead_of_failing(cast, client_for, query, message, kind):
    response = client_for(cast.vanthu).get(url(cast.register("UBND"), kind, query))
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert message in page_text(response)
    assert not AuditEvent.objects.filter(action="register.export").exists()


# --- Secret documents -------------------------------------------------------------------


def test_secret_rows_appear_only_for_people_named_on_the_document(cast, client_for):
    document = register(cast, "Kế hoạch bảo vệ bí mật nhà nước", secrecy=Secrecy.SECRET)
    secret_register = cast.register("UBND", RegisterKind.SECRET_INCOMING)
    assert document.register_id == secret_register.pk

    def sees(user) -> list[bool]:
        client = client_for(user)
        texts = [
            page_text(client.get(url(secret_register))),
            pdf_text(client.get(url(secret_register, "pdf")).content),
            xlsx_text(client.get(url(secret_register, "xlsx")).content),
        ]
        return ["Kế hoạch bảo vệ bí mật nhà nước" in text for text in texts]

    assert sees(cast.vanthu) == [True, True, True]
    assert sees(cast.vanthu2) == [False, False, False]
    assert sees(cast.chutich) == [False, False, False]
    actions.route_incoming(actor=cast.vanthu, document=document, leaders=[cast.chutich])
    assert sees(cast.chutich) == [True, True, True]
    assert sees(cast.phochutich) == [False, False, False]


def test_secret_rows_in_a_shared_register_stay_hidden_from_others(cast, client_for):
    register(cast, "Danh sách cử tri (mật)", org="MTTQ", secrecy=Secrecy.TOP_SECRET)
    register(cast, "Thông báo họp Ban Thường trực", org="MTTQ")
    mttq = cast.register("MTTQ")

    head = page_text(client_for(cast.chutichmttq).get(url(mttq)))
    clerk = page_text(client_for(cast.vanthu).get(url(mttq)))

    assert "Thông báo họp Ban Thường trực" in head and "Danh sách cử tri" not in head
    assert "Danh sách cử tri (mật)" in clerk and "TỐI MẬT" in clerk


# --- Downloads --------------------------------------------------------------------------


def test_it_prints_the_register_as_pdf_and_audits_it(cast, client_for):
    register(cast, "Về việc tổng kết năm học", code="15/SGDĐT-VP")
    response = client_for(cast.phochutich).get(url(cast.register("UBND"), "pdf"))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="so-den-ubnd-20260101-20261231.pdf"'
    )
    text = pdf_text(response.content)
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN" in text and "Về việc tổng kết năm học" in text
    event = AuditEvent.objects.get(action="register.export")
    assert event.actor == cast.phochutich
    assert event.object_id == str(cast.register("UBND").pk)
    assert event.organization_id == cast.orgs["UBND"].pk and event.office_id == cast.office.pk
    assert event.data == {"format": "pdf", "date_from": "2026-01-01", "date_to": "2026-12-31",
                          "rows": 1}


def test_it_exports_the_register_to_excel_with_real_dates(cast, client_for):
    first = register(cast, "Về việc tổ chức hội nghị", code="21/UBND-VP",
                     at=dt.datetime(2026, 2, 3, 8, 0, tzinfo=LOCAL))
    register(cast, "=HYPERLINK(\"http://example.invalid\",\"bấm vào\")",
             at=dt.datetime(2026, 2, 4, 8, 0, tzinfo=LOCAL))
    actions.route_incoming(actor=cast.vanthu, document=first, leaders=[cast.chutich])

    response = client_for(cast.vanthu).get(
        url(cast.register("UBND"), "xlsx", "tu_ngay=2026-02-01&den_ngay=2026-02-28")
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    texts = [sheet.cell(row=r, column=1).value for r in range(1, 7)]
    assert texts[:2] == ["ỦY BAN NHÂN DÂN XÃ TÂN HÒA", "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"]
    assert "Từ ngày 01/02/2026 đến ngày 28/02/2026" in texts and "Từ số 1 đến số 2" in texts
    header = next(r for r in range(1, 12) if sheet.cell(row=r, column=1).value == "Ngày đến")
    assert [c.value for c in sheet[header]][:10] == [
        "Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu văn bản", "Ngày tháng văn bản",
        "Tên loại và trích yếu nội dung", "Đơn vị hoặc người nhận", "Ngày chuyển", "Ký nhận",
        "Ghi chú",
    ]
    row = list(sheet[header + 1])
    assert row[0].value == dt.datetime(2026, 2, 3) and row[0].number_format == "DD/MM/YYYY"
    assert row[1].value == 1 and row[3].value == "21/UBND-VP"
    assert row[4].value == dt.datetime(2026, 1, 15)
    assert row[6].value == "Lê Văn Nam" and row[7].value == dt.datetime(2026, 3, 10)
    formula_like = sheet.cell(row=header + 2, column=6)
    assert formula_like.data_type == "s" and formula_like.value.startswith("=HYPERLINK")
    assert sheet.freeze_panes == f"A{header + 1}"
    assert sheet.auto_filter.ref == f"A{header}:J{header + 2}"
    assert sheet.column_dimensions["F"].width >= 50
    assert AuditEvent.objects.get(action="register.export").data["format"] == "xlsx"


@pytest.mark.browser
def test_it_downloads_the_excel_register_on_a_phone(cast, page_for):
    register(cast, "Về việc trồng cây xanh")
    page = page_for(cast.vanthu, viewport={"width": 390, "height": 844})
    page.goto(f"{page.base_url}/so-dang-ky/")
    page.get_by_test_id("org-UBND").get_by_role(
        "link", name="Sổ đăng ký văn bản đến", exact=True
    ).click()
    page.get_by_text("Về việc trồng cây xanh").wait_for()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Xuất Excel").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    with open(download.path(), "rb") as downloaded:
        assert "Về việc trồng cây xanh" in xlsx_text(downloaded.read())


# --- How messages name a register ---------------------------------------------------------


def _not_doubled(message: str) -> str:
    assert "sổ sổ" not in message.casefold() and "sổ “sổ" not in message.casefold(), message
    return message


def test_messages_name_a_register_without_saying_so_twice(cast, client_for):
    from tests.test_api import ApiClient, fields
    from vanphong.api.actions import issue_token

    _, token = issue_token(actor=None, user=cast.vanthu, name="test")
    api = ApiClient(token)
    ubnd = cast.orgs["UBND"].pk
    outgoing = cast.register("UBND", RegisterKind.OUTGOING)
    response = api.post("/incoming", fields(organization_ids=[ubnd], register_ids=[outgoing.pk]))
    assert _not_doubled(response.json()["error"]["message"]).startswith(
        "Sổ đăng ký văn bản đi không phải sổ văn bản đến")
    incoming = cast.register("UBND")
    type(incoming).objects.filter(pk=incoming.pk).update(is_active=False)
    response = api.post("/incoming", fields(organization_ids=[ubnd], register_ids=[incoming.pk]))
    assert _not_doubled(response.json()["error"]["message"]) == (
        "Sổ đăng ký văn bản đến đã ngừng sử dụng.")
    # A register named without the word gets it: "sổ Văn bản mật".
    type(incoming).objects.filter(pk=incoming.pk).update(name="Văn bản đến 2026")
    response = api.post("/incoming", fields(organization_ids=[ubnd], register_ids=[incoming.pk]))
    assert response.json()["error"]["message"] == "Sổ Văn bản đến 2026 đã ngừng sử dụng."

    from tests.test_administration import give_numbers, register_data

    give_numbers(outgoing, 2)
    admin = client_for(cast.admin)
    page = page_text(admin.post(f"/quan-tri/so-dang-ky/{outgoing.pk}/sua/",
                                register_data(outgoing, per_type_series="on")))
    assert "Sổ đăng ký văn bản đi đã cấp 2 số trong kỳ hiện tại" in _not_doubled(page)
