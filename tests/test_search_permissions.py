"""Search shows nobody a hit, a snippet or a count for a document they may not open: the
matrix of the demo cast × documents of every kind of visibility, against the pages' rules."""

from __future__ import annotations

import pytest

from tests.test_incoming_permissions import EVERYONE, _assigned, _register
from tests.test_outgoing_flow import draft, issued
from vanphong.incoming import actions
from vanphong.incoming.access import incoming_visibility, visible_incoming
from vanphong.incoming.models import IncomingDocument
from vanphong.outgoing.access import outgoing_visibility, visible_outgoing
from vanphong.outgoing.actions import submit_outgoing
from vanphong.outgoing.models import OutgoingDocument
from vanphong.registers.models import Secrecy
from vanphong.search import outbox
from vanphong.search.documents import entries_for
from vanphong.search.service import Params, scope_for, search
from vanphong.visibility import Visibility

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents(cast):
    """One of each: ordinary UBND and ĐU documents, one assigned to people, one to a unit,
    a secret one shared with one person, a draft, one under review, an issued document and
    a secret issued one."""
    made = {
        "ubnd": _register(cast, subject="Về việc kiểm tra chéo sổ sách"),
        "du": _register(cast, org="ĐU", subject="Về việc kiểm tra đảng viên"),
        "assigned": _assigned(cast, subject="Về việc kiểm tra an toàn thực phẩm"),
        "secret": _register(cast, secrecy=Secrecy.SECRET, subject="Về việc kiểm tra mật"),
        "draft": draft(cast, subject="Dự thảo kiểm tra nội bộ"),
        "issued": issued(cast, draft(cast, subject="Quyết định kiểm tra công vụ")),
        "secret_out": issued(
            cast, draft(cast, subject="Quyết định kiểm tra tuyệt mật", secrecy=Secrecy.SECRET)
        ),
    }
    actions.share_secret(actor=cast.vanthu, document=made["secret"], readers=[cast.phochutich])
    made["unit"] = _register(cast, subject="Về việc kiểm tra kinh tế")
    actions.route_incoming(actor=cast.vanthu, document=made["unit"], leaders=[cast.phochutich])
    actions.instruct_incoming(
        actor=cast.phochutich,
        document=made["unit"],
        handlers=actions.Handlers(lead_unit=cast.units["KT"]),
    )
    made["reviewing"] = draft(cast, subject="Dự thảo kiểm tra đang xem xét", unit=None)
    submit_outgoing(actor=cast.chuyenvien, document=made["reviewing"])
    outbox.drain()
    return made


def _allowed(user) -> set[str]:
    incoming = {f"incoming:{pk}" for pk in visible_incoming(user).values_list("pk", flat=True)}
    outgoing = {f"outgoing:{pk}" for pk in visible_outgoing(user).values_list("pk", flat=True)}
    return incoming | outgoing


# The matrix tests go through the whole cast in one test: the documents take a second or
# two to make (drafts, Word files, issuing) and searching does not change them.


def _everyone_wrong(cast, check) -> dict[str, list[str]]:
    """`check(user)` for every member of the cast: who got which answers wrong."""
    wrong = {who: check(getattr(cast, who)) for who in EVERYONE}
    return {who: problems for who, problems in wrong.items() if problems}


def test_hits_and_facet_counts_follow_the_pages_rules(cast, documents):
    def check(user) -> list[str]:
        results = search(user, Params(text="kiem tra", per_page=50))
        shown = {f"{f.kind}:{f.document.pk}" for f in results.items}
        expected = {f"{k}:{d.pk}" for k, d in _keyed(documents)} & _allowed(user)
        problems = [] if shown == expected else [f"hits {sorted(shown)} ≠ {sorted(expected)}"]
        if results.total != len(expected):  # the count leaks nothing either
            problems.append(f"total {results.total} ≠ {len(expected)}")
        for facet, buckets in results.facets.items():
            if sum(count for _, _, count in buckets) > len(expected):
                problems.append(f"facet {facet}: {buckets}")
        kinds = {value: count for value, _, count in results.facets.get("kind", [])}
        if sum(kinds.values()) != len(expected):
            problems.append(f"kinds {kinds}")
        return problems

    assert _everyone_wrong(cast, check) == {}


def test_a_secret_word_finds_nothing_for_those_not_named(cast, documents, client_for):
    for who in EVERYONE:
        user = getattr(cast, who)
        results = search(user, Params(text="kiem tra mat"))
        sees = f"incoming:{documents['secret'].pk}" in _allowed(user)
        found = {f.document.pk for f in results.items}
        assert (documents["secret"].pk in found) == sees, who
        body = client_for(user).get("/tim-kiem/", {"q": "kiem tra mat"}).content.decode()
        assert (f'data-doc="{documents["secret"].pk}"' in body) == sees, who
        assert ("<mark>kiểm tra mật</mark>" in body) == sees, who


def _keyed(documents):
    for document in documents.values():
        kind = "outgoing" if isinstance(document, OutgoingDocument) else "incoming"
        yield kind, document


def test_the_check_of_loaded_hits_is_the_pages_rule(cast, documents):
    """Search checks its hits on the loaded rows (clauses on their fields, named parts by
    primary key): the same documents as the pages' querysets, for every member of the cast."""
    incoming = list(IncomingDocument.objects.all())
    outgoing = list(OutgoingDocument.objects.all())

    def check(user) -> list[str]:
        problems = []
        admitted = incoming_visibility(user).admitted(incoming, IncomingDocument.objects.all())
        if admitted != set(visible_incoming(user).values_list("pk", flat=True)):
            problems.append(f"incoming {sorted(admitted)}")
        admitted = outgoing_visibility(user).admitted(outgoing, OutgoingDocument.objects.all())
        if admitted != set(visible_outgoing(user).values_list("pk", flat=True)):
            problems.append(f"outgoing {sorted(admitted)}")
        return problems

    assert _everyone_wrong(cast, check) == {}


def test_a_clause_over_fields_not_declared_for_the_index_is_refused():
    """The index stores one access token per declared shape: a rule combining other fields
    could never match there, so it is refused at once rather than hiding documents."""
    with pytest.raises(ValueError, match="undeclared"):
        Visibility(shapes=(("office_id", "secrecy"),), clauses=(Visibility.clause(status={"x"}),))


def test_the_index_access_tokens_pick_what_the_pages_show(cast, documents):
    """Every document of every visibility — routed, assigned, shared secret, drafted,
    reviewed, issued — carries tokens in the index; a user's tokens meet exactly the
    documents the pages show them."""
    keys = [f"incoming:{pk}" for pk in IncomingDocument.objects.values_list("pk", flat=True)]
    keys += [f"outgoing:{pk}" for pk in OutgoingDocument.objects.values_list("pk", flat=True)]
    entries, _ = entries_for(keys)

    def check(user) -> list[str]:
        granted = scope_for(user).tokens
        reached = {entry.key for entry in entries if granted & set(entry.access)}
        allowed = _allowed(user)
        return [] if reached == allowed else [f"{sorted(reached)} ≠ {sorted(allowed)}"]

    assert _everyone_wrong(cast, check) == {}
