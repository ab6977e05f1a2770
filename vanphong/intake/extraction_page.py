"""The page model of header extraction: the text in NFC with a same-length folded copy
and offsets back to the input, cut into cells (extraction.py explains why), and the
`Field` a value read from it becomes.
"""

from __future__ import annotations

import dataclasses
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


def _normalize(text: str) -> tuple[str, list[int], list[int]]:
    """NFC per base character with its marks, so each output character knows its source."""
    if "\r" not in text and unicodedata.is_normalized("NFC", text):
        plain = text.translate(_DASHES).replace("\u00a0", " ")
        return plain, list(range(len(text))), list(range(1, len(text) + 1))
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for match in re.finditer(r"\r\n|.[\u0300-\u036f]*|\n", text, re.DOTALL):
        piece = unicodedata.normalize("NFC", match.group()).translate(_DASHES)
        piece = {"\r\n": "\n", "\r": "\n", "\u00a0": " "}.get(piece, piece)
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
}
#: The long headings are found even glued to the issuer's last word without a space
#: ("DU LỊCHCỘNG HÒA..." from OCR of a wide left column).
_MOTTO = re.compile(
    r"(?:(?<![a-z])|(?=cong hoa xa hoi|dang cong san))(?:"
    + "|".join(r"[\W_]+".join(motto.split()) for motto in sorted(MOTTOS, key=len, reverse=True))
    + r")(?![a-z])"
)


def _cut_mottos(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a cell around a motto OCR glued to a neighbour with one space:
    "UBND XÃ TÂN HÒA CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" is two cells."""
    match = _MOTTO.search(folded, start, end)
    if not match or (match.start(), match.end()) == (start, end):
        return [(start, end)]
    pieces = [(start, match.start()), (match.start(), match.end())]
    pieces += _cut_mottos(folded, match.end(), end)
    trimmed = []
    for piece_start, piece_end in pieces:
        text = folded[piece_start:piece_end]
        lead, trail = len(text) - len(text.lstrip()), len(text) - len(text.rstrip())
        if piece_end - trail > piece_start + lead:
            trimmed.append((piece_start + lead, piece_end - trail))
    return trimmed


def read_page(text: str) -> Page:
    nfc_text, starts, ends = _normalize(text)
    folded = _fold_aligned(nfc_text)
    lines: list[list[Cell]] = []
    offset = 0
    for number, line in enumerate(nfc_text.split("\n")):
        spans = [
            piece
            for cell in re.finditer(r"[^\s|]+(?: [^\s|]+)*", line)
            for piece in _cut_mottos(folded, offset + cell.start(), offset + cell.end())
        ]
        lines.append([Cell(number, a, b, nfc_text[a:b], folded[a:b]) for a, b in spans])
        offset += len(line) + 1
    return Page(nfc_text, folded, starts, ends, lines)


def is_caps(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and sum(char.isupper() for char in letters) >= 0.8 * len(letters)


def words_of(folded: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", folded))
