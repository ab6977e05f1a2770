"""E-mail intake: the office's IMAP mailboxes, read by the background worker every few
minutes (or at once from the administration page).

Each new message (a UID of the folder not yet recorded for the folder's UIDVALIDITY) is
downloaded without touching its flags and parsed; each attached file goes through the one
door, `receiving.receive_upload`, which unpacks archives and refuses what is not a
document. The `MailMessage`
row and the message's items are written in one transaction, and the row's unique key
(mailbox, uidvalidity, uid) makes a message processed once however many workers read the
mailbox at the same moment: the one that loses the race sees an IntegrityError and skips
it. Only after the commit is the message marked \\Seen on the server, for the people who
also read the mailbox by hand.

Parsing is bounded (STYLE 17): nesting depth and number of parts are counted while the
parser reads. A message that cannot be parsed (too deep, too many parts, broken beyond
what the parser survives) is the message's own fault: it is recorded with the reason
(`MailMessage.error`, shown on the mailbox's page and on the intake queue), marked \\Seen
and \\Flagged on the server, and never read again, so the mailbox moves on. A failure
that may not be the message's fault (storage, database) leaves it for the next run.

Administrators manage mailboxes with the functions at the end of this module (the
`get_mailbox_for_admin` gatekeeper and audited create, update and deactivate actions).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import logging
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from vanphong import clock
from vanphong.audit.actions import record_audit
from vanphong.editing import apply_changes, excluding, has_same_name, values_of
from vanphong.errors import Invalid, NotFound
from vanphong.files.actions import FileRejected
from vanphong.intake.mail_message import (
    Header,
    MessageUnreadable,
    Part,
    read_message,
    rough_header,
)
from vanphong.intake.models import IntakeItem, Mailbox, MailMessage, Security, Source
from vanphong.intake.receiving import receive_upload, start_batch
from vanphong.organizations import access
from vanphong.organizations.models import Office, User
from vanphong.vietnamese import nfc

logger = logging.getLogger(__name__)

#: Seconds to wait for the server at each step (connect, each command).
TIMEOUT = 30
#: Messages read per mailbox per run; the rest wait for the next run.
MESSAGES_PER_RUN = 100
SEEN = b"\\Seen"
FLAGGED = b"\\Flagged"


class MailboxError(Exception):
    """The mailbox could not be read; `message` says why, in Vietnamese."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclasses.dataclass
class FetchResult:
    messages: int = 0  # new messages recorded (the unreadable ones too)
    items: int = 0  # documents put in the intake queue
    skipped: int = 0  # messages another reader recorded first
    rejected: int = 0  # attached files refused (not a document, too large...)
    failed: int = 0  # messages that could not be processed; tried again next run
    unreadable: int = 0  # messages recorded as unreadable, with the reason; not retried
    error: str = ""  # why the mailbox could not be read at all

    def summary(self) -> str:
        if self.error:
            return self.error
        text = f"Đã đọc {self.messages} thư mới, {self.items} văn bản vào hàng chờ"
        if self.rejected:
            text += f", {self.rejected} tệp bị từ chối"
        if self.skipped:
            text += f", {self.skipped} thư đã được đọc trước đó"
        if self.unreadable:
            text += (
                f", {self.unreadable} thư không đọc được (lý do ghi ở danh sách thư "
                "không đọc được của hộp thư)"
            )
        if self.failed:
            text += f", {self.failed} thư chưa xử lý được (sẽ thử lại)"
        return text + "."


# --- Talking to the server -------------------------------------------------------------------


def _tls_context() -> ssl.SSLContext:
    """The system's trusted certificates; an internal CA is added with SSL_CERT_FILE."""
    return ssl.create_default_context()


