#!/usr/bin/env python
"""Benchmark: search latency through the API at scale, against the raw engine.

Runs against the database and index the environment points at (DATABASE_URL,
VANPHONG_DATA_DIR, VANPHONG_SEARCH_DIR), loaded with `bench/search/load.py` and indexed
with `manage.py search_reindex` (`--build` does the indexing here and measures it).

For each query class of a fixed mix — selective terms, broad terms, number lookups,
unaccented words, phrases, filtered queries, facet queries — it asks `GET /api/v1/search`
(first page, 20 hits) as the office clerk and as an organization head, and asks the engine
the same request directly; it reports p50 and p95 of both and the overhead.

    .venv/bin/python bench/search_speed.py --build          # index, then measure
    .venv/bin/python bench/search_speed.py --repeat 30      # measure only
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vanphong.settings")
os.environ.setdefault("VANPHONG_TASKS", "immediate")
# It asks the API thousands of times a minute as one person: measure search, not the throttle.
os.environ.setdefault("VANPHONG_API_RATE", "1000000/min")

#: Common words of subjects (broad) and rare ones (selective) come from the data itself.
BROAD = ["ke hoach", "nam 2025", "cong tac", "thuc hien", "bao cao"]
UNACCENTED = ["chuyen doi so", "phong chong thien tai", "cai cach hanh chinh",
              "nong thon moi", "bao hiem xa hoi"]
PHRASES = ['"chuyển đổi số"', '"cải cách hành chính"', '"an ninh trật tự"', '"nông thôn mới"',
           '"thi đua khen thưởng"']


def _django() -> None:
    import django

    django.setup()


def _du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def build() -> dict[str, Any]:
    from django.conf import settings

    started = time.perf_counter()
    subprocess.run(  # noqa: S603 — our own command
        [sys.executable, str(ROOT / "manage.py"), "search_reindex", "--restart", "--batch",
         "2000"], check=True,
    )
    seconds = time.perf_counter() - started
    from vanphong.search.engine import engine

    documents = engine().count()
    return {
        "documents": documents,
        "seconds": round(seconds, 1),
        "documents_per_second": round(documents / seconds, 1),
        "index_bytes": _du(Path(settings.VANPHONG_SEARCH_DIR)),
    }


def _codes(count: int, rng: random.Random) -> list[str]:
    from vanphong.incoming.models import IncomingDocument

    total = IncomingDocument.objects.count()
    out = []
    for _ in range(count):
        row = IncomingDocument.objects.order_by("pk").values_list("code", flat=True)[
            rng.randrange(max(1, total))
        ]
        out.append(row)
    return out


def _rare_words(count: int, rng: random.Random) -> list[str]:
    """Five side-by-side words of one random subject, as a quoted phrase: few documents
    share it."""
    from vanphong.incoming.models import IncomingDocument

    total = IncomingDocument.objects.count()
    out = []
    for _ in range(count):
        subject = IncomingDocument.objects.order_by("pk").values_list("subject", flat=True)[
            rng.randrange(max(1, total))
        ]
        words = subject.split()
        start = rng.randrange(max(1, len(words) - 5))
        out.append('"' + " ".join(words[start:start + 5]) + '"')
    return out


def mix(repeat: int, seed: int) -> dict[str, list[dict[str, Any]]]:
    """Query class -> requests (API query parameters)."""
    rng = random.Random(seed)
    codes = _codes(repeat, rng)
    from vanphong.organizations.models import Organization

    orgs = list(Organization.objects.values_list("pk", flat=True))
    year_ago = (dt.date.today() - dt.timedelta(days=365)).isoformat()
    cycle = lambda items, i: items[i % len(items)]  # noqa: E731
    return {
        "selective": [{"q": w} for w in _rare_words(repeat, rng)],
        "words": [{"q": w.strip('"')} for w in _rare_words(repeat, rng)],
        "broad": [{"q": cycle(BROAD, i)} for i in range(repeat)],
        "number": [{"q": c} for c in codes],
        "number_loose": [{"q": c.split("-")[0].replace("/", " ")} for c in codes],
        "unaccented": [{"q": cycle(UNACCENTED, i)} for i in range(repeat)],
        "phrase": [{"q": cycle(PHRASES, i)} for i in range(repeat)],
        "filtered": [
            {"q": cycle(BROAD, i), "organization": rng.choice(orgs), "date_from": year_ago}
            for i in range(repeat)
        ],
        "by_date": [{"q": cycle(BROAD, i), "sort": "date"} for i in range(repeat)],
        "facets": [{"q": cycle(BROAD, i), "facets": "true"} for i in range(repeat)],
    }


def _percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50": round(statistics.median(ordered), 1), "p95": round(p95, 1),
            "max": round(ordered[-1], 1)}


def measure(user_name: str, requests: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    from django.test import Client

    from vanphong.api.models import ApiToken  # noqa: F401  (the token model exists)
    from vanphong.organizations.models import User
    from vanphong.search import service
    from vanphong.search.engine import Request, engine
    from vanphong.search.text import parse

    user = User.objects.get(username=user_name)
    token = _token(user)
    client = Client(headers={"Authorization": f"Bearer {token}"})
    results: dict[str, Any] = {}
    for name, queries in requests.items():
        api_ms, raw_ms, hits = [], [], []
        for params in queries:
            wanted = {"facets": "false", **params}
            started = time.perf_counter()
            response = client.get("/api/v1/search", wanted, HTTP_HOST="127.0.0.1")
            api_ms.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.content[:300]
            hits.append(response.json()["count"])
            scope = service.scope_for(user)
            filters = service._filters(  # the same request, straight to the engine
                service.Params(organizations=(params["organization"],))
                if "organization" in params else service.Params()
            )
            request = Request(
                query=parse(params["q"]), scope=scope, filters=filters,
                date_from=dt.date.fromisoformat(params["date_from"])
                if "date_from" in params else None,
                sort=params.get("sort", "relevance"), limit=20,
                facets=wanted["facets"] == "true",
            )
            started = time.perf_counter()
            engine().search(request)
            raw_ms.append((time.perf_counter() - started) * 1000)
        api, raw = _percentiles(api_ms), _percentiles(raw_ms)
        results[name] = {
            "api_ms": api, "engine_ms": raw,
            "overhead_p50_ms": round(api["p50"] - raw["p50"], 1),
            "hits_median": int(statistics.median(hits)), "hits_max": max(hits),
        }
        print(f"  {user_name:<10} {name:<13} API p50 {api['p50']:7.1f} p95 {api['p95']:7.1f} ms"
              f" | engine p50 {raw['p50']:6.1f} p95 {raw['p95']:6.1f} ms"
              f" | hits median {results[name]['hits_median']}", flush=True)
    return results


def _token(user: Any) -> str:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("issue_token", user.username, stdout=out)
    return out.getvalue().strip().split()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="reindex first and measure it")
    parser.add_argument("--repeat", type=int, default=30, help="queries per class")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--users", default="vanthu,bithu")
    parser.add_argument("--out", help="write the results (JSON) here")
    args = parser.parse_args()
    _django()
    from django.conf import settings
    from django.db import connection

    report: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "machine": f"{platform.node()} {os.cpu_count()} CPU",
        "database": connection.vendor,
    }
    if args.build:
        report["build"] = build()
        print("build:", report["build"], flush=True)
    from vanphong.incoming.models import IncomingDocument
    from vanphong.outgoing.models import OutgoingDocument

    report["documents"] = IncomingDocument.objects.count() + OutgoingDocument.objects.count()
    report["index_bytes"] = _du(Path(settings.VANPHONG_SEARCH_DIR))
    requests = mix(args.repeat, args.seed)
    for user in args.users.split(","):
        measure(user, {k: v[:2] for k, v in requests.items()})  # warm the caches
        report[user] = measure(user, requests)
    report["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    text = json.dumps(report, ensure_ascii=False, indent=1)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
