"""E-mail intake against a real IMAP server (Dovecot, started by the tests): messages with
documents become queued items with their sender, once only whoever reads the mailbox;
messages without documents are recorded; errors are told in Vietnamese; the
administration pages for mailboxes."""

from __future__ import annotations

import threading
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid

import pytest
from django.db import connection
from django.urls import reverse

# Until tests/conftest.py imports the fixture, it is imported here (hence F811 below).
from tests.imap_server import ImapServer
from tests.test_intake_pipeline import assert_header
from vanphong.audit.models import AuditEvent
from vanphong.demo.sample_documents import DOCS, document_docx, document_pdf, scan_png
from vanphong.intake import mail as mail_module
from vanphong.intake import receiving
from vanphong.intake.mail import fetch_mailbox
from vanphong.intake.mail_tasks import fetch_mailboxes_task
from vanphong.intake.models import Batch, IntakeItem, ItemState, Mailbox, MailMessage, Source

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SO_TAI_CHINH = ("Sở Tài chính", "vanthu@stc.lamdong.gov.vn")


def mail(subject: str, *files: tuple[str, bytes, str], sender=SO_TAI_CHINH,
         text: str = "Kính gửi Văn phòng. Gửi kèm văn bản.") -> bytes:
    message = EmailMessage()
    message["From"] = formataddr(sender)
    message["To"] = "vanphong@xa.lamdong.gov.vn"
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain="stc.lamdong.gov.vn")
    message.set_content(text)
    for name, data, content_type in files:
        maintype, subtype = content_type.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()


def two_documents() -> bytes:
    return mail("V/v gửi quyết định và công văn",
                ("Quyết định 853.pdf", document_pdf(DOCS[0]), PDF),
                ("CV 1245.docx", document_docx(DOCS[1]), DOCX))


def new_mailbox(office, server: ImapServer, **overrides) -> Mailbox:
    values = {"name": "Văn thư", "host": server.host, "port": server.port, "security": "none",
              "username": server.user, "password": server.password}
    values.update(overrides)
    return Mailbox.objects.create(office=office, **values)


@pytest.fixture
def mailbox(cast, imap_server) -> Mailbox:
    return new_mailbox(cast.office, imap_server)


def seen(server: ImapServer) -> list[bool]:
    return [b"\\Seen" in flags for flags in server.flags().values()]


# --- Reading messages -----------------------------------------------------------------------


def test_a_message_with_a_pdf_and_a_docx_becomes_two_queued_items(imap_server, mailbox):
    imap_server.append(two_documents())
    result = fetch_mailbox(mailbox)
    assert (result.messages, result.items, result.rejected, result.error) == (1, 2, 0, "")
    items = IntakeItem.objects.order_by("filename")
    assert [i.filename for i in items] == ["CV 1245.docx", "Quyết định 853.pdf"]
    for item in items:
        assert item.source == Source.EMAIL and item.state == ItemState.QUEUED
        assert item.sender == "Sở Tài chính <vanthu@stc.lamdong.gov.vn>"
        assert item.mail_subject == "V/v gửi quyết định và công văn"
        assert item.office == mailbox.office and item.created_by is None
    assert Batch.objects.get().items.count() == 2  # one batch per message
    record = MailMessage.objects.get()
    assert record.sender == "Sở Tài chính <vanthu@stc.lamdong.gov.vn>"
    assert record.attachments == 2 and record.note == "2 văn bản vào hàng chờ."
    assert record.sent_at is not None and record.message_id.endswith("@stc.lamdong.gov.vn>")
    audit = AuditEvent.objects.get(action="intake.mail")
    assert audit.office_id == mailbox.office_id and "Sở Tài chính" in audit.summary
    assert AuditEvent.objects.filter(action="intake.receive").count() == 2


def test_mailed_documents_are_read_by_the_pipeline(imap_server, mailbox,
                                                   django_capture_on_commit_callbacks):
    imap_server.append(mail("Quyết định 853", ("qd-853.pdf", document_pdf(DOCS[0]), PDF)))
    with django_capture_on_commit_callbacks(execute=True):
        fetch_mailbox(mailbox)
    item = IntakeItem.objects.get()
    assert_header(item, DOCS[0])
    assert item.state == ItemState.READY


