"""Administrative writes to registers and their numbering policies, Party terms and
congresses, and the document-type list.

Numbering rules live in `numbering.py`; this module only changes the data they read.
A change that would restart or split a number series already in use in the current
period (a register's policy, a type's abbreviation) is refused until the administrator
confirms it, and the confirmation is written to the audit log.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import string

from django.db import transaction
from django.db.models import QuerySet, Sum
from django.utils.text import capfirst

from vanphong import clock
from vanphong.audit.actions import record_audit
from vanphong.editing import (
    apply_changes,
    clean_short_name,
    excluding,
    has_same_name,
    is_referenced,
    save_validated,
    values_of,
)
from vanphong.errors import Invalid
from vanphong.organizations import access
from vanphong.organizations.actions import OrganizationFields, create_organization
from vanphong.organizations.models import Family, Office, Organization, User
from vanphong.registers import access as register_access
from vanphong.registers.defaults import PARTY_NOTATION, STATE_NOTATION
from vanphong.registers.models import (
    INCOMING_KINDS,
    Counter,
    DocumentType,
    Register,
    RegisterKind,
    ResetPolicy,
    SecretPolicy,
    Term,
    TermKind,
    TypeSystem,
)
from vanphong.registers.numbering import (
    NumberingError,
    format_notation,
    peek_next_number,
    period_key,
)
from vanphong.vietnamese import nfc


class NeedsConfirmation(Invalid):
    """The change is allowed but has consequences the administrator must accept first."""

    code = "needs_confirmation"


# --- Registers ------------------------------------------------------------------------

OUTGOING_KINDS = (RegisterKind.OUTGOING, RegisterKind.SECRET_OUTGOING, RegisterKind.COPIES)
POLICY_FIELDS = ("reset_policy", "per_type_series", "secret_policy")
PLACEHOLDERS = frozenset({"number", "type", "org", "unit"})


@dataclasses.dataclass(frozen=True, kw_only=True)
class RegisterFields:
    kind: str
    name: str
    reset_policy: str = ResetPolicy.CALENDAR_YEAR
    per_type_series: bool = False
    secret_policy: str = SecretPolicy.SEPARATE
    notation_format: str = ""
    notation_format_untyped: str = ""
    position: int = 0
    is_active: bool = True

    def cleaned(self) -> RegisterFields:
        return dataclasses.replace(
            self, name=nfc(self.name), notation_format=nfc(self.notation_format),
            notation_format_untyped=nfc(self.notation_format_untyped),
        )


def template_problem(template: str, *, typed: bool) -> str | None:
    """What is wrong with a notation template, in words for the administrator."""
    if any(ch.isspace() for ch in template):
        return "Số, ký hiệu không có dấu cách."
    try:
        parts = [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(template)
                 if name is not None]
    except ValueError:
        return "Mẫu có dấu ngoặc { } không khớp."
    if any(spec or conv for _, spec, conv in parts):
        return "Trong dấu { } chỉ ghi tên chỗ trống, ví dụ {number}."
    names = [name for name, _, _ in parts]
    unknown = sorted({n for n in names if n not in PLACEHOLDERS})
    if unknown:
        shown = ", ".join("{" + n + "}" for n in unknown)
        return (f"Mẫu có chỗ trống không hợp lệ: {shown}. "
                "Chỉ dùng {number}, {type}, {org}, {unit}.")
    if "number" not in names:
        return "Mẫu phải có {number} (số văn bản)."
    if typed and "type" not in names:
        return "Mẫu cho loại văn bản có chữ viết tắt phải có {type}."
    return None


def _check_templates(fields: RegisterFields) -> dict[str, str]:
    errors: dict[str, str] = {}
    outgoing = fields.kind in OUTGOING_KINDS
    if outgoing and not fields.notation_format:
        errors["notation_format"] = (
            "Sổ văn bản đi cần mẫu số, ký hiệu, ví dụ {number}/{type}-{org}."
        )
    if fields.kind in (RegisterKind.OUTGOING, RegisterKind.SECRET_OUTGOING) and not (
        fields.notation_format_untyped
    ):
        errors["notation_format_untyped"] = (
            "Cần mẫu cho loại không có chữ viết tắt (công văn), ví dụ {number}/{org}-{unit}."
        )
    for name, typed in (("notation_format", True), ("notation_format_untyped", False)):
        template = getattr(fields, name)
        problem = template_problem(template, typed=typed) if template else None
        if problem and name not in errors:
            errors[name] = problem
    return errors


def _check_register(fields: RegisterFields, organization: Organization, register: Register | None):
    errors: dict[str, str] = {}
    if fields.kind not in RegisterKind.values:
        errors["kind"] = "Loại sổ không hợp lệ."
    if fields.reset_policy not in ResetPolicy.values:
        errors["reset_policy"] = "Cách cấp lại số không hợp lệ."
    if fields.secret_policy not in SecretPolicy.values:
        errors["secret_policy"] = "Cách đánh số văn bản mật không hợp lệ."  # noqa: S105
    if not fields.name:
        errors["name"] = "Cần ghi tên sổ."
    if not errors and fields.kind in INCOMING_KINDS and fields.is_active:
        twins = organization.registers.filter(kind=fields.kind, is_active=True)
        if excluding(twins, register).exists():
            errors["kind"] = (
                f"{organization.short_name} đã có {RegisterKind(fields.kind).label.lower()} đang "
                "dùng; số đến chạy liên tục trong một sổ. Hãy ngừng dùng sổ cũ trước."
            )
    if not errors:
        errors = _check_templates(fields)
    if errors:
        raise Invalid("Thông tin sổ đăng ký chưa hợp lệ.", fields=errors)


@transaction.atomic
def create_register(*, actor: User, organization: Organization, fields: RegisterFields) -> Register:
    access.require_office(actor, organization.office_id)
    fields = fields.cleaned()
    _check_register(fields, organization, None)
    register = Register(organization=organization, **values_of(fields))
    save_validated(register)
    record_audit(actor=actor, action="register.create", target=register,
                 summary=f"Thêm {register.name} của {organization.short_name}")
    return register


def numbers_in_current_period(register: Register, *, on: dt.date | None = None) -> int:
    """How many numbers the register has given in the period containing `on` (today)."""
    try:
        period = period_key(register, on or clock.today())
    except NumberingError:
        return 0
    total = Counter.objects.filter(register=register, period_key=period).aggregate(
        total=Sum("last_number")
    )["total"]
    return total or 0


def policy_change_warning(register: Register, fields: RegisterFields) -> str | None:
    """Why changing the policy of a register in use needs confirming (None: it does not)."""
    changed = [name for name in POLICY_FIELDS if getattr(register, name) != getattr(fields, name)]
    given = numbers_in_current_period(register)
    if not changed or not given:
        return None
    effects = []
    if "reset_policy" in changed:
        effects.append(
            "số sẽ được cấp theo kỳ mới (năm, nhiệm kỳ hoặc đại hội) và bắt đầu lại từ 01"
        )
    if "per_type_series" in changed:
        effects.append("các dãy số theo từng loại văn bản sẽ được tách hoặc gộp, "
                       "số tiếp theo bắt đầu lại từ 01")
    if "secret_policy" in changed:
        effects.append("văn bản mật sẽ tách ra hoặc nhập vào dãy số chung, bắt đầu lại từ 01")
    return (
        f"{capfirst(register.called)} đã cấp {given} số trong kỳ hiện tại. Đổi cách đánh số: "
        + "; ".join(effects)
        + ". Các số đã cấp giữ nguyên nhưng có thể trùng số với văn bản cấp sau. "
        "Chỉ thay đổi khi người đứng đầu cơ quan đã quyết định."
    )


@transaction.atomic
def update_register(
    *, actor: User, register: Register, fields: RegisterFields, confirm: bool = False
) -> Register:
    access.require_office(actor, register.organization.office_id)
    fields = fields.cleaned()
    _check_register(fields, register.organization, register)
    if fields.kind != register.kind and is_referenced(register):
        raise Invalid("Sổ đã được dùng nên không đổi được loại sổ.",
                      fields={"kind": "Không đổi loại sổ đã có số, văn bản."})
    warning = policy_change_warning(register, fields)
    if warning and not confirm:
        raise NeedsConfirmation(warning, fields={"confirm": "Cần xác nhận trước khi lưu."})
    given = numbers_in_current_period(register)
    changes = apply_changes(register, values_of(fields))
    if changes:
        save_validated(register)
        policy = [name for name in POLICY_FIELDS if name in changes]
        record_audit(
            actor=actor, action="register.policy_change" if policy else "register.update",
            target=register, summary=f"Sửa {register.name} của {register.organization.short_name}",
            changes=changes, numbers_in_period=given if policy else None,
            confirmed_warning=warning or "",
        )
    return register


@transaction.atomic
def remove_register(*, actor: User, register: Register) -> str:
    """Delete an unused register; a register that has given numbers or holds documents
    is deactivated instead. Returns "deleted" or "deactivated"."""
    access.require_office(actor, register.organization.office_id)
    label = f"{register.name} của {register.organization.short_name}"
    if not is_referenced(register):
        record_audit(actor=actor, action="register.delete", target=register,
                     summary=f"Xóa {label}")
        register.delete()
        return "deleted"
    if not register.is_active:
        raise Invalid(f"{label} đã ngừng dùng.")
    register.is_active = False
    register.save(update_fields=["is_active"])
    record_audit(actor=actor, action="register.deactivate", target=register,
                 summary=f"Ngừng dùng {label} (đã có số, văn bản nên không xóa)")
    return "deactivated"


def _default_register_specs(organization: Organization) -> list[RegisterFields]:
    party = organization.family == Family.PARTY
    notation = PARTY_NOTATION if party else STATE_NOTATION
    kinds = [RegisterKind.INCOMING, RegisterKind.SECRET_INCOMING, RegisterKind.OUTGOING,
             RegisterKind.COPIES]
    if not party:
        # ND30 Điều 15.2: state secret documents have their own series and register.
        kinds.insert(3, RegisterKind.SECRET_OUTGOING)
    specs = []
    for position, kind in enumerate(kinds):
        outgoing = kind in OUTGOING_KINDS
        specs.append(RegisterFields(
            kind=kind, name=RegisterKind(kind).label, position=position,
            reset_policy=(
                ResetPolicy.PARTY_TERM if party and outgoing else ResetPolicy.CALENDAR_YEAR
            ),
            per_type_series=party and outgoing,
            secret_policy=SecretPolicy.SAME if party else SecretPolicy.SEPARATE,
            notation_format=notation["typed"] if outgoing else "",
            notation_format_untyped=notation["untyped"] if kind != RegisterKind.COPIES
            and outgoing else "",
        ))
    return specs


@transaction.atomic
def create_default_registers(*, actor: User, organization: Organization) -> list[Register]:
    """The registers rules.md §1.2/§2.2 suggest for the organization's family."""
    return [create_register(actor=actor, organization=organization, fields=spec)
            for spec in _default_register_specs(organization)]