def _describe(error: BaseException, mailbox: Mailbox) -> str:
    server = f"{mailbox.host}:{mailbox.port}"
    if isinstance(error, MailboxError):
        return error.message
    if isinstance(error, LoginError):
        return (
            f"Máy chủ {server} không chấp nhận tài khoản {mailbox.username}: sai tài "
            "khoản hoặc mật khẩu."
        )
    if isinstance(error, socket.gaierror):
        return f"Không tìm thấy máy chủ {mailbox.host}; kiểm tra tên máy chủ."
    if isinstance(error, ConnectionRefusedError):
        return f"Máy chủ {server} từ chối kết nối; kiểm tra cổng và kiểu bảo mật."
    if isinstance(error, TimeoutError):
        return (
            f"Máy chủ {server} không trả lời sau {TIMEOUT} giây; kiểm tra cổng và kiểu "
            "bảo mật (SSL/TLS thường dùng cổng 993, STARTTLS cổng 143)."
        )
    if isinstance(error, ssl.SSLCertVerificationError):
        return f"Chứng chỉ bảo mật của máy chủ {server} không hợp lệ ({error.verify_message})."
    if isinstance(error, ssl.SSLError):
        return f"Không thiết lập được kết nối mã hoá với {server}; kiểm tra kiểu bảo mật và cổng."
    if isinstance(error, OSError):
        return f"Không kết nối được máy chủ {server}: {error.strerror or error}."
    return f"Máy chủ {server} báo lỗi: {error}."


def _connect(mailbox: Mailbox) -> IMAPClient:
    use_ssl = mailbox.security == Security.SSL
    client = IMAPClient(
        mailbox.host,
        port=mailbox.port,
        ssl=use_ssl,
        timeout=TIMEOUT,
        ssl_context=_tls_context() if use_ssl else None,
    )
    try:
        if mailbox.security == Security.STARTTLS:
            if not client.has_capability("STARTTLS"):
                raise MailboxError(
                    f"Máy chủ {mailbox.host}:{mailbox.port} không hỗ trợ "
                    "STARTTLS; chọn kiểu bảo mật khác."
                )
            client.starttls(_tls_context())
        client.login(mailbox.username, mailbox.password)
    except BaseException:
        with suppress(Exception):
            client.shutdown()
        raise
    client.normalise_times = False
    return client


@contextmanager
def _session(mailbox: Mailbox) -> Iterator[tuple[IMAPClient, int]]:
    """A logged-in client on the mailbox's folder, and the folder's UIDVALIDITY. Any
    failure to reach or read the server comes out as a MailboxError."""
    try:
        client = _connect(mailbox)
    except (OSError, IMAPClientError, MailboxError) as error:
        raise MailboxError(_describe(error, mailbox)) from error
    try:
        try:
            folder = client.select_folder(mailbox.folder)
        except IMAPClientError as error:
            logger.info("Mailbox %s: cannot select %r: %s", mailbox.pk, mailbox.folder, error)
            raise MailboxError(
                f"Không mở được thư mục “{mailbox.folder}” của hộp thư; kiểm "
                "tra tên thư mục (phân biệt chữ hoa, chữ thường)."
            ) from error
        yield client, int(folder.get(b"UIDVALIDITY", 0))
    except (OSError, IMAPClientError) as error:
        raise MailboxError(_describe(error, mailbox)) from error
    finally:
        with suppress(Exception):
            client.logout()


def _new_uids(client: IMAPClient, mailbox: Mailbox, uidvalidity: int) -> list[int]:
    known = set(
        MailMessage.objects.filter(mailbox=mailbox, uidvalidity=uidvalidity).values_list(
            "uid", flat=True
        )
    )
    return sorted(uid for uid in client.search(["NOT", "DELETED"]) if uid not in known)


@dataclasses.dataclass(frozen=True)
class _Raw:
    uid: int
    size: int
    arrived_at: dt.datetime | None
    data: bytes | None  # None when too large to read


def _download(client: IMAPClient, uid: int) -> _Raw | None:
    """The message's bytes, read with BODY.PEEK so that its flags stay as they are;
    None when it was deleted meanwhile."""
    info = client.fetch([uid], ["RFC822.SIZE", "INTERNALDATE"]).get(uid)
    if info is None:
        return None
    size = int(info.get(b"RFC822.SIZE", 0))
    arrived = info.get(b"INTERNALDATE")
    if size > 2 * settings.MAX_UPLOAD_MB * 1024 * 1024:
        return _Raw(uid, size, arrived, None)
    body = client.fetch([uid], ["BODY.PEEK[]"]).get(uid, {}).get(b"BODY[]")
    return None if body is None else _Raw(uid, size, arrived, bytes(body))


# --- Reading one message ---------------------------------------------------------------------