def test_a_message_without_attachments_is_recorded_and_creates_nothing(imap_server, mailbox):
    imap_server.append(mail("Hỏi lịch họp", text="Cho hỏi lịch họp tuần sau."))
    result = fetch_mailbox(mailbox)
    assert (result.messages, result.items) == (1, 0)
    record = MailMessage.objects.get()
    assert record.subject == "Hỏi lịch họp" and record.attachments == 0
    assert "không có tệp đính kèm" in record.note
    assert not IntakeItem.objects.exists() and not Batch.objects.exists()
    assert seen(imap_server) == [True]


def test_a_refused_attachment_is_noted_and_the_valid_one_still_goes_in(imap_server, mailbox):
    imap_server.append(mail("Văn bản và tệp lạ",
                            ("chuong-trinh.pdf", b"MZ\x90\x00 this is a program", PDF),
                            ("qd-853.pdf", document_pdf(DOCS[0]), PDF)))
    result = fetch_mailbox(mailbox)
    assert (result.messages, result.items, result.rejected) == (1, 1, 1)
    assert IntakeItem.objects.get().filename == "qd-853.pdf"
    note = MailMessage.objects.get().note
    assert note.startswith("1 văn bản vào hàng chờ.")
    assert "Từ chối: Tệp “chuong-trinh.pdf”: Nội dung tệp không phải" in note


def test_a_message_whose_files_are_all_refused_leaves_no_empty_batch(imap_server, mailbox):
    imap_server.append(mail("Bảng tính", ("so-lieu.xlsx", b"PK\x03\x04 not a docx", PDF)))
    result = fetch_mailbox(mailbox)
    assert (result.messages, result.items, result.rejected) == (1, 0, 1)
    assert not Batch.objects.exists()
    assert "Từ chối" in MailMessage.objects.get().note


def test_reading_again_creates_nothing_new_and_messages_are_seen(imap_server, mailbox):
    imap_server.append(two_documents())
    imap_server.append(mail("Không có tệp"))
    assert seen(imap_server) == [False, False]
    first = fetch_mailbox(mailbox)
    assert (first.messages, first.items) == (2, 2)
    assert seen(imap_server) == [True, True]
    again = fetch_mailbox(mailbox)
    assert (again.messages, again.items, again.skipped) == (0, 0, 0)
    assert IntakeItem.objects.count() == 2 and MailMessage.objects.count() == 2


def test_only_messages_that_arrived_since_the_last_read_are_read(imap_server, mailbox):
    imap_server.append(mail("Thư 1", ("qd-853.pdf", document_pdf(DOCS[0]), PDF)))
    fetch_mailbox(mailbox)
    imap_server.append(mail("Thư 2", ("cv-1245.docx", document_docx(DOCS[1]), DOCX)))
    result = fetch_mailbox(mailbox)
    assert (result.messages, result.items) == (1, 1)
    assert sorted(IntakeItem.objects.values_list("mail_subject", flat=True)) == ["Thư 1", "Thư 2"]


def test_the_same_document_mailed_twice_is_queued_once(imap_server, mailbox):
    pdf = document_pdf(DOCS[0])
    imap_server.append(mail("Gửi lần 1", ("qd-853.pdf", pdf, PDF)))
    imap_server.append(mail("Gửi lại", ("qd-853 (1).pdf", pdf, PDF)))
    result = fetch_mailbox(mailbox)
    assert (result.messages, result.items) == (2, 1)
    assert "Đã có trong hàng chờ: qd-853 (1).pdf" in MailMessage.objects.get(uid=2).note


