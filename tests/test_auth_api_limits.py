"""API request limits (issue 18 §2.4): per person with a valid token, per address
without one (so tokens cannot be guessed at speed); 429 in the API's error shape with
Retry-After."""

from __future__ import annotations

import pytest
from django.test import Client

from vanphong.api.actions import issue_token

API = "/api/v1/organizations"


@pytest.fixture
def low_rates(settings):
    settings.VANPHONG_API_RATES = {"user": "5/min", "anonymous": "3/min"}


def bearer(token: str, address: str = "192.0.2.10") -> Client:
    return Client(headers={"Authorization": f"Bearer {token}"}, REMOTE_ADDR=address)


def assert_throttled(response) -> None:
    assert response.status_code == 429
    body = response.json()
    assert body["error"]["code"] == "throttled"
    assert body["error"]["message"].startswith("Quá nhiều yêu cầu; hãy thử lại sau")
    wait = int(response["Retry-After"])
    assert 1 <= wait <= 60
    assert body["error"]["retry_after"] == wait


def test_a_person_over_the_rate_gets_429_with_retry_after(cast, low_rates):
    _, token = issue_token(actor=None, user=cast.vanthu, name="máy quét")
    client = bearer(token)
    assert [client.get(API).status_code for _ in range(5)] == [200] * 5
    assert_throttled(client.get(API))
    # The limit is the person's: another person's token is not slowed down.
    _, other = issue_token(actor=None, user=cast.chuyenvien, name="")
    assert bearer(other).get(API).status_code == 200


def test_the_persons_limit_counts_all_their_tokens(cast, low_rates):
    _, first = issue_token(actor=None, user=cast.vanthu, name="một")
    _, second = issue_token(actor=None, user=cast.vanthu, name="hai")
    for _ in range(5):
        bearer(first).get(API)
    assert_throttled(bearer(second, address="198.51.100.4").get(API))


def test_guessing_tokens_from_one_address_is_stopped(cast, low_rates):
    _, token = issue_token(actor=None, user=cast.vanthu, name="")
    statuses = [bearer(f"vp_guess{n}").get(API).status_code for n in range(3)]
    assert statuses == [401, 401, 401]
    assert_throttled(bearer("vp_guess4").get(API))
    # While the address is refused, even a real token from it waits (it is not looked up).
    assert_throttled(bearer(token).get(API))
    assert bearer(token, address="198.51.100.5").get(API).status_code == 200


def test_requests_without_any_token_count_too(cast, low_rates):
    client = Client(REMOTE_ADDR="192.0.2.30")
    assert [client.get(API).status_code for _ in range(3)] == [401] * 3
    assert_throttled(client.get(API))


def test_default_rates_leave_ordinary_use_alone(cast):
    _, token = issue_token(actor=None, user=cast.vanthu, name="")
    client = bearer(token)
    assert all(client.get(API).status_code == 200 for _ in range(40))
