"""What a page offers (its buttons, the menu items the header will show) is asked of the
gatekeepers, never restated in a template (STYLE.md 15): for every member of the cast,
each gatekeeper answers exactly what the page it leads to lets them do; where a template
used to restate the rule, an office without what the work needs showed a button to a page
that then refused."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.test_incoming_permissions import EVERYONE
from vanphong.incoming.access import may_register_incoming
from vanphong.intake.access import sees_intake
from vanphong.organizations.access import is_administrator
from vanphong.organizations.acting import may_act_for_whole_office
from vanphong.organizations.models import Organization
from vanphong.outgoing.access import may_draft_outgoing, may_reserve_numbers
from vanphong.registers.access import sees_registers
from vanphong.registers.models import Register, RegisterKind

REGISTER_BUTTON = "+ Vào sổ văn bản đến"
DRAFT_BUTTON = "+ Soạn thảo văn bản"
RESERVE_BUTTON = '>Giữ số</a>'


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _opens(client: Client, path: str) -> bool:
    status = client.get(path).status_code
    assert status in (200, 403, 404), (path, status)
    return status == 200


def _acts_for_whole_office(client: Client) -> bool:
    """Choosing "Toàn văn phòng" in the header is accepted (not refused with a message)."""
    page = client.post("/lam-viec-cho/", {"organization": ""}, follow=True).content.decode()
    return "Bạn không thể làm việc cho cơ quan này." not in page


@pytest.mark.parametrize("name", EVERYONE)
def test_each_gatekeeper_answers_what_its_page_allows(cast, name):
    user = getattr(cast, name)
    client = _client(user)
    incoming = client.get("/van-ban-den/").content.decode()
    outgoing = client.get("/van-ban-di/").content.decode()
    registers = client.get("/so-dang-ky/").content.decode()
    assert may_register_incoming(user) == _opens(client, "/van-ban-den/vao-so/") \
        == (REGISTER_BUTTON in incoming)
    assert may_draft_outgoing(user) == _opens(client, "/van-ban-di/soan-thao/") \
        == (DRAFT_BUTTON in outgoing)
    assert may_reserve_numbers(user) == _opens(client, "/van-ban-di/giu-so/") \
        == (RESERVE_BUTTON in outgoing)
    assert sees_intake(user) == _opens(client, "/tiep-nhan/")
    assert sees_registers(user) == ("data-register=" in registers)
    assert is_administrator(user) == _opens(client, "/quan-tri/")
    assert may_act_for_whole_office(user) == _acts_for_whole_office(client)


def test_a_clerk_of_an_office_serving_no_active_organization_is_not_offered_registration(cast):
    """A new office being set up: its clerk has nobody to register for yet."""
    Organization.objects.filter(office=cast.office).update(is_active=False)
    client = _client(cast.vanthu)
    assert REGISTER_BUTTON not in client.get("/van-ban-den/").content.decode()
    assert client.get("/van-ban-den/vao-so/").status_code == 403
    assert not may_register_incoming(cast.vanthu)


def test_a_clerk_without_an_active_outgoing_register_is_not_offered_to_keep_numbers(cast):
    Register.objects.filter(kind__in=[RegisterKind.OUTGOING, RegisterKind.SECRET_OUTGOING]
                            ).update(is_active=False)
    client = _client(cast.vanthu)
    assert RESERVE_BUTTON not in client.get("/van-ban-di/").content.decode()
    assert client.get("/van-ban-di/giu-so/").status_code == 403


def test_someone_whose_only_organization_closed_is_not_offered_to_draft(cast):
    """The Hội Nông dân's chairman holds a post only there; the organization stops."""
    Organization.objects.filter(pk=cast.orgs["HND"].pk).update(is_active=False)
    client = _client(cast.chutichhnd)
    assert DRAFT_BUTTON not in client.get("/van-ban-di/").content.decode()
    assert client.get("/van-ban-di/soan-thao/").status_code == 403


def _header(client: Client) -> str:
    page = client.get("/").content.decode()
    return page[page.index('aria-label="Điều hướng chính"'):page.index("</header>")]


@pytest.mark.parametrize("name", EVERYONE)
def test_the_header_menu_is_built_from_the_gatekeepers(cast, name):
    """Each link of the header shows exactly when the gatekeeper of its page lets the person
    in (base.html used to restate the rules from the person's standing)."""
    user = getattr(cast, name)
    header = _header(_client(user))
    assert ('href="/van-ban-den/vao-so/"' in header) == may_register_incoming(user)
    assert ('href="/tiep-nhan/"' in header) == sees_intake(user)
    assert ('href="/van-ban-di/soan-thao/"' in header) == may_draft_outgoing(user)
    assert ('href="/so-dang-ky/"' in header) == sees_registers(user)
    assert ('href="/quan-tri/"' in header) == is_administrator(user)
    assert ('<option value="">Toàn văn phòng</option>' in header) \
        == may_act_for_whole_office(user)


def test_the_header_follows_a_gatekeeper_when_the_office_changes(cast):
    """The clerk of an office whose bodies are all closed is not offered "Vào sổ" in the
    header either (the standing-based rule showed it, and the page refused)."""
    Organization.objects.filter(office=cast.office).update(is_active=False)
    assert 'href="/van-ban-den/vao-so/"' not in _header(_client(cast.vanthu))
