"""Unpacking the archives (.zip, .7z, .rar) that documents travel in, with libarchive,
within the upload limits (STYLE 17): what all members unpack to together is at most what
one submission may carry (VANPHONG_MAX_REQUEST_MB), each member at most one file's limit,
at most `MAX_MEMBERS` files and `MAX_DEPTH` archives one inside another, and a small
archive may not unpack to hundreds of times its size. Every bound is counted on the bytes
really read, not on what the headers declare.

Nothing from outside names a path (STYLE 16): members are written under numbered names in
a private folder; their own names are only shown, and a name that climbs out of the
archive ("../", "/etc/...") refuses the whole archive as hostile. Links and devices are
not files: they are reported, as is every member refused later by its kind check.
"""

from __future__ import annotations

import contextlib
import dataclasses
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import libarchive
from django.conf import settings
from libarchive.exception import ArchiveError

from vanphong.files import content

#: Files in one archive, nested archives' members included.
MAX_MEMBERS = 200
#: Archives one inside another (an archive in an archive is 2).
MAX_DEPTH = 3
#: Unpacked/packed ratio beyond which an archive that unpacks past RATIO_FROM is a bomb.
MAX_RATIO = 100
RATIO_FROM = 10 * 1024 * 1024
#: What systems add to archives and nobody sends on purpose: skipped without a word.
_JUNK_NAMES = {".ds_store", "thumbs.db", "desktop.ini"}
BOMB = "Tệp nén “{name}” bung ra quá lớn (có thể là “bom giải nén”): {detail}; không giải nén."
ENCRYPTED = ("Tệp nén “{name}” có mật khẩu nên không giải nén được; hãy đề nghị nơi gửi "
             "gửi lại tệp không đặt mật khẩu, hoặc giải nén rồi tải lên từng tệp.")
BROKEN = "Tệp nén “{name}” bị hỏng hoặc không đọc được."
TRAVERSAL = ("Tệp nén “{name}” có thành phần mang đường dẫn ra ngoài tệp nén (“{member}”); "
             "không giải nén vì lý do an toàn.")


class ArchiveRefused(ValueError):
    """The archive as a whole is refused; `message` is Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclasses.dataclass(frozen=True)
class Member:
    """A file unpacked from an archive: its name as shown (inside the archive), where
    its bytes are, how many."""

    name: str
    path: Path
    size: int


@dataclasses.dataclass
class Unpacked:
    members: list[Member] = dataclasses.field(default_factory=list)
    #: Members not unpacked, each with its reason (Vietnamese).
    refused: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class _Budget:
    archive: str
    packed: int
    read: int = 0
    files: int = 0

    def count(self, size: int) -> None:
        self.read += size
        total = settings.VANPHONG_MAX_REQUEST_MB
        if self.read > total * 1024 * 1024:
            raise ArchiveRefused(BOMB.format(name=self.archive,
                                             detail=f"hơn {total} MB khi giải nén"))
        if self.read > RATIO_FROM and self.read > MAX_RATIO * max(self.packed, 1):
            raise ArchiveRefused(BOMB.format(
                name=self.archive, detail=f"nén hơn {MAX_RATIO} lần"))


@contextlib.contextmanager
def unpack(path: Path, *, name: str) -> Iterator[Unpacked]:
    """The files in the archive at `path` (nested archives unpacked too), in a private
    folder that lives as long as the block. Raises ArchiveRefused for a bomb, a
    hostile name, an encrypted or a broken archive."""
    with tempfile.TemporaryDirectory(prefix="vanphong-unpack-") as folder:
        result = Unpacked()
        budget = _Budget(archive=name, packed=path.stat().st_size)
        _unpack_into(path, Path(folder), result, budget, prefix="", depth=1)
        yield result


def _unpack_into(path: Path, folder: Path, result: Unpacked, budget: _Budget, *,
                 prefix: str, depth: int) -> None:
    try:
        with libarchive.file_reader(str(path)) as archive:
            for entry in archive:
                _take(entry, folder, result, budget, prefix=prefix, depth=depth)
    except ArchiveError as error:
        detail = str(getattr(error, "msg", error)).lower()
        template = ENCRYPTED if any(w in detail for w in ("passphrase", "encrypt", "decrypt"))\
            else BROKEN
        raise ArchiveRefused(template.format(name=budget.archive)) from None


def _shown_name(entry: libarchive.ArchiveEntry) -> str | None:
    try:
        raw = entry.pathname or ""
    except UnicodeDecodeError:
        return None
    return unicodedata.normalize("NFC", raw.replace("\\", "/"))


def _take(entry: libarchive.ArchiveEntry, folder: Path, result: Unpacked, budget: _Budget, *,
          prefix: str, depth: int) -> None:
    raw = _shown_name(entry)
    shown = prefix + (raw or f"tệp {budget.files + 1}")
    parts = PurePosixPath(raw or "x").parts
    if raw and (raw.startswith("/") or ".." in parts or ":" in parts[0]):
        raise ArchiveRefused(TRAVERSAL.format(name=budget.archive, member=raw[:80]))
    if entry.isdir or _junk(parts):
        return
    if not entry.isfile:
        result.refused.append(f"“{shown}” trong tệp nén không phải là tệp (liên kết hoặc "
                              "thiết bị); đã bỏ qua.")
        return
    budget.files += 1
    if budget.files > MAX_MEMBERS:
        raise ArchiveRefused(BOMB.format(name=budget.archive,
                                         detail=f"hơn {MAX_MEMBERS} tệp"))
    target = folder / f"{budget.files:04d}"
    size = _write(entry, target, budget)
    if size is None:
        result.refused.append(f"Tệp “{shown}” trong tệp nén quá lớn; tối đa "
                              f"{settings.MAX_UPLOAD_MB} MB mỗi tệp.")
        return
    _keep(Member(name=shown, path=target, size=size), folder, result, budget, depth=depth)


def _junk(parts: tuple[str, ...]) -> bool:
    return parts[0] == "__MACOSX" or parts[-1].startswith("._") \
        or parts[-1].lower() in _JUNK_NAMES


def _write(entry: libarchive.ArchiveEntry, target: Path, budget: _Budget) -> int | None:
    """Copy the member's bytes, counting them against the bounds; None when the member
    alone passes one file's limit (the rest of its bytes are not read)."""
    limit = settings.MAX_UPLOAD_MB * 1024 * 1024
    written = 0
    with open(target, "wb") as out:
        for block in entry.get_blocks():
            written += len(block)
            budget.count(len(block))
            if written > limit:
                break
            out.write(block)
    if written > limit:
        target.unlink()
        return None
    return written


def _keep(member: Member, folder: Path, result: Unpacked, budget: _Budget, *,
          depth: int) -> None:
    with open(member.path, "rb") as stream:
        try:
            kind = content.sniff(stream)
        except content.UnsupportedContent:
            kind = None
    if kind is None or kind.key not in content.ARCHIVE:
        result.members.append(member)
        return
    if depth >= MAX_DEPTH:
        raise ArchiveRefused(BOMB.format(name=budget.archive,
                                         detail=f"hơn {MAX_DEPTH} lớp tệp nén lồng nhau"))
    inner = folder / f"{member.path.name}-d"
    inner.mkdir()
    _unpack_into(member.path, inner, result, budget, prefix=member.name + " › ",
                 depth=depth + 1)
