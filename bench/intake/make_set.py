#!/usr/bin/env python
"""Generate the labelled set of document first pages for the intake accuracy benchmark.

Each sample is one JSON file bench/intake/set/<id>.json: the page as laid out (header
columns, number line, place and date, V/v, urgency and secrecy marks, stamp, title lines,
body lines, Nơi nhận, signature block: capacity, position, name) and `labels`, the values a
clerk would register (every field of `vanphong.intake.extraction.Extraction`, null where
the page has none), plus `tags` (family state/party/front, level, type, year, messy).

The generated pages are assembled from the parts in bench/intake/parts.py with a fixed
seed; about a quarter carry an explicit messy perturbation (spaces or doubled/missing
hyphens in the notation, "Số" without colon, "So:", lower case, QĐ→QD, TW↔TƯ, numeric
dates, DỰ THẢO / BẢN SAO stamps, number suffixes); bench/intake/handwritten.py adds pages
written by hand. Deterministic: the same seed gives the same files.

    .venv/bin/python bench/intake/make_set.py        # rewrites bench/intake/set/
"""

from __future__ import annotations

import datetime as dt
import json
import random
import textwrap
from pathlib import Path
from typing import Any

if __package__:
    from bench.intake import handwritten, parts
else:
    import handwritten  # type: ignore[no-redef]
    import parts  # type: ignore[no-redef]

HERE = Path(__file__).resolve().parent
SET = HERE / "set"
SEED = 20261122
COUNT = 175
MESSY = [
    "spaces",
    "no_colon",
    "no_diacritics",
    "double_hyphen",
    "missing_hyphen",
    "tu_tw",
    "numeric_date",
    "stamp",
    "suffix",
    "lowercase",
    "qd",
]
PRIORITY = {"": "Thường", "KHẨN": "Khẩn", "THƯỢNG KHẨN": "Thượng khẩn", "HỎA TỐC": "Hỏa tốc"}
SECRECY = {"": None, "MẬT": "Mật", "TỐI MẬT": "Tối mật"}


def _name(rng: random.Random) -> str:
    return f"{rng.choice(parts.SURNAMES)} {rng.choice(parts.MIDDLE)} {rng.choice(parts.GIVEN)}"


def _date_text(day: dt.date, rng: random.Random, numeric: bool) -> str:
    if numeric:
        return rng.choice([f"{day:%d/%m/%Y}", f"{day.day}/{day.month}/{day.year}"])
    d = f"{day.day:02d}" if day.day < 10 else str(day.day)
    m = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {d} tháng {m} năm {day.year}"


def _subject(topic: str, abbr: str, party: bool, kinds: str, rng: random.Random) -> str:
    if abbr in {"QĐ", "TB", "CT", "QĐi", "QyĐ"} and not party:
        return rng.choice(["Về việc ", "Về việc ", "Về "]) + topic
    if party and abbr in {"NQ", "CT", "KL", "TT", "QĐi"}:
        return "về " + topic
    if kinds == "council" and abbr == "NQ":
        return "Về " + topic
    return topic[0].upper() + topic[1:]


