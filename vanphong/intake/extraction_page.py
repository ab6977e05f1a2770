"""The page model of header extraction: the text in NFC with a same-length folded copy
and offsets back to the input, cut into cells (extraction.py explains why), and the
`Field` a value read from it becomes.
"""

from __future__ import annotations

import dataclasses
import html
import re
import unicodedata
from collections.abc import Iterator

from vanphong.vietnamese import fold


@dataclasses.dataclass(frozen=True)
class Field:
    """One proposed value: `span` is (start, end) in the text given to `extract`."""

    value: str | None
    confidence: float
    span: tuple[int, int] | None = None


MISSING = Field(None, 0.0, None)


# --- the page: NFC text, a same-length folded copy, offsets back to the input, cells ---

_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))


@dataclasses.dataclass(frozen=True)
class Cell:
    line: int
    start: int
    end: int
    text: str
    folded: str


@dataclasses.dataclass(frozen=True)
class Page:
    text: str
    folded: str
    starts: list[int]
    ends: list[int]
    lines: list[list[Cell]]

    def field(self, value: str | None, confidence: float, start: int, end: int) -> Field:
        if not value:
            return MISSING
        span = (self.starts[start], self.ends[end - 1]) if end > start else None
        return Field(value, round(confidence, 2), span)

    def cells(self, first_line: int = 0) -> Iterator[Cell]:
        for row in self.lines[first_line:]:
            yield from row

    def from_line(self, first: int) -> Page:
        """The page with its lines before `first` blanked out (a site's menus and titles
        above the document): offsets and line numbers stay as they were."""
        if first <= 0:
            return self
        cut = 0
        for _ in range(first):
            cut = self.text.index("\n", cut) + 1
        blank = re.sub(r"[^\n]", " ", self.text[:cut])
        return dataclasses.replace(
            self,
            text=blank + self.text[cut:],
            folded=blank + self.folded[cut:],
            lines=[[] for _ in range(first)] + self.lines[first:],
        )


#: A character reference a web page left in its text ("&#7899;", "&#x1EDB;", "&amp;").
_ENTITY = r"&#[0-9]{2,7};|&#[xX][0-9a-fA-F]{2,6};|&(?:amp|nbsp|quot|apos|lt|gt);"
#: Control characters (not tab or line break) a converter or a broken encoding leaves.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\ufeff]")
#: Rules drawn under a name or between columns ("-------", "_____", "======"): not text.
_RULES = re.compile(r"[-_=~]{3,}")
#: A converter's page mark glued to the header's first word: "Trang 1UỶ BAN NHÂN DÂN".
_PAGE_MARK = re.compile(r"(?m)^[ \t]*Trang \d{1,3}(?=[^\W\d_])")


def _plain(piece: str) -> str:
    if piece.startswith("&"):
        piece = html.unescape(piece)
    piece = unicodedata.normalize("NFC", piece).translate(_DASHES)
    return {"\r\n": "\n", "\r": "\n", "\u00a0": " "}.get(piece, piece)


def _normalize(text: str) -> tuple[str, list[int], list[int]]:
    """NFC per base character with its marks, character references decoded and controls
    blanked, so each output character knows its source."""
    text = _CONTROLS.sub(" ", text)
    if "\r" not in text and "&" not in text and unicodedata.is_normalized("NFC", text):
        plain = text.translate(_DASHES).replace("\u00a0", " ")
        return plain, list(range(len(text))), list(range(1, len(text) + 1))
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pattern = _ENTITY + r"|\r\n|.[\u0300-\u036f]*|\n"
    for match in re.finditer(pattern, text, re.DOTALL):
        piece = _plain(match.group())
        for char in piece:
            out.append(char)
            starts.append(match.start())
            ends.append(match.end())
    return "".join(out), starts, ends


#: Letters OCR puts for Đ: the Icelandic eth looks the same.
_ETH = {"Ð": "d", "ð": "d"}


def _fold_aligned(text: str) -> str:
    return text.translate(
        {ord(char): _ETH.get(char) or (fold(char) or char)[0] for char in set(text)}
    )


