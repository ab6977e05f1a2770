#!/usr/bin/env python
"""Benchmark: concurrent clients register incoming documents into one register
through the HTTP API of the real server, on SQLite and on PostgreSQL.

Each run starts from a fresh database (a temporary SQLite file, or a newly created
PostgreSQL database), migrates it, loads the demo organization chart with
`build_office`, issues a token with `manage.py issue_token`, starts gunicorn with the
flags of scripts/serve.sh, and lets the clients register documents into UBND's
incoming register. It then reads the arrival numbers straight from the database and
checks there is no duplicate and no missing number. Runs of the two databases are
interleaved so that both see the same machine conditions.

    .venv/bin/python bench/register_concurrency.py              # 10,000 docs, 3 runs each
    .venv/bin/python bench/register_concurrency.py --quick      # 500 docs, 1 run each
    .venv/bin/python bench/register_concurrency.py --databases sqlite --documents 2000
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import itertools
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/postgres"
NUMBERS_SQL = """
    SELECT d.arrival_number FROM incoming_incomingdocument d
    JOIN registers_register r ON r.id = d.register_id
    JOIN organizations_organization o ON o.id = r.organization_id
    WHERE o.short_name = 'UBND' AND r.kind = 'incoming'
"""
ISSUERS = ["UBND tỉnh Lâm Đồng", "Sở Tài chính", "Sở Nội vụ", "Tỉnh ủy Lâm Đồng",
           "Sở Giáo dục và Đào tạo", "Bảo hiểm xã hội tỉnh"]


@dataclasses.dataclass
class RunResult:
    database: str
    run: int
    documents: int
    seconds: float
    latencies: list[float]
    finished: list[float]
    errors: dict[int, int]
    duplicates: int
    missing: int
    unexpected: int
    load: float = dataclasses.field(default_factory=lambda: os.getloadavg()[0])

    @property
    def throughput(self) -> float:
        return self.documents / self.seconds

    def tenth_rate(self, last: bool) -> float:
        """Throughput over the first (or last) tenth of the documents: shows whether the
        service slows down as the register grows."""
        ends = sorted(self.finished)
        k = max(1, len(ends) // 10)
        if len(ends) <= k:
            return self.throughput
        span = ends[-1] - ends[-k - 1] if last else ends[k - 1]
        return k / span if span > 0 else float("nan")

    def latency(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000

    @property
    def ok(self) -> bool:
        return not (self.errors or self.duplicates or self.missing or self.unexpected)


# --- Databases ---------------------------------------------------------------------------


class Database:
    """A fresh database for one run; `url` goes to DATABASE_URL (None = SQLite default)."""

    name = "?"

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir

    @property
    def url(self) -> str | None:
        return None

    def create(self) -> None: ...

    def drop(self) -> None: ...

    def numbers(self) -> list[int]:
        raise NotImplementedError

    def version(self) -> str:
        raise NotImplementedError


class SQLite(Database):
    name = "SQLite"

    def numbers(self) -> list[int]:
        with contextlib.closing(sqlite3.connect(self.data_dir / "vanphong.sqlite3")) as db:
            return [row[0] for row in db.execute(NUMBERS_SQL)]

    def version(self) -> str:
        return sqlite3.sqlite_version


class PostgreSQL(Database):
    name = "PostgreSQL"

    def __init__(self, data_dir: Path, admin_url: str) -> None:
        super().__init__(data_dir)
        self.admin_url = admin_url
        self.db_name = f"vanphong_bench_{os.getpid()}_{secrets.token_hex(3)}"

    @property
    def url(self) -> str:
        parts = urlsplit(self.admin_url)
        return urlunsplit(parts._replace(path="/" + self.db_name))

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(_libpq(self.admin_url), autocommit=True) as db:
            db.execute(sql)  # type: ignore[arg-type]

    def create(self) -> None:
        self._admin(f'CREATE DATABASE "{self.db_name}"')

    def drop(self) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')

    def numbers(self) -> list[int]:
        import psycopg

        with psycopg.connect(_libpq(self.url)) as db:
            return [row[0] for row in db.execute(NUMBERS_SQL)]

    def version(self) -> str:
        import psycopg

        with psycopg.connect(_libpq(self.admin_url)) as db:
            row = db.execute("SHOW server_version").fetchone()
            return str(row[0]) if row else "?"


def _libpq(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


def postgres_reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 5432), 2).close()
    except OSError:
        return False
    return True


# --- The server --------------------------------------------------------------------------


def _environment(database: Database) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(VANPHONG_DATA_DIR=str(database.data_dir), VANPHONG_SECRET_KEY=secrets.token_hex(32),
               VANPHONG_DEBUG="0", VANPHONG_LOG_LEVEL="WARNING",
               # One clerk's token sends thousands of registrations a minute here: the
               # API's per-person limit (600/min by default) would measure the throttle.
               VANPHONG_API_RATE="1000000/min")
    if database.url:
        env["DATABASE_URL"] = database.url
    return env


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(  # noqa: S603 — our own manage.py with fixed arguments
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def prepare(env: dict[str, str]) -> str:
    """Migrate, load the organization chart, and return a clerk's API token."""
    # --skip-checks: the data checks of vanphong/checks.py query tables migrate creates
    manage(env, "migrate", "--noinput", "-v", "0", "--skip-checks")
    manage(env, "shell", "-c", "from vanphong.demo.orgchart import build_office; build_office()")
    return manage(env, "issue_token", "vanthu", "--name", "benchmark").strip()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def server(env: dict[str, str], workers: int, threads: int, log: Path) -> Iterator[str]:
    """gunicorn with the flags of scripts/serve.sh, stopped (with its workers) on exit."""
    port = free_port()
    command = [GUNICORN, "vanphong.wsgi", "--bind", f"127.0.0.1:{port}", "--workers",
               str(workers), "--threads", str(threads), "--timeout", "120",
               "--access-logfile", "-", "--log-level", "warning"]
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out,  # noqa: S603
                                   stderr=subprocess.STDOUT)
        try:
            base_url = f"http://127.0.0.1:{port}"
            _wait_until_up(base_url, process)
            yield base_url
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_up(base_url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited during start-up; see its log")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base_url}/api/v1/openapi.json", timeout=2).status_code == 200:
                return
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within 60 s")


