"""Header extraction, the written parts of a header: the issuing and parent bodies, the
subject, the signer block and the recipients.
"""

from __future__ import annotations

import itertools
import re

from vanphong.intake.extraction_code import CAPACITY, CODE
from vanphong.intake.extraction_page import (
    MISSING,
    Cell,
    Field,
    Page,
    is_caps,
    is_motto,
    words_of,
)
from vanphong.vietnamese import fold

# --- issuing body and parent body (rules.md §1.3 ô 2, §2.3) ---

_NOT_BODIES = ("du thao", "ban sao", "luu hanh noi bo", "xem xong tra lai", "mau so", "phu luc")
UNIT_START = re.compile(
    r"^(?:xa|phuong|thi tran|thi xa|tinh|thanh pho|huyen|quan|dac khu) (?!uy\b|doan\b)"
)
_UNIT_ANY = re.compile(r"\b(?:xa|phuong|thi tran|tinh|thanh pho|huyen|quan|dac khu|tw)\b")


#: Headings of the Front's associations that are also a body's name: "HỘI NÔNG DÂN VIỆT
#: NAM" over "BAN CHẤP HÀNH TRUNG ƯƠNG" is the parent body, not a motto.
_ASSOCIATIONS = {
    "hoi nong dan viet nam", "hoi lien hiep phu nu viet nam", "hoi cuu chien binh viet nam",
}  # fmt: skip


def _association_body(page: Page, cell: Cell) -> bool:
    if words_of(cell.folded) not in _ASSOCIATIONS or page.lines[cell.line][0] != cell:
        return False  # a heading stands on the right, a body opens the left column
    if any(words_of(c.folded).startswith("cong hoa xa hoi") for c in page.cells()):
        return True  # the national motto heads the right column: this one is a body
    below = next((row for row in page.lines[cell.line + 1 : cell.line + 4] if row), [])
    return bool(below) and words_of(below[0].folded).startswith(
        ("ban chap hanh trung uong", "trung uong")
    )


def _header_cells(page: Page, end_line: int, stamps: set[Cell]) -> list[Cell]:
    return [
        cell
        for row in page.lines[:end_line]
        for cell in row
        if is_caps(cell.text)
        and (not is_motto(cell.folded) or _association_body(page, cell))
        and not words_of(cell.folded).startswith(_NOT_BODIES)
        and cell not in stamps
        and not CODE.match(cell.folded)
    ]


BODY_START = re.compile(
    r"^(?:uy ban|ubnd|hdnd|mttq|hoi|so|phong|ban|bo|cuc|chi cuc|tong|van phong|dang|tinh uy"
    r"|huyen uy|thanh uy|thi uy|quan uy|chi bo|lien doan|ldld|tinh doan|huyen doan|thanh doan"
    r"|doan|bch|truong|trung tam|vien|toa an|kho bac|thanh tra|cong an|chinh phu|quoc hoi"
    r"|bao hiem|cong ty|benh vien|hoc vien|dai hoc|ngan hang|cuc|tong cuc|thuong truc"
    r"|chu tich|hoi dong|to|nhom|cac|uy ban|vu|cong doan|chi doan|chi hoi|ubkt)\b"
)


#: A body that names its owner on the next line: "THƯỜNG TRỰC" / "HĐND - UBND TỈNH X".
_OWNED_BODIES = {"thuong truc", "ban thuong truc", "ban thuong vu", "ban chap hanh", "uy ban"}


def _continues(words: str, previous: str) -> bool:
    """A wrapped line of the body above: "VÀ MÔI TRƯỜNG" after "SỞ NÔNG NGHIỆP",
    "ĐẦU TƯ XÂY DỰNG" after "BAN QUẢN LÝ DỰ ÁN" — it starts no body of its own."""
    if words.startswith(("va ", "- ", "& ")) or words_of(fold(previous)) in _OWNED_BODIES:
        return True
    return (
        not BODY_START.match(words) and not UNIT_START.match(words) and len(previous.split()) >= 3
    )


