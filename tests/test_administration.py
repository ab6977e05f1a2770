"""Administration through its pages: offices, organizations, units, people and their
positions, registers and numbering policies, terms, document types, working days."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from vanphong import clock
from vanphong.audit.models import AuditEvent
from vanphong.incoming import actions as incoming_actions
from vanphong.organizations.models import Office, Organization, Position, Role, Unit, User
from vanphong.organizations.standing import standing_of
from vanphong.registers.models import Counter, DocumentType, Register, RegisterKind, Term
from vanphong.registers.numbering import allocate_number
from vanphong.workdays.dates import deadline_after
from vanphong.workdays.models import WorkdayOverride

NEW_PASSWORD = "Tan-Hoa-2026-moi"


def url(name: str, *args: object) -> str:
    return reverse(f"administration:{name}", args=args)


def text_of(response) -> str:
    return response.content.decode()


def audit_actions() -> list[str]:
    return list(AuditEvent.objects.order_by("id").values_list("action", flat=True))


def person_data(cast, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "username": "nguyenvana", "full_name": "Nguyễn Văn A", "email": "a@tanhoa.vn",
        "phone": "0912 345 678", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD,
        "office": cast.office.pk, "role": Role.SPECIALIST, "title": "Chuyên viên Phòng Kinh tế",
        "organization": cast.orgs["UBND"].pk, "unit": cast.units["KT"].pk,
        "start_date": "2026-01-05", "end_date": "",
    }
    data.update(overrides)
    return data


def organization_data(cast, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "office": cast.office.pk, "name": "Công đoàn cơ sở xã Tân Hòa", "short_name": "CĐ",
        "family": "front", "level": "xã", "parent": cast.orgs["MTTQ"].pk,
        "parent_body": "LIÊN ĐOÀN LAO ĐỘNG TỈNH LÂM ĐỒNG", "organ_id": "000.09.31.H41",
        "has_seal": "on", "archive_stream": "state", "position": 9, "is_active": "on",
        "default_registers": "on",
    }
    data.update(overrides)
    return data


def position_data(cast, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "office": cast.office.pk, "role": Role.SPECIALIST, "title": "Ủy viên Ban Thường trực",
        "organization": cast.orgs["MTTQ"].pk, "unit": cast.units["BTT"].pk,
        "start_date": "2026-01-05", "end_date": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def admin_client(cast, client_for) -> Client:
    return client_for(cast.admin)


@pytest.fixture
def office_admin(cast, admin_client) -> User:
    """A non-superuser administrator of the demo office, created through the pages."""
    response = admin_client.post(url("person_create"), person_data(
        cast, username="quantri2", full_name="Phan Thị Quản Trị", role=Role.ADMIN,
        title="Quản trị văn phòng", organization="", unit=""))
    assert response.status_code == 302, text_of(response)
    return User.objects.get(username="quantri2")


@pytest.fixture
def other_office(cast, admin_client) -> Office:
    """A second office (xã Phú Lộc) with one organization, created by the superuser."""
    response = admin_client.post(url("office_create"), {
        "name": "Văn phòng dùng chung xã Phú Lộc", "short_name": "VPPL", "place_name": "Phú Lộc",
    })
    assert response.status_code == 302, text_of(response)
    office = Office.objects.get(short_name="VPPL")
    response = admin_client.post(url("organization_create"), organization_data(
        cast, office=office.pk, name="Ủy ban nhân dân xã Phú Lộc", short_name="UBND",
        family="state", parent="", organ_id="000.03.32.H41", parent_body=""))
    assert response.status_code == 302, text_of(response)
    return office


# --- Permission matrix ------------------------------------------------------------------

# (URL name, how to build its arguments, "page" refuses with 403 / "object" with 404)
PAGES = [
    ("index", lambda c: (), "page"),
    ("office_create", lambda c: (), "page"),
    ("office_edit", lambda c: (c.office.pk,), "object"),
    ("organization_list", lambda c: (), "page"),
    ("organization_create", lambda c: (), "page"),
    ("organization_detail", lambda c: (c.orgs["UBND"].pk,), "object"),
    ("organization_edit", lambda c: (c.orgs["UBND"].pk,), "object"),
    ("unit_list", lambda c: (), "page"),
    ("unit_create", lambda c: (), "page"),
    ("unit_edit", lambda c: (c.units["VHXH"].pk,), "object"),
    ("person_list", lambda c: (), "page"),
    ("person_create", lambda c: (), "page"),
    ("person_detail", lambda c: (c.chuyenvien.pk,), "object"),
    ("person_edit", lambda c: (c.chuyenvien.pk,), "object"),
    ("person_password", lambda c: (c.chuyenvien.pk,), "object"),
    ("person_deactivate", lambda c: (c.chuyenvien.pk,), "object"),
    ("position_create", lambda c: (c.chuyenvien.pk,), "object"),
    ("position_edit", lambda c: (c.chuyenvien.positions.get().pk,), "object"),
    ("position_end", lambda c: (c.chuyenvien.positions.get().pk,), "object"),
    ("register_list", lambda c: (), "page"),
    ("register_create", lambda c: (c.orgs["UBND"].pk,), "object"),
    ("register_edit", lambda c: (c.register("UBND", RegisterKind.OUTGOING).pk,), "object"),
    ("register_preview", lambda c: (c.orgs["UBND"].pk,), "object"),
    ("term_list", lambda c: (), "page"),
    ("term_create", lambda c: (c.orgs["ĐU"].pk,), "object"),
    ("term_edit", lambda c: (Term.objects.filter(organization=c.orgs["ĐU"]).first().pk,),
     "object"),
    ("document_type_list", lambda c: (), "page"),
    ("document_type_create", lambda c: (), "page"),
    ("document_type_edit", lambda c: (DocumentType.objects.get(system="state", name="Quyết định",
                                                               organization=None).pk,), "object"),
    ("workdays", lambda c: (), "page"),
]
REFUSED = ["vanthu", "chanhvanphong", "chutich", "chuyenvien", "ketoan"]


def statuses(client: Client, cast) -> dict[str, int]:
    return {name: client.get(url(name, *args(cast))).status_code for name, args, _ in PAGES}


def test_admin_opens_every_administration_page(cast, admin_client):
    assert statuses(admin_client, cast) == {name: 200 for name, _, _ in PAGES}


@pytest.mark.parametrize("username", REFUSED)
def test_non_administrators_are_refused_every_administration_page(cast, client_for, username):
    expected = {name: 403 if kind == "page" else 404 for name, _, kind in PAGES}
    assert statuses(client_for(cast.users[username]), cast) == expected


def test_anonymous_visitors_are_sent_to_the_login_page(cast, client):
    for name, args, _ in PAGES:
        response = client.get(url(name, *args(cast)))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("login")), name


def test_office_administrator_opens_every_page_but_creating_offices(
    cast, client_for, office_admin
):
    expected = {name: 403 if name == "office_create" else 200 for name, _, _ in PAGES}
    assert statuses(client_for(office_admin), cast) == expected


@pytest.mark.parametrize("username", REFUSED)
def test_non_administrators_cannot_change_anything_by_posting(cast, client_for, username):
    client = client_for(cast.users[username])
    before = (Organization.objects.count(), User.objects.count(), AuditEvent.objects.count())
    assert client.post(url("organization_create"), organization_data(cast)).status_code == 403
    assert client.post(url("person_create"), person_data(cast)).status_code == 403
    position = cast.chuyenvien.positions.get()
    response = client.post(url("position_end", position.pk), {"end_date": "2026-01-10"})
    assert response.status_code == 404
    response = client.post(url("workdays"), {"date": "2026-03-07", "kind": "working",
                                             "name": "Làm bù"})
    assert response.status_code == 403
    after = (Organization.objects.count(), User.objects.count(), AuditEvent.objects.count())
    assert before == after
    assert cast.chuyenvien.positions.get().end_date is None


def test_administration_link_shows_only_for_administrators(cast, client_for):
    link = url("index")
    assert link in text_of(client_for(cast.admin).get(reverse("home:my_work")))
    assert link not in text_of(client_for(cast.vanthu).get(reverse("home:my_work")))


def test_it_answers_404_for_ids_that_cannot_exist(cast, admin_client):
    assert admin_client.get("/quan-tri/co-quan/99999999999999999999999/").status_code == 404
    assert admin_client.get(url("person_detail", 2**63)).status_code == 404
    assert admin_client.get(url("organization_detail", 0)).status_code == 404


# --- Offices ----------------------------------------------------------------------------


def test_superuser_creates_an_office_and_the_index_counts_each_office(cast, admin_client,
                                                                      other_office):
    page = text_of(admin_client.get(url("index")))
    assert "Văn phòng dùng chung các cơ quan xã Tân Hòa" in page
    assert "Văn phòng dùng chung xã Phú Lộc" in page
    assert "office.create" in audit_actions()


def test_office_administrator_cannot_create_an_office(cast, client_for, office_admin):
    client = client_for(office_admin)
    response = client.post(url("office_create"), {"name": "VP khác", "short_name": "K",
                                                  "place_name": "K"})
    assert response.status_code == 403
    assert Office.objects.count() == 1


def test_it_edits_the_office_and_audits_what_changed(cast, admin_client):
    response = admin_client.post(url("office_edit", cast.office.pk), {
        "name": cast.office.name, "short_name": "VPDC", "place_name": "Tân Hòa",
        "address": "Số 2 đường Lê Lợi", "phone": "0263 3820 222", "email": "vp@tanhoa.vn",
    })
    assert response.status_code == 302
    cast.office.refresh_from_db()
    assert cast.office.address == "Số 2 đường Lê Lợi"
    event = AuditEvent.objects.get(action="office.update")
    assert event.data["changes"]["phone"] == ["0263 3820 111", "0263 3820 222"]


def test_office_name_must_be_unique(cast, admin_client):
    response = admin_client.post(url("office_create"), {
        "name": cast.office.name.upper(), "short_name": "X", "place_name": "X"})
    assert response.status_code == 200
    assert "Đã có văn phòng mang tên này." in text_of(response)
    assert Office.objects.count() == 1


# --- Organizations ----------------------------------------------------------------------


def test_it_creates_an_organization_with_default_registers(cast, admin_client):
    response = admin_client.post(url("organization_create"), organization_data(cast))
    assert response.status_code == 302
    org = Organization.objects.get(short_name="CĐ")
    assert (org.family, org.parent, org.organ_id) == ("front", cast.orgs["MTTQ"], "000.09.31.H41")
    kinds = set(org.registers.values_list("kind", flat=True))
    assert {RegisterKind.INCOMING, RegisterKind.OUTGOING, RegisterKind.SECRET_OUTGOING} <= kinds
    outgoing = org.registers.get(kind=RegisterKind.OUTGOING)
    assert outgoing.notation_format == "{number}/{type}-{org}"
    assert audit_actions().count("register.create") == len(kinds)
    assert "organization.create" in audit_actions()
    assert "Công đoàn cơ sở xã Tân Hòa" in text_of(admin_client.get(url("organization_list")))


def test_party_organization_gets_party_numbering_defaults(cast, admin_client):
    admin_client.post(url("organization_create"), organization_data(
        cast, name="Đảng ủy Khối cơ quan", short_name="ĐUK", family="party", parent="",
        organ_id="000.10.31.H41"))
    outgoing = Register.objects.get(organization__short_name="ĐUK", kind=RegisterKind.OUTGOING)
    assert (outgoing.reset_policy, outgoing.per_type_series, outgoing.secret_policy) == (
        "term", True, "same")
    assert outgoing.notation_format == "{number}-{type}/{org}"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("organ_id", "000.09.31", "Mã định danh gồm đúng 13 ký tự"),
    ("organ_id", "000.09.31.h4!", "Mã định danh gồm đúng 13 ký tự"),
    ("organ_id", "000.03.31.H41", "Mã định danh này đã dùng cho Ủy ban nhân dân xã Tân Hòa."),
    ("short_name", "ubnd", "Văn phòng đã có cơ quan viết tắt là UBND."),
    ("short_name", "CĐ-CS", "chỉ gồm chữ cái và chữ số"),
    ("name", "", "This field is required"),
    ("family", "club", "Select a valid choice"),
])
def test_bad_organization_input_gives_a_message_and_changes_nothing(
    cast, admin_client, field, value, message
):
    before = (Organization.objects.count(), AuditEvent.objects.count())
    response = admin_client.post(url("organization_create"),
                                 organization_data(cast, **{field: value}))
    assert response.status_code == 200
    page = text_of(response)
    assert message in page or _vietnamese_required(message, page)
    assert (Organization.objects.count(), AuditEvent.objects.count()) == before


def _vietnamese_required(message: str, page: str) -> bool:
    """Django's own messages are shown in Vietnamese."""
    translations = {"This field is required": "Trường này là bắt buộc",
                    "Select a valid choice": "Hãy chọn một lựa chọn hợp lệ"}
    vietnamese = translations.get(message, "")
    return bool(vietnamese) and vietnamese.lower() in page.lower()


