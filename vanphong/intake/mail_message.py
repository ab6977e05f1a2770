"""Reading one e-mail message: its header and the files attached to it, within bounds.

The standard library's parser is used, counting parts and nesting while it reads
(STYLE 17): a message nested deeper than MAX_DEPTH or with more than MAX_PARTS parts,
or one the parser cannot survive (a RecursionError in a crafted header, an unknown
charset...), is `MessageUnreadable` with the reason in Vietnamese. Parsing touches
nothing outside the message, so such a failure is the message's own fault.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email.feedparser
import email.message
import email.parser
import email.policy
import logging
import mimetypes
from collections.abc import Callable
from contextlib import suppress
from pathlib import PurePosixPath
from typing import Any

from vanphong.vietnamese import nfc

logger = logging.getLogger(__name__)

#: Inline images smaller than this are logos and signatures, not scanned pages.
SMALL_INLINE_IMAGE = 16 * 1024
#: Parts that sign the message rather than carry a document.
SIGNATURE_TYPES = {
    "application/pkcs7-signature",
    "application/x-pkcs7-signature",
    "application/pgp-signature",
}
#: Forwarded messages nested deeper than this, or more parts in all, make a message
#: unreadable (a real one nests two or three, with a few parts).
MAX_DEPTH = 10
MAX_PARTS = 500
#: Bytes fed to the parser at a time.
FEED_CHUNK = 64 * 1024


class MessageUnreadable(Exception):
    """The message cannot be read within the bounds; `message` says why (Vietnamese)."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclasses.dataclass(frozen=True)
class Header:
    sender: str
    subject: str
    sent_at: dt.datetime | None
    message_id: str


NO_HEADER = Header(sender="", subject="", sent_at=None, message_id="")


@dataclasses.dataclass(frozen=True)
class Part:
    name: str
    data: bytes


class _BoundedParser(email.feedparser.BytesFeedParser):
    """The standard parser, counting parts and nesting as it meets them: a message
    nested 1,500 deep stops at MAX_DEPTH instead of exhausting the recursion limit."""

    def __init__(self) -> None:
        super().__init__(policy=email.policy.default)
        self._parts = 0

    def _new_message(self) -> None:
        self._parts += 1
        if self._parts > MAX_PARTS:
            raise MessageUnreadable(f"Thư có hơn {MAX_PARTS} phần; không đọc tự động được.")
        if len(self._msgstack) >= MAX_DEPTH:  # type: ignore[attr-defined]
            raise MessageUnreadable(
                f"Thư lồng nhau quá {MAX_DEPTH} cấp (thư chuyển tiếp trong thư chuyển tiếp); "
                "không đọc tự động được."
            )
        super()._new_message()  # type: ignore[misc]


def _parse(data: bytes) -> email.message.EmailMessage:
    parser = _BoundedParser()
    for start in range(0, len(data), FEED_CHUNK):
        parser.feed(data[start : start + FEED_CHUNK])
    message = parser.close()
    assert isinstance(message, email.message.EmailMessage)  # what policy.default makes
    return message


def read_message(data: bytes) -> tuple[Header, list[Part], int]:
    """The message's header, its attached files (forwarded messages included) and the
    number of small inline images left out as decoration. Raises MessageUnreadable."""
    try:
        message = _parse(data)
        return _header(message), *_attachments(message)
    except MessageUnreadable:
        raise
    except Exception as error:
        # RecursionError in a header, LookupError for a charset, MemoryError...
        logger.info("Unreadable message: %r", error)
        raise MessageUnreadable("Thư sai định dạng nên không đọc được.") from None


def rough_header(data: bytes) -> Header:
    """The top-level header of an unreadable message, each field as far as it can be
    read, so that the administrator can find the message in the mailbox."""
    try:
        parser = email.parser.BytesHeaderParser(policy=email.policy.default)
        message = parser.parsebytes(data[:FEED_CHUNK])
    except Exception:
        return NO_HEADER
    assert isinstance(message, email.message.EmailMessage)
    fields = dataclasses.asdict(NO_HEADER)
    for name, read in _FIELDS.items():
        with suppress(Exception):  # a RecursionError in one header leaves the others
            fields[name] = read(message)
    return Header(**fields)


def _sender(message: email.message.EmailMessage) -> str:
    header = message.get("From")
    if header is None:
        return ""
    addresses = getattr(header, "addresses", ())
    if not addresses:
        return nfc(str(header))
    first = addresses[0]
    name = nfc(first.display_name)
    return f"{name} <{first.addr_spec}>" if name else first.addr_spec


def _sent_at(message: email.message.EmailMessage) -> dt.datetime | None:
    with suppress(Exception):
        when = message["Date"].datetime
        if when is not None and when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
        return when
    return None


_FIELDS: dict[str, Callable[[email.message.EmailMessage], Any]] = {
    "sender": lambda message: _sender(message)[:300],
    "subject": lambda message: nfc(str(message.get("Subject", "")))[:500],
    "sent_at": _sent_at,
    "message_id": lambda message: str(message.get("Message-ID", "")).strip()[:300],
}


def _header(message: email.message.EmailMessage) -> Header:
    return Header(**{name: read(message) for name, read in _FIELDS.items()})


def _file_name(part: email.message.EmailMessage, number: int) -> str:
    name = nfc(PurePosixPath((part.get_filename() or "").replace("\\", "/")).name)
    if name:
        return name
    extension = mimetypes.guess_extension(part.get_content_type()) or ""
    return f"tep-dinh-kem-{number}{extension}"


def _attachments(message: email.message.EmailMessage) -> tuple[list[Part], int]:
    """The files attached to the message (forwarded messages included) and the number
    of small inline images left out as decoration."""
    parts: list[Part] = []
    decoration = 0
    for part in message.walk():
        disposition = part.get_content_disposition()
        if part.is_multipart() or part.get_content_type() in SIGNATURE_TYPES:
            continue
        if not part.get_filename() and disposition != "attachment":
            continue  # the text of the message
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        shown_in_text = disposition != "attachment" or part["Content-ID"] is not None
        if (
            shown_in_text
            and part.get_content_maintype() == "image"
            and len(data) < SMALL_INLINE_IMAGE
        ):
            decoration += 1
            continue
        parts.append(Part(_file_name(part, len(parts) + 1), data))
    return parts, decoration
