#!/usr/bin/env python
"""Benchmark: concurrent clerks issue outgoing documents of one organization, on
SQLite and on PostgreSQL, and the outgoing register must hold 1..N with no duplicate
and no gap.

Each run starts from a fresh database (a temporary SQLite file, or a newly created
PostgreSQL database), migrates it and loads the demo organization chart. A worker
process then records `issuers × per-issuer` Quyết định of UBND as signed on paper
(each with its own one-page PDF scan), and starts one thread per issuer at the same
moment (a barrier); each thread, with its own database connection, issues its
documents one after the other through `vanphong.outgoing.issuing.issue_outgoing` —
the action the pages and the API call: the four checks, the number taken inside the
issuing transaction, history and audit rows, the final copy queued after commit. The
numbers are then read straight from the database (SQL) and compared with 1..N. Runs
of the two databases alternate so that both see the same machine conditions.

    .venv/bin/python bench/issue_concurrency.py               # 16 × 50 documents, 3 runs each
    .venv/bin/python bench/issue_concurrency.py --quick       # 16 × 10 documents, 1 run each
    .venv/bin/python bench/issue_concurrency.py --databases sqlite --per-issuer 100
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from register_concurrency import (  # the sibling benchmark's helpers
    DEFAULT_PG,
    ROOT,
    Database,
    PostgreSQL,
    SQLite,
    _environment,
    _libpq,
    machine,
    manage,
    postgres_reachable,
    print_table,
    summary,
)

NUMBERS_SQL = """
    SELECT d.number FROM outgoing_outgoingdocument d
    JOIN registers_register r ON r.id = d.register_id
    JOIN organizations_organization o ON o.id = r.organization_id
    WHERE o.short_name = 'UBND' AND r.kind = 'outgoing' AND d.number IS NOT NULL
