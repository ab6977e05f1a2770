"""The page and the API answer the same question the same way (STYLE.md 14): for a set of
filter combinations over an office with several organizations, secret, returned, overdue
and for-information documents, the list page and `GET /api/v1/...` give the same
documents in the same order, for several members of the cast."""

from __future__ import annotations

import datetime as dt
import io
import re
import zoneinfo
from typing import Any

import pytest
from django.test import Client

from tests.conftest import make_pdf
from tests.test_outgoing_flow import draft, issued, review_through
from vanphong import clock
from vanphong.api.actions import issue_token
from vanphong.files.actions import store_file
from vanphong.incoming import actions
from vanphong.outgoing.actions import return_outgoing, submit_outgoing
from vanphong.outgoing.issuing import issue_outgoing
from vanphong.registers.models import RegisterKind, Secrecy, Urgency

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = dt.datetime(2026, 3, 9, 9, tzinfo=VN)
#: When the lists are read: a week on, so that deadlines have passed.
LATER = dt.datetime(2026, 3, 17, 10, tzinfo=VN)
ROW = re.compile(r'data-doc="([0-9a-f-]{36})"')


def _page_ids(client: Client, path: str, params: dict[str, Any]) -> list[str]:
    ids: list[str] = []
    for number in range(1, 20):
        response = client.get(path, {**params, "page": number})
        assert response.status_code == 200
        html = response.content.decode()
        ids += ROW.findall(html)
        if f"page={number + 1}" not in html:
            return ids
    raise AssertionError("too many pages")


def _api_ids(client: Client, path: str, params: dict[str, Any]) -> list[str]:
    response = client.get(path, {**params, "page_size": 200})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == len(body["items"])
    return [item["id"] for item in body["items"]]


def _clients(user) -> tuple[Client, Client]:
    page = Client()
    page.force_login(user)
    _, token = issue_token(actor=None, user=user, name="parity")
    return page, Client(headers={"Authorization": f"Bearer {token}"})


# --- Incoming ------------------------------------------------------------------------------


def _receive(cast, orgs: list[str], *, issuer: str, code: str, subject: str, days_ago: int,
             urgency: int = Urgency.NORMAL, secrecy: int = Secrecy.NONE) -> list:
    pdf = make_pdf(subject)
    stored = store_file(actor=cast.vanthu, stream=io.BytesIO(pdf), name="vb.pdf", size=len(pdf))
    fields = actions.IncomingFields(
        issuer=issuer, code=code, subject=subject, urgency=urgency, secrecy=secrecy,
        issued_date=(MONDAY - dt.timedelta(days=days_ago + 2)).date(),
    )
    return actions.register_incoming(
        actor=cast.vanthu, organizations=[cast.orgs[o] for o in orgs], fields=fields,
        files=[(stored, "vb.pdf")], arrival_at=MONDAY - dt.timedelta(days=days_ago),
    )


def _route(cast, document, leader: str):
    actions.route_incoming(actor=cast.vanthu, document=document, leaders=[getattr(cast, leader)])


def _instruct(cast, document, leader: str, lead: str, **more):
    actions.instruct_incoming(
        actor=getattr(cast, leader), document=document,
        handlers=actions.Handlers(lead_person=getattr(cast, lead), **more),
        deadline=clock.today() + dt.timedelta(days=2),
    )


