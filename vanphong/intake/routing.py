"""Routing suggestions: which member organization takes a received document, which unit
leads its handling, who handles it and which leader it is presented to — learned from the
office's own history, with rules from day one, and always with a reason a clerk can read.

Rules read who the document is addressed to ("Kính gửi", "Nơi nhận") and who issued it
(a Party committee writes to the Party committee, a State body to the People's
Committee, an elected body to the Council, a mass organization to its own level). Once
the office has registered and assigned enough documents, scikit-learn models (TF-IDF of
the folded issuer, notation, type, signer, addressees and subject; a logistic regression
per target) are trained in the background and retrained when enough new documents
exist. The organization model is used when it is confident, the rules otherwise; the
unit, handler and leader models answer for whichever organization was chosen. Only
active organizations, units and people holding a post today are ever suggested. What is
stored of a model is plain arrays (`routing_model.dump`), never a pickle.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from vanphong import clock
from vanphong.incoming.actions import eligible_people, eligible_units
from vanphong.incoming.models import (
    Assignment,
    AssignmentKind,
    AssignmentState,
    IncomingDocument,
    Routing,
    Status,
)
from vanphong.intake.models import RoutingModel
from vanphong.intake.routing_model import NO_UNIT, choice, dump, learn, load, ranked
from vanphong.intake.routing_model import TARGETS as TARGETS  # read as routing.TARGETS
from vanphong.intake.routing_rules import Guess, by_addressees, by_issuer, features
from vanphong.organizations.models import Office, Organization, Position, Unit, User
from vanphong.vietnamese import name_key, nfc

logger = logging.getLogger(__name__)

#: Documents needed before a first model is trained, and new ones before retraining.
MIN_DECISIONS = 40
RETRAIN_AFTER = 20
#: The organization model's probability above which it is trusted over the rules.
CONFIDENT = 0.55
#: Probability, among the chosen organization's choices, for a unit, handler or leader.
CONFIDENT_CHOICE = 0.4
#: At most this many documents are learned from (the most recent).
MAX_EXAMPLES = 50_000
#: States of an assignment that stands: not replaced, handed on or returned.
STANDING = (AssignmentState.ACTIVE, AssignmentState.DONE)


# --- Learning ------------------------------------------------------------------------------


def _standing_leads(office: Office) -> dict[Any, tuple[int | None, int | None]]:
    """(unit, person) of the lead that stands for each document: the last one still
    active or done. A lead replaced by a new instruction or returned by its handler was
    a wrong guess, not a decision to learn; a unit head's hand-over names the person."""
    leads: dict[Any, tuple[int | None, int | None]] = {}
    for document_id, unit_id, person_id in (
        Assignment.objects.filter(
            document__office=office, kind=AssignmentKind.LEAD, state__in=STANDING
        )
        .order_by("assigned_at", "id")
        .values_list("document_id", "unit_id", "person_id")
    ):
        leads[document_id] = (unit_id, person_id)
    return leads


def _first_leaders(office: Office) -> dict[Any, int]:
    """The leader each document stands presented to (the first of the active routings:
    a document sent back by the wrong leader is presented again)."""
    leaders: dict[Any, int] = {}
    for document_id, leader_id in (
        Routing.objects.filter(document__office=office, is_active=True)
        .order_by("routed_at", "id")
        .values_list("document_id", "leader_id")
    ):
        leaders.setdefault(document_id, leader_id)
    return leaders


def _examples(office: Office) -> list[dict[str, Any]]:
    """Features and targets of the office's registered documents, most recent first.
    Unit, person and leader labels carry the organization ("3:17"), so that a suggestion
    only picks among the chosen organization's own choices."""
    documents = (
        IncomingDocument.objects.filter(office=office)
        .exclude(status=Status.WITHDRAWN)
        .order_by("-arrival_at", "-arrival_number")
        .values(
            "pk",
            "organization_id",
            "issuer",
            "code",
            "subject",
            "document_type__name",
            "signer_position",
            "recipients",
        )[:MAX_EXAMPLES]
    )
    leads, leaders = _standing_leads(office), _first_leaders(office)
    # A person given the lead counts for their unit in that organization.
    units_of: dict[tuple[int, int | None], int] = {}
    for person_id, organization_id, unit_id in Position.objects.filter(
        office=office, unit__isnull=False
    ).values_list("person_id", "unit__organization_id", "unit_id"):
        units_of.setdefault((person_id, organization_id), unit_id)
    examples = []
    for doc in documents:
        org = doc["organization_id"]
        fields = {
            "issuer": doc["issuer"],
            "code": doc["code"],
            "subject": doc["subject"],
            "type_name": doc["document_type__name"] or "",
            "signer_position": doc["signer_position"],
            "recipients": doc["recipients"],
        }
        example = {
            "text": features(fields),
            "organization": str(org),
            "unit": None,
            "person": None,
            "leader": None,
        }
        if doc["pk"] in leads:
            unit, person = leads[doc["pk"]]
            unit = unit or (units_of.get((person, org)) if person else None)
            example["unit"] = f"{org}:{unit or NO_UNIT}"
            example["person"] = f"{org}:{person}" if person else None
        if doc["pk"] in leaders:
            example["leader"] = f"{org}:{leaders[doc['pk']]}"
        examples.append(example)
    return examples


