"""The real corpus (bench/intake/real/, issue 19) as a test: it is what the issue asks for —
real documents of every family and level, each with its source and hand-read labels, a
fixed blind part — and extraction on it does not fall below the figures recorded in
docs/benchmarks.md. The blind part's misses are never printed here either: a failure names
only the field and the share.
"""

from __future__ import annotations

import hashlib

import pytest

from bench.intake import real_check
from bench.intake_real import GOALS, accuracy, load, part_of, read_text

#: At or just under what main reads today (docs/benchmarks.md, "Documents thật"): a change
#: that reads real documents worse fails here.
FLOORS = {
    "dev": {"code_number": 0.95, "issued_date": 0.93, "code_notation": 0.92,
            "type_name": 0.92, "organ_name": 0.88, "subject": 0.84},
    "blind": {"code_number": 0.96, "issued_date": 0.94, "code_notation": 0.93,
              "type_name": 0.98, "organ_name": 0.89, "subject": 0.73},
}  # fmt: skip


@pytest.fixture(scope="module")
def docs():
    return load()


@pytest.fixture(scope="module")
def results(docs):
    return [read_text(doc) for doc in docs]


def test_the_corpus_is_real_varied_and_sourced(docs):
    assert len(docs) >= 300  # issue 19 asks for at least 300
    tags = [doc["tags"] for doc in docs]
    assert {t["family"] for t in tags} == {"state", "party", "front"}
    assert {t["level"] for t in tags} == {"trung ương", "tỉnh", "huyện", "xã"}
    assert len({doc["labels"]["type_name"] for doc in docs}) >= 15
    assert sum(t["noise"] == "noisy" for t in tags) >= 60
    years = [t["year"] for t in tags if t["year"]]
    assert min(years) >= 2000 and max(years) <= 2026
    assert all(doc["source"]["url"].startswith("http") for doc in docs)


def test_every_document_is_labelled_by_the_rules():
    seen: dict = {}
    problems = {
        path.stem: errors
        for path in sorted(real_check.DOCS.glob("*.json"))
        if (errors := real_check.check_document(path, seen)[0])
    }
    assert problems == {}


def test_the_blind_part_is_a_fixed_third(docs):
    blind = [doc for doc in docs if doc["part"] == "blind"]
    assert 0.25 <= len(blind) / len(docs) <= 0.42
    assert all(part_of(doc["id"]) == doc["part"] for doc in docs)
    assert part_of("sa001") == part_of("sa001")  # by the id alone, whatever else is added


@pytest.mark.parametrize("part", ["dev", "blind"])
@pytest.mark.parametrize("field", list(GOALS))
def test_real_documents_are_read_at_least_as_well_as_recorded(results, part, field):
    chosen = [r for r in results if r["part"] == part]
    share = accuracy(chosen, field)
    assert share >= FLOORS[part][field], f"{part} {field}: {share:.3f}"


def test_the_texts_are_kept_as_the_source_gave_them(docs):
    """Each text's hash was taken when it was saved: nothing (an editor trimming spaces, a
    line-ending filter) has touched it since."""
    for doc in docs:
        raw = (real_check.DOCS / f"{doc['id']}.txt").read_bytes()
        assert hashlib.sha256(raw).hexdigest() == doc["source"]["text_sha256"], doc["id"]
