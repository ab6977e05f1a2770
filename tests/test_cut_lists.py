"""A list cut short says so and links to all of it ("Hiển thị 2/3 — Xem tất cả"), as
"Việc của tôi" does: the outgoing list page's own queues and the records search."""

from __future__ import annotations

import re

from tests.test_outgoing_flow import draft
from tests.test_records import plan  # noqa: F401  (fixture: a file plan with two dossiers)
from vanphong.outgoing import queues
from vanphong.outgoing.actions import submit_outgoing
from vanphong.records import search_views

DOSSIER = re.compile(r'href="/ho-so/[0-9a-f-]{36}/"')


def _link(html: str, testid: str) -> str:
    block = re.search(rf'data-testid="{testid}".*?href="([^"]+)"', html, re.S)
    assert block, testid
    return block.group(1).replace("&amp;", "&")


def test_the_outgoing_page_queue_says_how_many_it_shows_and_links_to_all(
    cast, client_for, monkeypatch
):
    monkeypatch.setattr(queues, "LIMIT", 2)
    for n in range(3):
        submit_outgoing(actor=cast.chuyenvien,
                        document=draft(cast, subject=f"Tờ trình số {n + 1}"))
    client = client_for(cast.truongphong)  # the unit head reviews all three
    html = client.get("/van-ban-di/").content.decode()
    queue = html[html.index('data-testid="outgoing-queue-review"'):]
    assert "Hiển thị 2/3 — " in queue
    whole = client.get(_link(queue, "cut")).content.decode()
    assert all(f"Tờ trình số {n}" in whole for n in (1, 2, 3))


def test_a_queue_shown_whole_says_nothing_more(cast, client_for):
    submit_outgoing(actor=cast.chuyenvien, document=draft(cast, subject="Tờ trình"))
    html = client_for(cast.truongphong).get("/van-ban-di/").content.decode()
    assert 'data-testid="outgoing-queue-review"' in html and "Hiển thị" not in html


def test_the_records_search_says_how_many_it_shows_and_links_to_all(
    cast, plan, client_for, monkeypatch  # noqa: F811
):
    monkeypatch.setattr(search_views, "LIMIT", 1)
    client = client_for(cast.vanthu)
    html = client.get("/ho-so/tim/", {"nam": plan.year}).content.decode()
    assert "Hiển thị 1/2 hồ sơ — " in html
    assert len(DOSSIER.findall(html)) == 1
    whole = client.get("/ho-so/tim/" + _link(html, "cut-dossiers")).content.decode()
    assert len(DOSSIER.findall(whole)) == 2
    assert "Hiển thị" not in whole and f"nam={plan.year}" in _link(html, "cut-dossiers")
    nothing_cut = client.get("/ho-so/tim/", {"q": "bổ nhiệm"}).content.decode()
    assert "Hiển thị" not in nothing_cut