def train(office: Office) -> RoutingModel | None:
    """Learn from the office's history; None when there is too little of it."""
    started = time.perf_counter()
    examples = _examples(office)
    if len(examples) < MIN_DECISIONS:
        return None
    models = learn(examples)
    if models["organization"] is None:
        return None
    record = RoutingModel.objects.create(
        office=office,
        trained_at=clock.now(),
        decisions=len(examples),
        accuracy=models["accuracy"]["organization"],
        data=dump(models),
    )
    logger.info(
        "routing model for %s: %d documents in %.1fs, held-out accuracy %s",
        office,
        len(examples),
        time.perf_counter() - started,
        models["accuracy"],
    )
    return record


def held_out(record: RoutingModel) -> dict[str, float | None]:
    """Held-out accuracy of each target of a trained model (organization, unit, person,
    leader), measured at training time on the most recent fifth of the documents."""
    models = _load(record)
    return dict(models["accuracy"]) if models else {}


def new_decisions(office: Office, since: dt.datetime) -> int:
    """Decisions taken since a moment: documents registered (which organization takes
    them) and leads given (which unit and who handles them)."""
    registered = IncomingDocument.objects.filter(office=office, created_at__gt=since)
    led = Assignment.objects.filter(
        document__office=office, kind=AssignmentKind.LEAD, assigned_at__gt=since
    )
    return registered.count() + led.count()


def retrain_if_due(office: Office) -> bool:
    """Train when there is no model yet and enough documents, or when RETRAIN_AFTER new
    decisions were taken since the last model; keep only the newest model."""
    last = RoutingModel.objects.filter(office=office).order_by("-trained_at").first()
    if last is None or _load(last) is None:  # none yet, or one this version cannot read
        documents = IncomingDocument.objects.filter(office=office).exclude(status=Status.WITHDRAWN)
        due = documents.count() >= MIN_DECISIONS
    else:
        due = new_decisions(office, last.trained_at) >= RETRAIN_AFTER
    if not due:
        return False
    trained = train(office)
    if trained is not None:
        RoutingModel.objects.filter(office=office).exclude(pk=trained.pk).delete()
    return trained is not None


def retrain_all() -> int:
    """Retrain every office whose model is due; the number retrained."""
    return sum(retrain_if_due(office) for office in Office.objects.all())


#: Loaded models by RoutingModel id, with the office and time they were trained: an id
#: the database reuses after a deletion never brings back another model.
_loaded: dict[int, tuple[tuple[int, Any], dict[str, Any] | None]] = {}
_lock = threading.Lock()


def _load(record: RoutingModel) -> dict[str, Any] | None:
    """The models of a RoutingModel row, read once per process; None for a row that is
    not in the current format (it is never unpickled, whatever it holds)."""
    stamp = (record.office_id, record.trained_at)
    with _lock:
        cached = _loaded.get(record.pk)
        if cached is not None and cached[0] == stamp:
            return cached[1]
    data = RoutingModel.objects.filter(pk=record.pk).values_list("data", flat=True).first()
    if data is None:
        return None
    models = load(bytes(data))
    if models is None:
        logger.warning("routing model %s is not in the current format; retrain it", record.pk)
    in_use = set(RoutingModel.objects.values_list("pk", flat=True))
    with _lock:
        # Only the models still in use: a retrained office's old one is dropped.
        for stale in set(_loaded) - in_use:
            _loaded.pop(stale, None)
        _loaded[record.pk] = (stamp, models)
    return models


