"""The accuracy benchmark's text path as a test: every labelled first page of
bench/intake/set/ is rendered to a born-digital PDF (bench/intake/render.py), read through
the product's text layer and extracted; each headline field must stay at or above 95 %
exact matches. (The OCR path takes minutes and lives in bench/intake_accuracy.py; figures
in docs/benchmarks.md.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.intake_accuracy import HEADLINE, OTHERS, accuracy, load, score

SET = Path(__file__).resolve().parent.parent / "bench" / "intake" / "set"


@pytest.fixture(scope="module")
def results():
    return score(load(), "text")


def test_the_set_is_large_and_varied():
    samples = load()
    assert len(samples) >= 160
    tags = [s["tags"] for s in samples]
    assert {t["family"] for t in tags} == {"state", "party", "front"}
    assert {t["level"] for t in tags} == {"trung ương", "tỉnh", "huyện", "xã"}
    assert sum(1 for t in tags if t["messy"]) >= 30
    assert len({t["type"] for t in tags}) >= 15
    assert {t["year"] for t in tags} >= set(range(2015, 2027))


def test_every_sample_labels_every_field():
    for sample in load():
        assert set(sample["labels"]) == set(HEADLINE + OTHERS), sample["id"]


def test_the_set_files_are_what_make_set_writes():
    from bench.intake.make_set import build

    written = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in SET.glob("*.json")}
    assert written == {sample["id"]: sample for sample in build()}


@pytest.mark.parametrize("field", HEADLINE)
def test_each_headline_field_is_read_right_on_at_least_95_percent(results, field):
    assert accuracy(results, field) >= 0.95, [
        (r["id"], r["fields"][field][1:]) for r in results if not r["fields"][field][0]
    ]


@pytest.mark.parametrize("field", OTHERS)
def test_parent_body_and_recipients_are_measured_too(results, field):
    assert accuracy(results, field) >= 0.9


def test_extraction_stays_fast(results):
    times = sorted(r["extract_ms"] for r in results)
    assert times[len(times) // 2] < 20
