"""Propose a document's header fields from the text of its first page(s).

A pure function: `extract(text)` returns an `Extraction`, one `Field` per header element
(rules.md §1.3, §2.3), each with a value, an honest confidence and the span of input text it
was read from, so the clerk's preview can highlight it. Nothing is registered.

The text may come from a born-digital PDF, a DOCX or OCR. Headers are two-column tables, so
extracted lines often interleave the left column (issuing body, number, "V/v", "Nơi nhận")
with the right one (Quốc hiệu, date, signer). Each line is therefore cut into *cells* at
runs of two or more spaces, tabs or "|", and most rules look at cells, not lines. Matching
uses a folded copy of the text (lower case, no diacritics, same length as the NFC text), so
"So:", "QD", "CONG HOA" from a damaged OCR still match, while values are sliced from the NFC
text as written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Iterator

from vanphong.intake import extraction_lexicon as lexicon
from vanphong.registers.defaults import LEGAL_TYPES, PARTY_TYPES, STATE_TYPES
from vanphong.vietnamese import fold


@dataclasses.dataclass(frozen=True)
class Field:
    """One proposed value: `span` is (start, end) in the text given to `extract`."""

    value: str | None
    confidence: float
    span: tuple[int, int] | None = None


MISSING = Field(None, 0.0, None)


@dataclasses.dataclass(frozen=True)
class Extraction:
    organ_name: Field
    parent_body: Field
    code_number: Field
    code_notation: Field
    issued_date: Field
    place: Field
    type_name: Field
    subject: Field
    signer_position: Field
    signer_name: Field
    competence: Field
    priority: Field
    secrecy: Field
    recipients: Field

    def as_edxml(self) -> dict[str, object]:
        """Keys of rules.md §1.9 (plus Place, Competence, Secrecy), each {"value",
        "confidence"}; SignerInfo holds Position and FullName likewise."""

        def pair(field: Field) -> dict[str, object]:
            return {"value": field.value, "confidence": field.confidence}

        return {
            "OrganName": pair(self.organ_name),
            "CodeNumber": pair(self.code_number),
            "CodeNotation": pair(self.code_notation),
            "IssuedDate": pair(self.issued_date),
            "TypeName": pair(self.type_name),
            "Subject": pair(self.subject),
            "SignerInfo": {
                "Position": pair(self.signer_position),
                "FullName": pair(self.signer_name),
            },
            "Priority": pair(self.priority),
            "Place": pair(self.place),
            "Competence": pair(self.competence),
            "Secrecy": pair(self.secrecy),
        }


# --- the page: NFC text, a same-length folded copy, offsets back to the input, cells ---

_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))


@dataclasses.dataclass(frozen=True)
class _Cell:
    line: int
    start: int
    end: int
    text: str
    folded: str


@dataclasses.dataclass(frozen=True)
class _Page:
    text: str
    folded: str
    starts: list[int]
    ends: list[int]
    lines: list[list[_Cell]]

    def field(self, value: str | None, confidence: float, start: int, end: int) -> Field:
        if not value:
            return MISSING
        span = (self.starts[start], self.ends[end - 1]) if end > start else None
        return Field(value, round(confidence, 2), span)

    def cells(self, first_line: int = 0) -> Iterator[_Cell]:
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


_MOTTOS = {
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
    + "|".join(r"[\W_]+".join(motto.split()) for motto in sorted(_MOTTOS, key=len, reverse=True))
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


def _page(text: str) -> _Page:
    nfc_text, starts, ends = _normalize(text)
    folded = _fold_aligned(nfc_text)
    lines: list[list[_Cell]] = []
    offset = 0
    for number, line in enumerate(nfc_text.split("\n")):
        spans = [
            piece
            for cell in re.finditer(r"[^\s|]+(?: [^\s|]+)*", line)
            for piece in _cut_mottos(folded, offset + cell.start(), offset + cell.end())
        ]
        lines.append([_Cell(number, a, b, nfc_text[a:b], folded[a:b]) for a, b in spans])
        offset += len(line) + 1
    return _Page(nfc_text, folded, starts, ends, lines)


def _is_caps(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and sum(char.isupper() for char in letters) >= 0.8 * len(letters)


def _words(folded: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", folded))


# --- urgency and secrecy stamps (rules.md §1.5) ---

_PRIORITY = {
    "hoa toc hen gio": "Hỏa tốc hẹn giờ",
    "hoa toc": "Hỏa tốc",
    "thuong khan": "Thượng khẩn",
    "khan": "Khẩn",
}
_SECRECY = {"tuyet mat": "Tuyệt mật", "toi mat": "Tối mật", "mat": "Mật"}


def _stamp_marks(cell: _Cell) -> list[str] | None:
    """The marks a cell consists of ("HỎA TỐC", "KHẨN  MẬT"), or None if it holds anything
    else: a mark inside a sentence or a longer word is not a stamp."""
    if not _is_caps(cell.text):
        return None
    rest, marks = _words(cell.folded), []
    while rest:
        for phrase in (*_PRIORITY, *_SECRECY):
            if rest == phrase or rest.startswith(phrase + " "):
                marks.append(phrase)
                rest = rest[len(phrase) :].strip()
                break
        else:
            return None
    return marks


def _stamps(page: _Page) -> tuple[Field, Field, set[_Cell]]:
    priority = Field("Thường", 0.3, None)
    secrecy = Field("", 0.3, None)
    used = set()
    for cell in page.cells():
        for mark in _stamp_marks(cell) or ():
            used.add(cell)
            if mark in _PRIORITY and priority.span is None:
                priority = page.field(_PRIORITY[mark], 0.9, cell.start, cell.end)
            if mark in _SECRECY and secrecy.span is None:
                secrecy = page.field(_SECRECY[mark], 0.9, cell.start, cell.end)
    return priority, secrecy, used


# --- number and notation (rules.md §1.2, §2.2) ---

_CODE = re.compile(
    # "Số:" may stand alone at the end of its line, the number starting the next.
    r"(?<![a-z0-9])s[o0][ \t]*[:;.]?[ \t]*\n?[ \t]*"
    r"(?P<num>[0-9oli]*[0-9][0-9oli]*(?:[a-z](?=[ \t]*[/-]))?)"
    # The separator; none when a Party notation is glued to the number ("15NQ/TU").
    r"[ \t]*(?P<sep>/|-+|(?=[a-z]{1,5}[ \t]*/[ \t]*[a-z]))"
    # Parts joined by "/" or hyphens; a single space may stand for a lost hyphen ("BC HĐND",
    # kept only while the parts are capitals: see _trim_spaced).
    r"[ \t]*(?P<rest>[a-z0-9]+(?:(?:[ \t]*(?:/|-+)[ \t]*| (?=[a-z]))[a-z0-9]+)*)"
)
#: A draft's or a form's number left blank: "Số:        /TTr-UBND", "Số     -NQ/TU".
_BLANK_CODE = re.compile(
    r"(?<![a-z0-9])s[o0][ \t]*[:;.]?[ \t]*(?P<sep>/|-)"
    r"[ \t]*(?P<rest>[a-z0-9]+(?:[ \t]*(?:/|-+)[ \t]*[a-z0-9]+)+)"
)
_DIGITS = str.maketrans("OoIl", "0011")
_ORG_FIXES = {
    "HDND": "HĐND", "DU": "ĐU", "VPDU": "VPĐU", "DTN": "ĐTN", "TWDTN": "TWĐTN",
    "LDLD": "LĐLĐ", "TDTN": "TĐTN", "SGDDT": "SGDĐT", "HDTN": "HĐTN",
}  # fmt: skip
#: Parts of organization codes that keep their Đ (a keyboard or an OCR without it drops it):
#: giáo dục và đào tạo, lao động - thương binh và xã hội, hội đồng nhân dân, liên đoàn lao
#: động, đoàn thanh niên.
_ORG_PARTS = [
    ("GDDT", "GDĐT"),
    ("LDTBXH", "LĐTBXH"),
    ("HDND", "HĐND"),
    ("LDLD", "LĐLĐ"),
    ("DTN", "ĐTN"),
]
_KNOWN_ORGS = {"UBND", "HĐND", "ĐU", "MTTQ", "HND", "HLHPN", "HCCB", "TU", "TW", "VP"}


def _type_names(rows: list[tuple[str, str]]) -> dict[str, str]:
    return {abbr: name.replace(" (QPPL)", "") for name, abbr in rows if abbr}


_STATE_ABBR = {**_type_names(LEGAL_TYPES), **_type_names(STATE_TYPES)}
_PARTY_ABBR = _type_names(PARTY_TYPES)


def _canonical_abbr(token: str, table: dict[str, str]) -> str | None:
    """'QĐ' -> 'QĐ'; OCR's 'QD' -> 'QĐ'; None when the token is no type abbreviation."""
    if token in table:
        return token
    folded = [abbr for abbr in table if fold(abbr).upper() == fold(token).upper()]
    return folded[0] if len(folded) == 1 else None