def sample(
    index: int, rng: random.Random, issuers: list[parts.Issuer], messy: str
) -> dict[str, Any]:
    central = [i for i in issuers if i.level == "trung ương"]
    who = rng.choice(central if rng.random() < 0.1 else issuers)
    party = who.family == "party" or bool(who.heading)
    title, abbr, type_name = rng.choice(parts.TYPES["party" if party else who.kinds])
    year = rng.randint(2015, 2026)
    day = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
    if day > dt.date(2026, 11, 15):
        day, year = day.replace(year=2025), 2025
    number = str(rng.choice([rng.randint(1, 99), rng.randint(1, 999), rng.randint(1, 3999)]))
    topic = rng.choice(parts.TOPICS).format(y=year, y1=year + 1, y0=year - 1)
    legal = False
    if party:
        notation = f"{abbr}/{who.org}"
    elif who.kinds == "assembly":
        notation, legal = f"{year}/{who.org}", True
        topic = rng.choice(parts.LAWS)
    elif who.kinds == "government":
        notation, legal = f"{year}/{abbr}-CP", True
        topic = rng.choice(parts.DECREES)
    elif abbr == "TT" and who.kinds == "ministry":
        notation, legal = f"{year}/TT-{who.org}", True
        topic = topic[0].lower() + topic[1:]
    elif abbr:
        notation = f"{abbr}-{who.org}"
        if abbr in {"QĐ", "NQ"} and who.org in {"UBND", "HĐND"} and rng.random() < 0.3:
            notation, legal = f"{year}/{notation}", True
    else:
        unit = rng.choice(["VP", "KT", "NC", "TH", "NS", "KGVX", "TCCB"])
        notation = who.org if who.family == "front" and rng.random() < 0.5 else f"{who.org}-{unit}"
    if type_name == "Luật":
        subject = topic.upper()
    elif type_name == "Nghị định":
        subject = topic[0].upper() + topic[1:]
    elif type_name == "Thông tư":
        subject = "Hướng dẫn " + topic
    elif not title:  # công văn: the subject stands under the number as "V/v ..."
        subject = "V/v " + topic
    else:
        subject = _subject(topic, abbr, party, who.kinds, rng)
    capacity, position, competence = rng.choice(who.signatures)
    if party and who.family == "front":  # Đoàn, Hội Nông dân write like the Party
        capacity = capacity.replace("TM. ", "T/M ").replace("KT. ", "K/T ")
        competence = {"TM.": "T/M", "KT.": "K/T"}.get(competence or "", competence)
    urgency = rng.choices(["", "KHẨN", "THƯỢNG KHẨN", "HỎA TỐC"], [80, 12, 5, 3])[0]
    secrecy = rng.choices(["", "MẬT", "TỐI MẬT"], [88, 9, 3])[0]
    if who.kinds in {"assembly", "government"}:
        urgency = secrecy = ""
    recipients = rng.sample(parts.RECIPIENTS, rng.randint(1, 4))
    if rng.random() < 0.5 and "Như trên;" not in recipients:
        recipients.insert(0, "Như trên;")
    # The printed forms, then the messy perturbation.
    label_number, label_notation = number, notation
    number_label = "Số " if party else "Số: "
    if type_name == "Luật":
        number_label = "Luật số: "
    numeric_date, stamp = False, ""
    if messy == "suffix":
        number = label_number = number + rng.choice(["a", "b", "A"])
    code = f"{number}-{notation}" if party else f"{number}/{notation}"
    if messy == "tu_tw" and "TW" not in notation:
        messy = "spaces" if rng.random() < 0.5 else "double_hyphen"
    if messy in {"missing_hyphen", "qd"} and "-" not in code and "Đ" not in code:
        messy = "spaces"
    if messy == "spaces":
        code = code.replace("/", " / ", 1).replace("-", " - ", 1)
    elif messy == "no_colon":
        number_label = "Số " if not party else "Số: "
    elif messy == "no_diacritics":
        number_label = "So: " if not party else "So "
        code = code.replace("Đ", "D")
    elif messy == "double_hyphen":
        code = code.replace("-", "--", 1) if "-" in code else code.replace("/", "//", 1)
    elif messy == "missing_hyphen":
        code = code.replace("-", "", 1) if party else code.replace("-", " ", 1)
    elif messy == "tu_tw":
        code = code.replace("/TW", "/TƯ")
    elif messy == "numeric_date":
        numeric_date = True
    elif messy == "stamp":
        stamp = rng.choice(["DỰ THẢO", "BẢN SAO", "BẢN CHÍNH"])
    elif messy == "lowercase":
        code = code.lower()
        number_label = number_label.lower()
    elif messy == "qd":
        code = code.replace("Đ", "D")
    date_line = "" if type_name == "Luật" else f"{who.place}, {_date_text(day, rng, numeric_date)}"
    org_text = " ".join(who.issuer).title().replace("Ủy Ban Nhân Dân", "Ủy ban nhân dân")
    body = rng.choice(parts.BODIES[type_name])
    body = [
        line.format(
            cite=rng.choice(parts.PARTY_CITE if party else parts.CITE),
            topic=topic,
            y=year,
            org=org_text,
            to=rng.choice(parts.ADDRESSEES),
        )
        for line in body
    ]
    width = rng.choice([40, 48, 56, 64])
    page = {
        "party": party,
        "heading": who.heading if party else "",
        "left": who.parent + who.issuer,
        "number_line": f"{number_label}{code}",
        "right_date": date_line,
        "vv": subject if not title else "",
        "marks": [m for m in (urgency, secrecy) if m],
        "stamp": stamp,
        "title": title,
        "subject_lines": textwrap.wrap(subject, width) if title else [],
        "body": body,
        "recipients": recipients,
        "capacity": capacity,
        "position": position,
        "signer": _name(rng),
    }
    labels = {
        "organ_name": " ".join(who.issuer),
        "parent_body": " ".join(who.parent) or None,
        "code_number": label_number,
        "code_notation": label_notation,
        "issued_date": None if type_name == "Luật" else day.isoformat(),
        "place": who.place or None,
        "type_name": type_name,
        "subject": subject,
        "signer_position": position,
        "signer_name": page["signer"],
        "competence": competence,
        "priority": PRIORITY[urgency],
        "secrecy": SECRECY[secrecy],
        "recipients": "; ".join(r.rstrip(";,.") for r in recipients),
    }
    tags = {
        "family": who.family,
        "level": who.level,
        "type": type_name,
        "year": year,
        "messy": messy,
        "legal": legal,
    }
    return {"id": f"g{index:03d}", "page": page, "labels": labels, "tags": tags}


def build(count: int = COUNT) -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    issuers = parts.issuers()
    samples = []
    for index in range(count):
        messy = MESSY[(index // 4) % len(MESSY)] if index % 4 == 1 else ""
        samples.append(sample(index, rng, issuers, messy))
    return samples + handwritten.samples()


def write(samples: list[dict[str, Any]], folder: Path = SET) -> None:
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.json"):
        old.unlink()
    for item in samples:
        text = json.dumps(item, ensure_ascii=False, indent=1)
        (folder / f"{item['id']}.json").write_text(text + "\n", encoding="utf-8")


def main() -> None:
    samples = build()
    write(samples)
    messy = sum(1 for s in samples if s["tags"]["messy"])
    print(
        f"{len(samples)} samples ({messy} messy) written to {SET.relative_to(HERE.parent.parent)}"
    )


if __name__ == "__main__":
    main()