@transaction.atomic
def create_organization_with_registers(*, actor: User, office: Office,
                                       fields: OrganizationFields) -> Organization:
    """Add a member organization together with the default registers of its family."""
    organization = create_organization(actor=actor, office=office, fields=fields)
    create_default_registers(actor=actor, organization=organization)
    return organization


@dataclasses.dataclass(frozen=True)
class NotationPreview:
    number: int | None
    notation: str = ""
    problem: str = ""


def preview_notation(
    register: Register, *, on: dt.date, document_type: DocumentType | None, unit: str = ""
) -> NotationPreview:
    """The next number and notation the register would give (never reserved). Works on
    unsaved or edited-but-unsaved registers, so the form can show it live."""
    try:
        period_key(register, on)
    except NumberingError as error:
        return NotationPreview(None, problem=error.message)
    if register.pk is None:
        number = 1
    else:
        number = peek_next_number(register, on=on, document_type=document_type) or 1
    if register.is_incoming:
        return NotationPreview(number)
    typed = bool(document_type and document_type.abbreviation)
    template = register.notation_format if typed else register.notation_format_untyped
    problem = template_problem(template, typed=typed) if template else None
    if problem:
        return NotationPreview(number, problem=problem)
    try:
        notation = format_notation(register, number=number, document_type=document_type, unit=unit)
    except NumberingError as error:
        return NotationPreview(number, problem=error.message)
    return NotationPreview(number, notation=notation)


