"""Routing suggestions: which member organization takes a received document, which unit
leads its handling and who handles it — learned from the office's own history, with
rules from day one, and always with a reason a clerk can read.

Rules read who the document is addressed to ("Kính gửi", "Nơi nhận") and who issued it
(a Party committee writes to the Party committee, a State body to the People's
Committee, a mass organization to its own level). Once the office has registered and
assigned enough documents, a scikit-learn model (TF-IDF of the folded issuer, type,
notation and subject, logistic regression per target) is trained in the background and
retrained when enough new decisions exist. The model is used when it is confident; the
reason then counts the earlier documents of the same issuer.
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
from vanphong.incoming.models import Assignment, AssignmentKind, IncomingDocument, Status
from vanphong.intake.models import RoutingModel
from vanphong.organizations.models import Family, Office, Organization, Position, Unit, User
from vanphong.vietnamese import fold, name_key

logger = logging.getLogger(__name__)

#: Decisions needed before a first model is trained, and new ones before retraining.
MIN_DECISIONS = 40
RETRAIN_AFTER = 20
#: Examples a label needs to be learned (rarer ones are left to the rules).
MIN_PER_LABEL = 3
#: The model's probability above which it is trusted over the rules.
CONFIDENT = 0.55
#: At most this many documents are learned from (the most recent).
MAX_EXAMPLES = 50_000
FORMAT_VERSION = 1


# --- Features ------------------------------------------------------------------------------

_WORDS = re.compile(r"[a-z0-9]+")


def features(fields: dict[str, str]) -> str:
    """One folded text with the issuer's words marked, so "so tai chinh" as issuer weighs
    apart from the same words in a subject."""
    issuer = " ".join(f"cq_{w}" for w in _WORDS.findall(fold(fields.get("issuer", ""))))
    notation = fold(fields.get("code", "")).replace("/", " ").replace("-", " ")
    kind = "_".join(_WORDS.findall(fold(fields.get("type_name", ""))))
    glued = "_".join(_WORDS.findall(notation))
    subject = fold(fields.get("subject", ""))
    return f"{issuer} kh_{glued} {notation} lvb_{kind} {subject}"


# --- Rules ---------------------------------------------------------------------------------

_PLACE = re.compile(r"\s+(xa|phuong|thi tran|huyen|quan|tinh|thanh pho)\s.*$")
_ALIASES = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "mttq": "mat tran to quoc",
    "hlhpn": "hoi lien hiep phu nu",
    "hoi lhpn": "hoi lien hiep phu nu",
    "hoi ccb": "hoi cuu chien binh",
    "doan tn": "doan tncs",
    "doan thanh nien": "doan tncs",
    "btv": "ban thuong vu",
}
_PARTY_ISSUERS = ("tinh uy", "huyen uy", "thanh uy", "thi uy", "dang uy", "dang bo",
                  "ban thuong vu", "ban chap hanh dang", "ban tuyen giao", "ban to chuc",
                  "ban dan van", "ban noi chinh", "uy ban kiem tra", "van phong tinh uy",
                  "van phong huyen uy", "ban tuyen giao va dan van", "trung uong")
_PARTY_NOTATION = re.compile(r"/(tu|hu|du|tw|btgtu|vptu|bdvtu|ubkttu|btctu)\b")


def _expand(text: str) -> str:
    folded = f" {name_key(text)} "
    for short, long in _ALIASES.items():
        folded = folded.replace(f" {short} ", f" {long} ")
    return " ".join(folded.split())


def _stem(organization: Organization) -> str:
    """"Hội Nông dân xã Tân Hòa" → "hoi nong dan": the name without its place."""
    return _PLACE.sub("", name_key(organization.name)).strip()


@dataclass(frozen=True)
class _Guess:
    organizations: list[tuple[Organization, float]]
    reason: str


def _addressed(organizations: list[Organization], fields: dict[str, str], text: str) -> _Guess:
    """Organizations named where the document says who it is for."""
    lines = [fields.get("recipients", "")]
    for line in text.splitlines():
        folded = fold(line).strip()
        if folded.startswith(("kinh gui", "noi nhan", "- ")):
            lines.append(line)
    addressed = _expand(" ; ".join(lines))
    found = []
    for organization in organizations:
        stem = _stem(organization)
        short = name_key(organization.short_name)
        if (stem and stem in addressed) or (len(short) >= 3 and f" {short} " in f" {addressed} "):
            found.append(organization)
    if not found:
        return _Guess([], "")
    names = ", ".join(o.short_name for o in found)
    return _Guess(
        [(o, 0.8) for o in found], f"Văn bản gửi đến {names} (theo “Kính gửi”, “Nơi nhận”)."
    )


def _by_issuer(organizations: list[Organization], fields: dict[str, str]) -> _Guess:
    issuer = _expand(fields.get("issuer", ""))
    notation = fold(fields.get("code", ""))
    if not issuer and not notation:
        return _Guess([], "")
    # A mass organization or the Front writes to its own level.
    for organization in organizations:
        if organization.family == Family.FRONT and _stem(organization) in issuer:
            return _Guess([(organization, 0.7)],
                          f"Văn bản của {fields.get('issuer')} gửi {organization.short_name} "
                          "cùng hệ thống (theo quy tắc).")
    party = issuer.startswith(_PARTY_ISSUERS) or bool(_PARTY_NOTATION.search(notation))
    family = Family.PARTY if party else Family.STATE
    candidates = [o for o in organizations if o.family == family]
    if family == Family.STATE:
        council = [o for o in candidates if _stem(o).startswith("hoi dong nhan dan")]
        committee = [o for o in candidates if _stem(o).startswith("uy ban nhan dan")]
        candidates = council if "hoi dong nhan dan" in issuer and council else committee
    if not candidates:
        return _Guess([], "")
    target = candidates[0]
    what = "cấp ủy, cơ quan Đảng" if party else "cơ quan nhà nước"
    return _Guess([(target, 0.6)],
                  f"Văn bản của {what} ({fields.get('issuer') or fields.get('code')}) thường do "
                  f"{target.short_name} tiếp nhận (theo quy tắc).")


# --- Learning ------------------------------------------------------------------------------


def _examples(office: Office) -> list[dict[str, Any]]:
    """(features, organization, lead unit, lead person) of the office's registered
    documents, most recent first."""
    documents = list(
        IncomingDocument.objects.filter(office=office)
        .exclude(status=Status.WITHDRAWN)
        .order_by("-arrival_at")
        .values("pk", "organization_id", "issuer", "code", "subject", "document_type__name")[
            :MAX_EXAMPLES
        ]
    )
    leads: dict[Any, tuple[int | None, int | None]] = {}
    for document_id, unit_id, person_id in (
        Assignment.objects.filter(document__office=office, kind=AssignmentKind.LEAD)
        .order_by("assigned_at", "id")
        .values_list("document_id", "unit_id", "person_id")
    ):
        leads.setdefault(document_id, (unit_id, person_id))
    # A person given the lead counts for their unit too (their post in that organization).
    units_of: dict[tuple[int, int | None], int] = {}
    for person_id, organization_id, unit_id in Position.objects.filter(
        office=office, unit__isnull=False
    ).values_list("person_id", "unit__organization_id", "unit_id"):
        units_of.setdefault((person_id, organization_id), unit_id)
    examples = []
    for doc in documents:
        unit, person = leads.get(doc["pk"], (None, None))
        if unit is None and person is not None:
            unit = units_of.get((person, doc["organization_id"]))
        fields = {"issuer": doc["issuer"], "code": doc["code"], "subject": doc["subject"],
                  "type_name": doc["document_type__name"] or ""}
        examples.append({"text": features(fields), "organization": doc["organization_id"],
                         "unit": unit, "person": person})
    return examples


def _fit(texts: list[str], labels: list[Any]) -> Any | None:
    from sklearn.dummy import DummyClassifier
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    counts = Counter(labels)
    keep = [i for i, label in enumerate(labels) if counts[label] >= MIN_PER_LABEL]
    if not keep:
        return None
    # One label only (e.g. one unit ever led this organization's documents): it is the
    # answer whatever the text, with the probability its share of history gives.
    single = len({labels[i] for i in keep}) == 1
    model = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, max_features=20_000),
        DummyClassifier(strategy="prior") if single else LogisticRegression(max_iter=500, C=2.0),
    )
    model.fit([texts[i] for i in keep], [labels[i] for i in keep])
    return model


def _held_out_accuracy(texts: list[str], labels: list[Any]) -> float | None:
    """Accuracy on the most recent fifth, learning from the older documents."""
    cut = len(texts) // 5
    if cut < 5:
        return None
    model = _fit(texts[cut:], labels[cut:])
    if model is None:
        return None
    predicted = model.predict(texts[:cut])
    return float(sum(p == t for p, t in zip(predicted, labels[:cut], strict=True)) / cut)


def train(office: Office) -> RoutingModel | None:
    """Learn from the office's history; None when there is too little of it."""
    started = time.perf_counter()
    examples = _examples(office)
    if len(examples) < MIN_DECISIONS:
        return None
    texts = [e["text"] for e in examples]
    organizations = [e["organization"] for e in examples]
    led = [e for e in examples if e["unit"] or e["person"]]
    models = {
        "organization": _fit(texts, organizations),
        "unit": _fit([e["text"] for e in led if e["unit"]],
                     [f"{e['organization']}:{e['unit']}" for e in led if e["unit"]]),
        "person": _fit([e["text"] for e in led if e["person"]],
                       [f"{e['organization']}:{e['person']}" for e in led if e["person"]]),
    }
    if models["organization"] is None:
        return None
    buffer = io.BytesIO()
    pickle.dump({"version": FORMAT_VERSION, **models}, buffer)
    record = RoutingModel.objects.create(
        office=office,
        trained_at=clock.now(),
        decisions=len(examples),
        accuracy=_held_out_accuracy(texts, organizations),
        data=buffer.getvalue(),
    )
    logger.info("routing model for %s: %d decisions in %.1fs", office, len(examples),
                time.perf_counter() - started)
    return record


