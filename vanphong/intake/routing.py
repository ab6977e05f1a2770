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
active organizations, units and people holding a post today are ever suggested.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import pickle  # only our own models, written by `train` into our database
import re
import threading
import time
from collections import Counter
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
from vanphong.organizations.models import Family, Office, Organization, Position, Unit, User
from vanphong.vietnamese import clean_code, fold, name_key, nfc, split_code

logger = logging.getLogger(__name__)

#: Documents needed before a first model is trained, and new ones before retraining.
MIN_DECISIONS = 40
RETRAIN_AFTER = 20
#: Examples a label needs to be learned (rarer ones are left to the rules).
MIN_PER_LABEL = 3
#: The organization model's probability above which it is trusted over the rules.
CONFIDENT = 0.55
#: Probability, among the chosen organization's choices, for a unit, handler or leader.
CONFIDENT_CHOICE = 0.4
#: At most this many documents are learned from (the most recent).
MAX_EXAMPLES = 50_000
FORMAT_VERSION = 2
TARGETS = ("organization", "unit", "person", "leader")
#: Label of "led by a person outside any unit", so that a unit is only suggested when
#: the organization's documents usually go to one.
NO_UNIT = "-"
#: States of an assignment that stands: not replaced, handed on or returned.
STANDING = (AssignmentState.ACTIVE, AssignmentState.DONE)


# --- Features ------------------------------------------------------------------------------

_WORDS = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    return _WORDS.findall(fold(nfc(text)))


def features(fields: dict[str, str]) -> str:
    """One folded text with each field's words marked, so "so tai chinh" as issuer weighs
    apart from the same words in a subject. The number of the code is left out: it
    changes with every document and says nothing about who takes it."""

    def each(prefix: str, name: str) -> list[str]:
        return [f"{prefix}_{w}" for w in _words(fields.get(name, ""))]

    def whole(prefix: str, words: list[str]) -> list[str]:
        return [f"{prefix}_{'_'.join(words)}"] if words else []

    notation = _words(split_code(clean_code(fields.get("code", "")))[1])
    return " ".join(
        [
            *each("cq", "issuer"),
            *[f"kh_{w}" for w in notation],
            *whole("kh", notation),
            *whole("lvb", _words(fields.get("type_name", ""))),
            *whole("cv", _words(fields.get("signer_position", ""))),
            *each("nn", "recipients"),
            *_words(fields.get("subject", "")),
        ]
    )


# --- Rules ---------------------------------------------------------------------------------

_PLACE = re.compile(r"\s+(xa|phuong|thi tran|dac khu|huyen|quan|thi xa|tinh|thanh pho)\s.*$")
#: Short and common forms, longest first, replaced by the full words of the names.
_ALIASES = [
    ("doan thanh nien cong san", "doan tncs"),
    ("trung uong doan", "doan tncs trung uong"),
    ("tinh doan", "doan tncs tinh"),
    ("thanh doan", "doan tncs thanh pho"),
    ("huyen doan", "doan tncs huyen"),
    ("doan thanh nien", "doan tncs"),
    ("doan tn", "doan tncs"),
    ("hoi lhpn", "hoi lien hiep phu nu"),
    ("hoi phu nu", "hoi lien hiep phu nu"),
    ("hlhpn", "hoi lien hiep phu nu"),
    ("hoi nd", "hoi nong dan"),
    ("hoi ccb", "hoi cuu chien binh"),
    ("ubmttq", "uy ban mat tran to quoc"),
    ("mttq", "mat tran to quoc"),
    ("ubnd", "uy ban nhan dan"),
    ("hdnd", "hoi dong nhan dan"),
    ("ddbqh", "doan dai bieu quoc hoi"),
    ("btv", "ban thuong vu"),
    ("tw", "trung uong"),
]
#: Words right after a name that make it another level's body ("UBND tỉnh (b/c)").
_OTHER_LEVEL = ("tinh", "huyen", "quan", "thanh pho", "thi xa", "trung uong")
_PARTY_ISSUER = re.compile(
    r"\b(tinh uy|huyen uy|thanh uy|thi uy|quan uy|dang uy|dang bo|chi bo|ban chap hanh dang"
    r"|ban bi thu|bo chinh tri|trung uong dang)\b"
    r"|^(ban tuyen giao|ban to chuc|ban dan van|ban noi chinh|ban thuong vu|uy ban kiem tra)"
)
_PARTY_NOTATION = re.compile(r"/[a-z]*(tu|hu|du|tw|qu)$")
_ELECTED = re.compile(r"\b(hoi dong nhan dan|quoc hoi|dai bieu)\b")
_FRONT_HEADS = re.compile(r"^(ban thuong truc |ban thuong vu |ban chap hanh |uy ban )")
_TRAILING = re.compile(r"\s+(viet nam|ho chi minh)$")


