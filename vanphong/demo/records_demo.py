"""The demo office's records: last year's file plan of the People's Committee (approved),
its documents filed into the dossiers suggested from it and the dossiers closed at the year's
end; this year's plan copied from it and approved, this year's documents filed and one
dossier closed. In the agency archive: boxes for the People's Committee's and the Party
committee's fonds (kept apart), a hand-over received by the archivist and shelved, one
dossier still to hand over (its reminder is due in the last month of the year) and an
original lent to a head of division.

No dossier is past its retention: the demo office started using the system in 07/2025, so
the disposal list is empty, as it would be in a real office of that age."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.utils import timezone

from vanphong import clock
from vanphong.demo.orgchart import SINCE, DemoOffice
from vanphong.incoming.models import IncomingDocument
from vanphong.records import actions, archive, transfer
from vanphong.records.actions import DossierFields
from vanphong.records.models import Dossier, FilePlan, PlanHeading, RetentionKind, RetentionRule

#: big heading (title, abbreviation) -> dossiers (title, retention rule title or years)
PLAN: list[tuple[str, str, list[tuple[str, str | int]]]] = [
    ("Tổng hợp", "TH", [
        ("Kế hoạch, báo cáo công tác năm của UBND xã", "Kế hoạch, báo cáo năm của cơ quan"),
        ("Báo cáo tháng, quý của UBND xã", "Kế hoạch, báo cáo quý, 6 tháng, 9 tháng của cơ quan"),
        ("Văn bản chỉ đạo, hướng dẫn của cấp trên", "Tập văn bản gửi chung (hồ sơ nguyên tắc)"),
    ]),
    ("Tổ chức cán bộ", "TCCB", [
        ("Hồ sơ bổ nhiệm, điều động cán bộ", "Hồ sơ bổ nhiệm, điều động, luân chuyển cán bộ"),
        ("Hồ sơ thi đua, khen thưởng", "Hồ sơ khen thưởng của người đứng đầu cơ quan"),
    ]),
    ("Kinh tế", "KT", [
        ("Hồ sơ phòng, chống thiên tai", 10),
        ("Hồ sơ xây dựng nông thôn mới", 20),
    ]),
    ("Văn hóa - Xã hội", "VHXH", [
        ("Hồ sơ chuyển đổi số", 10),
        ("Hồ sơ an sinh xã hội, hộ nghèo", 20),
    ]),
]


@dataclasses.dataclass
class RecordsSummary:
    dossiers: int
    filed: int
    closed: int
    handed_over: int
    awaiting: int
    lent: int


def generate_records(demo: DemoOffice) -> RecordsSummary:
    today = clock.today()
    ubnd = demo.orgs["UBND"]
    # at the start of last year, or when the demo office's people took their posts
    first = max(dt.date(today.year - 1, 1, 5), SINCE)
    with clock.frozen_at(_at(first)):
        last = actions.create_plan(actor=demo.vanthu, organization=ubnd, year=today.year - 1)
        for title, abbreviation, dossiers in PLAN:
            heading = actions.add_heading(actor=demo.vanthu, plan=last, title=title,
                                          abbreviation=abbreviation)
            for dossier_title, retention in dossiers:
                actions.add_dossier(actor=demo.vanthu, plan=last,
                                    fields=_fields(heading, dossier_title, retention, demo))
        actions.approve_plan(actor=demo.chutich, plan=last)
    filed = _file_year(demo, today.year - 1)
    with clock.frozen_at(_at(dt.date(today.year - 1, 12, 30), 16)):
        closed = _close(demo, last, every=True)
    with clock.frozen_at(_at(dt.date(today.year, 1, 4))):
        plan = actions.copy_plan(actor=demo.vanthu, plan=last, year=today.year)
        actions.approve_plan(actor=demo.chutich, plan=plan)
    filed += _file_year(demo, today.year)
    closed += _close(demo, plan, every=False)
    handed_over, lent = _archive(demo)
    return RecordsSummary(dossiers=plan.dossiers.count(), filed=filed, closed=closed,
                          handed_over=handed_over,
                          awaiting=len(transfer.awaiting(demo.office.pk, ubnd)), lent=lent)


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    """That moment, or now if it is still ahead (the demo never writes the future)."""
    return min(timezone.make_aware(dt.datetime.combine(day, dt.time(hour))), clock.now())


def _file_year(demo: DemoOffice, year: int) -> int:
    """The clerk files the year's incoming documents into the dossiers the plan suggests."""
    filed = 0
    documents = IncomingDocument.objects.filter(
        organization=demo.orgs["UBND"], arrival_at__year=year).order_by("arrival_at")[:300]
    for document in documents:
        suggested = actions.suggest_dossiers(document, limit=1)
        if suggested:
            filed += actions.file_documents(actor=demo.vanthu, dossier=suggested[0],
                                            documents=[document])
    return filed