def retrain_if_due(office: Office) -> bool:
    """Train when there is no model yet and enough history, or enough new decisions."""
    decisions = IncomingDocument.objects.filter(office=office).exclude(
        status=Status.WITHDRAWN
    ).count()
    last = RoutingModel.objects.filter(office=office).order_by("-trained_at").first()
    if last is None:
        due = decisions >= MIN_DECISIONS
    else:
        due = decisions - last.decisions >= RETRAIN_AFTER
    if not due:
        return False
    trained = train(office)
    if trained is not None:
        RoutingModel.objects.filter(office=office).exclude(pk=trained.pk).delete()
    return trained is not None


_loaded: dict[int, tuple[int, dict[str, Any]]] = {}
_lock = threading.Lock()


def _model(office: Office) -> dict[str, Any] | None:
    latest = (
        RoutingModel.objects.filter(office=office).order_by("-trained_at")
        .values_list("pk", flat=True).first()
    )
    if latest is None:
        return None
    with _lock:
        cached = _loaded.get(office.pk)
        if cached and cached[0] == latest:
            return cached[1]
    data = RoutingModel.objects.filter(pk=latest).values_list("data", flat=True).first()
    if data is None:
        return None
    models = pickle.loads(bytes(data))  # noqa: S301 — our own model, see above
    if models.get("version") != FORMAT_VERSION:
        return None
    with _lock:
        _loaded[office.pk] = (latest, models)
    return models


