"""Vietnamese text normalization shared by registration, duplicate checks and search."""

from __future__ import annotations

import re
import unicodedata

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """NFC-normalize and collapse whitespace; users paste NFD text from some tools."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


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
