"""The scikit-learn side of routing: fitting a TF-IDF + logistic regression pipeline per
target, measuring it on held-out documents, and ranking a trained model's choices.

What is kept of a fit is plain numbers (`Linear`: the vocabulary, the IDF weights, the
coefficients), stored as a NumPy .npz archive and read back with allow_pickle=False:
write access to the database must never become code execution in every process, as
unpickling a stored model would. Scoring a document with them is the few lines of
arithmetic scikit-learn does (checked against it at training time, `_checked`).
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import json
import math
import re
import zipfile
from collections import Counter
from typing import Any

import numpy as np

from vanphong.organizations.models import Organization

#: Examples a label needs to be learned (rarer ones are left to the rules).
MIN_PER_LABEL = 3
#: 3: plain arrays in an .npz archive (2 was a pickle, never read again).
FORMAT_VERSION = 3
TARGETS = ("organization", "unit", "person", "leader")
#: Label of "led by a person outside any unit", so that a unit is only suggested when
#: the organization's documents usually go to one.
NO_UNIT = "-"


#: scikit-learn's default word pattern (TfidfVectorizer(token_pattern=...)).
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
NGRAMS = (1, 2)


def analyse(text: str) -> list[str]:
    """The terms scikit-learn's TfidfVectorizer(ngram_range=(1, 2)) sees in a text:
    lower-cased words of two letters or more, and each pair of neighbours."""
    words = _TOKEN.findall(text.lower())
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


@dataclasses.dataclass(frozen=True)
class Linear:
    """A fitted TF-IDF + logistic regression (or class prior) as plain arrays."""

    classes: list[str]
    vocabulary: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray | None  # (classes, terms), or (1, terms) for two classes
    intercept: np.ndarray | None
    prior: np.ndarray | None  # the single-label model's answer, whatever the text

    def features(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(term indices, weights): sublinear TF times IDF, L2-normalised."""
        counts = Counter(i for i in map(self.vocabulary.get, analyse(text)) if i is not None)
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        indices = np.fromiter(counts, dtype=np.int64, count=len(counts))
        weights = np.array([1 + math.log(counts[i]) for i in indices]) * self.idf[indices]
        return indices, weights / np.linalg.norm(weights)

    def knows(self, text: str) -> bool:
        return any(term in self.vocabulary for term in analyse(text))

    def proba(self, text: str) -> np.ndarray:
        if self.prior is not None or self.coef is None or self.intercept is None:
            return np.asarray(self.prior, dtype=float)
        indices, weights = self.features(text)
        decision = self.coef[:, indices] @ weights + self.intercept
        if len(self.classes) == 2:
            positive = 1 / (1 + np.exp(-decision[0]))
            return np.array([1 - positive, positive])
        shifted = np.exp(decision - decision.max())
        return np.asarray(shifted / shifted.sum())

    @classmethod
    def of(cls, pipeline: Any) -> Linear:
        vectorizer, classifier = pipeline.steps[0][1], pipeline.steps[1][1]
        vocabulary = {str(term): int(i) for term, i in vectorizer.vocabulary_.items()}
        prior = getattr(classifier, "class_prior_", None)
        return cls(
            classes=[str(c) for c in classifier.classes_],
            vocabulary=vocabulary,
            idf=np.asarray(vectorizer.idf_, dtype=np.float64),
            coef=None if prior is not None else np.asarray(classifier.coef_, dtype=np.float64),
            intercept=None
            if prior is not None
            else np.asarray(classifier.intercept_, dtype=np.float64),
            prior=None if prior is None else np.asarray(prior, dtype=np.float64),
        )


def _checked(linear: Linear, pipeline: Any, texts: list[str]) -> Linear:
    """The arrays must answer as scikit-learn does; a library change that breaks the
    arithmetic fails the training loudly instead of suggesting nonsense."""
    sample = texts[:50]
    if sample:
        expected = pipeline.predict_proba(sample)
        got = np.array([linear.proba(text) for text in sample])
        if not np.allclose(got, expected, atol=1e-6):
            raise RuntimeError("routing model arithmetic differs from scikit-learn's")
    return linear


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