# --- The clients -------------------------------------------------------------------------


def _document(n: int, run_tag: str, organization_id: int, issued: str) -> dict[str, Any]:
    return {
        "organization_ids": [organization_id], "issuer": ISSUERS[n % len(ISSUERS)],
        "code": f"{n}/{run_tag}", "issued_date": issued, "has_paper_original": True,
        "subject": f"Về việc triển khai nhiệm vụ số {n} (văn bản thử tải)",
        "urgency": n % 4, "channel": "paper",
    }


@dataclasses.dataclass
class Load:
    base_url: str
    token: str
    organization_id: int
    documents: int
    clients: int
    run_tag: str


def _client(load: Load, counter: Iterator[int], lock: threading.Lock, start: threading.Barrier,
            out: dict[str, Any]) -> None:
    issued = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    headers = {"Authorization": f"Bearer {load.token}"}
    with httpx.Client(base_url=f"{load.base_url}/api/v1", headers=headers, timeout=120) as http:
        start.wait()
        while True:
            with lock:
                n = next(counter)
            if n > load.documents:
                return
            began = time.perf_counter()
            response = http.post("/incoming", json=_document(
                n, load.run_tag, load.organization_id, issued))
            ended = time.perf_counter()
            with lock:
                out["latencies"].append(ended - began)
                out["finished"].append(ended - out["t0"])
                out["statuses"].append(response.status_code)
                if response.status_code == 201:
                    out["numbers"].append(response.json()["documents"][0]["arrival_number"])


def drive(load: Load) -> tuple[float, dict[str, Any]]:
    """Run the clients; returns the wall time from the common start to the last answer."""
    counter, lock = itertools.count(1), threading.Lock()
    start = threading.Barrier(load.clients + 1, action=lambda: out.update(t0=time.perf_counter()))
    out: dict[str, Any] = {"latencies": [], "finished": [], "statuses": [], "numbers": []}
    threads = [threading.Thread(target=_client, args=(load, counter, lock, start, out))
               for _ in range(load.clients)]
    for thread in threads:
        thread.start()
    start.wait()
    for thread in threads:
        thread.join()
    return time.perf_counter() - out["t0"], out