def test_forwarded_documents_and_photos_count_but_signature_logos_do_not(imap_server, mailbox):
    forwarded = EmailMessage()
    forwarded["From"], forwarded["Subject"] = "a@b.vn", "Chuyển tiếp"
    forwarded.set_content("Văn bản gốc")
    forwarded.add_attachment(document_pdf(DOCS[0]), maintype="application", subtype="pdf",
                             filename="văn bản gốc.pdf")
    message = EmailMessage()
    message["From"], message["Subject"] = formataddr(SO_TAI_CHINH), "Fw: Chuyển tiếp"
    message.set_content("Xem thư chuyển tiếp")
    message.add_alternative('<p>Xem thư</p><img src="cid:logo">', subtype="html")
    html = message.get_payload()[1]
    html.add_related(b"\x89PNG\r\n\x1a\n" + b"0" * 200, maintype="image", subtype="png",
                     cid="<logo>", filename="logo.png")
    message.add_attachment(scan_png(DOCS[1]), maintype="image", subtype="png",
                           filename="anh-chup.png", disposition="inline")
    message.add_attachment(forwarded)
    imap_server.append(message.as_bytes())
    result = fetch_mailbox(mailbox)
    assert (result.items, result.rejected) == (2, 0)
    names = set(IntakeItem.objects.values_list("filename", flat=True))
    assert names == {"anh-chup.png", "văn bản gốc.pdf"}
    assert "Bỏ qua 1 ảnh nhỏ trong nội dung thư." in MailMessage.objects.get().note


def test_a_message_too_large_to_read_is_recorded_with_the_reason(imap_server, mailbox, settings):
    settings.MAX_UPLOAD_MB = 1
    imap_server.append(mail("Bản quét rất lớn", ("lon.pdf", b"%PDF-1.4 " + b"0" * 1_700_000, PDF)))
    result = fetch_mailbox(mailbox)
    assert (result.messages, result.items) == (1, 0)
    assert MailMessage.objects.get().note.startswith("Thư quá lớn (2 MB) nên không được đọc")
    assert seen(imap_server) == [True]


def test_a_message_that_cannot_be_processed_is_left_for_the_next_read(
    imap_server, mailbox, monkeypatch
):
    imap_server.append(mail("Thư 1", ("a.pdf", document_pdf(DOCS[0]), PDF)))
    imap_server.append(mail("Thư 2", ("b.pdf", document_pdf(DOCS[1]), PDF)))

    def storage_full(**kwargs):
        if kwargs["name"] == "a.pdf":
            raise OSError(28, "No space left on device")
        return receive_upload(**kwargs)

    receive_upload = mail_module.receive_upload
    monkeypatch.setattr(mail_module, "receive_upload", storage_full)
    result = fetch_mailbox(mailbox)
    assert (result.messages, result.items, result.failed) == (1, 1, 1)
    assert seen(imap_server) == [False, True]
    mailbox.refresh_from_db()
    assert mailbox.last_error.startswith("1 thư chưa xử lý được, sẽ thử lại")
    monkeypatch.undo()
    result = fetch_mailbox(mailbox)
    assert (result.messages, result.items, result.failed) == (1, 1, 0)
    assert seen(imap_server) == [True, True] and mailbox.last_error == ""


def nested_forwards(depth: int) -> bytes:
    """A message forwarding a message forwarding ... `depth` levels deep (1,500 made
    the standard parser raise RecursionError)."""
    inner = b"From: a@b.vn\r\nSubject: trong cung\r\n\r\nXin chao\r\n"
    for _ in range(depth):
        inner = b"From: a@b.vn\r\nContent-Type: message/rfc822\r\n\r\n" + inner
    return (b"From: Ke xau <xau@lamdong.vn>\r\nTo: vanthu@tanhoa.gov.vn\r\n"
            b"Subject: Thu long nhau\r\nContent-Type: message/rfc822\r\n\r\n" + inner)