def _current(office: Office) -> tuple[int, dict[str, Any]] | None:
    """(documents learned from, models) of the office's newest model, if any."""
    latest = (
        RoutingModel.objects.filter(office=office)
        .order_by("-trained_at")
        .only("pk", "office_id", "trained_at", "decisions")
        .first()
    )
    if latest is None:
        return None
    models = _load(latest)
    return (latest.decisions, models) if models is not None else None


# --- Suggesting ----------------------------------------------------------------------------


@dataclass
class _Handling:
    unit: Unit | None = None
    unit_score: float = 0.0
    handler: User | None = None
    handler_score: float = 0.0
    leader: User | None = None
    leader_learned: bool = False  # history says: another leader than the head


def _handling(models: dict[str, Any] | None, text: str, top: Organization) -> _Handling:
    """Unit, handler and leader for the chosen organization: what history says when it
    says it clearly and the choice is still possible today, else its head."""
    found = _Handling(leader=top.head(on=clock.today()))
    if models is None:
        return found
    # Whom instruct_incoming would accept for a document of this organization today.
    draft = IncomingDocument(office_id=top.office_id, organization=top)
    units = {u.pk: u for u in eligible_units(draft)}
    unit = choice(models.get("unit"), text, top, set(units))
    if unit is not None and unit[1] >= CONFIDENT_CHOICE:
        found.unit, found.unit_score = units[unit[0]], unit[1]
    people = {u.pk: u for u in eligible_people(draft)}
    person = choice(models.get("person"), text, top, set(people))
    if person is not None and person[1] >= CONFIDENT_CHOICE:
        found.handler, found.handler_score = people[person[0]], person[1]
    leaders = {u.pk: u for u in top.leaders(on=clock.today())}
    leader = choice(models.get("leader"), text, top, set(leaders))
    if leader is not None and leader[1] >= CONFIDENT_CHOICE and leaders[leader[0]] != found.leader:
        found.leader, found.leader_learned = leaders[leader[0]], True
    return found


def _history_reason(
    office: Office, fields: dict[str, str], top: Organization, unit: Unit | None
) -> str:
    """ "Theo 46 văn bản trước của Sở Tài chính: 41 do UBND tiếp nhận, 30 giao Phòng Kinh
    tế chủ trì." — empty when the issuer has no history."""
    issuer = nfc(fields.get("issuer", ""))
    earlier = IncomingDocument.objects.filter(office=office, issuer_key=name_key(issuer))
    total = earlier.count() if issuer else 0
    if not total:
        return ""
    taken = earlier.filter(organization=top).count()
    text = f"Theo {total} văn bản trước của {issuer}: {taken} do {top.short_name} tiếp nhận"
    if unit is not None:
        members = Position.objects.filter(unit=unit).values("person_id")
        led = (
            Assignment.objects.filter(
                document__in=earlier, kind=AssignmentKind.LEAD, state__in=STANDING
            )
            .filter(Q(unit=unit) | Q(person_id__in=members))
            .values("document_id")
            .distinct()
            .count()
        )
        if led:
            text += f", {led} giao {unit.name} chủ trì"
    return text + "."


def _model_reason(
    office: Office,
    fields: dict[str, str],
    top: tuple[Organization, float],
    handling: _Handling,
    decisions: int,
) -> str:
    reason = _history_reason(office, fields, top[0], handling.unit)
    if reason:
        return reason + _leader_reason(handling)
    reason = (
        f"Giống các văn bản {top[0].short_name} đã tiếp nhận, theo {decisions} văn "
        f"bản đã học (độ tin cậy {round(top[1] * 100)}%)."
    )
    if handling.unit is not None:
        reason += f" Thường giao {handling.unit.name} chủ trì."
    return reason + _leader_reason(handling)


def _leader_reason(handling: _Handling) -> str:
    if handling.leader_learned and handling.leader is not None:
        return f" Thường trình {handling.leader.full_name}."
    return ""


def _handling_reason(handling: _Handling) -> str:
    """What history adds to a suggestion the rules made."""
    parts = []
    if handling.unit is not None:
        parts.append(f"thường giao {handling.unit.name} chủ trì")
    if handling.leader_learned and handling.leader is not None:
        parts.append(f"thường trình {handling.leader.full_name}")
    return f" Theo các văn bản tương tự đã xử lý: {', '.join(parts)}." if parts else ""