def _best(model: Any, text: str, prefix: str) -> tuple[str, float] | None:
    """The most probable label of the model that starts with prefix ("<org id>:")."""
    if model is None:
        return None
    probabilities = model.predict_proba([text])[0]
    ranked = sorted(zip(model.classes_, probabilities, strict=True), key=lambda p: -p[1])
    for label, probability in ranked:
        if str(label).startswith(prefix):
            return str(label).split(":", 1)[1], float(probability)
    return None


# --- Suggesting ----------------------------------------------------------------------------


def _history_reason(office: Office, fields: dict[str, str], top: Organization,
                    unit: Unit | None) -> str:
    issuer = fields.get("issuer", "")
    key = name_key(issuer)
    if not key:
        return ""
    earlier = IncomingDocument.objects.filter(office=office, issuer_key=key)
    total = earlier.count()
    if not total:
        return ""
    taken = earlier.filter(organization=top).count()
    text = f"Theo {total} văn bản trước của {issuer}: {taken} do {top.short_name} tiếp nhận"
    if unit is not None:
        members = Position.objects.filter(unit=unit).values("person_id")
        led = (
            Assignment.objects.filter(document__in=earlier, kind=AssignmentKind.LEAD)
            .filter(Q(unit=unit) | Q(person_id__in=members))
            .values("document_id").distinct().count()
        )
        if led:
            text += f", {led} giao {unit.name} chủ trì"
    return text + "."


