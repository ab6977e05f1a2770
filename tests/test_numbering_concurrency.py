"""Arrival numbers under real concurrency: 16 clients register at the same moment
through the HTTP API of a live server (one thread per request on the server side, a
real database connection each), and the register must hold exactly 1..N, with no
duplicate and no gap, also when some registrations fail half-way through their
transaction. Runs on SQLite and on PostgreSQL alike."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from vanphong import clock
from vanphong.api.actions import issue_token
from vanphong.incoming.models import IncomingDocument, Receipt
from vanphong.registers.models import Counter, RegisterKind

pytestmark = pytest.mark.concurrency


@pytest.fixture(autouse=True)
def _tasks_queued_as_served(settings):
    """As served, a registration queues its background work (search indexing…) in the
    database for the worker; run immediately inside 128 concurrent requests, the index's
    single writer made them wait on one another for minutes on a loaded machine."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

CLIENTS = 16
PER_CLIENT = 8


def _body(cast, n: int, **extra: Any) -> dict[str, Any]:
    return {
        "organization_ids": [cast.orgs["UBND"].pk], "issuer": "Sở Tài chính",
        "code": f"{n}/STC-NS", "subject": f"Về việc phân bổ dự toán, đợt {n}",
        "issued_date": (clock.today() - dt.timedelta(days=1)).isoformat(),
        "has_paper_original": True, **extra,
    }


def _run_clients(
    base_url: str, tokens: list[str], request_for: Callable[[int, int], dict[str, Any]]
) -> list[tuple[dict[str, Any], httpx.Response]]:
    """Each client waits at the barrier, then sends its PER_CLIENT registrations."""
    start = threading.Barrier(CLIENTS)
    results: list[tuple[dict[str, Any], httpx.Response]] = []
    lock = threading.Lock()
    failures: list[BaseException] = []

    def client(index: int) -> None:
        try:
            with httpx.Client(base_url=f"{base_url}/api/v1", timeout=120, headers={
                    "Authorization": f"Bearer {tokens[index % len(tokens)]}"}) as http:
                start.wait()
                for k in range(PER_CLIENT):
                    body = request_for(index, k)
                    response = http.post("/incoming", json=body)
                    with lock:
                        results.append((body, response))
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures
    return results


def _numbers(register) -> list[int]:
    return sorted(IncomingDocument.objects.filter(register=register)
                  .values_list("arrival_number", flat=True))


@pytest.mark.slow
def test_sixteen_clients_get_gap_free_unique_numbers(cast, live_server):
    tokens = [issue_token(actor=None, user=u, name="đồng thời")[1]
              for u in (cast.vanthu, cast.vanthu2)]
    results = _run_clients(live_server.url, tokens,
                           lambda i, k: _body(cast, i * PER_CLIENT + k + 1))
    assert [r.status_code for _, r in results] == [201] * CLIENTS * PER_CLIENT, [
        r.text for _, r in results if r.status_code != 201][:3]
    total = CLIENTS * PER_CLIENT
    answered = sorted(r.json()["documents"][0]["arrival_number"] for _, r in results)
    register = cast.register("UBND")
    assert answered == list(range(1, total + 1))
    assert _numbers(register) == list(range(1, total + 1))
    assert Counter.objects.get(register=register).last_number == total


def test_registrations_failing_mid_transaction_leave_no_gap(cast, live_server):
    """Every third request registers for UBND and MTTQ but names MTTQ's *outgoing*
    register: UBND (the lower id, numbered first) takes its number inside the
    transaction, then MTTQ's register is refused and everything rolls back."""
    ubnd, mttq = cast.orgs["UBND"], cast.orgs["MTTQ"]
    assert ubnd.pk < mttq.pk  # organizations are numbered in id order
    wrong = cast.register("MTTQ", RegisterKind.OUTGOING).pk
    token = issue_token(actor=None, user=cast.vanthu, name="đồng thời")[1]

    def request_for(i: int, k: int) -> dict[str, Any]:
        n = i * PER_CLIENT + k + 1
        if n % 3:
            return _body(cast, n)
        return _body(cast, n, organization_ids=[ubnd.pk, mttq.pk], register_ids=[wrong])

    results = _run_clients(live_server.url, [token], request_for)
    refused = [r for _, r in results if r.status_code == 422]
    accepted = [r for _, r in results if r.status_code == 201]
    assert len(refused) == CLIENTS * PER_CLIENT // 3
    assert len(accepted) + len(refused) == len(results)
    assert all(r.json()["error"]["code"] == "invalid" for r in refused)
    good = len(accepted)
    assert _numbers(cast.register("UBND")) == list(range(1, good + 1))
    assert sorted(r.json()["documents"][0]["arrival_number"] for r in accepted) == list(
        range(1, good + 1))
    assert not IncomingDocument.objects.filter(organization=mttq).exists()
    assert Receipt.objects.count() == good  # the failed receipts rolled back too
    assert Counter.objects.get(register=cast.register("UBND")).last_number == good