def _fix_token(token: str, position: int, table: dict[str, str]) -> str:
    digits = token.translate(_DIGITS)
    if digits.isdigit() and len(digits) == 4 and digits[:2] in ("19", "20"):
        return digits
    if token.upper() in _ORG_FIXES:
        return _ORG_FIXES[token.upper()]
    if token.isascii() and token.isupper():
        for plain, marked in _ORG_PARTS:
            token = token.replace(plain, marked)
    abbr = _canonical_abbr(token, table) if position <= 1 else None
    if abbr:
        return abbr
    return token[:-2] + "TW" if token.endswith("TƯ") else token


def _split_glued(tokens: list[str], table: dict[str, str]) -> list[str]:
    """'QĐUBND' (hyphen missing) -> ['QĐ', 'UBND'] when it starts with a type abbreviation."""
    if len(tokens) != 1 or tokens[0] in _KNOWN_ORGS:
        return tokens
    for abbr in sorted(table, key=len, reverse=True):
        head = tokens[0][: len(abbr)]
        rest = tokens[0][len(abbr) :]
        if len(rest) >= 2 and rest.isupper() and _canonical_abbr(head, table) == abbr:
            return [abbr, rest]
    return tokens


def _trim_spaced(raw: str) -> str:
    """The notation up to the first word joined by a bare space that is not a code in
    capitals: "BC HĐND" stays, "UBND-VP Lâm" loses "Lâm"."""
    pieces = re.split(r"(?<=[^\s/-]) (?=[^\s/-])", raw)
    kept = pieces[:1]
    for piece in pieces[1:]:
        word = re.match(r"[^\s/-]+", piece)
        if not word or not word.group().isupper() or len(word.group()) > 8:
            break
        kept.append(piece)
    return " ".join(kept)


