"""The demo office's tasks: instructions of the Party committee, the People's Committee
and the Fatherland Front turned into tasks over the last months, followed through
progress, extensions and completion (some late, some overdue, some waiting for a
decision) — all through the real actions with the clock frozen at each step's moment."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

from django.utils import timezone

from vanphong import clock
from vanphong.demo.orgchart import DemoOffice
from vanphong.followup import actions
from vanphong.followup.actions import AssigneeSpec, TaskSpec
from vanphong.followup.models import Status, Task
from vanphong.incoming.access import Action as IncomingAction
from vanphong.incoming.access import can as can_incoming
from vanphong.incoming.models import OPEN_STATUSES, AssignmentKind, IncomingDocument
from vanphong.workdays.dates import Calendar

LEAD, SUPPORT = AssignmentKind.LEAD, AssignmentKind.SUPPORT
#: organization -> (head, [(lead organization, unit, person named, who reports)], support)
PLANS: dict[str, tuple[str, list[tuple[str, str, str, str]], str]] = {
    "ĐU": ("bithu", [("UBND", "VHXH", "chuyenvien", "chuyenvien"),
                     ("UBND", "KT", "", "truongphongkt"),
                     ("ĐU", "BXDĐ", "chuyenviendang", "chuyenviendang"),
                     ("MTTQ", "", "chuyenvienmttq", "chuyenvienmttq")], "MTTQ"),
    "UBND": ("chutich", [("UBND", "VHXH", "chuyenvien", "chuyenvien"),
                         ("UBND", "KT", "chuyenvien2", "chuyenvien2"),
                         ("UBND", "KT", "", "truongphongkt")], "MTTQ"),
    "MTTQ": ("chutichmttq", [("MTTQ", "BTT", "chuyenvienmttq", "chuyenvienmttq"),
                             ("HND", "", "", "chutichhnd"), ("HPN", "", "", "chutichhpn")],
             "ĐTN"),
}
TITLES = [
    "Xây dựng kế hoạch triển khai", "Tổ chức quán triệt, tuyên truyền", "Rà soát, tổng hợp số liệu",
    "Báo cáo kết quả thực hiện", "Kiểm tra, đôn đốc các thôn", "Tham mưu văn bản hướng dẫn",
]


@dataclasses.dataclass
class TasksSummary:
    created: int
    done: int
    overdue: int
    pending_extensions: int


def generate_tasks(demo: DemoOffice, *, seed: int, per_organization: int = 8) -> TasksSummary:
    rng = random.Random(seed + 6)
    today = clock.today()
    calendar = Calendar.around(today)
    for short, (head_name, doers, support) in PLANS.items():
        head = getattr(demo, head_name)
        documents = [
            d for d in IncomingDocument.objects.filter(
                organization=demo.orgs[short], status__in=OPEN_STATUSES,
                arrival_at__date__gte=today - dt.timedelta(days=120),
            ).order_by("arrival_at")
            if can_incoming(head, IncomingAction.INSTRUCT, d)
        ]
        for document in rng.sample(documents, min(per_organization, len(documents))):
            _follow(demo, document, head, rng.choice(doers), support, rng, calendar)
    tasks = Task.objects.all()
    return TasksSummary(
        created=tasks.count(),
        done=tasks.filter(status=Status.DONE).count(),
        overdue=sum(1 for t in tasks if t.is_overdue),
        pending_extensions=tasks.filter(extension_requests__state="pending").count(),
    )


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _follow(demo: DemoOffice, document: IncomingDocument, head, doer: tuple[str, str, str, str],
            support: str, rng: random.Random, calendar: Calendar) -> None:
    short, unit, person, reporter = doer
    start = min(calendar.add_working_days(timezone.localdate(document.arrival_at), 1),
                clock.today())
    days = rng.choice([5, 10, 15, 20])
    lead = AssigneeSpec(LEAD, demo.orgs[short], demo.units[unit] if unit else None,
                        getattr(demo, person) if person else None)
    assignees = (lead, AssigneeSpec(SUPPORT, demo.orgs[support])) if rng.random() < 0.4 else (
        lead,)
    spec = TaskSpec(title=f"{rng.choice(TITLES)}: {document.subject[:200]}",
                    working_days=days, assignees=assignees)
    with clock.frozen_at(min(_at(start, 9), clock.now())):
        [task] = actions.create_tasks_from_incoming(actor=head, document=document, specs=[spec])
    worker = getattr(demo, reporter)
    today = clock.today()
    fate = rng.random()
    halfway = calendar.add_working_days(start, max(1, days // 2))
    if halfway >= today:
        return  # just given: nothing reported yet
    with clock.frozen_at(_at(halfway, 15)):
        actions.report_progress(actor=worker, task=task, percent=rng.choice([30, 40, 50, 60]),
                                note="Đã triển khai, đang tổng hợp ý kiến các đơn vị.")
    if fate < 0.15 and task.due_date >= today:
        with clock.frozen_at(_at(halfway, 16)):
            actions.request_extension(
                actor=worker, task=task, proposed_due_date=task.due_date + dt.timedelta(days=10),
                reason="Chờ số liệu của các thôn.")
        return
    if fate < 0.30:
        return  # still at work (overdue if its day has passed)
    finish = calendar.add_working_days(task.due_date, 2) if fate < 0.45 else task.due_date
    if finish >= today:
        return
    with clock.frozen_at(_at(finish, 16)):
        actions.complete_task(actor=worker, task=task,
                              result="Đã hoàn thành, báo cáo kết quả bằng văn bản.")
