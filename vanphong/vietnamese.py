"""Vietnamese text normalization shared by registration, duplicate checks and search."""

from __future__ import annotations

import re
import unicodedata

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """NFC-normalize and collapse whitespace; users paste NFD text from some tools."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


_OLD_PLACEMENT = re.compile(r"(.*?)([oO][aAeE]|[uU][yY])([\u0300\u0301\u0303\u0309\u0323])")
_OPEN_SYLLABLE = re.compile(r"[oOuU][aAeEyY][\u0300\u0301\u0303\u0309\u0323]")


def modern_tones(text: str) -> str:
    """Tone marks placed as in today's official texts: 'hoà' -> 'hòa', 'uỷ' -> 'ủy' (the
    mark on the first vowel of an open oa, oe, uy; 'quý' keeps it). NFC in, NFC out."""
    decomposed = unicodedata.normalize("NFD", text)
    if not _OPEN_SYLLABLE.search(decomposed):
        return text
    syllables = []
    for syllable in re.split(r"([^\w\u0300-\u036f]+)", decomposed):
        match = _OLD_PLACEMENT.fullmatch(syllable)
        if match and not match.group(1).lower().endswith("q"):
            head, pair, mark = match.groups()
            syllable = head + pair[0] + mark + pair[1]
        syllables.append(syllable)
    return unicodedata.normalize("NFC", "".join(syllables))


def fold(text: str) -> str:
    """Lower-case without diacritics; đ becomes d (it has no Unicode decomposition)."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


_CODE_PREFIX = re.compile(r"^\s*s[oố]\s*:?\s*", re.IGNORECASE)
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


def name_key(text: str) -> str:
    return _SPACES.sub(" ", fold(nfc(text))).strip()
