"""The legacy Vietnamese encodings of old templates and archives: TCVN3 (ABC, the .VnTime
fonts) and VNI (the VNI-Times fonts). Their text reaches us as Latin-1 characters ("Uû ban
nh©n d©n" is TCVN3 for "Uỷ ban nhân dân", "UÛy ban nhaân daân" the same in VNI) and is
converted to Unicode NFC before anything reads or indexes it.

Two ways in: by font, when the document says which font a run is set in (`font_encoding`,
exact, and .VnTimeH-style fonts show every letter in capitals); and by the text alone
(`fix_legacy`), line by line: a line is converted only when the converted line reads as
Vietnamese syllables better than the line as it is, so ordinary Unicode Vietnamese (which
has letters such as "ư", "ơ", "đ", "ế" that no legacy text has) and English stay as they are.

The tables are built from the published code charts: TCVN 5712:1993 (VN3, the part the
ABC fonts use: bytes A1–FF as the GNU C library's TCVN5712-1 charmap has them, less the
combining marks B0–B4, which are common symbols "°±²³´" in other text) and VNI for
Windows (a base letter followed by a mark character, "i" and "y" with some marks
precomposed, "ñ" for "đ").
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable

# --- TCVN3 (ABC) ---------------------------------------------------------------------------

#: Byte A1 upwards (read as Latin-1), one Unicode letter each; "-" marks a byte left as is.
_TCVN3_FROM_A1 = (
    "ĂÂÊÔƠƯĐăâêôơưđẰ-----àảãáạẲằẳẵắẴẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịò"
    "ỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ"
)
TCVN3: dict[str, str] = {
    chr(0xA1 + i): letter for i, letter in enumerate(_TCVN3_FROM_A1) if letter != "-"
}
_TCVN3_ENCODE = {letter: byte for byte, letter in TCVN3.items()}

# --- VNI -----------------------------------------------------------------------------------

_TONES = "\u0301\u0300\u0309\u0303\u0323"  # sắc, huyền, hỏi, ngã, nặng
#: Mark characters of VNI after a base letter, lower case (upper case: .upper()).
_VNI_TONE = "ùøûõï"
_VNI_SHAPES = {"\u0302": "â", "\u0306": "ê"}  # circumflex, breve (after a, e, o)
_VNI_SHAPE_TONE = {"\u0302": "áàåãä", "\u0306": "éèúüë"}
#: Letters VNI writes as one character: ơ ư đ, and i, y with some marks.
_VNI_SINGLE = {"ơ": "ô", "ư": "ö", "đ": "ñ", "í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó",
               "ị": "ò", "ỵ": "î"}


def _vni_table() -> dict[str, str]:
    """Every Vietnamese letter (both cases) → its VNI spelling."""
    table: dict[str, str] = {}
    for base in "aeiouyơư":
        for shape in ("", "\u0302", "\u0306"):
            if shape and (base not in "aeo" or (shape == "\u0306" and base != "a")):
                continue
            plain = unicodedata.normalize("NFC", base + shape)
            stem = _VNI_SINGLE.get(base, base) + (_VNI_SHAPES.get(shape, ""))
            if shape:
                table[plain] = stem
            for number, tone in enumerate(_TONES):
                letter = unicodedata.normalize("NFC", base + shape + tone)
                marks = _VNI_SHAPE_TONE[shape][number] if shape else _VNI_TONE[number]
                spelled = _VNI_SINGLE.get(letter) or (_VNI_SINGLE.get(base, base) + marks)
                table[letter] = spelled
    table["ơ"], table["ư"], table["đ"] = "ô", "ö", "ñ"
    for letter, spelled in list(table.items()):
        table[letter.upper()] = spelled.upper()
    return table


VNI_ENCODE = _vni_table()
#: VNI spelling → letter, the longest spellings first (so "aâ" is read before "a").
VNI: dict[str, str] = dict(sorted(((v, k) for k, v in VNI_ENCODE.items()),
                                  key=lambda pair: -len(pair[0])))
_VNI_PATTERN = re.compile("|".join(re.escape(spelled) for spelled in VNI))


# --- Converting ----------------------------------------------------------------------------


def decode_tcvn3(text: str, *, upper: bool = False) -> str:
    """TCVN3 text (as Latin-1 characters) in Unicode NFC; `upper` for the capitals-only
    fonts (.VnTimeH), where the small letters' codes show capitals."""
    converted = "".join(TCVN3.get(ch, ch) for ch in text)
    return unicodedata.normalize("NFC", converted.upper() if upper else converted)


def decode_vni(text: str) -> str:
    """VNI text (as Latin-1 characters) in Unicode NFC."""
    return unicodedata.normalize("NFC", _VNI_PATTERN.sub(lambda m: VNI[m.group()], text))


def encode_tcvn3(text: str) -> str:
    """Unicode → TCVN3 as typed with the ABC keyboard. A capital with a tone mark has no
    code of its own: it is written as its small letter, to be set in a capitals font
    (.VnTimeH): encode `text.lower()` for such a font."""
    text = unicodedata.normalize("NFC", text)
    return "".join(_TCVN3_ENCODE.get(ch) or _TCVN3_ENCODE.get(ch.lower(), ch) for ch in text)


