"""Extraction accuracy on the labelled first pages of bench/intake/set.jsonl, through the
real path of a born-digital PDF: each page is rendered with ReportLab, read back by the
product's text layer and extracted (about 4 s for the whole set). OCR is measured by
bench/intake_accuracy.py, not here (minutes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.intake_accuracy import HEADLINE, OTHERS, accuracy, load, read_sample


@pytest.fixture(scope="module")
def results():
    samples = load()
    assert len(samples) >= 150
    return [read_sample(sample, "text") for sample in samples]


@pytest.mark.parametrize("field", HEADLINE)
def test_each_headline_field_is_read_right_on_95_percent_of_the_pages(results, field):
    misses = [(r["id"], r["fields"][field][1:]) for r in results if not r["fields"][field][0]]
    assert accuracy(results, field) >= 0.95, misses[:10]


@pytest.mark.parametrize("field", OTHERS)
def test_parent_body_and_recipients_are_measured_too(results, field):
    assert accuracy(results, field) >= 0.9


def test_the_set_covers_every_family_level_and_many_types(results):
    tags = [r["tags"] for r in results]
    assert {t["family"] for t in tags} == {"state", "party", "front"}
    assert {t["level"] for t in tags} == {"trung ương", "tỉnh", "huyện", "xã"}
    assert len({t["type"] for t in tags}) >= 14
    assert sum(1 for t in tags if t["messy"]) >= 30
    assert {t["year"] for t in tags} >= set(range(2015, 2027))


def test_extraction_stays_fast(results):
    assert sorted(r["extract_ms"] for r in results)[len(results) // 2] < 20


def test_the_set_file_is_what_make_set_writes():
    from bench.intake.make_set import build

    written = Path(__file__).resolve().parent.parent / "bench" / "intake" / "set.jsonl"
    lines = written.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == build()