_MARKED_TWIN = re.compile(r"([A-Z])([^\x00-\x7fĐƯ])")


def _plain_code(raw: str) -> str:
    """A code as OCR may read it, back to its letters: the eth 'Ð' (or 'ĐÐ') is Đ; a
    letter read twice, once with a mark ('CHUỦ'), is one; codes carry no tone marks or
    hats (only Đ, and the Ư of 'TƯ', which is TW)."""
    raw = re.sub("ĐÐ|ÐĐ|Ð", "Đ", raw)
    raw = _MARKED_TWIN.sub(
        lambda m: m.group(1) if fold(m.group(2)) == m.group(1).lower() else m.group(), raw
    )
    kept: list[str] = []
    for char in unicodedata.normalize("NFD", raw):
        if unicodedata.category(char) == "Mn" and not (char == "\u031b" and kept[-1:] == ["U"]):
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def _notation(raw: str, party: bool, split: bool = True) -> str:
    table = _PARTY_ABBR if party else _STATE_ABBR
    if not any(ch.isupper() for ch in raw):  # "bc-ubnd" typed in lower case
        raw = raw.upper()
    raw = _plain_code(raw)
    tokens: list[str] = []
    seps: list[str] = []
    gap = False  # a bare space since the last token: a lost hyphen unless a separator follows
    for part in re.findall(r"[^\s/-]+|/|-+|\s+", raw):
        if part.isspace():
            gap = bool(tokens) and len(seps) == len(tokens) - 1
        elif part == "/" or part[0] == "-":
            seps.append("/" if part == "/" else "-")
            gap = False
        else:
            if gap:
                seps.append("/" if party and "/" not in seps else "-")
                gap = False
            tokens.append(part)
    if split:
        tokens = _split_glued(tokens, table)
    if len(tokens) == 2 and not seps:
        seps = ["/" if party else "-"]
    fixed = [_fix_token(token, index, table) for index, token in enumerate(tokens)]
    return fixed[0] + "".join(sep + token for sep, token in zip(seps, fixed[1:], strict=False))


def _at_cell_start(page: _Page, position: int) -> bool:
    line_start = page.text.rfind("\n", 0, position) + 1
    before = page.folded[line_start:position]
    return bool(re.search(r"(?:^|\t|\||  )[ \t]*(?:luat[ \t]+|phap lenh[ \t]+)?$", before))


def _code(page: _Page, split: bool = True) -> tuple[Field, Field, bool, int]:
    """(number, notation, Party style?, line index); line -1 when there is none. `split`:
    read a glued notation "QĐUBND" as "QĐ-UBND" (not on a công văn, "CĐVC" is a code)."""
    for match in _CODE.finditer(page.folded):
        if not _at_cell_start(page, match.start()):
            continue
        party = match.group("sep").startswith("-") or not match.group("sep")
        raw_number = page.text[match.start("num") : match.end("num")]
        number = raw_number.translate(_DIGITS)
        raw = _trim_spaced(page.text[match.start("rest") : match.end("rest")])
        notation = _notation(raw, party, split)
        written = page.text[match.start() : match.start("rest") + len(raw)]
        clean = f"Số: {number}/{notation}" if not party else f"Số {number}-{notation}"
        confidence = 0.95 if written == clean else 0.8
        line = page.text.count("\n", 0, match.start())
        return (
            page.field(number, confidence, match.start("num"), match.end("num")),
            page.field(notation, confidence, match.start("rest"), match.start("rest") + len(raw)),
            party,
            line,
        )
    for match in _BLANK_CODE.finditer(page.folded):
        if _at_cell_start(page, match.start()):
            party = match.group("sep") == "-"
            notation = _notation(page.text[match.start("rest") : match.end("rest")], party)
            line = page.text.count("\n", 0, match.start())
            field = page.field(notation, 0.6, match.start("rest"), match.end("rest"))
            return MISSING, field, party, line
    return MISSING, MISSING, False, -1


# --- place and date (rules.md §1.4: "Tân Hòa, ngày 05 tháng 01 năm 2026") ---

_WORD_DATE = re.compile(
    r"ngay\s*(?P<d>[0-9oli]{1,2})\s*thang\s*(?P<m>[0-9oli]{1,2})\s*nam\s*(?P<y>[0-9oli]{4})"
)
_NUMERIC_DATE = re.compile(
    r"(?<![\d/])(?P<d>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<m>\d{1,2})"
    r"\s*(?P=sep)\s*(?P<y>\d{4})(?![\d/])"
)
_PLACE = re.compile(r"(?P<place>[^\n,]{2,60}?)[ \t]*,[ \t]*(?:ngay[ \t]*)?$")


