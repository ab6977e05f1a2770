"""The text a drafter types: its lines, and the "[…]" placeholders of the templates.

A draft keeps its lines as typed: each line of the body is a paragraph of the document,
each line of "Kính gửi" one addressee (ND30 Phụ lục I). Only the spaces inside a line
are tidied.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from vanphong.organizations.models import Organization
from vanphong.vietnamese import fold

_SPACES = re.compile(r"[^\S\n]+")  # whitespace other than a line end
_BLANK_RUNS = re.compile(r"\n{3,}")
#: "[tên cơ quan]", "[Nội dung thông báo]", "[…]": square brackets around words or an
#: ellipsis (not "[1]", a reference), on one line.
PLACEHOLDER = re.compile(r"\[[^\[\]\n]{0,80}\]")
_ADDRESSEE_LEAD = re.compile(r"^(?:kính gửi\s*:?\s*)?[-–—•+*]?\s*", re.IGNORECASE)


def clean_lines(text: str) -> str:
    """NFC, Unix line ends, spaces collapsed within each line, at most one blank line
    between paragraphs, no blank lines around."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")


def paragraphs(text: str) -> list[str]:
    """The non-empty lines: the paragraphs of a body."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def addressee_names(text: str) -> list[str]:
    """One addressee per line, without a typed "Kính gửi:", list dash or end mark."""
    names = [_ADDRESSEE_LEAD.sub("", line.strip()).rstrip(" ;.,").strip()
             for line in text.splitlines()]
    return [name for name in names if name]


def is_placeholder(match: str) -> bool:
    inside = match[1:-1]
    return not inside.strip() or "…" in inside or "..." in inside or any(
        ch.isalpha() for ch in inside)


def placeholders_in(text: str) -> list[str]:
    """The "[…]" placeholders still in `text`, each once, in order."""
    found: list[str] = []
    for match in PLACEHOLDER.findall(text):
        if is_placeholder(match) and match not in found:
            found.append(match)
    return found


def known_values(organization: Organization, on: dt.date) -> dict[str, str]:
    """What the product can write in place of a placeholder (keys folded: no case, no
    diacritics)."""
    name = organization.name
    values = {
        "ten co quan": name, "ten co quan ban hanh": name, "co quan": name,
        "ten to chuc": name, "ten co quan, to chuc": name,
        "ten viet tat": organization.short_name,
        "dia danh": organization.office.place_name,
        "nam": str(on.year),
    }
    if organization.parent_body:
        values["co quan chu quan"] = organization.parent_body
    return values


def fill_placeholders(text: str, organization: Organization, on: dt.date) -> str:
    """`text` with every placeholder the product knows filled in; the rest stay for the
    drafter (and the format check refuses them)."""
    values = known_values(organization, on)

    def fill(match: re.Match[str]) -> str:
        key = " ".join(fold(match.group()[1:-1]).split())
        return values.get(key, match.group())

    return PLACEHOLDER.sub(fill, text)
