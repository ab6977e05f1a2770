"""Header extraction, the coded parts of a header: urgency and secrecy stamps, the number
and notation, the place and date, and the document type.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator

from vanphong.intake.extraction_page import MISSING, Cell, Field, Page, is_caps, words_of
from vanphong.registers.defaults import LEGAL_TYPES, PARTY_TYPES, STATE_TYPES
from vanphong.vietnamese import fold

# --- urgency and secrecy stamps (rules.md §1.5) ---

_PRIORITY = {
    "hoa toc hen gio": "Hỏa tốc hẹn giờ",
    "hoa toc": "Hỏa tốc",
    "thuong khan": "Thượng khẩn",
    "khan": "Khẩn",
}
_SECRECY = {"tuyet mat": "Tuyệt mật", "toi mat": "Tối mật", "mat": "Mật"}


def _stamp_marks(cell: Cell) -> list[str] | None:
    """The marks a cell consists of ("HỎA TỐC", "KHẨN  MẬT"), or None if it holds anything
    else: a mark inside a sentence or a longer word is not a stamp."""
    if not is_caps(cell.text):
        return None
    rest, marks = words_of(cell.folded), []
    while rest:
        for phrase in (*_PRIORITY, *_SECRECY):
            if rest == phrase or rest.startswith(phrase + " "):
                marks.append(phrase)
                rest = rest[len(phrase) :].strip()
                break
        else:
            return None
    return marks


def read_stamps(page: Page) -> tuple[Field, Field, set[Cell]]:
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

CODE = re.compile(
    # "Số:" may stand alone at the end of its line, the number starting the next.
    # "Số", and "S" where a text layer lost the "ố" ("S: 47/2011/…", "S 291/QĐ-…").
    r"(?<![a-z0-9])s(?:[o0]|(?=[ \t]*:[ \t]*\d)|(?=[ \t]+\d{1,5}[ \t]*/))"
    r"[ \t]*[:;.]?[ \t]*\n?[ \t]*"
    r"(?P<num>[0-9oli]*[0-9][0-9oli]*(?:[a-z](?=[ \t]*[/-]))?)"
    # The separator; none when a Party notation is glued to the number ("15NQ/TU").
    # A site that dropped the slashes leaves spaces: "Số 128 2008 NĐ-CP".
    r"[ \t]*(?P<sep>/|-+|(?=[a-z]{1,5}[ \t]*/[ \t]*[a-z])|(?<=\d) (?=(?:19|20)\d\d [a-z]))"
    # Parts joined by "/" or hyphens; a single space may stand for a lost hyphen ("BC HĐND",
    # kept only while the parts are capitals: see _trim_spaced).
    r"[ \t]*(?P<rest>[a-z0-9]+(?:(?:[ \t]*(?:/|-+)[ \t]*| (?=[a-z])|[.&](?=[a-z]{2}))[a-z0-9]+)*)"
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


def _at_cell_start(page: Page, position: int) -> bool:
    line_start = page.text.rfind("\n", 0, position) + 1
    before = page.folded[line_start:position]
    return bool(re.search(r"(?:^|\t|\||  )[ \t]*(?:luat[ \t]+|phap lenh[ \t]+)?$", before))


def read_code(page: Page, split: bool = True) -> tuple[Field, Field, bool, int]:
    """(number, notation, Party style?, line index); line -1 when there is none. `split`:
    read a glued notation "QĐUBND" as "QĐ-UBND" (not on a công văn, "CĐVC" is a code)."""
    for match in CODE.finditer(page.folded):
        if not _at_cell_start(page, match.start()):
            continue
        party = match.group("sep").startswith("-") or not match.group("sep")
        raw_number = page.text[match.start("num") : match.end("num")]
        number = raw_number.translate(_DIGITS)
        raw = _trim_spaced(page.text[match.start("rest") : match.end("rest")])
        if match.group("sep") == " ":
            raw = re.sub(r"^(\d{4}) ", r"\1/", raw)  # "Số 128 2008 NĐ-CP": 2008/NĐ-CP
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
    r"nga?y\s*(?P<d>[0-9oli]{1,2})\s*thang\s*(?P<m>[0-9oli]{1,2})\s*nam\s*(?P<y>[0-9oli]{4})"
)
_NUMERIC_DATE = re.compile(
    r"(?<![\d/])(?P<d>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<m>\d{1,2})"
    r"\s*(?P=sep)\s*(?P<y>\d{4})(?![\d/])"
)
_PLACE = re.compile(r"(?P<place>[^\n,]{2,60}?)[ \t]*,[ \t]*(?:ngay[ \t]*)?$")


def _place_of(page: Page, date_start: int) -> tuple[str, int] | None:
    """The place written before ", ngày", cut at the column gap; None if it is no place.
    A place left at the end of the line above ("Quảng Bình," / "ngày 25 tháng 5…") counts."""
    line_start = page.folded.rfind("\n", 0, date_start) + 1
    if not page.folded[line_start:date_start].strip() and line_start > 1:
        above = page.folded.rfind("\n", 0, line_start - 1) + 1
        if page.folded[above : line_start - 1].rstrip().endswith(","):
            date_start = above + len(page.folded[above : line_start - 1].rstrip()) + 1
            line_start = above
    match = _PLACE.search(page.folded, max(line_start, date_start - 80), date_start)
    if match is None:
        return None
    raw = page.text[match.start("place") : match.end("place")]
    cut = re.split(r"\t|\||  ", raw)[-1]
    cut = re.sub(r"^.*[\d/]\S*\s+", "", cut).strip()
    numbered = re.fullmatch(r"(?:Quận|Phường|Q\.|P\.) ?\d{1,2}", cut)  # "Quận 2, ngày…"
    digits = re.search(r"[\d/]", cut) and not numbered
    if not cut or not cut[0].isupper() or ":" in cut or digits:
        return None
    return cut, match.start("place") + raw.rfind(cut)


def _iso(match: re.Match[str]) -> str | None:
    day, month, year = (int(match.group(key).translate(_DIGITS)) for key in "dmy")
    try:
        return dt.date(year, month, day).isoformat() if 1945 <= year <= 2100 else None
    except ValueError:
        return None


def _date_candidates(page: Page) -> Iterator[tuple[float, re.Match[str], bool]]:
    for pattern, base in ((_WORD_DATE, 0.85), (_NUMERIC_DATE, 0.6)):
        for match in pattern.finditer(page.folded):
            line_start = page.folded.rfind("\n", 0, match.start("d")) + 1
            if words_of(page.folded[line_start : match.start("d")]).startswith("can cu"):
                continue
            yield base, match, _place_of(page, match.start()) is not None


def read_date(page: Page) -> tuple[Field, Field, int]:
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


def _place_field(page: Page, place: tuple[str, int], confidence: float) -> Field:
    return page.field(place[0], confidence, place[1], place[1] + len(place[0]))


def _place_alone(page: Page) -> Field:
    """A header whose date is left blank ("Hà Nội, ngày   tháng   năm 2026")."""
    for match in re.finditer(r",[ \t]*ngay\b", page.folded):
        place = _place_of(page, match.end())
        if place:
            return _place_field(page, place, 0.8)
    return MISSING


# --- document type (rules.md §1.1, §2.1) ---

_EXTRA_TYPES = ["Thông tri", "Kết luận", "Tuyên bố", "Lời kêu gọi", "Quy hoạch", "Công văn"]
TYPE_KEYS = sorted(
    (
        (words_of(fold(name)), name)
        for name in {n.replace(" (QPPL)", "") for n, _ in STATE_TYPES + PARTY_TYPES + LEGAL_TYPES}
        | set(_EXTRA_TYPES)
    ),
    key=lambda pair: -len(pair[0]),
)
CAPACITY = re.compile(r"^(?:(tm|kt|tl|tuq|q)[ \t]*\.|(t/m|k/t|t/l|t/uq))[ \t]*(?=[^\W\d_])")


_STAMP_WORDS = {"ban sao", "du thao", "ban chinh", "ban luu"}


def read_type_line(page: Page) -> tuple[Field, Cell | None, str]:
    """The big CAPS line: (type field, its cell, the rest of the line after the name)."""
    for cell in page.cells():
        if not is_caps(cell.text) or CAPACITY.match(cell.folded):
            continue
        words = words_of(cell.folded)
        if words in _STAMP_WORDS:
            continue  # "BẢN SAO", "DỰ THẢO" stamped on the page: marks, not the type
        if cell.text.rstrip().endswith(":"):
            continue  # "QUYẾT ĐỊNH:", "QUYẾT NGHỊ:" over the articles: the enacting words
        for key, name in TYPE_KEYS:
            if words == key or words.startswith(key + " "):
                rest = _strip_words(cell.text, len(key.split()))
                confidence = 0.95 if words == key else 0.85
                return page.field(name, confidence, cell.start, cell.end), cell, rest
            glued = words.split(" ", 1)
            if " " in key and glued[0] == key.replace(" ", ""):  # "NGHỊQUYẾT VỀ VIỆC…"
                rest = _strip_words(cell.text, 1)
                return page.field(name, 0.75, cell.start, cell.end), cell, rest
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


def agree_with_type(notation: Field, type_name: Field, party: bool) -> Field:
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


def type_before_code(page: Page, number: Field) -> Field:
    """The type a legal text names before its number: "Luật số: 91/2015/QH13",
    "Nghị quyết số: 653/2019/UBTVQH14"."""
    if not number.span:
        return MISSING
    start = number.span[0]
    line_start = page.text.rfind("\n", 0, start) + 1
    before = words_of(page.folded[line_start:start])
    for key, name in TYPE_KEYS:
        if before.endswith(f"{key} so"):
            return Field(name, 0.8, number.span)
    return MISSING


def type_from_notation(notation: Field, party: bool) -> Field:
    """'NQ/TU' -> Nghị quyết, '2025/QĐ-UBND' -> Quyết định; a State công văn has none."""
    tokens = re.split(r"[/-]", notation.value or "")
    if not party and tokens[0].isdigit():
        tokens = tokens[1:]
    table = _PARTY_ABBR if party else _STATE_ABBR
    name = table.get(tokens[0]) if tokens else None
    return Field(name, 0.7, notation.span) if name else MISSING
