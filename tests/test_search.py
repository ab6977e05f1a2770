"""Search (issue #5): Vietnamese matching, codes, ranking, filters, facets, the outbox,
the reindex command, export and bad input — through the page, the service and commands."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from openpyxl import load_workbook

from tests.conftest import make_pdf
from tests.test_api import ApiClient, api_as, assert_error  # noqa: F401  (fixture)
from vanphong import clock
from vanphong.files.actions import store_file
from vanphong.incoming import actions
from vanphong.incoming.models import IncomingDocument
from vanphong.registers.models import DocumentType, Secrecy
from vanphong.search import outbox
from vanphong.search.engine import engine
from vanphong.search.models import Pending, ReindexRun
from vanphong.search.service import Params, search
from vanphong.search.text import parse

pytestmark = pytest.mark.django_db


def register(cast, subject, *, code="12/UBND-VP", org="UBND", issuer="UBND tỉnh Lâm Đồng",
             text="", secrecy=Secrecy.NONE, days_ago=1, signer="", type_name=None):
    pdf = make_pdf(subject + code)
    stored = store_file(actor=cast.vanthu, stream=io.BytesIO(pdf), name="vb.pdf", size=len(pdf))
    if text:
        type(stored).objects.filter(pk=stored.pk).update(text=text, text_source="pdf")
    fields = actions.IncomingFields(
        issuer=issuer, code=code, issued_date=clock.today() - dt.timedelta(days=days_ago),
        subject=subject, secrecy=secrecy, signer_name=signer,
        document_type=DocumentType.objects.filter(name=type_name).first() if type_name else None,
    )
    [document] = actions.register_incoming(
        actor=cast.vanthu, organizations=[cast.orgs[org]], fields=fields,
        files=[(stored, "vb.pdf")],
    )
    return document


def codes(user, text, **filters):
    return [f.document.code for f in search(user, Params(text=text, **filters)).items]


def test_the_query_is_read_as_syllables_phrases_and_a_code():
    query = parse('Quyết định "chuyển đổi số" 853/QĐ')
    assert [w.folded for w in query.words] == ["quyet", "dinh", "853", "qd"]
    assert query.words[0].exact == "quyết"
    assert [w.folded for w in query.phrases[0]] == ["chuyen", "doi", "so"]
    assert query.code == "853/QD"
    assert parse("quyet dinh").words[0].exact is None  # typed without marks
    assert parse("15-NQ/ĐU").code == "15/NQ/DU"
    assert parse("ke hoach").code is None
    assert parse("Uỷ ban").words[0].exact == "ủy"  # old tone placement made modern


def test_documents_are_found_by_code_in_the_forms_people_type(cast):
    register(cast, "Về việc phê duyệt kế hoạch chuyển đổi số", code="853/QĐ-UBND",
             type_name="Quyết định")
    register(cast, "Về việc phê duyệt quy hoạch sử dụng đất", code="854/QĐ-UBND",
             type_name="Quyết định")
    register(cast, "Nghị quyết về công tác xây dựng Đảng", code="15-NQ/ĐU",
             issuer="Đảng ủy xã Tân Hòa", org="ĐU")
    register(cast, "Báo cáo số 853 người tham gia bảo hiểm", code="77/BC-UBND")
    outbox.drain()
    for typed in ("853/QĐ", "853/QD", "853 QĐ-UBND", "853/qd-ubnd", "quyet dinh 853"):
        assert codes(cast.vanthu, typed)[0] == "853/QĐ-UBND", typed
    for typed in ("15-NQ/ĐU", "15-NQ", "15 nq du"):
        assert codes(cast.vanthu, typed)[0] == "15-NQ/ĐU", typed


def test_matching_ignores_marks_and_case_but_ranks_exact_marks_first(cast):
    register(cast, "Kế hoạch bàn giao tài sản công", code="1/KH-UBND")
    register(cast, "Kế hoạch bán đấu giá tài sản công", code="2/KH-UBND")
    register(cast, "Danh sách bạn đọc tiêu biểu", code="3/DS-UBND")
    outbox.drain()
    assert set(codes(cast.vanthu, "ban")) == {"1/KH-UBND", "2/KH-UBND", "3/DS-UBND"}
    assert codes(cast.vanthu, "bán")[0] == "2/KH-UBND"
    assert codes(cast.vanthu, "bàn")[0] == "1/KH-UBND"
    assert codes(cast.vanthu, "BAN DAU GIA")[0] == "2/KH-UBND"
    assert codes(cast.vanthu, "đấu giá") == codes(cast.vanthu, "dau gia")[:1]


def test_quoted_words_are_a_phrase_and_side_by_side_words_rank_higher(cast):
    register(cast, "Triển khai chuyển đổi số trong cơ quan", code="1/UBND-VP")
    register(cast, "Chuyển hồ sơ đổi mới số hóa lưu trữ", code="2/UBND-VP")
    outbox.drain()
    assert codes(cast.vanthu, '"chuyển đổi"') == ["1/UBND-VP"]
    assert codes(cast.vanthu, "chuyen doi")[0] == "1/UBND-VP"
    assert len(codes(cast.vanthu, "chuyen doi")) == 2


def test_content_is_searched_and_shown_as_a_highlighted_snippet(cast):
    text = (
        "Căn cứ Luật Tổ chức chính quyền địa phương. " * 5
        + "Giao Phòng Văn hóa chủ trì tổ chức hội thi văn nghệ quần chúng. "
        + "Nơi nhận. " * 20
    )
    register(cast, "Về việc tổ chức hội thi", code="5/UBND-VX", text=text)
    outbox.drain()
    [found] = search(cast.vanthu, Params(text="van nghe quan chung")).items
    assert "<mark>văn nghệ quần chúng</mark>" in found.snippet
    assert "Giao Phòng" in found.snippet and len(found.snippet) < 400
    assert "<mark>" not in found.subject


def test_html_in_a_subject_is_escaped_when_highlighted(cast):
    register(cast, "Về <script>alert(1)</script> kiểm tra", code="6/UBND-VX")
    outbox.drain()
    [found] = search(cast.vanthu, Params(text="kiem tra")).items
    assert "<script>" not in found.subject and "&lt;script&gt;" in found.subject


def test_filters_and_facet_counts(cast):
    register(cast, "Kế hoạch phòng chống thiên tai", code="1/KH-UBND", days_ago=400)
    register(cast, "Kế hoạch phòng chống dịch bệnh", code="2/KH-UBND")
    register(cast, "Kế hoạch phòng chống cháy rừng", code="3-KH/ĐU", org="ĐU",
             issuer="Đảng ủy xã Tân Hòa")
    outbox.drain()
    results = search(cast.vanthu, Params(text="phong chong"))
    assert results.total == 3
    organizations = {label: count for _, label, count in results.facets["organization"]}
    assert organizations == {"UBND": 2, "ĐU": 1}
    ubnd = cast.orgs["UBND"].pk
    assert set(codes(cast.vanthu, "phong chong", organizations=(ubnd,))) == {"1/KH-UBND",
                                                                           "2/KH-UBND"}
    recent = codes(cast.vanthu, "phong chong", date_from=clock.today() - dt.timedelta(days=30))
    assert set(recent) == {"2/KH-UBND", "3-KH/ĐU"}
    by_date = codes(cast.vanthu, "", sort="date")
    assert by_date[-1] == "1/KH-UBND"


def test_every_change_reaches_the_index_through_the_outbox(cast, django_capture_on_commit_callbacks):  # noqa: E501
    with django_capture_on_commit_callbacks(execute=True):
        document = register(cast, "Về việc tổ chức Tết Trung thu", code="9/UBND-VX")
    assert not Pending.objects.exists()  # drained by the task after the commit
    assert codes(cast.vanthu, "trung thu") == ["9/UBND-VX"]
    with django_capture_on_commit_callbacks(execute=True):
        actions.correct_incoming(
            actor=cast.vanthu, document=document,
            fields=actions.IncomingFields(
                issuer=document.issuer, code=document.code, issued_date=document.issued_date,
                subject="Về việc tổ chức Ngày hội Đại đoàn kết",
            ),
            reason="Gõ nhầm trích yếu",
        )
    assert codes(cast.vanthu, "trung thu") == []
    assert codes(cast.vanthu, "dai doan ket") == ["9/UBND-VX"]


def test_a_rolled_back_change_never_reaches_the_index(cast):
    with pytest.raises(RuntimeError), transaction.atomic():
        register(cast, "Văn bản sẽ bị hủy", code="10/UBND-VX")
        raise RuntimeError
    assert not Pending.objects.exists()
    outbox.drain()
    assert codes(cast.vanthu, "bi huy") == []


def test_a_drain_that_never_ran_is_made_good_by_the_next(cast):
    register(cast, "Về việc kiểm kê tài sản", code="11/UBND-VX")
    assert Pending.objects.count() >= 1  # the task after the commit never ran
    assert codes(cast.vanthu, "kiem ke") == []
    assert outbox.drain() == 1
    assert codes(cast.vanthu, "kiem ke") == ["11/UBND-VX"]
    assert not Pending.objects.exists()


def test_reindex_rebuilds_everything_and_resumes_where_it_stopped(cast):
    for number in range(1, 8):
        register(cast, f"Về việc tổng kết năm thứ {number}", code=f"{number}/UBND-TK")
    Pending.objects.all().delete()  # as if the index had been lost
    engine().clear()
    assert codes(cast.vanthu, "tong ket") == []
    call_command("search_reindex", batch=3, quiet=True)
    assert search(cast.vanthu, Params(text="tong ket")).total == 7
    # A run stopped after its first batch goes on from there.
    engine().clear()
    first = sorted(str(pk) for pk in IncomingDocument.objects.values_list("pk", flat=True))[:3]
    from vanphong.search.documents import incoming_entries

    engine().apply(incoming_entries(first), [])
    ReindexRun.objects.create(kind="incoming", after=first[-1], done=3, total=7)
    call_command("search_reindex", batch=3, quiet=True)
    assert search(cast.vanthu, Params(text="tong ket")).total == 7
    assert ReindexRun.objects.filter(finished_at=None).count() == 0


def test_reindex_if_needed_runs_only_when_the_index_lacks_documents(cast):
    from io import StringIO

    from vanphong.search.engine import _engine, search_dir

    register(cast, "Về việc tổng kết năm", code="1/UBND-TK")
    outbox.drain()
    out = StringIO()
    call_command("search_reindex", if_needed=True, quiet=True, stdout=out)
    assert "đã đủ" in out.getvalue()
    # an index of an older format is emptied when opened, and rebuilt by the same command
    (search_dir() / "VERSION").write_text("0")
    _engine.cache_clear()  # as a new process after the upgrade opens it
    assert codes(cast.vanthu, "tong ket") == []
    call_command("search_reindex", if_needed=True, quiet=True, stdout=StringIO())
    assert codes(cast.vanthu, "tong ket") == ["1/UBND-TK"]


def test_export_to_excel_has_every_result_and_is_audited(cast, client_for):
    for number in range(1, 4):
        register(cast, f"Về việc báo cáo thống kê quý {number}", code=f"{number}/BC-UBND")
    register(cast, "=HYPERLINK(\"http://x\") thống kê", code="4/BC-UBND")
    outbox.drain()
    response = client_for(cast.vanthu).get("/tim-kiem/xuat.xlsx", {"q": "thong ke"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("STT", "Sổ", "Cơ quan", "Số, ký hiệu")
    assert {row[3] for row in rows[1:]} == {"1/BC-UBND", "2/BC-UBND", "3/BC-UBND", "4/BC-UBND"}
    formula = next(c for c in sheet["G"] if str(c.value).startswith("="))
    assert formula.data_type == "s"  # text, not a formula
    from vanphong.audit.models import AuditEvent

    assert AuditEvent.objects.filter(action="search.export", actor=cast.vanthu).exists()


@pytest.mark.parametrize(
    "query",
    [
        {"q": "x" * 2000},
        {"q": "tong ket", "date_from": "hôm qua", "organization": "abc", "sort": "zz"},
        {"q": '"', "page": "-5", "year": "2026x"},
        {"q": "tong ket", "date_from": "2026-12-01", "date_to": "2020-01-01"},
        {"q": "((( [ OR AND *"},
    ],
)
def test_bad_input_gets_a_vietnamese_message_not_a_500(cast, client_for, query):
    register(cast, "Về việc tổng kết", code="1/UBND-TK")
    outbox.drain()
    response = client_for(cast.vanthu).get("/tim-kiem/", query)
    assert response.status_code == 200
    assert "search-results" in response.content.decode()


def test_suggestions_while_typing(cast, client_for):
    register(cast, "Về việc phê duyệt kế hoạch chuyển đổi số", code="853/QĐ-UBND")
    outbox.drain()
    client = client_for(cast.vanthu)
    body = client.get("/tim-kiem/goi-y/", {"q": "853/QĐ"}).content.decode()
    assert "853/QĐ-UBND" in body
    body = client.get("/tim-kiem/goi-y/", {"code": "", "subject": "chuyen doi so"}).content.decode()
    assert "853/QĐ-UBND" in body
    assert "853/QĐ-UBND" not in client.get("/tim-kiem/goi-y/", {"q": "x"}).content.decode()


def test_the_api_searches_within_the_callers_scope(cast, api_as):  # noqa: F811
    register(cast, "Về việc phê duyệt kế hoạch chuyển đổi số", code="853/QĐ-UBND")
    register(cast, "Về việc kiện toàn chi bộ", code="20-QĐ/ĐU", org="ĐU",
             issuer="Đảng ủy xã Tân Hòa")
    outbox.drain()
    clerk = api_as(cast.vanthu)
    body = clerk.get("/search", q="853/QD").json()
    assert body["count"] == 1 and body["items"][0]["code"] == "853/QĐ-UBND"
    assert body["items"][0]["url"].startswith("/van-ban-den/")
    hit = clerk.get("/search", q="chuyen doi so").json()["items"][0]
    assert hit["subject_html"].endswith("<mark>chuyển đổi số</mark>")
    assert {f["label"] for f in body["facets"]["organization"]} == {"UBND"}
    body = clerk.get("/search", q="", sort="date", facets="false").json()
    assert body["count"] == 2 and body["facets"] == {}
    # The chairman of the Front sees neither document.
    assert api_as(cast.chutichmttq).get("/search", q="").json()["count"] == 0
    assert_error(clerk.get("/search", page="0"), 422, "invalid")
    assert_error(clerk.get("/search", date_from="2026-02-01", date_to="2026-01-01"), 422,
                 "invalid", "date_from")


def test_a_registered_files_own_text_is_read_and_searched(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pdf = make_pdf("Phuong an phong chong lut bao mua mua 2026")
        stored = store_file(actor=cast.vanthu, stream=io.BytesIO(pdf), name="pa.pdf",
                            size=len(pdf))
        actions.register_incoming(
            actor=cast.vanthu, organizations=[cast.orgs["UBND"]],
            fields=actions.IncomingFields(
                issuer="UBND tỉnh Lâm Đồng", code="31/PA-UBND", subject="Phương án năm 2026",
                issued_date=clock.today() - dt.timedelta(days=1),
            ),
            files=[(stored, "pa.pdf")],
        )
    stored.refresh_from_db()
    assert stored.text_source == "pdf" and "lut bao" in stored.text
    [found] = search(cast.vanthu, Params(text="lũt bão")).items  # marks typed or not
    assert "<mark>lut bao</mark>" in found.snippet


def test_the_start_up_checks_say_when_the_index_lacks_documents(cast):
    from vanphong.checks import check_search_index

    register(cast, "Về việc kiểm kê", code="1/UBND-KK")
    outbox.drain()
    assert check_search_index() == []
    engine().clear()
    [warning] = check_search_index()
    assert warning.id == "vanphong.W006" and "search_reindex" in warning.msg


def test_an_outgoing_documents_own_files_are_searched(cast):
    from tests.test_outgoing_flow import draft
    from vanphong.search.documents import outgoing_entries

    document = draft(cast, subject="Quyết định thành lập tổ công tác")
    pdf = make_pdf("ban ky giay")
    stored = store_file(actor=cast.vanthu, stream=io.BytesIO(pdf), name="ky.pdf", size=len(pdf))
    type(stored).objects.filter(pk=stored.pk).update(text="Bản ký tay về phòng cháy rừng")
    type(document).objects.filter(pk=document.pk).update(body_file=stored, final_pdf=stored)
    [entry] = outgoing_entries([str(document.pk)])
    assert entry.content.count("phòng cháy rừng") == 1  # one file, counted once


def test_facets_of_a_very_broad_result_are_estimated_from_a_sample(cast, client_for, monkeypatch):
    """Counting facets costs time in proportion to the hits: above a limit they are counted
    on a fixed pseudo-random share of the hits, scaled up and marked as estimates, while the
    number of results stays exact."""
    from vanphong.search import tantivy_engine

    for number in range(1, 41):
        org = "ĐU" if number % 4 == 0 else "UBND"
        register(cast, f"Kế hoạch số {number} về chuyển đổi số", code=f"{number}/KH", org=org)
    outbox.drain()
    exact = search(cast.vanthu, Params(text="chuyen doi so"))
    assert not exact.facets_estimated
    assert {label: n for _, label, n in exact.facets["organization"]} == {"UBND": 30, "ĐU": 10}

    monkeypatch.setattr(tantivy_engine, "FACET_EXACT_LIMIT", 10)
    broad = search(cast.vanthu, Params(text="chuyen doi so"))
    assert broad.total == 40 and broad.facets_estimated
    assert abs(sum(n for _, _, n in broad.facets["kind"]) - 40) <= 1
    organizations = {label: n for _, label, n in broad.facets["organization"]}
    assert set(organizations) <= {"UBND", "ĐU"}
    assert abs(sum(organizations.values()) - 40) <= 2
    page = client_for(cast.vanthu).get("/tim-kiem/", {"q": "chuyen doi so"})
    assert "(≈" in page.content.decode()


@pytest.mark.parametrize("typed", [
    "Số: 12/QĐ-UBND", "số 12/QĐ-UBND", "Số 12/QĐ-UBND", "SỐ:12/QĐ-UBND", "Quyết định số 12/QĐ-UBND",
])
def test_a_pasted_so_prefix_finds_the_document_as_its_code_does(cast, client_for, typed):
    register(cast, "Về việc công nhận thôn văn hóa", code="12/QĐ-UBND", type_name="Quyết định")
    register(cast, "Về việc phân bổ kinh phí năm 2026", code="13/QĐ-UBND", type_name="Quyết định")
    outbox.drain()
    from vanphong.search import params

    wanted, errors = params.read({"q": typed})
    assert errors == []
    found = [f.document.code for f in search(cast.vanthu, wanted).items]
    assert found and found[0] == "12/QĐ-UBND", (typed, found)
    assert found == [f.document.code for f in search(cast.vanthu, Params(text="12/QĐ-UBND")).items]
    page = client_for(cast.vanthu).get("/tim-kiem/", {"q": typed}).content.decode()
    assert "thôn văn hóa" in page
