"""Bounds on what a zip archive that arrived from outside may unpack to (STYLE 17): a
Word file is a zip, and a small one can inflate to gigabytes ("zip bomb"). Every reader
of Word files — intake's text reading, the outgoing rendering — checks here first, while
streaming, so a hostile file is refused with its reason instead of taking the memory."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import IO


class TooLarge(ValueError):
    """The file would need more than its bounds allow; `message` is Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- Word files (zip archives) -----------------------------------------------------------

#: Members of a .docx archive (a real one has a few dozen, a few hundred with images).
DOCX_MAX_MEMBERS = 1000
#: What the whole archive, and one member, may unpack to.
DOCX_MAX_TOTAL = 200 * 1024 * 1024
DOCX_MAX_MEMBER = 64 * 1024 * 1024
#: Unpacked/packed ratio beyond which a sizeable member is a bomb (XML rarely passes 30).
DOCX_MAX_RATIO = 200
DOCX_RATIO_FROM = 2 * 1024 * 1024
_CHUNK = 1024 * 1024

WORD_TOO_LARGE = "Tệp Word bung ra quá lớn so với kích thước của nó (có thể là “bom giải nén”)"


def _refuse_word(detail: str) -> TooLarge:
    return TooLarge(f"{WORD_TOO_LARGE}: {detail}; không đọc tự động được.")


def check_docx(source: Path | IO[bytes], *, label: str = "Word") -> None:
    """Read every member of the archive through, counting what it unpacks to, and stop
    at the first bound passed: the declared sizes are checked first, then the real bytes
    (a member may lie about its size). Raises TooLarge, or ValueError for a broken zip.
    Also for the other zip-based documents (XLSX, ODT, ODS), named by `label`."""
    try:
        _check_zip(source)
    except TooLarge as refused:
        raise TooLarge(refused.message.replace("Tệp Word", f"Tệp {label}", 1)) from None


def _check_zip(source: Path | IO[bytes]) -> None:
    try:
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
            if len(members) > DOCX_MAX_MEMBERS:
                raise _refuse_word(f"{len(members)} thành phần, tối đa {DOCX_MAX_MEMBERS}")
            declared = sum(m.file_size for m in members)
            if declared > DOCX_MAX_TOTAL:
                raise _refuse_word(f"{declared // (1024 * 1024)} MB khi giải nén")
            total = 0
            for member in members:
                total += _read_member(archive, member, already=total)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError,
            EOFError) as error:
        raise ValueError(f"broken docx archive: {error}") from None


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, *, already: int) -> int:
    if member.file_size > DOCX_MAX_MEMBER:
        raise _refuse_word(f"thành phần {member.filename[:80]} "
                           f"{member.file_size // (1024 * 1024)} MB")
    packed = max(member.compress_size, 1)
    read = 0
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            read += len(chunk)
            if read > DOCX_MAX_MEMBER or already + read > DOCX_MAX_TOTAL:
                raise _refuse_word(f"thành phần {member.filename[:80]} bung quá giới hạn")
            if read > DOCX_RATIO_FROM and read / packed > DOCX_MAX_RATIO:
                raise _refuse_word(f"thành phần {member.filename[:80]} nén {read // packed} lần")
    return read