def learn(examples: list[dict[str, Any]]) -> dict[str, Any]:
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
            fitted = _fit(texts, labels)
            models[target] = _checked(Linear.of(fitted), fitted, texts) if fitted else None
            models["accuracy"][target] = _held_out_accuracy(texts, labels)
    return models


# --- Storing: plain arrays, never a pickle --------------------------------------------------


def dump(models: dict[str, Any]) -> bytes:
    """The models as an .npz archive of numbers and strings only."""
    arrays: dict[str, np.ndarray] = {}
    meta = {"version": models["version"], "accuracy": models["accuracy"], "targets": []}
    for target in TARGETS:
        linear: Linear | None = models.get(target)
        if linear is None:
            continue
        meta["targets"].append(target)
        terms = sorted(linear.vocabulary, key=linear.vocabulary.__getitem__)
        arrays[f"{target}.classes"] = np.array(linear.classes, dtype=str)
        arrays[f"{target}.terms"] = np.array(terms, dtype=str)
        arrays[f"{target}.idf"] = linear.idf
        for name in ("coef", "intercept", "prior"):
            value = getattr(linear, name)
            if value is not None:
                arrays[f"{target}.{name}"] = value
    arrays["meta"] = np.array(json.dumps(meta))
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)  # type: ignore[arg-type]
    return buffer.getvalue()


def load(data: bytes) -> dict[str, Any] | None:
    """The models stored by `dump`; None for anything else (an old pickled model, a
    damaged or foreign row). Nothing in `data` is ever executed: NumPy refuses object
    arrays with allow_pickle=False, and only plain arrays are read."""
    if not data.startswith(b"PK"):
        return None
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as archive:
            meta = json.loads(str(archive["meta"]))
            if meta.get("version") != FORMAT_VERSION:
                return None
            models: dict[str, Any] = {"version": FORMAT_VERSION, "accuracy": meta["accuracy"]}
            for target in TARGETS:
                models[target] = _linear(archive, target) if target in meta["targets"] else None
            return models
    except (ValueError, KeyError, TypeError, OSError, zipfile.BadZipFile):
        return None


def _linear(archive: Any, target: str) -> Linear:
    def optional(name: str) -> np.ndarray | None:
        key = f"{target}.{name}"
        return np.asarray(archive[key], dtype=np.float64) if key in archive.files else None

    terms = [str(t) for t in archive[f"{target}.terms"]]
    return Linear(
        classes=[str(c) for c in archive[f"{target}.classes"]],
        vocabulary={term: i for i, term in enumerate(terms)},
        idf=np.asarray(archive[f"{target}.idf"], dtype=np.float64),
        coef=optional("coef"),
        intercept=optional("intercept"),
        prior=optional("prior"),
    )


# --- Suggesting ------------------------------------------------------------------------------


def ranked(model: Linear, text: str) -> list[tuple[str, float]]:
    pairs = zip(model.classes, (float(p) for p in model.proba(text)), strict=True)
    return sorted(pairs, key=lambda p: -p[1])


def choice(
    model: Linear | None, text: str, organization: Organization, allowed: set[int]
) -> tuple[int, float] | None:
    """The model's most probable choice (unit, person, leader) within the organization
    that is still allowed, with its probability among all of that organization's choices
    (so that the stand-in for someone who left does not inherit their share); None when
    history points to no unit first, or to no one."""
    if model is None:
        return None
    prefix = f"{organization.pk}:"
    own = [
        (label[len(prefix) :], p) for label, p in ranked(model, text) if label.startswith(prefix)
    ]
    total = sum(p for _, p in own)
    for label, probability in own if total > 0 else []:
        if label == NO_UNIT:
            return None
        if label.isdigit() and int(label) in allowed:
            return int(label), probability / total
    return None