def _close(demo: DemoOffice, plan: FilePlan, *, every: bool) -> int:
    """At the year's end every dossier holding documents is closed, whatever is still
    open noted in its closing record; during the year, the fullest one whose review is
    clean (or else the fullest)."""
    full = sorted((d for d in plan.dossiers.all() if d.items.exists()),
                  key=lambda d: -d.items.count())
    if not every:
        clean = [d for d in full if not actions.closing_review(d)]
        full = (clean or full)[:1]
    for dossier in full:
        actions.close_dossier(actor=demo.vanthu, dossier=dossier, confirm=True,
                              note="Kết thúc hồ sơ cuối năm." if every else "")
    return len(full)


def _archive(demo: DemoOffice) -> tuple[int, int]:
    """Boxes in the agency archive, last year's dossiers handed over but one, shelved, and
    one original lent. Returns (dossiers handed over, originals lent)."""
    ubnd, party = demo.orgs["UBND"], demo.orgs["ĐU"]
    today = clock.today()
    with clock.frozen_at(_at(today - dt.timedelta(days=20))):
        boxes = [archive.add_box(actor=demo.luutru, organization=ubnd, number=number,
                                 location="Kho lưu trữ, giá 1, tầng 2") for number in ("01", "02")]
        archive.add_box(actor=demo.luutru, organization=party, number="01",
                        location="Kho lưu trữ, giá 3 (phông Đảng ủy), tầng 1")
        due = [d for d in transfer.awaiting(demo.office.pk, ubnd)
               if transfer.due_year(d) == today.year]
        if len(due) < 2:
            return 0, 0
        handed = due[:-1]  # the last one stays with the office: its reminder comes
        batch = transfer.create_transfer(actor=demo.vanthu, organization=ubnd, dossiers=handed)
        transfer.submit_transfer(actor=demo.vanthu, transfer=batch)
    with clock.frozen_at(_at(today - dt.timedelta(days=18), 14)):
        transfer.receive_transfer(actor=demo.luutru, transfer=batch,
                                  condition="Đủ hồ sơ theo danh mục, bìa và mục lục đầy đủ.")
        for number, dossier in enumerate(Dossier.objects.filter(pk__in=[d.pk for d in handed])
                                         .order_by("number")):
            archive.shelve(actor=demo.luutru, dossier=dossier, box=boxes[number % 2])
    borrowed = Dossier.objects.get(pk=handed[0].pk)
    with clock.frozen_at(_at(today - dt.timedelta(days=5), 8)):
        loan = archive.request_loan(actor=demo.truongphong, dossier=borrowed,
                                    purpose="Đối chiếu số liệu xây dựng báo cáo tổng kết năm",
                                    due_back=today + dt.timedelta(days=10))
    with clock.frozen_at(_at(today - dt.timedelta(days=5), 10)):
        archive.decide_loan(actor=demo.chutich, loan=loan, approve=True)
    with clock.frozen_at(_at(today - dt.timedelta(days=4), 9)):
        archive.lend(actor=demo.luutru, loan=loan)
    return len(handed), 1


def _fields(heading: PlanHeading, title: str, retention: str | int, demo: DemoOffice
            ) -> DossierFields:
    if isinstance(retention, int):
        return DossierFields(heading=heading, title=title, keeper=demo.vanthu,
                             retention_kind=RetentionKind.YEARS, retention_years=retention)
    rule = RetentionRule.objects.get(table="state", title=retention)
    return DossierFields(heading=heading, title=title, keeper=demo.vanthu,
                         retention_kind=rule.kind, retention_years=rule.years,
                         retention_rule=rule)
