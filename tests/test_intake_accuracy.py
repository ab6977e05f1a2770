"""The accuracy benchmark's text path as a test: every labelled first page of
bench/intake/set.jsonl is rendered to a born-digital PDF, read through the product's text
layer and extracted; each headline field must stay at or above 95 % exact matches. (The
OCR path takes minutes and lives in bench/intake_accuracy.py; figures in
docs/benchmarks.md.)"""

from __future__ import annotations

import pytest

from bench.intake_accuracy import HEADLINE, accuracy, load, score


@pytest.fixture(scope="module")
def results():
    return score(load(), "text")


def test_the_set_is_large_and_varied():
    samples = load()
    assert len(samples) >= 150
    families = {s["tags"]["family"] for s in samples}
    assert families == {"state", "party", "front"}
    assert sum(1 for s in samples if s["tags"]["messy"]) >= 30
    assert len({s["tags"]["type"] for s in samples}) >= 12
    assert len({s["tags"]["year"] for s in samples}) >= 10


@pytest.mark.parametrize("field", HEADLINE)
def test_each_headline_field_is_read_right_on_at_least_95_percent(results, field):
    assert accuracy(results, field) >= 0.95, [
        (r["id"], r["fields"][field][1:]) for r in results if not r["fields"][field][0]
    ]
