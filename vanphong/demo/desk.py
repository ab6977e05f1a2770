"""Who handles what in each demo organization: plausible habits, not rules.

The clerk presents UBND documents on economic matters to the Phó Chủ tịch, most others
to the Chủ tịch; the Chủ tịch gives most work to a unit (whose head then picks a
specialist); mass organizations' chairs mostly handle their documents themselves.
Everybody chosen here is someone the real actions accept for that organization.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

from vanphong.demo import texts
from vanphong.demo.arrivals import Arrival
from vanphong.demo.orgchart import DemoOffice
from vanphong.incoming.actions import Handlers
from vanphong.organizations.models import Unit, User

LEADERS = {
    "UBND": ("chutich", "phochutich"), "ĐU": ("bithu", "phobithu", "chutich"),
    "HĐND": ("bithu", "phochutichhdnd"), "MTTQ": ("chutichmttq",), "HND": ("chutichhnd",),
    "HPN": ("chutichhpn",), "ĐTN": ("bithudoan",), "HCCB": ("chutichhccb",),
}
# Unit short name -> (unit head, specialist) in UBND xã.
UNIT_STAFF = {"VHXH": ("truongphong", "chuyenvien"), "KT": ("truongphongkt", "chuyenvien2")}
#: The UBND unit each of its people drafts replies in (for "12/UBND-VHXH").
UNIT_OF = {person: unit for unit, people in UNIT_STAFF.items() for person in people}
MONEY = frozenset({"finance", "treasury", "tax", "credit"})
SELF = "self"


@dataclasses.dataclass
class Handling:
    """One instruction: the handlers, and who will act on it afterwards."""

    handlers: Handlers
    doer: User  # records progress and completes
    unit_head: User | None = None  # hands the lead unit's work to `doer`
    support_pair: tuple[User, User] | None = None  # (unit head, person) of a support unit
    supporter: User | None = None  # support person who reports progress

    @property
    def lead_label(self) -> str:
        lead = self.handlers.lead_person or self.handlers.lead_unit
        return lead.name if isinstance(lead, Unit) else str(lead)


class Desk:
    def __init__(self, demo: DemoOffice, rng: random.Random) -> None:
        self.users, self.units, self.rng = demo.users, demo.units, rng

    def leaders(self, org: str) -> list[User]:
        return [self.users[name] for name in LEADERS[org]]

    def route_to(self, org: str, arrival: Arrival) -> list[User]:
        """Whom the clerk presents the document to; the first one instructs."""
        names = LEADERS[org]
        if len(names) == 1 or arrival.fields.secrecy:
            return [self.users[names[0]]]
        if org == "UBND":
            deputy_first = arrival.issuer.unit == "KT" or arrival.kind.key == "GM"
            weights = [35, 65] if deputy_first else [65, 35]
        else:
            weights = {"ĐU": [45, 45, 10], "HĐND": [45, 55]}[org]
        first = self.rng.choices(names, weights)[0]
        chosen = [self.users[first]]
        if self.rng.random() < 0.08:
            chosen += [self.users[n] for n in names if n != first][:1]
        return chosen

    def handling(self, org: str, arrival: Arrival, instructor: User, *,
                 avoid: User | Unit | None = None) -> Handling:
        for _ in range(6):
            handling = self._choose(org, arrival, instructor)
            lead = handling.handlers.lead_person or handling.handlers.lead_unit
            if lead != avoid:
                return handling
        return handling

    def _choose(self, org: str, arrival: Arrival, instructor: User) -> Handling:
        if org == "UBND":
            return self._ubnd(arrival, instructor)
        u, rng = self.users, self.rng
        weights: dict[str, float]
        if org == "ĐU":
            weights = {"chuyenviendang": 55, "phobithu": 15, "chutich": 12, "chanhvanphong": 18}
            units, info = ["BXDĐ", "UBKT", "VPĐU"], ["phobithu", "chutich", "bithu"]
        elif org == "HĐND":
            weights = {"phochutichhdnd": 50, "chanhvanphong": 30, "ketoan": 10, SELF: 10}
            units, info = ["BKTXH"], ["bithu", "phochutichhdnd"]
        elif org == "MTTQ":
            weights = {"chuyenvienmttq": 70, SELF: 15, "chanhvanphong": 15}
            units, info = ["BTT"], ["ketoan"]
        else:
            weights = {SELF: 70, "chanhvanphong": 15, "ketoan": 15}
            units, info = [], []
        if arrival.fields.secrecy:
            weights.pop("chanhvanphong", None)
            weights.pop("ketoan", None)
        weights.pop(instructor.username, None)
        name = rng.choices(list(weights), list(weights.values()))[0]
        lead = instructor if name == SELF else u[name]
        support_units = [self.units[rng.choice(units)]] if units and rng.random() < 0.2 else []
        return self._finish(Handling(Handlers(lead_person=lead), doer=lead), instructor,
                            support_units=support_units, info=info)

    def _ubnd(self, arrival: Arrival, instructor: User) -> Handling:
        u, rng = self.users, self.rng
        unit_key = arrival.issuer.unit or rng.choice(list(UNIT_STAFF))
        head_name, specialist_name = UNIT_STAFF[unit_key]
        roll = rng.random()
        if arrival.fields.secrecy:
            lead = u["phochutich"] if instructor == u["chutich"] else u["chanhvanphong"]
            return Handling(Handlers(lead_person=lead), doer=lead)
        if roll < 0.66:
            doer = u[specialist_name] if rng.random() < 0.85 else u[head_name]
            handling = Handling(Handlers(lead_unit=self.units[unit_key]), doer=doer,
                                unit_head=u[head_name])
        else:
            if roll < 0.8:
                lead = u[specialist_name]
            elif roll < 0.88 and instructor == u["chutich"]:
                lead = u["phochutich"]
            elif MONEY & set(arrival.issuer.domains):
                lead = u["ketoan"]
            else:
                lead = u["chanhvanphong"]
            handling = Handling(Handlers(lead_person=lead), doer=lead)
        other = next(k for k in UNIT_STAFF if k != unit_key)
        support_units = [self.units[other]] if rng.random() < 0.2 else []
        if support_units and rng.random() < 0.5:
            head, person = UNIT_STAFF[other]
            handling.support_pair = (u[head], u[person])
        return self._finish(handling, instructor, support_units=support_units,
                            info=["phochutich", "chutich", "chanhvanphong"],
                            supporters=("ketoan", "chanhvanphong"))

    def _finish(self, handling: Handling, instructor: User, *, support_units: list[Unit],
                info: list[str], supporters: tuple[str, ...] = ()) -> Handling:
        """Add supporters and people kept informed, never repeating anyone."""
        busy = {instructor, handling.doer, handling.handlers.lead_person}
        supporter = None
        candidates = [self.users[n] for n in supporters if self.users[n] not in busy]
        if candidates and not support_units and self.rng.random() < 0.12:
            supporter = self.rng.choice(candidates)
            busy.add(supporter)
        readers = [self.users[n] for n in info if self.users[n] not in busy]
        for_info = [self.rng.choice(readers)] if readers and self.rng.random() < 0.3 else []
        handling.handlers = dataclasses.replace(
            handling.handlers, support_units=support_units,
            support_people=[supporter] if supporter else [], for_info=for_info,
        )
        handling.supporter = supporter
        return handling

    def instruction_text(self, handling: Handling, instructor: User,
                         deadline: dt.date | None) -> str:
        handlers = handling.handlers
        if handlers.lead_unit is not None:
            templates = texts.INSTRUCT_UNIT
        elif handlers.lead_person == instructor:
            templates = texts.INSTRUCT_SELF
        else:
            templates = texts.INSTRUCT_PERSON
        if deadline is None:
            templates = [t for t in templates if "{due}" not in t] or texts.INSTRUCT_SELF
        due = f"{deadline:%d/%m/%Y}" if deadline else ""
        text = self.rng.choice(templates).format(lead=handling.lead_label, due=due)
        helpers = [*handlers.support_units, *handlers.support_people]
        if helpers:
            names = ", ".join(h.name if isinstance(h, Unit) else str(h) for h in helpers)
            text += f" {names} phối hợp thực hiện."
        if handlers.for_info:
            text += " " + texts.INSTRUCT_INFO.format(info=", ".join(map(str, handlers.for_info)))
        return text
