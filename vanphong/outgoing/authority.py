"""Who may sign what, and how the signature block reads ("đúng thẩm quyền").

- An organization under collective leadership (`Organization.collective_signing`: the
  Đảng ủy, HĐND, UBND, MTTQ and đoàn thể by default) signs for its collective: the head
  "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"; a deputy "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH /
  PHÓ CHỦ TỊCH" in the State style, "T/M ĐẢNG ỦY / PHÓ BÍ THƯ" in the Party style. Signing
  directly or plain "KT." is refused there. The setting may exempt công văn, which the
  head then signs in their own name (the rules do not settle which types a collective
  body signs "TM.").
- Elsewhere (chế độ thủ trưởng) the head signs directly and a deputy "KT." for the head.
- Resolutions and conclusions are acts of the collective everywhere: only "TM." / "T/M".
- "TL." / "TUQ." only with a `Delegation` valid on the signing day for that type.

Prefixes are written with a dot in the State style and with a slash in the Party style
(rules.md §1.3, §2.3). One function decides, so the drafting form, the four checks and
the issuing action always agree.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.db.models import Q

from vanphong.organizations.models import (
    CollectiveSigning,
    DocumentStyle,
    Organization,
    Position,
    Role,
    User,
)
from vanphong.outgoing.models import Capacity, Delegation
from vanphong.registers.models import DocumentType

#: Types only the collective issues (signed TM. by the head or a deputy).
COLLECTIVE_TYPES = frozenset({"Nghị quyết", "Kết luận"})
#: The type a collective body may let its head sign in their own name.
LETTER_TYPE = "Công văn"

_PREFIXES = {
    DocumentStyle.STATE: {
        Capacity.COLLECTIVE: "TM.",
        Capacity.ON_BEHALF: "KT.",
        Capacity.BY_ORDER: "TL.",
        Capacity.BY_AUTHORITY: "TUQ.",
    },
    DocumentStyle.PARTY: {
        Capacity.COLLECTIVE: "T/M",
        Capacity.ON_BEHALF: "K/T",
        Capacity.BY_ORDER: "T/L",
        Capacity.BY_AUTHORITY: "TUQ.",
    },
}
#: A deputy signing for the collective also signs for the head ("KT. CHỦ TỊCH" under
#: "TM. ỦY BAN NHÂN DÂN", ND30 practice); a Party deputy secretary signs "T/M" alone.
_DEPUTY_ADDS_ON_BEHALF = {DocumentStyle.STATE: True, DocumentStyle.PARTY: False}


@dataclasses.dataclass(frozen=True)
class SignatureBlock:
    """What is printed above the signature: capacity line(s), title, name.
    `capacity_line` holds one line per "\\n" ("TM. ỦY BAN NHÂN DÂN\\nKT. CHỦ TỊCH")."""

    capacity_line: str
    title: str
    name: str

    @property
    def lines(self) -> tuple[str, ...]:
        capacity = tuple(line for line in self.capacity_line.split("\n") if line)
        return (*capacity, self.title, self.name)

    @property
    def text(self) -> str:
        return " / ".join(p for p in self.lines if p)

    @property
    def heading(self) -> str:
        """The block without the name: "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"."""
        return " / ".join(p for p in self.lines[:-1] if p)


@dataclasses.dataclass(frozen=True)
class Authority:
    allowed: bool
    reason: str
    block: SignatureBlock | None = None


def prefix(style: str, capacity: str) -> str:
    return _PREFIXES.get(DocumentStyle(style), {}).get(Capacity(capacity), "")


def signs_for_collective(organization: Organization, document_type: DocumentType) -> bool:
    """Must `organization` sign this type for its collective ("TM." / "T/M")?"""
    if document_type.name in COLLECTIVE_TYPES:
        return True
    policy = organization.collective_signing
    if policy == CollectiveSigning.EXCEPT_LETTERS:
        return document_type.name != LETTER_TYPE
    return policy == CollectiveSigning.ALL


def _posts(person: User, organization: Organization, on: dt.date) -> list[Position]:
    return list(
        Position.objects.active(on=on)
        .filter(person=person, organization=organization, role__in=[Role.HEAD, Role.DEPUTY])
    )


def _head_title(organization: Organization, on: dt.date) -> str:
    head = (
        Position.objects.active(on=on)
        .filter(organization=organization, role=Role.HEAD)
        .first()
    )
    return head.signature_title if head else ""


def valid_delegation(
    *, organization: Organization, person: User, kind: str, document_type: DocumentType,
    on: dt.date,
) -> Delegation | None:
    delegations = Delegation.objects.filter(
        organization=organization, delegate=person, kind=kind, valid_from__lte=on,
        valid_to__gte=on,
    ).filter(Q(document_types__isnull=True) | Q(document_types=document_type))
    return delegations.first()


def _refuse(reason: str) -> Authority:
    return Authority(False, reason)


def _allow(block: SignatureBlock) -> Authority:
    return Authority(True, f"Đúng thẩm quyền: {block.text}.", block)


def collective_lines(organization: Organization, *, head: bool, head_title: str) -> str:
    """The capacity line(s) of the head (`head`) or a deputy signing for the collective."""
    style = DocumentStyle(organization.document_style)
    lines = [f"{prefix(style, Capacity.COLLECTIVE)} {organization.collective_name}"]
    if not head and _DEPUTY_ADDS_ON_BEHALF[style]:
        lines.append(f"{prefix(style, Capacity.ON_BEHALF)} {head_title}")
    return "\n".join(lines)


def check_authority(
    *, organization: Organization, document_type: DocumentType, signer: User | None,
    capacity: str, on: dt.date,
) -> Authority:
    """May `signer` sign this type for `organization` in `capacity` on day `on`?"""
    if signer is None:
        return _refuse("Chưa chọn người ký.")
    if capacity not in Capacity.values:
        return _refuse("Thẩm quyền ký không hợp lệ.")
    style = organization.document_style
    if document_type.name in COLLECTIVE_TYPES and capacity != Capacity.COLLECTIVE:
        return _refuse(
            f"{document_type.name} là văn bản của tập thể: phải ký "
            f"{prefix(style, Capacity.COLLECTIVE)} {organization.collective_name or 'tập thể'}."
        )
    if capacity in (Capacity.BY_ORDER, Capacity.BY_AUTHORITY):
        return _delegated(organization, document_type, signer, capacity, on)
    posts = _posts(signer, organization, on)
    if not posts:
        return _refuse(
            f"{signer} không giữ chức vụ người đứng đầu hoặc cấp phó của "
            f"{organization.name} vào ngày {on:%d/%m/%Y}."
        )
    # A person who is both head and deputy (rare overlap of dates) signs as head.
    post = min(posts, key=lambda p: p.role != Role.HEAD)
    if signs_for_collective(organization, document_type):
        return _for_collective(organization, document_type, post, capacity, on)
    return _for_head(organization, document_type, post, capacity, on)


def _for_collective(
    organization: Organization, document_type: DocumentType, post: Position, capacity: str,
    on: dt.date,
) -> Authority:
    """Head or deputy of a collective body: "TM." only, a deputy also "KT." (State)."""
    name = organization.collective_name
    if not name:
        return _refuse(f"{organization.name} chưa khai báo tập thể lãnh đạo để ký thay mặt.")
    head = post.role == Role.HEAD
    head_title = "" if head else _head_title(organization, on)
    if not head and not head_title:
        return _refuse(f"{organization.name} chưa có người đứng đầu vào ngày {on:%d/%m/%Y}.")
    lines = collective_lines(organization, head=head, head_title=head_title)
    block = SignatureBlock(lines, post.signature_title, post.person.full_name)
    if capacity != Capacity.COLLECTIVE:
        return _refuse(
            f"{organization.name} làm việc theo chế độ tập thể: {document_type.name.lower()} "
            f"do {post.person} ký phải ghi “{block.heading}”, không "
            f"“{Capacity(capacity).label}”."
        )
    return _allow(block)


def _for_head(
    organization: Organization, document_type: DocumentType, post: Position, capacity: str,
    on: dt.date,
) -> Authority:
    """Chế độ thủ trưởng: the head signs directly, a deputy "KT." for the head."""
    style, signer = organization.document_style, post.person
    if capacity == Capacity.COLLECTIVE:
        return _refuse(
            f"{document_type.name} của {organization.name} không ký thay mặt tập thể: người "
            f"đứng đầu ký trực tiếp, cấp phó ký {prefix(style, Capacity.ON_BEHALF)} (theo chế "
            "độ ký của cơ quan)."
        )
    if capacity == Capacity.DIRECT:
        if post.role != Role.HEAD:
            return _refuse(
                f"Cấp phó không ký trực tiếp: {signer} phải ký "
                f"{prefix(style, Capacity.ON_BEHALF)} người đứng đầu."
            )
        return _allow(SignatureBlock("", post.signature_title, signer.full_name))
    if post.role != Role.DEPUTY:
        return _refuse(f"Chỉ cấp phó mới ký {prefix(style, capacity)} người đứng đầu.")
    head_title = _head_title(organization, on)
    if not head_title:
        return _refuse(f"{organization.name} chưa có người đứng đầu vào ngày {on:%d/%m/%Y}.")
    line = f"{prefix(style, capacity)} {head_title}"
    return _allow(SignatureBlock(line, post.signature_title, signer.full_name))


def _delegated(
    organization: Organization, document_type: DocumentType, signer: User, capacity: str,
    on: dt.date,
) -> Authority:
    style = organization.document_style
    delegation = valid_delegation(
        organization=organization, person=signer, kind=capacity, document_type=document_type,
        on=on,
    )
    if delegation is None:
        return _refuse(
            f"{signer} không có văn bản giao ký {prefix(style, capacity)} còn hiệu lực ngày "
            f"{on:%d/%m/%Y} cho loại {document_type.name} của {organization.name}."
        )
    head_title = _head_title(organization, on)
    post = Position.objects.active(on=on).filter(person=signer).first()
    title = post.signature_title if post else ""
    line = f"{prefix(style, capacity)} {head_title}".strip()
    block = SignatureBlock(line, title, signer.full_name)
    return Authority(True, f"Đúng thẩm quyền theo {delegation.basis}: {block.text}.", block)


# --- For forms -------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class SignerChoice:
    person: User
    capacity: str
    label: str  # the block above the name, "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"


def _modes(organization: Organization, document_type: DocumentType | None) -> set[bool]:
    """Whether the choices sign for the collective (True), in person (False), or both
    (the type is not chosen yet and the organization's setting depends on it)."""
    if document_type is not None:
        return {signs_for_collective(organization, document_type)}
    policy = organization.collective_signing
    if policy == CollectiveSigning.ALL:
        return {True}
    if policy == CollectiveSigning.EXCEPT_LETTERS:
        return {True, False}
    return {False, True} if organization.collective_name else {False}


def _post_choice(organization: Organization, post: Position, collective: bool,
                 head_title: str) -> SignerChoice:
    person, head = post.person, post.role == Role.HEAD
    if collective:
        lines = collective_lines(organization, head=head, head_title=head_title)
        block = SignatureBlock(lines, post.signature_title, person.full_name)
        return SignerChoice(person, Capacity.COLLECTIVE, block.heading)
    style = organization.document_style
    line = "" if head else f"{prefix(style, Capacity.ON_BEHALF)} {head_title}"
    block = SignatureBlock(line, post.signature_title, person.full_name)
    return SignerChoice(person, Capacity.DIRECT if head else Capacity.ON_BEHALF, block.heading)


def signer_choices(
    organization: Organization, on: dt.date, document_type: DocumentType | None = None
) -> list[SignerChoice]:
    """Who may sign for the organization on `on`, and how, for forms: only what
    `check_authority` would allow (for `document_type`, or for some type if not given)."""
    modes = _modes(organization, document_type)
    head_title = _head_title(organization, on)
    posts = Position.objects.active(on=on).filter(
        organization=organization, role__in=[Role.HEAD, Role.DEPUTY], person__is_active=True
    ).select_related("person").order_by("-role", "person__full_name")
    choices = [
        _post_choice(organization, post, collective, head_title)
        for post in posts for collective in sorted(modes, reverse=True)
        if not collective or organization.collective_name
    ]
    delegations = Delegation.objects.filter(
        organization=organization, valid_from__lte=on, valid_to__gte=on
    ).select_related("delegate")
    for delegation in delegations:
        post = Position.objects.active(on=on).filter(person=delegation.delegate).first()
        line = f"{prefix(organization.document_style, delegation.kind)} {head_title}".strip()
        block = SignatureBlock(line, post.signature_title if post else "",
                               delegation.delegate.full_name)
        choices.append(SignerChoice(delegation.delegate, delegation.kind, block.heading))
    return choices


def natural_capacity(
    *, organization: Organization, document_type: DocumentType, signer: User, on: dt.date
) -> str:
    """How `signer` signs this type when nobody said: for the collective where the
    organization signs so, otherwise as their post (or delegation) gives."""
    posts = _posts(signer, organization, on)
    if posts and signs_for_collective(organization, document_type):
        return Capacity.COLLECTIVE
    if any(p.role == Role.HEAD for p in posts):
        return Capacity.DIRECT
    if posts:
        return Capacity.ON_BEHALF
    for kind in (Capacity.BY_ORDER, Capacity.BY_AUTHORITY):
        if valid_delegation(organization=organization, person=signer, kind=kind,
                            document_type=document_type, on=on):
            return kind
    return Capacity.DIRECT
