#!/usr/bin/env python
"""Benchmark: how often intake reads each header field exactly right.

For every labelled first page of bench/intake/set/ (see bench/intake/make_set.py):
TEXT — render it to a born-digital PDF, read it with the product's text layer
(`vanphong.intake.text.read_text`) and extract the fields; OCR — render the same page to
a 300 dpi scan (degraded for the messy samples), read it with the product's OCR
(`vanphong.intake.ocr.ocr_images`, Tesseract vie) and extract. A field counts as right when
the value equals the label after NFC and whitespace normalisation (dates ISO).

    .venv/bin/python bench/intake_accuracy.py                 # text and OCR, all pages
    .venv/bin/python bench/intake_accuracy.py --only text     # seconds
    .venv/bin/python bench/intake_accuracy.py --jobs 2 --limit 40
    .venv/bin/python bench/intake_accuracy.py --lexicon blind  # see below

`--lexicon blind` measures what a page with unseen words would get: every entry of the
hand-written lexicon (vanphong/intake/extraction_lexicon.py) that appears in any label of
the set is left out, so only the general dictionary (vanphong/intake/data/vi-words.txt,
taken from pyvi and underthesea, not written from these pages) and the rest of the lexicon
can put marks back.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SET = ROOT / "bench" / "intake" / "set"
#: The fields the issue names, with the targets (95 % on text, 90 % after OCR).
HEADLINE = [
    "organ_name",
    "code_number",
    "code_notation",
    "issued_date",
    "type_name",
    "subject",
    "signer_position",
    "signer_name",
    "competence",
    "priority",
    "secrecy",
    "place",
]
OTHERS = ["parent_body", "recipients"]


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vanphong.settings")
    import django

    django.setup()


def load(limit: int | None = None, part: str = "all") -> list[dict[str, Any]]:
    """The samples; every fifth one (in file-name order) is held out: extraction is tuned on the
    others ("dev") and the held-out part is only looked at to check it generalises."""
    samples = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(SET.glob("*.json"))]
    for index, sample in enumerate(samples):
        sample["tags"]["part"] = "held-out" if index % 5 == 4 else "dev"
    if part != "all":
        samples = [s for s in samples if s["tags"]["part"] == part]
    return samples[:limit] if limit else samples


def normal(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(unicodedata.normalize("NFC", str(value)).split())
    return text or None


def compare(labels: dict[str, Any], extraction: Any) -> dict[str, tuple[bool, Any, Any, float]]:
    """field -> (right?, expected, got, the confidence extraction gave)."""
    result = {}
    for name in HEADLINE + OTHERS:
        field = getattr(extraction, name)
        expected, got = normal(labels.get(name)), normal(field.value)
        result[name] = (expected == got, labels.get(name), field.value, field.confidence)
    return result


def calibration(results: list[dict[str, Any]]) -> dict[str, float]:
    """Whether confidences are honest: their mean on right and on wrong proposals (a
    missing value proposed as nothing counts as right at confidence 0), and the share of
    wrong proposals the clerk is warned about (confidence under 0.7)."""
    right = [f[3] for r in results for n, f in r["fields"].items() if n in HEADLINE and f[0]]
    wrong = [f[3] for r in results for n, f in r["fields"].items() if n in HEADLINE and not f[0]]
    return {
        "right_mean": round(sum(right) / len(right), 3) if right else 0.0,
        "wrong_mean": round(sum(wrong) / len(wrong), 3) if wrong else 0.0,
        "wrong": len(wrong),
        "wrong_under_0_7": round(sum(c < 0.7 for c in wrong) / len(wrong), 3) if wrong else 1.0,
    }


def read_sample(sample: dict[str, Any], mode: str, cache: str | None = None) -> dict[str, Any]:
    """Render one sample, read it through the product, compare with its labels. With
    `cache` (a folder), the OCR text of a page is kept there and read back next time (to
    re-measure extraction on the same OCR output without re-running Tesseract)."""
    _django()
    cached = None
    if mode == "ocr" and cache:
        page_hash = hashlib.sha256(json.dumps(sample["page"], sort_keys=True).encode()).hexdigest()
        cached = Path(cache) / f"{sample['id']}-{page_hash[:16]}.txt"
        if cached.exists():
            return _compare(sample, cached.read_text(encoding="utf-8"))
    _django()
    from bench.intake.render import render_pdf, render_scan
    from vanphong.intake.ocr import ocr_images
    from vanphong.intake.text import read_text

    with tempfile.TemporaryDirectory(prefix="vp-accuracy-") as folder:
        pdf = render_pdf(sample)
        if mode == "text":
            path = Path(folder) / "page.pdf"
            path.write_bytes(pdf)
            text = read_text(path, kind="pdf").text
        else:
            image = Path(folder) / "page.png"
            render_scan(sample, pdf).save(image, dpi=(300, 300))
            text = ocr_images([image], Path(folder) / "ocr", pdf=False).layer.text
            if cached:
                cached.parent.mkdir(parents=True, exist_ok=True)
                cached.write_text(text, encoding="utf-8")
    return _compare(sample, text)


#: Set by `--lexicon blind` before any page is read (worker processes inherit it).
BLIND = False


def blind_lexicon() -> int:
    """Leave out of the lexicon every entry found in a label; returns how many are left."""
    from vanphong.intake import extraction_lexicon as lexicon

    labels = " ".join(
        str(value).lower() for s in load() for value in s["labels"].values() if value
    )
    lexicon._LEXICON = {word for word in lexicon._LEXICON if word not in labels}
    lexicon._LEXICON_FOLDS = lexicon._by_fold(sorted(lexicon._LEXICON))
    lexicon.dictionary.cache_clear()
    return len(lexicon._LEXICON)


def _compare(sample: dict[str, Any], text: str) -> dict[str, Any]:
    from vanphong.intake.extraction import extract

    global BLIND
    if BLIND:
        blind_lexicon()
        BLIND = False

    started = time.perf_counter()
    extraction = extract(text)
    elapsed = time.perf_counter() - started
    return {
        "id": sample["id"],
        "tags": sample["tags"],
        "fields": compare(sample["labels"], extraction),
        "extract_ms": elapsed * 1000,
    }


def score(
    samples: list[dict[str, Any]], mode: str, jobs: int = 1, cache: str | None = None
) -> list[dict[str, Any]]:
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            count = len(samples)
            return list(pool.map(read_sample, samples, [mode] * count, [cache] * count))
    return [read_sample(s, mode, cache) for s in samples]


def accuracy(results: list[dict[str, Any]], field: str) -> float:
    return sum(r["fields"][field][0] for r in results) / len(results)


def by_group(results: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in results:
        groups[f"family={r['tags']['family']}"].append(r)
        groups["messy" if r["tags"]["messy"] else "clean"].append(r)
        groups[f"level={r['tags']['level']}"].append(r)
        groups[r["tags"]["part"]].append(r)
        if r["tags"].get("hand"):
            groups["hand-written"].append(r)
    return dict(sorted(groups.items()))


def table(results: list[dict[str, Any]], title: str) -> str:
    lines = [f"{title}: {len(results)} pages", f"{'field':<16} accuracy"]
    for name in HEADLINE + OTHERS:
        mark = "" if name in HEADLINE else "  (not a target)"
        lines.append(f"{name:<16} {100 * accuracy(results, name):6.1f} %{mark}")
    groups = by_group(results)
    lines.append("by group (mean over the headline fields):")
    for group, members in sorted(groups.items()):
        mean = sum(accuracy(members, n) for n in HEADLINE) / len(HEADLINE)
        lines.append(f"  {group:<20} {len(members):4d} pages {100 * mean:6.1f} %")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["text", "ocr"])
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--part", choices=["all", "dev", "held-out"], default="all")
    parser.add_argument(
        "--ocr-cache", metavar="DIR", help="keep OCR texts there and reuse them (no Tesseract)"
    )
    parser.add_argument(
        "--lexicon", choices=["product", "blind"], default="product",
        help="blind: leave out the lexicon's entries found in the labels",
    )
    args = parser.parse_args()
    samples = load(args.limit, args.part)
    global BLIND
    BLIND = args.lexicon == "blind"
    report: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "pages": len(samples),
        "machine": f"{platform.node()} {os.cpu_count()} CPU",
    }
    if args.lexicon == "blind":
        _django()
        report["lexicon_entries_left"] = blind_lexicon()
    for mode in ("text", "ocr"):
        if args.only and args.only != mode:
            continue
        started = time.perf_counter()
        results = score(samples, mode, args.jobs, args.ocr_cache)
        seconds = time.perf_counter() - started
        print(table(results, f"{mode.upper()} ({seconds:.0f} s)"))
        extract_ms = sorted(r["extract_ms"] for r in results)
        honest = calibration(results)
        print(
            f"extraction time per page: median {extract_ms[len(extract_ms) // 2]:.1f} ms, "
            f"max {extract_ms[-1]:.1f} ms\n"
            f"confidence: {honest['right_mean']:.2f} on right values, "
            f"{honest['wrong_mean']:.2f} on {honest['wrong']} wrong ones "
            f"({100 * honest['wrong_under_0_7']:.0f} % of them under 0.7)\n"
        )
        report[mode if args.lexicon == "product" else f"{mode}-blind"] = {
            "seconds": round(seconds, 1),
            "accuracy": {n: round(accuracy(results, n), 4) for n in HEADLINE + OTHERS},
            "by_group": {
                group: {
                    "pages": len(members),
                    **{n: round(accuracy(members, n), 4) for n in HEADLINE + OTHERS},
                }
                for group, members in by_group(results).items()
            },
            "extract_ms_median": round(extract_ms[len(extract_ms) // 2], 2),
            "extract_ms_max": round(extract_ms[-1], 2),
            "confidence": calibration(results),
            "misses": [
                {"id": r["id"], "field": name, "expected": ok[1], "got": ok[2], "confidence": ok[3]}
                for r in results
                for name, ok in r["fields"].items()
                if not ok[0]
            ],
        }
    out = ROOT / "bench" / "intake" / f"results-{report['date']}.json"
    if args.only and out.exists() and not args.limit:  # keep the other path's figures of the day
        report = {**json.loads(out.read_text(encoding="utf-8")), **report}
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"written: {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