def _organization_id(base_url: str, token: str, short_name: str) -> int:
    response = httpx.get(f"{base_url}/api/v1/organizations", timeout=30,
                         headers={"Authorization": f"Bearer {token}"})
    response.raise_for_status()
    return next(o["id"] for o in response.json() if o["short_name"] == short_name)


def _warm_up(base_url: str, token: str, requests: int) -> None:
    """Let every gunicorn worker load the application before the clock starts."""
    with httpx.Client(headers={"Authorization": f"Bearer {token}"}, timeout=60) as http:
        for _ in range(requests):
            http.get(f"{base_url}/api/v1/registers").raise_for_status()


# --- One run -----------------------------------------------------------------------------


def run_once(database: Database, args: argparse.Namespace, run: int) -> RunResult:
    env = _environment(database)
    database.create()
    try:
        token = prepare(env)
        with server(env, args.workers, args.threads, database.data_dir / "gunicorn.log") as url:
            _warm_up(url, token, args.workers * args.threads * 2)
            load = Load(url, token, _organization_id(url, token, "UBND"), args.documents,
                        args.clients, f"BENCH{run}-{database.name[:2].upper()}")
            seconds, out = drive(load)
        return _verify(database, run, seconds, out)
    finally:
        database.drop()


def _verify(database: Database, run: int, seconds: float, out: dict[str, Any]) -> RunResult:
    """Compare the numbers in the database with 1..N, N = the registrations answered 201.
    `unexpected` counts numbers outside 1..N (a gap further up, or a document stored
    although its client was told it failed)."""
    stored, accepted = database.numbers(), out["numbers"]
    errors: dict[int, int] = {}
    for status in out["statuses"]:
        if status != 201:
            errors[status] = errors.get(status, 0) + 1
    expected = set(range(1, len(accepted) + 1))
    duplicates = len(stored) - len(set(stored)) + len(accepted) - len(set(accepted))
    missing = len(expected - set(stored))
    unexpected = len(set(stored) - expected) + len(set(accepted) - expected)
    return RunResult(database.name, run, len(accepted), seconds, out["latencies"],
                     out["finished"], errors, duplicates, missing, unexpected)


# --- Reporting ---------------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "?"
    with contextlib.suppress(OSError, ValueError, IndexError):
        kb = int(Path("/proc/meminfo").read_text().split("\n")[0].split()[1])
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    return {"date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "nproc": str(os.cpu_count()), "memory": memory, "cpu": cpu,
            "python": platform.python_version(),
            "load_before": " ".join(f"{x:.2f}" for x in os.getloadavg())}


def print_run(result: RunResult) -> None:
    status = "OK" if result.ok else "LỖI"
    print(f"  {result.database:<10} lần {result.run}: {result.documents} văn bản trong "
          f"{result.seconds:.1f} s = {result.throughput:.1f} văn bản/s (10% đầu "
          f"{result.tenth_rate(False):.1f}, 10% cuối {result.tenth_rate(True):.1f}); độ trễ p50 "
          f"{result.latency(0.5):.0f} ms, p95 {result.latency(0.95):.0f} ms; trùng số "
          f"{result.duplicates}, thiếu số {result.missing}, số ngoài 1..N {result.unexpected}, "
          f"lỗi HTTP {result.errors or 0}; tải máy (1 phút) {result.load:.1f} [{status}]",
          flush=True)


def summary(results: list[RunResult]) -> dict[str, dict[str, float]]:
    table: dict[str, dict[str, float]] = {}
    for name in dict.fromkeys(r.database for r in results):
        rates = [r.throughput for r in results if r.database == name]
        table[name] = {"median": statistics.median(rates), "min": min(rates), "max": max(rates),
                       "runs": len(rates),
                       "p95_ms": statistics.median(
                           r.latency(0.95) for r in results if r.database == name)}
    return table