MOTTOS = {
    "cong hoa xa hoi chu nghia viet nam",
    "doc lap tu do hanh phuc",
    "dang cong san viet nam",
    "doan tncs ho chi minh",
    "doan thanh nien cong san ho chi minh",
    "hoi nong dan viet nam",
    "hoi lien hiep phu nu viet nam",
    "hoi cuu chien binh viet nam",
    "doi tntp ho chi minh",
    "doi thieu nien tien phong ho chi minh",
}


def _motto_parts() -> set[str]:
    """The pieces a motto is broken into when its line wraps or the columns interleave:
    "CỘNG HÒA XÃ HỘI" / "CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do" / "Hạnh phúc"."""
    parts: set[str] = set()
    for motto, shortest in (
        ("cong hoa xa hoi chu nghia viet nam", 3),
        ("doc lap tu do hanh phuc", 2),
        ("dang cong san viet nam", 3),
    ):
        words = motto.split()
        for cut in range(shortest, len(words) - 1):
            parts.add(" ".join(words[:cut]))
        for cut in range(1, len(words) - shortest + 1):
            parts.add(" ".join(words[cut:]))
    return parts


_MOTTO_PARTS = _motto_parts()


def is_motto(folded: str) -> bool:
    """Whether a cell is a national or Party motto, whole or a wrapped piece of one."""
    words = " ".join(re.findall(r"[a-z0-9]+", folded))
    return words in MOTTOS or words in _MOTTO_PARTS


#: The long headings are found even glued to the issuer's last word without a space
#: ("DU LỊCHCỘNG HÒA..." from OCR of a wide left column).
_MOTTO = re.compile(
    r"(?:(?<![a-z])|(?=cong hoa xa hoi|dang cong san))(?:"
    + "|".join(r"[\W_]+".join(motto.split()) for motto in sorted(MOTTOS, key=len, reverse=True))
    + r")(?:(?![a-z])|(?=doc lap))"  # "…VIỆT NAMĐộc lập": the two lines glued
)


def _printed_mottos(text: str, folded: str, start: int, end: int) -> list[re.Match[str]]:
    """The mottos between `start` and `end` as a header prints them, in capitals ("Độc lập -
    Tự do - Hạnh phúc" aside): "Cổng thông tin điện tử Đảng Cộng sản Việt Nam" holds none."""
    return [
        match
        for match in _MOTTO.finditer(folded, start, end)
        if is_caps(text[match.start() : match.end()]) or match.group().startswith("doc")
    ]