def test_organization_cannot_be_its_own_ancestor(cast, admin_client):
    mttq = cast.orgs["MTTQ"]
    data = organization_data(cast, name=mttq.name, short_name="MTTQ", organ_id=mttq.organ_id,
                             parent=cast.orgs["HND"].pk)
    response = admin_client.post(url("organization_edit", mttq.pk), data)
    assert response.status_code == 200
    assert "cơ quan trực thuộc nó làm cấp trên" in text_of(response)
    mttq.refresh_from_db()
    assert mttq.parent is None


def test_organization_page_shows_head_deputies_and_units(cast, admin_client):
    page = text_of(admin_client.get(url("organization_detail", cast.orgs["UBND"].pk)))
    assert "Lê Văn Nam" in page and "Chủ tịch UBND xã" in page
    assert "Đỗ Thị Lan" in page and "Phó Chủ tịch UBND xã" in page
    assert "Phòng Văn hóa – Xã hội" in page and "Phòng Kinh tế" in page


def test_it_deactivates_an_organization_by_editing(cast, admin_client):
    hccb = cast.orgs["HCCB"]
    data = organization_data(cast, name=hccb.name, short_name="HCCB", organ_id=hccb.organ_id,
                             is_active="")
    assert admin_client.post(url("organization_edit", hccb.pk), data).status_code == 302
    hccb.refresh_from_db()
    assert not hccb.is_active
    event = AuditEvent.objects.get(action="organization.update")
    assert event.data["changes"]["is_active"] == [True, False]