def many_parts(count: int) -> bytes:
    body = b"".join(b"--b\r\nContent-Type: text/plain\r\n\r\nphan %d\r\n" % i
                    for i in range(count))
    return (b"From: Ke xau <xau@lamdong.vn>\r\nSubject: Nhieu phan\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n' + body + b"--b--\r\n")


def recursive_header() -> bytes:
    """A From header of 3,000 nested comments: reading it exhausts the recursion limit."""
    return (b"From: " + b"(" * 3000 + b")" * 3000 + b" <xau@lamdong.vn>\r\n"
            b"Subject: Tieu de doc duoc\r\n\r\nNoi dung\r\n")


def test_unreadable_messages_are_recorded_with_their_reason_and_the_mailbox_moves_on(
    cast, client_for, imap_server, mailbox
):
    imap_server.append(nested_forwards(1500))
    imap_server.append(many_parts(600))
    imap_server.append(recursive_header())
    imap_server.append(mail("Quyết định 853", ("qd-853.pdf", document_pdf(DOCS[0]), PDF)))
    result = fetch_mailbox(mailbox)
    assert (result.messages, result.items, result.unreadable, result.failed) == (4, 1, 3, 0)
    assert IntakeItem.objects.get().filename == "qd-853.pdf"  # the good one is received
    deep, crowded, broken, good = MailMessage.objects.order_by("uid")
    assert deep.error.startswith("Thư lồng nhau quá 10 cấp")
    assert (deep.sender, deep.subject) == ("Ke xau <xau@lamdong.vn>", "Thu long nhau")
    assert crowded.error.startswith("Thư có hơn 500 phần")
    assert broken.error == "Thư sai định dạng nên không đọc được."
    assert broken.subject == "Tieu de doc duoc"
    assert good.error == "" and good.note == "1 văn bản vào hàng chờ."
    # Seen, so never read again; the unreadable ones flagged for whoever reads by hand.
    flags = list(imap_server.flags().values())
    assert all(b"\\Seen" in f for f in flags)
    assert [b"\\Flagged" in f for f in flags] == [True, True, True, False]
    assert AuditEvent.objects.filter(action="intake.mail_unreadable").count() == 3
    again = fetch_mailbox(mailbox)
    assert (again.messages, again.unreadable, again.failed) == (0, 0, 0)
    mailbox.refresh_from_db()
    assert mailbox.last_error == ""

    # The administrator sees them on the mailbox page, the clerks on the intake queue.
    page = client_for(cast.admin).get(url("mailbox_list")).content.decode()
    assert "3 thư không đọc được" in page
    assert page.count('data-testid="unreadable-mail-row"') == 3
    assert "Thư lồng nhau quá 10 cấp" in page and "Ke xau &lt;xau@lamdong.vn&gt;" in page
    queue = client_for(cast.vanthu).get("/tiep-nhan/").content.decode()
    assert queue.count('data-testid="unreadable-mail-row"') == 3
    assert "Thư có hơn 500 phần" in queue


def test_a_mailed_docx_zip_bomb_fails_with_its_reason(
    imap_server, mailbox, django_capture_on_commit_callbacks
):
    from tests.test_intake_pipeline import WORD_BOMB, docx_bomb

    imap_server.append(mail("Văn bản Word", ("cv.docx", docx_bomb(), DOCX)))
    with django_capture_on_commit_callbacks(execute=True):
        assert fetch_mailbox(mailbox).items == 1
    item = IntakeItem.objects.get()
    assert item.state == ItemState.FAILED and item.error.startswith(WORD_BOMB)


def test_the_folder_set_for_the_mailbox_is_the_one_read(cast, imap_server):
    imap_server.append(mail("Trong INBOX", ("a.pdf", document_pdf(DOCS[0]), PDF)))
    imap_server.append(mail("Trong thư mục", ("b.pdf", document_pdf(DOCS[1]), PDF)),
                       folder="VanBanDen")
    result = fetch_mailbox(new_mailbox(cast.office, imap_server, folder="VanBanDen"))
    assert result.items == 1
    assert IntakeItem.objects.get().mail_subject == "Trong thư mục"


@pytest.mark.django_db(transaction=True)
def test_two_readers_at_once_create_each_item_once(cast, imap_server, monkeypatch):
    # Exactly-once is about the records; the pipeline's work is not needed here.
    monkeypatch.setattr(receiving, "_start", lambda item_id: None)
    for n in range(3):
        imap_server.append(mail(f"Thư {n}", (f"{n}.pdf", document_pdf(DOCS[n]), PDF),
                                (f"{n}.png", scan_png(DOCS[n]), "image/png")))
    mailbox = new_mailbox(cast.office, imap_server)
    # Both readers list the new messages before either records one: the race for real.
    listed, list_new = threading.Barrier(2, timeout=30), mail_module._new_uids

    def list_then_wait(*args):
        uids = list_new(*args)
        listed.wait()
        return uids

    monkeypatch.setattr(mail_module, "_new_uids", list_then_wait)
    results, errors = [], []

    def read() -> None:
        try:
            results.append(fetch_mailbox(Mailbox.objects.get(pk=mailbox.pk)))
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=read) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and [r.error for r in results] == ["", ""]
    assert [r.messages + r.skipped for r in results] == [3, 3]
    assert sum(r.messages for r in results) == 3 and sum(r.skipped for r in results) == 3
    assert sum(r.items for r in results) == 6
    assert IntakeItem.objects.count() == 6 and MailMessage.objects.count() == 3
    assert seen(imap_server) == [True, True, True]


