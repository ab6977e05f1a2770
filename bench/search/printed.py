"""The printed parts around a document's body, as its text layer reads them: the issuer
block, "Số" and the place and date, the urgency and secrecy marks, the type and
subject (or "V/v" and "Kính gửi" for a công văn), the signature block, "Nơi nhận"."""

from __future__ import annotations

from typing import NamedTuple

from bench.search.bodies import PARTY, Body
from bench.search.ours import Ours

MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"
SECRECY_MARKS = ("MẬT", "TỐI MẬT", "TUYỆT MẬT")
URGENCY_MARKS = ("KHẨN", "THƯỢNG KHẨN", "HỎA TỐC", "HỎA TỐC HẸN GIỜ")



class _Fixed(NamedTuple):
    """A body's printed parts that never change, built once per body."""

    header: list[str]
    prefix: str  # "Số: " (State) or "Số " (Party)
    head: list[str]  # signature block when the head signs
    deputy: list[str]  # ... when a deputy signs
    archive: str  # the "Lưu" line


_parts: dict[int, _Fixed] = {}


def marks(urgency: int, secrecy: int) -> list[str]:
    found = [SECRECY_MARKS[secrecy - 1]] if secrecy else []
    return [*found, URGENCY_MARKS[urgency - 1]] if urgency else found


def title(type_name: str, subject: str, addressees: str) -> list[str]:
    if type_name != "Công văn":
        return [type_name.removesuffix(" (QPPL)").upper(), subject]
    return [subject, f"Kính gửi: {addressees.replace(chr(10), '; ')}"] if addressees else [subject]


def _signature(body: Body, head: bool) -> list[str]:
    """TM./KT. (State) or T/M (Party) lines and the title of who signs."""
    on_behalf, deputy_for = ("T/M", "K/T") if body.style == PARTY else ("TM.", "KT.")
    lines = [f"{on_behalf} {body.collective}"] if body.collective else []
    if not head and not (body.collective and body.style == PARTY):
        lines.append(f"{deputy_for} {body.head.upper()}")
    return [*lines, (body.head if head else body.deputy).upper()]


def _fixed(body: Body) -> _Fixed:
    parts = _parts.get(id(body))
    if parts is None:
        if body.style == PARTY:
            header, prefix = [PARTY_TITLE, *body.lines, "*"], "Số "
        else:
            header, prefix = [*body.lines, *MOTTO], "Số: "
        parts = _parts[id(body)] = _Fixed(header, prefix, _signature(body, True),
                                          _signature(body, False),
                                          f"- Lưu: VT, {body.units[-1] or 'VP'}.")
    return parts


def external_head(body: Body, code: str, when: str, type_name: str, subject: str,
                  recipients: str, urgency: int, secrecy: int) -> list[str]:
    fixed = _fixed(body)
    lines = [*fixed.header, f"{fixed.prefix}{code}", when]
    if urgency or secrecy:
        lines += marks(urgency, secrecy)
    return lines + title(type_name, subject, recipients)


def block(body: Body, *, head: bool) -> list[str]:
    fixed = _fixed(body)
    return fixed.head if head else fixed.deputy


def receivers(body: Body, recipients: str) -> list[str]:
    return ["Nơi nhận:", f"- {recipients};", f"- {body.superior} (b/c);", _fixed(body).archive]


def own_head(org: Ours, code: str, when: str, type_name: str, subject: str,
             addressees: str, urgency: int, secrecy: int) -> list[str]:
    if org.style == PARTY:
        lines = [PARTY_TITLE, *org.lines, f"Số {code}", when]
    else:
        lines = [*org.lines, *MOTTO, f"Số: {code}", when]
    return lines + marks(urgency, secrecy) + title(type_name, subject, addressees)


def own_receivers(recipient: str, unit: str) -> list[str]:
    return ["Nơi nhận:", "- Như trên;", f"- {recipient};",
            f"- Lưu: VT{', ' + unit if unit else ''}."]