"""


@dataclasses.dataclass
class RunResult:
    database: str
    run: int
    documents: int
    seconds: float
    latencies: list[float]
    errors: dict[str, int]
    duplicates: int
    missing: int
    unexpected: int
    load: float = dataclasses.field(default_factory=lambda: os.getloadavg()[0])

    @property
    def throughput(self) -> float:
        return self.documents / self.seconds

    def latency(self, share: float) -> float:
        ordered = sorted(self.latencies) or [float("nan")]
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000

    @property
    def ok(self) -> bool:
        return not (self.errors or self.duplicates or self.missing or self.unexpected)


def stored_numbers(database: Database) -> list[int]:
    if isinstance(database, PostgreSQL):
        import psycopg

        with psycopg.connect(_libpq(database.url)) as db:
            return [row[0] for row in db.execute(NUMBERS_SQL)]
    with contextlib.closing(sqlite3.connect(database.data_dir / "vanphong.sqlite3")) as db:
        return [row[0] for row in db.execute(NUMBERS_SQL)]


# --- The worker: runs inside Django, on the run's database ---------------------------------


def _prepare(issuers: int, per_issuer: int) -> list[list[Any]]:
    """Signed documents, one list per issuer."""
    import io

    from reportlab.pdfgen import canvas

    from vanphong import clock
    from vanphong.files.actions import store_file
    from vanphong.organizations.models import Organization, Unit, User
    from vanphong.outgoing import actions, issuing
    from vanphong.registers.models import DocumentType

    clerk = User.objects.get(username="vanthu")
    ubnd = Organization.objects.get(short_name="UBND")
    fields: dict[str, Any] = {
        "document_type": DocumentType.objects.get(system="state", organization=None,
                                                  name="Quyết định"),
        "signer": User.objects.get(username="chutich"), "capacity": "tm",
        "drafting_unit": Unit.objects.get(organization=ubnd, short_name="VHXH"),
        "recipients": (actions.RecipientSpec(name="Sở Nội vụ tỉnh Lâm Đồng"),),
    }
    batches: list[list[Any]] = [[] for _ in range(issuers)]
    for n in range(issuers * per_issuer):
        buffer = io.BytesIO()
        page = canvas.Canvas(buffer)
        page.drawString(72, 720, f"Quyet dinh thu tai so {n}")
        page.save()
        buffer.seek(0)
        scan = store_file(actor=clerk, stream=buffer, name=f"qd-{n}.pdf")
        batches[n % issuers].append(issuing.record_signed_on_paper(
            actor=clerk, organization=ubnd, upload=scan, signed_on=clock.today(),
            fields=actions.DraftFields(subject=f"Phân công nhiệm vụ số {n} (thử tải)",
                                       **fields),
        ))
    return batches


def _issue_all(batches: list[list[Any]]) -> dict[str, Any]:
    from django.db import connection

    from vanphong.organizations.models import User
    from vanphong.outgoing import issuing

    clerks = [User.objects.get(username=name) for name in ("vanthu", "vanthu2")]
    lock = threading.Lock()
    out: dict[str, Any] = {"latencies": [], "errors": {}, "numbers": []}
    start = threading.Barrier(len(batches) + 1, action=lambda: out.update(t0=time.perf_counter()))

    def issuer(index: int) -> None:
        try:
            start.wait()
            for document in batches[index]:
                began = time.perf_counter()
                try:
                    issuing.issue_outgoing(actor=clerks[index % 2], document=document)
                except Exception as error:  # counted and reported, the run goes on
                    with lock:
                        name = type(error).__name__
                        out["errors"][name] = out["errors"].get(name, 0) + 1
                    continue
                with lock:
                    out["latencies"].append(time.perf_counter() - began)
                    out["numbers"].append(document.number)
        finally:
            connection.close()

    threads = [threading.Thread(target=issuer, args=(i,)) for i in range(len(batches))]
    for thread in threads:
        thread.start()
    start.wait()
    for thread in threads:
        thread.join()
    out["seconds"] = time.perf_counter() - out.pop("t0")
    return out


def worker(issuers: int, per_issuer: int) -> None:
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vanphong.settings")
    django.setup()
    batches = _prepare(issuers, per_issuer)
    print(json.dumps(_issue_all(batches)))


# --- One run --------------------------------------------------------------------------------


def run_once(database: Database, args: argparse.Namespace, run: int) -> RunResult:
    env = {**_environment(database), "VANPHONG_TASKS": "database"}
    database.create()
    try:
        manage(env, "migrate", "--noinput", "-v", "0", "--skip-checks")
        manage(env, "shell", "-c",
               "from vanphong.demo.orgchart import build_office; build_office()")
        done = subprocess.run(  # noqa: S603 — this script with fixed arguments
            [sys.executable, __file__, "--worker", "--issuers", str(args.issuers),
             "--per-issuer", str(args.per_issuer)],
            cwd=ROOT, env=env, capture_output=True, text=True, check=False,
        )
        if done.returncode:
            raise RuntimeError(f"the worker failed:\n{done.stderr[-3000:]}")
        out = json.loads(done.stdout.strip().splitlines()[-1])
        return _verify(database, run, out)
    finally:
        database.drop()


def _verify(database: Database, run: int, out: dict[str, Any]) -> RunResult:
    """Compare the stored numbers with 1..N, N = the issues that succeeded; `unexpected`
    counts numbers outside 1..N (stored or returned)."""
    stored, returned = stored_numbers(database), out["numbers"]
    expected = set(range(1, len(returned) + 1))
    duplicates = len(stored) - len(set(stored)) + len(returned) - len(set(returned))
    missing = len(expected - set(stored))
    unexpected = len(set(stored) - expected) + len(set(returned) - expected)
    return RunResult(database.name, run, len(returned), out["seconds"], out["latencies"],
                     out["errors"], duplicates, missing, unexpected)


# --- Reporting ------------------------------------------------------------------------------


def print_run(result: RunResult) -> None:
    status = "OK" if result.ok else "LỖI"
    print(f"  {result.database:<10} lần {result.run}: {result.documents} văn bản phát hành "
          f"trong {result.seconds:.1f} s = {result.throughput:.1f} văn bản/s; độ trễ p50 "
          f"{result.latency(0.5):.0f} ms, p95 {result.latency(0.95):.0f} ms; trùng số "
          f"{result.duplicates}, thiếu số {result.missing}, số ngoài 1..N {result.unexpected}, "
          f"lỗi {result.errors or 0}; tải máy (1 phút) {result.load:.1f} [{status}]",
          flush=True)


def print_summary(results: list[RunResult], args: argparse.Namespace,
                  versions: dict[str, str], info: dict[str, str]) -> None:
    print_table(results, versions)
    print(f"\n{args.issuers} văn thư đồng thời × {args.per_issuer} văn bản = "
          f"{args.issuers * args.per_issuer} văn bản/lần.")
    print(f"Máy: {json.dumps(info, ensure_ascii=False)}")


# --- Entry point ----------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--issuers", type=int, default=16, help="văn thư phát hành đồng thời")
    parser.add_argument("--per-issuer", type=int, default=50, help="văn bản mỗi văn thư")
    parser.add_argument("--runs", type=int, default=3, help="lần chạy cho mỗi CSDL")
    parser.add_argument("--databases", default="sqlite,postgres",
                        help="sqlite, postgres hoặc cả hai, phân cách bằng dấu phẩy")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", DEFAULT_PG),
                        help="máy chủ PostgreSQL để tạo CSDL tạm (cần quyền CREATE DATABASE)")
    parser.add_argument("--quick", action="store_true", help="16 × 10 văn bản, 1 lần mỗi CSDL")
    parser.add_argument("--json", type=Path, help="ghi kết quả chi tiết ra tệp JSON")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.per_issuer, args.runs = 10, 1
    args.databases = [d.strip() for d in args.databases.split(",") if d.strip()]
    if unknown := set(args.databases) - {"sqlite", "postgres"}:
        parser.error(f"CSDL không hỗ trợ: {', '.join(sorted(unknown))}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        worker(args.issuers, args.per_issuer)
        return 0
    if "postgres" in args.databases and not postgres_reachable(args.pg_url):
        print(f"Không kết nối được PostgreSQL tại {args.pg_url}.", file=sys.stderr)
        return 2
    info, results, versions = machine(), [], {}
    scratch = Path(tempfile.mkdtemp(prefix="vanphong-bench-issue-"))
    try:
        for run in range(1, args.runs + 1):
            for kind in args.databases:
                folder = Path(tempfile.mkdtemp(prefix=f"{kind}-{run}-", dir=scratch))
                database = SQLite(folder) if kind == "sqlite" else PostgreSQL(folder, args.pg_url)
                versions.setdefault(database.name, database.version())
                results.append(run_once(database, args, run))
                print_run(results[-1])
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print_summary(results, args, versions, info)
    if args.json:
        args.json.write_text(json.dumps({
            "machine": info, "versions": versions, "issuers": args.issuers,
            "per_issuer": args.per_issuer, "summary": summary(results),
            "runs": [{**{k: v for k, v in dataclasses.asdict(r).items() if k != "latencies"},
                      "throughput": r.throughput, "p50_ms": r.latency(0.5),
                      "p95_ms": r.latency(0.95)} for r in results],
        }, ensure_ascii=False, indent=2))
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
