"""The scikit-learn side of routing: fitting a TF-IDF + logistic regression pipeline per
target, measuring it on held-out documents, and ranking a trained model's choices.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from vanphong.organizations.models import Organization

#: Examples a label needs to be learned (rarer ones are left to the rules).
MIN_PER_LABEL = 3
FORMAT_VERSION = 2
TARGETS = ("organization", "unit", "person", "leader")
#: Label of "led by a person outside any unit", so that a unit is only suggested when
#: the organization's documents usually go to one.
NO_UNIT = "-"


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
            models[target] = _fit(texts, labels)
            models["accuracy"][target] = _held_out_accuracy(texts, labels)
    return models


def ranked(model: Any, text: str) -> list[tuple[str, float]]:
    probabilities = model.predict_proba([text])[0]
    pairs = zip((str(c) for c in model.classes_), (float(p) for p in probabilities), strict=True)
    return sorted(pairs, key=lambda p: -p[1])


def choice(
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
        (label[len(prefix) :], p) for label, p in ranked(model, text) if label.startswith(prefix)
    ]
    total = sum(p for _, p in own)
    for label, probability in own if total > 0 else []:
        if label == NO_UNIT:
            return None
        if label.isdigit() and int(label) in allowed:
            return int(label), probability / total
    return None
