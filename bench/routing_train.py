#!/usr/bin/env python
"""Benchmark: routing suggestions learned from the office's history.

Builds the demo office with its year of incoming documents (the demo loader's history:
registrations, routings, instructions, reassignments) in a fresh SQLite database in a
temporary folder, then measures:

1. training time of `vanphong.intake.routing.train` on that history (reading the
   decisions from the database, fitting every target, the held-out check), median of runs;
2. held-out accuracy of each target (organization, lead unit, handler, leader), learned
   on the older four fifths and checked on the most recent fifth, as stored with the model;
3. how often the suggestion matches what was decided for the newest fifth (organization;
   then, where the organization is right, lead unit, handler and leader): by the rules
   alone (no history), then with a model learned from the older documents only; each
   with and without the addressees ("Nơi nhận") in the header;
4. suggestion latency: the first call of a process (loads the model) and later calls.

    .venv/bin/python bench/routing_train.py                    # 3,000 documents, 3 runs
    .venv/bin/python bench/routing_train.py --documents 1000 --runs 1
    .venv/bin/python bench/routing_train.py --data-dir /tmp/rt  # keep (and reuse) the history
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(folder: Path) -> None:
    os.environ["VANPHONG_DATA_DIR"] = str(folder)
    os.environ["VANPHONG_TASKS"] = "immediate"
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vanphong.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def history(documents: int, seed: int) -> float:
    """The demo history, unless the data folder already has one; seconds spent."""
    from django.db import transaction

    from vanphong.demo.history import generate_history
    from vanphong.demo.orgchart import build_office
    from vanphong.organizations.models import Office

    if Office.objects.exists():
        return 0.0
    started = time.perf_counter()
    with transaction.atomic():
        demo = build_office()
        generate_history(demo, documents=documents, seed=seed)
    return time.perf_counter() - started


def spread(values: list[float], unit: str = "s", scale: float = 1.0) -> str:
    low, mid, high = (v * scale for v in (min(values), statistics.median(values), max(values)))
    return f"{mid:.2f} {unit} (min {low:.2f}, max {high:.2f})"


FIELDS = ("organization_id", "issuer", "code", "subject", "document_type__name",
          "signer_position", "recipients", "arrival_at")


def header(row: dict) -> dict[str, str]:
    """The header fields a clerk confirms, as the suggestion receives them."""
    return {"issuer": row["issuer"], "code": row["code"], "subject": row["subject"],
            "type_name": row["document_type__name"] or "",
            "signer_position": row["signer_position"], "recipients": row["recipients"]}


def recent(office, count: int) -> list[dict]:
    from vanphong.incoming.models import IncomingDocument, Status

    return list(IncomingDocument.objects.filter(office=office).exclude(status=Status.WITHDRAWN)
                .order_by("-arrival_at", "-arrival_number").values(*FIELDS)[:count])


def suggestion_accuracy(office, rows: list[dict], *, blank: str = "") -> dict[str, float]:
    """How often the suggestion for each of `rows` (the most recent documents) matches
    what was decided: the organization first, or among those suggested (a document
    addressed to two organizations is registered for each); for the documents of the
    organization suggested first, the lead unit, the handler and the leader they were
    presented to, where they had one. Also the share of suggestions made by the model.
    `blank` names a header field to leave empty (as when it was not read or typed)."""
    from vanphong.intake import routing

    decided = routing._examples(office)[: len(rows)]
    hits: Counter = Counter()
    seen: Counter = Counter()
    for row, truth in zip(rows, decided, strict=True):
        found = routing.suggest(office, {**header(row), **({blank: ""} if blank else {})})
        ids = [str(o["id"]) for o in found.get("organizations", [])]
        hits["organization first"] += bool(ids) and ids[0] == truth["organization"]
        hits["organization among"] += truth["organization"] in ids
        hits["source model"] += found.get("source") == "model"
        if not ids or ids[0] != truth["organization"]:
            continue
        for part, target in (("unit", "unit"), ("handler", "person"), ("leader", "leader")):
            if truth[target] is None:
                continue
            seen[part] += 1
            chosen = found.get(part)
            hits[part] += (chosen["id"] if chosen else routing.NO_UNIT) == int_or(
                truth[target].split(":")[1])
    seen.update({"organization first": len(rows), "organization among": len(rows),
                 "source model": len(rows)})
    return {f"{key} ({seen[key]})": hits[key] / max(1, seen[key]) for key in
            ("organization first", "organization among", "source model", "unit", "handler",
             "leader")}


def int_or(text: str) -> int | str:
    return int(text) if text.isdigit() else text


def show(label: str, accuracy: dict[str, float]) -> None:
    print(label)
    for key, value in accuracy.items():
        print(f"  {key}: {value:.1%}")


def older_only(learn, newest: int):
    """`routing._examples` without the `newest` documents (most recent first)."""
    def examples(office):
        return learn(office)[newest:]

    return examples


def latency(office, rows: list[dict]) -> tuple[float, list[float], dict]:
    """Seconds of the first suggestion of a process (loads the model), then of each
    later one."""
    from vanphong.intake import routing

    routing._loaded.clear()  # as in a fresh process
    started = time.perf_counter()
    example = routing.suggest(office, header(rows[0]))
    first = time.perf_counter() - started
    later = []
    for row in rows[1:]:
        started = time.perf_counter()
        routing.suggest(office, header(row))
        later.append(time.perf_counter() - started)
    return first, later, example


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--calls", type=int, default=200, help="suggestions timed")
    parser.add_argument("--data-dir", help="keep the database here (reused when present)")
    args = parser.parse_args()
    folder = Path(args.data_dir or tempfile.mkdtemp(prefix="vp-routing-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        run(args, folder)
    finally:
        if not args.data_dir:
            shutil.rmtree(folder, ignore_errors=True)


def run(args: argparse.Namespace, folder: Path) -> None:
    setup_django(folder)
    from vanphong.incoming.models import Assignment, IncomingDocument
    from vanphong.intake import routing
    from vanphong.intake.models import RoutingModel
    from vanphong.organizations.models import Office

    made = history(args.documents, args.seed)
    office = Office.objects.get()
    RoutingModel.objects.filter(office=office).delete()
    documents = IncomingDocument.objects.filter(office=office).count()
    leads = Assignment.objects.filter(document__office=office, kind="lead").count()
    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPU, Python "
          f"{platform.python_version()}, load {os.getloadavg()[0]:.2f}")
    print(f"History: {documents} incoming documents, {leads} lead assignments"
          + (f" (generated in {made:.0f} s)" if made else " (reused)"))

    newest = recent(office, documents // 5)
    show(f"Rules alone, suggestions for the newest fifth ({len(newest)} documents):",
         suggestion_accuracy(office, newest))
    show("Rules alone, same documents without their addressees (Nơi nhận):",
         suggestion_accuracy(office, newest, blank="recipients"))
    learn = routing._examples
    routing._examples = older_only(learn, len(newest))
    started = time.perf_counter()
    try:
        record = routing.train(office)
    finally:
        routing._examples = learn
    if record is None:
        raise SystemExit("Not enough history to train.")
    took = time.perf_counter() - started
    show(f"Model of the older {record.decisions} documents (trained in {took:.1f} s) and "
         "rules, same documents:", suggestion_accuracy(office, newest))
    show("Model and rules, same documents without their addressees:",
         suggestion_accuracy(office, newest, blank="recipients"))
    RoutingModel.objects.filter(office=office).delete()

    seconds = []
    for _ in range(args.runs):
        started = time.perf_counter()
        record = routing.train(office)
        seconds.append(time.perf_counter() - started)
    assert record is not None
    print(f"Training on all {record.decisions} documents ({args.runs} runs): {spread(seconds)}; "
          f"model {len(bytes(record.data)) / 1024:.0f} KiB")
    for target, value in routing.held_out(record).items():
        shown = "—" if value is None else f"{value:.1%}"
        print(f"  held-out accuracy (newest fifth), {target}: {shown}")
    RoutingModel.objects.filter(office=office).exclude(pk=record.pk).delete()

    first_call, later, example = latency(office, recent(office, args.calls))
    print(f"Suggestion: first call {first_call * 1000:.0f} ms (loads the model), then "
          f"{spread(later, 'ms', 1000)} over {len(later)} calls")
    print(f"  e.g. {example.get('source')}: {example.get('reason')}")
    print(f"Load at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
