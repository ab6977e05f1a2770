#!/usr/bin/env python
"""Benchmark: header fields read right on REAL documents (bench/intake/real/).

The corpus (bench/intake/real/docs/<id>.txt + <id>.json; bench/intake/real/README.md says
where each came from and how it was labelled) holds the text of real, publicly published
documents exactly as a public page returns it, each with its header fields read by hand.
A third of it is BLIND (chosen by a hash of the id, so it never changes as documents are
added): its figures are printed, its misses never are — extraction is fitted on the rest.

    .venv/bin/python bench/intake_real.py                  # text: dev and blind parts
    .venv/bin/python bench/intake_real.py --scans          # and a third rendered and OCR'd
    .venv/bin/python bench/intake_real.py --misses         # the dev part's misses, per field
    .venv/bin/python bench/intake_real.py --generated      # and the generated set (text)

A value counts as right when it equals the label after NFC and whitespace normalisation;
names (issuer, parent body, subject, position) are compared without regard to letter case
(a register keeps "VỀ VIỆC …" or "Về việc …" alike) or to the old and new place of a tone
mark ("UỶ BAN"/"ỦY BAN", "HOÀ"/"HÒA"), dashes alike, the subject also without its final
full stop; in a notation "TƯ" and "TW", the two ways Party documents abbreviate Trung ương,
count alike, as do a notation's letter case, a competence written "TM." or "T/M" and a
hyphen in a name with or without spaces. A field the text does not hold is right when
nothing is proposed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import re
import subprocess
import sys
import time
import unicodedata
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DOCS = ROOT / "bench" / "intake" / "real" / "docs"
#: The fields issue 19 sets goals for, and the rest of the header.
GOALS = {
    "code_number": 0.95,
    "issued_date": 0.95,
    "code_notation": 0.90,
    "type_name": 0.90,
    "organ_name": 0.90,
    "subject": 0.85,
}
FIELDS = [
    *GOALS,
    "parent_body",
    "place",
    "signer_position",
    "signer_name",
    "competence",
    "priority",
    "secrecy",
    "recipients",
]
_CASELESS = {"organ_name", "parent_body", "subject", "signer_position"}


def part_of(doc_id: str) -> str:
    """'blind' for a third of the ids (fixed by the id alone), else 'dev'."""
    return "blind" if int(hashlib.sha256(doc_id.encode()).hexdigest()[:8], 16) % 3 == 0 else "dev"


def scanned(doc_id: str) -> bool:
    """The third of the documents rendered to scans (another hash, so scans fall in both
    parts)."""
    return int(hashlib.sha256(f"scan:{doc_id}".encode()).hexdigest()[:8], 16) % 3 == 0


def load(folder: Path = DOCS) -> list[dict[str, Any]]:
    docs = []
    for path in sorted(folder.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc["text"] = path.with_suffix(".txt").read_text(encoding="utf-8")
        doc["part"] = part_of(doc["id"])
        docs.append(doc)
    return docs


#: The old and the new place of the tone mark in an open syllable ("hoà"/"hòa",
#: "thuỷ"/"thủy"): one spelling, written two ways; and the dashes a page may use.
_TONES = {"à": "ò", "á": "ó", "ả": "ỏ", "ã": "õ", "ạ": "ọ", "è": "ò", "é": "ó", "ẻ": "ỏ",
          "ẽ": "õ", "ẹ": "ọ"}  # fmt: skip
_TONES_Y = {"ỳ": "ù", "ý": "ú", "ỷ": "ủ", "ỹ": "ũ", "ỵ": "ụ"}


def _tone_style(text: str) -> str:
    text = re.sub(
        r"o([àáảãạèéẻẽẹ])(?![\w])",
        lambda m: _TONES[m.group(1)] + ("a" if m.group(1) in "àáảãạ" else "e"),
        text,
    )
    return re.sub(r"u([ỳýỷỹỵ])(?![\w])", lambda m: _TONES_Y[m.group(1)] + "y", text)


def composition(docs: list[dict[str, Any]]) -> dict[str, Any]:
    """What the corpus holds: by family, level, type, source kind, noise, part, years."""
    out: dict[str, Any] = {}
    for key, read in (
        ("family", lambda d: d["tags"]["family"]),
        ("level", lambda d: d["tags"]["level"]),
        ("type", lambda d: d["labels"]["type_name"]),
        ("site_kind", lambda d: d["source"].get("site_kind", "?")),
        ("noise", lambda d: d["tags"]["noise"]),
        ("part", lambda d: d["part"]),
    ):
        counts: dict[str, int] = defaultdict(int)
        for doc in docs:
            counts[str(read(doc))] += 1
        out[key] = dict(sorted(counts.items(), key=lambda item: -item[1]))
    kinds: dict[str, int] = defaultdict(int)
    for doc in docs:
        for kind in doc["tags"].get("noise_kinds") or []:
            kinds[kind] += 1
    out["noise_kinds"] = dict(kinds)
    years = [doc["tags"]["year"] for doc in docs if doc["tags"].get("year")]
    out["years"] = [min(years), max(years)] if years else None
    out["sites"] = len({re.sub(r"^https?://(www\.)?([^/]+).*", r"\2", d["source"]["url"])
                        for d in docs})  # fmt: skip
    return out


def normal(name: str, value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(unicodedata.normalize("NFC", str(value)).split())
    text = re.sub("[\u2010-\u2015\u2212]", "-", text)
    if name in _CASELESS:
        text = _tone_style(text.casefold())
    if name == "place":
        text = _tone_style(text)
    if name in ("organ_name", "parent_body"):  # "BỘ A-BỘ B" and "BỘ A - BỘ B"
        text = re.sub(r"\s*-\s*", " - ", text)
    if name == "competence":  # "TM." and "T/M": the State's and the Party's way to write it
        text = re.sub(r"[^A-Z]", "", text.upper())
    if name == "code_notation":  # "TTR-UBND" printed, "TTr-UBND" proposed: one code
        text = re.sub(r"TƯ\b", "TW", text).upper()
    if name == "subject":
        text = text.rstrip(" .;:")
    return text or None


def compare(labels: dict[str, Any], extraction: Any) -> dict[str, tuple[bool, Any, Any, float]]:
    """field -> (right?, expected, got, confidence)."""
    out = {}
    for name in FIELDS:
        field = getattr(extraction, name)
        right = normal(name, labels.get(name)) == normal(name, field.value)
        out[name] = (right, labels.get(name), field.value, field.confidence)
    return out


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vanphong.settings")
    import django

    django.setup()


def read_text(doc: dict[str, Any]) -> dict[str, Any]:
    _django()
    from vanphong.intake.extraction import extract

    started = time.perf_counter()
    extraction = extract(doc["text"])
    elapsed = time.perf_counter() - started
    return _result(doc, "text", extraction, elapsed, len(doc["text"]))


def read_scan(doc: dict[str, Any], cache: str | None) -> dict[str, Any]:
    """Render the document as a commune scanner would, OCR it with the product, extract."""
    _django()
    from bench.intake.real_scan import scan_text
    from vanphong.intake.extraction import extract

    text = scan_text(doc, Path(cache) if cache else None)
    started = time.perf_counter()
    extraction = extract(text)
    elapsed = time.perf_counter() - started
    return _result(doc, "scan", extraction, elapsed, len(text))


def _result(doc: dict, kind: str, extraction: Any, seconds: float, size: int) -> dict[str, Any]:
    tags = doc["tags"]
    source = kind if kind == "scan" else tags["noise"]
    return {
        "id": doc["id"],
        "part": doc["part"],
        "family": tags["family"],
        "level": tags["level"],
        "source": source,
        "fields": compare(doc["labels"], extraction),
        "extract_ms": seconds * 1000,
        "chars": size,
    }


def accuracy(results: list[dict[str, Any]], field: str) -> float:
    return sum(r["fields"][field][0] for r in results) / len(results) if results else 0.0


def separation(results: list[dict[str, Any]], fields: list[str]) -> dict[str, float]:
    """How well confidence tells right from wrong: mean confidence of each, the chance that a
    right value is surer than a wrong one (AUC over the goal fields), the share of wrong values
    under 0.7 (the form marks those for the clerk's eye) and of right ones at or above it."""
    right = [r["fields"][n][3] for r in results for n in fields if r["fields"][n][0]]
    wrong = [r["fields"][n][3] for r in results for n in fields if not r["fields"][n][0]]
    if not right or not wrong:
        return {"right": len(right), "wrong": len(wrong)}
    pairs = sum((a > b) + 0.5 * (a == b) for a in right for b in wrong)
    return {
        "right": len(right),
        "wrong": len(wrong),
        "right_mean": round(sum(right) / len(right), 3),
        "wrong_mean": round(sum(wrong) / len(wrong), 3),
        "auc": round(pairs / (len(right) * len(wrong)), 3),
        "wrong_under_0_7": round(sum(c < 0.7 for c in wrong) / len(wrong), 3),
        "right_at_0_7": round(sum(c >= 0.7 for c in right) / len(right), 3),
    }


def groups(results: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in results:
        out["all"].append(r)
        out[f"family={r['family']}"].append(r)
        out[f"source={r['source']}"].append(r)
        out[f"level={r['level']}"].append(r)
    return dict(out)


def table(results: list[dict[str, Any]], title: str) -> str:
    cols = list(groups(results))
    order = ["all", *sorted(c for c in cols if c != "all")]
    lines = [f"{title}: {len(results)} documents"]
    head = f"{'field':<16}" + "".join(f"{c.split('=')[-1][:10]:>11}" for c in order)
    lines.append(head)
    lines.append(f"{'(documents)':<16}" + "".join(f"{len(groups(results)[c]):>11}" for c in order))
    by = groups(results)
    for name in FIELDS:
        goal = f"  goal {100 * GOALS[name]:.0f}" if name in GOALS else ""
        cells = "".join(f"{100 * accuracy(by[c], name):10.1f}%" for c in order)
        lines.append(f"{name:<16}{cells}{goal}")
    return "\n".join(lines)


def markdown(results: dict[str, list[dict[str, Any]]]) -> str:
    """One table: a row per field, a column per part and source kind (for docs/benchmarks.md)."""
    columns: list[tuple[str, list[dict[str, Any]]]] = []
    for title, chosen in results.items():
        columns.append((f"{title} ({len(chosen)})", chosen))
        for group in ("family=state", "family=party", "family=front"):
            members = [r for r in chosen if f"family={r['family']}" == group]
            columns.append((f"{title} {group.split('=')[1]} ({len(members)})", members))
    head = "| field | " + " | ".join(name for name, _ in columns) + " | goal |"
    lines = [head, "|" + "---|" * (len(columns) + 2)]
    for name in FIELDS:
        cells = " | ".join(f"{100 * accuracy(members, name):.1f}" for _, members in columns)
        goal = f"{100 * GOALS[name]:.0f}" if name in GOALS else ""
        lines.append(f"| {name} | {cells} | {goal} |")
    return "\n".join(lines)


def summary(results: list[dict[str, Any]]) -> dict[str, Any]:
    times = sorted(r["extract_ms"] for r in results)
    return {
        "documents": len(results),
        "accuracy": {n: round(accuracy(results, n), 4) for n in FIELDS},
        "by_group": {
            g: {"documents": len(m), **{n: round(accuracy(m, n), 4) for n in FIELDS}}
            for g, m in groups(results).items()
        },
        "confidence": separation(results, list(GOALS)),
        "extract_ms_median": round(times[len(times) // 2], 2) if times else None,
        "extract_ms_p95": round(times[int(len(times) * 0.95)], 2) if times else None,
        "extract_ms_max": round(times[-1], 2) if times else None,
    }


def print_misses(results: list[dict[str, Any]], only: str | None) -> None:
    for r in results:
        if r["part"] == "blind":
            continue  # never shown: the blind part stays blind
        for name, (right, expected, got, confidence) in r["fields"].items():
            if not right and (only is None or only == name):
                print(f"{r['id']:<7} {r['source']:<6} {name:<15} {confidence:.2f}")
                print(f"    want {expected!r}\n    got  {got!r}")


def _commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=DOCS, help="the corpus folder")
    parser.add_argument("--scans", action="store_true", help="also the rendered scans (OCR)")
    parser.add_argument("--generated", action="store_true", help="also the generated set")
    parser.add_argument(
        "--misses",
        nargs="?",
        const="",
        metavar="FIELD",
        help="print the dev part's misses (of one field)",
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--ocr-cache",
        metavar="DIR",
        default=None,
        help="keep the OCR text of each scan there and reuse it",
    )
    parser.add_argument("--json", type=Path, help="write the figures there")
    parser.add_argument("--markdown", action="store_true", help="print tables for the docs")
    args = parser.parse_args()  # fmt: skip
    docs = load(args.docs)
    report: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "commit": _commit(),
        "machine": f"{platform.node()} {os.cpu_count()} CPU",
        "documents": len(docs),
    }
    report["composition"] = composition(docs)
    for key, value in report["composition"].items():
        print(f"{key}: {value}")
    print()
    text = [read_text(d) for d in docs]
    for part in ("dev", "blind"):
        chosen = [r for r in text if r["part"] == part]
        print(table(chosen, f"TEXT, {part} part"), "\n")
        report[f"text-{part}"] = summary(chosen)
    if args.scans:
        chosen_docs = [d for d in docs if scanned(d["id"])]
        with ProcessPoolExecutor(args.jobs) as pool:
            scans = list(pool.map(read_scan, chosen_docs, [args.ocr_cache] * len(chosen_docs)))
        same = {r["id"] for r in scans}
        for part in ("dev", "blind"):
            chosen = [r for r in scans if r["part"] == part]
            print(table(chosen, f"SCAN, {part} part"), "\n")
            report[f"scan-{part}"] = summary(chosen)
            twins = [r for r in text if r["id"] in same and r["part"] == part]
            report[f"text-of-scanned-{part}"] = summary(twins)
            print(table(twins, f"TEXT of the same documents, {part} part"), "\n")
    if args.generated:
        from bench import intake_accuracy

        samples = intake_accuracy.load()
        generated = intake_accuracy.score(samples, "text", args.jobs)
        report["generated-text"] = {
            n: round(intake_accuracy.accuracy(generated, n), 4)
            for n in intake_accuracy.HEADLINE + intake_accuracy.OTHERS
        }
        print(intake_accuracy.table(generated, "GENERATED SET, TEXT"), "\n")
    for key in [k for k in report if k.startswith(("text-", "scan-"))]:
        figures = report[key]
        print(
            f"{key}: extraction median {figures['extract_ms_median']} ms, "
            f"p95 {figures['extract_ms_p95']} ms; confidence {figures['confidence']}"
        )
    if args.markdown:
        tables = {f"text {p}": [r for r in text if r["part"] == p] for p in ("dev", "blind")}
        for source in ("clean", "noisy"):
            tables[f"text {source}"] = [r for r in text if r["source"] == source]
        if args.scans:
            tables.update(
                {f"scan {p}": [r for r in scans if r["part"] == p] for p in ("dev", "blind")}
            )
            tables["text of the scanned"] = [r for r in text if r["id"] in same]
        for title, chosen in tables.items():
            print(f"\n{title}\n")
            print(markdown({title: chosen}))
    if args.misses is not None:
        print_misses(text, args.misses or None)
    out = args.json or ROOT / "bench" / "intake" / f"results-real-{report['date']}.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"written: {out}")


if __name__ == "__main__":
    main()
