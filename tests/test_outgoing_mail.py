"""E-mail distribution of issued documents against a real SMTP server (aiosmtpd on a free
local port): the message and its PDF, retries while the server is down, the claim that
keeps two workers from sending twice, and the final failure after the last retry."""

from __future__ import annotations

import datetime as dt
import io
import threading

import pytest
from django.db import connection
from pypdf import PdfReader

from tests.test_outgoing_flow import TUESDAY, doc_type, draft, review_through, scan
from vanphong import clock
from vanphong.files.actions import open_stored
from vanphong.outgoing.actions import DraftFields, RecipientSpec
from vanphong.outgoing.delivery import RETRY_DELAYS, send_due_mail, send_recipient_mail
from vanphong.outgoing.issuing import issue_outgoing, record_signed_on_paper
from vanphong.outgoing.models import DeliveryState, EventKind, OutgoingDocument, Recipient
from vanphong.registers.models import Secrecy

ADDRESS = RecipientSpec(name="Sở Nội vụ tỉnh Lâm Đồng", email="sonoivu@lamdong.example.vn")


def _mailed(cast) -> OutgoingDocument:
    """A document signed on paper (its scan is the final PDF: no LibreOffice needed),
    addressed to one e-mail recipient, ready to issue."""
    fields = DraftFields(
        document_type=doc_type("Công văn"), subject="Báo cáo biên chế năm 2026",
        signer=cast.chutich, recipients=(ADDRESS,), drafting_unit=cast.units["VHXH"],
    )
    return record_signed_on_paper(actor=cast.vanthu, organization=cast.orgs["UBND"],
                                  fields=fields, upload=scan(cast.vanthu, "bien che"),
                                  signed_on=clock.today())


def _recipient(document: OutgoingDocument) -> Recipient:
    return document.recipients.get(email=ADDRESS.email)


def test_issued_document_is_mailed_with_its_pdf(cast, mail_server,
                                                django_capture_on_commit_callbacks):
    mail_server.start()
    recipients = [RecipientSpec(organization=cast.orgs["MTTQ"]), ADDRESS]
    with clock.frozen_at(TUESDAY):
        document = review_through(cast, draft(cast, recipients=recipients))
        with django_capture_on_commit_callbacks(execute=True):
            issue_outgoing(actor=cast.vanthu, document=document)
    document.refresh_from_db()
    [message] = mail_server.messages
    assert "01/QĐ-UBND" in message["Subject"] and document.subject in message["Subject"]
    assert message["To"] == ADDRESS.email
    assert message["From"] == cast.office.email
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "01-QĐ-UBND.pdf"
    data = attachment.get_content()
    with open_stored(document.final_pdf) as handle:
        assert data == handle.read()
    assert "01/QĐ-UBND" in PdfReader(io.BytesIO(data)).pages[0].extract_text()
    recipient = _recipient(document)
    assert (recipient.state, recipient.attempts) == (DeliveryState.DELIVERED, 1)
    assert recipient.delivered_at == TUESDAY
    notes = list(document.events.filter(kind=EventKind.DELIVER).values_list("note", flat=True))
    assert any(ADDRESS.email in note for note in notes)


def test_mail_is_retried_after_the_server_comes_back(cast, mail_server,
                                                     django_capture_on_commit_callbacks):
    with clock.frozen_at(TUESDAY):  # the server is down
        document = _mailed(cast)
        with django_capture_on_commit_callbacks(execute=True):
            issue_outgoing(actor=cast.vanthu, document=document)
    recipient = _recipient(document)
    assert (recipient.state, recipient.attempts) == (DeliveryState.PENDING, 1)
    assert recipient.next_attempt_at == TUESDAY + RETRY_DELAYS[0]
    assert recipient.last_error
    mail_server.start()
    with clock.frozen_at(TUESDAY + dt.timedelta(seconds=30)):  # not due yet
        assert send_due_mail() == 0
    assert mail_server.messages == []
    with clock.frozen_at(TUESDAY + dt.timedelta(minutes=2)):
        assert send_due_mail() == 1
        assert send_due_mail() == 0  # nothing left to send
    recipient.refresh_from_db()
    assert (recipient.state, recipient.attempts, recipient.last_error) == (
        DeliveryState.DELIVERED, 2, "")
    [message] = mail_server.messages
    assert document.code in message["Subject"]


def test_mail_fails_for_good_after_the_last_retry(cast, mail_server,
                                                  django_capture_on_commit_callbacks):
    with clock.frozen_at(TUESDAY):
        document = _mailed(cast)
        with django_capture_on_commit_callbacks(execute=True):
            issue_outgoing(actor=cast.vanthu, document=document)
    recipient = _recipient(document)
    for _ in RETRY_DELAYS:
        assert recipient.state == DeliveryState.PENDING
        with clock.frozen_at(recipient.next_attempt_at):
            send_due_mail()
        recipient.refresh_from_db()
    assert (recipient.state, recipient.attempts) == (DeliveryState.FAILED, len(RETRY_DELAYS) + 1)
    assert recipient.next_attempt_at is None
    failed = document.events.filter(kind=EventKind.DELIVER).last()
    assert failed is not None and "thất bại" in failed.note
    mail_server.start()
    with clock.frozen_at(TUESDAY + dt.timedelta(days=2)):
        assert send_due_mail() == 0  # a failed recipient waits for the clerk's resend
    assert mail_server.messages == []


@pytest.mark.django_db(transaction=True)
def test_two_workers_sending_the_same_recipient_send_one_message(cast, mail_server):
    with clock.frozen_at(TUESDAY):  # the server is down: the first attempt fails
        document = _mailed(cast)
        issue_outgoing(actor=cast.vanthu, document=document)
    recipient = _recipient(document)
    assert (recipient.state, recipient.attempts) == (DeliveryState.PENDING, 1)
    mail_server.start()
    start = threading.Barrier(2)
    results: list[str] = []
    failures: list[BaseException] = []

    def worker() -> None:
        try:
            with clock.frozen_at(TUESDAY + dt.timedelta(minutes=2)):
                start.wait()
                results.append(send_recipient_mail(recipient_id=recipient.pk))
        except BaseException as error:  # reported by the main thread
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures
    assert sorted(results) == [DeliveryState.DELIVERED, "skipped"]
    assert len(mail_server.messages) == 1
    recipient.refresh_from_db()
    assert (recipient.state, recipient.attempts) == (DeliveryState.DELIVERED, 2)


def test_secret_document_is_not_sent_by_email(cast, mail_server,
                                              django_capture_on_commit_callbacks):
    mail_server.start()
    fields = DraftFields(
        document_type=doc_type("Công văn"), subject="Phương án bảo vệ bí mật", signer=cast.chutich,
        secrecy=Secrecy.SECRET, recipients=(ADDRESS,), drafting_unit=cast.units["VHXH"],
    )
    with clock.frozen_at(TUESDAY):
        document = record_signed_on_paper(
            actor=cast.vanthu, organization=cast.orgs["UBND"], fields=fields,
            upload=scan(cast.vanthu, "mat"), signed_on=clock.today())
        with django_capture_on_commit_callbacks(execute=True):
            issue_outgoing(actor=cast.vanthu, document=document)
    # State secrets do not travel by ordinary e-mail (Luật Bảo vệ bí mật nhà nước): on paper.
    assert mail_server.messages == []
    assert _recipient(document).state == DeliveryState.PAPER
