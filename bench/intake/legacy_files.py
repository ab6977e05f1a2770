"""Make office files of corpus documents, as old offices would have sent them: Word 97–2003
(.doc), RTF and OpenDocument (.odt), some in Unicode, some in TCVN3 with the .VnTime and
.VnTimeH fonts, some in VNI with VNI-Times (LibreOffice saves them; see
vanphong/demo/office_files.py). Each file records the corpus document it came from, so the
benchmark can score what intake reads from the file against that document's labels.

    .venv/bin/python -m bench.intake.legacy_files OUT [--docs FOLDER ...] [--count N] [--seed S]

FOLDER holds corpus documents as <id>.txt (the text) and <id>.json (its labels); by default
bench/intake/real/docs/, or every /work/corpus/*/ folder while the corpus is not in the tree.
OUT receives the files and manifest.json: one entry per file with its name, kind,
encoding, sha256 and the source document's id and paths.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
from pathlib import Path

#: (kind, encoding) made in turn, one per chosen document: every kind in every encoding.
VARIANTS = [
    ("doc", "tcvn3"), ("doc", "vni"), ("doc", "unicode"), ("rtf", "tcvn3"), ("odt", "unicode"),
    ("rtf", "vni"), ("odt", "tcvn3"), ("rtf", "unicode"), ("odt", "vni"),
]
DEFAULT_DOCS = Path(__file__).parent / "real" / "docs"


def _folders(given: list[str]) -> list[Path]:
    if given:
        return [Path(folder) for folder in given]
    if DEFAULT_DOCS.is_dir():
        return [DEFAULT_DOCS]
    return sorted(p for p in Path("/work/corpus").glob("*/") if p.is_dir())


def _documents(folders: list[Path]) -> list[tuple[Path, Path]]:
    found = []
    for folder in folders:
        for text in sorted(folder.glob("*.txt")):
            labels = text.with_suffix(".json")
            if labels.is_file():
                found.append((text, labels))
    return found


def make(out: Path, documents: list[tuple[Path, Path]], *, count: int, seed: int) -> list[dict]:
    from vanphong.demo.office_files import word_file

    chosen = random.Random(seed).sample(documents, min(count, len(documents)))
    out.mkdir(parents=True, exist_ok=True)
    manifest = []
    for number, (text, labels) in enumerate(chosen):
        kind, encoding = VARIANTS[number % len(VARIANTS)]
        lines = text.read_text(encoding="utf-8").splitlines()
        data = word_file(lines, kind, encoding=encoding)
        name = f"{text.stem}-{encoding}.{kind}"
        (out / name).write_bytes(data)
        manifest.append({
            "file": name, "kind": kind, "encoding": encoding,
            "sha256": hashlib.sha256(data).hexdigest(), "source_id": text.stem,
            "source_text": str(text), "source_labels": str(labels),
        })
        print(f"{name}  ← {text}", file=sys.stderr)
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                       encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--docs", action="append", default=[], help="folder of <id>.txt/.json")
    parser.add_argument("--count", type=int, default=18)
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args(argv)
    documents = _documents(_folders(args.docs))
    if not documents:
        parser.error("không có văn bản nào (<id>.txt cùng <id>.json) trong thư mục nguồn")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vanphong.settings")
    import django

    django.setup()
    manifest = make(args.out, documents, count=args.count, seed=args.seed)
    print(f"{len(manifest)} tệp trong {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