def _knows(models: dict[str, Any], text: str) -> bool:
    """Does the document share any word with what the organization model learned?"""
    model = models.get("organization")
    return model is not None and model.knows(text)


def _organizations(
    models: dict[str, Any] | None, text: str, organizations: list[Organization]
) -> list[tuple[Organization, float]]:
    """The organization model's ranking over the active organizations."""
    if models is None or models.get("organization") is None:
        return []
    by_id = {str(o.pk): o for o in organizations}
    return [
        (by_id[label], p) for label, p in ranked(models["organization"], text) if label in by_id
    ]


def _as_json(
    ranked: list[tuple[Organization, float]], handling: _Handling, reason: str, source: str
) -> dict[str, Any]:
    unit, handler, leader = handling.unit, handling.handler, handling.leader
    return {
        "organizations": [{"id": o.pk, "name": o.name, "score": round(p, 3)} for o, p in ranked],
        "unit": {"id": unit.pk, "name": unit.name, "score": round(handling.unit_score, 3)}
        if unit is not None
        else None,
        "handler": {
            "id": handler.pk,
            "name": handler.full_name,
            "score": round(handling.handler_score, 3),
        }
        if handler is not None
        else None,
        "leader": {"id": leader.pk, "name": leader.full_name} if leader is not None else None,
        "reason": reason,
        "source": source,
    }


def suggest(office: Office, fields: dict[str, str], text: str = "") -> dict[str, Any]:
    """A JSON-serialisable suggestion for a document being registered: organizations
    (best first), lead unit, handler, the leader to present it to, the reason, and
    whether the organization came from the model or the rules. `fields` holds the header
    as proposed or typed (issuer, code, type_name, subject, signer_position, recipients);
    `text` the document's text, whose "Kính gửi" and "Nơi nhận" lines are read. An office
    without active organizations gets {}."""
    organizations = list(Organization.objects.active().filter(office=office).order_by("pk"))
    if not organizations:
        return {}
    fields = {name: str(value or "") for name, value in fields.items()}
    current = _current(office)
    decisions, models = current if current is not None else (0, None)
    feature_text = features(fields)
    unfamiliar = models is not None and not _knows(models, feature_text)
    if unfamiliar:
        models = None  # it would only repeat how often each answer was given
    learned = _organizations(models, feature_text, organizations)
    addressed = by_addressees(organizations, fields, text)
    if learned and learned[0][1] >= CONFIDENT:
        ranked = _with_addressees(learned, addressed)
        handling = _handling(models, feature_text, ranked[0][0])
        reason = _model_reason(office, fields, ranked[0], handling, decisions)
        return _as_json(ranked, handling, reason, "model")
    guess = addressed if addressed.organizations else by_issuer(organizations, fields)
    if guess.organizations:
        handling = _handling(models, feature_text, guess.organizations[0][0])
        reason = guess.reason + _handling_reason(handling)
        if unfamiliar:
            reason += f" Chưa có văn bản tương tự trong {decisions} văn bản đã học."
        elif learned:
            reason += (
                f" Lịch sử {decisions} văn bản chưa đủ rõ để dựa vào (độ tin cậy "
                f"{round(learned[0][1] * 100)}%)."
            )
        return _as_json(guess.organizations, handling, reason, "rules")
    if learned:
        # No rule applies: the model's best guesses, said to be guesses.
        ranked = [(o, p) for o, p in learned[:3] if p >= 0.2] or learned[:1]
        names = " hoặc ".join(f"{o.short_name} ({round(p * 100)}%)" for o, p in ranked)
        reason = f"Chưa chắc chắn: theo {decisions} văn bản đã học, có thể do {names} tiếp nhận."
        return _as_json(
            ranked, _Handling(leader=ranked[0][0].head(on=clock.today())), reason, "model"
        )
    return _as_json(
        [], _Handling(), "Chưa đủ thông tin để gợi ý; văn thư chọn cơ quan nhận.", "rules"
    )


def _with_addressees(
    learned: list[tuple[Organization, float]], addressed: Guess
) -> list[tuple[Organization, float]]:
    """The model's confident choice, the others it finds nearly as likely, and the
    addressees written on the document (a document may go to several organizations)."""
    best = learned[0][1]
    ranked = [learned[0]] + [(o, p) for o, p in learned[1:] if p >= max(0.25, best / 2)]
    present = {o.pk for o, _ in ranked}
    return ranked + [(o, p) for o, p in addressed.organizations if o.pk not in present]