def _place_of(page: _Page, date_start: int) -> tuple[str, int] | None:
    """The place written before ", ngày", cut at the column gap; None if it is no place."""
    line_start = page.folded.rfind("\n", 0, date_start) + 1
    match = _PLACE.search(page.folded, max(line_start, date_start - 80), date_start)
    if match is None:
        return None
    raw = page.text[match.start("place") : match.end("place")]
    cut = re.split(r"\t|\||  ", raw)[-1]
    cut = re.sub(r"^.*[\d/]\S*\s+", "", cut).strip()
    if not cut or not cut[0].isupper() or ":" in cut or re.search(r"[\d/]", cut):
        return None
    return cut, match.start("place") + raw.rfind(cut)


def _iso(match: re.Match[str]) -> str | None:
    day, month, year = (int(match.group(key).translate(_DIGITS)) for key in "dmy")
    try:
        return dt.date(year, month, day).isoformat() if 1945 <= year <= 2100 else None
    except ValueError:
        return None


def _date_candidates(page: _Page) -> Iterator[tuple[float, re.Match[str], bool]]:
    for pattern, base in ((_WORD_DATE, 0.85), (_NUMERIC_DATE, 0.6)):
        for match in pattern.finditer(page.folded):
            line_start = page.folded.rfind("\n", 0, match.start("d")) + 1
            if _words(page.folded[line_start : match.start("d")]).startswith("can cu"):
                continue
            yield base, match, _place_of(page, match.start()) is not None


def _date(page: _Page) -> tuple[Field, Field, int]:
    candidates = [item for item in _date_candidates(page) if _iso(item[1])]
    with_place = [item for item in candidates if item[2]]
    best = with_place or [item for item in candidates if item[0] > 0.8] or candidates
    if not best:
        return MISSING, _place_alone(page), -1
    base, match, has_place = min(best, key=lambda item: item[1].start("d"))
    written = page.text[match.start("d") : match.end("y")]
    confidence = base + (0.1 if has_place else 0) - (0.1 if re.search("[OoIl]", written) else 0)
    date = page.field(_iso(match), confidence, match.start("d"), match.end("y"))
    place = _place_of(page, match.start())
    place_field = _place_field(page, place, 0.9) if place else MISSING
    return date, place_field, page.text.count("\n", 0, match.start("d"))


def _place_field(page: _Page, place: tuple[str, int], confidence: float) -> Field:
    return page.field(place[0], confidence, place[1], place[1] + len(place[0]))


def _place_alone(page: _Page) -> Field:
    """A header whose date is left blank ("Hà Nội, ngày   tháng   năm 2026")."""
    for match in re.finditer(r",[ \t]*ngay\b", page.folded):
        place = _place_of(page, match.end())
        if place:
            return _place_field(page, place, 0.8)
    return MISSING


# --- document type (rules.md §1.1, §2.1) ---

_EXTRA_TYPES = ["Thông tri", "Kết luận", "Tuyên bố", "Lời kêu gọi", "Quy hoạch", "Công văn"]
_TYPE_KEYS = sorted(
    (
        (_words(fold(name)), name)
        for name in {n.replace(" (QPPL)", "") for n, _ in STATE_TYPES + PARTY_TYPES + LEGAL_TYPES}
        | set(_EXTRA_TYPES)
    ),
    key=lambda pair: -len(pair[0]),
)
_CAPACITY = re.compile(r"^(?:(tm|kt|tl|tuq|q)[ \t]*\.|(t/m|k/t|t/l|t/uq))[ \t]*(?=[^\W\d_])")


_STAMP_WORDS = {"ban sao", "du thao", "ban chinh", "ban luu"}


def _type_line(page: _Page) -> tuple[Field, _Cell | None, str]:
    """The big CAPS line: (type field, its cell, the rest of the line after the name)."""
    for cell in page.cells():
        if not _is_caps(cell.text) or _CAPACITY.match(cell.folded):
            continue
        words = _words(cell.folded)
        if words in _STAMP_WORDS:
            continue  # "BẢN SAO", "DỰ THẢO" stamped on the page: marks, not the type
        for key, name in _TYPE_KEYS:
            if words == key or words.startswith(key + " "):
                rest = _strip_words(cell.text, len(key.split()))
                confidence = 0.95 if words == key else 0.85
                return page.field(name, confidence, cell.start, cell.end), cell, rest
    return MISSING, None, ""


def _strip_words(text: str, count: int) -> str:
    """`text` without its first `count` words (and the punctuation after them)."""
    match = re.match(rf"\W*(?:\w+\W+){{{count}}}", text + " ")
    return (text + " ")[match.end() :].strip() if match else ""