def _expand(text: str) -> str:
    padded = f" {' '.join(_words(text))} "
    for short, long in _ALIASES:
        padded = padded.replace(f" {short} ", f" {long} ")
    return " ".join(padded.split())


def _keys(organization: Organization) -> list[str]:
    """How an organization is written without its place: "Ủy ban MTTQ Việt Nam xã Tân Hòa"
    → "uy ban mat tran to quoc viet nam", "uy ban mat tran to quoc", and for the Front
    and mass organizations also "mat tran to quoc"."""
    stem = _PLACE.sub("", _expand(organization.name)).strip()
    keys = [stem, _TRAILING.sub("", stem)]
    if organization.family == Family.FRONT:
        keys += [_FRONT_HEADS.sub("", k) for k in keys]
    short = _expand(organization.short_name)
    if len(short) >= 3:
        keys.append(short)
    return sorted({k for k in keys if k}, key=len, reverse=True)


def _names(text: str, organization: Organization, *, any_level: bool = False) -> bool:
    """Does the (expanded) text name this organization — at our level ("UBND các xã",
    not "UBND tỉnh"), or at any level for an issuer ("Hội Nông dân tỉnh")?"""
    for key in _keys(organization):
        for match in re.finditer(rf"\b{re.escape(key)}\b", text):
            if any_level or not text[match.end() :].lstrip().startswith(_OTHER_LEVEL):
                return True
    return False


@dataclass(frozen=True)
class _Guess:
    organizations: list[tuple[Organization, float]]
    reason: str


def _addressed(organizations: list[Organization], fields: dict[str, str], text: str) -> _Guess:
    """Organizations named where the document says who it is for."""
    lines = [fields.get("recipients", ""), *_addressee_lines(text)]
    addressed = " ; ".join(_expand(line) for line in lines if line.strip())
    found = [o for o in organizations if addressed and _names(addressed, o)]
    if not found:
        return _Guess([], "")
    names = ", ".join(o.short_name for o in found)
    return _Guess(
        [(o, 0.8) for o in found], f"Văn bản gửi đến {names} (theo “Kính gửi”, “Nơi nhận”)."
    )


def _addressee_lines(text: str) -> list[str]:
    """The "Kính gửi:" and "Nơi nhận:" lines and the list items right under them (not
    the bullets of the body, which name organizations for other reasons)."""
    lines, listing = [], False
    for line in text.splitlines():
        folded = fold(line).strip()
        if folded.startswith(("kinh gui", "noi nhan")):
            lines.append(line)
            listing = True
        elif listing and folded.startswith(("-", "+", "•")):
            lines.append(line)
        else:
            listing = False
    return lines


def _own(organizations: list[Organization], issuer: str) -> Organization | None:
    return next((o for o in organizations if _expand(o.name) == issuer), None)


def _by_issuer(organizations: list[Organization], fields: dict[str, str]) -> _Guess:
    """The organization that takes what this issuer usually sends to our level."""
    issuer = _expand(fields.get("issuer", ""))
    notation = fold(split_code(clean_code(fields.get("code", "")))[1])
    if not issuer and not notation:
        return _Guess([], "")
    shown = nfc(fields.get("issuer", "")) or nfc(fields.get("code", ""))
    own = _own(organizations, issuer)
    others = [o for o in organizations if o != own]
    front = next(
        (o for o in others if o.family == Family.FRONT and _names(issuer, o, any_level=True)), None
    )
    if front is not None:
        return _Guess(
            [(front, 0.7)],
            f"Văn bản của {shown} gửi {front.short_name} cùng hệ thống (theo quy tắc).",
        )
    party = bool(_PARTY_ISSUER.search(issuer) or _PARTY_NOTATION.search(notation))
    what, target = _target(others, party=party, elected=bool(_ELECTED.search(issuer)))
    if target is None:
        return _Guess([], "")
    if own is not None:
        return _Guess(
            [(target, 0.5)],
            f"Văn bản do chính {own.short_name} ban hành, gửi {target.short_name} (theo quy tắc).",
        )
    return _Guess(
        [(target, 0.6)],
        f"Văn bản của {what} ({shown}) thường do {target.short_name} tiếp nhận (theo quy tắc).",
    )


