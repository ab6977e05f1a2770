"""What arrives at the demo office, and when: one `Arrival` per receipt, with the
fields the clerk records, the organizations it is registered in, and for the last
weeks a printed first page to attach."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections import defaultdict

from vanphong.demo import texts
from vanphong.demo.catalogue import (
    ISSUERS,
    KINDS,
    PARTY,
    SECRET_SENDERS,
    SENDERS,
    VOLUMES,
    DocKind,
    Issuer,
)
from vanphong.demo.letter_pdf import Letter
from vanphong.demo.names import NameBook
from vanphong.demo.timeline import Timeline
from vanphong.incoming.actions import IncomingFields
from vanphong.incoming.models import Channel, IncomingDocument
from vanphong.registers.models import DocumentType, Secrecy, Urgency
from vanphong.vietnamese import fold

#: Documents of the last ATTACH_DAYS calendar days come with a file; older ones are
#: kept as paper originals.
ATTACH_DAYS = 60
JOINT_SHARE = 0.045
SECRET_SHARE = 0.015

# How each of our organizations is addressed by bodies writing to all communes.
ADDRESSED_AS = {
    "UBND": "UBND các xã, phường, đặc khu", "ĐU": "Các đảng ủy xã, phường, đặc khu",
    "HĐND": "Thường trực HĐND các xã, phường, đặc khu",
    "MTTQ": "Ban Thường trực Ủy ban MTTQ Việt Nam các xã, phường, đặc khu",
    "HND": "Hội Nông dân các xã, phường, đặc khu", "HPN": "Hội LHPN các xã, phường, đặc khu",
    "ĐTN": "Ban Chấp hành Đoàn các xã, phường, đặc khu",
    "HCCB": "Hội Cựu chiến binh các xã, phường, đặc khu",
}
LEADERSHIP = {"ubnd_tinh": "đồng chí Chủ tịch UBND tỉnh", "tu": "Thường trực Tỉnh ủy"}


@dataclasses.dataclass
class Track:
    """One registration of an arrival in one of our organizations."""

    org: str
    fate: str = ""  # the status the document should have reached at the end
    document: IncomingDocument | None = None


@dataclasses.dataclass
class Arrival:
    at: dt.datetime
    issuer: Issuer
    kind: DocKind
    clerk: str
    fields: IncomingFields
    first_fields: IncomingFields  # as first registered; differs when later corrected
    about: str  # the activity it is about, for the printed page
    tracks: list[Track]
    channel: str
    has_paper_original: bool
    letter: Letter | None = None
    filename: str = ""

    @property
    def corrected(self) -> bool:
        return self.first_fields != self.fields


@dataclasses.dataclass
class _Seed:
    day: dt.date
    org: str
    issuer: Issuer
    secret: bool
    partner: str = ""


def viet_date(day: dt.date) -> str:
    """"ngày 05 tháng 01 năm 2026": leading zero for days below 10 and months 1–2."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def _short_name(issuer: Issuer) -> str:
    """"Sở Nội vụ", "UBND tỉnh", "Ban Tổ chức Tỉnh ủy": how the issuer names itself."""
    name = issuer.name.replace(" Lâm Đồng", "")
    return name.removesuffix(" tỉnh") if name.startswith("Sở ") else name