def _one_edit(a: str, b: str) -> bool:
    """`a` and `b` differ by one letter put, dropped or changed ('CTTr', 'CIr' / 'CTr')."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _agree_with_type(notation: Field, type_name: Field, party: bool) -> Field:
    """The type's abbreviation in the notation, as OCR damaged it ('CTTr-MTTW' under
    CHƯƠNG TRÌNH), put right from the type name printed as the title."""
    if not notation.value or not type_name.value:
        return notation
    table = _PARTY_ABBR if party else _STATE_ABBR
    wanted = [abbr for abbr, name in table.items() if name == type_name.value]
    match = re.match(r"((?:\d{4}/)?)([^/-]+)(.*)", notation.value)
    if not wanted or not match or match.group(2) in table:
        return notation
    near = [abbr for abbr in wanted if _one_edit(match.group(2), abbr)]
    if len(near) != 1:
        return notation
    value = match.group(1) + near[0] + match.group(3)
    return Field(value, min(notation.confidence, 0.75), notation.span)


def _type_from_notation(notation: Field, party: bool) -> Field:
    """'NQ/TU' -> Nghị quyết, '2025/QĐ-UBND' -> Quyết định; a State công văn has none."""
    tokens = re.split(r"[/-]", notation.value or "")
    if not party and tokens[0].isdigit():
        tokens = tokens[1:]
    table = _PARTY_ABBR if party else _STATE_ABBR
    name = table.get(tokens[0]) if tokens else None
    return Field(name, 0.7, notation.span) if name else MISSING


# --- issuing body and parent body (rules.md §1.3 ô 2, §2.3) ---

_NOT_BODIES = ("du thao", "ban sao", "luu hanh noi bo", "xem xong tra lai", "mau so", "phu luc")
_UNIT_START = re.compile(
    r"^(?:xa|phuong|thi tran|thi xa|tinh|thanh pho|huyen|quan|dac khu) (?!uy\b|doan\b)"
)
_UNIT_ANY = re.compile(r"\b(?:xa|phuong|thi tran|tinh|thanh pho|huyen|quan|dac khu|tw)\b")


def _header_cells(page: _Page, end_line: int, stamps: set[_Cell]) -> list[_Cell]:
    return [
        cell
        for row in page.lines[:end_line]
        for cell in row
        if _is_caps(cell.text)
        and _words(cell.folded) not in _MOTTOS
        and not _words(cell.folded).startswith(_NOT_BODIES)
        and cell not in stamps
        and not _CODE.match(cell.folded)
    ]


_BODY_START = re.compile(
    r"^(?:uy ban|ubnd|hdnd|mttq|hoi|so|phong|ban|bo|cuc|chi cuc|tong|van phong|dang|tinh uy"
    r"|huyen uy|thanh uy|thi uy|quan uy|chi bo|lien doan|ldld|tinh doan|huyen doan|thanh doan"
    r"|doan|bch|truong|trung tam|vien|toa an|kho bac|thanh tra|cong an|chinh phu|quoc hoi"
    r"|bao hiem|cong ty|benh vien|hoc vien|dai hoc|ngan hang|cuc|tong cuc|thuong truc"
    r"|chu tich|hoi dong|to|nhom|cac|uy ban|vu|cong doan|chi doan|chi hoi|ubkt)\b"
)


def _continues(words: str, previous: str) -> bool:
    """A wrapped line of the body above: "VÀ MÔI TRƯỜNG" after "SỞ NÔNG NGHIỆP",
    "ĐẦU TƯ XÂY DỰNG" after "BAN QUẢN LÝ DỰ ÁN" — it starts no body of its own."""
    if words.startswith(("va ", "- ", "& ")):
        return True
    return (
        not _BODY_START.match(words) and not _UNIT_START.match(words) and len(previous.split()) >= 3
    )


#: What may hang after a body's name: the Party star, the rule under it, an OCR speck.
_TRAILING = " *-_,.;:'`"


def _header_entries(cells: list[_Cell]) -> list[tuple[str, int, int]]:
    """Group wrapped lines: "ỦY BAN NHÂN DÂN" + "XÃ TÂN HÒA" is one body."""
    entries: list[tuple[str, int, int]] = []
    for cell in cells:
        words = _words(cell.folded)
        wrapped = entries and (
            _continues(words, entries[-1][0])
            or (_UNIT_START.match(words) and not _UNIT_ANY.search(fold(entries[-1][0])))
        )
        if wrapped:
            text, start, _ = entries[-1]
            entries[-1] = (f"{text} {cell.text}", start, cell.end)
        else:
            entries.append((cell.text, cell.start, cell.end))
    return [
        (text.rstrip(_TRAILING), start, end - len(text) + len(text.rstrip(_TRAILING)))
        for text, start, end in entries
    ]


def _bodies(page: _Page, end_line: int, stamps: set[_Cell]) -> tuple[Field, Field]:
    entries = _header_entries(_header_cells(page, end_line, stamps))
    if not entries:
        return MISSING, MISSING
    has_motto = any(_words(cell.folded) in _MOTTOS for cell in page.cells())
    sure = has_motto and len(entries) <= 3
    organ = page.field(entries[-1][0], 0.9 if sure else 0.6, entries[-1][1], entries[-1][2])
    if len(entries) < 2:
        return organ, MISSING
    text, start, end = entries[-2]
    return organ, page.field(text, 0.85 if sure else 0.55, start, end)


# --- subject ("V/v ..." under the number, or the lines under the type name) ---

_SUBJECT_STOP = (
    "can cu", "kinh gui", "kinh moi", "tran trong", "chu tich", "uy ban nhan dan",
    "ban thuong vu", "ban chap hanh", "thuong truc", "hoi dong nhan dan", "giam doc",
)  # fmt: skip


def _vv_cell(page: _Page, code_line: int) -> _Cell | None:
    """The công văn subject: "V/v …" anywhere, or "Về việc …" just under the number."""
    for cell in page.cells():
        if re.match(r"v ?/ ?v\b", cell.folded):
            return cell
    for row in page.lines[code_line + 1 : code_line + 3] if code_line >= 0 else []:
        if row and (re.match(r"ve viec\b", row[0].folded) or _DAMAGED_VV.match(row[0].folded)):
            return row[0]
    return None


#: "V/v" as OCR reads an italic one: "V⁄%v", "VX%v", "V/ v", "Vlv", "V⁄%", "V⁄w" (only
#: just under the number, where nothing else starts with a v, a symbol and maybe a letter).
_DAMAGED_VV = re.compile(
    r"v ?[^\w\s]{0,2}[xlji1|\\]?[^\w\s]{0,2} ?v (?=\w)|v ?[^\w\s]{1,2} ?[vwy]? (?=\w)"
)


def _joins_subject(cell: _Cell, first: _Cell) -> bool:
    words = _words(cell.folded)
    return (
        bool(words)
        and not words.startswith(_SUBJECT_STOP)
        and not _CODE.match(cell.folded)
        and not re.search(r"\bngay \d+ thang|^\d{1,2} \d{1,2} \d{4}\b", words)
        and (
            _is_caps(cell.text) == _is_caps(first.text)
            or not _is_caps(cell.text)
            or re.match(r"\d+/\d{4}/", cell.text) is not None  # a cited "100/2024/NĐ-CP"
        )
        and len(cell.text) <= 120
    )


def _subject_lines(page: _Page, first: _Cell, max_lines: int) -> list[_Cell]:
    """`first` and the cells under it that continue it: the first cell of each next line,
    up to a blank line, a salutation, an authority line or the body."""
    taken = [first]
    for row in page.lines[first.line + 1 : first.line + max_lines]:
        if not row or not _joins_subject(row[0], first):
            break
        taken.append(row[0])
    return taken


def _subject(
    page: _Page, vv: _Cell | None, type_cell: _Cell | None, rest: str
) -> tuple[Field, int]:
    """(subject, its last line or -1)."""
    if vv and (type_cell is None or vv.line <= type_cell.line + 3):
        cells = _subject_lines(page, vv, 4)
        text = " ".join(cell.text for cell in cells)
        confidence = 0.9 if len(cells) == 1 else 0.8
        damaged = _DAMAGED_VV.match(vv.folded)
        if damaged and not re.match(r"v ?/ ?v\b", vv.folded):
            text = "V/v " + text[damaged.end() :]  # restore what OCR damaged
            confidence = 0.7
        return page.field(text, confidence, vv.start, cells[-1].end), cells[-1].line
    if type_cell is None:
        return MISSING, -1
    after = [row[0] for row in page.lines[type_cell.line + 1 : type_cell.line + 3] if row]
    first = after[0] if after and _joins_subject(after[0], after[0]) else None
    if first is None:
        start = type_cell.end - len(rest)
        return page.field(rest, 0.6, start, type_cell.end), type_cell.line
    cells = _subject_lines(page, first, 4)
    text = " ".join([rest, *(cell.text for cell in cells)]).strip()
    confidence = 0.85 if _words(first.folded).startswith("ve") else 0.7
    return page.field(text, confidence, first.start, cells[-1].end), cells[-1].line


# --- signer block (ô 7a/7b) and recipients (ô 9b) ---

_TITLES = (
    "chu tich", "pho chu tich", "bi thu", "pho bi thu", "giam doc", "pho giam doc",
    "chanh", "pho chanh", "truong ban", "pho truong ban", "truong phong", "pho truong",
    "chu nhiem", "pho chu nhiem", "thu truong", "tong", "uy vien", "thuong truc",
    "hieu truong", "vien truong", "cuc truong", "doi truong", "ke toan", "chi huy",
    "bo truong", "thu ky", "pho", "thu tuong", "vu truong", "chanh an",
)  # fmt: skip
_SIGNED = re.compile(r"^\W*(?:da ky|ky|chu ky|ky ten|ky so|signed|da ky so)\b")


def _is_item(cell: _Cell) -> bool:
    # OCR reads the dash of a list as "_", "~" or "=" at times.
    return bool(re.match(r"[-+•*_~=]|noi nhan|luu\b", cell.folded))


#: A quote OCR puts before a word from a speck on the page: "Huỳnh 'Thanh Quang".
_STRAY_QUOTE = re.compile(r"(?<!\S)['\"‘’`]+(?=\w)")


def _unquote(text: str) -> str:
    return _STRAY_QUOTE.sub("", text)


def _is_name(cell: _Cell) -> bool:
    words = _unquote(cell.text).split()
    return (
        2 <= len(words) <= 5
        and all(word[0].isupper() and word.replace("'", "").isalpha() for word in words)
        and not _words(cell.folded).startswith(_TITLES)
        and not _CAPACITY.match(cell.folded)
    )


def _name_value(text: str) -> str:
    text = _SURNAME_MISREAD.sub(lambda m: _SURNAME_FIXES[m.group()], _unquote(text))
    return " ".join(word.capitalize() for word in text.split()) if text.isupper() else text


#: Common surnames as OCR misreads them into syllables that are no surname ("Đỉnh" for
#: "Đinh"): the first word of a signer's name only.
_SURNAME_FIXES = {"Đỉnh": "Đinh", "Đính": "Đinh", "Trằn": "Trần", "Phậm": "Phạm", "Lễ": "Lê"}
_SURNAME_MISREAD = re.compile(r"^(?:" + "|".join(_SURNAME_FIXES) + r")(?= )")


def _signer_cells(page: _Page, first_line: int) -> list[_Cell]:
    return [
        cell
        for cell in page.cells(first_line)
        if not _is_item(cell) and not _SIGNED.match(cell.folded) and not cell.text[0].islower()
    ]


#: The prefix with its dot or slash lost (OCR): "TM BAN THƯỜNG VỤ", "KT CHỦ TỊCH".
_BARE_CAPACITY = re.compile(r"^(tm|kt|tl|tuq)[ \t]+(?=[^\W\d_]{2,})")


def _competence(page: _Page, cells: list[_Cell], party: bool) -> tuple[Field, int]:
    """The last signing-authority prefix (KT. in "TM. ỦY BAN…/KT. CHỦ TỊCH") and its index."""
    for index in range(len(cells) - 1, -1, -1):
        match = _CAPACITY.match(cells[index].folded)
        if match and _is_caps(cells[index].text):
            written = cells[index].text[: match.end()].strip().upper()
            value = written if "/" in written else written.rstrip(".").strip() + "."
            end = cells[index].start + len(written)
            return page.field(value, 0.9, cells[index].start, end), index
    for index in range(len(cells) - 1, -1, -1):
        bare = _BARE_CAPACITY.match(cells[index].folded)
        if bare and _is_caps(cells[index].text):
            letters = bare.group(1).upper()
            value = f"{letters[0]}/{letters[1:]}" if party else f"{letters}."
            end = cells[index].start + len(bare.group(1))
            return page.field(value, 0.6, cells[index].start, end), index
    return MISSING, -1


def _direct_signer(cells: list[_Cell]) -> int:
    """Without a TM./KT. line: the index before the last CAPS title followed by a name."""
    for index in range(len(cells) - 2, -1, -1):
        cell = cells[index]
        if _is_caps(cell.text) and _is_title(cell) and _is_name(cells[index + 1]):
            return index - 1
    return -2


def _signer(page: _Page, first_line: int, party: bool) -> tuple[Field, Field, Field]:
    """(competence, position, name)."""
    cells = _signer_cells(page, first_line)
    competence, at = _competence(page, cells, party)
    if at < 0:
        at = _direct_signer(cells)
    if at < -1:
        return MISSING, MISSING, MISSING
    following = cells[at + 1 : at + 4]
    name_at = next((i for i, cell in enumerate(following) if _is_name(cell)), None)
    titles = following[:name_at] if name_at is not None else following[:1]
    titles = [cell for cell in titles if _is_caps(cell.text) and _is_title(cell)]
    sure = 0.9 if competence is not MISSING else 0.7
    written = " ".join(c.text for c in titles)
    position = (
        page.field(
            _unquote(written),
            sure if _unquote(written) == written else sure * 0.8,
            titles[0].start,
            titles[-1].end,
        )
        if titles
        else MISSING
    )
    if name_at is None:
        return competence, position, MISSING
    cell = following[name_at]
    name = _name_value(cell.text)
    sure_name = sure if name in (cell.text, cell.text.title()) else sure * 0.8
    return competence, position, page.field(name, sure_name, cell.start, cell.end)


def _is_title(cell: _Cell) -> bool:
    return _words(cell.folded).startswith(_TITLES)


def _recipient_items(page: _Page, start: _Cell) -> tuple[list[str], int]:
    """Items after "Nơi nhận:" up to "Lưu", skipping the signer column beside them."""
    items: list[str] = []
    end = start.end
    inline = start.text.split(":", 1)[1] if ":" in start.text else ""
    if inline.strip():
        items.append(inline)
    for cell in page.cells(start.line + 1):
        if re.match(r"luu\b(?! tru)", _words(cell.folded)):
            break
        if cell.text[0] in "-+•":
            items.append(cell.text)
        elif cell.text[0].islower() and items:
            items[-1] += " " + cell.text
        elif not (_is_caps(cell.text) or _is_name(cell) or _SIGNED.match(cell.folded)):
            break
        else:
            continue
        end = cell.end
    return [item.strip(" -+•;,.") for item in items], end


def _recipients(page: _Page) -> Field:
    start = next((c for c in page.cells() if re.match(r"noi nhan\b", c.folded)), None)
    if start is None:
        return MISSING
    items, end = _recipient_items(page, start)
    items = [item for item in items if item]
    return page.field("; ".join(items), 0.9, start.start, end) if items else MISSING


# --- putting it together ---


def _first_prose_line(page: _Page) -> int:
    """Where the header ends when no number, date or type line says so: the first line
    with a cell in ordinary case."""
    for index, row in enumerate(page.lines):
        prose = [cell for cell in row if _words(cell.folded) not in _MOTTOS]
        if any(not _is_caps(c.text) and re.search(r"[^\W\d_]", c.text) for c in prose):
            return index
    return len(page.lines)


def extract(text: str, vocabulary: lexicon.Vocabulary = lexicon.EMPTY) -> Extraction:
    """Propose the header fields of a document from the text of its first page(s);
    `vocabulary` is the office's own (intake/vocabulary.py), to put back OCR's marks."""
    repair = functools.partial(lexicon.repair, office=vocabulary)
    page = _page(text)
    priority, secrecy, stamps = _stamps(page)
    number, notation, party, code_line = _code(page)
    issued, place, date_line = _date(page)
    vv = _vv_cell(page, code_line)
    glued = notation.span and not re.search(r"[/\s-]", text[slice(*notation.span)])
    if vv and glued:
        number, notation, party, code_line = _code(page, split=False)
    type_name, type_cell, rest = _type_line(page)
    if vv and type_cell and type_cell.line > vv.line:  # an annex or a quoted title
        type_name, type_cell, rest = MISSING, None, ""
    subject, subject_end = _subject(page, vv, type_cell, rest)
    notation = _agree_with_type(notation, type_name, party)
    if type_name is MISSING and vv:  # "V/v" under the number marks a công văn, whatever
        type_name = page.field("Công văn", 0.8, vv.start, vv.end)  # its code looks like
    if type_name is MISSING:
        type_name = _type_from_notation(notation, party)
    title = [cell.line for cell in (vv, type_cell) if cell]
    marks = [code_line, date_line, *title]
    header_end = min([line for line in marks if line >= 0] or [_first_prose_line(page)])
    organ, parent = _bodies(page, header_end, stamps)
    signer_from = max([subject_end, *marks]) + 1
    competence, position, name = _signer(page, signer_from, party)
    organ = _repaired(organ, lexicon.repair_header)
    parent = _repaired(parent, lexicon.repair_header)
    place = _place_from_header(_repaired(place, lexicon.repair_place), organ, parent)
    return Extraction(
        organ_name=organ,
        parent_body=parent,
        code_number=number,
        code_notation=notation,
        issued_date=issued,
        place=place,
        type_name=type_name,
        subject=_repaired(subject, repair),
        signer_position=_repaired(position, repair),
        signer_name=_repaired(name, str),
        competence=competence,
        priority=priority,
        secrecy=secrecy,
        recipients=_repaired(_recipients(page), functools.partial(_repair_recipients, repair)),
    )


_UNIT_NAME = re.compile(
    r"\b(?:TỈNH|HUYỆN|XÃ|QUẬN|PHƯỜNG|THỊ XÃ|THỊ TRẤN|THÀNH PHỐ|TP\.?)"
    r"(?: (?:ỦY|ĐOÀN))? (?P<name>[^\W\d_][^,;()]*)$"
)


def _place_from_header(place: Field, organ: Field, parent: Field) -> Field:
    """The place checked against the unit named in the header ("UBND HUYỆN KRÔNG PẮC" and
    "Krông Pắc, ngày..."): the same name makes it surer; one letter off (OCR), the
    header's spelling is taken."""
    if not place.value:
        return place
    key = fold(place.value)
    for header in (organ.value, parent.value):
        match = _UNIT_NAME.search(header or "")
        if not match:
            continue
        name = match.group("name").strip()
        named = " ".join(word.capitalize() for word in name.split()) if name.isupper() else name
        other = fold(named)
        if other == key:
            return Field(place.value, max(place.confidence, 0.95), place.span)
        if len(key) >= 5 and lexicon.one_letter_off(key, other):
            return Field(named, min(place.confidence, 0.75), place.span)
    return place


def _repair_recipients(repair: Callable[[str], str], text: str) -> str:
    return repair(re.sub(r"\b(để [bB])/C\b", r"\1/c", text))


def _repaired(field: Field, repair: Callable[[str], str]) -> Field:
    """The value with the marks OCR got wrong put back from the lexicon (a little less
    sure then); a value that still looks badly read gets a low confidence."""
    if field.value is None:
        return field
    value = repair(field.value)
    confidence = field.confidence if value == field.value else round(field.confidence * 0.9, 2)
    if lexicon.garbled(value):
        confidence = min(confidence, 0.4)
    if (value, confidence) == (field.value, field.confidence):
        return field
    return Field(value, confidence, field.span)