# --- When the mailbox cannot be read --------------------------------------------------------


def test_a_wrong_password_is_stored_as_the_mailboxs_error(cast, imap_server):
    mailbox = new_mailbox(cast.office, imap_server, password="sai-mat-khau")
    result = fetch_mailbox(mailbox)
    assert result.items == 0
    mailbox.refresh_from_db()
    assert mailbox.last_error == result.error
    assert "không chấp nhận tài khoản vanthu: sai tài khoản hoặc mật khẩu" in mailbox.last_error
    assert mailbox.last_checked_at is not None


def test_a_later_successful_read_clears_the_error(cast, imap_server):
    mailbox = new_mailbox(cast.office, imap_server, password="sai-mat-khau")
    fetch_mailbox(mailbox)
    mailbox.password = imap_server.password
    mailbox.save()
    assert fetch_mailbox(mailbox).error == ""
    mailbox.refresh_from_db()
    assert mailbox.last_error == ""


def test_a_closed_port_and_a_missing_folder_are_explained(cast, imap_server):
    closed = new_mailbox(cast.office, imap_server, name="Đóng", port=1)
    assert "từ chối kết nối; kiểm tra cổng" in fetch_mailbox(closed).error
    missing = new_mailbox(cast.office, imap_server, name="Thiếu", folder="KhongCo")
    assert "Không mở được thư mục “KhongCo”" in fetch_mailbox(missing).error


@pytest.mark.parametrize("security", ["ssl", "starttls"])
def test_encrypted_connections_check_the_servers_certificate(
    cast, imap_server, monkeypatch, security
):
    imap_server.append(mail("Qua kết nối mã hoá", ("a.pdf", document_pdf(DOCS[0]), PDF)))
    port = imap_server.ssl_port if security == "ssl" else imap_server.port
    mailbox = new_mailbox(cast.office, imap_server, security=security, port=port)
    monkeypatch.setenv("SSL_CERT_FILE", "/nonexistent")  # trusts nothing
    assert "Chứng chỉ bảo mật của máy chủ" in fetch_mailbox(mailbox).error
    # An internal mail server's certificate is trusted through SSL_CERT_FILE.
    monkeypatch.setenv("SSL_CERT_FILE", str(imap_server.cert_file))
    result = fetch_mailbox(mailbox)
    assert (result.error, result.items) == ("", 1)


def test_the_worker_task_reads_every_active_mailbox(cast, imap_server):
    imap_server.append(two_documents())
    new_mailbox(cast.office, imap_server, name="Ngừng", is_active=False, password="x")
    new_mailbox(cast.office, imap_server)
    outcome = fetch_mailboxes_task.enqueue()
    assert outcome.return_value == 2
    assert Mailbox.objects.get(name="Ngừng").last_checked_at is None


# --- Administration pages --------------------------------------------------------------------


def url(name: str, *args: object) -> str:
    return reverse(f"administration:{name}", args=args)


def mailbox_data(cast, server: ImapServer, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "office": cast.office.pk, "name": "Hộp thư văn thư", "host": server.host,
        "port": server.port, "security": "none", "username": server.user,
        "password": server.password, "folder": "INBOX", "is_active": "on",
    }
    data.update(overrides)
    return data


PAGES = [("mailbox_list", False), ("mailbox_create", False), ("mailbox_edit", True)]
POSTS = ["mailbox_check", "mailbox_fetch", "mailbox_deactivate"]


def test_admin_opens_the_mailbox_pages(cast, client_for, mailbox):
    client = client_for(cast.admin)
    for name, with_id in PAGES:
        args = (mailbox.pk,) if with_id else ()
        assert client.get(url(name, *args)).status_code == 200, name
    assert url("mailbox_list") in client.get(url("index")).content.decode()