def _active_people(organization: Organization, today: dt.date) -> set[int]:
    return set(
        Position.objects.active(on=today)
        .filter(Q(organization=organization) | Q(unit__organization=organization))
        .values_list("person_id", flat=True)
    )


def suggest(office: Office, fields: dict[str, str], text: str = "") -> dict[str, Any]:
    """A JSON-serialisable suggestion: organizations (best first), unit, handler, the head
    to route to, the reason, and whether it came from the model or the rules."""
    organizations = list(Organization.objects.active().filter(office=office).order_by("pk"))
    if not organizations:
        return {}
    by_id = {o.pk: o for o in organizations}
    models = _model(office)
    source, reason = "rules", ""
    ranked: list[tuple[Organization, float]] = []
    feature_text = features(fields)
    if models is not None and models.get("organization") is not None:
        model = models["organization"]
        probabilities = model.predict_proba([feature_text])[0]
        pairs = sorted(zip(model.classes_, probabilities, strict=True), key=lambda p: -p[1])
        learned = [(by_id[int(c)], float(p)) for c, p in pairs if int(c) in by_id]
        if learned and learned[0][1] >= CONFIDENT:
            source = "model"
            ranked = [learned[0]] + [
                (o, p) for o, p in learned[1:] if p >= max(0.25, learned[0][1] * 0.5)
            ]
    addressed = _addressed(organizations, fields, text)
    if source == "rules":
        guess = addressed if addressed.organizations else _by_issuer(organizations, fields)
        ranked, reason = guess.organizations, guess.reason
    elif addressed.organizations:
        # The addressees written on the document are always offered too.
        present = {o.pk for o, _ in ranked}
        ranked += [(o, p) for o, p in addressed.organizations if o.pk not in present]
    if not ranked:
        return {"organizations": [], "unit": None, "handler": None, "leader": None,
                "reason": "Chưa đủ thông tin để gợi ý; văn thư chọn cơ quan nhận.",
                "source": "rules"}
    top = ranked[0][0]
    today = clock.today()
    unit: Unit | None = None
    handler: User | None = None
    unit_score = handler_score = 0.0
    if source == "model" and models is not None:
        unit_guess = _best(models.get("unit"), feature_text, f"{top.pk}:")
        if unit_guess and unit_guess[1] >= 0.3:
            unit = Unit.objects.filter(pk=int(unit_guess[0]), organization=top,
                                       is_active=True).first()
            unit_score = unit_guess[1]
        person_guess = _best(models.get("person"), feature_text, f"{top.pk}:")
        if person_guess and person_guess[1] >= 0.3 and int(person_guess[0]) in _active_people(
            top, today
        ):
            handler = User.objects.filter(pk=int(person_guess[0]), is_active=True).first()
            handler_score = person_guess[1]
        reason = _history_reason(office, fields, top, unit) or (
            f"Theo nội dung tương tự trong {models_decisions(office)} văn bản đã học "
            f"(độ tin cậy {round(ranked[0][1] * 100)}%)."
        )
    head = top.head(on=today)
    return {
        "organizations": [{"id": o.pk, "name": o.name, "score": round(p, 3)} for o, p in ranked],
        "unit": {"id": unit.pk, "name": unit.name, "score": round(unit_score, 3)}
        if unit is not None else None,
        "handler": {"id": handler.pk, "name": handler.full_name, "score": round(handler_score, 3)}
        if handler is not None else None,
        "leader": {"id": head.pk, "name": head.full_name} if head is not None else None,
        "reason": reason,
        "source": source,
    }


def models_decisions(office: Office) -> int:
    return (
        RoutingModel.objects.filter(office=office).order_by("-trained_at")
        .values_list("decisions", flat=True).first() or 0
    )


def retrain_all() -> int:
    return sum(retrain_if_due(office) for office in Office.objects.all())