@dataclasses.dataclass
class _Outcome:
    items: int = 0
    waiting: list[str] = dataclasses.field(default_factory=list)
    refused: list[str] = dataclasses.field(default_factory=list)


def _receive_parts(
    mailbox: Mailbox, header: Header, parts: list[Part], arrived_at: dt.datetime | None
) -> _Outcome:
    outcome = _Outcome()
    if not parts:
        return outcome
    batch = start_batch(
        office=mailbox.office,
        source=Source.EMAIL,
        label=f"Thư của {header.sender}: {header.subject}",
    )
    for part in parts:
        try:
            reception = receive_upload(
                office=mailbox.office,
                stream=io.BytesIO(part.data),
                name=part.name,
                size=len(part.data),
                source=Source.EMAIL,
                actor=None,
                sender=header.sender,
                mail_subject=header.subject,
                batch=batch,
                received_at=arrived_at,
            )
        except FileRejected as error:
            outcome.refused.append(error.message)
            continue
        outcome.refused += reception.refused
        for item in reception.items:
            if item.batch_id == batch.pk:
                outcome.items += 1
            else:  # the name in this message, for a file sent alone
                outcome.waiting.append(part.name if len(reception.items) == 1 else item.filename)
    if not IntakeItem.objects.filter(batch=batch).exists():
        batch.delete()
    return outcome


def _note(parts: list[Part], decoration: int, outcome: _Outcome) -> str:
    if not parts:
        return "Thư không có tệp đính kèm; không có văn bản nào được tiếp nhận." + (
            f" Đã bỏ qua {decoration} ảnh nhỏ trong nội dung thư." if decoration else ""
        )
    notes = [f"{outcome.items} văn bản vào hàng chờ."]
    if outcome.waiting:
        notes.append(f"Đã có trong hàng chờ: {', '.join(outcome.waiting)}.")
    if outcome.refused:
        notes.append("Từ chối: " + " ".join(outcome.refused))
    if decoration:
        notes.append(f"Bỏ qua {decoration} ảnh nhỏ trong nội dung thư.")
    note = " ".join(notes)
    return note if len(note) <= 300 else note[:299] + "…"


def _too_large_note(raw: _Raw) -> str:
    return (
        f"Thư quá lớn ({raw.size / 1024 / 1024:.0f} MB) nên không được đọc; tối đa "
        f"{2 * settings.MAX_UPLOAD_MB} MB. Hãy lưu tệp đính kèm và tải lên."
    )


def _parse(raw: _Raw) -> tuple[Header, list[Part], int]:
    if raw.data is None:
        raise MessageUnreadable(_too_large_note(raw))
    return read_message(raw.data)


def _create_record(
    mailbox: Mailbox, uidvalidity: int, raw: _Raw, header: Header, **values: Any
) -> MailMessage | None:
    """The message's row, or None when another reader recorded it first."""
    try:
        with transaction.atomic():
            return MailMessage.objects.create(
                mailbox=mailbox,
                uidvalidity=uidvalidity,
                uid=raw.uid,
                message_id=header.message_id,
                sender=header.sender,
                subject=header.subject,
                sent_at=header.sent_at,
                read_at=clock.now(),
                **values,
            )
    except IntegrityError:
        return None


def _record_unreadable(
    mailbox: Mailbox, uidvalidity: int, raw: _Raw, reason: str, result: FetchResult
) -> MailMessage | None:
    header = rough_header(raw.data or b"")
    with transaction.atomic():
        record = _create_record(
            mailbox, uidvalidity, raw, header, error=reason[:300], note=reason[:300]
        )
        if record is None:
            result.skipped += 1
            return None
        record_audit(
            actor=None,
            action="intake.mail_unreadable",
            target=record,
            office_id=mailbox.office_id,
            mailbox=mailbox.pk,
            uid=raw.uid,
            summary=f"Không đọc được thư UID {raw.uid} của {header.sender or '?'} "
            f"trong hộp thư {mailbox.name}: {reason}"[:300],
        )
    result.messages += 1
    result.unreadable += 1
    return record