def _cut_mottos(text: str, folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a cell around a motto OCR glued to a neighbour with one space:
    "UBND XÃ TÂN HÒA CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" is two cells."""
    found = _printed_mottos(text, folded, start, end)
    match = found[0] if found else None
    if not match or (match.start(), match.end()) == (start, end):
        return [(start, end)]
    pieces = [(start, match.start()), (match.start(), match.end())]
    pieces += _cut_mottos(text, folded, match.end(), end)
    trimmed = []
    for piece_start, piece_end in pieces:
        text = folded[piece_start:piece_end]
        lead, trail = len(text) - len(text.lstrip()), len(text) - len(text.rstrip())
        if piece_end - trail > piece_start + lead:
            trimmed.append((piece_start + lead, piece_end - trail))
    return trimmed


#: Markup a page's text kept ("<br>", "<P align=center>", "</td>"): a line break.
_TAGS = re.compile(
    r"</?(?:br|p|div|td|tr|th|table|span|font|b|i|u|em|strong|h[1-6])\b[^<>\n]{0,200}>", re.I
)
#: A header cell's first word left alone on its line by a site's table layout ("ỦY" /
#: "BAN NHÂN DÂN", "CỘNG" / "HÒA XÃ HỘI…", "Tam" / "Kỳ, ngày…"): at the start of the text or
#: of a cell (after a "|").
_LONE_WORD = re.compile(
    r"(\A[ \t]*|(?<=\|)[ \t]*\n[ \t]*)([^\W\d_]{1,7})[ \t]*\n(?=[ \t]*[^\W\d_])"
)
#: Where a header flattened onto one line is cut back into its parts (folded text).
_ANCHORS = re.compile(r"(?<=[ \t|])(?:s[o0][ \t]*:|s[o0][ \t]+\d|v ?/ ?v\b|kinh gui\b|ve viec\b)")
#: The end of a place-and-date, where a flattened header's title follows.
_DATE_END = re.compile(r"ngay \d{1,2} thang \d{1,2} nam \d{4}(?= [^\W\d_])")
_LONG_LINE = 110
#: The grounds that open a decision's body, after its authority line.
_GROUNDS = re.compile(r"(?<=[ \t|])can cu\b")


def _blank(match: re.Match[str]) -> str:
    return "\n" + " " * (len(match.group()) - 1)


def _join_lone_words(text: str) -> str:
    """Join a cell's first word to the rest of the cell (same length: the break becomes a
    space)."""

    def join(match: re.Match[str]) -> str:
        lead = match.group(1)
        return (
            lead
            + match.group(2)
            + match.group()[len(lead) + len(match.group(2)) :].replace("\n", " ")
        )

    return _LONE_WORD.sub(join, text)


def _reflow(text: str, folded: str) -> str:
    """Break a header flattened onto one long line at its landmarks: around the mottos,
    before "Số:", "V/v", "Về việc", "Kính gửi" — a number only where the text before it on
    the line holds no lower-case word (so a "số 12/QĐ-UBND" cited in a sentence stays)."""
    chars = list(text)
    offset = 0
    for line in text.split("\n"):
        end = offset + len(line)
        if len(line) > _LONG_LINE:
            mottos = _printed_mottos(text, folded, offset, end)
            cuts = [m.start() for m in mottos] + [m.end() for m in mottos]
            cuts += [m.end() for m in _DATE_END.finditer(folded, offset, end)]
            for match in _ANCHORS.finditer(folded, offset, end):
                cell = text.rfind("|", offset, match.start()) + 1  # a site's cells
                start = max([offset, cell, *(cut for cut in cuts if cut <= match.start())])
                before = text[start : match.start()]
                lowered = any(char.islower() for char in before)
                if text[match.start() : match.start() + 2] == "SỐ" and ":" not in match.group():
                    continue  # "… CHỈ THỊ SỐ 19/CT-TTg …": a number cited in a title
                if not lowered or match.group().startswith(("v", "k")):
                    cuts.append(match.start())
                    if not lowered and cell > offset:
                        cuts.append(cell - 1)  # "Luật Xử phạt … | CHÍNH PHỦ Số 128 …"
            for match in _GROUNDS.finditer(folded, offset, end):
                # "… NĂM 2008 CHÍNH PHỦ Căn cứ …": the authority's line, then the grounds
                if text[match.start()] == "C" and is_caps(
                    " ".join(text[offset : match.start()].split()[-2:])
                ):
                    cuts.append(match.start())
            for cut in cuts:
                for at in (cut - 1, cut):  # the blank before a start, or after an end
                    if offset < at < end and chars[at] in " \t|":
                        chars[at] = "\n"
                        break
        offset = end + 1
    return "".join(chars)


def read_page(text: str) -> Page:
    nfc_text, starts, ends = _normalize(text)
    nfc_text = _RULES.sub(lambda m: " " * len(m.group()), nfc_text)
    nfc_text = _PAGE_MARK.sub(lambda m: " " * len(m.group()), nfc_text)
    nfc_text = _TAGS.sub(_blank, nfc_text)
    nfc_text = _join_lone_words(nfc_text)
    folded = _fold_aligned(nfc_text)
    nfc_text = _reflow(nfc_text, folded)
    folded = _fold_aligned(nfc_text)
    lines: list[list[Cell]] = []
    offset = 0
    for number, line in enumerate(nfc_text.split("\n")):
        spans = [
            piece
            for cell in re.finditer(r"[^\s|]+(?: [^\s|]+)*", line)
            for piece in _cut_mottos(nfc_text, folded, offset + cell.start(), offset + cell.end())
        ]
        lines.append([Cell(number, a, b, nfc_text[a:b], folded[a:b]) for a, b in spans])
        offset += len(line) + 1
    return Page(nfc_text, folded, starts, ends, lines)


def is_caps(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and sum(char.isupper() for char in letters) >= 0.8 * len(letters)


def words_of(folded: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", folded))
