"""How routing reads a document's header: the words the model learns from (`features`)
and the rules that work from day one, before there is any history to learn from (who the
document is addressed to, and who issued it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vanphong.organizations.models import Family, Organization
from vanphong.vietnamese import clean_code, fold, nfc, split_code

# --- Features ------------------------------------------------------------------------------

_WORDS = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    return _WORDS.findall(fold(nfc(text)))


def features(fields: dict[str, str]) -> str:
    """One folded text with each field's words marked, so "so tai chinh" as issuer weighs
    apart from the same words in a subject. The number of the code is left out: it
    changes with every document and says nothing about who takes it."""

    def each(prefix: str, name: str) -> list[str]:
        return [f"{prefix}_{w}" for w in _words(fields.get(name, ""))]

    def whole(prefix: str, words: list[str]) -> list[str]:
        return [f"{prefix}_{'_'.join(words)}"] if words else []

    notation = _words(split_code(clean_code(fields.get("code", "")))[1])
    return " ".join(
        [
            *each("cq", "issuer"),
            *[f"kh_{w}" for w in notation],
            *whole("kh", notation),
            *whole("lvb", _words(fields.get("type_name", ""))),
            *whole("cv", _words(fields.get("signer_position", ""))),
            *each("nn", "recipients"),
            *_words(fields.get("subject", "")),
        ]
    )


# --- Rules ---------------------------------------------------------------------------------

_PLACE = re.compile(r"\s+(xa|phuong|thi tran|dac khu|huyen|quan|thi xa|tinh|thanh pho)\s.*$")
#: Short and common forms, longest first, replaced by the full words of the names.
_ALIASES = [
    ("doan thanh nien cong san", "doan tncs"),
    ("trung uong doan", "doan tncs trung uong"),
    ("tinh doan", "doan tncs tinh"),
    ("thanh doan", "doan tncs thanh pho"),
    ("huyen doan", "doan tncs huyen"),
    ("doan thanh nien", "doan tncs"),
    ("doan tn", "doan tncs"),
    ("hoi lhpn", "hoi lien hiep phu nu"),
    ("hoi phu nu", "hoi lien hiep phu nu"),
    ("hlhpn", "hoi lien hiep phu nu"),
    ("hoi nd", "hoi nong dan"),
    ("hoi ccb", "hoi cuu chien binh"),
    ("ubmttq", "uy ban mat tran to quoc"),
    ("mttq", "mat tran to quoc"),
    ("ubnd", "uy ban nhan dan"),
    ("hdnd", "hoi dong nhan dan"),
    ("ddbqh", "doan dai bieu quoc hoi"),
    ("btv", "ban thuong vu"),
    ("tw", "trung uong"),
]
#: Words right after a name that make it another level's body ("UBND tỉnh (b/c)").
_OTHER_LEVEL = ("tinh", "huyen", "quan", "thanh pho", "thi xa", "trung uong")
_PARTY_ISSUER = re.compile(
    r"\b(tinh uy|huyen uy|thanh uy|thi uy|quan uy|dang uy|dang bo|chi bo|ban chap hanh dang"
    r"|ban bi thu|bo chinh tri|trung uong dang)\b"
    r"|^(ban tuyen giao|ban to chuc|ban dan van|ban noi chinh|ban thuong vu|uy ban kiem tra)"
)
_PARTY_NOTATION = re.compile(r"/[a-z]*(tu|hu|du|tw|qu)$")
_ELECTED = re.compile(r"\b(hoi dong nhan dan|quoc hoi|dai bieu)\b")
_FRONT_HEADS = re.compile(r"^(ban thuong truc |ban thuong vu |ban chap hanh |uy ban )")
_TRAILING = re.compile(r"\s+(viet nam|ho chi minh)$")


def _expand(text: str) -> str:
    padded = f" {' '.join(_words(text))} "
    for short, long in _ALIASES:
        padded = padded.replace(f" {short} ", f" {long} ")
    return " ".join(padded.split())


def _keys(organization: Organization) -> list[str]:
    """How an organization is written without its place: "Ủy ban MTTQ Việt Nam xã Tân Hòa"
    → "uy ban mat tran to quoc viet nam", "uy ban mat tran to quoc", and for the Front
    and mass organizations also "mat tran to quoc"."""
    stem = _PLACE.sub("", _expand(organization.name)).strip()
    keys = [stem, _TRAILING.sub("", stem)]
    if organization.family == Family.FRONT:
        keys += [_FRONT_HEADS.sub("", k) for k in keys]
    short = _expand(organization.short_name)
    if len(short) >= 3:
        keys.append(short)
    return sorted({k for k in keys if k}, key=len, reverse=True)


def _names(text: str, organization: Organization, *, any_level: bool = False) -> bool:
    """Does the (expanded) text name this organization — at our level ("UBND các xã",
    not "UBND tỉnh"), or at any level for an issuer ("Hội Nông dân tỉnh")?"""
    for key in _keys(organization):
        for match in re.finditer(rf"\b{re.escape(key)}\b", text):
            if any_level or not text[match.end() :].lstrip().startswith(_OTHER_LEVEL):
                return True
    return False


@dataclass(frozen=True)
class Guess:
    organizations: list[tuple[Organization, float]]
    reason: str


def by_addressees(organizations: list[Organization], fields: dict[str, str], text: str) -> Guess:
    """Organizations named where the document says who it is for."""
    lines = [fields.get("recipients", ""), *_addressee_lines(text)]
    addressed = " ; ".join(_expand(line) for line in lines if line.strip())
    found = [o for o in organizations if addressed and _names(addressed, o)]
    if not found:
        return Guess([], "")
    names = ", ".join(o.short_name for o in found)
    return Guess(
        [(o, 0.8) for o in found], f"Văn bản gửi đến {names} (theo “Kính gửi”, “Nơi nhận”)."
    )


def _addressee_lines(text: str) -> list[str]:
    """The "Kính gửi:" and "Nơi nhận:" lines and the list items right under them (not
    the bullets of the body, which name organizations for other reasons)."""
    lines, listing = [], False
    for line in text.splitlines():
        folded = fold(line).strip()
        if folded.startswith(("kinh gui", "noi nhan")):
            lines.append(line)
            listing = True
        elif listing and folded.startswith(("-", "+", "•")):
            lines.append(line)
        else:
            listing = False
    return lines


def _own(organizations: list[Organization], issuer: str) -> Organization | None:
    return next((o for o in organizations if _expand(o.name) == issuer), None)


def by_issuer(organizations: list[Organization], fields: dict[str, str]) -> Guess:
    """The organization that takes what this issuer usually sends to our level."""
    issuer = _expand(fields.get("issuer", ""))
    notation = fold(split_code(clean_code(fields.get("code", "")))[1])
    if not issuer and not notation:
        return Guess([], "")
    shown = nfc(fields.get("issuer", "")) or nfc(fields.get("code", ""))
    own = _own(organizations, issuer)
    others = [o for o in organizations if o != own]
    front = next(
        (o for o in others if o.family == Family.FRONT and _names(issuer, o, any_level=True)), None
    )
    if front is not None:
        return Guess(
            [(front, 0.7)],
            f"Văn bản của {shown} gửi {front.short_name} cùng hệ thống (theo quy tắc).",
        )
    party = bool(_PARTY_ISSUER.search(issuer) or _PARTY_NOTATION.search(notation))
    what, target = _target(others, party=party, elected=bool(_ELECTED.search(issuer)))
    if target is None:
        return Guess([], "")
    if own is not None:
        return Guess(
            [(target, 0.5)],
            f"Văn bản do chính {own.short_name} ban hành, gửi {target.short_name} (theo quy tắc).",
        )
    return Guess(
        [(target, 0.6)],
        f"Văn bản của {what} ({shown}) thường do {target.short_name} tiếp nhận (theo quy tắc).",
    )


def _target(
    organizations: list[Organization], *, party: bool, elected: bool
) -> tuple[str, Organization | None]:
    def first(family: str, *starts: str) -> Organization | None:
        return next(
            (
                o
                for o in organizations
                if o.family == family and (not starts or _expand(o.name).startswith(starts))
            ),
            None,
        )

    committee = first(Family.STATE, "uy ban nhan dan")
    if party:
        return "cấp ủy, cơ quan Đảng", first(Family.PARTY) or committee
    council = first(Family.STATE, "hoi dong nhan dan")
    if elected and council is not None:
        return "cơ quan dân cử", council
    return "cơ quan nhà nước", committee or council or first(Family.STATE)
