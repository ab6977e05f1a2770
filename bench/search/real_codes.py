#!/usr/bin/env python
"""Benchmark: real documents found by their code however a clerk types it (issue 19 §4).

Registers the real documents of a labelled corpus (`<id>.txt` + `<id>.json`, as in
`bench/intake/real/docs/`) into the demo office (`load_demo`), each as a received document
whose file holds the text exactly as its source returned it, with its number and notation,
date, issuer, type and subject as labelled. Then, for each document, asks
`GET /api/v1/search` (as the office clerk, first page with its facets, as the search page
asks) its code the ways clerks type it — exact, without marks, spaced around the
separators, after a pasted "Số:", without the year, lower case, glued, hyphen for slash and
slash for hyphen, en dash, loosely ("so 291 qd ubdt"), a fragment — and a few words of its
subject with and without marks; and reports per way of typing the share of queries whose
document came first, in the top five, and the p50 / p95 latency.

A code can be shared: the demo office's own documents, or another real one, may have the
same number and notation (another year, another issuer). Search then puts the one of the
year typed first, else the newest; such queries are counted apart ("shared") and the share
first is also given over the codes no other document has, and "by the rule": first, or
after only documents of the same code that are of the year typed or newer. The figures
are also given for the corpus's blind third (`bench.intake_real.part_of`) apart; misses
are printed for the development part only.

    .venv/bin/python bench/search/real_codes.py        # SQLite, and PostgreSQL if reachable
    .venv/bin/python bench/search/real_codes.py --corpus /work/corpus --databases sqlite
    .venv/bin/python bench/search/real_codes.py --demo-documents 300 --json results.json

Each database is made fresh (a SQLite file in a temporary folder, a PostgreSQL database
created and dropped), migrated and loaded by `load_demo` in a child process; a second child
registers the corpus and asks the questions.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import os
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.intake_real import DOCS as DEFAULT_CORPUS  # noqa: E402
from bench.intake_real import part_of  # noqa: E402

DEFAULT_PG = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
#: How a clerk types a code, and where its document must be (1: first, 5: in the top five).
CODE_VARIANTS = {
    "exact": 1, "no_marks": 1, "spaced": 1, "so_prefix": 1, "missing_year": 1, "lower": 1,
    "glued": 1, "hyphen_for_slash": 1, "slash_for_hyphen": 1, "en_dash": 1, "loose": 1,
    "fragment": 5,
}
WORD_VARIANTS = {"subject_words": 5, "subject_no_marks": 5}
#: Family of the issuer -> the demo organization that receives it.
RECEIVER = {"party": "ĐU", "state": "UBND", "front": "MTTQ"}
_YEAR_NOTATION = re.compile(r"^((?:19|20)\d\d)\s*/\s*(.+)$")
#: A year typed after the number: "52/2018/QĐ-UBND", "52-2018-QĐ-UBND".
_YEAR_TYPED = re.compile(r"(?<=\D)(?:19|20)\d\d(?!\d)")


# --- The corpus -------------------------------------------------------------------------


def read_corpus(folder: Path) -> list[dict[str, Any]]:
    """The labelled documents under `folder` (any depth; `_work` folders skipped), once
    each: the same number, notation and date seen twice is one document."""
    from vanphong.vietnamese import code_key

    seen: set[tuple[str, str]] = set()
    out = []
    for path in sorted(folder.rglob("*.json")):
        text_path = path.with_suffix(".txt")
        if "_work" in path.parts or not text_path.exists():
            continue
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            labels = record["labels"]
        except (ValueError, KeyError, TypeError):
            continue
        text = text_path.read_text(encoding="utf-8")
        code = _code(labels, text)
        same = (code_key(code) if code else text[:200], labels.get("issued_date") or "")
        if same in seen:
            continue
        seen.add(same)
        out.append({"id": record.get("id") or path.stem, "family": _family(record),
                    "labels": labels, "text": text, "code": code})
    return out


def _family(record: dict[str, Any]) -> str:
    family = (record.get("tags") or {}).get("family")
    return family if family in RECEIVER else "state"


def _code(labels: dict[str, Any], text: str) -> str:
    """Number and notation joined by the separator the document prints after its number
    ("15-NQ/TU", "12/QĐ-UBND"); "" without both."""
    number, notation = labels.get("code_number"), labels.get("code_notation")
    if not number or not notation:
        return ""
    printed = re.search(rf"(?<!\d){re.escape(number)}\s*([/-])\s*{re.escape(notation[:2])}", text)
    separator = printed.group(1) if printed else "/"
    return f"{number}{separator}{notation}"


# --- What a clerk types -----------------------------------------------------------------


def _unmarked(text: str) -> str:
    text = text.replace("Đ", "D").replace("đ", "d")
    return unicodedata.normalize(
        "NFC", "".join(c for c in unicodedata.normalize("NFD", text)
                       if unicodedata.category(c) != "Mn")
    )


def code_variants(code: str) -> dict[str, str]:
    """The ways of typing `code` ("291/QĐ-UBDT", "15-NQ/TU", "52/2018/QĐ-UBND")."""
    number, separator, notation = re.match(r"^(\d+[A-Za-z]?)([/-])(.+)$", code).groups()  # type: ignore[union-attr]
    year = _YEAR_NOTATION.match(notation)
    bare = year.group(2) if year else notation
    parts = [p for p in re.split(r"[/\-.&]", bare) if p]
    variants = {
        "exact": code,
        "no_marks": _unmarked(code),
        "spaced": f"{number} {separator}" + re.sub(r"([/-])", r"\1 ", notation),
        "so_prefix": f"Số: {code}",
        "lower": code.lower(),
        "glued": number + re.sub(r"[^\w]", "", bare),  # "291QĐUBDT" (glued, no year)
        "hyphen_for_slash": code.replace("/", "-"),
        "slash_for_hyphen": code.replace("-", "/"),
        "en_dash": code.replace("-", "–"),
        "loose": "so " + _unmarked(f"{number} {' '.join(parts)}").lower(),
        "fragment": f"{number}{separator}{parts[0]}",
    }
    if year:
        variants["missing_year"] = f"{number}{separator}{bare}"
    if variants["hyphen_for_slash"] == code:
        del variants["hyphen_for_slash"]
    if variants["slash_for_hyphen"] == code or "-" not in code:
        variants.pop("slash_for_hyphen", None)
        variants.pop("en_dash", None)
    return variants


def word_variants(subject: str, rng: random.Random) -> dict[str, str]:
    """Four side-by-side words of the subject, as written and without marks."""
    words = re.findall(r"[^\W_]+", subject)
    if len(words) < 3:
        return {}
    start = rng.randrange(max(1, len(words) - 3))
    typed = " ".join(words[start:start + 4]).lower()
    return {"subject_words": typed, "subject_no_marks": _unmarked(typed)}


# --- Inside the prepared database ------------------------------------------------------


def register_corpus(documents: list[dict[str, Any]]) -> dict[str, str]:
    """Register each document in the demo office; its id -> the key search returns."""
    from django.db import transaction
    from reportlab.pdfgen import canvas

    from vanphong import clock
    from vanphong.errors import DomainError
    from vanphong.files.actions import store_file
    from vanphong.incoming.actions import IncomingFields, register_incoming
    from vanphong.organizations.models import Organization, User
    from vanphong.registers.models import DocumentType

    clerk = User.objects.get(username="vanthu")
    organizations = {o.short_name: o for o in Organization.objects.all()}
    types = {t.name.lower(): t for t in DocumentType.objects.filter(organization=None)}
    today = clock.today()
    registered: dict[str, str] = {}
    for document in documents:
        labels = document["labels"]
        buffer = io.BytesIO()
        pdf = canvas.Canvas(buffer)
        pdf.drawString(72, 720, f"real {document['id']}")
        pdf.save()
        issued = _day(labels.get("issued_date")) or today
        fields = IncomingFields(
            issuer=labels.get("organ_name") or "(không rõ)",
            code=document["code"],
            issued_date=min(issued, today),
            subject=labels.get("subject") or labels.get("type_name") or document["id"],
            document_type=types.get((labels.get("type_name") or "").lower()),
        )
        try:
            with transaction.atomic():
                stored = store_file(actor=clerk, stream=buffer, name=f"{document['id']}.pdf")
                type(stored).objects.filter(pk=stored.pk).update(
                    text=document["text"], text_source="pdf")
                [incoming] = register_incoming(
                    actor=clerk, organizations=[organizations[RECEIVER[document["family"]]]],
                    fields=fields, files=[(stored, f"{document['id']}.pdf")],
                )
        except DomainError as exc:  # e.g. a code longer than the register takes
            print(f"  not registered {document['id']}: {exc}", file=sys.stderr)
            continue
        registered[document["id"]] = str(incoming.pk)
    from vanphong.search import outbox

    outbox.drain()
    return registered


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def same_code(code: str) -> str:
    """What two codes share when they are the same number and notation, told here apart
    from the product: marks, case, separators, leading zeros and the year after the
    number aside ("07/2020/TT-BTC" and "7/TT-BTC" -> "7TTBTC")."""
    text = _unmarked(code).upper()
    text = re.sub(r"^(\d+[A-Z]?)\W+(?:19|20)\d\d\W+(?=\w)", r"\1/", text)
    return re.sub(r"[^A-Z0-9]", "", text).lstrip("0")


def shared_codes() -> Counter[str]:
    """How many documents of the office have each code (`same_code`)."""
    from vanphong.incoming.models import IncomingDocument
    from vanphong.outgoing.models import OutgoingDocument

    codes = [*IncomingDocument.objects.values_list("code", flat=True),
             *OutgoingDocument.objects.exclude(code="").values_list("code", flat=True)]
    return Counter(same_code(c) for c in codes if c)


def ask(documents: list[dict[str, Any]], registered: dict[str, str]) -> list[dict[str, Any]]:
    """Every question, its answer's rank of the document (None: not on the first page)."""
    from django.test import Client

    from bench.search_speed import _token
    from vanphong.organizations.models import User

    token = _token(User.objects.get(username="vanthu"))
    client = Client(headers={"Authorization": f"Bearer {token}"})
    shared = shared_codes()
    questions = []
    for document in documents:
        if document["code"]:
            count = shared[same_code(document["code"])]
            for variant, typed in code_variants(document["code"]).items():
                questions.append((document["id"], variant, typed, count > 1))
        rng = random.Random(document["id"])  # the same words for a document, run after run
        for variant, typed in word_variants(document["labels"].get("subject") or "", rng).items():
            questions.append((document["id"], variant, typed, False))
    for _, _, typed, _ in questions[:10]:  # warm up
        client.get("/api/v1/search", {"q": typed}, HTTP_HOST="127.0.0.1")
    answers = []
    for document_id, variant, typed, is_shared in questions:
        started = time.perf_counter()
        response = client.get("/api/v1/search", {"q": typed}, HTTP_HOST="127.0.0.1")
        ms = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (typed, response.content[:300])
        items = response.json()["items"]
        ids = [item["id"] for item in items]
        wanted = registered[document_id]
        rank = ids.index(wanted) + 1 if wanted in ids else None
        answers.append({
            "id": document_id, "variant": variant, "q": typed, "shared": is_shared,
            "rank": rank, "ms": round(ms, 2), "first": items[0]["code"] if ids else None,
            "by_rule": bool(rank) and _by_rule(items[: rank - 1], items[rank - 1], typed),
        })
    return answers


