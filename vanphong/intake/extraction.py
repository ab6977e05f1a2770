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
import functools
import re
import unicodedata
from collections.abc import Callable

from vanphong.intake import extraction_lexicon as lexicon
from vanphong.intake.extraction_code import (
    agree_with_type,
    read_code,
    read_date,
    read_stamps,
    read_type_line,
    type_before_code,
    type_from_notation,
)
from vanphong.intake.extraction_layout import header_start
from vanphong.intake.extraction_page import (
    MISSING,  # imported from here by the rest of the app, as is Field
    Field,
    Page,
    is_caps,
    is_motto,
    read_page,
    words_of,
)
from vanphong.intake.extraction_parts import (
    read_bodies,
    read_recipients,
    read_signer,
    read_subject,
    subject_untitled,
    vv_cell,
)
from vanphong.vietnamese import fold


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


# --- putting it together ---

#: A header, its signature block and its recipients lie in the first pages: what follows
#: is not read (10 MB of pasted text is read as fast as one page).
READ_LIMIT = 30_000


def _addressed(page: Page) -> bool:
    return any(re.match(r"kinh gui\b", cell.folded) for cell in page.cells())


def _first_prose_line(page: Page) -> int:
    """Where the header ends when no number, date or type line says so: the first line
    with a cell in ordinary case."""
    for index, row in enumerate(page.lines):
        prose = [cell for cell in row if not is_motto(cell.folded)]
        if any(not is_caps(c.text) and re.search(r"[^\W\d_]", c.text) for c in prose):
            return index
    return len(page.lines)


def extract(text: str, vocabulary: lexicon.Vocabulary = lexicon.EMPTY) -> Extraction:
    """Propose the header fields of a document from the text of its first page(s);
    `vocabulary` is the office's own (intake/vocabulary.py), to put back OCR's marks."""
    repair = functools.partial(lexicon.repair, office=vocabulary)
    page = read_page(text[:READ_LIMIT])
    page = page.from_line(header_start(page))
    priority, secrecy, stamps = read_stamps(page)
    number, notation, party, code_line = read_code(page)
    issued, place, date_line = read_date(page)
    vv = vv_cell(page, code_line)
    glued = notation.span and not re.search(r"[/\s-]", text[slice(*notation.span)])
    if vv and glued:
        number, notation, party, code_line = read_code(page, split=False)
    type_name, type_cell, rest = read_type_line(page)
    if vv and type_cell and type_cell.line > vv.line:  # an annex or a quoted title
        type_name, type_cell, rest = MISSING, None, ""
    subject, subject_end = read_subject(page, vv, type_cell, rest)
    if subject is MISSING and not vv and type_cell is None:
        subject, subject_end = subject_untitled(page, max(code_line, date_line))
    notation = agree_with_type(notation, type_name, party)
    by_notation = type_from_notation(notation, party)
    if type_name is MISSING and vv:
        # "V/v" under the number marks a công văn — unless a Party code names another type
        # ("Số: 11-HD/UBKTTW" over a "V/v" is a Hướng dẫn; a State "8/TTr-NS" is the
        # letter of an office abbreviated TTr — but a "VỀ VIỆC …" in capitals under a
        # "52/2012/TB-LPQT" is the subject of a Thông báo whose title the page lost).
        named = by_notation.value and by_notation.value != "Công văn"
        if named and (party or (is_caps(vv.text) and vv.folded.startswith("ve viec"))):
            type_name = by_notation
        else:
            type_name = page.field("Công văn", 0.8, vv.start, vv.end)
    if type_name is MISSING:
        type_name = type_before_code(page, number)
    if type_name is MISSING:
        type_name = by_notation
    if type_name is MISSING and notation.value and _addressed(page):
        type_name = Field("Công văn", 0.6, notation.span)  # a letter with a "Kính gửi:"
    title = [cell.line for cell in (vv, type_cell) if cell]
    marks = [code_line, date_line, *title]
    header_end = min([line for line in marks if line >= 0] or [_first_prose_line(page)])
    if 0 <= header_end < code_line <= header_end + 4 and code_line < min(
        [line for line in title if line >= 0] or [len(page.lines)]
    ):
        header_end = code_line  # the date set above the issuer's last line (columns mixed)
    organ, parent = read_bodies(page, header_end, stamps)
    subject = _without_authority(page, subject, subject_end, organ)
    signer_from = max([subject_end, *marks]) + 1
    competence, position, name = read_signer(page, signer_from, party)
    organ = _repaired(organ, lexicon.repair_header)
    parent = _repaired(parent, lexicon.repair_header)
    place = _place_from_header(_repaired(place, lexicon.repair_place), organ, parent)
    organ, parent, subject = _doubted(organ), _doubted(parent), _doubted(subject)
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
        recipients=_repaired(read_recipients(page), functools.partial(_repair_recipients, repair)),
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


#: A body named without its place: "HỘI ĐỒNG NHÂN DÂN" alone lost its second line.
_PLACELESS = {"uy ban nhan dan", "hoi dong nhan dan", "ubnd", "hdnd", "thuong truc hdnd"}


_GROUNDS_OPEN = ("can cu", "xet de nghi", "theo de nghi", "thuc hien")


def _without_authority(page: Page, subject: Field, subject_end: int, organ: Field) -> Field:
    """A header flattened onto one line puts the authority between the title and the
    grounds ("… NĂM 2008 CHÍNH PHỦ" / "Căn cứ …"): the issuer's name at the subject's end,
    just before the grounds, is not the subject's."""
    if not (subject.value and organ.value) or subject_end + 1 >= len(page.lines):
        return subject
    following = page.lines[subject_end + 1]
    if not following or not words_of(following[0].folded).startswith(_GROUNDS_OPEN):
        return subject
    name = " " + " ".join(organ.value.split()).casefold()
    text = " ".join(subject.value.split())
    if not text.casefold().endswith(name) or len(text) <= len(name) + 10:
        return subject
    return dataclasses.replace(subject, value=text[: -len(name)].rstrip(" ,;-"))


def _doubted(field: Field) -> Field:
    """A value that shows it was read wrong gets a confidence under the form's mark:
    marks left loose by a broken text layer, a motto run into a name, a body without its
    place, a subject as long as a paragraph."""
    if not field.value:
        return field
    value, folded = field.value, fold(field.value)
    loose = re.search(r"(?:^|\s)[\u0300-\u036f]", unicodedata.normalize("NFC", value))
    mixed = re.search(r"cong hoa|chu nghia viet nam|doc lap", folded)
    placeless = " ".join(re.findall(r"[a-z0-9]+", folded)) in _PLACELESS
    if loose or mixed or placeless or len(value) > 260:
        return Field(value, min(field.confidence, 0.5), field.span)
    return field


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
