"""The demo office's outgoing documents: a few months of drafts reviewed, signed, numbered
and issued by each organization, plus some in every open state — all through the real
actions with the clock frozen at each step's moment.

Final copies (LibreOffice) and internal delivery run after commit in the background
worker, as in production, so loading the demo does not wait for them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

from django.utils import timezone

from vanphong import clock
from vanphong.demo.orgchart import DemoOffice
from vanphong.incoming.access import visible_incoming
from vanphong.incoming.models import IncomingDocument
from vanphong.incoming.models import Status as IncomingStatus
from vanphong.organizations.models import Organization, User
from vanphong.outgoing import actions, issuing
from vanphong.outgoing.access import pending_review
from vanphong.outgoing.actions import DraftFields, RecipientSpec
from vanphong.outgoing.models import Capacity, Correspondent, OutgoingDocument, Template
from vanphong.outgoing.text import PLACEHOLDER, fill_placeholders
from vanphong.registers.models import DocumentType, Urgency
from vanphong.workdays.dates import Calendar

# organization -> (drafter, drafting unit, [(signer, capacity)], [type names])
# Every demo organization works under collective leadership: its head and deputies sign
# "TM." / "T/M" its collective (a UBND deputy: "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH").
TM = Capacity.COLLECTIVE
PLANS: dict[str, tuple[str, str, list[tuple[str, str]], list[str]]] = {
    "UBND": ("chuyenvien", "VHXH", [("chutich", TM), ("phochutich", TM)],
             ["Quyết định", "Công văn", "Công văn", "Kế hoạch", "Báo cáo", "Thông báo"]),
    "ĐU": ("chuyenviendang", "BXDĐ", [("bithu", TM), ("phobithu", TM)],
           ["Nghị quyết", "Công văn", "Báo cáo", "Kế hoạch", "Thông báo"]),
    "HĐND": ("vanthu", "", [("bithu", TM)], ["Công văn", "Báo cáo", "Thông báo"]),
    "MTTQ": ("chuyenvienmttq", "BTT", [("chutichmttq", TM)], ["Công văn", "Kế hoạch", "Báo cáo"]),
    "HND": ("vanthu", "", [("chutichhnd", TM)], ["Công văn", "Kế hoạch"]),
    "HPN": ("vanthu", "", [("chutichhpn", TM)], ["Công văn", "Báo cáo"]),
    "ĐTN": ("vanthu", "", [("bithudoan", TM)], ["Kế hoạch", "Công văn"]),
    "HCCB": ("vanthu", "", [("chutichhccb", TM)], ["Công văn", "Báo cáo"]),
}

SUBJECTS = {
    "Quyết định": ["Về việc thành lập Tổ công tác chuyển đổi số xã",
                   "Về việc phê duyệt kế hoạch sử dụng đất năm 2027",
                   "Về việc khen thưởng các tập thể, cá nhân có thành tích"],
    "Nghị quyết": ["Về lãnh đạo phát triển kinh tế – xã hội năm 2027",
                   "Về công tác cán bộ nhiệm kỳ 2025–2030"],
    "Công văn": ["báo cáo kết quả thực hiện cải cách hành chính",
                 "phối hợp tổ chức Ngày hội Đại đoàn kết toàn dân tộc",
                 "rà soát hộ nghèo, hộ cận nghèo năm 2026",
                 "chuẩn bị nội dung kỳ họp thường lệ"],
    "Kế hoạch": ["Tổ chức các hoạt động chào mừng Tết Nguyên đán",
                 "Triển khai công tác phòng, chống thiên tai năm 2027"],
    "Báo cáo": ["Kết quả công tác tháng", "Sơ kết 6 tháng thực hiện nhiệm vụ"],
    "Thông báo": ["Kết luận của lãnh đạo tại cuộc họp giao ban",
                  "Lịch tiếp công dân định kỳ"],
}


@dataclasses.dataclass
class OutgoingSummary:
    issued: int
    open: int


def _type(organization: Organization, name: str) -> DocumentType:
    system = "party" if organization.family == "party" else "state"
    return DocumentType.objects.get(system=system, organization=None, name=name)


def _fields(demo: DemoOffice, short: str, rng: random.Random,
            answers: tuple[IncomingDocument, ...] = ()) -> DraftFields:
    organization = demo.orgs[short]
    _, unit, signers, types = PLANS[short]
    signer, capacity = rng.choice(signers)
    type_name = rng.choice(types)
    document_type = _type(organization, type_name)
    template = Template.objects.filter(document_type=document_type).first()
    others = [o for o in demo.orgs.values() if o.pk != organization.pk]
    recipients = [RecipientSpec(organization=o) for o in rng.sample(others, rng.randint(1, 2))]
    outside = Correspondent.objects.filter(office=demo.office).order_by("pk")
    if rng.random() < 0.5 and outside.exists():
        recipients.append(RecipientSpec(correspondent=rng.choice(list(outside))))
    body = _sample_body(organization, template)
    return DraftFields(
        document_type=document_type, subject=rng.choice(SUBJECTS[type_name]), body=body,
        signer=demo.users[signer], capacity=capacity,
        drafting_unit=demo.units.get(unit) if unit else None,
        urgency=Urgency.URGENT if rng.random() < 0.1 else Urgency.NORMAL,
        recipients=tuple(recipients), answers=answers,
    )


def _sample_body(organization: Organization, template: Template | None) -> str:
    """The template's body with its gaps written: known placeholders filled as the
    product does, the rest with sample text."""
    if template is None:
        return "Nội dung văn bản."
    body = fill_placeholders(template.body, organization, clock.today())
    return PLACEHOLDER.sub("nội dung cụ thể", body).replace("…", "nội dung cụ thể")


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """That moment of that day, or now if it has not come yet (nothing in the future)."""
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))
    return min(moment, clock.now())


def _reviewer(demo: DemoOffice, document: OutgoingDocument) -> User | None:
    review = pending_review(document)
    if review is None:
        return None
    return review.reviewer or demo.users["vanthu"]


def _review_to_signature(demo: DemoOffice, document: OutgoingDocument, day: dt.date) -> None:
    """Every step approves in turn; the signer signs."""
    for hour in range(9, 16):
        reviewer = _reviewer(demo, document)
        if reviewer is None:
            return
        with clock.frozen_at(_at(day, hour, 30)):
            if pending_review(document).kind == "sign":  # type: ignore[union-attr]
                actions.sign_outgoing(actor=reviewer, document=document)
            else:
                actions.approve_outgoing(actor=reviewer, document=document,
                                         comment="Đồng ý." if hour % 2 else "")


def _draft(demo: DemoOffice, short: str, day: dt.date, rng: random.Random,
           answers: tuple[IncomingDocument, ...] = ()) -> OutgoingDocument:
    drafter = demo.users[PLANS[short][0]]
    with clock.frozen_at(_at(day, 8, 15)):
        document = actions.create_draft(actor=drafter, organization=demo.orgs[short],
                                        fields=_fields(demo, short, rng, answers))
        actions.submit_outgoing(actor=drafter, document=document)
    return document


def _issue(demo: DemoOffice, document: OutgoingDocument, day: dt.date) -> None:
    with clock.frozen_at(_at(day, 16, 0)):
        issuing.issue_outgoing(actor=demo.users["vanthu"], document=document, on=day)


def _open_answers(demo: DemoOffice, short: str, before: dt.datetime,
                  rng: random.Random) -> tuple[IncomingDocument, ...]:
    drafter = demo.users[PLANS[short][0]]
    candidates = visible_incoming(drafter).filter(
        organization=demo.orgs[short], updated_at__lt=before,
        status__in=[IncomingStatus.ASSIGNED, IncomingStatus.IN_PROGRESS],
    ).order_by("arrival_at")[:20]
    pool = list(candidates)
    return (rng.choice(pool),) if pool else ()


def generate_outgoing(demo: DemoOffice, *, count: int, seed: int) -> OutgoingSummary:
    """`count` issued documents over the last working days, then a few in each open state."""
    rng = random.Random(seed)
    today = clock.today()
    calendar = Calendar.load(first_year=today.year - 1, last_year=today.year)
    days = [today - dt.timedelta(days=n) for n in range(1, 120)]
    working = sorted(d for d in days if calendar.is_working_day(d))[-max(count, 1):]
    issued = 0
    for day in working[:count]:
        short = rng.choice(list(PLANS))
        document = _draft(demo, short, day, rng)
        _review_to_signature(demo, document, day)
        late = rng.random() < 0.08
        issue_day = calendar.add_working_days(day, 3) if late else day
        _issue(demo, document, min(issue_day, today))
        issued += 1
    open_count = _open_states(demo, rng, today)
    return OutgoingSummary(issued=issued + _reply(demo, rng, today), open=open_count)


def _open_states(demo: DemoOffice, rng: random.Random, today: dt.date) -> int:
    """Today's work: drafts at each step, one returned, two waiting for the clerk."""
    for short in ("UBND", "ĐU", "MTTQ"):
        drafter = demo.users[PLANS[short][0]]
        with clock.frozen_at(_at(today, 8, 0)):
            actions.create_draft(actor=drafter, organization=demo.orgs[short],
                                 fields=_fields(demo, short, rng))
    _draft(demo, "UBND", today, rng)  # waiting for the unit head
    returned = _draft(demo, "ĐU", today, rng)
    with clock.frozen_at(_at(today, 9, 0)):
        actions.return_outgoing(actor=demo.users["vanthu"], document=returned,
                                reason="Sửa lại trích yếu cho đúng thể thức.")
    for short in ("UBND", "MTTQ"):
        signed = _draft(demo, short, today, rng)
        _review_to_signature(demo, signed, today)
    return 7


def _reply(demo: DemoOffice, rng: random.Random, today: dt.date) -> int:
    """A reply issued just now closes the incoming document it answers (issued now, so
    its event comes after every event of the incoming history)."""
    answers = _open_answers(demo, "UBND", clock.now(), rng)
    reply = _draft(demo, "UBND", today, rng, answers)
    _review_to_signature(demo, reply, today)
    with clock.frozen_at(clock.now()):
        issuing.issue_outgoing(actor=demo.users["vanthu"], document=reply, on=today)
    return 1