def _by_rule(above: list[dict[str, Any]], wanted: dict[str, Any], typed: str) -> bool:
    """Whether only documents that the rule puts first come before the one wanted: the
    same code, and of the year typed (when the wanted one is not), else newer."""
    year = _YEAR_TYPED.search(typed)
    typed_year = year.group() if year else None

    def before(item: dict[str, Any]) -> bool:
        if same_code(item["code"]) != same_code(wanted["code"]):
            return False
        if typed_year and (item["issued_date"] or "")[:4] != (wanted["issued_date"] or "")[:4]:
            return (item["issued_date"] or "")[:4] == typed_year
        return (item["issued_date"] or "") >= (wanted["issued_date"] or "")

    return all(before(item) for item in above)


def summary(answers: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out = {}
    for variant in [*CODE_VARIANTS, *WORD_VARIANTS]:
        rows = [a for a in answers if a["variant"] == variant]
        if not rows:
            continue
        alone = [a for a in rows if not a["shared"]]
        ms = sorted(a["ms"] for a in rows)
        out[variant] = {
            "queries": len(rows),
            "first": _share(rows, 1), "top5": _share(rows, 5),
            "shared": len(rows) - len(alone), "first_unshared": _share(alone, 1),
            "by_rule": round(100 * sum(1 for a in rows if a["by_rule"]) / len(rows), 1),
            "p50_ms": round(statistics.median(ms), 1),
            "p95_ms": round(ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))], 1),
        }
    return out


