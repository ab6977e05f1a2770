#!/usr/bin/env python3
"""Rebuild vanphong/intake/data/vi-words.txt, the general Vietnamese word list used to put
back diacritics OCR got wrong (vanphong/intake/extraction_lexicon.py).

It takes the words of two or more syllables from two published word lists, as shipped in
their wheels (download them with `pip download --no-deps pyvi==0.1.1 underthesea==9.5.0`):
pyvi 0.1.1 `pyvi/models/words.txt` (MIT) and underthesea 9.5.0
`underthesea/corpus/data/Viet74K.txt` (Apache-2.0). Words are put in NFC, lower case, with
the tone mark placed as in current official documents ("ủy", "hòa": Decree 30/2020 texts),
deduplicated and sorted.

    python3 scripts/build_vi_words.py pyvi-0.1.1-*.whl underthesea-9.5.0-*.whl
"""

from __future__ import annotations

import re
import sys
import unicodedata
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from vanphong.vietnamese import modern_tones

SOURCES = {"pyvi": "pyvi/models/words.txt", "underthesea": "underthesea/corpus/data/Viet74K.txt"}
TARGET = Path(__file__).resolve().parent.parent / "vanphong" / "intake" / "data" / "vi-words.txt"
def main(wheels: list[str]) -> None:
    words: set[str] = set()
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as archive:
            for name in SOURCES.values():
                if name in archive.namelist():
                    for line in archive.read(name).decode("utf-8").splitlines():
                        word = " ".join(unicodedata.normalize("NFC", line).lower().split())
                        if " " in word and re.fullmatch(r"[^\W\d_]+( [^\W\d_]+)+", word):
                            words.add(modern_tones(word))
    TARGET.write_text("\n".join(sorted(words)) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {TARGET}")


if __name__ == "__main__":
    main(sys.argv[1:])
