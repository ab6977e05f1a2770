"""Where the document starts in the text it came in.

Text copied from a web page or a portal carries the site's own words before the document:
menus, breadcrumbs, a title, "Văn bản pháp luật", a metadata table ("Số hiệu: … Người ký:
…"), "Nội dung toàn văn …". Read as a header, they give a wrong issuer, and a "Quyết định số
12/QĐ-UBND" in a page title gives a number before the real one. The document's header is
anchored on what every header has — the motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
"ĐẢNG CỘNG SẢN VIỆT NAM", the Front's and the associations' headings) or, without one, a
"Số:" line opening a cell — and begins at the issuer's lines just above that anchor.
Everything before is left out of the reading.
"""

from __future__ import annotations

import re

from vanphong.intake.extraction_code import CODE, TYPE_KEYS
from vanphong.intake.extraction_page import Cell, Page, is_caps, is_motto, words_of
from vanphong.intake.extraction_parts import BODY_START, UNIT_START

#: The issuer's name takes at most this many lines above the anchor (parent body, body,
#: a wrapped line, the Party's "*" or a rule), with blank lines between them.
_ISSUER_LINES = 5
_GAP_LINES = 10
#: Words that open a site's text, never an issuer's line.
_SITE_WORDS = (
    "trang chu", "van ban", "thu vien", "tin tuc", "thong tin chung", "lien he", "dang nhap",
    "tim kiem", "gioi thieu", "danh muc", "tai ve", "tai van ban", "noi dung", "thuoc tinh",
    "luoc do", "hieu luc", "so hieu", "loai van ban", "co quan ban hanh", "nguoi ky",
    "ngay ban hanh", "linh vuc", "tinh trang", "ban in", "chia se", "xem them", "cong bao",
    "ngay dang", "ngay hieu luc", "trich yeu", "nguon", "luot xem", "chi tiet", "muc luc",
)  # fmt: skip


def _printed_motto(cell: Cell) -> bool:
    """A motto as a header prints it: in capitals ("Độc lập - Tự do - Hạnh phúc" aside) —
    not "Đoàn Thanh niên Cộng sản Hồ Chí Minh" named in a sentence."""
    return is_motto(cell.folded) and (
        is_caps(cell.text) or words_of(cell.folded).startswith(("doc lap", "tu do", "hanh phuc"))
    )


#: How far above a motto the number may stand (it sits under the issuer's name, and some
#: pages give the whole left column, "V/v" included, before the right one).
_NUMBER_ABOVE = 12


def _anchor(page: Page) -> int:
    """The line of the first motto — or of a "Số:" line a little above it —, else of the
    first "Số:" opening a cell; -1 if none."""
    codes = [
        index
        for index, row in enumerate(page.lines)
        if row and CODE.match(page.folded[row[0].start : row[-1].end])
    ]
    for index, row in enumerate(page.lines):
        if any(_printed_motto(cell) for cell in row):
            above = [code for code in codes if index - _NUMBER_ABOVE <= code < index]
            return above[0] if above else index
    return codes[0] if codes else -1


def _decoration(row: list[Cell]) -> bool:
    """A line of no words: the Party's star, a rule left after cleaning, a lone "|"."""
    return not any(re.search(r"[^\W\d_]", cell.text) for cell in row)


def _opens(words: str, key: str) -> bool:
    return words == key or words.startswith(key + " ")


def _issuer_line(row: list[Cell]) -> bool:
    """A line that may hold the issuer's name: short, no sentence, and in capitals or
    opening with a body's word ("Ủy ban nhân dân", "Huyện ủy", "Sở", "xã Tân Hòa")."""
    text = " ".join(cell.text for cell in row)
    words = words_of(" ".join(cell.folded for cell in row))
    if len(text) > 90 or words.startswith(_SITE_WORDS) or re.search(r"[.:;?!]\s*$", text):
        return False
    if CODE.match(row[0].folded) or any(
        words == key or words.startswith(key + " ") for key, _ in TYPE_KEYS
    ):
        return False
    if all(is_caps(cell.text) for cell in row):
        return True
    return bool(BODY_START.match(words) or UNIT_START.match(words)) and len(text) <= 60


def _passed_over(row: list[Cell]) -> bool:
    first = row[0].folded
    return bool(CODE.match(first) or re.match(r"v ?/ ?v\b|ve viec\b", first))


def header_start(page: Page) -> int:
    """The first line of the document's header (0 when nothing comes before it)."""
    anchor = _anchor(page)
    if anchor <= 0:
        return 0
    start, taken, gap = anchor, 0, 0
    for index in range(anchor - 1, -1, -1):
        row = page.lines[index]
        if not row or _decoration(row):
            gap += 1
            if gap > _GAP_LINES:
                break
            continue
        if _passed_over(row):
            continue  # the number or the "V/v" under the issuer, above a motto set lower
        if not _issuer_line(row) or taken >= _ISSUER_LINES:
            break
        start, taken, gap = index, taken + 1, 0
    return start