def _share(rows: list[dict[str, Any]], within: int) -> float | None:
    if not rows:
        return None
    return round(100 * sum(1 for a in rows if a["rank"] and a["rank"] <= within) / len(rows), 1)


def inside(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.db import connection

    documents = read_corpus(Path(args.corpus))
    started = time.perf_counter()
    registered = register_corpus(documents)
    documents = [d for d in documents if d["id"] in registered]
    seconds = time.perf_counter() - started
    answers = ask(documents, registered)
    parts = {part: [a for a in answers if part_of(a["id"]) == part] for part in ("dev", "blind")}
    report = {
        "database": connection.vendor, "documents": len(documents),
        "with_code": sum(1 for d in documents if d["code"]),
        "blind": sum(1 for d in documents if part_of(d["id"]) == "blind"),
        "register_seconds": round(seconds, 1), "summary": summary(answers),
        "parts": {part: summary(rows) for part, rows in parts.items()},
        "misses": [a for a in parts["dev"] if not a["by_rule"] and a["variant"] in CODE_VARIANTS
                   and CODE_VARIANTS[a["variant"]] == 1],
        "answers": parts["dev"],
    }
    Path(args.out).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


# --- Preparing each database ------------------------------------------------------------


def _environment(data_dir: Path, url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="vanphong.settings", VANPHONG_DATA_DIR=str(data_dir),
        VANPHONG_SEARCH_DIR=str(data_dir / "search"), VANPHONG_SECRET_KEY=secrets.token_hex(32),
        # No worker runs: the files keep the text given here, the outbox is drained here.
        VANPHONG_TASKS="database", VANPHONG_API_RATE="1000000/min", VANPHONG_LOG_LEVEL="ERROR",
    )
    if url:
        env["DATABASE_URL"] = url
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT,  # noqa: S603
                   check=True, stdout=subprocess.DEVNULL)