def encode_vni(text: str) -> str:
    return "".join(VNI_ENCODE.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def font_encoding(font: str | None) -> tuple[str, bool] | None:
    """("tcvn3" | "vni", capitals only) for a legacy font name, None for any other:
    .VnTime, .VnArial... are TCVN3, their "H" forms (.VnTimeH) capitals only; VNI-Times,
    VNI-Helve... are VNI."""
    name = (font or "").strip()
    if name.lower().startswith(".vn"):
        return "tcvn3", name.endswith("H")
    if name.upper().startswith(("VNI-", "VNI ")):
        return "vni", False
    return None


def decode_for_font(text: str, encoding: tuple[str, bool]) -> str:
    name, upper = encoding
    return decode_tcvn3(text, upper=upper) if name == "tcvn3" else decode_vni(text)


# --- Recognising legacy text -------------------------------------------------------------

_HIGH = re.compile("[\u00a1-\u00ff]")
#: Letters only Unicode Vietnamese has (a line with one of them is already Unicode).
_UNICODE_ONLY = re.compile("[ăĂđĐơƠưƯĩĨũŨ\u1ea0-\u1ef9]")
_SYMBOLS = set("¡¢£¤¥¦§¨©ª«¬\u00ad®¯µ¶·¸¹º»¼½¾¿×÷")
_ONSET = "ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnprstvx]"
_NUCLEI = (
    "iêu|yêu|oai|oay|oeo|uây|uôi|ươi|ươu|uya|uyê|uyu|ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|"
    "oa|oă|oe|oi|ôi|ơi|oo|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ưu|ươ|yê|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y"
)
_SYLLABLE = re.compile(rf"(?:{_ONSET})?(?:{_NUCLEI})(?:ch|ng|nh|[cmnpt])?")
_TONE_MARKS = set(_TONES)
_EDGE = "!\"'(),.:;?[]{}<>/\\-_*&%$#@+=|~`0123456789"


def _syllable(token: str) -> bool:
    """Does the word read as one Vietnamese syllable (at most one tone mark)?"""
    parts = unicodedata.normalize("NFD", token.lower())
    if sum(ch in _TONE_MARKS for ch in parts) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in parts if ch not in _TONE_MARKS))
    return _SYLLABLE.fullmatch(bare) is not None


def _score(line: str) -> int:
    """How much a line reads as Vietnamese: its words with marks that are syllables,
    less those that are not, less the symbols stuck to letters ("nh©n")."""
    score = 0
    for token in line.split():
        word = token.strip(_EDGE)
        if not word or word.isascii():
            continue
        score += 1 if word.isalpha() and _syllable(word) else -1
        score -= sum(ch in _SYMBOLS for ch in token)
    return score


@dataclasses.dataclass(frozen=True)
class Plan:
    """Which lines of a text are in `encoding`; each line's capitals flag."""

    encoding: str
    lines: dict[int, bool]

    def decode(self, text: str, upper: bool) -> str:
        if self.encoding == "tcvn3":
            return decode_tcvn3(text, upper=upper)
        return decode_vni(text)

    def apply(self, text: str) -> str:
        lines = text.split("\n")
        for number, upper in self.lines.items():
            lines[number] = self.decode(lines[number], upper)
        return "\n".join(lines)


def _capitals(line: str) -> bool:
    """A TCVN3 line set in a capitals font (.VnTimeH): no plain small letter, and a word
    of plain capitals with a small letter's code in it ("NH©N", "QUYÕT")."""
    if any(ch.isascii() and ch.islower() for ch in line):
        return False
    return any(
        sum(ch.isascii() and ch.isupper() for ch in word) >= 2
        and any(ch in TCVN3 and not TCVN3[ch].isupper() for ch in word)
        for word in line.split()
    )


def _stuck_symbol(line: str) -> bool:
    """TCVN3's tell-tale: a symbol inside a word ("nh©n", "Q§"), never so in real text."""
    return any(ch in _SYMBOLS and (line[i - 1:i].isalpha() or line[i + 1:i + 2].isalpha())
               for i, ch in enumerate(line))


def plan(text: str) -> Plan | None:
    """The lines of `text` in a legacy encoding, or None when there are none. The
    encoding is the one that improves the text most; a line is converted only when it
    reads better converted."""
    if not _HIGH.search(text):
        return None
    gains: dict[str, dict[int, bool]] = {"tcvn3": {}, "vni": {}}
    total = {"tcvn3": 0, "vni": 0}
    decoders: dict[str, Callable[[str], str]] = {"tcvn3": decode_tcvn3, "vni": decode_vni}
    for number, line in enumerate(text.split("\n")):
        if not _HIGH.search(line) or _UNICODE_ONLY.search(line):
            continue
        before = _score(line)
        for name, decode in decoders.items():
            if name == "tcvn3" and not _stuck_symbol(line):
                continue
            gain = _score(decode(line)) - before
            if gain > 0:
                total[name] += gain
                gains[name][number] = name == "tcvn3" and _capitals(line)
    best = max(total, key=lambda name: total[name])
    return Plan(best, gains[best]) if total[best] > 0 else None


def fix_legacy(text: str) -> str:
    """`text` with its TCVN3 or VNI lines in Unicode NFC; other text untouched."""
    found = plan(text)
    return found.apply(text) if found else text
