"""The office a person works in is one answer (STYLE.md 14): `current_office` honours
"làm việc cho", and every page and API call that works on one office uses it. A person
with posts in two offices sees every page and every call answer for the same office,
and switching "làm việc cho" (pages) or passing `office` (API) switches all of them."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import zoneinfo
from collections.abc import Callable

import pytest
from django.test import Client
from openpyxl import load_workbook

from tests.conftest import make_pdf, upload
from vanphong import clock
from vanphong.api.actions import issue_token
from vanphong.intake.models import Batch, IntakeItem
from vanphong.organizations.models import Family, Office, Organization, Position, Role, User
from vanphong.schedule import actions as schedule
from vanphong.schedule.models import Room

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
TUESDAY = dt.datetime(2026, 3, 10, 9, tzinfo=VN)
MONDAY = "2026-03-09"
HOME, OTHER = "Tân Hòa", "Tân Lập"


@pytest.fixture
def two_offices(cast) -> dict[str, Office]:
    """A second office (Tân Lập) with its own organization, room and event; the demo
    clerk `vanthu` is its clerk and archivist too; `hai_noi` heads its UBND and is a specialist in
    the demo office."""
    other = Office.objects.create(name="Văn phòng dùng chung các cơ quan xã Tân Lập",
                                  short_name="VPTL", place_name="Tân Lập")
    ubnd = Organization.objects.create(office=other, name="Ủy ban nhân dân xã Tân Lập",
                                       short_name="UBNDTL", family=Family.STATE,
                                       organ_id="000.00.99.H42")
    start = dt.date(2020, 1, 1)
    for role in (Role.CLERK, Role.ARCHIVIST):
        Position.objects.create(person=cast.vanthu, office=other, role=role,
                                title=str(role.label), start_date=start)
    both = User.objects.create_user("hai_noi", full_name="Lý Văn Hai")
    Position.objects.create(person=both, office=other, organization=ubnd, role=Role.HEAD,
                            title="Chủ tịch UBND xã Tân Lập", start_date=start)
    Position.objects.create(person=both, office=cast.office, organization=cast.orgs["UBND"],
                            role=Role.SPECIALIST, title="Chuyên viên", start_date=start)
    with clock.frozen_at(TUESDAY):
        for office in (cast.office, other):
            name = office.place_name
            room = Room.objects.create(office=office, name=f"Phòng họp {name}")
            schedule.add_event(actor=cast.vanthu, office=office, fields=schedule.EventFields(
                starts_at=TUESDAY, ends_at=TUESDAY + dt.timedelta(hours=2), room=room,
                content=f"Giao ban văn phòng {name}"))
    return {HOME: cast.office, OTHER: other}


def _which(text: str, home: str, other: str) -> str:
    found = {name for name, marker in ((HOME, home), (OTHER, other)) if marker in text}
    assert len(found) == 1, (home, other, found)
    return found.pop()


# --- Pages: each returns the office it answered for ------------------------------------------


def _boxes(client: Client) -> str:
    html = client.get("/ho-so/kho/").content.decode()
    return _which(html, 'data-testid="fonds-UBND"', 'data-testid="fonds-UBNDTL"')


def _transfers(client: Client) -> str:
    other = Organization.objects.get(short_name="UBNDTL")
    html = client.post("/ho-so/nop-luu/", {"organization": other.pk}, follow=True)
    # Tân Lập's own organization is known only in Tân Lập; there the empty list is refused.
    return _which(html.content.decode(), "Chọn cơ quan nộp lưu.", "Chọn hồ sơ nộp lưu.")


def _disposals(client: Client) -> str:
    other = Organization.objects.get(short_name="UBNDTL")
    html = client.post("/ho-so/tieu-huy/", {"organization": other.pk}, follow=True)
    return _which(html.content.decode(), "Chọn cơ quan.", "Chọn hồ sơ hết thời hạn bảo quản.")


def _week(client: Client) -> str:
    html = client.get("/lich-tuan/", {"tuan": MONDAY}).content.decode()
    return _which(html, "Giao ban văn phòng Tân Hòa", "Giao ban văn phòng Tân Lập")


def _week_print(client: Client) -> str:
    html = client.get(f"/lich-tuan/{MONDAY}/in/").content.decode()
    return _which(html, "cơ quan xã Tân Hòa</div>", "cơ quan xã Tân Lập</div>")


def _figures(client: Client) -> str:
    sheet = load_workbook(io.BytesIO(client.get("/nhiem-vu/theo-doi.xlsx").content)).active
    cells = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    return _which(cells, "XÃ TÂN HÒA", "XÃ TÂN LẬP")


def _intake(client: Client) -> str:
    response = client.post("/tiep-nhan/tai-len/", {"files": [upload("vb.pdf", make_pdf("x"))]})
    assert response.status_code == 302  # to the batch just received
    batch_id = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    return Batch.objects.get(pk=batch_id).office.place_name


CLERK_PAGES: list[Callable[[Client], str]] = [
    _boxes, _transfers, _disposals, _week, _week_print, _figures, _intake]


# --- API calls ---------------------------------------------------------------------------------


def _api(user: User) -> Client:
    _, token = issue_token(actor=None, user=user, name="office")
    return Client(headers={"Authorization": f"Bearer {token}"})


def _with(params: dict, office: Office | None) -> str:
    query = {**params, **({"office": office.pk} if office else {})}
    return "?" + "&".join(f"{k}={v}" for k, v in query.items())


def _api_week(api: Client, office: Office | None) -> str:
    body = api.get("/api/v1/schedule" + _with({"week": MONDAY}, office)).json()
    return _which(json.dumps(body, ensure_ascii=False), "văn phòng Tân Hòa", "văn phòng Tân Lập")


def _api_rooms(api: Client, office: Office | None) -> str:
    body = api.get("/api/v1/rooms" + _with({}, office)).json()
    return _which(json.dumps(body, ensure_ascii=False), "Phòng họp Tân Hòa", "Phòng họp Tân Lập")


def _api_intake(api: Client, office: Office | None) -> str:
    response = api.post("/api/v1/intake/items" + _with({}, office),
                        {"file": upload("vb.pdf", make_pdf("api"))})
    assert response.status_code == 201, response.content
    return IntakeItem.objects.get(pk=response.json()["id"]).office.place_name


def _api_boxes(api: Client, office: Office | None) -> str:
    """A box for Tân Lập's fonds: added in Tân Lập, refused (no such organization) in the
    demo office, where `vanthu` is no archivist anyway."""
    other = Organization.objects.get(short_name="UBNDTL")
    response = api.post("/api/v1/boxes" + _with({}, office), json.dumps(
        {"organization_id": other.pk, "number": f"H{next(BOXES)}", "location": "Kho"}),
        content_type="application/json")
    assert response.status_code in (201, 404, 422), response.content
    return OTHER if response.status_code == 201 else HOME


BOXES = itertools.count(1)
CLERK_CALLS = [_api_week, _api_rooms, _api_intake, _api_boxes]


# --- The tests -----------------------------------------------------------------------------------


def _switch(client: Client, organization: Organization | None) -> None:
    client.post("/lam-viec-cho/", {"organization": organization.pk if organization else ""})


def test_every_page_answers_for_the_office_of_the_acting_organization(cast, two_offices):
    client = Client()
    client.force_login(cast.vanthu)
    with clock.frozen_at(TUESDAY):
        # Toàn văn phòng, two offices: the first created, on every page.
        assert {probe.__name__: probe(client) for probe in CLERK_PAGES} == {
            probe.__name__: HOME for probe in CLERK_PAGES}
        _switch(client, Organization.objects.get(short_name="UBNDTL"))
        assert {probe.__name__: probe(client) for probe in CLERK_PAGES} == {
            probe.__name__: OTHER for probe in CLERK_PAGES}
        _switch(client, cast.orgs["HĐND"])
        assert {probe.__name__: probe(client) for probe in CLERK_PAGES} == {
            probe.__name__: HOME for probe in CLERK_PAGES}


def test_every_api_call_answers_for_the_default_office_or_the_one_asked(cast, two_offices):
    api = _api(cast.vanthu)
    with clock.frozen_at(TUESDAY):
        assert {call.__name__: call(api, None) for call in CLERK_CALLS} == {
            call.__name__: HOME for call in CLERK_CALLS}
        assert {call.__name__: call(api, two_offices[OTHER]) for call in CLERK_CALLS} == {
            call.__name__: OTHER for call in CLERK_CALLS}
        assert {call.__name__: call(api, two_offices[HOME]) for call in CLERK_CALLS} == {
            call.__name__: HOME for call in CLERK_CALLS}


@pytest.mark.parametrize("path", [
    "/api/v1/schedule", "/api/v1/rooms", "/api/v1/transfers/awaiting",
    "/api/v1/disposals/expired",
])
def test_an_office_the_caller_does_not_work_in_is_refused(cast, two_offices, path):
    outsider = Office.objects.create(name="Văn phòng xã khác", short_name="VPK", place_name="X")
    api = _api(cast.chutich)  # works in Tân Hòa only
    for office in (outsider, two_offices[OTHER]):
        response = api.get(path, {"office": office.pk})
        assert response.status_code == 422, response.content
        assert response.json()["error"]["fields"]["office"]
    missing = api.get(path, {"office": 10**9}).json()["error"]
    assert missing["message"] == response.json()["error"]["message"]  # nothing said to exist
    assert api.get(path, {"office": cast.office.pk}).status_code == 200


def test_a_person_of_two_offices_starts_where_they_lead_on_pages_and_api(cast, two_offices):
    """`hai_noi` heads Tân Lập's UBND and is a specialist in Tân Hòa: the header starts on
    the organization they lead, so pages and the API both answer for Tân Lập."""
    both = User.objects.get(username="hai_noi")
    client = Client()
    client.force_login(both)
    api = _api(both)
    with clock.frozen_at(TUESDAY):
        assert _api_rooms(api, None) == OTHER
        assert _week_print(client) == OTHER
        _switch(client, cast.orgs["UBND"])
        assert _week_print(client) == HOME
        assert _api_rooms(api, cast.office) == HOME
