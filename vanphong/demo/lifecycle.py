"""The life of each demo document, planned as timed steps that call the real actions.

A document's planned `fate` is the status it should have at the end of the history:
old documents are mostly done, recent ones in every state. Steps follow one another
in working hours; a step that would fall after "now" is squeezed before it, or the
document simply stops where it is.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import itertools
import random
from collections import defaultdict
from collections.abc import Callable

from django.utils import timezone

from vanphong import clock
from vanphong.demo import texts
from vanphong.demo.arrivals import Arrival, Track
from vanphong.demo.desk import UNIT_OF, Desk, Handling
from vanphong.demo.orgchart import ORGANIZATIONS, DemoOffice
from vanphong.demo.timeline import Beyond, Timeline
from vanphong.incoming import actions
from vanphong.incoming.models import AssignmentKind, AssignmentState, IncomingDocument, Status
from vanphong.organizations.models import User
from vanphong.registers.models import Urgency

PARTY_STYLE = {short for short, *_, style, _stream in ORGANIZATIONS if style == "party"}
REPORTING = ("báo cáo", "cung cấp", "rà soát", "góp ý", "đăng ký")


@dataclasses.dataclass(order=True)
class Step:
    at: dt.datetime
    seq: int
    run: Callable[[], object] = dataclasses.field(compare=False)


class Steps:
    def __init__(self) -> None:
        self.items: list[Step] = []
        self._seq = itertools.count()

    def add(self, at: dt.datetime, run: Callable[[], object]) -> None:
        self.items.append(Step(at, next(self._seq), run))


def fate_for(age: int, rng: random.Random) -> str:
    """The status a document `age` working days old should have reached."""
    s = Status
    table = [
        (0, {s.REGISTERED: 45, s.ROUTED: 35, s.ASSIGNED: 20}),
        (1, {s.REGISTERED: 8, s.ROUTED: 35, s.ASSIGNED: 42, s.IN_PROGRESS: 15}),
        (5, {s.ROUTED: 12, s.ASSIGNED: 30, s.IN_PROGRESS: 33, s.DONE: 25}),
        (15, {s.ROUTED: 3, s.ASSIGNED: 12, s.IN_PROGRESS: 30, s.DONE: 55}),
        (40, {s.ASSIGNED: 4, s.IN_PROGRESS: 11, s.DONE: 85}),
        (10**6, {s.ASSIGNED: 1, s.IN_PROGRESS: 2, s.DONE: 97}),
    ]
    weights = next(w for limit, w in table if age <= limit)
    return rng.choices(list(weights), list(weights.values()))[0]


class Replies:
    """Codes of our replies ("12/BC-UBND", "08-BC/ĐU"), numbered in time order."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.last: dict[tuple[str, str, int], int] = defaultdict(int)

    def code(self, org: str, abbreviation: str, day: dt.date, unit: str = "") -> str:
        party = org in PARTY_STYLE
        key = (org, abbreviation, 0 if party else day.year)
        if not self.last[key]:
            self.last[key] = day.timetuple().tm_yday // 4
        self.last[key] += self.rng.randint(1, 3)
        n = f"{self.last[key]:02d}"
        name = {"MTTQ": "MTTQ-BTT", "HCCB": "CCB"}.get(org, org)
        if party:
            return f"{n}-{abbreviation or 'CV'}/{name}"
        if abbreviation:
            return f"{n}/{abbreviation}-{name}"
        return f"{n}/{name}-{unit}" if unit else f"{n}/{name}"