# --- Terms and congresses ---------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class TermFields:
    kind: str
    name: str
    start_date: dt.date
    end_date: dt.date | None = None


def _term_counters(term: Term) -> QuerySet[Counter]:
    return Counter.objects.filter(period_key=f"{term.kind}:{term.pk}")


def _check_term(fields: TermFields, organization: Organization, term: Term | None) -> None:
    errors: dict[str, str] = {}
    if fields.kind not in TermKind.values:
        errors["kind"] = "Loại không hợp lệ."
    if not nfc(fields.name):
        errors["name"] = "Cần ghi tên, ví dụ: Nhiệm kỳ 2025–2030."
    if fields.end_date is not None and fields.end_date < fields.start_date:
        errors["end_date"] = "Ngày kết thúc không thể trước ngày bắt đầu."
    if errors:
        raise Invalid("Nhiệm kỳ chưa hợp lệ.", fields=errors)
    others = excluding(organization.terms.filter(kind=fields.kind), term)
    for other in others:
        end = fields.end_date or dt.date.max
        other_end = other.end_date or dt.date.max
        if other.start_date <= end and fields.start_date <= other_end:
            raise Invalid(
                f"Trùng thời gian với {other.name}; mỗi ngày chỉ thuộc một "
                f"{TermKind(fields.kind).label.lower()} để cấp số không nhầm.",
                fields={"start_date": f"Trùng với {other.name}."},
            )
    if term is not None and fields.kind != term.kind and _term_counters(term).exists():
        raise Invalid("Đã có số được cấp theo kỳ này nên không đổi được loại.",
                      fields={"kind": "Không đổi được."})


