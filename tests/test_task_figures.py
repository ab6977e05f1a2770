"""Follow-up figures (issue #6): on time, late, overdue, in progress, due this week — per
lead organization, unit, person and assigning organization; one source for the page, the
drill-down, the exports and the API, so an organization's figures equal the office's."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.test_api import api_as  # noqa: F401  (fixture)
from tests.test_incoming_permissions import EVERYONE
from tests.test_tasks import LEAD, SUPPORT
from vanphong import clock
from vanphong.followup import actions
from vanphong.followup.actions import AssigneeSpec, TaskSpec
from vanphong.followup.figures import GROUPINGS, MEASURES, Period, drill_down, figures
from vanphong.organizations.standing import standing_of

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
#: The day the figures are read: Wednesday 10 March 2027 (its week ends on the 14th).
TODAY = dt.datetime(2027, 3, 10, 9, 0, tzinfo=HANOI)
YEAR = Period(dt.date(2027, 1, 1), dt.date(2027, 12, 31))


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9), tzinfo=HANOI)


def _task(cast, actor, owner, title, due, *assignees, on=dt.date(2027, 3, 1)):
    with clock.frozen_at(_at(on)):
        [made] = actions.create_tasks(actor=actor, organization=cast.orgs[owner], specs=[
            TaskSpec(title=title, due_date=due, assignees=tuple(assignees))])
    return made


def _done(cast, task, who, day):
    with clock.frozen_at(_at(day)):
        actions.complete_task(actor=who, task=task, result="Đã xong.")


@pytest.fixture
def tasks(cast):
    o, u = cast.orgs, cast.units
    on_time = _task(cast, cast.bithu, "ĐU", "Báo cáo công tác dân vận", dt.date(2027, 3, 5),
                    AssigneeSpec(LEAD, o["UBND"], u["VHXH"], cast.chuyenvien),
                    AssigneeSpec(SUPPORT, o["MTTQ"]))
    _done(cast, on_time, cast.chuyenvien, dt.date(2027, 3, 4))
    late = _task(cast, cast.bithu, "ĐU", "Tổng hợp ý kiến cử tri", dt.date(2027, 3, 5),
                 AssigneeSpec(LEAD, o["MTTQ"], person=cast.chuyenvienmttq))
    _done(cast, late, cast.chuyenvienmttq, dt.date(2027, 3, 8))
    overdue = _task(cast, cast.chutich, "UBND", "Rà soát hộ nghèo", dt.date(2027, 3, 8),
                    AssigneeSpec(LEAD, o["UBND"], u["KT"]))
    this_week = _task(cast, cast.chutich, "UBND", "Kiểm tra chợ", dt.date(2027, 3, 12),
                      AssigneeSpec(LEAD, o["UBND"], u["KT"], cast.chuyenvien2))
    later = _task(cast, cast.bithu, "ĐU", "Chuẩn bị đại hội Mặt trận", dt.date(2027, 3, 30),
                  AssigneeSpec(LEAD, o["MTTQ"]))
    cancelled = _task(cast, cast.chutich, "UBND", "Việc đã hủy", dt.date(2027, 3, 20),
                      AssigneeSpec(LEAD, o["UBND"], u["KT"]))
    with clock.frozen_at(_at(dt.date(2027, 3, 2))):
        actions.cancel_task(actor=cast.chutich, task=cancelled, reason="Không còn cần")
    carried = _task(cast, cast.chutich, "UBND", "Việc năm trước chưa xong", dt.date(2026, 12, 21),
                    AssigneeSpec(LEAD, o["UBND"], u["VHXH"], cast.chuyenvien),
                    on=dt.date(2026, 12, 1))
    closed_last_year = _task(cast, cast.chutich, "UBND", "Việc năm trước đã xong",
                             dt.date(2026, 12, 10), AssigneeSpec(LEAD, o["UBND"], u["KT"]),
                             on=dt.date(2026, 12, 1))
    _done(cast, closed_last_year, cast.truongphongkt, dt.date(2026, 12, 9))
    return {"on_time": on_time, "late": late, "overdue": overdue, "this_week": this_week,
            "later": later, "carried": carried}


def _read(user, grouping="co-quan", period=YEAR):
    with clock.frozen_at(TODAY):
        return figures(user, grouping=grouping, period=period)


def _row(table, label):
    return next(r for r in table.rows if r.label == label).counts


def test_each_task_falls_in_exactly_one_measure(cast, tasks):
    table = _read(cast.vanthu)
    assert table.total == {"total": 6, "on_time": 1, "late": 1, "overdue": 2,
                           "in_progress": 2, "this_week": 1}
    t = table.total
    assert t["on_time"] + t["late"] + t["overdue"] + t["in_progress"] == t["total"]
    assert _row(table, "Ủy ban nhân dân xã Tân Hòa")["overdue"] == 2  # incl. last year's


def test_groupings_label_their_rows(cast, tasks):
    units = _read(cast.vanthu, "don-vi")
    assert {r.label for r in units.rows} == {
        "Phòng Kinh tế (UBND)", "Phòng Văn hóa – Xã hội (UBND)", "Không qua đơn vị"}
    people = _read(cast.vanthu, "ca-nhan")
    assert _row(people, "Chưa giao người cụ thể") == {
        "total": 2, "on_time": 0, "late": 0, "overdue": 1, "in_progress": 1, "this_week": 0}
    owners = _read(cast.vanthu, "co-quan-giao")
    assert _row(owners, "Đảng ủy xã Tân Hòa")["total"] == 3


@pytest.mark.parametrize("grouping", list(GROUPINGS))
def test_every_cell_drills_down_to_as_many_tasks(cast, tasks, grouping):
    table = _read(cast.vanthu, grouping)
    for row in table.rows:
        for measure in MEASURES:
            with clock.frozen_at(TODAY):
                listed = drill_down(cast.vanthu, grouping=grouping, group=row.key,
                                    measure=measure, period=YEAR)
                assert listed.count() == row.counts[measure], (row.label, measure)
    for measure in MEASURES:
        assert sum(r.counts[measure] for r in table.rows) == table.total[measure]


@pytest.mark.parametrize("name", sorted(EVERYONE))
def test_whatever_a_person_sees_of_a_group_they_answer_for_equals_the_office(cast, tasks, name):
    """An organization's leaders, a unit's head and a person see the same figures for
    their organization, unit or self as the office does; nobody sees a foreign count."""
    user = getattr(cast, name)
    office = {g: {r.key: r.counts for r in _read(cast.vanthu, g).rows} for g in GROUPINGS}
    standing = standing_of(user)
    answers = {"co-quan": standing.leader_orgs, "co-quan-giao": standing.leader_orgs,
               "don-vi": standing.unit_heads, "ca-nhan": {user.pk}}
    for grouping, mine in answers.items():
        table = _read(user, grouping)
        for row in table.rows:
            if row.key in mine or standing.staff_offices:
                assert row.counts == office[grouping][row.key], (name, grouping, row.label)
            assert all(v <= office[grouping][row.key][k] for k, v in row.counts.items())


def test_someone_without_tasks_sees_empty_figures(cast, tasks):
    assert _read(cast.ketoan).rows == []
    assert _read(cast.chutichhnd).total["total"] == 0


# --- Pages and exports -------------------------------------------------------------------------


def test_the_page_shows_the_table_and_drills_down(cast, tasks, client_for):
    client = client_for(cast.chanhvanphong)
    with clock.frozen_at(TODAY):
        page = client.get("/nhiem-vu/theo-doi/?theo=co-quan&tu=2027-01-01&den=2027-12-31")
        text = page.content.decode()
        assert page.status_code == 200
        assert 'data-group="total"' in text and "Quá hạn chưa xong" in text
        ubnd = cast.orgs["UBND"].pk
        drill = client.get(f"/nhiem-vu/theo-doi/danh-sach/?theo=co-quan&tu=2027-01-01"
                           f"&den=2027-12-31&nhom={ubnd}&chi-so=overdue")
        listed = drill.content.decode()
        assert drill.status_code == 200 and "2 nhiệm vụ." in listed
        assert "Rà soát hộ nghèo" in listed and "Việc năm trước chưa xong" in listed
        assert "Kiểm tra chợ" not in listed
        assert client.get("/nhiem-vu/theo-doi/danh-sach/?nhom=x&chi-so=overdue").status_code \
            == 404
        assert client.get("/nhiem-vu/theo-doi/danh-sach/?nhom=1&chi-so=nope").status_code == 404


def test_a_reversed_period_is_explained_and_the_year_is_shown(cast, tasks, client_for):
    with clock.frozen_at(TODAY):
        page = client_for(cast.vanthu).get("/nhiem-vu/theo-doi/?tu=2027-05-01&den=2027-01-01")
    assert page.status_code == 200
    assert "“Từ ngày” phải trước “Đến ngày”." in page.content.decode()
    assert "Từ ngày 01/01/2027 đến ngày 31/12/2027" in page.content.decode()


def test_excel_and_pdf_carry_the_same_figures(cast, tasks, client_for):
    client = client_for(cast.vanthu)
    with clock.frozen_at(TODAY):
        xlsx = client.get("/nhiem-vu/theo-doi.xlsx?theo=co-quan")
        printed = client.get("/nhiem-vu/theo-doi.pdf?theo=co-quan")
        items = client.get(f"/nhiem-vu/theo-doi/danh-sach.xlsx?theo=co-quan"
                           f"&nhom={cast.orgs['MTTQ'].pk}&chi-so=total")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    total = next(r for r in values if r[1] == "Tổng cộng")
    assert total[2:] == [6, 1, 1, 2, 2, 1]
    assert any(r[1] == "Ủy ban nhân dân xã Tân Hòa" for r in values)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(printed.content)).pages)
    assert "BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ" in text and "Tổng cộng" in text
    assert printed["Content-Type"] == "application/pdf"
    rows = [[c.value for c in r] for r in load_workbook(io.BytesIO(items.content)).active
            .iter_rows(min_row=4)]
    assert sorted(r[1] for r in rows) == ["Chuẩn bị đại hội Mặt trận", "Tổng hợp ý kiến cử tri"]


def test_the_dashboard_shows_the_task_card(cast, tasks, client_for):
    with clock.frozen_at(TODAY):
        page = client_for(cast.chanhvanphong).get("/dieu-hanh/")
    text = page.content.decode()
    assert 'data-testid="tasks-overdue">2<' in text


def test_figures_through_the_api(cast, tasks, api_as):  # noqa: F811
    api = api_as(cast.vanthu)
    with clock.frozen_at(TODAY):
        table = api.get("/tasks/figures", by="co-quan", date_from="2027-01-01",
                        date_to="2027-12-31").json()
        assert table["total"]["overdue"] == 2
        ubnd = next(r for r in table["rows"] if r["label"] == "Ủy ban nhân dân xã Tân Hòa")
        cell = api.get("/tasks/figures/items", by="co-quan", group=str(ubnd["group"]),
                       measure="overdue", date_from="2027-01-01", date_to="2027-12-31").json()
        assert cell["count"] == ubnd["counts"]["overdue"] == 2
        bad = api.get("/tasks/figures", date_from="2027-05-01", date_to="2027-01-01")
        assert bad.status_code == 422
        assert api.get("/tasks/figures/items", group="x", measure="total").status_code == 422
