"""The demo office's reminder policies, work programmes, weekly schedule and meetings —
through the real actions with the clock at each step's moment:

- reminder policies: the office's default and the People's Committee's own (3 days);
- this year's work programmes of the Party committee and the People's Committee, approved,
  items of past months given as tasks (most done, some late or overdue), one postponed and
  one dropped;
- meeting rooms; this week published, with the Party secretary (also chairman of the
  People's Council) booked twice on Monday morning — the clash the week page flags; next
  week in draft;
- last week's joint conference of the Party committee, the People's Committee and the
  Fatherland Front: attendance, minutes, conclusions turned into tasks; next week's joint
  conference with its Giấy mời drafted and a document shared;
- one reminder sweep, so that the bells are not empty.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import random

from django.utils import timezone

from vanphong import clock
from vanphong.demo.orgchart import DemoOffice
from vanphong.files.actions import store_file
from vanphong.followup import actions as task_actions
from vanphong.followup import programmes
from vanphong.followup.actions import AssigneeSpec, TaskSpec
from vanphong.followup.models import ReminderPolicy
from vanphong.followup.reminders import send_due_reminders
from vanphong.incoming.models import AssignmentKind
from vanphong.printing import pdf
from vanphong.schedule import actions
from vanphong.schedule.actions import EventFields, MeetingFields
from vanphong.schedule.models import Room, ScheduleEvent
from vanphong.workdays.dates import Calendar, week_bounds

LEAD = AssignmentKind.LEAD

#: organization -> its head, and items (content, month offset from January, lead org, unit)
PROGRAMMES: dict[str, tuple[str, list[tuple[str, int, str, str]]]] = {
    "ĐU": ("bithu", [
        ("Hội nghị Ban Chấp hành Đảng bộ đánh giá kết quả năm trước", 0, "ĐU", "VPĐU"),
        ("Quán triệt nghị quyết của cấp trên", 1, "ĐU", "BXDĐ"),
        ("Kiểm tra việc thực hiện nhiệm vụ của các chi bộ", 3, "ĐU", "UBKT"),
        ("Sơ kết 6 tháng thực hiện nghị quyết", 5, "ĐU", "VPĐU"),
        ("Chỉ đạo công tác chuyển đổi số", 6, "UBND", "VHXH"),
        ("Tổng kết công tác xây dựng Đảng", 10, "ĐU", "BXDĐ"),
        ("Hội nghị Ban Chấp hành cuối năm", 11, "ĐU", "VPĐU"),
    ]),
    "UBND": ("chutich", [
        ("Kế hoạch phát triển kinh tế - xã hội năm", 0, "UBND", "KT"),
        ("Ra quân làm thủy lợi, giao thông nông thôn", 1, "UBND", "KT"),
        ("Kiểm tra an toàn thực phẩm dịp lễ", 3, "UBND", "VHXH"),
        ("Phòng, chống thiên tai, tìm kiếm cứu nạn", 4, "UBND", "KT"),
        ("Tổng kết năm học, khen thưởng học sinh", 5, "UBND", "VHXH"),
        ("Rà soát hộ nghèo, cận nghèo", 9, "UBND", "VHXH"),
        ("Báo cáo kinh tế - xã hội năm", 11, "UBND", "KT"),
    ]),
}


@dataclasses.dataclass
class ScheduleSummary:
    programmes: int
    items: int
    events: int
    clashes: int
    meetings: int
    notices: int


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def generate_schedule(demo: DemoOffice, *, seed: int) -> ScheduleSummary:
    rng = random.Random(seed + 9)
    today = clock.today()
    calendar = Calendar.around(today)
    ReminderPolicy.objects.create(office=demo.office)
    ReminderPolicy.objects.create(office=demo.office, organization=demo.orgs["UBND"],
                                  days_before=3)
    items = sum(_programme(demo, short, rng, calendar) for short in PROGRAMMES)
    rooms = {name: Room.objects.create(office=demo.office, name=name, capacity=capacity)
             for name, capacity in [("Hội trường UBND xã", 150), ("Phòng họp số 1", 30),
                                    ("Phòng họp Đảng ủy", 20)]}
    monday = week_bounds(today)[0]
    events, clashes = _this_week(demo, rooms, monday)
    events += _next_week(demo, rooms, monday + dt.timedelta(days=7))
    _past_conference(demo, rooms, monday - dt.timedelta(days=7), calendar)
    _next_conference(demo, rooms, monday + dt.timedelta(days=7))
    with clock.frozen_at(_at(today, 8) if clock.now() > _at(today, 8) else clock.now()):
        notices = send_due_reminders()
    return ScheduleSummary(programmes=len(PROGRAMMES), items=items, events=events + 2,
                           clashes=clashes, meetings=2, notices=notices)


def _programme(demo: DemoOffice, short: str, rng: random.Random, calendar: Calendar) -> int:
    head_name, plan = PROGRAMMES[short]
    head = getattr(demo, head_name)
    today = clock.today()
    year = today.year
    start = dt.datetime(year, 1, 3, 9, tzinfo=timezone.get_current_timezone())
    with clock.frozen_at(min(start, clock.now())):
        programme = programmes.create_programme(
            actor=demo.vanthu, organization=demo.orgs[short],
            title=f"Chương trình công tác năm {year}", year=year)
        made = [programmes.add_item(actor=demo.vanthu, programme=programme,
                                    fields=programmes.ItemFields(
                                        content=content, planned_month=dt.date(year, 1 + month, 1),
                                        responsible_organization=demo.orgs[org],
                                        responsible_unit=demo.units[unit], output="Báo cáo"))
                for content, month, org, unit in plan]
        programmes.approve_programme(actor=head, programme=programme)
    for item in made:
        first = item.planned_month
        if first > today:
            continue
        month_end = calendar.add_working_days(
            (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1), 0)
        due = calendar.subtract_working_days(month_end, 1)
        given = calendar.add_working_days(first, 1)
        if given >= today or due <= given:
            continue
        if rng.random() < 0.15:
            with clock.frozen_at(_at(given, 10)):
                programmes.postpone_item(actor=demo.vanthu, item=item,
                                         to_month=first + dt.timedelta(days=62),
                                         reason="Lùi theo chỉ đạo của cấp trên.")
            continue
        spec = TaskSpec(title=item.content, due_date=due, assignees=(
            AssigneeSpec(LEAD, item.responsible_organization, item.responsible_unit),))
        with clock.frozen_at(_at(given, 9)):
            [task] = programmes.create_tasks_from_item(actor=head, item=item, specs=[spec])
        finish = due if rng.random() < 0.7 else calendar.add_working_days(due, 3)
        if finish < today and rng.random() < 0.85:
            heads = {"VPĐU": "bithu", "BXDĐ": "bithu", "UBKT": "bithu", "VHXH": "truongphong",
                     "KT": "truongphongkt"}
            doer = getattr(demo, heads[item.responsible_unit.short_name]) \
                if item.responsible_unit else head
            with clock.frozen_at(_at(finish, 16)):
                task.refresh_from_db()
                task_actions.complete_task(actor=doer, task=task, result="Đã thực hiện xong.")
    return len(made)


def _event(demo: DemoOffice, org: str | None, start: dt.datetime, hours: float, content: str,
           chair: str, people: tuple[str, ...] = (), room: Room | None = None,
           venue: str = "", by: str = "vanthu") -> tuple[ScheduleEvent, int]:
    fields = EventFields(
        starts_at=start, ends_at=start + dt.timedelta(hours=hours), content=content,
        organization=demo.orgs[org] if org else None, chair=getattr(demo, chair),
        participants=tuple(getattr(demo, p) for p in people), room=room, venue=venue,
        office_contact=demo.chanhvanphong,
    )
    event, clashes = actions.add_event(actor=getattr(demo, by), office=demo.office, fields=fields)
    return event, len(clashes)


def _this_week(demo: DemoOffice, rooms: dict[str, Room], monday: dt.date) -> tuple[int, int]:
    plan = [
        ("ĐU", _at(monday, 8), 2, "Họp Ban Thường vụ Đảng ủy", "bithu", ("phobithu", "chutich"),
         rooms["Phòng họp Đảng ủy"]),
        ("HĐND", _at(monday, 9), 2, "Họp Thường trực HĐND chuẩn bị kỳ họp", "bithu",
         ("phochutichhdnd",), rooms["Phòng họp số 1"]),
        ("UBND", _at(monday + dt.timedelta(days=1), 7, ), 1.5, "Giao ban UBND xã", "chutich",
         ("phochutich", "truongphong", "truongphongkt"), rooms["Hội trường UBND xã"]),
        (None, _at(monday + dt.timedelta(days=2), 14), 2.5, "Giao ban khối các cơ quan xã",
         "chanhvanphong", ("bithu", "chutich", "chutichmttq"), rooms["Hội trường UBND xã"]),
        ("MTTQ", _at(monday + dt.timedelta(days=3), 8), 3, "Hội nghị Ủy ban MTTQ xã",
         "chutichmttq", ("chuyenvienmttq",), rooms["Phòng họp số 1"]),
    ]
    when = _at(monday - dt.timedelta(days=3), 9)
    clashes = 0
    with clock.frozen_at(min(when, clock.now())):
        made = []
        for org, start, hours, content, chair, people, room in plan:
            event, found = _event(demo, org, start, hours, content, chair, people, room)
            made.append(event)
            clashes += found
        approvers = {"ĐU": "bithu", "HĐND": "bithu", "UBND": "chutich", "MTTQ": "chutichmttq",
                     None: "chanhvanphong"}
        for (org, *_), event in zip(plan, made, strict=True):
            actions.approve_event(actor=getattr(demo, approvers[org]), event=event)
        actions.publish_week(actor=demo.vanthu, office=demo.office, week_start=monday)
    return len(plan), clashes


def _next_week(demo: DemoOffice, rooms: dict[str, Room], monday: dt.date) -> int:
    with clock.frozen_at(min(_at(monday - dt.timedelta(days=4), 10), clock.now())):
        _event(demo, "UBND", _at(monday, 7, 30), 4, "Tiếp công dân định kỳ", "chutich",
               ("phochutich",), venue="Trụ sở tiếp công dân xã")
        _event(demo, "ĐU", _at(monday + dt.timedelta(days=3), 8), 3,
               "Hội nghị Ban Chấp hành Đảng bộ xã", "bithu", ("phobithu", "chutich"),
               rooms["Hội trường UBND xã"])
    return 2


def _conference(demo: DemoOffice, title: str, start: dt.datetime, room: Room):
    fields = MeetingFields(
        title=title, host=demo.orgs["ĐU"], organizations=(demo.orgs["UBND"], demo.orgs["MTTQ"]),
        event=EventFields(starts_at=start, ends_at=start + dt.timedelta(hours=3), content="",
                          chair=demo.bithu,
                          participants=(demo.chutich, demo.chutichmttq, demo.phobithu,
                                        demo.phochutich), room=room),
        agenda="1. Đánh giá kết quả thực hiện nhiệm vụ.\n2. Thống nhất nhiệm vụ trọng tâm.",
        secretary=demo.vanthu,
    )
    meeting, _ = actions.create_meeting(actor=demo.chanhvanphong, fields=fields)
    return meeting


def _past_conference(demo: DemoOffice, rooms: dict[str, Room], monday: dt.date,
                     calendar: Calendar) -> None:
    day = monday + dt.timedelta(days=4)
    with clock.frozen_at(min(_at(monday - dt.timedelta(days=3), 9), clock.now())):
        meeting = _conference(demo, "Hội nghị liên tịch sơ kết công tác phối hợp",
                              _at(day, 8), rooms["Hội trường UBND xã"])
        actions.approve_event(actor=demo.chanhvanphong, event=meeting.event)
        actions.publish_week(actor=demo.vanthu, office=demo.office, week_start=monday)
    after = min(_at(day, 11, 30), clock.now())
    with clock.frozen_at(after):
        attendees = {a.person.username: a for a in meeting.event.attendees.all() if a.person}
        actions.record_attendance(actor=demo.vanthu, meeting=meeting, marks={
            attendees["bithu"].pk: ("present", ""), attendees["chutich"].pk: ("present", ""),
            attendees["chutichmttq"].pk: ("present", ""),
            attendees["phochutich"].pk: ("excused", ""),
            attendees["phobithu"].pk: ("present", "")})
        actions.record_minutes(actor=demo.vanthu, meeting=meeting, text=(
            "Hội nghị khai mạc lúc 8 giờ. Đồng chí Bí thư Đảng ủy chủ trì. Các cơ quan báo cáo "
            "kết quả phối hợp; hội nghị thảo luận và thống nhất các nội dung kết luận."))
        first, second, _third = actions.add_conclusions(actor=demo.vanthu, meeting=meeting, texts=[
            "UBND xã xây dựng kế hoạch chuyển đổi số năm tới",
            "Ủy ban MTTQ xã tổ chức lấy ý kiến nhân dân về xây dựng nông thôn mới",
            "Văn phòng tổng hợp kết quả phối hợp, báo cáo Thường trực Đảng ủy",
        ])
        due = calendar.add_working_days(day, 15)
        actions.create_tasks_from_conclusion(
            actor=demo.chutich, conclusion=first, organization=demo.orgs["UBND"],
            specs=[TaskSpec(title=first.text, due_date=due, assignees=(
                AssigneeSpec(LEAD, demo.orgs["UBND"], demo.units["VHXH"], demo.chuyenvien),))])
        actions.create_tasks_from_conclusion(
            actor=demo.chutichmttq, conclusion=second, organization=demo.orgs["MTTQ"],
            specs=[TaskSpec(title=second.text, due_date=due, assignees=(
                AssigneeSpec(LEAD, demo.orgs["MTTQ"], demo.units["BTT"], demo.chuyenvienmttq),))])


def _next_conference(demo: DemoOffice, rooms: dict[str, Room], monday: dt.date) -> None:
    with clock.frozen_at(min(_at(monday - dt.timedelta(days=4), 14), clock.now())):
        meeting = _conference(demo, "Hội nghị liên tịch triển khai nhiệm vụ trọng tâm",
                              _at(monday + dt.timedelta(days=2), 8), rooms["Phòng họp số 1"])
        actions.draft_invitation(actor=demo.vanthu, meeting=meeting, signer=demo.bithu)
        data = pdf.build_pdf([pdf.para("BÁO CÁO KẾT QUẢ PHỐI HỢP GIỮA CÁC CƠ QUAN", "title"),
                              pdf.para("Tài liệu phục vụ hội nghị liên tịch.")],
                             title="Báo cáo kết quả phối hợp")
        stored = store_file(actor=demo.vanthu, stream=io.BytesIO(data),
                            name="bao-cao-phoi-hop.pdf", size=len(data))
        actions.share_documents(actor=demo.vanthu, meeting=meeting,
                                files=[(stored, "bao-cao-phoi-hop.pdf")])
