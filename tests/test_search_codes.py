"""A document is found by its code however a clerk types it (issue 19 §4): marks or none,
spaces, hyphen or slash, en dash, a pasted "Số:", glued, lower case, without its year —
first, before the documents that only mention the code and those with the same number
and another notation; of several with the same code, the one of the year typed, else the
newest. Through the search page, the API, the suggestions and the lists."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.test_api import ApiClient, api_as  # noqa: F401  (fixture)
from tests.test_search import register
from vanphong import clock
from vanphong.search import outbox
from vanphong.search.service import Params, search

pytestmark = pytest.mark.django_db

TARGET = "291/QĐ-UBDT"
CODE_ON_PAGE = re.compile(r'<strong class="text-body">([^<]*)</strong>')


def days_since(year: int, month: int = 6, day: int = 1) -> int:
    return (clock.today() - dt.date(year, month, day)).days


@pytest.fixture
def office(cast):
    register(cast, "Ban hành quy định chế độ báo cáo của Ủy ban Dân tộc", code=TARGET,
             issuer="Ủy ban Dân tộc", type_name="Quyết định", days_ago=days_since(2006))
    cited = "Thực hiện Quyết định số 291/QĐ-UBDT (291/QĐ-UBDT) của Ủy ban Dân tộc. " * 8
    register(cast, "Báo cáo thực hiện Quyết định số 291/QĐ-UBDT về chế độ báo cáo",
             code="15/BC-UBND", text=cited)
    register(cast, "Về việc khen thưởng tập thể", code="291/QĐ-UBND", text=cited)
    register(cast, "Quyết định về công tác thi đua", code="291-QĐ/TU",
             issuer="Tỉnh ủy Lâm Đồng", org="ĐU")
    for code, year in (("52/2018/QĐ-UBND", 2018), ("52/2019/QĐ-UBND", 2019)):
        register(cast, f"Ban hành quy định về phí năm {year}", code=code,
                 days_ago=days_since(year))
    register(cast, "Ban hành quy định về phí năm nay", code="52/QĐ-UBND", days_ago=2)
    outbox.drain()
    return cast


def api_codes(client: ApiClient, typed: str, **params) -> list[str]:
    response = client.get("/search", q=typed, **params)
    assert response.status_code == 200, response.content
    return [item["code"] for item in response.json()["items"]]


def page_codes(client, typed: str) -> list[str]:
    response = client.get("/tim-kiem/", {"q": typed})
    assert response.status_code == 200
    return CODE_ON_PAGE.findall(response.content.decode())


@pytest.mark.parametrize("typed", [
    "291/QĐ-UBDT", "291/QD-UBDT", "291/qđ-ubdt", "291/qd-ubdt", "291/Qđ-Ubdt",
    "291 /QĐ- UBDT", "291 / QĐ - UBDT", "291 QĐ-UBDT", "291 QĐ UBDT", "291QĐUBDT", "291qdubdt",
    "291/QĐ/UBDT", "291-QĐ-UBDT", "291/QĐ–UBDT", "291/QĐ—UBDT", "Số: 291/QĐ-UBDT",
    "số 291/QĐ-UBDT", "SỐ:291/QĐ-UBDT", "so 291 qd ubdt", "Quyết định số 291/QĐ-UBDT",
    "291/2006/QĐ-UBDT", "  291/QĐ-UBDT  ",
])
def test_the_document_with_the_code_typed_comes_first_however_it_is_typed(
    office, client_for, api_as, typed  # noqa: F811
):
    found = api_codes(api_as(office.vanthu), typed)
    assert found[0] == TARGET, (typed, found)
    assert page_codes(client_for(office.vanthu), typed)[0] == TARGET, typed
    body = client_for(office.vanthu).get("/tim-kiem/goi-y/", {"q": typed}).content.decode()
    assert TARGET in body, typed


def test_documents_that_mention_the_code_or_share_its_number_come_after(office, api_as):  # noqa: F811
    found = api_codes(api_as(office.vanthu), "291/QD-UBDT")
    assert found[0] == TARGET
    assert "15/BC-UBND" in found and "291/QĐ-UBND" in found  # found, but after it
    assert api_codes(api_as(office.vanthu), "291/QĐ-UBND")[0] == "291/QĐ-UBND"


@pytest.mark.parametrize("typed", ["291-QĐ/TU", "291/QĐ/TU", "291/QĐ-TU", "291-qd/tu",
                                   "291 qd tu", "291QĐTU", "Số: 291-QĐ/TU"])
def test_party_codes_are_found_with_either_separator(office, api_as, typed):  # noqa: F811
    assert api_codes(api_as(office.vanthu), typed)[0] == "291-QĐ/TU", typed


@pytest.mark.parametrize(("typed", "first"), [
    ("52/QĐ-UBND", ["52/QĐ-UBND", "52/2019/QĐ-UBND", "52/2018/QĐ-UBND"]),  # the newest
    ("52QĐUBND", ["52/QĐ-UBND", "52/2019/QĐ-UBND", "52/2018/QĐ-UBND"]),
    ("52/2018/QĐ-UBND", ["52/2018/QĐ-UBND", "52/QĐ-UBND", "52/2019/QĐ-UBND"]),  # the year typed
    ("52/2019/qd-ubnd", ["52/2019/QĐ-UBND", "52/QĐ-UBND", "52/2018/QĐ-UBND"]),
    ("052/2018/QĐ-UBND", ["52/2018/QĐ-UBND", "52/QĐ-UBND", "52/2019/QĐ-UBND"]),
    ("52/QĐ-UBND năm 2018", ["52/2018/QĐ-UBND", "52/QĐ-UBND", "52/2019/QĐ-UBND"]),
])
def test_of_documents_sharing_a_code_the_typed_year_comes_first_else_the_newest(
    office, api_as, typed, first  # noqa: F811
):
    assert api_codes(api_as(office.vanthu), typed)[:3] == first


def test_documents_with_the_code_first_page_after_page(office, api_as):  # noqa: F811
    client = api_as(office.vanthu)
    whole = api_codes(client, "52/QĐ-UBND", page_size=20)
    pages = [api_codes(client, "52/QĐ-UBND", page_size=2, page=n) for n in (1, 2, 3, 4)]
    assert [code for page in pages for code in page] == whole
    body = client.get("/search", q="52/QĐ-UBND", page_size=2).json()
    assert body["count"] == len(whole)
    assert search(office.vanthu, Params(text="52/QĐ-UBND", sort="date")).items[0].document.code \
        == "52/QĐ-UBND"


@pytest.mark.parametrize("typed", ["291QĐUBDT", "291/QD-UBDT", "291 /QĐ- UBDT", "so 291 qd ubdt",
                                   "291/2006/QĐ-UBDT", "291/QĐ–UBDT", "Số: 291/QĐ-UBDT"])
def test_the_incoming_list_finds_the_code_typed_the_same_ways(office, client_for, api_as, typed):  # noqa: F811
    body = api_as(office.vanthu).get("/incoming", q=typed).json()
    assert TARGET in [item["code"] for item in body["items"]], typed
    assert TARGET in client_for(office.vanthu).get("/van-ban-den/", {"q": typed}).content.decode()


def test_a_code_typed_in_the_list_without_its_year_finds_it(office, api_as):  # noqa: F811
    body = api_as(office.vanthu).get("/incoming", q="52/QĐ-UBND").json()
    assert {"52/2018/QĐ-UBND", "52/2019/QĐ-UBND", "52/QĐ-UBND"} <= {
        item["code"] for item in body["items"]}


@pytest.mark.parametrize("typed", ["Số:", "số", "/", "-", "–", "/" * 10240, "-/" * 3000,
                                   "Số: /QĐ-", "0/0", "291/", "/QĐ-UBDT", "1" * 600,
                                   "291QĐ" * 500, "Số: " * 1000])
def test_odd_input_never_fails(office, client_for, api_as, typed):  # noqa: F811
    client = client_for(office.vanthu)
    assert client.get("/tim-kiem/", {"q": typed}).status_code == 200
    assert client.get("/tim-kiem/goi-y/", {"q": typed}).status_code == 200
    assert client.get("/van-ban-den/", {"q": typed}).status_code == 200
    response = api_as(office.vanthu).get("/search", q=typed)
    if len(typed) > 500:  # the API says so, in Vietnamese, rather than cut it
        assert response.status_code == 422 and response.json()["error"]["message"]
    else:
        assert response.status_code == 200, response.content
