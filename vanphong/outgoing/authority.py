"""Who may sign what, and how the signature block reads ("đúng thẩm quyền").

- The head signs directly, or for the collective ("TM." / "T/M") when the organization
  has a collective leadership.
- A deputy signs "KT." / "K/T" for the head, or for the collective.
- Resolutions and conclusions are acts of the collective: only "TM." / "T/M".
- "TL." / "TUQ." only with a `Delegation` valid on the signing day for that type.

Prefixes are written with a dot in the State style and with a slash in the Party style
(rules.md §1.3, §2.3). One function decides, so the drafting form, the four checks and
the issuing action always agree.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.db.models import Q

from vanphong.organizations.models import DocumentStyle, Organization, Position, Role, User
from vanphong.outgoing.models import Capacity, Delegation
from vanphong.registers.models import DocumentType

#: Types only the collective issues (signed TM. by the head or a deputy).
COLLECTIVE_TYPES = frozenset({"Nghị quyết", "Kết luận"})

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


@dataclasses.dataclass(frozen=True)
class SignatureBlock:
    """What is printed above the signature: capacity line, title, name."""

    capacity_line: str
    title: str
    name: str

    @property
    def text(self) -> str:
        return " / ".join(p for p in (self.capacity_line, self.title, self.name) if p)


@dataclasses.dataclass(frozen=True)
class Authority:
    allowed: bool
    reason: str
    block: SignatureBlock | None = None


def prefix(style: str, capacity: str) -> str:
    return _PREFIXES.get(DocumentStyle(style), {}).get(Capacity(capacity), "")


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
    posts = _posts(signer, organization, on)
    roles = {p.role for p in posts}
    when = f"{on:%d/%m/%Y}"
    if document_type.name in COLLECTIVE_TYPES and capacity != Capacity.COLLECTIVE:
        return _refuse(
            f"{document_type.name} là văn bản của tập thể: phải ký "
            f"{prefix(style, Capacity.COLLECTIVE)} {organization.collective_name or 'tập thể'}."
        )
    if capacity in (Capacity.BY_ORDER, Capacity.BY_AUTHORITY):
        return _delegated(organization, document_type, signer, capacity, on)
    if not roles:
        return _refuse(
            f"{signer} không giữ chức vụ người đứng đầu hoặc cấp phó của "
            f"{organization.name} vào ngày {when}."
        )
    # A person who is both head and deputy (rare overlap of dates) signs as head.
    own_title = min(posts, key=lambda p: p.role != Role.HEAD).signature_title
    if capacity == Capacity.DIRECT:
        if Role.HEAD not in roles:
            return _refuse(
                f"Cấp phó không ký trực tiếp: {signer} phải ký "
                f"{prefix(style, Capacity.ON_BEHALF)} người đứng đầu."
            )
        return _allow(SignatureBlock("", own_title, signer.full_name))
    if capacity == Capacity.COLLECTIVE:
        if not organization.collective_name:
            return _refuse(f"{organization.name} chưa khai báo tập thể lãnh đạo để ký thay mặt.")
        line = f"{prefix(style, capacity)} {organization.collective_name}"
        return _allow(SignatureBlock(line, own_title, signer.full_name))
    # Ký thay (KT.): a deputy for the head.
    if Role.DEPUTY not in roles or Role.HEAD in roles:
        return _refuse(f"Chỉ cấp phó mới ký {prefix(style, capacity)} người đứng đầu.")
    head_title = _head_title(organization, on)
    if not head_title:
        return _refuse(f"{organization.name} chưa có người đứng đầu vào ngày {when}.")
    line = f"{prefix(style, capacity)} {head_title}"
    return _allow(SignatureBlock(line, own_title, signer.full_name))


def _allow(block: SignatureBlock) -> Authority:
    return Authority(True, f"Đúng thẩm quyền: {block.text}.", block)


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


def signer_choices(organization: Organization, on: dt.date) -> list[tuple[User, str]]:
    """(person, capacity) pairs that may sign for the organization on `on`, for forms."""
    choices: list[tuple[User, str]] = []
    posts = Position.objects.active(on=on).filter(
        organization=organization, role__in=[Role.HEAD, Role.DEPUTY], person__is_active=True
    ).select_related("person").order_by("-role", "person__full_name")
    for post in posts:
        if post.role == Role.HEAD:
            choices.append((post.person, Capacity.DIRECT))
        else:
            choices.append((post.person, Capacity.ON_BEHALF))
        if organization.collective_name:
            choices.append((post.person, Capacity.COLLECTIVE))
    delegations = Delegation.objects.filter(
        organization=organization, valid_from__lte=on, valid_to__gte=on
    ).select_related("delegate")
    for delegation in delegations:
        choices.append((delegation.delegate, delegation.kind))
    return choices
