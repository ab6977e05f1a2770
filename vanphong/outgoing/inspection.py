"""What the format check ("đúng thể thức") reads in the document itself: its .docx
paragraphs and its text.

It refuses a layout the rules do not allow (ND30 Phụ lục I §II.6, §II.9a): several
paragraphs run into one, several "Kính gửi" addressees on one line, and a template's
"[…]" placeholder left in the text. The drafting form keeps what was typed, so these
come from an old draft, an uploaded file or a broken renderer; the check is the gate.
"""

from __future__ import annotations

import re

from vanphong.errors import Invalid
from vanphong.files.actions import open_stored
from vanphong.outgoing.layout import body_paragraphs, safe_text
from vanphong.outgoing.models import OutgoingDocument
from vanphong.outgoing.rendering import docx_paragraphs
from vanphong.outgoing.text import placeholders_in
from vanphong.vietnamese import fold

#: A heading inside a paragraph: "Điều 2.", "2.", "II." at its start or after a sentence.
_HEADING = re.compile(r"(?:^|[.;:!?…]\s+)(?:Điều\s+(\d{1,3})|(\d{1,2})|([IVX]{1,6}))\.\s")
_ROMAN = {"I": 1, "V": 5, "X": 10}
_SHOWN = 70  # characters of a paragraph quoted in a message


def layout_problems(document: OutgoingDocument) -> list[str]:
    """Why the document's layout is wrong, in Vietnamese; empty when it is right."""
    paragraphs = _paragraphs(document)
    problems = [*_placeholders(document, paragraphs), *_addressees(paragraphs)]
    problems += _merged(document.body, paragraphs)
    return problems


def _paragraphs(document: OutgoingDocument) -> list[str]:
    """The paragraphs of the draft .docx; none for a PDF (signed on paper)."""
    stored = document.body_file
    if stored is None or stored.kind != "docx":
        return []
    with open_stored(stored) as handle:
        data = handle.read()
    try:
        return [" ".join(text.split()) for text in docx_paragraphs(data)]
    except Invalid:
        return []  # an unreadable file is refused when the final copy is made


def _placeholders(document: OutgoingDocument, paragraphs: list[str]) -> list[str]:
    texts = [document.subject, document.addressees, document.body, *paragraphs]
    found = placeholders_in("\n".join(texts))
    if not found:
        return []
    return [f"Văn bản còn chỗ chưa điền {', '.join(found)}: thay bằng nội dung cụ thể."]


def _addressees(paragraphs: list[str]) -> list[str]:
    """"Kính gửi" with several addressees on one line instead of a "- …;" list."""
    for index, text in enumerate(paragraphs):
        if not fold(text).startswith("kinh gui"):
            continue
        first = text.split(":", 1)[1] if ":" in text else ""
        items = [first, *_list_after(paragraphs, index)]
        crowded = [item for item in items if ";" in item.strip().rstrip(";.")]
        if crowded:
            return [f"“Kính gửi” ghi nhiều nơi trên một dòng (“{crowded[0].strip()[:_SHOWN]}”): "
                    "mỗi nơi nhận một dòng “- …;”."]
        return []
    return []


def _list_after(paragraphs: list[str], index: int) -> list[str]:
    items = []
    for text in paragraphs[index + 1:]:
        if not text.startswith(("-", "–")):
            break
        items.append(text)
    return items


def _merged(body: str, paragraphs: list[str]) -> list[str]:
    """A paragraph holding several of the paragraphs the drafter typed, or several
    consecutive headings ("1. … 2. …", "Điều 1. … Điều 2. …")."""
    present = set(paragraphs)
    missing = [line for line in (" ".join(safe_text(t).split()) for t in body_paragraphs(body))
               if line not in present]
    for text in paragraphs:
        if sum(line in text for line in missing) >= 2 or _runs_headings(text):
            return [f"Các đoạn bị dồn thành một đoạn (“{text[:_SHOWN]}…”): mỗi đoạn, mỗi điều, "
                    "mỗi mục phải là một đoạn văn riêng."]
    return []


def _runs_headings(text: str) -> bool:
    """Does `text` hold two consecutive headings of the same kind?"""
    seen: dict[int, set[int]] = {0: set(), 1: set(), 2: set()}
    for match in _HEADING.finditer(text):
        for kind, value in enumerate(match.groups()):
            if value:
                number = _roman(value) if kind == 2 else int(value)
                if number - 1 in seen[kind] or number + 1 in seen[kind]:
                    return True
                seen[kind].add(number)
    return False


def _roman(numeral: str) -> int:
    total = 0
    for position, letter in enumerate(numeral):
        value = _ROMAN[letter]
        following = _ROMAN[numeral[position + 1]] if position + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total