def _record_message(
    mailbox: Mailbox, uidvalidity: int, raw: _Raw, result: FetchResult
) -> MailMessage | None:
    """Record the message and queue its files, in one transaction; an unreadable one
    is recorded with its reason. None when another reader recorded it first."""
    try:
        header, parts, decoration = _parse(raw)
    except MessageUnreadable as unreadable:
        return _record_unreadable(mailbox, uidvalidity, raw, unreadable.message, result)
    with transaction.atomic():
        record = _create_record(mailbox, uidvalidity, raw, header, attachments=len(parts))
        if record is None:
            result.skipped += 1
            return None
        outcome = _receive_parts(mailbox, header, parts, raw.arrived_at)
        record.note = _note(parts, decoration, outcome)
        record.save(update_fields=["note"])
        if outcome.items:
            record_audit(
                actor=None,
                action="intake.mail",
                target=record,
                office_id=mailbox.office_id,
                mailbox=mailbox.pk,
                uid=raw.uid,
                summary=f"Đọc thư của {header.sender}: {outcome.items} văn bản "
                f"từ hộp thư {mailbox.name}",
            )
    result.messages += 1
    result.items += outcome.items
    result.rejected += len(outcome.refused)
    return record


def _read_message(
    client: IMAPClient, mailbox: Mailbox, uidvalidity: int, uid: int, result: FetchResult
) -> None:
    raw = _download(client, uid)  # a broken connection ends the whole run
    if raw is None:
        return
    try:
        record = _record_message(mailbox, uidvalidity, raw, result)
    except Exception:
        # Not this message's fault alone (storage full, a bug): leave it unrecorded so
        # the next run tries again, and go on with the others.
        logger.exception("Mailbox %s: message UID %s could not be processed", mailbox.pk, uid)
        result.failed += 1
        return
    if record is not None:
        # Flagged: what the office could not read stands out for whoever reads by hand.
        client.add_flags([uid], [SEEN, FLAGGED] if record.error else [SEEN])


# --- Reading mailboxes -----------------------------------------------------------------------


def _note_check(mailbox: Mailbox, error: str) -> None:
    mailbox.last_checked_at, mailbox.last_error = clock.now(), error
    Mailbox.objects.filter(pk=mailbox.pk).update(
        last_checked_at=mailbox.last_checked_at, last_error=error
    )


def fetch_mailbox(mailbox: Mailbox, *, limit: int = MESSAGES_PER_RUN) -> FetchResult:
    """Read the mailbox's new messages (at most `limit`, oldest first). Never raises for
    a server that cannot be reached: the reason is in the result and in
    `mailbox.last_error` (cleared by the next successful read)."""
    result = FetchResult()
    try:
        with _session(mailbox) as (client, uidvalidity):
            for uid in _new_uids(client, mailbox, uidvalidity)[:limit]:
                _read_message(client, mailbox, uidvalidity, uid, result)
    except MailboxError as error:
        result.error = error.message
    _note_check(mailbox, result.error or _failures_note(result))
    return result


def _failures_note(result: FetchResult) -> str:
    if not result.failed:
        return ""
    return (
        f"{result.failed} thư chưa xử lý được, sẽ thử lại ở lần đọc sau; nếu lỗi lặp lại, "
        "xem nhật ký của máy chủ."
    )


def fetch_all_mailboxes() -> int:
    """Read every active mailbox; the number of documents put in the queue."""
    items = 0
    for mailbox in Mailbox.objects.filter(is_active=True).select_related("office"):
        try:
            items += fetch_mailbox(mailbox).items
        except Exception:
            logger.exception("Mailbox %s could not be read", mailbox.pk)
    return items


def check_connection(mailbox: Mailbox) -> tuple[bool, str]:
    """Log in and open the folder, and say how it went (nothing is read or changed)."""
    try:
        with _session(mailbox) as (client, _uidvalidity):
            count = len(client.search("ALL"))
    except MailboxError as error:
        return False, error.message
    return True, (
        f"Kết nối được: đăng nhập {mailbox.username} trên {mailbox.host}, "
        f"thư mục “{mailbox.folder}” có {count} thư."
    )


# --- Administration --------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class MailboxFields:
    name: str
    host: str
    port: int
    security: str
    username: str
    password: str = ""  # empty when editing: keep the current one
    folder: str = "INBOX"
    is_active: bool = True

    def cleaned(self) -> MailboxFields:
        return dataclasses.replace(
            self,
            name=nfc(self.name),
            host=self.host.strip(),
            username=self.username.strip(),
            folder=self.folder.strip() or "INBOX",
        )


