"""Unpacking an uploaded zip (an archival package) into a folder, bounded: the zip's own
size, the number of members, each member's size and compression ratio and the total are
checked from the central directory first, then counted again while each member is
streamed to disk in chunks — a declared size is never trusted alone. Every member name is
a plain relative path under one top folder. A damaged, encrypted or oddly compressed zip
is refused with a Vietnamese message (`Invalid`), never an exception of the zip library.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import IO

from django.conf import settings

from vanphong.errors import Invalid

MIB = 1024 * 1024
MAX_PACKAGE = 500 * MIB  # the zip as uploaded
MAX_UNPACKED = 1024 * MIB  # every member together, unpacked
MAX_MEMBERS = 5000
#: Unpacked / packed size above which a member is refused: scans, PDFs and Word files
#: compress a few times at most, text tenfold; only a bomb compresses a hundredfold.
MAX_RATIO = 100
RATIO_FLOOR = MIB  # small members (manifests, XML) may compress as they like
CHUNK = 256 * 1024
METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)

NOT_ZIP = "Tệp không phải gói hồ sơ (.zip)."
TOO_BIG = "Gói hồ sơ quá lớn"
TOO_MANY = f"Gói hồ sơ có quá nhiều tệp (tối đa {MAX_MEMBERS})."
BOMB = (f"Gói hồ sơ có tệp nén với tỷ lệ nén quá cao (trên {MAX_RATIO} lần): không phải tài "
        "liệu thật, không giải nén.")
DAMAGED = "Gói hồ sơ bị hỏng (dữ liệu nén hoặc mã kiểm tra CRC không đúng)."
ENCRYPTED = ("Gói hồ sơ được mã hóa (đặt mật khẩu): không nhập được; hãy xuất lại gói không "
             "mật khẩu.")
METHOD = "Gói hồ sơ dùng kiểu nén không được hỗ trợ (chỉ nhận zip không nén hoặc nén Deflate)."
BAD_NAME = "Gói hồ sơ có đường dẫn không hợp lệ."
ONE_TOP = "Gói hồ sơ phải có đúng một thư mục gói."
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\\:]")


def member_limit() -> int:
    """A member is at most what one stored file may be (it becomes one)."""
    return int(settings.MAX_UPLOAD_MB) * MIB


def _too_big(what: str) -> Invalid:
    return Invalid(f"{TOO_BIG}: {what}.")


@dataclasses.dataclass
class _Budget:
    left: int

    def take(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            raise _too_big(f"giải nén quá {MAX_UNPACKED // MIB} MB")


def _size_of(source: IO[bytes]) -> int:
    source.seek(0, 2)
    size = source.tell()
    source.seek(0)
    return size


def open_zip(source: IO[bytes]) -> zipfile.ZipFile:
    if _size_of(source) > MAX_PACKAGE:
        raise _too_big(f"tối đa {MAX_PACKAGE // MIB} MB")
    try:
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError):
        raise Invalid(NOT_ZIP) from None


def _parts(name: str) -> tuple[str, ...]:
    """The member's path as plain parts, or a refusal: no absolute path, no "..", no
    backslash, drive letter or control character, no empty part."""
    path = PurePosixPath(name.rstrip("/"))
    parts = path.parts
    if (not parts or path.is_absolute() or _UNSAFE.search(name)
            or any(p in ("", ".", "..") for p in parts)):
        raise Invalid(BAD_NAME)
    return parts


def check_declared(members: list[zipfile.ZipInfo]) -> None:
    """What the central directory says, before anything is unpacked."""
    if len(members) > MAX_MEMBERS:
        raise Invalid(TOO_MANY)
    limit, names, tops = member_limit(), set(), set()
    for member in members:
        parts = _parts(member.filename)
        if parts in names:
            raise Invalid(BAD_NAME)
        names.add(parts)
        tops.add(parts[0] if len(parts) > 1 or member.is_dir() else "")
        if member.flag_bits & 0x1:
            raise Invalid(ENCRYPTED)
        if member.compress_type not in METHODS:
            raise Invalid(METHOD)
        if member.file_size > limit:
            raise _too_big(f"một tệp quá {limit // MIB} MB")
        if member.file_size > max(RATIO_FLOOR, member.compress_size * MAX_RATIO):
            raise Invalid(BOMB)
    if sum(m.file_size for m in members) > MAX_UNPACKED:
        raise _too_big(f"giải nén quá {MAX_UNPACKED // MIB} MB")
    if len(tops) != 1 or "" in tops:
        raise Invalid(ONE_TOP)


def _copy(archive: zipfile.ZipFile, member: zipfile.ZipInfo, target: Path,
          budget: _Budget) -> None:
    """Stream one member to `target`, counting what really comes out."""
    allowed = min(member_limit(), max(RATIO_FLOOR, member.compress_size * MAX_RATIO))
    written = 0
    with archive.open(member) as source, target.open("xb") as out:
        while chunk := source.read(CHUNK):
            written += len(chunk)
            budget.take(len(chunk))
            if written > allowed:
                raise Invalid(BOMB if allowed < member_limit() else TOO_BIG + ".")
            out.write(chunk)


def unpack(source: IO[bytes], into: Path) -> Path:
    """Unpack the zip into the (empty) folder; returns its one top folder."""
    with open_zip(source) as archive:
        members = archive.infolist()
        check_declared(members)
        budget = _Budget(MAX_UNPACKED)
        try:
            for member in members:
                target = into.joinpath(*_parts(member.filename))
                if member.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                _copy(archive, member, target, budget)
        except (zipfile.BadZipFile, zlib.error, EOFError):
            raise Invalid(DAMAGED) from None
        except RuntimeError:  # encrypted after all (strong encryption in the local header)
            raise Invalid(ENCRYPTED) from None
        except NotImplementedError:
            raise Invalid(METHOD) from None
        except OSError:  # a file where a folder must go, or the other way round
            raise Invalid(BAD_NAME) from None
    [top] = list(into.iterdir())
    return top