@transaction.atomic
def create_term(*, actor: User, organization: Organization, fields: TermFields) -> Term:
    access.require_office(actor, organization.office_id)
    fields = dataclasses.replace(fields, name=nfc(fields.name))
    _check_term(fields, organization, None)
    term = Term(organization=organization, **values_of(fields))
    save_validated(term)
    record_audit(actor=actor, action="term.create", target=term, office_id=organization.office_id,
                 summary=f"Thêm {term.name} của {organization.short_name}")
    return term


@transaction.atomic
def update_term(*, actor: User, term: Term, fields: TermFields) -> Term:
    access.require_office(actor, term.organization.office_id)
    fields = dataclasses.replace(fields, name=nfc(fields.name))
    _check_term(fields, term.organization, term)
    changes = apply_changes(term, values_of(fields))
    if changes:
        save_validated(term)
        record_audit(actor=actor, action="term.update", target=term,
                     office_id=term.organization.office_id, changes=changes,
                     summary=f"Sửa {term.name} của {term.organization.short_name}")
    return term


@transaction.atomic
def delete_term(*, actor: User, term: Term) -> None:
    access.require_office(actor, term.organization.office_id)
    if _term_counters(term).exists():
        raise Invalid(f"Đã có văn bản được cấp số trong {term.name} nên không xóa được; "
                      "có thể sửa ngày bắt đầu, kết thúc.")
    record_audit(actor=actor, action="term.delete", target=term,
                 office_id=term.organization.office_id,
                 summary=f"Xóa {term.name} của {term.organization.short_name}")
    term.delete()


# --- Document types ----------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class DocumentTypeFields:
    system: str
    name: str
    abbreviation: str = ""
    position: int = 0
    is_active: bool = True

    def cleaned(self) -> DocumentTypeFields:
        abbreviation = nfc(self.abbreviation)
        # Abbreviations keep their case (QyĐ, CTr, TrS), unlike organization short names.
        return dataclasses.replace(self, name=nfc(self.name), abbreviation=abbreviation)


def _check_document_type(
    fields: DocumentTypeFields,
    organization: Organization | None,
    document_type: DocumentType | None,
) -> None:
    errors: dict[str, str] = {}
    if fields.system not in TypeSystem.values:
        errors["system"] = "Hệ thống văn bản không hợp lệ."
    if not fields.name:
        errors["name"] = "Cần ghi tên loại văn bản."
    if fields.abbreviation:
        _, problem = clean_short_name(fields.abbreviation, label="Chữ viết tắt")
        if problem:
            errors["abbreviation"] = problem
    scope = excluding(
        DocumentType.objects.filter(system=fields.system, organization=organization), document_type
    )
    if "name" not in errors and has_same_name(scope.values_list("name", flat=True), fields.name):
        errors["name"] = "Danh mục đã có loại văn bản mang tên này."
    if fields.abbreviation and "abbreviation" not in errors:
        twin = scope.filter(abbreviation=fields.abbreviation, is_active=True).first()
        if twin:
            errors["abbreviation"] = f"Chữ viết tắt {fields.abbreviation} đã dùng cho {twin.name}."
    if errors:
        raise Invalid("Loại văn bản chưa hợp lệ.", fields=errors)


