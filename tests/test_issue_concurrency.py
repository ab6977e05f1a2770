"""Outgoing numbers under real concurrency: 16 clerks issue 16 different signed
documents of the same organization at the same moment, each in its own thread with its
own database connection, through `issue_outgoing` — the action the pages and the API
call. The register must hold exactly 1..16, no duplicate and no gap, on SQLite and on
PostgreSQL alike.

The documents were signed on paper and their scans uploaded, so the final copy (made
after commit, which a transactional test runs at once) is the PDF itself and
distribution follows without LibreOffice: each document also reaches the MTTQ as an
incoming document, numbered in MTTQ's register at the same time.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable

import pytest
from django.db import connection

from tests.conftest import make_pdf
from vanphong import clock
from vanphong.files.actions import store_file
from vanphong.incoming.models import IncomingDocument
from vanphong.outgoing import actions, issuing
from vanphong.outgoing.models import FinalState, NumberReservation, OutgoingDocument, Status
from vanphong.registers.models import Counter, DocumentType, RegisterKind

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]

ISSUERS = 16


def signed_documents(cast, count: int) -> list[OutgoingDocument]:
    """`count` Quyết định of UBND signed on paper today, each with its own scan."""
    decision = DocumentType.objects.get(system="state", organization=None, name="Quyết định")
    documents = []
    for n in range(1, count + 1):
        scan = store_file(actor=cast.vanthu, stream=io.BytesIO(make_pdf(f"QD {n}")),
                          name=f"qd-{n}.pdf")
        fields = actions.DraftFields(
            document_type=decision, subject=f"Phân công nhiệm vụ đợt {n}", signer=cast.chutich,
            capacity="tm", drafting_unit=cast.units["VHXH"],
            recipients=(actions.RecipientSpec(organization=cast.orgs["MTTQ"]),
                        actions.RecipientSpec(name="Sở Nội vụ tỉnh Lâm Đồng")),
        )
        documents.append(issuing.record_signed_on_paper(
            actor=cast.vanthu, organization=cast.orgs["UBND"], fields=fields, upload=scan,
            signed_on=clock.today(),
        ))
    return documents


def run_at_once(jobs: list[Callable[[], object]]) -> list[BaseException]:
    """Start every job at the same moment (a barrier), one thread and one database
    connection each; returns what they raised."""
    start = threading.Barrier(len(jobs))
    failures: list[BaseException] = []

    def worker(job: Callable[[], object]) -> None:
        try:
            start.wait()
            job()
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures


def issue_job(clerk, document: OutgoingDocument) -> Callable[[], object]:
    return lambda: issuing.issue_outgoing(actor=clerk, document=document)


@pytest.mark.slow
def test_sixteen_clerks_issuing_at_once_get_numbers_1_to_16(cast):
    documents = signed_documents(cast, ISSUERS)
    clerks = [cast.vanthu, cast.vanthu2]

    failures = run_at_once([issue_job(clerks[i % 2], d) for i, d in enumerate(documents)])

    assert not failures, failures
    register = cast.register("UBND", RegisterKind.OUTGOING)
    issued = OutgoingDocument.objects.filter(register=register)
    assert sorted(issued.values_list("number", flat=True)) == list(range(1, ISSUERS + 1))
    assert sorted(issued.values_list("code", flat=True)) == sorted(
        f"{n:02d}/QĐ-UBND" for n in range(1, ISSUERS + 1))
    assert set(issued.values_list("status", "final_state")) == {(Status.ISSUED, FinalState.DONE)}
    assert Counter.objects.get(register=register).last_number == ISSUERS
    # Each issue delivered a copy to the MTTQ, registered there concurrently too.
    arrivals = IncomingDocument.objects.filter(register=cast.register("MTTQ"))
    assert sorted(arrivals.values_list("arrival_number", flat=True)) == list(
        range(1, ISSUERS + 1))


@pytest.mark.slow
def test_issuing_and_reserving_at_once_share_one_gap_free_series(cast):
    """Half the clerks issue while the other half reserve numbers: documents and
    reservations together hold 1..16, each number once."""
    documents = signed_documents(cast, ISSUERS // 2)
    register = cast.register("UBND", RegisterKind.OUTGOING)
    decision = documents[0].document_type

    def reserve() -> object:
        return issuing.reserve_number(actor=cast.vanthu2, register=register,
                                      document_type=decision, reason="Chờ ký")

    jobs = [issue_job(cast.vanthu, d) for d in documents] + [reserve] * (ISSUERS // 2)
    failures = run_at_once(jobs)

    assert not failures, failures
    issued = list(OutgoingDocument.objects.filter(register=register)
                  .values_list("number", flat=True))
    reserved = list(NumberReservation.objects.filter(register=register)
                    .values_list("number", flat=True))
    assert len(issued) == len(reserved) == ISSUERS // 2
    assert sorted(issued + reserved) == list(range(1, ISSUERS + 1))