@pytest.mark.parametrize("username", ["vanthu", "chutich", "bithu", "chanhvanphong"])
def test_clerks_and_heads_get_403_on_the_mailbox_pages(
    cast, client_for, imap_server, mailbox, username
):
    client = client_for(cast.users[username])
    for name, with_id in PAGES:
        args = (mailbox.pk,) if with_id else ()
        assert client.get(url(name, *args)).status_code == 403, name
    for name in POSTS:
        assert client.post(url(name, mailbox.pk)).status_code == 403, name
    assert client.post(url("mailbox_create"), mailbox_data(cast, imap_server)).status_code == 403
    mailbox.refresh_from_db()
    assert mailbox.is_active and mailbox.last_checked_at is None
    assert Mailbox.objects.count() == 1 and not AuditEvent.objects.exists()


def test_unknown_mailboxes_are_404(cast, client_for):
    client = client_for(cast.admin)
    assert client.get(url("mailbox_edit", 2**63)).status_code == 404
    assert client.post(url("mailbox_fetch", 999999)).status_code == 404


def test_admin_adds_and_edits_a_mailbox_without_seeing_its_password(
    cast, client_for, imap_server
):
    client = client_for(cast.admin)
    response = client.post(url("mailbox_create"), mailbox_data(cast, imap_server))
    assert response.status_code == 302
    mailbox = Mailbox.objects.get()
    assert (mailbox.office, mailbox.password) == (cast.office, imap_server.password)
    page = client.get(url("mailbox_edit", mailbox.pk)).content.decode()
    assert imap_server.password not in page
    # Left empty, the password is kept.
    response = client.post(url("mailbox_edit", mailbox.pk), mailbox_data(
        cast, imap_server, password="", folder="VanBan"))
    assert response.status_code == 302
    mailbox.refresh_from_db()
    assert (mailbox.folder, mailbox.password) == ("VanBan", imap_server.password)
    client.post(url("mailbox_edit", mailbox.pk), mailbox_data(cast, imap_server, password="moi"))
    mailbox.refresh_from_db()
    assert mailbox.password == "moi"
    events = AuditEvent.objects.filter(action__startswith="mailbox.").order_by("id")
    assert [e.action for e in events] == ["mailbox.create", "mailbox.update", "mailbox.update"]
    assert "moi" not in str([e.data for e in events])


def test_a_new_mailbox_needs_a_password_and_a_host(cast, client_for, imap_server):
    client = client_for(cast.admin)
    response = client.post(url("mailbox_create"), mailbox_data(cast, imap_server, password=""))
    assert response.status_code == 200
    assert "Cần ghi mật khẩu." in response.content.decode()
    response = client.post(url("mailbox_create"), mailbox_data(cast, imap_server, host=""))
    assert "Trường này là bắt buộc." in response.content.decode()
    assert not Mailbox.objects.exists()


def test_admin_checks_the_connection(cast, client_for, mailbox):
    client = client_for(cast.admin)
    page = client.post(url("mailbox_check", mailbox.pk), follow=True).content.decode()
    assert "Kết nối được: đăng nhập vanthu" in page and "có 0 thư" in page
    mailbox.password = "sai"
    mailbox.save()
    page = client.post(url("mailbox_check", mailbox.pk), follow=True).content.decode()
    assert "sai tài khoản hoặc mật khẩu" in page


def test_admin_reads_a_mailbox_now(cast, client_for, imap_server, mailbox):
    imap_server.append(two_documents())
    client = client_for(cast.admin)
    page = client.post(url("mailbox_fetch", mailbox.pk), follow=True).content.decode()
    assert "Đã đọc 1 thư mới, 2 văn bản vào hàng chờ." in page
    assert IntakeItem.objects.count() == 2
    assert AuditEvent.objects.filter(action="mailbox.fetch", actor=cast.admin).exists()
    # The list shows when the mailbox was last read.
    assert "Lần đọc gần nhất" in client.get(url("mailbox_list")).content.decode()


def test_admin_deactivates_a_mailbox_and_the_worker_stops_reading_it(
    cast, client_for, imap_server, mailbox
):
    response = client_for(cast.admin).post(url("mailbox_deactivate", mailbox.pk))
    assert response.status_code == 302
    mailbox.refresh_from_db()
    assert not mailbox.is_active
    imap_server.append(two_documents())
    assert fetch_mailboxes_task.enqueue().return_value == 0
    assert AuditEvent.objects.filter(action="mailbox.deactivate").exists()