def _incoming_office(cast) -> None:
    """About twenty documents of five organizations, in every state a list shows."""
    with clock.frozen_at(MONDAY):
        both = _receive(cast, ["UBND", "ĐU"], issuer="UBND tỉnh Lâm Đồng", code="12/QĐ-UBND",
                        subject="Về việc triển khai kế hoạch chuyển đổi số năm 2026",
                        days_ago=1, urgency=Urgency.URGENT)
        [plan] = [d for d in both if d.organization.short_name == "UBND"]
        [audit] = _receive(cast, ["UBND"], issuer="Sở Tài chính", code="112/QĐ-STC",
                           subject="Về việc kiểm tra công tác quyết toán", days_ago=2)
        [fire] = _receive(cast, ["UBND"], issuer="Công an tỉnh", code="7/KH-CAT",
                          subject="Kế hoạch kiểm tra phòng cháy, chữa cháy", days_ago=3,
                          urgency=Urgency.VERY_URGENT)
        [meeting] = _receive(cast, ["UBND"], issuer="Sở Nội vụ", code="35/TB-SNV",
                             subject="Thông báo hội nghị tổng kết công tác cán bộ", days_ago=5)
        [flood] = _receive(cast, ["UBND"], issuer="UBND tỉnh Lâm Đồng", code="2/CĐ-UBND",
                           subject="Công điện về phòng chống lũ", days_ago=0, urgency=Urgency.FLASH)
        [guard] = _receive(cast, ["UBND"], issuer="Công an tỉnh", code="3/KH-CAT",
                           subject="Phương án bảo vệ mục tiêu", days_ago=4, secrecy=Secrecy.SECRET)
        [party] = _receive(cast, ["ĐU"], issuer="Ban Tổ chức Tỉnh ủy", code="15-HD/BTCTU",
                           subject="Hướng dẫn công tác đảng viên, chuyển đổi sinh hoạt", days_ago=6)
        _receive(cast, ["ĐU"], issuer="Tỉnh ủy Lâm Đồng", code="4-CT/TU",
                 subject="Chỉ thị về công tác bảo vệ bí mật", days_ago=2, secrecy=Secrecy.SECRET)
        [council] = _receive(cast, ["HĐND"], issuer="HĐND tỉnh Lâm Đồng", code="20/NQ-HĐND",
                             subject="Nghị quyết về chuyển đổi số", days_ago=7)
        _receive(cast, ["MTTQ"], issuer="Ủy ban MTTQ tỉnh", code="9/HD-MTTQ",
                 subject="Hướng dẫn cuộc vận động", days_ago=1, urgency=Urgency.URGENT)
        _receive(cast, ["HND"], issuer="Hội Nông dân tỉnh", code="5/KH-HND",
                 subject="Kế hoạch tập huấn chuyển đổi số cho hội viên", days_ago=3)

        _route(cast, audit, "chutich")
        actions.return_incoming(actor=cast.chutich, document=audit, reason="Không thuộc thẩm quyền")
        for document in (plan, fire, meeting, guard):
            _route(cast, document, "chutich")
        _instruct(cast, plan, "chutich", "chuyenvien", for_info=[cast.chuyenvien2])
        _instruct(cast, fire, "chutich", "chuyenvien2", support_people=[cast.chuyenvien])
        actions.return_incoming(actor=cast.chuyenvien2, document=fire, reason="Cần đơn vị khác")
        _instruct(cast, guard, "chutich", "chuyenvien")
        _route(cast, party, "bithu")
        _route(cast, council, "bithu")
        _instruct(cast, council, "bithu", "phochutichhdnd")
        actions.complete_incoming(actor=cast.phochutichhdnd, document=council, result="Đã xong",
                                  reply_code="")
        del flood


