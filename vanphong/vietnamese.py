"""Vietnamese text normalization shared by registration, duplicate checks and search."""

from __future__ import annotations

import re
import unicodedata

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """NFC-normalize and collapse whitespace; users paste NFD text from some tools."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _old_placement() -> dict[str, str]:
    """'oà' -> 'òa', 'uỷ' -> 'ủy'...: the second vowel of an open oa, oe, uy carrying the
    tone (the old placement) and the same pair with the tone on the first vowel."""
    pairs = {}
    for first, seconds in (("o", "ae"), ("u", "y")):
        for second in seconds:
            for a, b in ((first, second), (first.upper(), second.upper()),
                         (first.upper(), second)):
                for mark in _TONES:
                    old = a + unicodedata.normalize("NFC", b + mark)
                    pairs[old] = unicodedata.normalize("NFC", a + mark) + b
    return pairs


_MOVES = _old_placement()
_OLD_PAIR = re.compile(
    r"(?<![qQ])[oOuU][" + "".join(sorted({pair[1] for pair in _MOVES})) + r"](?![\w\u0300-\u036f])"
)


def modern_tones(text: str) -> str:
    """Tone marks placed as in today's official texts: 'hoà' -> 'hòa', 'uỷ' -> 'ủy' (the
    mark on the first vowel of an open oa, oe, uy; 'quý' keeps it). NFC in, NFC out."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _OLD_PAIR.sub(lambda match: _MOVES.get(match.group(), match.group()), text)


class _FoldTable(dict[int, str | None]):
    """Each character's fold, worked out once (str.translate asks per character)."""

    def __missing__(self, code: int) -> str | None:
        kept = "".join(
            ch for ch in unicodedata.normalize("NFD", chr(code))
            if unicodedata.category(ch) != "Mn"
        )
        self[code] = kept or None
        return kept or None


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lower-case without diacritics; đ becomes d (it has no Unicode decomposition)."""
    return text.lower().replace("đ", "d").replace("Đ", "d").translate(_FOLD)


#: "Số:", "Số 12", "số12" — but not the "so" of a word ("son", "soạn").
_CODE_PREFIX = re.compile(r"^\s*s[oố](?=[\s:\d])\s*:?\s*", re.IGNORECASE)
_NUMBER = re.compile(r"^(\d+[a-zA-Z]?)\s*([/-])\s*(.+)$")


def clean_code(raw: str) -> str:
    """'Số: 123 / QĐ – UBND' -> '123/QĐ-UBND' (NFC, no spaces, ASCII hyphen).

    Case is kept: abbreviations such as QyĐ, CTr, TTr are mixed-case by rule (ND30 Phụ
    lục III); lookups go through `code_key`, which ignores case."""
    text = _DASHES.sub("-", nfc(raw))
    text = _CODE_PREFIX.sub("", text)
    return text.replace(" ", "")


def split_code(code: str) -> tuple[str, str]:
    """Split a cleaned code into (number, notation): '15-NQ/ĐU' -> ('15', 'NQ/ĐU')."""
    match = _NUMBER.match(code)
    if not match:
        return "", code
    return match.group(1), match.group(3)


def code_key(code: str) -> str:
    """A lookup key tolerant of how people type codes: folded, upper, one separator."""
    return re.sub(r"[^A-Z0-9]+", "/", fold(clean_code(code)).upper()).strip("/")


def typed_code_key(text: str) -> str:
    """The `code_key` of a code typed into a search box, where a space also separates its
    parts: "15 hd btctu" and "Số: 15-HD/BTCTU" both give 15/HD/BTCTU."""
    return code_key(_SPACES.sub("-", nfc(text)))


def name_key(text: str) -> str:
    return _SPACES.sub(" ", fold(nfc(text))).strip()
