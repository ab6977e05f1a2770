"""Who may see, print and export which register — decided here and only here.

- Office clerks and office leads: every register of their office.
- Heads and deputies: the registers of the organizations they lead.
- Nobody else (specialists, accountants, administrators...): no register at all.

Seeing a register is not seeing its documents: every row printed, exported or listed
is filtered through `vanphong.incoming.access.visible_incoming`, so a secret document
appears only for the people named on it.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from vanphong.errors import NotAllowed, NotFound
from vanphong.organizations.access import (
    administered_organizations,
    administers_every_office,
    is_administrator,
    parse_pk,
)
from vanphong.organizations.models import User
from vanphong.organizations.standing import standing_of
from vanphong.registers.models import DocumentType, Register, Term


def visible_registers(user: User | None) -> QuerySet[Register]:
    standing = standing_of(user)
    registers = Register.objects.select_related("organization")
    if standing.user_id is None:
        return registers.none()
    return registers.filter(
        Q(organization__office_id__in=standing.staff_offices)
        | Q(organization_id__in=standing.leader_orgs)
    )


def sees_registers(user: User | None) -> bool:
    """The "Sổ đăng ký" menu item: someone who may see some register."""
    return visible_registers(user).exists()


def get_register_for(user: User | None, register_id: object) -> Register:
    """The register if `user` may see it; NotFound when missing *or* not visible, so
    the answer does not reveal which registers exist."""
    missing = NotFound("Không tìm thấy sổ đăng ký hoặc bạn không có quyền xem.")
    try:
        return visible_registers(user).select_related("organization__office").get(
            pk=parse_pk(register_id))
    except (Register.DoesNotExist, ValueError):
        raise missing from None


# --- Administering registers, terms and document types -------------------------------------
# Built on `organizations.access`: an office's administrator keeps the registers and terms
# of its organizations and their own document types; the shared types belong to whoever
# administers every office.


def administered_registers(user: User | None) -> QuerySet[Register]:
    registers = Register.objects.filter(organization__in=administered_organizations(user))
    return registers.select_related("organization", "organization__office")


def get_register_for_admin(user: User | None, register_id: int | str) -> Register:
    try:
        return administered_registers(user).get(pk=parse_pk(register_id))
    except (Register.DoesNotExist, ValueError):
        raise NotFound("Không tìm thấy sổ đăng ký hoặc bạn không quản trị sổ này.") from None


def administered_terms(user: User | None) -> QuerySet[Term]:
    return Term.objects.filter(organization__in=administered_organizations(user)).select_related(
        "organization"
    )


def get_term_for_admin(user: User | None, term_id: int | str) -> Term:
    try:
        return administered_terms(user).get(pk=parse_pk(term_id))
    except (Term.DoesNotExist, ValueError):
        raise NotFound("Không tìm thấy nhiệm kỳ hoặc bạn không quản trị cơ quan này.") from None


def visible_document_types(user: User | None) -> QuerySet[DocumentType]:
    """Types an administrator sees: the shared list plus their organizations' own types."""
    if not is_administrator(user):
        return DocumentType.objects.none()
    own = DocumentType.objects.filter(organization__in=administered_organizations(user))
    shared = DocumentType.objects.filter(organization__isnull=True)
    return (own | shared).select_related("organization")


def may_change_document_type(user: User | None, document_type: DocumentType) -> bool:
    if document_type.organization_id is None:
        return administers_every_office(user)
    return administered_organizations(user).filter(pk=document_type.organization_id).exists()


def require_shared_types_manager(user: User | None) -> None:
    if not administers_every_office(user):
        raise NotAllowed(
            "Danh mục loại văn bản dùng chung áp dụng cho mọi văn phòng; chỉ người quản trị "
            "mọi văn phòng được sửa. Hãy thêm loại văn bản riêng cho cơ quan của bạn."
        )


def get_document_type_for_admin(user: User | None, type_id: int | str) -> DocumentType:
    """A type the user may change; shared types they may only read count as missing."""
    try:
        document_type = visible_document_types(user).get(pk=parse_pk(type_id))
    except (DocumentType.DoesNotExist, ValueError):
        raise NotFound("Không tìm thấy loại văn bản hoặc bạn không có quyền sửa.") from None
    if not may_change_document_type(user, document_type):
        raise NotFound("Không tìm thấy loại văn bản hoặc bạn không có quyền sửa.")
    return document_type
