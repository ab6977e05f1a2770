"""Numbering policies: reset per year or Party term, one series or per type, secret
documents in the same or a separate series, notation formats, and no gap on failure."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from vanphong import clock
from vanphong.errors import Invalid
from vanphong.incoming import actions
from vanphong.incoming.models import IncomingDocument
from vanphong.registers.models import Counter, DocumentType, RegisterKind, Secrecy
from vanphong.registers.numbering import (
    NumberingError,
    allocate_number,
    format_notation,
    peek_next_number,
)

D = dt.date


def take(register, day, **kwargs):
    with transaction.atomic():
        return allocate_number(register, on=day, **kwargs)


def doc_type(system, name):
    return DocumentType.objects.get(system=system, name=name, organization=None)


def test_calendar_year_series_restart_on_the_first_of_january(cast):
    register = cast.register("UBND", RegisterKind.OUTGOING)
    assert [take(register, D(2026, 12, 30)).number for _ in range(3)] == [1, 2, 3]
    first = take(register, D(2027, 1, 1))
    assert (first.period_key, first.number) == ("2027", 1)
    assert take(register, D(2026, 12, 31)).number == 4


def test_party_numbers_run_per_term_and_per_type(cast):
    register = cast.register("ĐU", RegisterKind.OUTGOING)
    nq, cv = doc_type("party", "Nghị quyết"), doc_type("party", "Công văn")
    assert take(register, D(2025, 8, 1), document_type=nq).number == 1
    assert take(register, D(2025, 8, 19), document_type=nq).number == 2
    new_term = take(register, D(2025, 8, 20), document_type=nq)
    assert new_term.number == 1 and new_term.period_key.startswith("term:")
    assert take(register, D(2026, 1, 2), document_type=nq).number == 2, "no reset on 1 January"
    assert take(register, D(2026, 1, 2), document_type=cv).number == 1, (
        "công văn has its own series"
    )


def test_party_secret_documents_continue_the_same_series(cast):
    register = cast.register("ĐU", RegisterKind.OUTGOING)
    nq = doc_type("party", "Nghị quyết")
    take(register, D(2026, 3, 1), document_type=nq)
    assert take(register, D(2026, 3, 2), document_type=nq, secret=True).number == 2


def test_state_secret_documents_take_a_separate_series(cast):
    register = cast.register("UBND", RegisterKind.OUTGOING)
    take(register, D(2026, 3, 1))
    secret = take(register, D(2026, 3, 1), secret=True)
    assert secret.number == 1 and "MẬT" in secret.series_key
    assert take(register, D(2026, 3, 1)).number == 2


def test_a_term_register_without_a_declared_term_explains_what_is_missing(cast):
    register = cast.register("ĐU", RegisterKind.OUTGOING)
    with pytest.raises(NumberingError, match="Chưa khai báo nhiệm kỳ"):
        take(register, D(2019, 5, 5))


def test_numbers_are_taken_only_inside_a_transaction(transactional_db, cast):
    with pytest.raises(RuntimeError):
        allocate_number(cast.register("UBND"), on=D(2026, 1, 5))


def test_notation_follows_the_organization_style(cast):
    state = cast.register("UBND", RegisterKind.OUTGOING)
    party = cast.register("ĐU", RegisterKind.OUTGOING)
    qd, cv = doc_type("state", "Quyết định"), doc_type("state", "Công văn")
    assert format_notation(state, number=12, document_type=qd) == "12/QĐ-UBND"
    assert format_notation(state, number=5, document_type=cv, unit="VP") == "05/UBND-VP"
    assert (
        format_notation(party, number=15, document_type=doc_type("party", "Nghị quyết"))
        == "15-NQ/ĐU"
    )
    assert (
        format_notation(party, number=12, document_type=doc_type("party", "Công văn")) == "12-CV/ĐU"
    )


def test_peek_shows_the_next_number_without_taking_it(cast):
    register = cast.register("UBND")
    assert peek_next_number(register, on=D(2026, 5, 5)) == 1
    take(register, D(2026, 5, 5))
    assert peek_next_number(register, on=D(2026, 5, 5)) == 2
    assert peek_next_number(register, on=D(2026, 5, 5)) == 2


def _fields(**kwargs):
    values = {
        "issuer": "Tỉnh ủy Lâm Đồng",
        "code": "120-CV/TU",
        "subject": "V/v học tập nghị quyết",
        "issued_date": clock.today() - dt.timedelta(days=1),
    }
    values.update(kwargs)
    return actions.IncomingFields(**values)


def test_secret_incoming_documents_go_to_the_secret_register(cast):
    org = cast.orgs["ĐU"]
    [normal] = actions.register_incoming(
        actor=cast.vanthu, organizations=[org], fields=_fields(), has_paper_original=True
    )
    [secret] = actions.register_incoming(
        actor=cast.vanthu,
        organizations=[org],
        fields=_fields(code="5-CV/TU", secrecy=Secrecy.SECRET),
        has_paper_original=True,
    )
    assert normal.register.kind == RegisterKind.INCOMING and normal.arrival_number == 1
    assert secret.register.kind == RegisterKind.SECRET_INCOMING and secret.arrival_number == 1
    assert set(secret.secret_readers.all()) == {cast.vanthu}


def test_a_failed_registration_gives_back_every_number(cast):
    """Two organizations in one registration; the second has no incoming register, so the
    whole registration fails and the first organization's number is not used up."""
    hnd = cast.orgs["HND"]
    hnd.registers.filter(kind=RegisterKind.INCOMING).update(is_active=False)
    with pytest.raises(Invalid, match="chưa có sổ đăng ký văn bản đến"):
        actions.register_incoming(
            actor=cast.vanthu,
            organizations=[cast.orgs["UBND"], hnd],
            fields=_fields(),
            has_paper_original=True,
        )
    assert IncomingDocument.objects.count() == 0
    assert not Counter.objects.filter(last_number__gt=0).exists()
    [doc] = actions.register_incoming(
        actor=cast.vanthu,
        organizations=[cast.orgs["UBND"]],
        fields=_fields(),
        has_paper_original=True,
    )
    assert doc.arrival_number == 1


def test_congress_documents_share_one_series_for_the_congress(cast):
    from vanphong.registers.models import ResetPolicy, Term, TermKind

    register = cast.register("ĐU", RegisterKind.COPIES)
    register.reset_policy, register.per_type_series = ResetPolicy.CONGRESS, False
    register.save()
    Term.objects.create(organization=cast.orgs["ĐU"], kind=TermKind.CONGRESS,
                        name="Đại hội lần thứ I", start_date=D(2025, 8, 18),
                        end_date=D(2025, 8, 20))
    nq, bb = doc_type("party", "Nghị quyết"), doc_type("party", "Biên bản")
    assert take(register, D(2025, 8, 18), document_type=bb).number == 1
    assert take(register, D(2025, 8, 20), document_type=nq).number == 2
    with pytest.raises(NumberingError, match="kỳ đại hội"):
        take(register, D(2025, 8, 21), document_type=nq)