@contextlib.contextmanager
def _postgres(admin_url: str, name: str) -> Iterator[str]:
    import psycopg

    libpq = admin_url.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(libpq, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # type: ignore[arg-type]
        db.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
    try:
        yield urlunsplit(urlsplit(admin_url)._replace(path="/" + name))
    finally:
        with psycopg.connect(libpq, autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # type: ignore[arg-type]


def _reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 5432), 2).close()
    except OSError:
        return False
    return True


def run_database(database: str, args: argparse.Namespace) -> dict[str, Any]:
    with contextlib.ExitStack() as stack:
        data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="real-codes-")))
        url = None
        if database == "postgres":
            url = stack.enter_context(_postgres(args.pg_url, args.pg_name))
        env = _environment(data_dir, url)
        started = time.perf_counter()
        _manage(env, "migrate", "--no-input")
        _manage(env, "load_demo", "--documents", str(args.demo_documents))
        prepared = time.perf_counter() - started
        out = data_dir / "report.json"
        subprocess.run([sys.executable, __file__, "--inside", "--corpus", str(args.corpus),  # noqa: S603
                        "--out", str(out)], env=env, cwd=ROOT, check=True)
        report = json.loads(out.read_text(encoding="utf-8"))
        report["prepare_seconds"] = round(prepared, 1)
        return report


def print_report(reports: list[dict[str, Any]]) -> None:
    for report in reports:
        print(f"\n{report['database']}: {report['documents']} documents "
              f"({report['with_code']} with a code, {report['blind']} blind) registered in "
              f"{report['register_seconds']} s")
        print(f"{'way of typing':<18} {'n':>4} {'first':>6} {'top 5':>6} {'shared':>6} "
              f"{'first*':>6} {'rule':>6} {'p50':>6} {'p95':>6}")
        for variant, row in report["summary"].items():
            print(f"{variant:<18} {row['queries']:>4} {row['first']:>6} {row['top5']:>6} "
                  f"{row['shared']:>6} {row['first_unshared'] or '-':>6} {row['by_rule']:>6} "
                  f"{row['p50_ms']:>6} {row['p95_ms']:>6}")
        print("first* = first, over the codes no other document of the office has; rule = "
              "first, or after only documents of the same code that are of the year typed "
              "or newer; latency in ms")
        print(f"{'by part':<18} {'dev first':>9} {'rule':>6} {'top 5':>6} | "
              f"{'blind first':>11} {'rule':>6} {'top 5':>6}")
        for variant in report["summary"]:
            dev, blind = (report["parts"][p].get(variant) for p in ("dev", "blind"))
            cells = [f"{r['first']:>6} {r['by_rule']:>6} {r['top5']:>6}" if r else "     -" * 3
                     for r in (dev, blind)]
            print(f"{variant:<18}    {cells[0]} |      {cells[1]}")
        for miss in report["misses"][:30]:  # development part only
            print(f"  miss {miss['id']} {miss['variant']}: {miss['q']!r} -> rank {miss['rank']}, "
                  f"first {miss['first']!r}{' (shared code)' if miss['shared'] else ''}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS),
                        help="folder of <id>.txt + <id>.json (any depth)")
    parser.add_argument("--databases", default="sqlite,postgres",
                        help="sqlite, postgres (skipped when the server is not reachable)")
    parser.add_argument("--pg-url", default=DEFAULT_PG, help="PostgreSQL server (CREATE DATABASE)")
    parser.add_argument("--pg-name", default=f"vanphong_real_codes_{os.getpid()}",
                        help="name of the PostgreSQL database made (and dropped) for the run")
    parser.add_argument("--demo-documents", type=int, default=3000,
                        help="documents of the demo office around the real ones")
    parser.add_argument("--json", help="write the reports (every answer's rank) here")
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.inside:
        inside(args)
        return 0
    if not any(Path(args.corpus).rglob("*.json")):
        print(f"Không có văn bản nào trong {args.corpus}.", file=sys.stderr)
        return 2
    reports = []
    for database in args.databases.split(","):
        if database == "postgres" and not _reachable(args.pg_url):
            print("PostgreSQL không kết nối được: bỏ qua.")
            continue
        reports.append(run_database(database, args))
    print_report(reports)
    if args.json:
        Path(args.json).write_text(json.dumps(reports, ensure_ascii=False, indent=1),
                                   encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
