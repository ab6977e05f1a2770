"""The search benchmark's corpus (bench/search): realistic Vietnamese documents, the same
for the same seed, loaded through the real models so that the product's own pages,
gatekeepers and numbering work on them. The million-document load stays in the
benchmark; these tests load a few hundred."""

from __future__ import annotations

import collections
import datetime as dt
import io
import re
import unicodedata
import zoneinfo

import pytest
from django.urls import reverse

from bench.search.corpus import GeneratedDocument, generate
from bench.search.load import load
from bench.search.ours import OURS
from tests.conftest import make_pdf
from vanphong import clock
from vanphong.audit.models import AuditEvent
from vanphong.demo.orgchart import ORGANIZATIONS
from vanphong.files.actions import store_file
from vanphong.incoming.access import visible_incoming
from vanphong.incoming.actions import IncomingFields, register_incoming
from vanphong.incoming.models import IncomingDocument, IncomingEvent
from vanphong.outgoing import actions, issuing
from vanphong.outgoing.access import visible_outgoing
from vanphong.outgoing.models import OutgoingDocument
from vanphong.registers.models import Counter, DocumentType
from vanphong.vietnamese import clean_code, split_code

AFTER_THE_CORPUS = dt.datetime(2026, 11, 30, 17, 30, tzinfo=zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh"))
STATE_CODE = re.compile(r"^\d{2,}/(\d{4}/)?[^\s/]+(-[^\s/]+)*$")  # 853/QĐ-UBND, 30/2020/NĐ-CP
PARTY_CODE = re.compile(r"^\d{2,}-[A-Za-zĐđ]+/[^\s/]+$")  # 15-NQ/ĐU, 357-CV/BTCTU
MARKED = re.compile("[ăâđêôơưáàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵ]")


@pytest.fixture(scope="module")
def documents() -> list[GeneratedDocument]:
    return list(generate(300, seed=7))


def test_the_same_seed_gives_the_same_documents():
    first = [(d.id, d.code, d.subject, d.content, d.at) for d in generate(50, seed=42)]
    again = [(d.id, d.code, d.subject, d.content, d.at) for d in generate(50, seed=42)]
    other = [(d.id, d.code, d.subject, d.content, d.at) for d in generate(50, seed=43)]

    assert first == again
    assert first != other


def test_documents_are_mostly_incoming_with_cong_van_the_most_frequent_type(documents):
    kinds = collections.Counter(d.kind for d in documents)
    types = collections.Counter(d.type_name for d in documents)

    assert 0.55 < kinds["incoming"] / len(documents) < 0.75
    assert types.most_common(1)[0][0] == "Công văn"
    assert 0.3 < types["Công văn"] / len(documents) < 0.6
    assert len(types) >= 8
    assert {"Quyết định", "Kế hoạch", "Báo cáo", "Thông báo"} <= set(types)


def test_codes_are_numbered_in_state_and_party_style(documents):
    party = [d for d in documents if PARTY_CODE.match(d.code)]
    state = [d for d in documents if STATE_CODE.match(d.code)]

    assert len(party) + len(state) == len(documents), [d.code for d in documents
                                                      if d not in party + state]
    assert len(party) > 20 and len(state) > 100
    for d in documents:
        assert clean_code(d.code) == d.code
        assert split_code(d.code) == (f"{d.number:02d}", d.notation)


def test_issuers_follow_a_few_frequent_bodies_and_a_long_tail():
    incoming = [d for d in generate(3000, seed=7) if d.kind == "incoming"]
    issuers = collections.Counter(d.issuer for d in incoming).most_common()

    assert len(issuers) > 100
    assert sum(n for _, n in issuers[:5]) > 0.3 * len(incoming)
    assert sum(1 for _, n in issuers if n <= 2) > 30


def test_dates_spread_over_the_years_with_recent_years_heavier(documents):
    years = collections.Counter(d.issued_date.year for d in documents)

    assert len(years) >= 10 and min(years) >= 2014 and max(years) <= 2026
    assert sum(n for y, n in years.items() if y >= 2022) > 2 * sum(
        n for y, n in years.items() if y <= 2017)
    assert [d.at for d in documents] == sorted(d.at for d in documents)
    for d in documents:
        assert d.at.weekday() < 5 and d.issued_date.weekday() < 5
        assert d.issued_date <= d.at.date() <= dt.date(2026, 11, 30)


def test_text_is_vietnamese_in_nfc_from_one_to_three_pages(documents):
    for d in documents:
        for text in (d.content, d.subject, d.issuer, d.signer_name, d.signer_position):
            assert unicodedata.is_normalized("NFC", text)
        assert 1500 <= len(d.content) <= 6000
        assert MARKED.search(d.subject) and MARKED.search(d.content)
        assert 8 <= len(d.subject.removeprefix("V/v ").split()) <= 30
        assert d.code in d.content
        assert d.signer_name in d.content
    assert len({d.subject for d in documents}) > 0.9 * len(documents)


def test_secret_and_urgent_documents_are_rare():
    sample = list(generate(4000, seed=7))
    secrecy = collections.Counter(d.secrecy for d in sample)
    urgency = collections.Counter(d.urgency for d in sample)

    assert 0.003 < (secrecy[1] + secrecy[2]) / len(sample) < 0.03
    assert secrecy[1] > secrecy[2] > 0 and secrecy[3] == 0
    assert urgency[0] / len(sample) > 0.85 and urgency[1] > urgency[2] > 0


def test_documents_belong_to_the_demo_organizations(cast, documents):
    assert set(OURS) == {short for short, *_ in ORGANIZATIONS} == set(cast.orgs)
    types = set(DocumentType.objects.filter(organization=None).values_list("system", "name"))
    for d in documents:
        assert d.organization in cast.orgs
        assert (d.type_system, d.type_name) in types
        if d.kind == "outgoing":
            assert cast.users[d.signer_username].full_name == d.signer_name
            assert not d.drafting_unit or d.drafting_unit in cast.units


def test_loaded_documents_are_registered_and_issued_like_the_products(cast):
    summary = load(200, seed=7, batch=64)

    incoming = IncomingDocument.objects.all()
    outgoing = OutgoingDocument.objects.all()
    assert (incoming.count(), outgoing.count()) == (summary.incoming, summary.outgoing)
    assert summary.incoming + summary.outgoing == summary.documents == 200
    for document in incoming.select_related("receipt")[:20]:
        document.full_clean()
        (attachment,) = document.receipt.attachments.select_related("stored_file")
        assert attachment.stored_file.text_source == "pdf"
        assert document.code in attachment.stored_file.text
    for document in outgoing.select_related("final_pdf")[:20]:
        document.full_clean()
        assert document.status == "issued" and document.final_pdf_id == document.body_file_id
        assert document.code in document.final_pdf.text
        assert document.versions.get().number == 1
    assert IncomingEvent.objects.filter(kind="register").count() == summary.incoming
    assert AuditEvent.objects.filter(action__in=["incoming.register", "outgoing.issue"]).count() \
        == summary.documents


def test_arrival_numbers_run_from_one_without_gaps_in_each_series(cast):
    load(200, seed=7)

    series = collections.defaultdict(list)
    for register, period, key, number in IncomingDocument.objects.values_list(
            "register", "period_key", "series_key", "arrival_number"):
        series[(register, period, key)].append(number)
    for (register, period, key), numbers in series.items():
        assert sorted(numbers) == list(range(1, len(numbers) + 1))
        assert Counter.objects.get(register=register, period_key=period,
                                   series_key=key).last_number == len(numbers)


def test_the_clerk_sees_what_was_loaded_on_the_product_pages(cast, client_for):
    load(120, seed=8)
    client = client_for(cast.vanthu)
    newest = IncomingDocument.objects.filter(secrecy=0).order_by("-arrival_at").first()
    issued = OutgoingDocument.objects.filter(secrecy=0).order_by("-issued_at").first()

    listed = client.get(reverse("incoming:list"))
    incoming_page = client.get(reverse("incoming:detail", args=[newest.pk]))
    outgoing_page = client.get(reverse("outgoing:detail", args=[issued.pk]))

    assert listed.status_code == incoming_page.status_code == outgoing_page.status_code == 200
    assert newest.code in listed.content.decode()
    assert newest.subject in incoming_page.content.decode()
    assert issued.code in outgoing_page.content.decode()
    open_incoming = IncomingDocument.objects.filter(secrecy=0)
    assert set(visible_incoming(cast.vanthu)) >= set(open_incoming)
    assert visible_outgoing(cast.vanthu).count() == OutgoingDocument.objects.count()


def test_the_product_numbers_on_after_the_corpus(cast):
    load(150, seed=9)
    register = cast.register("UBND")
    last_arrival = IncomingDocument.objects.filter(register=register, period_key="2026") \
        .order_by("-arrival_number").values_list("arrival_number", flat=True).first() or 0
    last_decision = OutgoingDocument.objects.filter(
        organization=cast.orgs["UBND"], register__kind="outgoing", period_key="2026",
    ).order_by("-number").values_list("number", flat=True).first() or 0

    with clock.frozen_at(AFTER_THE_CORPUS):
        (received,) = register_incoming(
            actor=cast.vanthu, organizations=[cast.orgs["UBND"]], has_paper_original=True,
            fields=IncomingFields(issuer="Sở Nội vụ tỉnh Lâm Đồng", code="9999/SNV-VP",
                                  issued_date=dt.date(2026, 11, 27),
                                  subject="V/v thử số đến sau dữ liệu mẫu"),
        )
        scan = store_file(actor=cast.vanthu, stream=io.BytesIO(make_pdf("sau")), name="a.pdf")
        signed = issuing.record_signed_on_paper(
            actor=cast.vanthu, organization=cast.orgs["UBND"], upload=scan,
            signed_on=clock.today(), fields=actions.DraftFields(
                document_type=DocumentType.objects.get(system="state", organization=None,
                                                       name="Quyết định"),
                subject="Thử cấp số sau dữ liệu mẫu", signer=cast.chutich, capacity="tm",
                drafting_unit=cast.units["VHXH"],
                recipients=(actions.RecipientSpec(name="Sở Nội vụ tỉnh Lâm Đồng"),)),
        )
        issued = issuing.issue_outgoing(actor=cast.vanthu, document=signed)

    assert received.arrival_number == last_arrival + 1
    assert issued.number == last_decision + 1


def test_loading_the_same_seed_twice_is_refused(cast):
    load(10, seed=3)

    with pytest.raises(ValueError, match="already loaded"):
        load(10, seed=3)