def _incoming_cases(cast) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(page parameters, API parameters) asking the same question."""
    ubnd, du = cast.orgs["UBND"].pk, cast.orgs["ĐU"].pk
    secret = cast.register("UBND", RegisterKind.SECRET_INCOMING).pk
    ordinary = cast.register("ĐU").pk
    cases: list[tuple[dict[str, Any], dict[str, Any]]] = [
        ({}, {}),
        ({"q": "chuyển đổi số"}, {"q": "chuyển đổi số"}),
        ({"q": "  chuyển   đổi số "}, {"q": "  chuyển   đổi số "}),
        ({"q": "so tai chinh"}, {"q": "so tai chinh"}),
        ({"q": "SỞ NỘI VỤ"}, {"q": "SỞ NỘI VỤ"}),
        ({"q": "Số: 12/QĐ-UBND"}, {"q": "Số: 12/QĐ-UBND"}),
        ({"q": "12/qd"}, {"q": "12/qd"}),
        ({"q": "15 hd btctu"}, {"q": "15 hd btctu"}),
        ({"q": "2"}, {"q": "2"}),
        ({"q": "KH-CAT"}, {"q": "KH-CAT"}),
        ({"urgency": "2"}, {"urgency": 2}),
        ({"urgency": "0"}, {"urgency": 0}),
        ({"urgency": "urgent"}, {"urgent": "true"}),
        ({"overdue": "on"}, {"overdue": "true"}),
        ({"returned": "on"}, {"returned": "true"}),
        ({"status": "routed"}, {"status": "routed"}),
        ({"status": "done"}, {"status": "done"}),
        ({"organization": du}, {"organization_id": du}),
        ({"register": secret}, {"register_id": secret}),
        ({"register": ordinary}, {"register_id": ordinary}),
        ({"date_from": "2026-03-04", "date_to": "2026-03-07"},
         {"date_from": "2026-03-04", "date_to": "2026-03-07"}),
        ({"organization": ubnd, "urgency": "urgent", "q": "ubnd"},
         {"organization_id": ubnd, "urgent": "true", "q": "ubnd"}),
        ({"organization": ubnd, "returned": "on", "status": "routed"},
         {"organization_id": ubnd, "returned": "true", "status": "routed"}),
    ]
    # The page starts from the acting organization unless told: ask it for every one.
    return [({"organization": "", **page}, api) for page, api in cases]


@pytest.mark.parametrize("member", [
    "vanthu", "chutich", "bithu", "chuyenvien", "chuyenvien2", "phochutich", "chutichmttq",
])
def test_incoming_page_and_api_list_the_same_documents_in_the_same_order(cast, member):
    _incoming_office(cast)
    page, api = _clients(getattr(cast, member))
    with clock.frozen_at(LATER):
        for page_params, api_params in _incoming_cases(cast):
            on_page = _page_ids(page, "/van-ban-den/", page_params)
            in_api = _api_ids(api, "/api/v1/incoming", api_params)
            assert on_page == in_api, (member, page_params)


def test_every_incoming_case_finds_something_for_the_clerk(cast):
    """The cases above are not vacuous: each finds some, and not every, document."""
    _incoming_office(cast)
    api = _clients(cast.vanthu)[1]
    with clock.frozen_at(LATER):
        everything = _api_ids(api, "/api/v1/incoming", {})
        for _, api_params in _incoming_cases(cast)[1:]:
            found = _api_ids(api, "/api/v1/incoming", api_params)
            assert 0 < len(found) < len(everything), api_params


def test_the_overdue_filter_leaves_out_documents_sent_for_information(cast):
    _incoming_office(cast)
    informed = _clients(cast.chuyenvien2)[1]
    lead = _clients(cast.chuyenvien)[1]
    with clock.frozen_at(LATER):
        plan = _api_ids(lead, "/api/v1/incoming", {"q": "12/QĐ-UBND", "organization_id":
                                                   cast.orgs["UBND"].pk})
        assert plan and plan == _api_ids(lead, "/api/v1/incoming", {"q": "12/QĐ-UBND",
                                         "organization_id": cast.orgs["UBND"].pk, "overdue": True})
        assert plan[0] in _api_ids(informed, "/api/v1/incoming", {})
        assert plan[0] not in _api_ids(informed, "/api/v1/incoming", {"overdue": "true"})
        item = informed.get(f"/api/v1/incoming/{plan[0]}").json()
        assert item["is_overdue"] is False


# --- Outgoing ------------------------------------------------------------------------------


def _outgoing_office(cast) -> None:
    """Drafts, documents in review, returned, issued on time and late, secret, of two
    organizations."""
    with clock.frozen_at(MONDAY):
        issued(cast, draft(cast, subject="Ban hành quy chế làm việc của UBND xã"))
        issued(cast, draft(cast, type_name="Công văn", subject="V/v chuẩn bị chuyển đổi số"))
        issued(cast, draft(cast, subject="Phương án bảo vệ", secrecy=Secrecy.SECRET))
        issued(cast, draft(cast, drafter="chuyenviendang", org="ĐU", type_name="Nghị quyết",
                           signer="bithu", unit="BXDĐ", subject="Nghị quyết về chuyển đổi số"))
        late = review_through(cast, draft(cast, subject="Kế hoạch phòng chống lũ",
                                          urgency=Urgency.URGENT))
        draft(cast, subject="Dự thảo quy định chuyển đổi số")
        draft(cast, drafter="chuyenvien2", unit="KT", subject="Dự thảo kế hoạch kinh tế")
        waiting = draft(cast, subject="Tờ trình kinh phí")
        submit_outgoing(actor=cast.chuyenvien, document=waiting)
        sent_back = draft(cast, subject="Báo cáo tổng kết")
        submit_outgoing(actor=cast.chuyenvien, document=sent_back)
        return_outgoing(actor=cast.truongphong, document=sent_back, reason="Bổ sung số liệu")
    with clock.frozen_at(MONDAY + dt.timedelta(days=1)):
        issue_outgoing(actor=cast.vanthu, document=late)
        issued(cast, draft(cast, subject="Quyết định khen thưởng", type_name="Quyết định"))


def _outgoing_cases(cast) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    from vanphong.registers.models import DocumentType

    decision = DocumentType.objects.get(system="state", organization=None, name="Quyết định")
    ubnd, du = cast.orgs["UBND"].pk, cast.orgs["ĐU"].pk
    cases: list[tuple[dict[str, Any], dict[str, Any]]] = [
        ({}, {}),
        ({"q": "chuyển đổi số"}, {"q": "chuyển đổi số"}),
        ({"q": "Số: 01/QĐ-UBND"}, {"q": "Số: 01/QĐ-UBND"}),
        ({"q": "01 qd ubnd"}, {"q": "01 qd ubnd"}),
        ({"q": "nq/đu"}, {"q": "nq/đu"}),
        ({"status": "issued"}, {"status": "issued"}),
        ({"status": "draft"}, {"status": "draft"}),
        ({"organization": du}, {"organization_id": du}),
        ({"document_type": decision.pk}, {"document_type_id": decision.pk}),
        ({"late": "on"}, {"late": "true"}),
        ({"date_from": "2026-03-10", "date_to": "2026-03-10"},
         {"date_from": "2026-03-10", "date_to": "2026-03-10"}),
        ({"organization": ubnd, "q": "quyết định", "status": "issued"},
         {"organization_id": ubnd, "q": "quyết định", "status": "issued"}),
    ]
    return [({"organization": "", **page}, api) for page, api in cases]


@pytest.mark.parametrize("member", [
    "vanthu", "chutich", "bithu", "chuyenvien", "truongphong", "chuyenviendang", "chutichmttq",
])
def test_outgoing_page_and_api_list_the_same_documents_in_the_same_order(cast, member):
    _outgoing_office(cast)
    page, api = _clients(getattr(cast, member))
    for page_params, api_params in _outgoing_cases(cast):
        on_page = _page_ids(page, "/van-ban-di/", page_params)
        in_api = _api_ids(api, "/api/v1/outgoing", api_params)
        assert on_page == in_api, (member, page_params)


def test_every_outgoing_case_finds_something_for_the_clerk(cast):
    _outgoing_office(cast)
    api = _clients(cast.vanthu)[1]
    everything = _api_ids(api, "/api/v1/outgoing", {})
    for _, api_params in _outgoing_cases(cast)[1:]:
        found = _api_ids(api, "/api/v1/outgoing", api_params)
        assert 0 < len(found) < len(everything), api_params
