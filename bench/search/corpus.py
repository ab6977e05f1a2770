"""A deterministic generator of realistic Vietnamese administrative documents for the
search benchmark: what the demo office (xã Tân Hòa) received and issued, 2015–2026.

    for document in generate(1_000_000, seed=7):
        ...

The same seed (and `until`) gives the same documents. Documents come in time order
(arrival or issue), spread over the working days with recent years heavier; about 65 %
are incoming (from ministries, the province, the former district, Party committees,
the front and mass organizations, with a Zipf-like choice of issuer and a long tail of
other provinces and communes) and 35 % outgoing (numbered in the series the demo's
registers keep). Nothing here touches the database; `load.py` writes the documents.

Generation runs at several tens of thousands of documents a second on one core: every
table is built once, and each document costs a few dozen random draws and joins.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import itertools
import random
import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo

from bench.search import bodies as b
from bench.search import ours as o
from bench.search import printed, topics
from bench.search import vocabulary as v
from bench.search.content import MAX_LENGTH, MIN_LENGTH, Fill, Page, Writer, group_of
from bench.search.timeline import Timeline, lunar, past_period, roman
from vanphong.registers.defaults import LEGAL_TYPES, PARTY_TYPES, STATE_TYPES

DEFAULT_SEED = 2026
UNTIL = dt.date(2026, 11, 30)
INCOMING_SHARE = 0.65
ZIPF = 1.05  # exponent of the issuer ranking
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
ABBREVIATIONS = {b.STATE: dict(STATE_TYPES), b.PARTY: dict(PARTY_TYPES),
                 "legal": dict(LEGAL_TYPES)}
CHANNEL_BY_ERA = ((2019, ("paper",) * 17 + ("email",) * 2 + ("upload",)),
                  (2023, ("paper",) * 10 + ("upload",) * 7 + ("email",) * 3),
                  (9999, ("paper",) * 4 + ("upload",) * 13 + ("email",) * 3))


@dataclasses.dataclass(slots=True, kw_only=True)
class GeneratedDocument:
    """One document as the register keeps it, with its text.

    `at` is the moment it arrived (incoming) or was issued (outgoing), aware, in
    Vietnam's time zone. `organization` is the short name of the demo organization that
    received or issued it. Outgoing documents carry the number of their own series, the
    signer from the demo cast (`signer_username`, `capacity`) and a drafting unit."""

    index: int
    id: uuid.UUID
    kind: str  # "incoming" | "outgoing"
    organization: str
    issuer: str
    type_name: str
    type_system: str  # DocumentType.system: "state", "party", "legal"
    number: int
    notation: str  # "QĐ-UBND", "NQ/ĐU", "2020/NĐ-CP"
    code: str  # number and notation: "853/QĐ-UBND", "15-NQ/ĐU"
    issued_date: dt.date
    at: dt.datetime
    subject: str
    signer_name: str
    signer_position: str
    urgency: int
    secrecy: int
    recipients: str  # incoming: to whom it was addressed; outgoing: "Kính gửi" lines
    pages: int
    content: str
    reply_due: dt.date | None = None
    channel: str = ""  # incoming.models.Channel value
    clerk: str = "vanthu"  # who registered or issued it
    drafting_unit: str = ""
    signer_username: str = ""
    capacity: str = ""


def generate(count: int, *, seed: int = DEFAULT_SEED,
             until: dt.date = UNTIL) -> Iterator[GeneratedDocument]:
    """`count` documents in time order, the same for the same arguments."""
    return _Corpus(seed, until).documents(count)


def _cumulative(weights: list[float]) -> list[float]:
    return list(itertools.accumulate(weights))


def _expand(pairs: tuple[tuple[str, int], ...]) -> tuple[str, ...]:
    """A weighted list as a flat tuple, for one-draw picks."""
    return tuple(name for name, weight in pairs for _ in range(weight))


def _windowed(items: tuple[str, ...]) -> list[tuple[str, int, int]]:
    """"text|2020-2022" -> (text, 2020, 2022); no window = always."""
    out = []
    for item in items:
        text, _, years = item.partition("|")
        first, _, last = years.partition("-")
        out.append((text, int(first or 0), int(last or first or 9999)))
    return out


T = TypeVar("T")


class _Choice(Generic[T]):
    """A weighted choice made with one uniform draw `r` in [0, 1)."""

    __slots__ = ("cumulative", "items", "total")

    def __init__(self, items: Sequence[T], cumulative: list[float]) -> None:
        self.items, self.cumulative, self.total = items, cumulative, cumulative[-1]

    def pick(self, r: float) -> T:
        return self.items[bisect.bisect_right(self.cumulative, r * self.total)]


class _Corpus:
    def __init__(self, seed: int, until: dt.date) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.rand = self.rng.random
        self.timeline = Timeline(until)
        self.writer = Writer(self.rand)
        self._issuer_tables()
        self._type_tables()
        self._topic_tables()
        self.surnames = _expand(v.SURNAMES)
        self.male = _expand(v.MIDDLE_MALE)
        self.female = _expand(v.MIDDLE_FEMALE)
        self.given = v.GIVEN_MALE + v.GIVEN_FEMALE
        self.signers: dict[tuple[int, int], list[str]] = {}
        self.last_numbers: dict[tuple[int, str, int], int] = {}
        self.series: dict[tuple[str, str, int, str], int] = {}
        self.incoming_orgs = _Choice(list(o.OURS), _cumulative([o.incoming for o in
                                                                 o.OURS.values()]))
        self.outgoing_orgs = _Choice(list(o.OURS), _cumulative([o.outgoing for o in
                                                                 o.OURS.values()]))

    # --- Tables built once -------------------------------------------------------------

    def _issuer_tables(self) -> None:
        """For each of our organizations and each period between reforms: who writes."""
        days = self.timeline.days
        edges = {day for body in b.BODIES for day in (body.since, body.until) if day}
        self.edges = sorted(e for e in edges if days[0] < e <= days[-1])
        order = random.Random(0)
        self.tables: dict[tuple[str, int], _Choice[b.Body]] = {}
        for era, first in enumerate([days[0], *self.edges]):
            for org in o.OURS:
                writers = [body for body in b.BODIES if org in body.to and body.active(first)
                           and o.SELF_NAMES.get(body.name) != org]
                core = sorted((w for w in writers if not w.tail), key=lambda w: w.rank)
                tail = [w for w in writers if w.tail]
                order.shuffle(tail)
                weights = [1 / (rank + 1) ** ZIPF for rank in range(len(core))]
                if tail:
                    tail_weights = [1 / (rank + 1) ** ZIPF for rank in range(len(tail))]
                    scale = sum(weights) * b.TAIL_SHARE / (1 - b.TAIL_SHARE) / sum(tail_weights)
                    weights += [w * scale for w in tail_weights]
                self.tables[(org, era)] = _Choice([*core, *tail], _cumulative(weights))
        self.body_index = {id(body): i for i, body in enumerate(b.BODIES)}

    def _type_tables(self) -> None:
        self.types: dict[tuple[str, bool], _Choice[str]] = {}
        self.shares = {(kind, name): weight / sum(mix.values())
                       for kind, mix in b.MIXES.items() for name, weight in mix.items()}
        for kind, mix in b.MIXES.items():
            for legal in (False, True):
                names = [n for n in mix if legal or n not in b.LEGAL_NAMES]
                self.types[(kind, legal)] = _Choice(names, _cumulative([mix[n] for n in names]))
        for org in o.OURS.values():
            self.types[(f"ours:{org.key}", False)] = _Choice(list(org.mix),
                                                   _cumulative(list(org.mix.values())))
            for name in org.mix:
                self._abbreviation(org.system, name)  # every type exists in its system
        for body in b.BODIES:
            for name in b.MIXES[body.kind]:
                if body.legal or name not in b.LEGAL_NAMES:
                    self._abbreviation(self._system(body.style, name), name)

    @staticmethod
    def _system(style: str, type_name: str) -> str:
        return "legal" if type_name in b.LEGAL_NAMES else style

    @staticmethod
    def _abbreviation(system: str, type_name: str) -> str:
        try:
            return ABBREVIATIONS[system][type_name]
        except KeyError:
            raise ValueError(f"no {system} document type named {type_name!r}") from None

    def _bases(self, party: bool, year: int) -> tuple[str, ...]:
        """The căn cứ lines in force in a year."""
        key = (party, year)
        found = self.bases_by_year.get(key)
        if found is None:
            pool = self.party_bases if party else self.state_bases
            found = self.bases_by_year[key] = tuple(
                t for t, first, last in pool if first <= year <= last)
        return found

    def _topic_tables(self) -> None:
        """Topics current in each year, per field."""
        years = range(self.timeline.days[0].year, self.timeline.days[-1].year + 1)
        self.topics: dict[tuple[str, int], tuple[str, ...]] = {}
        for field, items in topics.TOPICS.items():
            windowed = _windowed(items)
            for year in years:
                current = tuple(t for t, first, last in windowed if first <= year <= last)
                self.topics[(field, year)] = current or tuple(
                    t for t, first, _ in windowed if first == 0) or tuple(
                    t for t, _, _ in windowed)
        self.centrals = _windowed(v.CENTRAL_DOCUMENTS)
        self.state_bases = _windowed(v.STATE_BASES)
        self.party_bases = _windowed(v.PARTY_BASES)
        self.bases_by_year: dict[tuple[bool, int], tuple[str, ...]] = {}

    # --- Small draws -------------------------------------------------------------------

    def _pick(self, items: Sequence[T]) -> T:
        return items[int(self.rand() * len(items))]

    def _int(self, low: int, high: int) -> int:
        return low + int(self.rand() * (high - low + 1))

    def person(self, rand: Callable[[], float] | None = None) -> str:
        """A realistic full name (surnames weighted as in the population)."""
        rand = rand or self.rand

        def pick(items: tuple[str, ...]) -> str:
            return items[int(rand() * len(items))]

        surname = pick(self.surnames)
        if surname in v.ETHNIC:
            return f"{surname} {pick(self.given)}"
        if rand() < 0.42:
            return f"{surname} {pick(self.female)} {pick(v.GIVEN_FEMALE)}"
        return f"{surname} {pick(self.male)} {pick(v.GIVEN_MALE)}"

    def _signer(self, body: b.Body, year: int, head: bool) -> str:
        """Each body has a head and three deputies per five years, always the same."""
        key = (self.body_index[id(body)], (year - 2010) // 5)
        people = self.signers.get(key)
        if people is None:
            local = random.Random(f"{self.seed}/{key[0]}/{key[1]}").random
            people = self.signers[key] = [self.person(local) for _ in range(4)]
        return people[0] if head else people[1 + int(self.rand() * 3)]

    def _urgency(self, type_name: str) -> int:
        r = self.rand()
        if type_name == "Công điện":
            return 2 if r < 0.6 else 3 if r < 0.95 else 4
        if type_name == "Giấy mời":
            return 0 if r < 0.8 else 1 if r < 0.96 else 2 if r < 0.99 else 3
        return 0 if r < 0.935 else 1 if r < 0.985 else 2 if r < 0.995 else 3 if r < 0.9995 else 4

    # --- Documents ---------------------------------------------------------------------

    def documents(self, count: int) -> Iterator[GeneratedDocument]:
        for index in range(count):
            k, frac = self.timeline.place((index + self.rand()) / count)
            if self.rand() < INCOMING_SHARE:
                yield self._incoming(index, k, frac)
            else:
                yield self._outgoing(index, k, frac)

    def _moment(self, k: int, frac: float) -> dt.datetime:
        """A time on working day `k` between 07:30 and 17:00, growing with `frac`."""
        day = self.timeline.days[k]
        seconds = 27000 + int(frac * 34200)
        return dt.datetime(day.year, day.month, day.day, seconds // 3600, seconds // 60 % 60,
                           seconds % 60, tzinfo=TZ)

    def _era(self, day: dt.date) -> int:
        return bisect.bisect_right(self.edges, day)

    def _incoming(self, index: int, k: int, frac: float) -> GeneratedDocument:
        days = self.timeline.days
        org = o.OURS[self.incoming_orgs.pick(self.rand())]
        body = self.tables[(org.key, self._era(days[k]))].pick(self.rand())
        type_name = self.types[(body.kind, body.legal)].pick(self.rand())
        secrecy = self._incoming_secrecy(body)
        if secrecy:
            type_name = self._pick(("Công văn", "Công văn", "Kế hoạch", "Báo cáo"))
        internal = body.place == "Tân Hòa"
        lag = 0 if type_name == "Công điện" else self._int(0, 2) if internal else self._pick(
            (1, 1, 2, 2, 2, 3, 3, 4, 5, 7))
        issued_k = k - lag
        issued = days[issued_k]
        system = self._system(body.style, type_name)
        number, notation = self._external_code(body, type_name, system, issued)
        code = f"{number:02d}{'-' if system == b.PARTY else '/'}{notation}"
        head = self.rand() < 0.3
        signer = self._signer(body, issued.year, head)
        recipients = self._addressed(body, org, issued)
        field = ("security", "defense", "personnel")[int(self.rand() * 3)] if secrecy else \
            self._pick(body.fields)
        fill = self._fill(issued_k, self._pick(self.topics[(field, issued.year)]), body.name)
        subject, topic = self._subject(type_name, body.style, field, fill, secret=bool(secrecy))
        urgency = 0 if secrecy else self._urgency(type_name)
        when = f"{body.place}, {self.timeline.viet[issued_k]}"
        content = self.writer.write(self._page(
            type_name, printed.external_head(body, code, when, type_name, subject, recipients,
                                             urgency, secrecy),
            topic, field, body.name, recipients, subject, fill, body.style == b.PARTY,
            [*printed.block(body, head=head), signer], printed.receivers(body, recipients),
            issued_k))
        return GeneratedDocument(
            index=index, id=uuid.UUID(int=self.rng.getrandbits(128)), kind="incoming",
            organization=org.key, issuer=body.name, type_name=type_name, type_system=system,
            number=number, notation=notation, code=code, issued_date=issued,
            at=self._moment(k, frac), subject=subject, signer_name=signer,
            signer_position=body.head if head else body.deputy, urgency=urgency,
            secrecy=secrecy, recipients=recipients, pages=1 + len(content) // 2800,
            content=content, reply_due=self._reply_due(type_name, issued, days[k]),
            channel=self._channel(body, days[k]),
            clerk="vanthu" if self.rand() < 0.75 else "vanthu2",
        )

    def _outgoing(self, index: int, k: int, frac: float) -> GeneratedDocument:
        days = self.timeline.days
        org = o.OURS[self.outgoing_orgs.pick(self.rand())]
        type_name = self.types[(f"ours:{org.key}", False)].pick(self.rand())
        secret_share = 0.015 if org.key in ("ĐU", "UBND", "HĐND") else 0.003
        r = self.rand()
        secrecy = 1 if r < secret_share else 2 if r < secret_share * 1.15 else 0
        if secrecy:
            type_name = self._pick(("Công văn", "Kế hoạch", "Báo cáo"))
        issued = days[k]
        abbreviation = self._abbreviation(org.system, type_name)
        unit = self._pick(org.units)
        number = self._own_number(org, issued, abbreviation, secrecy)
        code = self._own_code(org, number, abbreviation, unit)
        signer = org.signers[0] if self.rand() < 0.6 else self._pick(org.signers)
        field = self._pick(org.fields)
        fill = self._fill(k, self._pick(self.topics[(field, issued.year)]), org.name)
        subject, topic = self._subject(type_name, org.system, field, fill, secret=bool(secrecy))
        addressees = self._addressees(org, type_name)
        urgency = 0 if secrecy else self._urgency(type_name)
        head = printed.own_head(org, code, f"Tân Hòa, {self.timeline.viet[k]}", type_name,
                                subject, addressees, urgency, secrecy)
        content = self.writer.write(self._page(
            type_name, head, topic, field, org.name,
            addressees.replace("\n", ", ") or "các cơ quan, đơn vị", subject, fill,
            org.style == b.PARTY, [*signer.block, signer.name],
            printed.own_receivers(self._pick(org.recipients), unit),
            k))
        return GeneratedDocument(
            index=index, id=uuid.UUID(int=self.rng.getrandbits(128)), kind="outgoing",
            organization=org.key, issuer=org.name, type_name=type_name, type_system=org.system,
            number=number, notation=code.split("/", 1)[1] if org.style == b.STATE
            else code.split("-", 1)[1], code=code, issued_date=issued,
            at=self._moment(k, frac), subject=subject.removeprefix("V/v "),
            signer_name=signer.name, signer_position=signer.title, urgency=urgency,
            secrecy=secrecy, recipients=addressees, pages=1 + len(content) // 2800,
            content=content, clerk="vanthu" if self.rand() < 0.75 else "vanthu2",
            drafting_unit=unit, signer_username=signer.username, capacity=signer.capacity,
        )

    # --- Numbers and codes ---------------------------------------------------------------

    def _period_start(self, body: b.Body, issued: dt.date, legal: bool) -> dt.date:
        if body.terms and not legal:
            i = bisect.bisect_right(body.terms, issued)
            if i:
                return body.terms[i - 1]
        return dt.date(issued.year, 1, 1)

    def _external_code(self, body: b.Body, type_name: str, system: str,
                       issued: dt.date) -> tuple[int, str]:
        """(number, notation) as the issuer numbers: the share of its yearly (or term)
        volume issued so far, never twice the same number in a series."""
        legal = system == "legal"
        start = self._period_start(body, issued, legal)
        rate = body.yearly * self.shares[(body.kind, type_name)] / (10 if legal else 1)
        number = int(rate * (issued - start).days / 365) + 1 + int(self.rand() * 3)
        key = (self.body_index[id(body)], type_name, start.toordinal())
        number = max(number, self.last_numbers.get(key, 0) + 1)
        self.last_numbers[key] = number
        abbreviation = self._abbreviation(system, type_name)
        unit = self._pick(body.units)
        if legal:
            return number, f"{issued.year}/{abbreviation}-{body.code}"
        if system == b.PARTY:
            suffix = f"-{unit}" if unit and (type_name == "Công văn" or self.rand() < 0.3) else ""
            return number, f"{abbreviation}/{body.code}{suffix}"
        if abbreviation:
            return number, f"{abbreviation}-{body.code}"
        return number, f"{body.code}-{unit}" if unit else body.code

    def _own_number(self, org: o.Ours, issued: dt.date, abbreviation: str,
                    secrecy: int) -> int:
        """The next number in the series the demo's registers keep (orgchart._registers):
        Party committee per term and type, secret in the same series; State bodies per
        year with a secret register; the front per year with a secret series."""
        register, period, series = "outgoing", issued.year, ""
        if org.key == "ĐU":
            period = bisect.bisect_right(b.COMMUNE_TERMS, issued)
            series = abbreviation
        elif org.key in ("UBND", "HĐND"):
            register = "secret_outgoing" if secrecy else "outgoing"
        elif secrecy:
            series = "MẬT"
        key = (org.key, register, period, series)
        self.series[key] = self.series.get(key, 0) + 1
        return self.series[key]

    @staticmethod
    def _own_code(org: o.Ours, number: int, abbreviation: str, unit: str) -> str:
        """As registers.numbering.format_notation with the demo's templates."""
        n = f"{number:02d}"
        if org.style == b.PARTY:
            return f"{n}-{abbreviation}/{org.key}" if abbreviation else f"{n}-CV/{org.key}"
        if abbreviation:
            return f"{n}/{abbreviation}-{org.key}"
        return f"{n}/{org.key}-{unit}".rstrip("-/")

    # --- Words -------------------------------------------------------------------------

    def _incoming_secrecy(self, body: b.Body) -> int:
        if not body.secret:
            return 0
        r = self.rand()
        return 1 if r < 0.025 else 2 if r < 0.03 else 0

    def _fill(self, k: int, topic: str, issuer: str) -> Fill:
        base = {"t": topic, "y": str(self.timeline.days[k].year), "issuer": issuer}
        return Fill(lambda key: self._value(key, k, topic), base)

    def _value(self, key: str, k: int, topic: str) -> str:
        """A placeholder's value for a document of working day `k`."""
        day = self.timeline.days[k]
        year, month = day.year, day.month
        rand, pick, number = self.rand, self._pick, self._int
        match key:
            case "p":
                later = year + 1 if month >= 10 and rand() < 0.6 else year
                quarter = (month - 1) // 3 + 1
                return pick((f"năm {later}", f"năm {later}", f"quý {roman(quarter)} năm {year}",
                             f"6 tháng cuối năm {year}" if month >= 6 else f"năm {year}",
                             f"giai đoạn {later}–{later + 4}", "trên địa bàn xã", ""))
            case "q":
                return past_period(day, rand)
            case "y1":
                return str(year - 1)
            case "y2":
                return str(year + 1 if month >= 10 else year)
            case "range":
                first = year - year % 5 + 1 if rand() < 0.5 else year
                return f"{first}–{first + 4}"
            case "month":
                return str(month)
            case "n":
                return str(number(2, 45))
            case "date":
                return self.timeline.short[max(k - number(5, 40), 0)]
            case "date2":
                return self.timeline.short[min(k + number(5, 25), len(self.timeline.days) - 1)]
            case "person":
                return self.person()
            case "role":
                return pick(v.ROLES)
            case "unit":
                return pick(v.UNITS)
            case "place":
                return pick(v.PLACES)
            case "leader":
                return pick(v.LEADERS)
            case "work":
                return pick(v.WORKS).format(place=pick(v.PLACES))
            case "tet":
                tet = year + 1 if month >= 10 else year
                return f"{lunar(tet)} năm {tet}"
            case "badge":
                return pick(("30", "40", "45", "50", "55", "60", "65", "70", "75"))
            case "term":
                start = b.COMMUNE_TERMS[max(bisect.bisect_right(b.COMMUNE_TERMS, day) - 1, 0)]
                return f"{start.year}–{start.year + 5}"
            case "termlabel":
                return self._value("term", k, topic)
            case "central":
                return pick([t for t, first, _ in self.centrals if first <= year])
            case "law":
                return pick(v.LAWS)
            case "T":
                return topic[:1].upper() + topic[1:]
        raise KeyError(key)

    def _subject(self, type_name: str, style: str, field: str, fill: Fill, *,
                 secret: bool) -> tuple[str, str]:
        """The trích yếu (8 to 30 words) and the topic it ended up about."""
        forms: tuple[str, ...]
        if secret:
            forms = v.SECRET_SUBJECTS
        else:
            forms = v.SUBJECTS.get(f"{type_name}/{style}") or v.SUBJECTS[type_name]
        fill["f"] = topics.FIELD_NAMES[field]
        for _ in range(4):
            fill["T"] = fill["t"][:1].upper() + fill["t"][1:]
            text = _tidy(self._pick(forms).format_map(fill))
            if secret and type_name == "Công văn":
                text = "V/v " + text.removeprefix("Về ")[:1].lower() + text.removeprefix("Về ")[1:]
            words = text.count(" ") + (0 if text.startswith("V/v") else 1)  # "V/v" is a mark
            if 8 <= words <= 30:
                return text, fill["t"]
            if words < 8:
                return f"{text} trên địa bàn xã năm {fill['y']}", fill["t"]
            fill["t"] = self._pick(self.topics[(field, int(fill["y"]))])
        return " ".join(text.split()[:30]), fill["t"]

    def _addressed(self, body: b.Body, org: o.Ours, issued: dt.date) -> str:
        if body.tail or body.place == "Tân Hòa":
            return org.name
        if body.place == "Hà Nội":
            return {b.PARTY: "Các tỉnh ủy, thành ủy, đảng ủy trực thuộc Trung ương"}.get(
                body.style, "Các bộ, cơ quan ngang bộ; UBND các tỉnh, thành phố trực thuộc "
                "Trung ương")
        return org.addressed_after if issued >= b.REFORM else org.addressed_before

    def _addressees(self, org: o.Ours, type_name: str) -> str:
        if type_name not in ("Công văn", "Tờ trình", "Báo cáo"):
            return ""
        first = self._pick(org.recipients)
        second = self._pick(org.recipients)
        return first if first == second or self.rand() < 0.6 else f"{first}\n{second}"

    def _reply_due(self, type_name: str, issued: dt.date, arrival: dt.date) -> dt.date | None:
        if type_name != "Công văn" or self.rand() >= 0.25:
            return None
        return max(issued + dt.timedelta(days=self._int(7, 20)), arrival + dt.timedelta(days=2))

    def _channel(self, body: b.Body, arrival: dt.date) -> str:
        if body.place == "Tân Hòa" and arrival.year >= 2021:
            return "internal"
        for last_year, channels in CHANNEL_BY_ERA:
            if arrival.year < last_year:
                return self._pick(channels)
        return "paper"

    def _page(self, type_name: str, head: list[str], topic: str, field: str, issuer: str,
              addressee: str, subject: str, fill: Fill, party: bool, signature: list[str],
              tail: list[str], k: int) -> Page:
        group = group_of(type_name)
        topic2 = self._pick(self.topics[(field, self.timeline.days[k].year)])
        bases: list[str] = []
        day = self.timeline.days[k]
        if group in ("decision", "resolution", "legal", "plan"):
            current = self._bases(party, day.year)
            count = 1 if group == "plan" else self._int(2, 4)
            bases = list(dict.fromkeys(self._pick(current).format_map(fill)
                                       for _ in range(count)))
        target = MIN_LENGTH + 200 + int(self.rand() ** 1.6 * (MAX_LENGTH - MIN_LENGTH - 1200))
        fill["t"] = topic  # the body reuses the subject's values (person, place, dates)
        if addressee[:3] == "Các":
            addressee = addressee[:1].lower() + addressee[1:]
        return Page(group=group, type_name=type_name, head=head, topic=topic, topic2=topic2,
                    issuer=issuer,
                    addressee=addressee, subject=subject, signature=signature, tail=tail,
                    party=party, bases=bases, target=target, stable=fill)


_REPEATS = ("kiểm tra", "thực hiện", "triển khai", "tổ chức", "đẩy mạnh", "tăng cường",
            "hướng dẫn", "xây dựng", "phát triển")


def _tidy(text: str) -> str:
    """Single spaces, and no "kiểm tra kiểm tra" where a form meets its topic."""
    text = text.replace("  ", " ").strip()
    for words in _REPEATS:
        if f"{words} {words}" in text:
            text = text.replace(f"{words} {words}", words)
    return text