def print_table(results: list[RunResult], versions: dict[str, str]) -> None:
    """The Markdown table of docs/benchmarks.md, and the PostgreSQL/SQLite ratio."""
    table = summary(results)
    print("\n| CSDL | Số lần chạy | Trung vị (văn bản/s) | Thấp nhất – cao nhất | p95 (ms) |")
    print("|---|---|---|---|---|")
    for name, row in table.items():
        print(f"| {name} {versions.get(name, '')} | {row['runs']:.0f} | {row['median']:.1f} | "
              f"{row['min']:.1f} – {row['max']:.1f} | {row['p95_ms']:.0f} |")
    if "SQLite" in table and "PostgreSQL" in table:
        ratio = table["PostgreSQL"]["median"] / table["SQLite"]["median"]
        print(f"\nTỉ lệ PostgreSQL/SQLite (trung vị): {ratio:.2f}")


def print_summary(results: list[RunResult], info: dict[str, str], args: argparse.Namespace,
                  versions: dict[str, str]) -> None:
    print_table(results, versions)
    print(f"\n{args.documents} văn bản/lần, {args.clients} client đồng thời, gunicorn "
          f"{args.workers} worker × {args.threads} luồng.")
    print(f"Máy: {json.dumps(info, ensure_ascii=False)}")


# --- Entry point -------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--runs", type=int, default=3, help="lần chạy cho mỗi CSDL")
    parser.add_argument("--databases", default="sqlite,postgres",
                        help="sqlite, postgres hoặc cả hai, phân cách bằng dấu phẩy")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", DEFAULT_PG),
                        help="máy chủ PostgreSQL để tạo CSDL tạm (cần quyền CREATE DATABASE)")
    parser.add_argument("--workers", type=int,
                        default=int(os.environ.get("VANPHONG_WEB_WORKERS", "2")))
    parser.add_argument("--threads", type=int,
                        default=int(os.environ.get("VANPHONG_WEB_THREADS", "4")))
    parser.add_argument("--quick", action="store_true", help="500 văn bản, 1 lần mỗi CSDL")
    parser.add_argument("--json", type=Path, help="ghi kết quả chi tiết ra tệp JSON")
    args = parser.parse_args(argv)
    if args.quick:
        args.documents, args.runs = 500, 1
    args.databases = [d.strip() for d in args.databases.split(",") if d.strip()]
    if unknown := set(args.databases) - {"sqlite", "postgres"}:
        parser.error(f"CSDL không hỗ trợ: {', '.join(sorted(unknown))}")
    return args


def _databases(args: argparse.Namespace, scratch: Path, run: int) -> list[Database]:
    found: list[Database] = []
    for kind in args.databases:
        folder = Path(tempfile.mkdtemp(prefix=f"{kind}-{run}-", dir=scratch))
        found.append(SQLite(folder) if kind == "sqlite" else PostgreSQL(folder, args.pg_url))
    return found


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if "postgres" in args.databases and not postgres_reachable(args.pg_url):
        print(f"Không kết nối được PostgreSQL tại {args.pg_url}.", file=sys.stderr)
        return 2
    info, results = machine(), []
    scratch = Path(tempfile.mkdtemp(prefix="vanphong-bench-"))
    versions: dict[str, str] = {}
    try:
        for run in range(1, args.runs + 1):
            for database in _databases(args, scratch, run):
                versions.setdefault(database.name, database.version())
                results.append(run_once(database, args, run))
                print_run(results[-1])
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print_summary(results, info, args, versions)
    if args.json:
        args.json.write_text(json.dumps({
            "machine": info, "versions": versions, "documents": args.documents,
            "clients": args.clients, "workers": args.workers, "threads": args.threads,
            "summary": summary(results),
            "runs": [{**{k: v for k, v in dataclasses.asdict(r).items()
                         if k not in {"latencies", "finished"}},
                      "throughput": r.throughput, "first_tenth": r.tenth_rate(False),
                      "last_tenth": r.tenth_rate(True), "p50_ms": r.latency(0.5),
                      "p95_ms": r.latency(0.95)} for r in results],
        }, ensure_ascii=False, indent=2))
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