# --- Units ------------------------------------------------------------------------------


def test_it_creates_units_of_an_organization_and_of_the_office(cast, admin_client):
    response = admin_client.post(url("unit_create"), {
        "office": cast.office.pk, "organization": cast.orgs["UBND"].pk,
        "name": "Phòng Tư pháp", "short_name": "tp", "parent": "", "is_active": "on"})
    assert response.status_code == 302
    unit = Unit.objects.get(name="Phòng Tư pháp")
    assert (unit.organization, unit.short_name) == (cast.orgs["UBND"], "TP")
    response = admin_client.post(url("unit_create"), {
        "office": cast.office.pk, "organization": "", "name": "Tổ Một cửa",
        "short_name": "MC", "is_active": "on"})
    assert response.status_code == 302
    assert Unit.objects.get(name="Tổ Một cửa").serves_whole_office
    assert audit_actions().count("unit.create") == 2


def test_unit_short_name_must_be_unique_within_its_organization(cast, admin_client):
    response = admin_client.post(url("unit_create"), {
        "office": cast.office.pk, "organization": cast.orgs["UBND"].pk,
        "name": "Phòng Kinh tế 2", "short_name": "KT", "is_active": "on"})
    assert "Đã có đơn vị đang hoạt động viết tắt là KT." in text_of(response)
    assert not Unit.objects.filter(name="Phòng Kinh tế 2").exists()


def test_unit_of_an_organization_of_another_office_is_refused(cast, admin_client, other_office):
    foreign = other_office.organizations.get()
    response = admin_client.post(url("unit_create"), {
        "office": cast.office.pk, "organization": foreign.pk, "name": "Phòng lạ",
        "short_name": "PL", "is_active": "on"})
    assert response.status_code == 200
    assert "Cơ quan đã chọn thuộc văn phòng khác." in text_of(response)
    assert not Unit.objects.filter(name="Phòng lạ").exists()


def test_unit_parent_must_belong_to_the_same_organization(cast, admin_client):
    unit = cast.units["VHXH"]
    response = admin_client.post(url("unit_edit", unit.pk), {
        "organization": cast.orgs["UBND"].pk, "name": unit.name, "short_name": "VHXH",
        "parent": cast.units["VPĐU"].pk, "is_active": "on"})
    assert "Đơn vị cấp trên phải cùng cơ quan" in text_of(response)
    unit.refresh_from_db()
    assert unit.parent is None


