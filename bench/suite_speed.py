#!/usr/bin/env python
"""Benchmark: what the restored cast saves the test suite.

Runs a fixed subset of tests that use the `cast` fixture (the demo office) with
`VANPHONG_TEST_CAST=build` (`build_office()` in every test, the old way) and with
`VANPHONG_TEST_CAST=restore` (built once per process, its rows restored in every test), on
SQLite and on PostgreSQL, several runs each, alternating (build, restore, build, ...) so both
see the same machine conditions. Each run is one pytest process without workers; the test
database is created by an untimed warm-up run and kept (`--reuse-db`), so a run measures the
tests, not migrations. Reported per run, from pytest's `--durations`: the tests' set-up time
(where the cast is made) and their whole time (set-up, call, tear-down); and the CPU time of
the pytest process (start-up and collection included), which a busy machine disturbs less
than wall time.

    .venv/bin/python bench/suite_speed.py                       # 5 runs per mode and database
    .venv/bin/python bench/suite_speed.py --databases sqlite --runs 3
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ["tests/test_incoming_permissions.py", "tests/test_menu_gatekeepers.py"]
MODES = ("build", "restore")
DEFAULT_PG = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/wt_suite")


@dataclasses.dataclass
class Run:
    setup: float  # seconds in the tests' set-up phase (fixtures: the cast)
    tests: float  # set-up + call + tear-down of every test
    cpu: float  # user + system CPU seconds of the pytest process
    wall: float
    count: int


DURATION = re.compile(r"^([0-9.]+)s (setup|call|teardown) +(\S.*)$", re.MULTILINE)


def run_tests(environment: dict[str, str], tests: list[str]) -> Run:
    """One pytest process, its phase times read from `--durations`."""
    command = [sys.executable, "-m", "pytest", *tests, "-q", "-n", "0", "--reuse-db",
               "--durations=0", "--durations-min=0"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True,  # noqa: S603
                          text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"pytest failed ({environment.get('VANPHONG_TEST_CAST')}):\n"
                 f"{done.stdout[-3000:]}")
    phases = DURATION.findall(done.stdout)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(setup=sum(float(t) for t, phase, _ in phases if phase == "setup"),
               tests=sum(float(t) for t, _, _ in phases), cpu=cpu, wall=wall,
               count=sum(1 for _, phase, _ in phases if phase == "call"))


def environment_for(database: str, pg_url: str, data_dir: Path) -> dict[str, str]:
    environment = {**os.environ, "VANPHONG_DATA_DIR": str(data_dir)}
    environment.pop("DATABASE_URL", None)
    if database == "postgres":
        environment["DATABASE_URL"] = pg_url
    return environment


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def measure(database: str, args: argparse.Namespace, folder: Path) -> dict[str, list[Run]]:
    base = environment_for(database, args.pg_url, folder / database)
    (folder / database).mkdir()
    # Warm-up, untimed: creates and migrates the kept test database.
    run_tests({**base, "VANPHONG_TEST_CAST": "restore"}, args.tests)
    results: dict[str, list[Run]] = {mode: [] for mode in MODES}
    for number in range(args.runs):
        for mode in MODES:
            run = run_tests({**base, "VANPHONG_TEST_CAST": mode}, args.tests)
            results[mode].append(run)
            print(f"{database} run {number + 1} {mode:7}: set-up {run.setup:6.2f} s, tests "
                  f"{run.tests:6.2f} s, CPU {run.cpu:6.2f} s, wall {run.wall:6.2f} s, "
                  f"{run.count} tests, load {os.getloadavg()[0]:.1f}", file=sys.stderr)
    return results


def report(database: str, results: dict[str, list[Run]]) -> None:
    build, restore = results["build"], results["restore"]
    print(f"{database}: {build[0].count} tests, {len(build)} runs per mode (median, min–max)")
    for field in ("setup", "tests", "cpu", "wall"):
        b = [getattr(r, field) for r in build]
        r = [getattr(r, field) for r in restore]
        ratio = statistics.median(b) / statistics.median(r)
        print(f"  {field:5}: build {spread(b)} s, restore {spread(r)} s, "
              f"build/restore {ratio:.2f}")


def drop_kept_database(pg_url: str) -> None:
    """`--reuse-db` keeps PostgreSQL's test database: drop it, as a normal run would."""
    code = ("from django.db import connection; creation = connection.creation; "
            "creation._destroy_test_db(creation._get_test_db_name(), verbosity=0)")
    environment = {**os.environ, "DATABASE_URL": pg_url,
                   "DJANGO_SETTINGS_MODULE": "vanphong.settings"}
    subprocess.run([sys.executable, "-c", f"import django; django.setup(); {code}"],  # noqa: S603
                   cwd=ROOT, env=environment, check=False, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per mode and database")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--pg-url", default=DEFAULT_PG)
    parser.add_argument("--tests", nargs="+", default=TESTS)
    args = parser.parse_args()
    print(f"Machine: {platform.node()} {os.cpu_count()} CPU, Python "
          f"{platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M')}, "
          f"load before {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="vp-suite-bench-") as name:
        for database in args.databases.split(","):
            try:
                results = measure(database, args, Path(name))
            finally:
                if database == "postgres":
                    drop_kept_database(args.pg_url)
            report(database, results)


if __name__ == "__main__":
    main()
