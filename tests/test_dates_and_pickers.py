"""Dates typed as Vietnamese write them (dd/mm/yyyy, 24 h) whatever the browser's
language, and the tree pickers: grouped, with titles, without the clerk, the cashier or
the leader himself."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.test_incoming_pages import form_data
from tests.test_records import plan  # noqa: F401  (fixture)
from vanphong import clock
from vanphong.errors import Invalid
from vanphong.incoming import actions
from vanphong.incoming.forms import DocumentFieldsForm
from vanphong.incoming.models import IncomingDocument
from vanphong.schedule.forms import EventForm, People
from vanphong.widgets import parse_date, parse_month, parse_time

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("typed", "day"), [
    ("05/03/2026", dt.date(2026, 3, 5)), ("5/3/2026", dt.date(2026, 3, 5)),
    ("05.03.2026", dt.date(2026, 3, 5)), ("05032026", dt.date(2026, 3, 5)),
    ("2026-03-05", dt.date(2026, 3, 5)), (" 29/02/2028 ", dt.date(2028, 2, 29)),
    ("31/02/2026", None), ("03/05/26", None), ("2026-13-01", None), ("hôm nay", None),
    ("1122026", None),
])
def test_days_are_read_day_first_and_in_iso(typed, day):
    assert parse_date(typed) == day


@pytest.mark.parametrize(("typed", "time"), [
    ("14:30", dt.time(14, 30)), ("8:05", dt.time(8, 5)), ("14h30", dt.time(14, 30)),
    ("14h", dt.time(14)), ("1430", dt.time(14, 30)), ("14:30:00", dt.time(14, 30)),
    ("24:00", None), ("2:30 PM", None), ("14", None),
])
def test_times_are_read_on_a_24_hour_clock(typed, time):
    assert parse_time(typed) == time


def test_months_are_read_as_month_and_year():
    assert parse_month("03/2026") == parse_month("2026-03") == dt.date(2026, 3, 1)
    assert parse_month("13/2026") is None


def _registered_document(client, cast, **overrides) -> IncomingDocument:
    data = form_data(cast, has_paper_original="on", **overrides)
    response = client.post(reverse("incoming:register"), data)
    assert response.status_code == 302, re.findall(r"invalid-feedback[^>]*>([^<]+)",
                                                   response.content.decode())
    return IncomingDocument.objects.get(code=data["code"])


def test_a_day_and_time_typed_day_first_and_one_in_iso_both_save(cast, client_for):
    clerk = client_for(cast.vanthu)
    day = clock.today() - dt.timedelta(days=3)
    typed = _registered_document(
        clerk, cast, code="1/SNV", issued_date=day.strftime("%d/%m/%Y"),
        arrival_at=timezone.localtime(clock.now()).strftime("%d/%m/%Y %H:%M"))
    iso = _registered_document(
        clerk, cast, code="2/SNV", issued_date=day.isoformat(),
        arrival_at=timezone.localtime(clock.now()).strftime("%Y-%m-%dT%H:%M"))
    assert typed.issued_date == iso.issued_date == day


def test_a_wrong_day_gets_a_vietnamese_message_on_its_field(cast, client_for):
    response = client_for(cast.vanthu).post(
        reverse("incoming:register"), form_data(cast, issued_date="31/02/2026"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["issued_date"] == [
        "Ngày không hợp lệ: nhập theo dạng ngày/tháng/năm, ví dụ 05/03/2026."]
    assert not IncomingDocument.objects.exists()


def test_days_and_times_show_day_first_and_on_24_hours(cast):
    html = DocumentFieldsForm(initial={"issued_date": dt.date(2026, 3, 5)})["issued_date"]
    assert 'type="text"' in str(html) and 'value="05/03/2026"' in str(html)
    assert 'placeholder="dd/mm/yyyy"' in str(html)
    form = EventForm(people=People(cast.office), organizations=[cast.orgs["UBND"]],
                     joint_allowed=False,
                     initial={"day": dt.date(2026, 3, 5), "start": dt.time(14, 30)})
    assert 'value="14:30"' in str(form["start"]) and 'type="text"' in str(form["start"])
    assert "type=\"date\"" not in str(form) and "type=\"time\"" not in str(form)


def test_a_filter_day_in_the_address_shows_day_first(cast, client_for):
    register = cast.register("UBND")
    page = client_for(cast.vanthu).get(reverse("registers:detail", args=[register.pk]),
                                       {"tu_ngay": "2026-03-01", "den_ngay": "31/03/2026"})
    html = page.content.decode()
    assert 'value="01/03/2026"' in html and 'value="31/03/2026"' in html
    assert 'type="date"' not in html


def test_search_and_the_incoming_list_take_days_typed_day_first(cast, client_for):
    client = client_for(cast.vanthu)
    _registered_document(client, cast, code="3/SNV")
    today = clock.today().strftime("%d/%m/%Y")
    listing = client.get(reverse("incoming:list"), {"date_from": today, "date_to": today})
    assert "3/SNV" in listing.content.decode()
    wrong = client.get(reverse("incoming:list"), {"date_from": "32/01/2026"})
    assert "Ngày không hợp lệ" in wrong.content.decode()
    search = client.get(reverse("search:page"), {"q": "cải cách", "date_from": "99/99/2026"})
    assert "Từ ngày không đúng dạng ngày (ngày/tháng/năm)" in search.content.decode()


# --- Pickers ------------------------------------------------------------------------------


def _routed(cast) -> IncomingDocument:
    fields = actions.IncomingFields(issuer="UBND tỉnh Lâm Đồng", code="88/UBND-KGVX",
                                    subject="V/v chuyển đổi số", issued_date=clock.today())
    [doc] = actions.register_incoming(actor=cast.vanthu, organizations=[cast.orgs["UBND"]],
                                      fields=fields, has_paper_original=True)
    actions.route_incoming(actor=cast.vanthu, document=doc, leaders=[cast.chutich])
    return doc


def _picker(html: str, name: str) -> str:
    start = re.search(f'id="id_{name}"[^>]*data-tree-picker', html).start()
    return html[start:html.index("</fieldset>", start)]


def _offered(picker: str) -> set[str]:
    return set(re.findall(r'type="checkbox" name="[\w-]+" value="([\w-]+)"', picker))


def test_phoi_hop_and_de_biet_are_trees_of_units_and_people_with_their_titles(cast, client_for):
    doc = _routed(cast)
    html = client_for(cast.chutich).get(reverse("incoming:detail", args=[doc.pk])).content.decode()
    supports, for_info = _picker(html, "supports"), _picker(html, "for_info")
    assert '<legend class="visually-hidden">Phối hợp</legend>' in supports
    assert 'for="id_supports_search">Phối hợp</label>' in html
    for heading in ("Ủy ban nhân dân xã Tân Hòa", "Phòng Kinh tế",
                    "Văn phòng dùng chung các cơ quan xã Tân Hòa"):
        assert heading in supports and heading in for_info
    assert 'Lê Thị Ngọc <span class="text-muted">— Chuyên viên Phòng Kinh tế' in supports
    assert "Đỗ Thị Lan <span class=\"text-muted\">— Phó Chủ tịch UBND xã" in for_info
    # Units may support; only people are told.
    assert f"u{cast.units['KT'].pk}" in _offered(supports)
    assert not any(v.startswith("u") for v in _offered(for_info))
    # Every label's `for` names a box that is there.
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    assert set(re.findall(r'\bfor="([^"]+)"', supports)) <= ids


def test_the_clerk_the_cashier_the_archivist_and_the_leader_himself_are_not_offered(
        cast, client_for):
    doc = _routed(cast)
    html = client_for(cast.chutich).get(reverse("incoming:detail", args=[doc.pk])).content.decode()
    left_out = {f"p{u.pk}" for u in (cast.vanthu, cast.vanthu2, cast.thuquy, cast.luutru,
                                     cast.admin, cast.chutich)}
    for name in ("supports", "for_info"):
        offered = _offered(_picker(html, name))
        assert offered and not offered & left_out
        assert f"p{cast.chanhvanphong.pk}" in offered and f"p{cast.ketoan.pk}" in offered
    # The clerks' own unit is not one that handles documents either.
    assert f"u{cast.units['VT'].pk}" not in _offered(_picker(html, "supports"))
    assert f"p{cast.vanthu.pk}" not in re.findall(r'value="(p\d+)"', html.split('id="id_lead"')[1]
                                                  .split("</select>")[0])


def test_phoi_hop_and_de_biet_chosen_in_the_tree_are_saved(cast, client_for):
    doc = _routed(cast)
    response = client_for(cast.chutich).post(reverse("incoming:instruct", args=[doc.pk]), {
        "lead": f"p{cast.chuyenvien.pk}",
        "supports": [f"p{cast.chuyenvien2.pk}", f"u{cast.units['KT'].pk}"],
        "for_info": [f"p{cast.phochutich.pk}"], "deadline": "",
        "working_days": "5", "text": "Giao đồng chí Bình."})
    assert response.status_code == 302
    kinds = sorted((a.kind, a.handler_label) for a in doc.assignments.all())
    assert ("for_info", "Đỗ Thị Lan") in kinds and ("support", "Lê Thị Ngọc") in kinds
    assert ("support", "Phòng Kinh tế") in kinds


def test_the_leader_cannot_make_himself_a_supporter_nor_give_the_clerk_the_document(
        cast, client_for):
    doc = _routed(cast)
    client = client_for(cast.chutich)
    for extra in ({"supports": [f"p{cast.chutich.pk}"]}, {"for_info": [f"p{cast.vanthu.pk}"]}):
        response = client.post(reverse("incoming:instruct", args=[doc.pk]),
                               {"lead": f"p{cast.chuyenvien.pk}", **extra})
        assert response.status_code in (200, 400)
        assert not doc.assignments.exists()
    with pytest.raises(Invalid):
        actions.instruct_incoming(actor=cast.chutich, document=doc, handlers=actions.Handlers(
            lead_person=cast.chuyenvien, support_people=[cast.chutich]))
    with pytest.raises(Invalid):
        actions.instruct_incoming(actor=cast.chutich, document=doc, handlers=actions.Handlers(
            lead_person=cast.thuquy))


def test_task_supports_are_organizations_units_and_people_without_the_clerk(cast, client_for):
    html = client_for(cast.chutich).get(reverse("followup:create")).content.decode()
    picker = _picker(html, "r0-supports")
    offered = _offered(picker)
    assert f"o{cast.orgs['MTTQ'].pk}" in offered and f"u{cast.units['VHXH'].pk}" in offered
    assert f"p{cast.chuyenvien.pk}-{cast.orgs['UBND'].pk}" in offered
    assert "Trần Văn Bình <span class=\"text-muted\">— Chuyên viên Phòng Văn hóa – Xã hội" in picker
    assert not {v for v in offered if v.startswith(f"p{cast.vanthu.pk}-")
                or v.startswith(f"p{cast.thuquy.pk}-")}
    assert f"u{cast.units['VT'].pk}" not in offered


def test_thanh_phan_lists_people_by_body_with_titles_and_without_the_clerk(cast, client_for):
    html = client_for(cast.chanhvanphong).get(reverse("schedule:event_add")).content.decode()
    people = _picker(html, "participants")
    assert "Hoàng Văn Thắng <span class=\"text-muted\">— Bí thư Đảng ủy xã, Chủ tịch HĐND xã" \
        in people
    assert html.count(f'value="{cast.bithu.pk}" id="id_participants_') == 1
    offered = _offered(people)
    assert str(cast.chutich.pk) in offered
    assert not offered & {str(cast.vanthu.pk), str(cast.thuquy.pk), str(cast.luutru.pk)}
    assert _offered(_picker(html, "participant_orgs")) == {
        str(o.pk) for o in cast.orgs.values()}


def test_editing_an_event_keeps_who_it_already_invites_outside_the_list(cast, client_for):
    """An event made before the pickers left the clerk out still invites her: the edit form
    offers her, ticked, and saving it does not drop her."""
    import datetime as dt

    from django.utils import timezone

    from vanphong.schedule import actions as schedule_actions

    start = timezone.make_aware(dt.datetime.combine(clock.today() + dt.timedelta(days=1),
                                                    dt.time(8, 0)))
    event, _ = schedule_actions.add_event(
        actor=cast.chanhvanphong, office=cast.office, fields=schedule_actions.EventFields(
            starts_at=start, ends_at=start + dt.timedelta(hours=2), content="Họp giao ban",
            venue="Hội trường xã", participants=(cast.vanthu, cast.chutich)))
    client = client_for(cast.chanhvanphong)
    edit = reverse("schedule:event_edit", args=[event.pk])
    people = _picker(client.get(edit).content.decode(), "participants")
    assert "Đã mời từ trước" in people
    assert re.search(f'value="{cast.vanthu.pk}"[^>]*checked', people)
    day = start.strftime("%d/%m/%Y")
    saved = client.post(edit, {"organization": "", "day": day, "start": "08:00", "end": "10:30",
                               "content": "Họp giao ban (đổi giờ)", "venue": "Hội trường xã",
                               "participants": [cast.vanthu.pk, cast.chutich.pk]})
    assert saved.status_code == 302, saved.content.decode()[-3000:]
    invited = set(event.attendees.filter(role="participant").values_list("person_id", flat=True))
    assert invited == {cast.vanthu.pk, cast.chutich.pk}


def test_dossiers_are_offered_by_file_plan_and_heading(cast, plan, client_for):  # noqa: F811
    html = client_for(cast.vanthu).get(reverse("incoming:register")).content.decode()
    picker = _picker(html, "dossiers")
    assert f"Danh mục hồ sơ năm {clock.today().year} — UBND" in picker
    general, staff = picker.index("Tổng hợp"), picker.index("Tổ chức cán bộ")
    assert general < picker.index("01.TH") < staff < picker.index("02.TCCB")