def administered_mailboxes(user: User | None) -> QuerySet[Mailbox]:
    return Mailbox.objects.filter(office__in=access.administered_offices(user))


def get_mailbox_for_admin(user: User | None, mailbox_id: object) -> Mailbox:
    access.require_administrator(user)
    try:
        pk = int(str(mailbox_id))
    except ValueError:
        pk = 0
    mailbox = administered_mailboxes(user).filter(pk=pk if 0 < pk < 2**63 else 0).first()
    if mailbox is None:
        raise NotFound("Không tìm thấy hộp thư hoặc bạn không quản trị văn phòng có hộp thư này.")
    return mailbox


def _check_mailbox(office: Office, fields: MailboxFields, mailbox: Mailbox | None) -> None:
    errors: dict[str, str] = {}
    others = excluding(Mailbox.objects.filter(office=office), mailbox)
    if not fields.name:
        errors["name"] = "Cần ghi tên hộp thư."
    elif has_same_name(others.values_list("name", flat=True), fields.name):
        errors["name"] = f"Văn phòng đã có hộp thư tên {fields.name}."
    if not fields.host:
        errors["host"] = "Cần ghi máy chủ IMAP, ví dụ mail.lamdong.gov.vn."
    if not 0 < fields.port < 65536:
        errors["port"] = "Cổng là số từ 1 đến 65535."
    if fields.security not in Security.values:
        errors["security"] = "Chọn kiểu bảo mật."
    if not fields.username:
        errors["username"] = "Cần ghi tài khoản đăng nhập."
    if mailbox is None and not fields.password:
        errors["password"] = "Cần ghi mật khẩu."  # noqa: S105 — a message, not a secret
    if errors:
        raise Invalid("Thông tin chưa hợp lệ; xem các ô được đánh dấu.", fields=errors)


def _changes_for_audit(changes: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """The password never goes into the audit log, only the fact that it changed."""
    if "password" in changes:
        changes["password"] = ["…", "(đã đổi)"]
    return changes


@transaction.atomic
def create_mailbox(*, actor: User, office: Office, fields: MailboxFields) -> Mailbox:
    access.require_office(actor, office.pk)
    fields = fields.cleaned()
    _check_mailbox(office, fields, None)
    mailbox = Mailbox.objects.create(office=office, **values_of(fields))
    record_audit(
        actor=actor,
        action="mailbox.create",
        target=mailbox,
        summary=f"Thêm hộp thư nhận văn bản {mailbox}",
    )
    return mailbox


@transaction.atomic
def update_mailbox(*, actor: User, mailbox: Mailbox, fields: MailboxFields) -> Mailbox:
    access.require_office(actor, mailbox.office_id)
    fields = fields.cleaned()
    _check_mailbox(mailbox.office, fields, mailbox)
    values = values_of(fields)
    if not fields.password:
        del values["password"]
    changes = apply_changes(mailbox, values)
    if changes:
        mailbox.save()
        record_audit(
            actor=actor,
            action="mailbox.update",
            target=mailbox,
            changes=_changes_for_audit(changes),
            summary=f"Sửa hộp thư {mailbox}",
        )
    return mailbox


@transaction.atomic
def deactivate_mailbox(*, actor: User, mailbox: Mailbox) -> Mailbox:
    """Kept with the messages already read, so it is not read twice if used again."""
    access.require_office(actor, mailbox.office_id)
    if mailbox.is_active:
        mailbox.is_active = False
        mailbox.save(update_fields=["is_active"])
        record_audit(
            actor=actor,
            action="mailbox.deactivate",
            target=mailbox,
            summary=f"Ngừng đọc hộp thư {mailbox}",
        )
    return mailbox


def fetch_mailbox_now(*, actor: User, mailbox: Mailbox) -> FetchResult:
    """An administrator's "read now": the same reading as the worker's, audited."""
    access.require_office(actor, mailbox.office_id)
    result = fetch_mailbox(mailbox)
    record_audit(
        actor=actor,
        action="mailbox.fetch",
        target=mailbox,
        summary=f"Đọc ngay hộp thư {mailbox.name}: {result.summary()}"[:300],
        **{k: v for k, v in dataclasses.asdict(result).items() if k != "error"},
    )
    return result