#: What may hang after a body's name: the Party star, the rule under it, an OCR speck.
_TRAILING = " *-_,.;:'`"


def _header_entries(cells: list[Cell]) -> list[tuple[str, int, int]]:
    """Group wrapped lines: "ỦY BAN NHÂN DÂN" + "XÃ TÂN HÒA" is one body."""
    entries: list[tuple[str, int, int]] = []
    for cell in cells:
        words = words_of(cell.folded)
        wrapped = entries and (
            _continues(words, entries[-1][0])
            or (UNIT_START.match(words) and not _UNIT_ANY.search(fold(entries[-1][0])))
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


#: A body under another, when both names stand on one line ("UBND HUYỆN THÁI THỤY PHÒNG
#: GIÁO DỤC & ĐÀO TẠO", "BAN CHẤP HÀNH TRUNG ƯƠNG VĂN PHÒNG"): where the lower one starts.
_LOWER_BODY = re.compile(
    r"(?:phong|so|van phong|ban(?! nhan dan| chap hanh| thuong)|chi cuc|cuc|truong|trung tam"
    r"|cong doan|huyen uy|thanh uy|thi uy|quan uy|dang uy|chi bo|uy ban kiem tra|ubkt"
    r"|thuong truc|ban thuong vu|ban chap hanh|hoi dong)\b"
)
#: The upper body's name is whole: it ends with its place or with "Trung ương".
_WHOLE_UPPER = re.compile(
    r"(?:\b(?:tinh|huyen|xa|quan|phuong|thi xa|thi tran|thanh pho|tp) \w+(?: \w+){0,3}"
    r"|trung uong|tw|viet nam)$"
)


def _split_pair(text: str) -> tuple[str, str] | None:
    """(upper, lower) when one line holds a parent body and the issuer, else None."""
    words = text.split()
    folded = [words_of(fold(word)) for word in words]
    for index in range(2, len(words) - 1):
        upper, lower = " ".join(folded[:index]), " ".join(folded[index:])
        if _LOWER_BODY.match(lower) and _WHOLE_UPPER.search(upper) and BODY_START.match(upper):
            return " ".join(words[:index]), " ".join(words[index:])
    return None


def read_bodies(page: Page, end_line: int, stamps: set[Cell]) -> tuple[Field, Field]:
    entries = _header_entries(_header_cells(page, end_line, stamps))
    if not entries:
        return MISSING, MISSING
    has_motto = any(is_motto(cell.folded) for cell in page.cells())
    sure = has_motto and len(entries) <= 3
    named = BODY_START.match(words_of(fold(entries[-1][0])))  # a Vietnamese body's name
    confidence = 0.9 if sure else 0.6 if named else 0.3
    organ = page.field(entries[-1][0], confidence, entries[-1][1], entries[-1][2])
    if len(entries) < 2:
        pair = _split_pair(entries[-1][0])
        if pair is None:
            return organ, MISSING
        _, start, end = entries[-1]
        return page.field(pair[1], 0.7, start, end), page.field(pair[0], 0.65, start, end)
    text, start, end = entries[-2]
    return organ, page.field(text, 0.85 if sure else 0.55, start, end)


# --- subject ("V/v ..." under the number, or the lines under the type name) ---

_SUBJECT_STOP = (
    "can cu", "kinh gui", "kinh moi", "tran trong", "chu tich", "uy ban nhan dan",
    "ban thuong vu", "ban chap hanh", "thuong truc", "hoi dong nhan dan", "giam doc",
    "bo truong", "thu tuong chinh phu", "chinh phu", "cuc truong", "tong cuc truong",
    "vien truong", "chanh an", "tong kiem toan", "thong doc", "chu nhiem", "truong ban",
)  # fmt: skip


def vv_cell(page: Page, code_line: int) -> Cell | None:
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


#: Words that open the body, not a wrapped line of the subject written in ordinary case.
_BODY_OPENS = (
    "thuc hien", "theo de nghi", "xet de nghi", "xet", "de ", "nham", "trong thoi gian",
    "sau khi", "hom nay", "dieu 1", "phan i", "chuong i", "i ", "1 ", "vua qua",
    "qua ", "can cu",
)  # fmt: skip


#: A subject's last line that holds only its years: "GIAI ĐOẠN" / "2017-2021".
_YEARS = re.compile(r"\(?(?:\d{4}\s*[-–]\s*)?\d{4}\)?")


def _joins_subject(cell: Cell, first: Cell) -> bool:
    words = words_of(cell.folded)
    caps = is_caps(cell.text)
    continuing = cell is not first
    bare_vv = words_of(first.folded) == "v v"
    return (
        bool(words)
        and not words.startswith(_SUBJECT_STOP)
        and not CODE.match(cell.folded)
        and not (not caps and re.search(r"\bngay \d+ thang|^\d{1,2} \d{1,2} \d{4}\b", words))
        and not (continuing and not caps and words.startswith(_BODY_OPENS) and not bare_vv)
        and not (continuing and re.match(r"(?:[IVXLC]+|\d{1,2}|[a-zđ])[.)]\s", cell.text))
        and not re.search(r",\s*ngay(?:\s*$|\s+\S{1,3}\s+thang)", cell.folded)
        and not (continuing and words in _STAMPS)
        and not (continuing and is_caps(first.text) and caps and _TYPE_TITLE.match(words))
        and not (
            continuing
            and is_caps(first.text)
            and not caps
            and not bare_vv
            and not cell.text[:1].islower()
            and not _YEARS.fullmatch(cell.text.strip())
        )  # "ĐIỀU LỆ…" then "Đại hội…": the body; "… GIAI ĐOẠN" then "2017-2021" runs on
        and (
            caps == is_caps(first.text)
            or not caps
            or bare_vv
            or (continuing and len(words.split()) <= 2)  # "V/v chính sách thuế" / "GTGT"
            or re.match(r"\d+/\d{4}/", cell.text) is not None  # a cited "100/2024/NĐ-CP"
        )
        and (len(cell.text) <= 120 or (caps and len(cell.text) <= 400) or not continuing)
        and len(cell.text) <= 400
    )


_STAMPS = {"mat", "toi mat", "tuyet mat", "khan", "thuong khan", "hoa toc", "hoa toc hen gio"}
#: A line that is a type title of its own ("QUYẾT ĐỊNH:" over the articles).
_TYPE_TITLE = re.compile(r"(?:quyet dinh|quyet nghi|nghi quyet|ket luan|chi thi)$")


def _double_spaced(page: Page) -> bool:
    """Whether the page puts a blank line after every line (a web page's paragraphs)."""
    rows = page.lines[:60]
    filled = [index for index, row in enumerate(rows) if row]
    if len(filled) < 6:
        return False
    gaps = sum(1 for a, b in itertools.pairwise(filled) if b - a > 1)
    return gaps >= 0.6 * (len(filled) - 1)


def _subject_lines(page: Page, first: Cell, max_lines: int) -> list[Cell]:
    """`first` and the cells under it that continue it: the first cell of each next line
    (a blank line between two is passed over once: pages that space every line), up to a
    salutation, an authority line or the body."""
    taken = [first]
    blank = 0
    spaced = _double_spaced(page)
    for row in page.lines[first.line + 1 : first.line + 1 + 2 * max_lines]:
        if not row:
            blank += 1
            if blank > 1:
                break
            continue
        if blank and not spaced and not row[0].text[:1].islower():
            break  # a blank line ends the subject, unless the words run on after it
        blank = 0
        if len(taken) >= max_lines or not _joins_subject(row[0], first):
            break
        taken.append(row[0])
    return taken


def _whole_vv(page: Page, vv: Cell) -> Cell:
    """A "V/v" cut from its words by a double space ("V/v  báo cáo…"): the line's cells
    after it belong to it."""
    if words_of(vv.folded) != "v v":
        return vv
    row = page.lines[vv.line]
    after = [cell for cell in row if cell.start > vv.start]
    if not after:
        return vv
    end = after[0].end
    text = page.text[vv.start : end]
    return Cell(vv.line, vv.start, end, " ".join(text.split()), page.folded[vv.start : end])


def read_subject(
    page: Page, vv: Cell | None, type_cell: Cell | None, rest: str
) -> tuple[Field, int]:
    """(subject, its last line or -1)."""
    if vv and (type_cell is None or vv.line <= type_cell.line + 3):
        vv = _whole_vv(page, vv)
        cells = _subject_lines(page, vv, 6)
        text = " ".join(cell.text for cell in cells)
        confidence = 0.9 if len(cells) == 1 else 0.8
        damaged = _DAMAGED_VV.match(vv.folded)
        if damaged and not re.match(r"v ?/ ?v\b", vv.folded):
            text = "V/v " + text[damaged.end() :]  # restore what OCR damaged
            confidence = 0.7
        return page.field(text, confidence, vv.start, cells[-1].end), cells[-1].line
    if type_cell is None:
        return MISSING, -1
    after = [row[0] for row in page.lines[type_cell.line + 1 : type_cell.line + 4] if row]
    first = after[0] if after and _joins_subject(after[0], after[0]) else None
    if first is None:
        start = type_cell.end - len(rest)
        return page.field(rest, 0.6, start, type_cell.end), type_cell.line
    cells = _subject_lines(page, first, 8)
    text = " ".join([rest, *(cell.text for cell in cells)]).strip()
    confidence = 0.85 if words_of(first.folded).startswith("ve") else 0.7
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


def _is_item(cell: Cell) -> bool:
    # OCR reads the dash of a list as "_", "~" or "=" at times.
    return bool(re.match(r"[-+•*_~=]|noi nhan|luu\b", cell.folded))


#: A quote OCR puts before a word from a speck on the page: "Huỳnh 'Thanh Quang".
_STRAY_QUOTE = re.compile(r"(?<!\S)['\"‘’`]+(?=\w)")


def _unquote(text: str) -> str:
    return _STRAY_QUOTE.sub("", text)


def _is_name(cell: Cell) -> bool:
    words = _unquote(cell.text).split()
    return (
        2 <= len(words) <= 5
        and all(word[0].isupper() and word.replace("'", "").isalpha() for word in words)
        and not words_of(cell.folded).startswith(_TITLES)
        and not CAPACITY.match(cell.folded)
    )


def _name_value(text: str) -> str:
    text = _SURNAME_MISREAD.sub(lambda m: _SURNAME_FIXES[m.group()], _unquote(text))
    return " ".join(word.capitalize() for word in text.split()) if text.isupper() else text


#: Common surnames as OCR misreads them into syllables that are no surname ("Đỉnh" for
#: "Đinh"): the first word of a signer's name only.
_SURNAME_FIXES = {"Đỉnh": "Đinh", "Đính": "Đinh", "Trằn": "Trần", "Phậm": "Phạm", "Lễ": "Lê"}
_SURNAME_MISREAD = re.compile(r"^(?:" + "|".join(_SURNAME_FIXES) + r")(?= )")


def _signer_cells(page: Page, first_line: int) -> list[Cell]:
    return [
        cell
        for cell in page.cells(first_line)
        if not _is_item(cell) and not _SIGNED.match(cell.folded) and not cell.text[0].islower()
    ]


#: The prefix with its dot or slash lost (OCR): "TM BAN THƯỜNG VỤ", "KT CHỦ TỊCH".
_BARE_CAPACITY = re.compile(r"^(tm|kt|tl|tuq)[ \t]+(?=[^\W\d_]{2,})")


def _competence(page: Page, cells: list[Cell], party: bool) -> tuple[Field, int]:
    """The last signing-authority prefix (KT. in "TM. ỦY BAN…/KT. CHỦ TỊCH") and its index."""
    for index in range(len(cells) - 1, -1, -1):
        match = CAPACITY.match(cells[index].folded)
        if match and is_caps(cells[index].text):
            written = cells[index].text[: match.end()].strip().upper()
            value = written if "/" in written else written.rstrip(".").strip() + "."
            end = cells[index].start + len(written)
            return page.field(value, 0.9, cells[index].start, end), index
    for index in range(len(cells) - 1, -1, -1):
        bare = _BARE_CAPACITY.match(cells[index].folded)
        if bare and is_caps(cells[index].text):
            letters = bare.group(1).upper()
            value = f"{letters[0]}/{letters[1:]}" if party else f"{letters}."
            end = cells[index].start + len(bare.group(1))
            return page.field(value, 0.6, cells[index].start, end), index
    return MISSING, -1


def _direct_signer(cells: list[Cell]) -> int:
    """Without a TM./KT. line: the index before the last CAPS title followed by a name."""
    for index in range(len(cells) - 2, -1, -1):
        cell = cells[index]
        if is_caps(cell.text) and _is_title(cell) and _is_name(cells[index + 1]):
            return index - 1
    return -2


def read_signer(page: Page, first_line: int, party: bool) -> tuple[Field, Field, Field]:
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
    titles = [cell for cell in titles if is_caps(cell.text) and _is_title(cell)]
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


def _is_title(cell: Cell) -> bool:
    return words_of(cell.folded).startswith(_TITLES)


def _recipient_items(page: Page, start: Cell) -> tuple[list[str], int]:
    """Items after "Nơi nhận:" up to "Lưu", skipping the signer column beside them."""
    items: list[str] = []
    end = start.end
    inline = start.text.split(":", 1)[1] if ":" in start.text else ""
    if inline.strip():
        items.append(inline)
    for cell in page.cells(start.line + 1):
        if re.match(r"luu\b(?! tru)", words_of(cell.folded)):
            break
        if cell.text[0] in "-+•":
            items.append(cell.text)
        elif cell.text[0].islower() and items:
            items[-1] += " " + cell.text
        elif not (is_caps(cell.text) or _is_name(cell) or _SIGNED.match(cell.folded)):
            break
        else:
            continue
        end = cell.end
    return [item.strip(" -+•;,.") for item in items], end


def read_recipients(page: Page) -> Field:
    start = next((c for c in page.cells() if re.match(r"noi nhan\b", c.folded)), None)
    if start is None:
        return MISSING
    items, end = _recipient_items(page, start)
    items = [item for item in items if item]
    return page.field("; ".join(items), 0.9, start.start, end) if items else MISSING


_AUTHORITY = re.compile(
    r"(?:uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd|chu tich|ban thuong vu|ban chap hanh"
    r"|thuong truc|bo truong|thu tuong|chinh phu|giam doc)\b"
)


def subject_untitled(page: Page, after_line: int) -> tuple[Field, int]:
    """The subject of a page that lost its type title (a site dropped "QUYẾT ĐỊNH"): the
    lines in capitals just under the number and date — a guess, and said to be one."""
    if after_line < 0:
        return MISSING, -1
    for row in page.lines[after_line + 1 : after_line + 4]:
        if not row:
            continue
        first = row[0]
        words = words_of(first.folded)
        if not is_caps(first.text) or len(words) < 3 or not _joins_subject(first, first):
            return MISSING, -1
        if _AUTHORITY.match(words):
            return MISSING, -1  # the authority line ("ỦY BAN NHÂN DÂN TỈNH …"), no subject
        cells = _subject_lines(page, first, 8)
        text = " ".join(cell.text for cell in cells)
        return page.field(text, 0.55, first.start, cells[-1].end), cells[-1].line
    return MISSING, -1
