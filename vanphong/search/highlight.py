"""Highlighting what matched, on the text as written (marks and case kept).

The text is folded character by character (so positions stay the same), the query's
syllables are found in it as whole words, and the matching stretches of the original are
wrapped in <mark>. A snippet is the window of the content where most of them are.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from vanphong.search.text import Query
from vanphong.vietnamese import fold

SNIPPET = 240
MAX_MARKS = 300


class _Aligned(dict[int, str]):
    """Each character's fold as exactly one character (so positions stay the same)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = fold(ch)
        if len(folded) != 1:
            folded = ch.lower() if len(ch.lower()) == 1 else ch
        self[code] = folded
        return folded


_ALIGNED = _Aligned()


def _folded(text: str) -> str:
    return text.translate(_ALIGNED)


def _pattern(query: Query) -> re.Pattern[str] | None:
    words = {w.folded for w in query.words} | {w.folded for p in query.phrases for w in p}
    words.discard("")
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")


def spans(text: str, query: Query) -> list[tuple[int, int]]:
    pattern = _pattern(query)
    if pattern is None or not text:
        return []
    folded = _folded(unicodedata.normalize("NFC", text))
    merged: list[tuple[int, int]] = []
    for match in itertools.islice(pattern.finditer(folded), MAX_MARKS):
        start, end = match.span()
        if merged and not folded[merged[-1][1] : start].strip():  # "kế hoạch": one mark
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def marked(text: str, found: Iterable[tuple[int, int]]) -> SafeString:
    out: list[str] = []
    at = 0
    for start, end in found:
        out.append(escape(text[at:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        at = end
    out.append(escape(text[at:]))
    return mark_safe("".join(out))


def highlight(text: str, query: Query) -> SafeString:
    text = unicodedata.normalize("NFC", text)
    return marked(text, spans(text, query))


def snippet(text: str, query: Query, width: int = SNIPPET) -> SafeString:
    """The part of `text` (about `width` characters) with the most matches, marked."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    found = spans(text, query)
    if not found:
        return marked(text[:width] + ("…" if len(text) > width else ""), [])
    best, best_count, last = found[0][0], 0, 0
    for first, (start, _) in enumerate(found):  # a window sliding over the sorted marks
        last = max(last, first)
        while last < len(found) and found[last][1] <= start + width:
            last += 1
        if last - first > best_count:
            best, best_count = start, last - first
    begin = max(0, best - width // 4)
    if begin:
        space = text.find(" ", begin)
        begin = space + 1 if 0 <= space < best else begin
    end = min(len(text), begin + width)
    inside = [(s - begin, e - begin) for s, e in found if begin <= s and e <= end]
    prefix = "…" if begin else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + marked(text[begin:end], inside) + suffix)
