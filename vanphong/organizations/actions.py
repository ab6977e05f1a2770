"""Every administrative write to offices, organizations, units, people and positions.

Each action checks the administrator's rights (behind the views' lookups), checks its
rules, saves, and records one audit row in the same transaction. People with history are
never deleted: they are deactivated, and their positions are ended with an `end_date`;
only an account nothing refers to yet (created by mistake) can be deleted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.contrib.auth import password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import ProtectedError, QuerySet, RestrictedError

from vanphong.audit.actions import record_audit
from vanphong.editing import (
    apply_changes,
    clean_short_name,
    excluding,
    has_same_name,
    plain,
    save_validated,
    values_of,
)
from vanphong.errors import Conflict, Invalid, NotAllowed
from vanphong.organizations import access
from vanphong.organizations.models import (
    OFFICE_ROLES,
    ORGANIZATION_ROLES,
    ArchiveStream,
    CollectiveSigning,
    DocumentStyle,
    Family,
    Office,
    Organization,
    Position,
    Role,
    Unit,
    User,
    default_collective_signing,
    organ_id_validator,
)
from vanphong.organizations.standing import forget_standing
from vanphong.vietnamese import nfc


def _raise_if(errors: dict[str, str], message: str = "Thông tin chưa hợp lệ.") -> None:
    if errors:
        raise Invalid(message, fields=errors)


# --- Offices ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class OfficeFields:
    name: str
    short_name: str
    place_name: str
    address: str = ""
    phone: str = ""
    email: str = ""

    def cleaned(self) -> OfficeFields:
        return dataclasses.replace(
            self, name=nfc(self.name), short_name=nfc(self.short_name),
            place_name=nfc(self.place_name), address=nfc(self.address), phone=nfc(self.phone),
            email=self.email.strip(),
        )


def _check_office(fields: OfficeFields, office: Office | None) -> None:
    errors: dict[str, str] = {}
    if not fields.name:
        errors["name"] = "Cần ghi tên văn phòng."
    elif has_same_name(excluding(Office.objects.all(), office)
                       .values_list("name", flat=True), fields.name):
        errors["name"] = "Đã có văn phòng mang tên này."
    if not fields.short_name:
        errors["short_name"] = "Cần ghi tên viết tắt."
    if not fields.place_name:
        errors["place_name"] = "Cần ghi địa danh (dùng khi ghi ngày tháng văn bản)."
    _raise_if(errors)


@transaction.atomic
def create_office(*, actor: User, fields: OfficeFields) -> Office:
    access.require_office_creator(actor)
    fields = fields.cleaned()
    _check_office(fields, None)
    office = Office(**values_of(fields))
    save_validated(office)
    record_audit(actor=actor, action="office.create", target=office, office_id=office.pk,
                 summary=f"Thêm văn phòng {office.name}")
    return office


@transaction.atomic
def update_office(*, actor: User, office: Office, fields: OfficeFields) -> Office:
    access.require_office(actor, office.pk)
    fields = fields.cleaned()
    _check_office(fields, office)
    changes = apply_changes(office, values_of(fields))
    if changes:
        save_validated(office)
        record_audit(actor=actor, action="office.update", target=office, office_id=office.pk,
                     summary=f"Sửa thông tin văn phòng {office.name}", changes=changes)
    return office


# --- Organizations ---------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class OrganizationFields:
    name: str
    short_name: str
    family: str
    organ_id: str
    level: str = "xã"
    parent: Organization | None = None
    parent_body: str = ""
    has_seal: bool = True
    document_style: str = DocumentStyle.STATE
    collective_name: str = ""
    collective_signing: str = ""  # "" = the family's default (`default_collective_signing`)
    archive_stream: str = ArchiveStream.STATE
    position: int = 0
    is_active: bool = True

    def cleaned(self) -> OrganizationFields:
        collective = nfc(self.collective_name).upper()
        return dataclasses.replace(
            self, name=nfc(self.name), short_name=nfc(self.short_name).upper(),
            organ_id=nfc(self.organ_id).upper(), level=nfc(self.level),
            parent_body=nfc(self.parent_body), collective_name=collective,
            collective_signing=self.collective_signing
            or default_collective_signing(self.family, collective),
        )


def _ancestors(node: Any) -> set[int]:
    """Primary keys above `node` along `parent` links (cycle-safe)."""
    seen: set[int] = set()
    while node is not None and node.pk not in seen:
        seen.add(node.pk)
        node = node.parent
    return seen


def _check_organization(
    fields: OrganizationFields, office: Office, organization: Organization | None
) -> None:
    errors: dict[str, str] = {}
    own_pk = organization.pk if organization else None
    if not fields.name:
        errors["name"] = "Cần ghi tên cơ quan, tổ chức."
    short_name, problem = clean_short_name(fields.short_name)
    if problem:
        errors["short_name"] = problem
    elif has_same_name(excluding(office.organizations.all(), organization)
                       .values_list("short_name", flat=True), short_name):
        errors["short_name"] = f"Văn phòng đã có cơ quan viết tắt là {short_name}."
    try:
        organ_id_validator(fields.organ_id)
    except ValidationError as error:
        errors["organ_id"] = " ".join(error.messages)
    else:
        same_id = Organization.objects.filter(organ_id=fields.organ_id)
        twin = excluding(same_id, organization).first()
        if twin:
            errors["organ_id"] = f"Mã định danh này đã dùng cho {twin.name}."
    if fields.family not in Family.values:
        errors["family"] = "Khối không hợp lệ."
    if fields.document_style not in DocumentStyle.values:
        errors["document_style"] = "Thể thức văn bản không hợp lệ."
    if fields.archive_stream not in ArchiveStream.values:
        errors["archive_stream"] = "Phông lưu trữ không hợp lệ."
    if fields.collective_signing not in CollectiveSigning.values:
        errors["collective_signing"] = "Chế độ ký không hợp lệ."
    elif fields.collective_signing != CollectiveSigning.NONE and not fields.collective_name:
        errors["collective_name"] = (
            "Cơ quan làm việc theo chế độ tập thể cần ghi tên tập thể lãnh đạo (ghi sau TM.), "
            "ví dụ ỦY BAN NHÂN DÂN; hoặc chọn chế độ thủ trưởng."
        )
    if not fields.level:
        errors["level"] = "Cần ghi cấp (ví dụ: xã)."
    parent = fields.parent
    if parent is not None and parent.office_id != office.pk:
        errors["parent"] = "Tổ chức cấp trên phải thuộc cùng văn phòng."
    elif parent is not None and own_pk is not None and own_pk in _ancestors(parent):
        errors["parent"] = (
            "Không thể chọn chính cơ quan này hoặc cơ quan trực thuộc nó làm cấp trên."
        )
    _raise_if(errors)


@transaction.atomic
def create_organization(*, actor: User, office: Office, fields: OrganizationFields) -> Organization:
    """Add a member organization (`registers.actions.create_organization_with_registers`
    adds it with the default registers of its family)."""
    access.require_office(actor, office.pk)
    fields = fields.cleaned()
    _check_organization(fields, office, None)
    organization = Organization(office=office, **values_of(fields))
    save_validated(organization)
    record_audit(actor=actor, action="organization.create", target=organization,
                 summary=f"Thêm cơ quan {organization.name} ({organization.short_name})")
    return organization


@transaction.atomic
def update_organization(
    *, actor: User, organization: Organization, fields: OrganizationFields
) -> Organization:
    access.require_office(actor, organization.office_id)
    fields = fields.cleaned()
    _check_organization(fields, organization.office, organization)
    changes = apply_changes(organization, values_of(fields))
    if changes:
        save_validated(organization)
        record_audit(actor=actor, action="organization.update", target=organization,
                     summary=f"Sửa cơ quan {organization.name}", changes=changes)
    return organization


# --- Units -------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class UnitFields:
    name: str
    short_name: str
    organization: Organization | None = None
    parent: Unit | None = None
    is_active: bool = True

    def cleaned(self) -> UnitFields:
        return dataclasses.replace(
            self, name=nfc(self.name), short_name=nfc(self.short_name).upper()
        )


def _check_unit(fields: UnitFields, office: Office, unit: Unit | None) -> None:
    errors: dict[str, str] = {}
    own_pk = unit.pk if unit else None
    organization = fields.organization
    if organization is not None and organization.office_id != office.pk:
        errors["organization"] = "Cơ quan đã chọn thuộc văn phòng khác."
    if not fields.name:
        errors["name"] = "Cần ghi tên đơn vị."
    short_name, problem = clean_short_name(fields.short_name, label="Tên viết tắt của đơn vị")
    siblings = Unit.objects.filter(office=office, organization=organization, is_active=True)
    if problem:
        errors["short_name"] = problem
    elif has_same_name(excluding(siblings, unit).values_list("short_name", flat=True),
                       short_name):
        errors["short_name"] = f"Đã có đơn vị đang hoạt động viết tắt là {short_name}."
    parent = fields.parent
    if parent is not None and (
        parent.office_id != office.pk or parent.organization_id != getattr(organization, "pk", None)
    ):
        errors["parent"] = "Đơn vị cấp trên phải cùng cơ quan (hoặc cùng là đơn vị của văn phòng)."
    elif parent is not None and own_pk is not None and own_pk in _ancestors(parent):
        errors["parent"] = "Không thể chọn chính đơn vị này hoặc đơn vị trực thuộc nó làm cấp trên."
    _raise_if(errors)


@transaction.atomic
def create_unit(*, actor: User, office: Office, fields: UnitFields) -> Unit:
    access.require_office(actor, office.pk)
    fields = fields.cleaned()
    _check_unit(fields, office, None)
    unit = Unit(office=office, **values_of(fields))
    save_validated(unit)
    record_audit(actor=actor, action="unit.create", target=unit, summary=f"Thêm đơn vị {unit}")
    return unit


@transaction.atomic
def update_unit(*, actor: User, unit: Unit, fields: UnitFields) -> Unit:
    access.require_office(actor, unit.office_id)
    fields = fields.cleaned()
    _check_unit(fields, unit.office, unit)
    if unit.organization_id != getattr(fields.organization, "pk", None) and unit.positions.exists():
        raise Invalid(
            "Đơn vị đã có người giữ chức vụ nên không chuyển sang cơ quan khác được; "
            "hãy ngừng hoạt động đơn vị này và thêm đơn vị mới.",
            fields={"organization": "Không đổi được cơ quan của đơn vị đã có người."},
        )
    changes = apply_changes(unit, values_of(fields))
    if changes:
        save_validated(unit)
        record_audit(actor=actor, action="unit.update", target=unit,
                     summary=f"Sửa đơn vị {unit}", changes=changes)
    return unit


# --- Positions ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class PositionFields:
    role: str
    title: str
    start_date: dt.date
    organization: Organization | None = None
    unit: Unit | None = None
    end_date: dt.date | None = None
    signing_title: str = ""

    def cleaned(self) -> PositionFields:
        return dataclasses.replace(
            self, title=nfc(self.title), signing_title=nfc(self.signing_title).upper()
        )


def _check_structure(fields: PositionFields, office: Office) -> dict[str, str]:
    """Role, organization and unit must fit together and belong to the office."""
    errors: dict[str, str] = {}
    organization, unit, role = fields.organization, fields.unit, fields.role
    if role not in Role.values:
        return {"role": "Vai trò không hợp lệ."}
    label = Role(role).label
    if organization is not None and organization.office_id != office.pk:
        errors["organization"] = "Cơ quan đã chọn thuộc văn phòng khác."
    elif role in ORGANIZATION_ROLES and organization is None:
        errors["organization"] = f"Vai trò {label} phải gắn với một cơ quan, tổ chức."
    elif role in OFFICE_ROLES and organization is not None:
        errors["organization"] = f"Vai trò {label} giữ cho toàn văn phòng; để trống cơ quan."
    if unit is not None and unit.office_id != office.pk:
        errors["unit"] = "Đơn vị đã chọn thuộc văn phòng khác."
    elif unit is not None and unit.organization_id != getattr(organization, "pk", None):
        owner = unit.organization.name if unit.organization else "văn phòng"
        errors["unit"] = f"Đơn vị {unit.name} thuộc {owner}, không thuộc cơ quan đã chọn."
    elif role == Role.UNIT_HEAD and unit is None:
        errors["unit"] = "Trưởng đơn vị phải gắn với một đơn vị."
    return errors


def _overlapping(
    fields: PositionFields, office: Office, editing: Position | None
) -> QuerySet[Position]:
    """Other positions of the office whose dates overlap the given ones."""
    rows = excluding(Position.objects.filter(office=office), editing)
    rows = rows.filter(models.Q(end_date__isnull=True) | models.Q(end_date__gte=fields.start_date))
    if fields.end_date is not None:
        rows = rows.filter(start_date__lte=fields.end_date)
    return rows


def _check_overlaps(
    fields: PositionFields, person: User, office: Office, editing: Position | None
) -> dict[str, str]:
    overlapping = _overlapping(fields, office, editing)
    same = overlapping.filter(
        person=person, role=fields.role, organization=fields.organization, unit=fields.unit
    )
    if same.exists():
        return {"role": "Người này đã giữ vai trò này ở cùng nơi trong khoảng thời gian đó."}
    if fields.role == Role.HEAD:
        other = overlapping.filter(role=Role.HEAD, organization=fields.organization).exclude(
            person=person
        ).select_related("person").first()
        if other:
            return {"role": (
                f"{other.person} đang là người đứng đầu {fields.organization} từ "
                f"{other.start_date:%d/%m/%Y}; hãy kết thúc chức vụ đó trước ngày bắt đầu."
            )}
    return {}


def _check_position(
    fields: PositionFields, person: User, office: Office, editing: Position | None = None
) -> None:
    errors = _check_structure(fields, office)
    if not fields.title:
        errors["title"] = "Cần ghi chức danh, ví dụ: Chuyên viên Phòng Kinh tế."
    if fields.end_date is not None and fields.end_date < fields.start_date:
        errors["end_date"] = "Ngày kết thúc không thể trước ngày bắt đầu."
    if not errors:
        errors = _check_overlaps(fields, person, office, editing)
    _raise_if(errors, "Chức vụ chưa hợp lệ.")


def _guard_own_admin_post(actor: User, position: Position) -> None:
    """An office administrator cannot end or change their own administrator post: the
    office would be left without anyone able to undo it."""
    if position.person_id == actor.pk and position.role == Role.ADMIN and not actor.is_superuser:
        raise NotAllowed(
            "Bạn không thể tự sửa hoặc kết thúc vai trò quản trị của mình; "
            "hãy nhờ một quản trị viên khác."
        )


@transaction.atomic
def add_position(*, actor: User, person: User, office: Office, fields: PositionFields) -> Position:
    """Give a person one more post; earlier posts stay as they are (kiêm nhiệm)."""
    access.require_office(actor, office.pk)
    fields = fields.cleaned()
    _check_position(fields, person, office)
    position = Position(person=person, office=office, **values_of(fields))
    save_validated(position)
    forget_standing(person)
    record_audit(actor=actor, action="position.add", target=position,
                 summary=f"Giao chức vụ {position.title} cho {person}")
    return position


@transaction.atomic
def update_position(*, actor: User, position: Position, fields: PositionFields) -> Position:
    access.require_office(actor, position.office_id)
    _guard_own_admin_post(actor, position)
    fields = fields.cleaned()
    _check_position(fields, position.person, position.office, editing=position)
    changes = apply_changes(position, values_of(fields))
    if changes:
        save_validated(position)
        forget_standing(position.person)
        record_audit(actor=actor, action="position.update", target=position,
                     summary=f"Sửa chức vụ {position.title} của {position.person}",
                     changes=changes)
    return position


@transaction.atomic
def end_position(*, actor: User, position: Position, on: dt.date) -> Position:
    """The post is held through `on` and no longer from the next day. Never deleted."""
    access.require_office(actor, position.office_id)
    _guard_own_admin_post(actor, position)
    if on < position.start_date:
        raise Invalid(
            f"Ngày kết thúc không thể trước ngày bắt đầu ({position.start_date:%d/%m/%Y}).",
            fields={"end_date": "Trước ngày bắt đầu."},
        )
    if position.end_date is not None and position.end_date <= on:
        raise Invalid(f"Chức vụ đã kết thúc ngày {position.end_date:%d/%m/%Y}.",
                      fields={"end_date": "Chức vụ đã kết thúc."})
    old = position.end_date
    position.end_date = on
    save_validated(position)
    forget_standing(position.person)
    record_audit(actor=actor, action="position.end", target=position,
                 summary=f"Kết thúc chức vụ {position.title} của {position.person} "
                         f"từ sau ngày {on:%d/%m/%Y}",
                 changes={"end_date": [plain(old), on.isoformat()]})
    return position


# --- People ------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class PersonFields:
    username: str
    full_name: str
    email: str = ""
    phone: str = ""

    def cleaned(self) -> PersonFields:
        return dataclasses.replace(
            self, username=self.username.strip(), full_name=nfc(self.full_name),
            email=self.email.strip(), phone=nfc(self.phone),
        )


def _check_person(fields: PersonFields, person: User | None) -> None:
    errors: dict[str, str] = {}
    if not fields.full_name:
        errors["full_name"] = "Cần ghi họ và tên."
    if not fields.username:
        errors["username"] = "Cần ghi tên đăng nhập."
    else:
        try:
            UnicodeUsernameValidator()(fields.username)
        except ValidationError:
            errors["username"] = "Tên đăng nhập chỉ gồm chữ, số và các ký tự @ . + - _."
        else:
            others = excluding(User.objects.all(), person)
            if has_same_name(others.values_list("username", flat=True), fields.username):
                errors["username"] = "Tên đăng nhập này đã có người dùng."
    _raise_if(errors)


def _check_password(password: str, user: User) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        problems = " ".join(error.messages)
        raise Invalid(f"Mật khẩu chưa đủ an toàn. {problems}",
                      fields={"password": problems}) from error


def _office_of(person: User) -> int | None:
    return Position.objects.filter(person=person).values_list("office_id", flat=True).first()


@transaction.atomic
def create_person(
    *, actor: User, office: Office, fields: PersonFields, password: str,
    first_position: PositionFields,
) -> User:
    """Create an account together with its first post, which ties it to the office."""
    access.require_office(actor, office.pk)
    fields = fields.cleaned()
    _check_person(fields, None)
    person = User(**values_of(fields))
    _check_password(password, person)
    person.set_password(password)
    save_validated(person)
    record_audit(actor=actor, action="person.create", target=person, office_id=office.pk,
                 summary=f"Thêm người dùng {person.full_name} ({person.username})")
    add_position(actor=actor, person=person, office=office, fields=first_position)
    return person


@transaction.atomic
def update_person(*, actor: User, person: User, fields: PersonFields) -> User:
    access.require_account_manager(actor, person)
    fields = fields.cleaned()
    _check_person(fields, person)
    changes = apply_changes(person, values_of(fields))
    if changes:
        save_validated(person, exclude=["password"])
        record_audit(actor=actor, action="person.update", target=person,
                     office_id=_office_of(person), summary=f"Sửa thông tin {person.full_name}",
                     changes=changes)
    return person


@transaction.atomic
def set_person_active(*, actor: User, person: User, active: bool, reason: str = "") -> User:
    """Deactivate (or reactivate) an account. People with history are never deleted;
    a deactivated account cannot log in and drops out of every choice list."""
    access.require_account_manager(actor, person)
    if person.pk == actor.pk and not active:
        raise NotAllowed("Bạn không thể tự ngừng hoạt động tài khoản của mình.")
    if person.is_active == active:
        state = "đang hoạt động" if active else "đã ngừng hoạt động"
        raise Invalid(f"Tài khoản {person.username} {state} rồi.")
    person.is_active = active
    person.save(update_fields=["is_active"])
    forget_standing(person)
    verb = "Cho hoạt động lại" if active else "Ngừng hoạt động"
    record_audit(actor=actor, action="person.reactivate" if active else "person.deactivate",
                 target=person, office_id=_office_of(person),
                 summary=f"{verb} tài khoản {person.full_name}", reason=nfc(reason))
    return person


def has_history_message(person: User) -> str:
    return (f"Không xóa được {person.full_name}: người này đã có lịch sử trong hệ thống "
            "(văn bản, nhiệm vụ, nhật ký...). Hãy chọn “Ngừng hoạt động”: tài khoản không "
            "đăng nhập được nữa, lịch sử vẫn giữ đúng tên người đã làm.")


def delete_person(*, actor: User, person: User, reason: str = "") -> None:
    """Delete an account nothing refers to yet (created by mistake), with its posts.
    A person with history is refused: they are deactivated instead."""
    access.require_account_manager(actor, person)
    if person.pk == actor.pk:
        raise NotAllowed("Bạn không thể tự xóa tài khoản của mình.")
    if person.has_history():
        raise Conflict(has_history_message(person))
    try:
        with transaction.atomic():
            record_audit(actor=actor, action="person.delete", target=person,
                         office_id=_office_of(person), reason=nfc(reason),
                         summary=f"Xóa người dùng {person.full_name} ({person.username})")
            person.delete()
    except (ProtectedError, RestrictedError, IntegrityError) as error:
        # History written between the check and the deletion.
        raise Conflict(has_history_message(person)) from error


@transaction.atomic
def reset_password(*, actor: User, person: User, password: str) -> User:
    access.require_account_manager(actor, person)
    _check_password(password, person)
    person.set_password(password)
    person.save(update_fields=["password"])
    # The password itself is never written to the log.
    record_audit(actor=actor, action="person.password_reset", target=person,
                 office_id=_office_of(person), summary=f"Đặt lại mật khẩu cho {person.full_name}")
    return person
