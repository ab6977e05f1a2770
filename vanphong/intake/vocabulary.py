"""The office's own vocabulary, learned from the subjects it registered.

A shared office sees the same subjects year after year ("nâng lương", "người dân", the
names of its programmes). Every pair of syllables that appears in the subjects of at
least two of its documents (incoming, and outgoing once issued; never secret ones) is a
word the extraction may put back when OCR read it with a tone mark too many ("nầng
lương" -> "nâng lương"); see
`extraction_lexicon.repair`. Two documents, not one, so that a single slip registered as
read does not teach itself. Learned from the latest `LEARN_FROM` subjects of each kind, kept
in memory per process and learned again when the office registered something new and the
last learning is older than `REFRESH_AFTER` seconds.
"""

from __future__ import annotations

import itertools
import re
import threading
import time
from collections import Counter
from collections.abc import Iterable

from vanphong.intake.extraction_lexicon import EMPTY, Vocabulary
from vanphong.vietnamese import fold, nfc

LEARN_FROM = 20_000
MIN_DOCUMENTS = 2
REFRESH_AFTER = 60.0

_SYLLABLE = re.compile(r"[^\W\d_]+")
_lock = threading.Lock()
#: office id -> (learned at, what it was learned from, the vocabulary)
_learned: dict[int | str, tuple[float, tuple[int, int], Vocabulary]] = {}


def learn(subjects: Iterable[str]) -> Vocabulary:
    """Pairs of syllables (lower case, with marks) found in `MIN_DOCUMENTS` subjects."""
    counts: Counter[str] = Counter()
    for subject in subjects:
        syllables = [s.lower() for s in _SYLLABLE.findall(nfc(subject))]
        counts.update({f"{a} {b}" for a, b in itertools.pairwise(syllables)})
    return Vocabulary.of(
        pair for pair, seen in counts.items() if seen >= MIN_DOCUMENTS and fold(pair) != pair
    )


def office_vocabulary(office_id: int | str | None) -> Vocabulary:
    """The vocabulary of one office (empty without one)."""
    if office_id is None:
        return EMPTY
    from vanphong.incoming.models import IncomingDocument
    from vanphong.outgoing.models import OutgoingDocument
    from vanphong.registers.models import Secrecy

    # Secret documents teach nothing: the repair must not hint at their words.
    incoming = IncomingDocument.objects.filter(office_id=office_id, secrecy=Secrecy.NONE)
    outgoing = OutgoingDocument.objects.filter(
        office_id=office_id, secrecy=Secrecy.NONE, issued_at__isnull=False
    )
    with _lock:
        cached = _learned.get(office_id)
    if cached and time.monotonic() - cached[0] < REFRESH_AFTER:
        return cached[2]
    state = (incoming.count(), outgoing.count())
    if cached and cached[1] == state:
        with _lock:
            _learned[office_id] = (time.monotonic(), state, cached[2])
        return cached[2]
    subjects = itertools.chain(
        incoming.order_by("-arrival_at").values_list("subject", flat=True)[:LEARN_FROM],
        outgoing.order_by("-issued_at").values_list("subject", flat=True)[:LEARN_FROM],
    )
    vocabulary = learn(subjects)
    with _lock:
        _learned[office_id] = (time.monotonic(), state, vocabulary)
    return vocabulary


def forget() -> None:
    """Drop what was learned (the next extraction learns again)."""
    with _lock:
        _learned.clear()
