"""Vietnamese text normalization shared by registration, duplicate checks and search."""

from __future__ import annotations

import dataclasses
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


#: The year written after the number: "291/2019/QD/UBND" (a key, so "/" separates parts).
_KEY_YEAR = re.compile(r"^(\d+[A-Z]?)/((?:19|20)\d\d)/(?=[A-Z0-9])")


def without_year(key: str) -> tuple[str, int | None]:
    """A `code_key` without the year written after its number, and that year:
    '291/2019/QD/UBND' -> ('291/QD/UBND', 2019); '15/NQ/TU' -> ('15/NQ/TU', None)."""
    match = _KEY_YEAR.match(key)
    if not match:
        return key, None
    return match.group(1) + key[match.end(2):], int(match.group(2))


def bare_code(key: str) -> str:
    """A code as it is matched however it was typed — spaced, glued, slash for hyphen,
    with or without its year, with or without leading zeros: the `code_key` without its
    year and separators and the number without leading zeros ('07/2020/TT/BTC' -> '7TTBTC',
    '291/QD/UBDT' and '291QDUBDT' -> '291QDUBDT'); '' when it does not start with a number."""
    key, _ = without_year(key)
    if not key[:1].isdigit():
        return ""
    return key.replace("/", "").lstrip("0") or "0"


@dataclasses.dataclass(frozen=True)
class TypedCode:
    """A document code found in what was typed into a search box."""

    key: str  # `code_key` of the part written as a code: "291/2019/QD/UBND"
    year: int | None  # the year typed with it: in the code, or as a word ("năm 2019")
    bares: tuple[str, ...]  # `bare_code` of it, and of it with the next words, longest first


#: On the folded, upper-cased text: a number (with a letter only before a separator:
#: "12A/QĐ"), the year after it, then the notation, its parts separated by / - . & and
#: spaces around them; or glued ("291QĐUBDT"), or with a space only ("291 QĐ-UBDT").
_TYPED_CODE = re.compile(
    r"(?<![A-Z0-9])(\d{1,6}(?:[A-Z](?=\s*[/-]))?)"
    r"(?:\s*[/-]\s*((?:19|20)\d\d)(?=\s*[/-]))?"
    r"\s*[/-]?\s*([A-Z][A-Z0-9]*(?:\s*[/.&-]\s*[A-Z0-9]+)*)"
)
_YEAR_WORD = re.compile(r"(?<![A-Z0-9/.-])(?:19|20)\d\d(?![A-Z0-9/.-])")
_TOKEN = re.compile(r"[A-Z0-9]+")
#: Words after a code that may still be part of it ("so 291 qd ubdt"): each is tried.
_MORE_PARTS = 3


def typed_code(text: str) -> TypedCode | None:
    """The code in a search box's text, however it was typed ("Số: 291/QĐ-UBDT",
    "291 /qd- ubdt", "so 291 qd ubdt", "291QĐUBDT", "291/2019/QĐ-UBND", "15-NQ/TU"), or
    None. The first number followed by letters through a separator is taken (else the
    first number followed by letters at all): "Kế hoạch 5 năm 12/KH-UBND" gives 12/KH/UBND."""
    text = fold(_DASHES.sub("-", nfc(text))).upper()
    found = list(_TYPED_CODE.finditer(text))
    match = next((m for m in found if re.search(r"[/-]", m.group())), found[0] if found else None)
    if match is None:
        return None
    number, year, notation = match.groups()
    key = code_key("/".join(part for part in (number, year, notation) if part))
    parts = _TOKEN.findall(text[match.end():])[:_MORE_PARTS]
    keys = [key, *("/".join([key, *parts[:n]]) for n in range(1, len(parts) + 1))]
    bares = tuple(dict.fromkeys(bare_code(k) for k in reversed(keys)))
    if year is None:
        rest = text[: match.start()] + " " + text[match.end():]
        word = _YEAR_WORD.search(rest)
        year = word.group() if word else None
    return TypedCode(key=key, year=int(year) if year else None, bares=bares)


def code_pattern(bare: str) -> str:
    """A regular expression for the `code_key`s that start with a `bare_code`, however
    they are separated and with or without a year after the number: '291QD' matches
    '291/QD/UBND', '0291/2019/QD/UBND' and '291/QDUBND'."""
    digits = re.match(r"\d*", bare).group()  # type: ignore[union-attr]
    rest = "/?".join(re.escape(ch) for ch in bare[len(digits):])
    return rf"^0*{digits}(/(19|20)[0-9][0-9])?/?{rest}"


def name_key(text: str) -> str:
    return _SPACES.sub(" ", fold(nfc(text))).strip()