# --- People -----------------------------------------------------------------------------


def test_it_creates_a_person_who_can_then_log_in(cast, admin_client):
    response = admin_client.post(url("person_create"), person_data(cast))
    assert response.status_code == 302
    person = User.objects.get(username="nguyenvana")
    assert person.full_name == "Nguyễn Văn A"
    post = person.positions.get()
    assert (post.organization, post.unit, post.role) == (cast.orgs["UBND"], cast.units["KT"],
                                                         Role.SPECIALIST)
    assert Client().login(username="nguyenvana", password=NEW_PASSWORD)
    assert audit_actions()[-2:] == ["person.create", "position.add"]
    assert NEW_PASSWORD not in str(list(AuditEvent.objects.values_list("data", flat=True)))


@pytest.mark.parametrize(("overrides", "message"), [
    ({"password1": "12345678", "password2": "12345678"}, "Mật khẩu chưa đủ an toàn."),
    ({"password2": "khac-mat-khau-2026"}, "Hai lần nhập mật khẩu không khớp."),
    ({"username": "VANTHU"}, "Tên đăng nhập này đã có người dùng."),
    ({"username": "có dấu cách"}, "Tên đăng nhập chỉ gồm chữ, số"),
    ({"role": Role.HEAD, "organization": "", "unit": ""},
     "Vai trò Người đứng đầu phải gắn với một cơ quan, tổ chức."),
    ({"role": Role.CLERK}, "Vai trò Văn thư giữ cho toàn văn phòng; để trống cơ quan."),
    ({"unit": 0}, "Hãy chọn một lựa chọn hợp lệ"),
    ({"organization": "", "unit": ""}, None),
    ({"start_date": "2026-02-30"}, "Ngày không hợp lệ"),
    ({"end_date": "2025-12-31"}, "Ngày kết thúc không thể trước ngày bắt đầu."),
])
def test_bad_person_input_gives_a_message_and_creates_nobody(cast, admin_client, overrides,
                                                             message):
    if message is None:
        # A specialist of the whole office (no organization, no unit) is allowed.
        response = admin_client.post(url("person_create"), person_data(cast, **overrides))
        assert response.status_code == 302
        return
    before = (User.objects.count(), Position.objects.count(), AuditEvent.objects.count())
    response = admin_client.post(url("person_create"), person_data(cast, **overrides))
    assert response.status_code == 200
    assert message.lower() in text_of(response).lower()
    assert (User.objects.count(), Position.objects.count(), AuditEvent.objects.count()) == before


def test_unit_of_another_organization_is_refused_for_a_position(cast, admin_client):
    response = admin_client.post(url("person_create"), person_data(
        cast, organization=cast.orgs["ĐU"].pk, unit=cast.units["KT"].pk))
    assert "Đơn vị Phòng Kinh tế thuộc Ủy ban nhân dân xã Tân Hòa" in text_of(response)
    assert not User.objects.filter(username="nguyenvana").exists()


def test_people_search_folds_vietnamese_and_finds_by_username(cast, admin_client):
    page = text_of(admin_client.get(url("person_list"), {"q": "hoa"}))
    assert "Nguyễn Thị Hoa" in page and "Trần Văn Bình" not in page
    page = text_of(admin_client.get(url("person_list"), {"q": "chuyenvien2"}))
    assert "Lê Thị Ngọc" in page and "Nguyễn Thị Hoa" not in page
    fragment = admin_client.get(url("person_list"), {"q": "dang thi"}, HTTP_HX_REQUEST="true")
    assert "Đặng Thị Thảo" in text_of(fragment) and "<nav" not in text_of(fragment)


def test_it_edits_a_person(cast, admin_client):
    response = admin_client.post(url("person_edit", cast.chuyenvien.pk), {
        "username": "chuyenvien", "full_name": "Trần Văn Bình", "email": "binh@tanhoa.vn",
        "phone": "0905 000 111"})
    assert response.status_code == 302
    cast.chuyenvien.refresh_from_db()
    assert cast.chuyenvien.phone == "0905 000 111"
    assert AuditEvent.objects.get(action="person.update").data["changes"]["email"] == [
        "chuyenvien@tanhoa.vn", "binh@tanhoa.vn"]


def test_deactivated_person_cannot_log_in_and_is_kept(cast, admin_client, password):
    response = admin_client.post(url("person_deactivate", cast.chuyenvien2.pk),
                                 {"reason": "Chuyển công tác"})
    assert response.status_code == 302
    assert not Client().login(username="chuyenvien2", password=password)
    assert User.objects.filter(pk=cast.chuyenvien2.pk).exists()
    event = AuditEvent.objects.get(action="person.deactivate")
    assert event.data["reason"] == "Chuyển công tác"
    listed = text_of(admin_client.get(url("person_list")))
    assert url("person_detail", cast.chuyenvien2.pk) not in listed
    listed = text_of(admin_client.get(url("person_list"), {"status": "inactive"}))
    assert url("person_detail", cast.chuyenvien2.pk) in listed
    assert admin_client.post(url("person_reactivate", cast.chuyenvien2.pk)).status_code == 302
    assert Client().login(username="chuyenvien2", password=password)
    assert "person.reactivate" in audit_actions()