def _target(
    organizations: list[Organization], *, party: bool, elected: bool
) -> tuple[str, Organization | None]:
    def first(family: str, *starts: str) -> Organization | None:
        return next(
            (
                o
                for o in organizations
                if o.family == family and (not starts or _expand(o.name).startswith(starts))
            ),
            None,
        )

    committee = first(Family.STATE, "uy ban nhan dan")
    if party:
        return "cấp ủy, cơ quan Đảng", first(Family.PARTY) or committee
    council = first(Family.STATE, "hoi dong nhan dan")
    if elected and council is not None:
        return "cơ quan dân cử", council
    return "cơ quan nhà nước", committee or council or first(Family.STATE)


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


def _fit(texts: list[str], labels: list[Any]) -> Any | None:
    """A TF-IDF + logistic regression pipeline; None when there is nothing to learn."""
    from sklearn.dummy import DummyClassifier
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    counts = Counter(labels)
    keep = [i for i, label in enumerate(labels) if counts[label] >= MIN_PER_LABEL]
    if not keep:
        return None
    # One label only (e.g. one unit ever led this organization's documents): it is the
    # answer whatever the text.
    single = len({labels[i] for i in keep}) == 1
    vectorizer = TfidfVectorizer(
        ngram_range=(1, 2), min_df=2, sublinear_tf=True, max_features=20_000
    )
    model = make_pipeline(
        vectorizer,
        DummyClassifier(strategy="prior") if single else LogisticRegression(max_iter=300),
    )
    try:
        model.fit([texts[i] for i in keep], [labels[i] for i in keep])
    except ValueError:  # too few words to learn from ("empty vocabulary")
        return None
    # The words dropped by min_df are kept only for inspection, and dominate the size.
    vectorizer.stop_words_ = None
    return model


def _held_out_accuracy(texts: list[str], labels: list[str]) -> float | None:
    """Accuracy on the most recent fifth (the first ones), learning from the older. A
    unit, person or leader is chosen among its organization's, as `suggest` does."""
    cut = len(texts) // 5
    if cut < 5:
        return None
    model = _fit(texts[cut:], labels[cut:])
    if model is None:
        return None
    classes = [str(c) for c in model.classes_]
    right = 0
    for row, label in zip(model.predict_proba(texts[:cut]), labels[:cut], strict=True):
        prefix = label.split(":", 1)[0] + ":" if ":" in label else ""
        own = [(p, c) for p, c in zip(row, classes, strict=True) if c.startswith(prefix)]
        right += bool(own) and max(own)[1] == label
    return right / cut


def _learn(examples: list[dict[str, Any]]) -> dict[str, Any]:
    """A model and its held-out accuracy for each target with enough examples."""
    import sklearn.linear_model  # noqa: F401 — loads BLAS and OpenMP before they are limited
    from threadpoolctl import threadpool_limits

    models: dict[str, Any] = {"version": FORMAT_VERSION, "accuracy": {}}
    # One thread: several BLAS/OpenMP threads fighting over a busy machine's cores made
    # the same fit 50 times slower; the worker is a background job anyway. The limit
    # only reaches libraries already loaded, hence the import above.
    with threadpool_limits(limits=1):
        for target in TARGETS:
            rows = [e for e in examples if e[target] is not None]
            texts, labels = [e["text"] for e in rows], [e[target] for e in rows]
            models[target] = _fit(texts, labels)
            models["accuracy"][target] = _held_out_accuracy(texts, labels)
    return models


