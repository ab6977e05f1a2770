"""Administration of the outgoing flow's data through its pages: drafting templates,
review chains, signing delegations (TL./TUQ.) and the address book."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from vanphong import clock
from vanphong.audit.models import AuditEvent
from vanphong.organizations.models import Office, Organization, Position, Role, User
from vanphong.outgoing.authority import check_authority
from vanphong.outgoing.models import Correspondent, Delegation, ReviewChain, Template
from vanphong.registers.models import DocumentType


def url(name: str, *args: object) -> str:
    return reverse(f"administration:{name}", args=args)


def text_of(response) -> str:
    return response.content.decode()


def state_type(name: str) -> DocumentType:
    return DocumentType.objects.get(system="state", organization=None, name=name)


def party_type(name: str) -> DocumentType:
    return DocumentType.objects.get(system="party", organization=None, name=name)


def audit_actions() -> list[str]:
    return list(AuditEvent.objects.order_by("id").values_list("action", flat=True))


@pytest.fixture
def admin_client(cast, client_for) -> Client:
    return client_for(cast.admin)


def template_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Quyết định khen thưởng", "style": "state",
        "document_type": state_type("Quyết định").pk, "organization": "",
        "body": "Căn cứ …;\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Khen thưởng …", "is_active": "on",
    }
    data.update(overrides)
    return data


def delegation_data(cast, **overrides: object) -> dict[str, object]:
    today = clock.today()
    data: dict[str, object] = {
        "kind": "tl", "delegate": cast.chanhvanphong.pk,
        "document_types": [state_type("Công văn").pk],
        "valid_from": (today - dt.timedelta(days=10)).isoformat(),
        "valid_to": (today + dt.timedelta(days=10)).isoformat(),
        "basis": "Quyết định số 12/QĐ-UBND ngày 05/01/2026 về việc giao ký thừa lệnh",
    }
    data.update(overrides)
    return data


def correspondent_data(cast, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "office": cast.office.pk, "name": "Sở Tư pháp tỉnh Lâm Đồng",
        "email": "sotuphap@lamdong.gov.vn", "organ_id": "000.00.12.H41",
        "address": "Số 1 đường Trần Hưng Đạo", "is_active": "on",
    }
    data.update(overrides)
    return data


# --- Who may open the pages ------------------------------------------------------------------


def _seeded_template(cast) -> Template:
    return Template.objects.filter(organization=None).first()


def _default_chain(cast) -> ReviewChain:
    return ReviewChain.objects.get(organization=cast.orgs["UBND"], document_type=None)


def _a_delegation(cast) -> Delegation:
    return Delegation.objects.create(
        organization=cast.orgs["UBND"], kind="tl", delegate=cast.chanhvanphong,
        valid_from=dt.date(2026, 1, 1), valid_to=dt.date(2026, 12, 31), basis="QĐ 1",
        created_by=cast.admin, created_at=clock.now(),
    )


def _a_correspondent(cast) -> Correspondent:
    return Correspondent.objects.filter(office=cast.office).first()


PAGES = [
    ("template_list", lambda c: ()),
    ("template_create", lambda c: ()),
    ("template_edit", lambda c: (_seeded_template(c).pk,)),
    ("review_chain_list", lambda c: ()),
    ("review_chain_create", lambda c: (c.orgs["UBND"].pk,)),
    ("review_chain_edit", lambda c: (_default_chain(c).pk,)),
    ("delegation_list", lambda c: ()),
    ("delegation_create", lambda c: (c.orgs["UBND"].pk,)),
    ("delegation_edit", lambda c: (_a_delegation(c).pk,)),
    ("delegation_end", lambda c: (_a_delegation(c).pk,)),
    ("correspondent_list", lambda c: ()),
    ("correspondent_create", lambda c: ()),
    ("correspondent_edit", lambda c: (_a_correspondent(c).pk,)),
]
POST_ONLY = [
    ("template_deactivate", lambda c: (_seeded_template(c).pk,)),
    ("review_chain_delete", lambda c: (_default_chain(c).pk,)),
    ("correspondent_deactivate", lambda c: (_a_correspondent(c).pk,)),
]
REFUSED = ["vanthu", "chuyenvien", "chanhvanphong", "chutich"]


def test_admin_opens_every_outgoing_setup_page(cast, admin_client):
    statuses = {name: admin_client.get(url(name, *args(cast))).status_code
                for name, args in PAGES}
    assert statuses == {name: 200 for name, _ in PAGES}


def test_administration_index_links_to_the_outgoing_setup_pages(cast, admin_client):
    page = text_of(admin_client.get(url("index")))
    for name in ("template_list", "review_chain_list", "delegation_list", "correspondent_list"):
        assert url(name) in page


@pytest.mark.parametrize("username", REFUSED)
def test_non_administrators_get_403_on_every_outgoing_setup_page(cast, client_for, username):
    client = client_for(cast.users[username])
    statuses = {name: client.get(url(name, *args(cast))).status_code for name, args in PAGES}
    assert statuses == {name: 403 for name, _ in PAGES}


@pytest.mark.parametrize("username", REFUSED)
def test_non_administrators_cannot_change_outgoing_setup_by_posting(cast, client_for, username):
    client = client_for(cast.users[username])
    before = (Template.objects.filter(is_active=True).count(), ReviewChain.objects.count(),
              Delegation.objects.count(), Correspondent.objects.filter(is_active=True).count(),
              AuditEvent.objects.count())
    posts = [
        (url("template_create"), template_data()),
        (url("review_chain_create", cast.orgs["UBND"].pk),
         {"document_type": state_type("Công văn").pk, "leader": "on"}),
        (url("delegation_create", cast.orgs["UBND"].pk), delegation_data(cast)),
        (url("correspondent_create"), correspondent_data(cast)),
    ] + [(url(name, *args(cast)), {}) for name, args in POST_ONLY]
    for address, data in posts:
        assert client.post(address, data).status_code == 403, address
    after = (Template.objects.filter(is_active=True).count(), ReviewChain.objects.count(),
             Delegation.objects.count(), Correspondent.objects.filter(is_active=True).count(),
             AuditEvent.objects.count())
    assert before == after


def test_anonymous_visitors_are_sent_to_log_in(cast, client):
    response = client.get(url("delegation_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_answers_404_for_ids_that_do_not_exist(cast, admin_client):
    for name in ("template_edit", "review_chain_edit", "delegation_edit", "delegation_end",
                 "correspondent_edit"):
        assert admin_client.get(url(name, 2**63)).status_code == 404, name
    assert admin_client.get(url("review_chain_create", 999999)).status_code == 404


# --- Drafting templates ----------------------------------------------------------------------


def test_admin_adds_a_template_that_drafters_can_choose(cast, admin_client, client_for):
    response = admin_client.post(url("template_create"), template_data(
        organization=cast.orgs["UBND"].pk))
    assert response.status_code == 302, text_of(response)
    template = Template.objects.get(name="Quyết định khen thưởng")
    assert template.organization == cast.orgs["UBND"]
    assert template.body.startswith("Căn cứ")
    event = AuditEvent.objects.get(action="outgoing_template.create")
    assert event.object_id == str(template.pk) and event.office_id == cast.office.pk
    drafting = text_of(client_for(cast.chuyenvien).get(reverse("outgoing:new")))
    assert "Quyết định khen thưởng" in drafting
    assert "Quyết định khen thưởng" in text_of(admin_client.get(url("template_list")))


def test_admin_edits_a_template_and_the_change_is_audited(cast, admin_client):
    template = _seeded_template(cast)
    data = template_data(name=template.name, style=template.style,
                         document_type=template.document_type_id, body="Nội dung mới.")
    response = admin_client.post(url("template_edit", template.pk), data)
    assert response.status_code == 302, text_of(response)
    template.refresh_from_db()
    assert template.body == "Nội dung mới."
    event = AuditEvent.objects.get(action="outgoing_template.update")
    assert event.data["changes"]["body"][1] == "Nội dung mới."


def test_a_deactivated_template_leaves_the_drafting_choices(cast, admin_client, client_for):
    template = Template.objects.get(name="Công văn hành chính (mẫu 1.5)")
    drafting_url = reverse("outgoing:new")
    assert template.name in text_of(client_for(cast.chuyenvien).get(drafting_url))
    response = admin_client.post(url("template_deactivate", template.pk))
    assert response.status_code == 302
    template.refresh_from_db()
    assert not template.is_active
    assert template.name not in text_of(client_for(cast.chuyenvien).get(drafting_url))
    assert audit_actions()[-1] == "outgoing_template.deactivate"


def test_a_template_must_match_its_style_and_organization(cast, admin_client):
    response = admin_client.post(url("template_create"), template_data(
        document_type=party_type("Nghị quyết").pk))
    assert response.status_code == 200
    assert "không dùng được với thể thức đã chọn" in text_of(response)
    response = admin_client.post(url("template_create"), template_data(
        organization=cast.orgs["ĐU"].pk))
    assert response.status_code == 200
    assert "ĐU ban hành văn bản theo Kiểu Đảng" in text_of(response)
    response = admin_client.post(url("template_create"), template_data(name="", body=""))
    assert response.status_code == 200
    assert "Thông tin chưa hợp lệ" in text_of(response)
    assert not Template.objects.filter(name="Quyết định khen thưởng").exists()
    assert "outgoing_template.create" not in audit_actions()


def test_garbage_in_the_template_form_is_a_message_not_a_server_error(cast, admin_client):
    response = admin_client.post(url("template_create"), template_data(
        document_type="abc", organization="999999", style="xyz"))
    assert response.status_code == 200
    assert "Thông tin chưa hợp lệ" in text_of(response)


# --- Review chains ---------------------------------------------------------------------------


def test_admin_adds_a_chain_for_one_document_type(cast, admin_client):
    cong_van = state_type("Công văn")
    response = admin_client.post(url("review_chain_create", cast.orgs["UBND"].pk), {
        "document_type": cong_van.pk, "leader": "on", "office_check": "on"})
    assert response.status_code == 302, text_of(response)
    chain = ReviewChain.objects.get(organization=cast.orgs["UBND"], document_type=cong_van)
    assert (chain.unit_head, chain.leader, chain.office_check) == (False, True, True)
    assert "review_chain.create" in audit_actions()
    page = text_of(admin_client.get(url("review_chain_list")))
    assert "Lãnh đạo phụ trách → Văn phòng kiểm tra thể thức → Người ký" in page


def test_a_second_default_chain_is_refused_in_vietnamese(cast, admin_client):
    response = admin_client.post(url("review_chain_create", cast.orgs["UBND"].pk), {
        "document_type": "", "unit_head": "on"})
    assert response.status_code == 200
    assert "UBND đã có quy trình duyệt mặc định" in text_of(response)
    assert ReviewChain.objects.filter(organization=cast.orgs["UBND"]).count() == 1


def test_a_second_chain_for_the_same_type_is_refused_in_vietnamese(cast, admin_client):
    cong_van = state_type("Công văn")
    ReviewChain.objects.create(organization=cast.orgs["UBND"], document_type=cong_van)
    response = admin_client.post(url("review_chain_create", cast.orgs["UBND"].pk), {
        "document_type": cong_van.pk})
    assert response.status_code == 200
    assert "đã có quy trình duyệt riêng cho Công văn" in text_of(response)
    # Turning the default chain into a second Công văn chain is refused the same way.
    response = admin_client.post(url("review_chain_edit", _default_chain(cast).pk), {
        "document_type": cong_van.pk})
    assert response.status_code == 200
    assert "đã có quy trình duyệt riêng cho Công văn" in text_of(response)


def test_a_chain_only_uses_types_its_organization_issues(cast, admin_client):
    response = admin_client.post(url("review_chain_create", cast.orgs["UBND"].pk), {
        "document_type": party_type("Nghị quyết").pk})
    assert response.status_code == 200
    assert ReviewChain.objects.filter(organization=cast.orgs["UBND"]).count() == 1


def test_admin_edits_and_deletes_a_chain(cast, admin_client):
    chain = _default_chain(cast)
    response = admin_client.post(url("review_chain_edit", chain.pk), {
        "document_type": "", "unit_head": "on", "leader": "on", "office_check": "on"})
    assert response.status_code == 302, text_of(response)
    chain.refresh_from_db()
    assert chain.leader
    event = AuditEvent.objects.get(action="review_chain.update")
    assert event.data["changes"]["leader"] == [False, True]
    response = admin_client.post(url("review_chain_delete", chain.pk))
    assert response.status_code == 302
    assert not ReviewChain.objects.filter(organization=cast.orgs["UBND"]).exists()
    assert audit_actions()[-1] == "review_chain.delete"


# --- Signing delegations ---------------------------------------------------------------------


def _authority(cast, on: dt.date, type_name: str = "Công văn"):
    return check_authority(organization=cast.orgs["UBND"], document_type=state_type(type_name),
                           signer=cast.chanhvanphong, capacity="tl", on=on)


def test_a_delegation_added_here_lets_the_delegate_sign_tl_within_its_dates(cast, admin_client):
    today = clock.today()
    assert not _authority(cast, today).allowed
    response = admin_client.post(url("delegation_create", cast.orgs["UBND"].pk),
                                 delegation_data(cast))
    assert response.status_code == 302, text_of(response)
    delegation = Delegation.objects.get(delegate=cast.chanhvanphong)
    assert list(delegation.document_types.all()) == [state_type("Công văn")]
    assert delegation.created_by == cast.admin
    assert "delegation.create" in audit_actions()
    allowed = _authority(cast, today)
    assert allowed.allowed and allowed.block is not None
    assert allowed.block.capacity_line.startswith("TL.")
    assert not _authority(cast, today + dt.timedelta(days=11)).allowed
    assert not _authority(cast, today - dt.timedelta(days=11)).allowed
    assert not _authority(cast, today, "Quyết định").allowed


def test_the_listing_shows_which_delegations_are_valid_today(cast, admin_client):
    today = clock.today()
    admin_client.post(url("delegation_create", cast.orgs["UBND"].pk), delegation_data(cast))
    admin_client.post(url("delegation_create", cast.orgs["UBND"].pk), delegation_data(
        cast, valid_from=(today - dt.timedelta(days=60)).isoformat(),
        valid_to=(today - dt.timedelta(days=30)).isoformat(), basis="Quyết định cũ"))
    assert Delegation.objects.count() == 2
    page = text_of(admin_client.get(url("delegation_list")))
    assert page.count("Đang hiệu lực") == 1
    assert page.count("Hết hiệu lực") == 1


def test_ending_a_delegation_early_keeps_it_and_stops_it_the_next_day(cast, admin_client):
    today = clock.today()
    admin_client.post(url("delegation_create", cast.orgs["UBND"].pk), delegation_data(cast))
    delegation = Delegation.objects.get()
    response = admin_client.post(url("delegation_end", delegation.pk),
                                 {"last_day": today.isoformat()})
    assert response.status_code == 302, text_of(response)
    delegation.refresh_from_db()
    assert delegation.valid_to == today
    assert _authority(cast, today).allowed
    assert not _authority(cast, today + dt.timedelta(days=1)).allowed
    assert audit_actions()[-1] == "delegation.end"


def test_ending_a_delegation_before_it_starts_is_refused(cast, admin_client):
    admin_client.post(url("delegation_create", cast.orgs["UBND"].pk), delegation_data(cast))
    delegation = Delegation.objects.get()
    too_early = delegation.valid_from - dt.timedelta(days=1)
    response = admin_client.post(url("delegation_end", delegation.pk),
                                 {"last_day": too_early.isoformat()})
    assert response.status_code == 200
    assert "không thể trước ngày bắt đầu hiệu lực" in text_of(response)
    response = admin_client.post(url("delegation_end", delegation.pk), {"last_day": "hôm qua"})
    assert response.status_code == 200
    assert "Ngày không hợp lệ" in text_of(response)


def test_delegation_dates_must_be_in_order(cast, admin_client):
    response = admin_client.post(url("delegation_create", cast.orgs["UBND"].pk), delegation_data(
        cast, valid_from="2026-03-31", valid_to="2026-03-01"))
    assert response.status_code == 200
    assert "Ngày hết hiệu lực không thể trước ngày bắt đầu." in text_of(response)
    response = admin_client.post(url("delegation_create", cast.orgs["UBND"].pk), delegation_data(
        cast, valid_from="31/02/2026", basis=""))
    assert response.status_code == 200
    assert "Ngày không hợp lệ" in text_of(response)
    assert not Delegation.objects.exists()


def test_a_delegation_only_covers_types_its_organization_issues(cast, admin_client):
    response = admin_client.post(url("delegation_create", cast.orgs["UBND"].pk), delegation_data(
        cast, document_types=[party_type("Nghị quyết").pk], delegate="999999"))
    assert response.status_code == 200
    assert "Thông tin chưa hợp lệ" in text_of(response)
    assert not Delegation.objects.exists()


def test_admin_edits_a_delegation_and_the_types_change_is_audited(cast, admin_client):
    admin_client.post(url("delegation_create", cast.orgs["UBND"].pk), delegation_data(cast))
    delegation = Delegation.objects.get()
    response = admin_client.post(url("delegation_edit", delegation.pk), delegation_data(
        cast, document_types=[], basis="Quyết định số 15/QĐ-UBND"))
    assert response.status_code == 302, text_of(response)
    delegation.refresh_from_db()
    assert delegation.basis == "Quyết định số 15/QĐ-UBND"
    assert not delegation.document_types.exists()
    assert _authority(cast, clock.today(), "Quyết định").allowed  # no types = every type
    event = AuditEvent.objects.get(action="delegation.update")
    assert event.data["changes"]["document_types"] == [[state_type("Công văn").pk], []]


# --- Address book ----------------------------------------------------------------------------


def test_admin_adds_edits_and_deactivates_a_correspondent(cast, admin_client):
    response = admin_client.post(url("correspondent_create"), correspondent_data(cast))
    assert response.status_code == 302, text_of(response)
    correspondent = Correspondent.objects.get(name="Sở Tư pháp tỉnh Lâm Đồng")
    assert correspondent.organ_id == "000.00.12.H41" and correspondent.office == cast.office
    response = admin_client.post(url("correspondent_edit", correspondent.pk), correspondent_data(
        cast, email="vanthu.stp@lamdong.gov.vn"))
    assert response.status_code == 302, text_of(response)
    correspondent.refresh_from_db()
    assert correspondent.email == "vanthu.stp@lamdong.gov.vn"
    response = admin_client.post(url("correspondent_deactivate", correspondent.pk))
    assert response.status_code == 302
    correspondent.refresh_from_db()
    assert not correspondent.is_active
    assert audit_actions()[-3:] == ["correspondent.create", "correspondent.update",
                                    "correspondent.deactivate"]
    assert "Ngừng dùng" in text_of(admin_client.get(url("correspondent_list")))


@pytest.mark.parametrize(("field", "value", "message"), [
    ("email", "sotuphap@", "Địa chỉ thư điện tử không hợp lệ."),
    ("organ_id", "000.12", "Mã định danh gồm đúng 13 ký tự."),
    ("name", "", "Thông tin chưa hợp lệ"),
    ("name", "công an xã tân hòa", "Sổ địa chỉ đã có công an xã tân hòa."),
])
def test_bad_correspondent_input_gets_a_vietnamese_message(cast, admin_client, field, value,
                                                            message):
    before = Correspondent.objects.count()
    response = admin_client.post(url("correspondent_create"),
                                 correspondent_data(cast, **{field: value}))
    assert response.status_code == 200
    assert message in text_of(response)
    assert Correspondent.objects.count() == before


def test_organ_id_is_optional(cast, admin_client):
    response = admin_client.post(url("correspondent_create"), correspondent_data(
        cast, organ_id="", email=""))
    assert response.status_code == 302, text_of(response)
    assert Correspondent.objects.get(name="Sở Tư pháp tỉnh Lâm Đồng").organ_id == ""


# --- Several offices -------------------------------------------------------------------------


@pytest.fixture
def office_admin(cast) -> User:
    """An administrator of the demo office only, in an installation with a second office
    (xã Phú Lộc) that has its own address book and organization."""
    other = Office.objects.create(name="Văn phòng dùng chung xã Phú Lộc", short_name="VPPL",
                                  place_name="Phú Lộc")
    Organization.objects.create(office=other, name="Ủy ban nhân dân xã Phú Lộc",
                                short_name="UBND", family="state", organ_id="000.03.32.H41")
    Correspondent.objects.create(office=other, name="Trạm Y tế xã Phú Lộc")
    person = User.objects.create_user(username="quantri2", full_name="Phan Thị Quản Trị")
    Position.objects.create(person=person, office=cast.office, role=Role.ADMIN,
                            title="Quản trị văn phòng", start_date=dt.date(2025, 1, 1))
    return person


def test_an_office_administrator_manages_only_their_office(cast, client_for, office_admin):
    client = client_for(office_admin)
    theirs = Correspondent.objects.get(name="Trạm Y tế xã Phú Lộc")
    other_org = Organization.objects.get(short_name="UBND", office__short_name="VPPL")
    assert client.get(url("correspondent_edit", theirs.pk)).status_code == 404
    assert client.get(url("delegation_create", other_org.pk)).status_code == 404
    assert "Trạm Y tế" not in text_of(client.get(url("correspondent_list")))
    response = client.post(url("correspondent_create"), correspondent_data(cast))
    assert response.status_code == 302, text_of(response)
    assert Correspondent.objects.get(name="Sở Tư pháp tỉnh Lâm Đồng").office == cast.office


def test_shared_templates_are_read_only_for_an_administrator_of_one_office(
    cast, client_for, office_admin
):
    client = client_for(office_admin)
    shared = _seeded_template(cast)
    assert client.get(url("template_edit", shared.pk)).status_code == 404
    assert client.post(url("template_deactivate", shared.pk)).status_code == 404
    assert url("template_edit", shared.pk) not in text_of(client.get(url("template_list")))
    response = client.post(url("template_create"), template_data(organization=""))
    assert response.status_code == 200
    assert not Template.objects.filter(name="Quyết định khen thưởng").exists()
    response = client.post(url("template_create"), template_data(
        organization=cast.orgs["UBND"].pk))
    assert response.status_code == 302, text_of(response)