def _require_type_scope(actor: User, organization: Organization | None) -> None:
    if organization is None:
        register_access.require_shared_types_manager(actor)
    else:
        access.require_office(actor, organization.office_id)


@transaction.atomic
def create_document_type(
    *, actor: User, organization: Organization | None, fields: DocumentTypeFields
) -> DocumentType:
    """Add a type to the shared list (`organization` None) or for one organization."""
    _require_type_scope(actor, organization)
    fields = fields.cleaned()
    _check_document_type(fields, organization, None)
    document_type = DocumentType(organization=organization, **values_of(fields))
    save_validated(document_type)
    owner = organization.short_name if organization else "danh mục chung"
    record_audit(actor=actor, action="document_type.create", target=document_type,
                 office_id=organization.office_id if organization else None,
                 summary=f"Thêm loại văn bản {document_type} ({owner})")
    return document_type


def _series_key(name: str, abbreviation: str) -> str:
    # Mirrors numbering.series_key: per-type series are keyed by abbreviation, else name.
    return abbreviation or name


def abbreviation_warning(document_type: DocumentType, fields: DocumentTypeFields) -> str | None:
    old = _series_key(document_type.name, document_type.abbreviation)
    new = _series_key(fields.name, fields.abbreviation)
    if old == new:
        return None
    counters = Counter.objects.filter(
        register__per_type_series=True, series_key__in=[old, f"{old}|MẬT"], last_number__gt=0
    )
    if document_type.organization_id:
        counters = counters.filter(register__organization_id=document_type.organization_id)
    if not counters.exists():
        return None
    return (
        f"Đã có sổ đánh số riêng cho loại {document_type.name} theo chữ viết tắt “{old}”. "
        f"Đổi thành “{new}” sẽ bắt đầu một dãy số mới từ 01 cho loại này."
    )


@transaction.atomic
def update_document_type(
    *, actor: User, document_type: DocumentType, fields: DocumentTypeFields, confirm: bool = False
) -> DocumentType:
    organization = document_type.organization
    _require_type_scope(actor, organization)
    fields = fields.cleaned()
    _check_document_type(fields, organization, document_type)
    if fields.system != document_type.system and is_referenced(document_type):
        raise Invalid("Loại văn bản đã được dùng nên không đổi được hệ thống.",
                      fields={"system": "Không đổi được."})
    warning = abbreviation_warning(document_type, fields)
    if warning and not confirm:
        raise NeedsConfirmation(warning, fields={"confirm": "Cần xác nhận trước khi lưu."})
    changes = apply_changes(document_type, values_of(fields))
    if changes:
        save_validated(document_type)
        record_audit(actor=actor, action="document_type.update", target=document_type,
                     office_id=organization.office_id if organization else None,
                     summary=f"Sửa loại văn bản {document_type}", changes=changes,
                     confirmed_warning=warning or "")
    return document_type


@transaction.atomic
def remove_document_type(*, actor: User, document_type: DocumentType) -> str:
    """Delete an unused type; a type some document uses is deactivated instead."""
    organization = document_type.organization
    _require_type_scope(actor, organization)
    office_id = organization.office_id if organization else None
    if not is_referenced(document_type):
        record_audit(actor=actor, action="document_type.delete", target=document_type,
                     office_id=office_id, summary=f"Xóa loại văn bản {document_type}")
        document_type.delete()
        return "deleted"
    if not document_type.is_active:
        raise Invalid(f"Loại văn bản {document_type.name} đã ngừng dùng.")
    document_type.is_active = False
    document_type.save(update_fields=["is_active"])
    record_audit(actor=actor, action="document_type.deactivate", target=document_type,
                 office_id=office_id,
                 summary=f"Ngừng dùng loại văn bản {document_type} (đã có văn bản nên không xóa)")
    return "deactivated"
