#!/usr/bin/env python
"""Check the real corpus (bench/intake/real/docs/): every label's form, and where a label
is not found in its text (a warning: broken marks and joint names explain some, in the
document's "note").

    .venv/bin/python bench/intake/real_check.py [folder]

Exit status 1 when there is an error. The rules are those of bench/intake/real/LABELLING.md.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

DOCS = Path(__file__).resolve().parent / "real" / "docs"
FIELDS = [
    "organ_name", "parent_body", "code_number", "code_notation", "issued_date", "place",
    "type_name", "subject", "signer_position", "signer_name", "competence", "priority",
    "secrecy", "recipients",
]  # fmt: skip
TYPES = {
    "Luật", "Pháp lệnh", "Nghị định", "Thông tư", "Thông tư liên tịch", "Nghị quyết",
    "Nghị quyết liên tịch", "Quyết định", "Chỉ thị", "Kết luận", "Quy chế", "Quy định",
    "Thông tri", "Thông cáo", "Thông báo", "Hướng dẫn", "Chương trình", "Kế hoạch",
    "Phương án", "Đề án", "Dự án", "Báo cáo", "Biên bản", "Tờ trình", "Hợp đồng", "Công văn",
    "Công điện", "Giấy mời", "Giấy giới thiệu", "Giấy ủy quyền", "Lời kêu gọi", "Tuyên bố",
    "Quy hoạch", "Lệnh",
}  # fmt: skip
FAMILIES = {"state", "party", "front"}
LEVELS = {"trung ương", "tỉnh", "huyện", "xã"}
NOISE = {"portal-chrome", "flattened", "interleaved", "broken-marks", "legacy-encoding", "ocr"}
CHOICES = {
    "competence": {None, "TM.", "KT.", "TL.", "TUQ.", "Q.", "T/M", "K/T", "T/L"},
    "priority": {"Thường", "Khẩn", "Thượng khẩn", "Hỏa tốc"},
    "secrecy": {None, "Mật", "Tối mật", "Tuyệt mật"},
}
#: Labels that should be found, as written, in the text.
_IN_TEXT = ["organ_name", "parent_body", "place", "subject", "signer_position", "signer_name"]


def squash(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("|", " ")
    return " ".join(text.split()).casefold()


def check_document(path: Path, seen: dict[Any, str]) -> tuple[list[str], list[str]]:
    """(errors, warnings) of one document."""
    errors: list[str] = []
    warnings: list[str] = []
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        raw = path.with_suffix(".txt").read_text(encoding="utf-8")
    except (OSError, ValueError) as problem:
        return [f"unreadable: {problem}"], []
    text = squash(raw)
    if doc.get("id") != path.stem:
        errors.append("id differs from the file name")
    if raw.startswith("\ufeff"):
        errors.append("the text starts with a BOM")
    url = (doc.get("source") or {}).get("url", "")
    if not str(url).startswith("http"):
        errors.append("source.url missing")
    if url in seen:
        errors.append(f"same url as {seen[url]}")
    seen[url] = path.stem
    tags, labels = doc.get("tags") or {}, doc.get("labels") or {}
    kinds = tags.get("noise_kinds") or []
    errors += [
        message
        for wrong, message in [
            (tags.get("family") not in FAMILIES, f"family {tags.get('family')!r}"),
            (tags.get("level") not in LEVELS, f"level {tags.get('level')!r}"),
            (tags.get("noise") not in ("clean", "noisy"), "noise is clean or noisy"),
            (bool(set(kinds) - NOISE), f"noise_kinds {kinds}"),
            ((tags.get("noise") == "noisy") != bool(kinds), "noise and noise_kinds disagree"),
            (set(labels) != set(FIELDS), f"label keys {sorted(set(labels) ^ set(FIELDS))}"),
            (labels.get("type_name") not in TYPES, f"type_name {labels.get('type_name')!r}"),
            (tags.get("type") != labels.get("type_name"), "tags.type differs from type_name"),
        ]
        if wrong
    ]
    for name, allowed in CHOICES.items():
        if labels.get(name) not in allowed:
            errors.append(f"{name} {labels.get(name)!r}")
    for name, value in labels.items():
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip():
            errors.append(f"{name} is an empty value")
        elif value != unicodedata.normalize("NFC", value) or value != " ".join(value.split()):
            errors.append(f"{name} is not NFC with single spaces")
    date = labels.get("issued_date")
    if date:
        try:
            if tags.get("year") != dt.date.fromisoformat(date).year:
                errors.append("tags.year differs from the year of issued_date")
        except ValueError:
            errors.append(f"issued_date {date!r} is not ISO")
    number, notation = labels.get("code_number"), labels.get("code_notation")
    if notation and " " in notation:
        errors.append("code_notation has spaces")
    key = (number, notation, date)
    if number and key in seen:
        errors.append(f"same document as {seen[key]}")
    seen[key] = path.stem
    if number and not re.fullmatch(r"[0-9]+[a-zA-Z]?", number):
        warnings.append(f"code_number {number!r}")
    for name in [*_IN_TEXT, "code_number"]:
        value = labels.get(name)
        if value and squash(value) not in text:
            warnings.append(f"{name} {value!r} not found in the text")
    if notation and squash(notation) not in text.replace(" ", ""):
        warnings.append(f"code_notation {notation!r} not found in the text")
    return errors, warnings


def main(folder: Path = DOCS) -> int:
    seen: dict[Any, str] = {}
    errors = warnings = 0
    paths = sorted(folder.glob("*.json"))
    for path in paths:
        found, doubts = check_document(path, seen)
        for message in found:
            print(f"ERROR {path.name}: {message}")
        for message in doubts:
            print(f"warn  {path.name}: {message}")
        errors, warnings = errors + len(found), warnings + len(doubts)
    print(f"{len(paths)} documents, {errors} errors, {warnings} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DOCS))