class ArrivalPlanner:
    def __init__(self, *, rng: random.Random, timeline: Timeline,
                 org_names: dict[str, str], document_types: dict[tuple[str, str], DocumentType],
                 ) -> None:
        self.rng, self.timeline = rng, timeline
        self.org_names, self.document_types = org_names, document_types
        self.names = NameBook(rng)
        self.used_numbers: dict[tuple[str, str, dt.date], set[int]] = defaultdict(set)

    # --- How many, where, from whom -------------------------------------------------

    def _day_counts(self, receipts: int) -> list[int]:
        """Receipts per day: busier at year end and on Mondays, quieter around Tết,
        and at least a few on each of the last days so recent work is visible."""
        days = self.timeline.days
        counts = [0] * len(days)
        minimum = [0] * len(days)
        budget = max(1, receipts // 2)  # at most half the arrivals are placed this way
        for back in range(1, min(11, len(days)) + 1):
            minimum[-back] = min(3 if back == 1 else 2, budget)
            budget -= minimum[-back]
        weights = [self._weight(day) for day in days]
        for index in self.rng.choices(range(len(days)), weights, k=receipts - sum(minimum)):
            counts[index] += 1
        return [c + m for c, m in zip(counts, minimum, strict=True)]

    def _weight(self, day: dt.date) -> float:
        month = {12: 1.25, 1: 1.15, 2: 0.7, 7: 0.9, 8: 0.9}.get(day.month, 1.0)
        weekday = (1.25, 1.05, 1.0, 1.0, 0.85, 0.2, 0.1)[day.weekday()]
        return month * weekday * self.rng.uniform(0.7, 1.3)

    def _seeds(self, receipts: int, joint: int) -> list[_Seed]:
        seeds: list[_Seed] = []
        orgs, volumes = list(VOLUMES), list(VOLUMES.values())
        for day, count in zip(self.timeline.days, self._day_counts(receipts), strict=True):
            for org in self.rng.choices(orgs, volumes, k=count):
                senders = [(k, w) for k, w in SENDERS[org] if ISSUERS[k].writes_on(day)]
                keys, weights = zip(*senders, strict=True)
                issuer = ISSUERS[self.rng.choices(keys, weights)[0]]
                seeds.append(_Seed(day, org, issuer, secret=False))
        self._make_secret(seeds)
        self._make_joint(seeds, joint)
        return seeds

    def _make_secret(self, seeds: list[_Seed]) -> None:
        """A few documents, always at least one in a run of some size, are secret."""
        eligible = [s for s in seeds if s.org in SECRET_SENDERS]
        chosen = [s for s in eligible if self.rng.random() < SECRET_SHARE]
        if not chosen and len(seeds) >= 50 and eligible:
            chosen = [self.rng.choice(eligible)]
        for seed in chosen:
            seed.secret = True
            seed.issuer = ISSUERS[self.rng.choice(SECRET_SENDERS[seed.org])]

    def _make_joint(self, seeds: list[_Seed], joint: int) -> None:
        """Pick the documents also addressed to a second organization; one of them among
        the recent arrivals, so a shared file is always there to see."""
        candidates = [s for s in seeds if not s.secret and set(s.issuer.joint) - {s.org}]
        recent = [s for s in candidates
                  if (self.timeline.until - s.day).days <= ATTACH_DAYS // 2]
        chosen = self.rng.sample(recent, 1) if recent and joint else []
        rest = [s for s in candidates if all(s is not c for c in chosen)]
        chosen += self.rng.sample(rest, min(joint - len(chosen), len(rest)))
        for seed in chosen:
            seed.partner = self.rng.choice([o for o in seed.issuer.joint if o != seed.org])

    def plan(self, documents: int) -> list[Arrival]:
        """Arrivals registering exactly `documents` documents, in time order."""
        joint = round(documents * JOINT_SHARE) if documents >= 20 else 0
        seeds = self._seeds(documents - joint, joint)
        missing = documents - sum(2 if s.partner else 1 for s in seeds)
        for _ in range(missing):  # too few joint candidates: top up with single arrivals
            extra = self.rng.choice(seeds)
            seeds.append(_Seed(extra.day, extra.org, extra.issuer, secret=extra.secret))
        arrivals = [self._arrival(seed) for seed in sorted(seeds, key=lambda s: s.day)]
        return sorted(arrivals, key=lambda a: a.at)

    # --- One arrival ------------------------------------------------------------------

    def _arrival(self, seed: _Seed) -> Arrival:
        at = self.timeline.arrival_on(seed.day)
        kind = self._kind(seed)
        issued = self._issued(seed.issuer, at.date(), kind)
        fields, about = self._fields(seed, kind, issued, at.date())
        first = fields
        if not seed.partner and not seed.secret and self.rng.random() < 0.015:
            first = dataclasses.replace(fields, signer_name="", signer_position="", pages=None)
        tracks = [Track(seed.org)] + ([Track(seed.partner)] if seed.partner else [])
        recent = (self.timeline.until - at.date()).days <= ATTACH_DAYS and not seed.secret
        arrival = Arrival(
            at=at, issuer=seed.issuer, kind=kind, fields=fields, first_fields=first, about=about,
            clerk="vanthu" if self.rng.random() < 0.75 else "vanthu2", tracks=tracks,
            channel=self._channel(seed, recent), has_paper_original=True,
        )
        if recent:
            arrival.has_paper_original = arrival.channel in (Channel.PAPER, Channel.INTERNAL)
            arrival.letter = self._letter(arrival)
            arrival.filename = f"{fold(fields.code).upper().replace('/', '-')}.pdf"
        return arrival

    def _kind(self, seed: _Seed) -> DocKind:
        if seed.secret:
            return KINDS[self.rng.choice(["KH", "CV", "BC", "CV"])]
        keys, weights = zip(*seed.issuer.mix.items(), strict=True)
        return KINDS[self.rng.choices(keys, weights)[0]]

    def _channel(self, seed: _Seed, recent: bool) -> str:
        if not recent:
            return Channel.PAPER
        if seed.issuer.internal:
            return Channel.INTERNAL
        return self.rng.choices([Channel.UPLOAD, Channel.EMAIL, Channel.PAPER], [75, 15, 10])[0]

    def _issued(self, issuer: Issuer, arrival: dt.date, kind: DocKind) -> dt.date:
        lag = self.rng.randint(0, 2) if issuer.internal else self.rng.choice([1, 1, 2, 2, 3, 4, 6])
        if kind.key == "CĐ":
            lag = 0
        day = arrival - dt.timedelta(days=lag)
        while day.weekday() >= 5 and kind.key != "CĐ":  # signed on a working day
            day -= dt.timedelta(days=1)
        return day

    def _number(self, issuer: Issuer, kind: DocKind, issued: dt.date) -> int:
        """A number that grows through the issuer's year (or Party term), never reused."""
        start = dt.date(issued.year, 1, 1)
        if issuer.term_start and issued >= issuer.term_start and not kind.legal:
            start = issuer.term_start
        share = issuer.mix.get(kind.key, 1) / sum(issuer.mix.values())
        rate = max(issuer.daily * share, 0.05)
        elapsed = (issued - start).days * 5 / 7
        number = int(rate * elapsed) + self.rng.randint(1, max(1, round(rate)) + 1)
        used = self.used_numbers[(issuer.key, kind.key, start)]
        while number in used:
            number += 1
        used.add(number)
        return number

    def _code(self, issuer: Issuer, kind: DocKind, issued: dt.date) -> str:
        n = f"{self._number(issuer, kind, issued):02d}"
        unit = self.rng.choice(issuer.units)
        if kind.legal:
            return f"{n}/{issued.year}/{kind.abbreviation}-{issuer.code}"
        if issuer.style == PARTY:
            abbreviation = kind.abbreviation or "CV"
            with_unit = unit and (not kind.abbreviation or self.rng.random() < 0.5)
            suffix = f"-{unit}" if with_unit else ""
            return f"{n}-{abbreviation}/{issuer.code}{suffix}"
        if kind.abbreviation:
            return f"{n}/{kind.abbreviation}-{issuer.code}"
        return f"{n}/{issuer.code}-{unit}" if unit else f"{n}/{issuer.code}"

    def _document_type(self, issuer: Issuer, kind: DocKind) -> DocumentType | None:
        system = "legal" if kind.legal else issuer.style
        return self.document_types.get((system, kind.name))

    def _urgency(self, kind: DocKind) -> int:
        if kind.key == "CĐ":
            return self.rng.choice([Urgency.VERY_URGENT, Urgency.FLASH])
        weights = [87, 10, 2, 1] if kind.key != "GM" else [70, 24, 4, 2]
        return self.rng.choices(
            [Urgency.NORMAL, Urgency.URGENT, Urgency.VERY_URGENT, Urgency.FLASH], weights
        )[0]

    def _reply_due(self, kind: DocKind, issued: dt.date, arrival: dt.date) -> dt.date | None:
        chance = {"CV": 0.3, "KH": 0.12, "HD": 0.12, "CĐ": 0.5}.get(kind.key, 0.0)
        if self.rng.random() >= chance:
            return None
        return max(issued + dt.timedelta(days=self.rng.randint(7, 25)),
                   arrival + dt.timedelta(days=2))

    def _recipients(self, seed: _Seed) -> str:
        orgs = [seed.org] + ([seed.partner] if seed.partner else [])
        if seed.issuer.internal:
            return "; ".join(self.org_names[o] for o in orgs)
        return "; ".join(ADDRESSED_AS[o] for o in orgs)

    def _fields(self, seed: _Seed, kind: DocKind, issued: dt.date,
                arrival: dt.date) -> tuple[IncomingFields, str]:
        """What the clerk records, and the activity the document is about."""
        issuer = seed.issuer
        head = self.rng.random() < 0.3
        leadership = LEADERSHIP.get(issuer.key, f"lãnh đạo {issuer.name}")
        if seed.secret:
            subject, about = texts.secret_subject(issued, self.rng), ""
        else:
            subject, about = texts.subject(kind.key, issuer.domains, issued, self.rng,
                                           body=leadership, party=issuer.style == PARTY,
                                           person=self.names.person())
        fields = IncomingFields(
            issuer=issuer.name, code=self._code(issuer, kind, issued), issued_date=issued,
            subject=subject, document_type=self._document_type(issuer, kind),
            signer_name=self.names.signer(issuer.key, head=head),
            signer_position=issuer.head if head else issuer.deputy,
            reply_due=None if seed.secret else self._reply_due(kind, issued, arrival),
            recipients=self._recipients(seed), pages=self._pages(),
            urgency=Urgency.NORMAL if seed.secret else self._urgency(kind),
            secrecy=(self.rng.choice([Secrecy.SECRET] * 5 + [Secrecy.TOP_SECRET])
                     if seed.secret else Secrecy.NONE),
        )
        return fields, about

    def _pages(self) -> int:
        return self.rng.choices([1, 2, 3, 4, 5, 6, 8, 12], [30, 25, 15, 10, 8, 5, 4, 3])[0]

    def _letter(self, arrival: Arrival) -> Letter:
        issuer, fields, kind = arrival.issuer, arrival.fields, arrival.kind
        addressee = " và ".join(fields.recipients.split("; "))
        head = fields.signer_position == issuer.head
        number_line = f"Số {fields.code}" if issuer.style == PARTY else f"Số: {fields.code}"
        return Letter(
            issuer_lines=issuer.lines, party_style=issuer.style == PARTY,
            number_line=number_line,
            place_date=f"{issuer.place}, {viet_date(fields.issued_date)}",
            type_title=kind.title, subject=fields.subject,
            addressee=f"Kính gửi: {fields.recipients}",
            paragraphs=texts.paragraphs(texts.Page(
                kind=kind.key, issuer=issuer.name, addressee=addressee, subject=fields.subject,
                topic=arrival.about, day=fields.issued_date, reply_due=fields.reply_due,
                party=issuer.style == PARTY,
            ), self.rng),
            signature=issuer.capacity(head=head), signer=fields.signer_name,
            recipients=("Như trên;" if not kind.title else f"{fields.recipients};",
                        f"Lãnh đạo {_short_name(issuer)} (b/c);",
                        f"Lưu: VT, {self.rng.choice(issuer.units) or 'VP'}."),
            urgency=Urgency(fields.urgency).label.upper() if fields.urgency else "",
        )