class Lifecycle:
    """Plans the steps of one registered document (one `Track` of an `Arrival`)."""

    def __init__(self, *, demo: DemoOffice, desk: Desk, timeline: Timeline,
                 steps: Steps, replies: Replies, rng: random.Random,
                 arrival: Arrival, track: Track) -> None:
        self.demo, self.desk, self.timeline, self.steps = demo, desk, timeline, steps
        self.replies, self.rng, self.arrival, self.track = replies, rng, arrival, track
        self.t = arrival.at
        self.clerk = demo.users[arrival.clerk]
        self.urgent = arrival.fields.urgency >= Urgency.URGENT
        self.deadline: dt.date | None = None

    # --- Time ---------------------------------------------------------------------------

    def _next(self, *, days: int = 0) -> None:
        self.t = self.timeline.later(self.t, days=days, quick=self.urgent)

    def _on(self, day: dt.date) -> None:
        if day <= timezone.localdate(self.t):
            self._next()
        else:
            self.t = self.timeline.on_day(self.t, day)

    def _add(self, run: Callable[[], object]) -> None:
        self.steps.add(self.t, run)

    @property
    def _doc(self) -> IncomingDocument:
        assert self.track.document is not None, "registered before any later step runs"
        return self.track.document

    # --- The plan ---------------------------------------------------------------------

    def plan(self) -> None:
        with contextlib.suppress(Beyond):  # the history ends before the next step
            self._plan()

    def _plan(self) -> None:
        fate = self.track.fate
        if self.arrival.corrected:
            self._next()
            self._add(self._correct)
        if fate == Status.REGISTERED:
            return
        instructor = self._route()
        if fate == Status.ROUTED:
            return
        handling = self._instruct(instructor)
        if self.track.org in ("UBND", "ĐU", "HĐND") and handling.doer != instructor \
                and self.rng.random() < 0.035:
            handling = self._handed_back(instructor, handling)
        if handling.unit_head and (fate != Status.ASSIGNED or self.rng.random() < 0.6):
            self._next(days=self.rng.choice([0, 0, 1]))
            self._add(self._reassign(handling.unit_head, handling.doer, AssignmentKind.LEAD))
        if fate == Status.ASSIGNED:
            return
        self._work(handling, fate)

    def _route(self) -> User:
        org = self.track.org
        leaders = self.desk.route_to(org, self.arrival)
        if len(self.desk.leaders(org)) > 1 and not self.arrival.fields.secrecy \
                and self.rng.random() < 0.03:
            leaders = self._misrouted(leaders[0])
        self._next(days=self.rng.choice([0, 0, 0, 1]))
        self._add(self._call(actions.route_incoming, actor=self.clerk, leaders=leaders))
        if self.arrival.fields.secrecy and self.rng.random() < 0.5:
            self._next()
            self._add(self._call(actions.share_secret, actor=self.clerk,
                                 readers=[self.demo.users["chanhvanphong"]]))
        return leaders[0]

    def _misrouted(self, right: User) -> list[User]:
        """Presented to the wrong leader first, who sends it back to the clerk."""
        wrong = self.rng.choice([u for u in self.desk.leaders(self.track.org) if u != right])
        self._next()
        self._add(self._call(actions.route_incoming, actor=self.clerk, leaders=[wrong]))
        self._next(days=self.rng.choice([0, 1]))
        reason = self.rng.choice(texts.RETURN_TO_CLERK).format(other=right)
        self._add(self._call(actions.return_incoming, actor=wrong, reason=reason))
        return [right]

    def _instruct(self, instructor: User) -> Handling:
        self._next(days=0 if self.urgent else self.rng.choice([0, 0, 1, 1, 2]))
        handling = self.desk.handling(self.track.org, self.arrival, instructor)
        self._instruct_with(instructor, handling)
        return handling

    def _instruct_with(self, instructor: User, handling: Handling) -> None:
        day = timezone.localdate(self.t)
        self.deadline = self._deadline(day)
        text = self.desk.instruction_text(handling, instructor, self.deadline)
        self._add(self._call(actions.instruct_incoming, actor=instructor,
                             handlers=handling.handlers, deadline=self.deadline, text=text))

    def _handed_back(self, instructor: User, handling: Handling) -> Handling:
        """The lead (or the lead unit's head) returns the work; the leader re-assigns."""
        returner = handling.unit_head or handling.doer
        self._next(days=self.rng.choice([0, 1]))
        reason = self.rng.choice(texts.RETURN_TO_LEADER)
        self._add(self._call(actions.return_incoming, actor=returner, reason=reason))
        lead = handling.handlers.lead_person or handling.handlers.lead_unit
        again = self.desk.handling(self.track.org, self.arrival, instructor, avoid=lead)
        self._next(days=self.rng.choice([0, 1]))
        self._instruct_with(instructor, again)
        return again

    def _work(self, handling: Handling, fate: str) -> None:
        if handling.support_pair:
            head, person = handling.support_pair
            self._next(days=self.rng.choice([0, 1]))
            self._add(self._reassign(head, person, AssignmentKind.SUPPORT))
            if self.rng.random() < 0.5:
                self._progress(person, self.rng.choice(texts.SUPPORT_NOTES))
        if handling.supporter and self.rng.random() < 0.6:
            self._progress(handling.supporter, self.rng.choice(texts.SUPPORT_NOTES))
        finish = self._finish_day()
        notes = 1 if fate == Status.IN_PROGRESS else self.rng.choice([0, 1, 1, 2])
        for _ in range(notes):
            self._on(self._midway(finish))
            self._add(self._call(actions.record_progress, actor=handling.doer,
                                 note=self.rng.choice(texts.PROGRESS_NOTES)))
        if fate == Status.IN_PROGRESS:
            return
        self._on(finish)
        self._add(self._complete(handling))

    def _progress(self, person: User, note: str) -> None:
        self._next(days=self.rng.choice([0, 1, 2]))
        self._add(self._call(actions.record_progress, actor=person, note=note))

    # --- Dates ---------------------------------------------------------------------------

    def _deadline(self, day: dt.date) -> dt.date | None:
        fields, kind = self.arrival.fields, self.arrival.kind.key
        if fields.reply_due:
            before_due = fields.reply_due - dt.timedelta(days=1)
            while not self.timeline.calendar.is_working_day(before_due):
                before_due -= dt.timedelta(days=1)
            return max(before_due, self.timeline.working_day_after(day, 1))
        if self.urgent:
            return self.timeline.working_day_after(day, self.rng.randint(1, 3))
        if kind in ("QĐ", "TB", "BS", "NQ", "KL", "CT", "QPPL-QĐ", "QPPL-NQ") \
                and self.rng.random() < 0.5:
            return None
        days = self.rng.randint(1, 4) if kind == "GM" else self.rng.choice([5, 7, 10, 10, 15])
        return self.timeline.working_day_after(day, days)

    def _finish_day(self) -> dt.date:
        """On time mostly; about one in eight finishes after the deadline."""
        start = timezone.localdate(self.t)
        if self.deadline is None:
            return self.timeline.working_day_after(start, self.rng.randint(1, 8))
        if self.rng.random() < 0.12:
            return self.timeline.working_day_after(self.deadline, self.rng.randint(1, 8))
        span = max(0, self.timeline.gap(start, self.deadline))
        return self.timeline.working_day_after(start, self.rng.randint(min(1, span), span))

    def _midway(self, finish: dt.date) -> dt.date:
        start = timezone.localdate(self.t)
        span = self.timeline.gap(start, finish)
        return self.timeline.working_day_after(start, self.rng.randint(0, max(0, span - 1)))

    # --- What runs -------------------------------------------------------------------------

    def _call(self, action: Callable[..., object], **kwargs: object) -> Callable[[], object]:
        return lambda: action(document=self._doc, **kwargs)

    def _correct(self) -> None:
        actions.correct_incoming(actor=self.clerk, document=self._doc,
                                 fields=self.arrival.fields, reason=texts.CORRECTION_REASON)

    def _reassign(self, head: User, person: User, kind: str) -> Callable[[], object]:
        note = self.rng.choice(texts.REASSIGN_NOTES).format(person=person)

        def run() -> object:
            assignment = self._doc.assignments.get(
                state=AssignmentState.ACTIVE, kind=kind, unit__isnull=False, person__isnull=True
            )
            return actions.reassign_incoming(actor=head, document=self._doc,
                                             assignment=assignment, person=person, note=note)
        return run

    def _complete(self, handling: Handling) -> Callable[[], object]:
        doer = handling.doer
        category = self._result_category()
        template = self.rng.choice(texts.RESULTS[category])
        # A report is sent as a báo cáo or as a công văn; a plan as a kế hoạch.
        abbreviation = {"report": self.rng.choice(["BC", ""]), "plan": "KH"}.get(category)
        lead_unit = handling.handlers.lead_unit
        unit = lead_unit.short_name if lead_unit else UNIT_OF.get(doer.username, "VP")

        def run() -> object:
            code = ""
            if abbreviation is not None:
                code = self.replies.code(self.track.org, abbreviation, clock.today(), unit)
            return actions.complete_incoming(actor=doer, document=self._doc,
                                             result=template.format(code=code), reply_code=code)
        return run

    def _result_category(self) -> str:
        kind, fields = self.arrival.kind.key, self.arrival.fields
        if kind == "GM":
            return "attend"
        asks = fields.reply_due or any(word in fields.subject for word in REPORTING)
        if kind in ("CV", "BC", "CĐ") and asks:
            return "report"
        if kind in ("KH", "HD", "CT", "NQ", "KL", "TTr") and self.rng.random() < 0.5:
            return "plan"
        return "info"