def train(office: Office) -> RoutingModel | None:
    """Learn from the office's history; None when there is too little of it."""
    started = time.perf_counter()
    examples = _examples(office)
    if len(examples) < MIN_DECISIONS:
        return None
    models = _learn(examples)
    if models["organization"] is None:
        return None
    buffer = io.BytesIO()
    pickle.dump(models, buffer, protocol=pickle.HIGHEST_PROTOCOL)
    record = RoutingModel.objects.create(
        office=office,
        trained_at=clock.now(),
        decisions=len(examples),
        accuracy=models["accuracy"]["organization"],
        data=buffer.getvalue(),
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
    if last is None:
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


#: Unpickled models by RoutingModel id, with the office and time they were trained:
#: an id the database reuses after a deletion never brings back another model.
_loaded: dict[int, tuple[tuple[int, Any], dict[str, Any]]] = {}
_lock = threading.Lock()


def _load(record: RoutingModel) -> dict[str, Any] | None:
    """The models of a RoutingModel row, unpickled once per process."""
    stamp = (record.office_id, record.trained_at)
    with _lock:
        cached = _loaded.get(record.pk)
        if cached is not None and cached[0] == stamp:
            return cached[1]
    data = RoutingModel.objects.filter(pk=record.pk).values_list("data", flat=True).first()
    if data is None:
        return None
    models = pickle.loads(bytes(data))  # noqa: S301 — our own model, see the import
    if not isinstance(models, dict) or models.get("version") != FORMAT_VERSION:
        return None
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


def _ranked(model: Any, text: str) -> list[tuple[str, float]]:
    probabilities = model.predict_proba([text])[0]
    pairs = zip((str(c) for c in model.classes_), (float(p) for p in probabilities), strict=True)
    return sorted(pairs, key=lambda p: -p[1])


def _choice(
    model: Any, text: str, organization: Organization, allowed: set[int]
) -> tuple[int, float] | None:
    """The model's most probable choice (unit, person, leader) within the organization
    that is still allowed, with its probability among all of that organization's choices
    (so that the stand-in for someone who left does not inherit their share); None when
    history points to no unit first, or to no one."""
    if model is None:
        return None
    prefix = f"{organization.pk}:"
    own = [
        (label[len(prefix) :], p) for label, p in _ranked(model, text) if label.startswith(prefix)
    ]
    total = sum(p for _, p in own)
    for label, probability in own if total > 0 else []:
        if label == NO_UNIT:
            return None
        if label.isdigit() and int(label) in allowed:
            return int(label), probability / total
    return None


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
    unit = _choice(models.get("unit"), text, top, set(units))
    if unit is not None and unit[1] >= CONFIDENT_CHOICE:
        found.unit, found.unit_score = units[unit[0]], unit[1]
    people = {u.pk: u for u in eligible_people(draft)}
    person = _choice(models.get("person"), text, top, set(people))
    if person is not None and person[1] >= CONFIDENT_CHOICE:
        found.handler, found.handler_score = people[person[0]], person[1]
    leaders = {u.pk: u for u in top.leaders(on=clock.today())}
    leader = _choice(models.get("leader"), text, top, set(leaders))
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
    return model is not None and model.steps[0][1].transform([text]).nnz > 0


def _organizations(
    models: dict[str, Any] | None, text: str, organizations: list[Organization]
) -> list[tuple[Organization, float]]:
    """The organization model's ranking over the active organizations."""
    if models is None or models.get("organization") is None:
        return []
    by_id = {str(o.pk): o for o in organizations}
    return [
        (by_id[label], p) for label, p in _ranked(models["organization"], text) if label in by_id
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
    addressed = _addressed(organizations, fields, text)
    if learned and learned[0][1] >= CONFIDENT:
        ranked = _with_addressees(learned, addressed)
        handling = _handling(models, feature_text, ranked[0][0])
        reason = _model_reason(office, fields, ranked[0], handling, decisions)
        return _as_json(ranked, handling, reason, "model")
    guess = addressed if addressed.organizations else _by_issuer(organizations, fields)
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
    learned: list[tuple[Organization, float]], addressed: _Guess
) -> list[tuple[Organization, float]]:
    """The model's confident choice, the others it finds nearly as likely, and the
    addressees written on the document (a document may go to several organizations)."""
    best = learned[0][1]
    ranked = [learned[0]] + [(o, p) for o, p in learned[1:] if p >= max(0.25, best / 2)]
    present = {o.pk for o, _ in ranked}
    return ranked + [(o, p) for o, p in addressed.organizations if o.pk not in present]
