"""The demo office's records: last year's file plan of the People's Committee (approved),
this year's copied from it and approved, documents of this year filed into the dossiers
suggested from the plan, and one dossier closed."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.utils import timezone

from vanphong import clock
from vanphong.demo.orgchart import SINCE, DemoOffice
from vanphong.incoming.models import IncomingDocument
from vanphong.records import actions
from vanphong.records.actions import DossierFields
from vanphong.records.models import PlanHeading, RetentionKind, RetentionRule

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


def generate_records(demo: DemoOffice) -> RecordsSummary:
    today = clock.today()
    ubnd = demo.orgs["UBND"]
    # at the start of last year, or when the demo office's people took their posts
    first = max(dt.date(today.year - 1, 1, 5), SINCE)
    start = timezone.make_aware(dt.datetime.combine(first, dt.time(9)))
    with clock.frozen_at(min(start, clock.now())):
        last = actions.create_plan(actor=demo.vanthu, organization=ubnd, year=today.year - 1)
        for title, abbreviation, dossiers in PLAN:
            heading = actions.add_heading(actor=demo.vanthu, plan=last, title=title,
                                          abbreviation=abbreviation)
            for dossier_title, retention in dossiers:
                actions.add_dossier(actor=demo.vanthu, plan=last,
                                    fields=_fields(heading, dossier_title, retention, demo))
        actions.approve_plan(actor=demo.chutich, plan=last)
    this_start = timezone.make_aware(dt.datetime(today.year, 1, 4, 9))
    with clock.frozen_at(min(this_start, clock.now())):
        plan = actions.copy_plan(actor=demo.vanthu, plan=last, year=today.year)
        actions.approve_plan(actor=demo.chutich, plan=plan)
    filed = 0
    documents = IncomingDocument.objects.filter(
        organization=ubnd, arrival_at__year=today.year).order_by("arrival_at")[:300]
    for document in documents:
        suggested = actions.suggest_dossiers(document, limit=1)
        if suggested:
            filed += actions.file_documents(actor=demo.vanthu, dossier=suggested[0],
                                            documents=[document])
    closed = 0
    fullest = max(plan.dossiers.all(), key=lambda d: d.items.count(), default=None)
    if fullest is not None and fullest.items.exists():
        actions.close_dossier(actor=demo.vanthu, dossier=fullest)
        closed = 1
    return RecordsSummary(dossiers=plan.dossiers.count(), filed=filed, closed=closed)


def _fields(heading: PlanHeading, title: str, retention: str | int, demo: DemoOffice
            ) -> DossierFields:
    if isinstance(retention, int):
        return DossierFields(heading=heading, title=title, keeper=demo.vanthu,
                             retention_kind=RetentionKind.YEARS, retention_years=retention)
    rule = RetentionRule.objects.get(table="state", title=retention)
    return DossierFields(heading=heading, title=title, keeper=demo.vanthu,
                         retention_kind=rule.kind, retention_years=rule.years,
                         retention_rule=rule)
