"""The demo office's year of history: a few thousand incoming documents in every state.

Everything goes through the real actions (`register_incoming`, `route_incoming`,
`instruct_incoming`, `reassign_incoming`, `record_progress`, `complete_incoming`,
`return_incoming`...) with the clock frozen at each step's historical moment, so every
event, timestamp and audit row carries its time. The same seed and the same last day
give the same history (for a history ending today, at the same time of day: nothing
is placed after "now").

The run has two halves: plan every arrival and every later step in memory (cheap, no
database), then replay all steps in time order, one transaction per day.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import itertools
import multiprocessing
import random
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

import holidays
from django.db import transaction
from django.utils import timezone

from vanphong import clock
from vanphong.demo.arrivals import Arrival, ArrivalPlanner
from vanphong.demo.desk import Desk
from vanphong.demo.letter_pdf import render_letter
from vanphong.demo.lifecycle import Lifecycle, Replies, Steps, fate_for
from vanphong.demo.orgchart import SINCE, DemoOffice
from vanphong.demo.timeline import Timeline
from vanphong.errors import Invalid
from vanphong.files.actions import cleanup_on_failure, store_file
from vanphong.incoming.actions import register_incoming
from vanphong.incoming.models import OPEN_STATUSES, IncomingDocument, Status
from vanphong.registers.models import DocumentType
from vanphong.workdays.actions import add_workday_override
from vanphong.workdays.dates import Calendar
from vanphong.workdays.models import OverrideKind, WorkdayOverride

DEFAULT_SEED = 2025
DEFAULT_DOCUMENTS = 3000
EXAMPLE = "Ví dụ (dữ liệu mẫu)"


@dataclasses.dataclass(frozen=True)
class HistorySummary:
    start: dt.date
    until: dt.date
    documents: int
    receipts: int
    joint: int
    secret: int
    files: int
    overdue: int
    by_status: dict[str, int]
    by_organization: dict[str, int]
    overrides: list[str]


def generate_history(
    demo: DemoOffice, *, documents: int = DEFAULT_DOCUMENTS, until: dt.date | None = None,
    seed: int = DEFAULT_SEED,
) -> HistorySummary:
    """Create a year or more (ending `until`, default today; see `_period`) of incoming
    documents."""
    start, until = _period(documents, until)
    overrides = add_example_overrides(demo, start=start, until=until)
    calendar = Calendar.load(first_year=start.year, last_year=until.year + 1)
    rng = random.Random(seed)
    timeline = Timeline(calendar=calendar, start=start, until=until,
                        cutoff=_cutoff(until), rng=rng)
    planner = ArrivalPlanner(
        rng=rng, timeline=timeline,
        org_names={short: org.name for short, org in demo.orgs.items()},
        document_types={(t.system, t.name): t
                        for t in DocumentType.objects.filter(organization=None)},
    )
    arrivals = planner.plan(documents)
    with Press(arrivals) as press:
        steps = _plan_steps(demo, arrivals, timeline, rng, press)
        with cleanup_on_failure():
            _replay(steps)
    return _summary(demo, arrivals, start=start, until=until, overrides=overrides)


def _period(documents: int, until: dt.date | None) -> tuple[dt.date, dt.date]:
    today = clock.today()
    until = until or today
    if documents < 1:
        raise Invalid("Số văn bản mẫu phải từ 1 trở lên.", fields={"documents": "Phải ≥ 1."})
    if until > today:
        raise Invalid("Ngày cuối của dữ liệu mẫu không thể ở tương lai.")
    # A year back, and never later than the first of July last year: late in the year a
    # plain year back would leave last year only a few weeks, too few to close and hand
    # over its dossiers as the records demo does.
    start = max(min(until - dt.timedelta(days=365), dt.date(until.year - 1, 7, 1)), SINCE)
    if start >= until:
        raise Invalid(f"Dữ liệu mẫu bắt đầu từ {SINCE:%d/%m/%Y}; chọn ngày cuối sau ngày đó.")
    return start, until


def _cutoff(until: dt.date) -> dt.datetime:
    """Nothing happens after now; a history ending in the past ends with that day."""
    if until == clock.today():
        return clock.now()
    return dt.datetime.combine(until, dt.time(17, 30), tzinfo=timezone.get_current_timezone())


# --- Working-day overrides ---------------------------------------------------------------


def _bridges(start: dt.date, until: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    """(holiday name, bridge day, make-up Saturday) for holidays on a Tuesday or a
    Thursday, the way the government usually joins them to the weekend."""
    found = []
    years = range(start.year, until.year + 2)
    statutory = holidays.country_holidays("VN", years=years, language="vi")
    for day, name in sorted(statutory.items()):
        if not start <= day <= until + dt.timedelta(days=60) or day.weekday() not in (1, 3):
            continue
        bridge = day + dt.timedelta(days=-1 if day.weekday() == 1 else 1)
        makeup = bridge + dt.timedelta(days=(5 - bridge.weekday()) % 7 + 7)
        if bridge not in statutory and makeup not in statutory:
            found.append((name, bridge, makeup))
    return found[:2]


def add_example_overrides(demo: DemoOffice, *, start: dt.date, until: dt.date) -> list[str]:
    """A couple of sample day swaps, named as examples, declared by the administrator
    through the real action a month ahead (days already declared are left alone)."""
    added = []
    admin = demo.users["admin"]
    for holiday, bridge, makeup in _bridges(start, until):
        if WorkdayOverride.objects.filter(date__in=[bridge, makeup]).exists():
            continue
        declared = max(bridge - dt.timedelta(days=30), start)
        while declared.weekday() >= 5 and declared > start:  # on a working morning
            declared -= dt.timedelta(days=1)
        moment = dt.datetime.combine(declared, dt.time(9, 15),
                                     tzinfo=timezone.get_current_timezone())
        with clock.frozen_at(min(moment, clock.now())):
            add_workday_override(
                actor=admin, day=bridge, kind=OverrideKind.HOLIDAY,
                name=f"{EXAMPLE}: nghỉ hoán đổi dịp {holiday}, làm bù ngày {makeup:%d/%m/%Y}",
            )
            add_workday_override(
                actor=admin, day=makeup, kind=OverrideKind.WORKING_DAY,
                name=f"{EXAMPLE}: làm bù cho ngày nghỉ {bridge:%d/%m/%Y}",
            )
        added += [f"{bridge:%d/%m/%Y} (nghỉ)", f"{makeup:%d/%m/%Y} (làm bù)"]
    return added


# --- Planning and replay -----------------------------------------------------------------


class Press:
    """Prints the attached first pages in a second process while this one writes the
    database: rendering is about a fifth of the work and the server has two cores.

    The worker is forked (not spawned) so that it never re-imports the caller's main
    module; it only runs ReportLab and leaves the database connection alone."""

    def __init__(self, arrivals: list[Arrival]) -> None:
        self._pool = ProcessPoolExecutor(max_workers=1,
                                         mp_context=multiprocessing.get_context("fork"))
        self._pending = {id(a): self._pool.submit(render_letter, a.letter)
                         for a in arrivals if a.letter is not None}

    def __enter__(self) -> Press:
        return self

    def __exit__(self, *exc: object) -> None:
        self._pool.shutdown(cancel_futures=True)

    def pdf(self, arrival: Arrival) -> bytes:
        return self._pending.pop(id(arrival)).result()


def _plan_steps(demo: DemoOffice, arrivals: list[Arrival], timeline: Timeline,
                rng: random.Random, press: Press) -> Steps:
    steps, desk, replies = Steps(), Desk(demo, rng), Replies(rng)
    _choose_fates(arrivals, timeline, rng)
    for arrival in arrivals:
        steps.add(arrival.at, _registration(demo, arrival, press))
        for track in arrival.tracks:
            Lifecycle(demo=demo, desk=desk, timeline=timeline, steps=steps, replies=replies,
                      rng=rng, arrival=arrival, track=track).plan()
    return steps


def _choose_fates(arrivals: list[Arrival], timeline: Timeline, rng: random.Random) -> None:
    for arrival in arrivals:
        age = timeline.age(timezone.localdate(arrival.at))
        for track in arrival.tracks:
            track.fate = fate_for(age, rng)
    _ensure_every_state(arrivals, timeline, rng)


def _ensure_every_state(arrivals: list[Arrival], timeline: Timeline,
                        rng: random.Random) -> None:
    """A small run could miss a state by chance: make sure every state, and a long
    overdue document, is there. The ages chosen leave enough working time for each
    state to be reached before "now"; a state is only taken from a document whose
    planned state other documents share."""
    tracks = [(timeline.age(timezone.localdate(a.at)), a) for a in arrivals
              if len(a.tracks) == 1 and not a.fields.secrecy]
    fates = Counter(t.fate for a in arrivals for t in a.tracks)

    def give(status: str, low: int, high: int, kind: str = "") -> None:
        pool = [a for age, a in tracks if low <= age <= high and fates[a.tracks[0].fate] > 1
                and a.tracks[0].fate != status and (not kind or a.kind.key == kind)]
        if pool:
            track = rng.choice(pool).tracks[0]
            fates[track.fate] -= 1
            fates[status] += 1
            track.fate = status

    for status, low, high in [(Status.REGISTERED, 0, 0), (Status.ROUTED, 2, 6),
                              (Status.ASSIGNED, 2, 8), (Status.IN_PROGRESS, 3, 10)]:
        if not fates[status]:
            give(status, low, high)
    if not any(a.tracks[0].fate in OPEN_STATUSES for age, a in tracks if age >= 20):
        give(Status.IN_PROGRESS, 20, 60, kind="CV")


def _registration(demo: DemoOffice, arrival: Arrival, press: Press) -> Callable[[], None]:
    def run() -> None:
        clerk = demo.users[arrival.clerk]
        files = []
        if arrival.letter is not None:
            stream = io.BytesIO(press.pdf(arrival))
            stored = store_file(actor=clerk, stream=stream, name=arrival.filename)
            stored.text, stored.text_source = arrival.letter.text(), "pdf"
            stored.save(update_fields=["text", "text_source"])
            files.append((stored, arrival.filename))
        documents = register_incoming(
            actor=clerk, organizations=[demo.orgs[t.org] for t in arrival.tracks],
            fields=arrival.first_fields, files=files, channel=arrival.channel,
            has_paper_original=arrival.has_paper_original, arrival_at=arrival.at,
        )
        by_org = {d.organization.short_name: d for d in documents}
        for track in arrival.tracks:
            track.document = by_org[track.org]
    return run


def _replay(steps: Steps) -> None:
    """Run every step at its moment, in time order, one transaction per day."""
    ordered = sorted(steps.items)
    for _, day_steps in itertools.groupby(ordered, key=lambda s: timezone.localdate(s.at)):
        with transaction.atomic():
            for step in day_steps:
                with clock.frozen_at(step.at):
                    step.run()


def _summary(demo: DemoOffice, arrivals: list[Arrival], *, start: dt.date, until: dt.date,
             overrides: list[str]) -> HistorySummary:
    documents = IncomingDocument.objects.filter(office=demo.office)
    statuses = Counter(documents.values_list("status", flat=True))
    return HistorySummary(
        start=start, until=until, documents=documents.count(), receipts=len(arrivals),
        joint=sum(1 for a in arrivals if len(a.tracks) > 1),
        secret=documents.filter(secrecy__gt=0).count(),
        files=sum(1 for a in arrivals if a.letter is not None),
        overdue=documents.filter(status__in=OPEN_STATUSES, deadline__lt=clock.today()).count(),
        by_status={Status(s).label: statuses.get(s, 0) for s in Status},
        by_organization=dict(Counter(documents.values_list("organization__short_name",
                                                            flat=True))),
        overrides=overrides,
    )
