"""Vietnamese text as search sees it, the same for what is indexed and what is asked.

Every text is put in NFC, its tone marks placed the modern way ("hoà" -> "hòa") and lower
cased, then cut into syllables (letters and digits). Each syllable is indexed twice: as
written ("bán") and folded ("ban", with đ -> d), so that a query typed without marks finds
everything while one typed with marks ranks exact matches first. A query is read into
syllables, quoted phrases ("quyết định") and, when it looks like one, a document code
("853/QĐ", "15-NQ/ĐU", "853 QĐ-UBND", "853QĐUBND", "Số: 30/2020/NĐ-CP").
"""

from __future__ import annotations

import dataclasses
import re

from vanphong.vietnamese import fold, modern_tones, nfc, typed_code

_SYLLABLE = re.compile(r"[^\W_]+")


def canonical(text: str) -> str:
    """NFC, modern tone placement, lower case, single spaces."""
    return modern_tones(nfc(text)).lower()


def syllables(text: str) -> list[str]:
    return _SYLLABLE.findall(canonical(text))


def indexed(text: str) -> tuple[str, str]:
    """(exact, folded): the syllables of `text` joined by spaces, as the index stores them."""
    words = syllables(text)
    exact = " ".join(words)
    return exact, fold(exact)


@dataclasses.dataclass(frozen=True)
class Word:
    """One syllable of a query: `exact` is None when it was typed without any mark."""

    folded: str
    exact: str | None


@dataclasses.dataclass(frozen=True)
class Query:
    words: tuple[Word, ...]
    phrases: tuple[tuple[Word, ...], ...]
    code: str | None  # the code key ("853/QD/UBND") when the query looks like a code
    #: The `bare_code`s a document's code may have to be the code typed, longest first
    #: (vietnamese.typed_code), and the year typed with it.
    exact_codes: tuple[str, ...] = ()
    code_year: int | None = None

    @property
    def empty(self) -> bool:
        return not self.words and not self.phrases


def _word(syllable: str) -> Word:
    folded = fold(syllable)
    return Word(folded=folded, exact=None if folded == syllable else syllable)


_QUOTED = re.compile(r"[\"“”]([^\"“”]*)[\"“”]?")
#: The word "Số" (with or without its colon) right before a code, as pasted from a
#: document: "Số: 12/QĐ-UBND", "số 12/QĐ-UBND", "Số:12QĐ". It is the label of the number,
#: not a word to look for — but "chuyển đổi số 2025" keeps its "số".
_NUMBER_LABEL = re.compile(
    r"(?<!\w)s[oố](?:\s*:\s*|\s*\.?\s*(?=\d{1,6}(?:[^\W\d_]|\s*[/\-\u2010-\u2015])))",
    re.IGNORECASE,
)


def parse(text: str) -> Query:
    """Read what the user typed: quoted parts are phrases, the rest single syllables."""
    text = nfc(text)[:500]
    unlabelled = _NUMBER_LABEL.sub(" ", text)
    text = unlabelled if syllables(unlabelled) else text  # "Số:" alone is looked for
    phrases = []
    for quoted in _QUOTED.findall(text):
        words = tuple(_word(s) for s in syllables(quoted))
        if words:
            phrases.append(words)
    rest = _QUOTED.sub(" ", text)
    words = tuple(_word(s) for s in syllables(rest))
    code = typed_code(rest)
    return Query(
        words=words,
        phrases=tuple(phrases),
        code=code.key if code else None,
        exact_codes=code.bares if code else (),
        code_year=code.year if code else None,
    )