def test_administrator_cannot_lock_themselves_out(cast, client_for, office_admin):
    client = client_for(office_admin)
    response = client.post(url("person_deactivate", office_admin.pk), {"reason": ""})
    assert response.status_code == 403
    office_admin.refresh_from_db()
    assert office_admin.is_active
    own_post = office_admin.positions.get()
    assert client.post(url("position_end", own_post.pk),
                       {"end_date": "2026-12-31"}).status_code == 403


def test_it_resets_a_password_without_logging_it(cast, admin_client, password):
    response = admin_client.post(url("person_password", cast.ketoan.pk),
                                 {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert not Client().login(username="ketoan", password=password)
    assert Client().login(username="ketoan", password=NEW_PASSWORD)
    event = AuditEvent.objects.get(action="person.password_reset")
    assert NEW_PASSWORD not in str(event.data) + event.summary


def test_weak_reset_password_is_refused(cast, admin_client, password):
    response = admin_client.post(url("person_password", cast.ketoan.pk),
                                 {"password1": "ketoan", "password2": "ketoan"})
    assert response.status_code == 200
    assert "Mật khẩu chưa đủ an toàn." in text_of(response)
    assert Client().login(username="ketoan", password=password)


def test_office_administrator_cannot_touch_accounts_with_posts_elsewhere(
    cast, admin_client, client_for, office_admin, other_office
):
    # bithu also becomes a specialist in the other office: only the superuser, who
    # administers both offices, may now change his account.
    foreign = other_office.organizations.get()
    admin_client.post(url("position_create", cast.bithu.pk), position_data(
        cast, office=other_office.pk, organization=foreign.pk, unit="", title="Cộng tác viên"))
    client = client_for(office_admin)
    assert client.get(url("person_detail", cast.bithu.pk)).status_code == 200
    assert client.post(url("person_password", cast.bithu.pk), {
        "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}).status_code == 403
    assert client.get(url("person_edit", cast.admin.pk)).status_code == 403
    # ...and the other office's organizations and people are simply not there.
    assert client.get(url("organization_detail", foreign.pk)).status_code == 404
    foreign_post = cast.bithu.positions.get(office=other_office)
    assert client.get(url("position_edit", foreign_post.pk)).status_code == 404


# --- Positions --------------------------------------------------------------------------


def test_a_person_holds_several_positions_across_organizations(cast, admin_client, client_for):
    admin_client.post(url("person_create"), person_data(cast))
    person = User.objects.get(username="nguyenvana")
    response = admin_client.post(url("position_create", person.pk), position_data(cast))
    assert response.status_code == 302
    assert set(person.positions.values_list("organization__short_name", flat=True)) == {
        "UBND", "MTTQ"}
    page = text_of(client_for(person).get(reverse("home:my_work")))
    select = re.search(r'<select[^>]*id="acting-select".*?</select>', page, re.S).group(0)
    assert "Ủy ban nhân dân xã Tân Hòa" in select and "Ủy ban Mặt trận Tổ quốc" in select


def test_ending_a_position_removes_the_role_from_the_next_day(cast, admin_client):
    post = cast.truongphong.positions.get()
    today = clock.today()
    response = admin_client.post(url("position_end", post.pk), {"end_date": today.isoformat()})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.end_date == today
    assert Position.objects.filter(pk=post.pk).exists()
    assert cast.units["VHXH"].pk in standing_of(User.objects.get(pk=cast.truongphong.pk)).unit_heads
    tomorrow = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time(8)))
    with clock.frozen_at(tomorrow):
        assert standing_of(User.objects.get(pk=cast.truongphong.pk)).unit_heads == frozenset()
    event = AuditEvent.objects.get(action="position.end")
    assert event.data["changes"]["end_date"] == [None, today.isoformat()]


def test_position_cannot_end_before_it_started(cast, admin_client):
    post = cast.chuyenvien.positions.get()
    response = admin_client.post(url("position_end", post.pk), {"end_date": "2025-06-30"})
    assert response.status_code == 200
    assert "Ngày kết thúc không thể trước ngày bắt đầu (01/07/2025)." in text_of(response)
    post.refresh_from_db()
    assert post.end_date is None


def test_an_organization_has_one_head_at_a_time(cast, admin_client):
    response = admin_client.post(url("position_create", cast.phochutich.pk), position_data(
        cast, role=Role.HEAD, title="Chủ tịch UBND xã", organization=cast.orgs["UBND"].pk,
        unit=""))
    assert response.status_code == 200
    assert "Lê Văn Nam đang là người đứng đầu Ủy ban nhân dân xã Tân Hòa" in text_of(response)
    # The handover works once the current head's post ends the day before.
    head_post = cast.chutich.positions.get(role=Role.HEAD)
    admin_client.post(url("position_end", head_post.pk), {"end_date": "2026-03-31"})
    response = admin_client.post(url("position_create", cast.phochutich.pk), position_data(
        cast, role=Role.HEAD, title="Chủ tịch UBND xã", organization=cast.orgs["UBND"].pk,
        unit="", start_date="2026-04-01"))
    assert response.status_code == 302
    on_april = cast.orgs["UBND"].head(on=dt.date(2026, 4, 2))
    assert on_april == cast.phochutich


def test_it_edits_a_position_and_refuses_a_duplicate(cast, admin_client):
    post = cast.chuyenvien.positions.get()
    response = admin_client.post(url("position_edit", post.pk), position_data(
        cast, title="Chuyên viên chính", organization=cast.orgs["UBND"].pk,
        unit=cast.units["VHXH"].pk, start_date="2025-07-01"))
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.title == "Chuyên viên chính"
    response = admin_client.post(url("position_create", cast.chuyenvien.pk), position_data(
        cast, organization=cast.orgs["UBND"].pk, unit=cast.units["VHXH"].pk))
    assert "đã giữ vai trò này ở cùng nơi" in text_of(response)
    assert cast.chuyenvien.positions.count() == 1


# --- Registers --------------------------------------------------------------------------


def register_data(register: Register, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": register.kind, "name": register.name, "reset_policy": register.reset_policy,
        "per_type_series": "on" if register.per_type_series else "",
        "secret_policy": register.secret_policy, "notation_format": register.notation_format,
        "notation_format_untyped": register.notation_format_untyped,
        "position": register.position, "is_active": "on" if register.is_active else "",
    }
    data.update(overrides)
    return data


def give_numbers(register: Register, count: int) -> None:
    with transaction.atomic():
        for _ in range(count):
            allocate_number(register, on=clock.today())


def test_register_page_previews_the_next_number_and_notation(cast, admin_client):
    register = cast.register("UBND", RegisterKind.OUTGOING)
    give_numbers(register, 4)
    page = text_of(admin_client.get(url("register_edit", register.pk)))
    assert "05/NQ-UBND" in page
    preview = admin_client.get(url("register_preview", cast.orgs["UBND"].pk), {
        **register_data(register, notation_format="{number}/{type}-{org}-TH"),
        "register": register.pk, "preview_type": "", "preview_unit": "vp",
    })
    assert "05/UBND-VP" in text_of(preview) and "<nav" not in text_of(preview)


def test_party_register_preview_follows_the_term(cast, admin_client):
    register = cast.register("ĐU", RegisterKind.OUTGOING)
    nq = DocumentType.objects.get(system="party", name="Nghị quyết", organization=None)
    preview = admin_client.get(url("register_preview", cast.orgs["ĐU"].pk), {
        **register_data(register), "register": register.pk, "preview_type": nq.pk})
    assert "01-NQ/ĐU" in text_of(preview)
    # Without a term covering today, the preview says what is missing.
    Term.objects.filter(organization=cast.orgs["ĐU"]).delete()
    preview = admin_client.get(url("register_preview", cast.orgs["ĐU"].pk), {
        **register_data(register), "register": register.pk, "preview_type": nq.pk})
    assert "Chưa khai báo nhiệm kỳ" in text_of(preview)


def test_preview_button_works_without_javascript_and_saves_nothing(cast, admin_client):
    register = cast.register("UBND", RegisterKind.OUTGOING)
    response = admin_client.post(url("register_edit", register.pk), {
        **register_data(register, notation_format="{number}/{type}/{org}"), "preview": "1"})
    assert response.status_code == 200
    assert "01/NQ/UBND" in text_of(response)
    register.refresh_from_db()
    assert register.notation_format == "{number}/{type}-{org}"


def test_changing_the_policy_of_a_register_in_use_needs_confirmation(cast, admin_client):
    register = cast.register("UBND", RegisterKind.OUTGOING)
    give_numbers(register, 3)
    data = register_data(register, per_type_series="on")
    response = admin_client.post(url("register_edit", register.pk), data)
    assert response.status_code == 200
    assert "đã cấp 3 số trong kỳ hiện tại" in text_of(response)
    register.refresh_from_db()
    assert not register.per_type_series
    assert "register.policy_change" not in audit_actions()
    response = admin_client.post(url("register_edit", register.pk), {**data, "confirm": "on"})
    assert response.status_code == 302
    register.refresh_from_db()
    assert register.per_type_series
    event = AuditEvent.objects.get(action="register.policy_change")
    assert event.data["numbers_in_period"] == 3
    assert "đã cấp 3 số" in event.data["confirmed_warning"]


def test_policy_of_an_unused_register_changes_without_confirmation(cast, admin_client):
    register = cast.register("HPN", RegisterKind.OUTGOING)
    response = admin_client.post(url("register_edit", register.pk),
                                 register_data(register, per_type_series="on"))
    assert response.status_code == 302
    assert "register.policy_change" in audit_actions()


@pytest.mark.parametrize(("overrides", "message"), [
    ({"notation_format": "{number}/{loai}-{org}"}, "Mẫu có chỗ trống không hợp lệ: {loai}"),
    ({"notation_format": "{type}-{org}"}, "Mẫu phải có {number}"),
    ({"notation_format": "{number}/{org}"}, "phải có {type}"),
    ({"notation_format": "{number}/{type-{org}"}, "dấu ngoặc"),
    ({"notation_format": "{number} / {type}-{org}"}, "không có dấu cách"),
    ({"notation_format": "{number.real}/{type}"}, "không hợp lệ"),
    ({"notation_format_untyped": ""}, "Cần mẫu cho loại không có chữ viết tắt"),
    ({"name": ""}, "bắt buộc"),
])
def test_bad_register_input_gives_a_message_and_changes_nothing(cast, admin_client, overrides,
                                                                message):
    register = cast.register("UBND", RegisterKind.OUTGOING)
    before = AuditEvent.objects.count()
    response = admin_client.post(url("register_edit", register.pk),
                                 register_data(register, **overrides))
    assert response.status_code == 200
    assert message.lower() in text_of(response).lower()
    assert Register.objects.get(pk=register.pk).notation_format == "{number}/{type}-{org}"
    assert AuditEvent.objects.count() == before


def test_it_creates_a_register_and_refuses_a_second_incoming_register(cast, admin_client):
    org = cast.orgs["UBND"]
    response = admin_client.post(url("register_create", org.pk), {
        "kind": "outgoing", "name": "Sổ văn bản Hội đồng thi đua", "reset_policy": "year",
        "secret_policy": "separate", "notation_format": "{number}/{type}-HĐTĐ",
        "notation_format_untyped": "{number}/HĐTĐ", "position": 9, "is_active": "on"})
    assert response.status_code == 302
    assert org.registers.filter(name="Sổ văn bản Hội đồng thi đua").exists()
    response = admin_client.post(url("register_create", org.pk), {
        "kind": "incoming", "name": "Sổ đến thứ hai", "reset_policy": "year",
        "secret_policy": "separate", "position": 0, "is_active": "on"})
    assert response.status_code == 200
    assert "số đến chạy liên tục trong một sổ" in text_of(response)


def test_used_register_is_deactivated_instead_of_deleted(cast, admin_client):
    used = cast.register("UBND", RegisterKind.OUTGOING)
    give_numbers(used, 1)
    unused = cast.register("HPN", RegisterKind.OUTGOING)
    assert admin_client.post(url("register_remove", used.pk)).status_code == 302
    assert admin_client.post(url("register_remove", unused.pk)).status_code == 302
    used.refresh_from_db()
    assert not used.is_active and Counter.objects.filter(register=used).exists()
    assert not Register.objects.filter(pk=unused.pk).exists()
    assert {"register.deactivate", "register.delete"} <= set(audit_actions())


# --- Terms ------------------------------------------------------------------------------


def test_it_adds_a_congress_and_refuses_overlaps(cast, admin_client):
    org = cast.orgs["ĐU"]
    response = admin_client.post(url("term_create", org.pk), {
        "kind": "congress", "name": "Đại hội lần thứ I", "start_date": "2025-08-18",
        "end_date": "2025-08-20"})
    assert response.status_code == 302
    response = admin_client.post(url("term_create", org.pk), {
        "kind": "term", "name": "Nhiệm kỳ chồng", "start_date": "2030-01-01",
        "end_date": ""})
    assert "Trùng thời gian với Nhiệm kỳ 2025–2030" in text_of(response)
    response = admin_client.post(url("term_create", org.pk), {
        "kind": "term", "name": "Sai ngày", "start_date": "2030-01-01",
        "end_date": "2029-01-01"})
    assert "Ngày kết thúc không thể trước ngày bắt đầu." in text_of(response)
    assert org.terms.count() == 3
    assert audit_actions().count("term.create") == 1


def test_term_with_numbers_cannot_be_deleted(cast, admin_client):
    give_numbers(cast.register("ĐU", RegisterKind.OUTGOING), 1)
    current = Term.objects.get(name="Nhiệm kỳ 2025–2030")
    old = Term.objects.get(name="Nhiệm kỳ 2020–2025")
    response = admin_client.post(url("term_delete", current.pk), follow=True)
    assert "không xóa được" in text_of(response)
    assert Term.objects.filter(pk=current.pk).exists()
    admin_client.post(url("term_delete", old.pk))
    assert not Term.objects.filter(pk=old.pk).exists()
    assert "term.delete" in audit_actions()


# --- Document types ---------------------------------------------------------------------


def test_it_adds_an_organization_specific_type_and_edits_its_abbreviation(cast, admin_client):
    response = admin_client.post(url("document_type_create"), {
        "organization": cast.orgs["ĐU"].pk, "system": "party", "name": "Quy định riêng",
        "abbreviation": "QĐi2", "position": 50, "is_active": "on"})
    assert response.status_code == 302
    own = DocumentType.objects.get(name="Quy định riêng")
    assert own.organization == cast.orgs["ĐU"]
    response = admin_client.post(url("document_type_edit", own.pk), {
        "system": "party", "name": "Quy định riêng", "abbreviation": "QyĐ", "position": 50,
        "is_active": "on"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.abbreviation == "QyĐ"
    assert AuditEvent.objects.get(action="document_type.update").data["changes"] == {
        "abbreviation": ["QĐi2", "QyĐ"]}


def test_duplicate_abbreviation_in_the_same_list_is_refused(cast, admin_client):
    quyet_dinh = DocumentType.objects.get(system="state", name="Quyết định", organization=None)
    response = admin_client.post(url("document_type_create"), {
        "organization": "", "system": "state", "name": "Quy định mới", "abbreviation": "QĐ",
        "position": 1, "is_active": "on"})
    assert "Chữ viết tắt QĐ đã dùng cho Quyết định." in text_of(response)
    response = admin_client.post(url("document_type_edit", quyet_dinh.pk), {
        "system": "state", "name": "Quyết định", "abbreviation": "Q Đ", "position": 2,
        "is_active": "on"})
    assert "không có dấu cách" in text_of(response)
    quyet_dinh.refresh_from_db()
    assert quyet_dinh.abbreviation == "QĐ"


def test_changing_an_abbreviation_numbered_per_type_needs_confirmation(cast, admin_client):
    register = cast.register("ĐU", RegisterKind.OUTGOING)
    nq = DocumentType.objects.get(system="party", name="Nghị quyết", organization=None)
    with transaction.atomic():
        allocate_number(register, on=clock.today(), document_type=nq)
    data = {"system": "party", "name": "Nghị quyết", "abbreviation": "NQu", "position": 1,
            "is_active": "on"}
    response = admin_client.post(url("document_type_edit", nq.pk), data)
    assert "bắt đầu một dãy số mới từ 01" in text_of(response)
    assert DocumentType.objects.get(pk=nq.pk).abbreviation == "NQ"
    response = admin_client.post(url("document_type_edit", nq.pk), {**data, "confirm": "on"})
    assert response.status_code == 302
    assert DocumentType.objects.get(pk=nq.pk).abbreviation == "NQu"


def test_used_document_type_is_deactivated_instead_of_deleted(cast, admin_client):
    cong_van = DocumentType.objects.get(system="state", name="Công văn", organization=None)
    incoming_actions.register_incoming(
        actor=cast.vanthu, organizations=[cast.orgs["UBND"]], has_paper_original=True,
        fields=incoming_actions.IncomingFields(
            issuer="UBND tỉnh Lâm Đồng", code="15/UBND-VX", issued_date=dt.date(2026, 1, 5),
            subject="Về việc chuẩn bị Tết", document_type=cong_van))
    thu_cong = DocumentType.objects.get(system="state", name="Thư công", organization=None)
    admin_client.post(url("document_type_remove", cong_van.pk))
    admin_client.post(url("document_type_remove", thu_cong.pk))
    cong_van.refresh_from_db()
    assert not cong_van.is_active
    assert not DocumentType.objects.filter(pk=thu_cong.pk).exists()


def test_shared_types_are_read_only_for_an_administrator_of_one_office_among_several(
    cast, client_for, office_admin, other_office
):
    client = client_for(office_admin)
    shared = DocumentType.objects.get(system="state", name="Quyết định", organization=None)
    assert client.get(url("document_type_edit", shared.pk)).status_code == 404
    response = client.post(url("document_type_create"), {
        "organization": "", "system": "state", "name": "Loại chung mới", "abbreviation": "LCM",
        "position": 1, "is_active": "on"})
    assert response.status_code == 200
    assert not DocumentType.objects.filter(name="Loại chung mới").exists()
    response = client.post(url("document_type_create"), {
        "organization": cast.orgs["UBND"].pk, "system": "state", "name": "Loại riêng",
        "abbreviation": "LR", "position": 1, "is_active": "on"})
    assert response.status_code == 302


# --- Working days -----------------------------------------------------------------------


def test_workday_page_shows_statutory_holidays_beside_the_overrides(cast, admin_client):
    page = text_of(admin_client.get(url("workdays"), {"nam": "2026"}))
    assert "Quốc khánh" in page and "02/09/2026" in page
    assert "Tết Nguyên Đán" in page


def test_it_adds_and_removes_overrides_and_deadlines_follow(cast, client_for, office_admin):
    client = client_for(office_admin)
    # Friday 2026-03-06 becomes a day off; Saturday 2026-03-14 is worked in exchange.
    assert deadline_after(dt.date(2026, 3, 5), 1) == dt.date(2026, 3, 6)
    response = client.post(url("workdays") + "?nam=2026", {
        "date": "2026-03-06", "kind": "holiday", "name": "Nghỉ hoán đổi"})
    assert response.status_code == 302
    client.post(url("workdays"), {"date": "14/03/2026", "kind": "working",
                                  "name": "Làm bù cho ngày 06/3"})
    assert deadline_after(dt.date(2026, 3, 5), 1) == dt.date(2026, 3, 9)
    assert deadline_after(dt.date(2026, 3, 13), 1) == dt.date(2026, 3, 14)
    page = text_of(client.get(url("workdays"), {"nam": "2026"}))
    assert "Nghỉ hoán đổi" in page and "Làm bù cho ngày 06/3" in page
    override = WorkdayOverride.objects.get(date=dt.date(2026, 3, 6))
    assert client.post(url("workday_remove", override.pk)).status_code == 302
    assert deadline_after(dt.date(2026, 3, 5), 1) == dt.date(2026, 3, 6)
    assert audit_actions().count("workday.add") == 2 and "workday.remove" in audit_actions()


@pytest.mark.parametrize(("data", "message"), [
    ({"date": "2026-09-02", "kind": "holiday", "name": "Lễ"}, "đã là ngày nghỉ lễ"),
    ({"date": "2026-03-07", "kind": "holiday", "name": "Nghỉ"}, "là ngày nghỉ cuối tuần"),
    ({"date": "2026-03-04", "kind": "working", "name": "Làm"}, "vốn là ngày làm việc"),
    ({"date": "2026-13-01", "kind": "working", "name": "Làm"}, "Ngày không hợp lệ"),
    ({"date": "9999-03-06", "kind": "holiday", "name": "Nghỉ"}, "Năm phải từ 1990 đến 2200."),
    ({"date": "2026-03-07", "kind": "working", "name": ""}, "bắt buộc"),
])
def test_bad_override_gives_a_message_and_changes_nothing(cast, admin_client, data, message):
    response = admin_client.post(url("workdays"), data)
    assert response.status_code == 200
    assert message.lower() in text_of(response).lower()
    assert not WorkdayOverride.objects.exists()


def test_the_same_day_cannot_be_declared_twice(cast, admin_client):
    data = {"date": "2026-03-07", "kind": "working", "name": "Làm bù"}
    admin_client.post(url("workdays"), data)
    response = admin_client.post(url("workdays"), data)
    assert "đã được khai báo" in text_of(response)
    assert WorkdayOverride.objects.count() == 1


def test_pages_use_no_inline_scripts_or_styles(cast, admin_client):
    for name, args, _ in PAGES:
        page = text_of(admin_client.get(url(name, *args(cast))))
        assert "style=" not in page and "<script>" not in page and "onclick" not in page


def test_the_new_organization_page_carries_the_only_office_and_names_every_error(
    cast, admin_client
):
    page = text_of(admin_client.get(url("organization_create")))
    assert f'name="office" value="{cast.office.pk}"' in page
    # A hidden field that fails is named in the summary, not left silent.
    response = admin_client.post(url("organization_create"),
                                 organization_data(cast, office="", organ_id="12"))
    summary = response.content.decode().split('data-testid="field-errors"')[1].split("</ul>")[0]
    assert "Văn phòng" in summary and "Mã định danh" in summary
    assert not Organization.objects.filter(short_name="CĐ").exists()
